"""Connections that never finish their headers do not keep the tills out for long."""
from __future__ import annotations

import socket
from contextlib import ExitStack
from pathlib import Path
from typing import Iterator

import pytest
import requests

from loyalty_client.sandbox import RunningSandbox, SandboxClock, start_sandbox
from loyalty_client.sandbox.serving.server import CONNECTION_LIMIT
from tests.integration.sandbox_soap import TL, E, envelope, read

pytestmark = pytest.mark.integration

DEADLINE = 60  # seconds; waitress's own defaults would keep the idle connections for 120-150 s


def idle_connections(url: str, count: int, stack: ExitStack) -> list[socket.socket]:
    """`count` connections that each send the start of a request and then nothing."""
    host, port = url.removeprefix("http://").strip("/").rsplit(":", 1)
    sockets = []
    for _ in range(count):
        connection = stack.enter_context(socket.create_connection((host, int(port)), timeout=DEADLINE))
        connection.sendall(b"POST / HTTP/1.1\r\nHost: sandbox\r\nContent-Type: text/xml\r\n")
        sockets.append(connection)
    return sockets


def answers_despite_idle_connections(sandbox: RunningSandbox, count: int) -> None:
    with ExitStack() as stack:
        idle = idle_connections(sandbox.url, count, stack)
        response = requests.post(
            sandbox.url,
            data=envelope(E.GetProgramRequest(E.storeId("001"))),
            headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'},
            timeout=DEADLINE,
        )
        assert read(response).tag == f"{{{TL}}}GetProgramResponse"
        for connection in idle[:5]:  # the first ones were accepted: the sandbox closed them
            assert connection.recv(1024) == b""


def test_more_idle_connections_than_the_limit_do_not_keep_a_till_out(sandbox: RunningSandbox) -> None:
    answers_despite_idle_connections(sandbox, CONNECTION_LIMIT + 20)


@pytest.fixture
def small_sandbox(tmp_path: Path, sandbox_clock: SandboxClock) -> Iterator[RunningSandbox]:
    running = start_sandbox(
        f"sqlite:///{tmp_path / 'sandbox.sqlite'}", clock=sandbox_clock, connection_limit=8, channel_timeout=1
    )
    try:
        yield running
    finally:
        running.stop()


def test_the_limits_given_to_start_sandbox_are_used(small_sandbox: RunningSandbox) -> None:
    answers_despite_idle_connections(small_sandbox, 20)
