"""Every SOAP call has a total deadline, whatever the server does: real loopback servers that drip
their answer a byte at a time, accept and never answer, or send the headers and then stall.

A call ends with `ServiceUnavailable` ("timed out") within its deadline plus a margin: the
cashier's call (the till's interactive timeouts, about a second) and the outbox sync's call alike.
Upper bounds are generous (three times the deadline) and only there to catch a hang; a call that
hangs fails the test at that bound (`run_within`) rather than hanging the suite.
"""
from __future__ import annotations

import ssl
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pytest

from app.offline.connectivity import INTERACTIVE_TIMEOUTS, ServiceTimeouts
from app.service.factory import service_for
from app.offline.outbox_sync import OutboxSync, SyncOutcome, cancel_payload
from cache.database import open_database
from cache.transactions.journal import Journal
from loyalty_client.errors import ServiceUnavailable
from loyalty_client.soap.client import SoapLoyaltyService
from tests.integration.bad_servers import (
    CannedServer,
    DripServer,
    SilentServer,
    _Server,
    http_answer,
    run_within,
    self_signed_tls,
)
from tests.integration.test_soap_client_failures import ANNA, CANCELLED, CUSTOMER_FULL

pytestmark = pytest.mark.integration

DEADLINE = INTERACTIVE_TIMEOUTS.total_seconds  # what the cashier's calls are given
MARGIN = 3.0  # times the deadline: long enough for a loaded machine, short of any hang


def drip_in_headers() -> _Server:
    return DripServer(http_answer(CUSTOMER_FULL), interval=0.3, part="headers")


def drip_in_body() -> _Server:
    return DripServer(http_answer(CUSTOMER_FULL), interval=0.3, part="body")


def drip_in_headers_past_the_status_line() -> _Server:
    # The status line is whole before the deadline, the headers are not: cut there, they read as
    # ended (and the body as empty).
    return DripServer(http_answer(CUSTOMER_FULL), interval=0.05, part="headers")


def drip_in_body_without_length() -> _Server:
    # Cut there, a body without a length reads as ended.
    return DripServer(http_answer(CUSTOMER_FULL, send_length=False), interval=0.05, part="body")


def headers_then_silence() -> _Server:
    return DripServer(http_answer(CUSTOMER_FULL), interval=3600, part="body")


def silent() -> _Server:
    return SilentServer()


MISBEHAVING = [
    pytest.param(drip_in_headers, id="drips-headers"),
    pytest.param(drip_in_body, id="drips-body"),
    pytest.param(drip_in_headers_past_the_status_line, id="drips-headers-past-the-status-line"),
    pytest.param(drip_in_body_without_length, id="drips-body-without-length"),
    pytest.param(headers_then_silence, id="headers-then-stalls"),
    pytest.param(silent, id="accepts-never-answers"),
]


@pytest.mark.parametrize("make_server", MISBEHAVING)
def test_a_cashiers_call_gives_up_within_its_deadline(make_server: Callable[[], _Server]) -> None:
    with make_server() as server:
        service = service_for(server.url, None, INTERACTIVE_TIMEOUTS)
        outcome = run_within(MARGIN * DEADLINE, lambda: service.identify(ANNA, "001", "01"))
    assert isinstance(outcome.error, ServiceUnavailable), outcome
    assert "timed out" in str(outcome.error)
    assert outcome.seconds >= DEADLINE * 0.9  # it did wait for the server, up to its deadline
    service.close()


def test_the_post_is_sent_once_and_never_retried() -> None:
    with drip_in_body() as server:
        service = service_for(server.url, None, INTERACTIVE_TIMEOUTS)
        outcome = run_within(MARGIN * DEADLINE, lambda: service.cancel("T-1"))
        assert isinstance(outcome.error, ServiceUnavailable)
        assert isinstance(server, DripServer) and server.requests == 1
    service.close()


def test_the_outbox_sync_gives_up_within_its_deadline(tmp_path: Path) -> None:
    deadline = 2.0  # a background call: a few seconds, as the load runner's sync client
    database = open_database(tmp_path / "till.sqlite")
    Journal(database).record_cancel("T-1", "C0001", cancel_payload("T-1"), datetime.now(timezone.utc))
    with drip_in_headers() as server:
        client = service_for(server.url, None, ServiceTimeouts(connect_seconds=0.5, total_seconds=deadline))
        sync = OutboxSync(database, client)
        outcome = run_within(MARGIN * deadline, sync.run_once)
    assert outcome.error is None, outcome
    report = outcome.result
    assert report.outcome is SyncOutcome.RETRY and report.offline
    assert "timed out" in report.detail
    assert outcome.seconds >= deadline * 0.9
    client.close()
    database.engine.dispose()


def test_expired_calls_leave_no_thread_behind() -> None:
    with SilentServer() as server, SoapLoyaltyService(server.url, timeout_seconds=0.2) as service:
        with pytest.raises(ServiceUnavailable):
            service.cancel("T-0")  # the process's one watchdog thread exists from here on
        before = set(threading.enumerate())  # other tests' threads may end meanwhile: count only new ones
        for n in range(5):
            with pytest.raises(ServiceUnavailable, match="timed out"):
                service.cancel(f"T-{n + 1}")
        assert set(threading.enumerate()) - before == set()
    names = [thread.name for thread in threading.enumerate()]
    assert names.count("soap-deadlines") == 1


def test_a_finished_call_never_cuts_the_next_one_on_the_same_connection() -> None:
    # Calls far shorter than their deadline, back to back on one kept-alive connection, for
    # several deadlines: if a finished call's deadline could still shut the socket down, one of
    # the later calls would fail and the server would see a second connection.
    with CannedServer(200, CANCELLED) as server:
        with SoapLoyaltyService(server.url, timeout_seconds=0.2) as service:
            until = time.monotonic() + 1.0
            calls = 0
            while time.monotonic() < until:
                assert service.cancel("T-1").cancelled is True
                calls += 1
        assert server.connections == 1
        assert len(server.requests) == calls > 1



# ----- over TLS -------------------------------------------------------------------------------


@pytest.fixture
def tls_server_context(tmp_path: Path) -> tuple[ssl.SSLContext, Path]:
    """A TLS server context for 127.0.0.1 and the certificate for the client to trust."""
    pytest.importorskip("cryptography")
    return self_signed_tls(tmp_path)


@pytest.mark.parametrize("part", ["headers", "body"])
def test_over_tls_a_dripping_server_is_cut_off_at_the_deadline_too(
    tls_server_context: tuple[ssl.SSLContext, Path], part: str
) -> None:
    context, certificate = tls_server_context
    answer = http_answer(CUSTOMER_FULL)
    with DripServer(answer, interval=0, tls=context) as prompt:
        url = prompt.url.replace("http://", "https://")
        with SoapLoyaltyService(url, timeout_seconds=DEADLINE, verify_tls=str(certificate)) as service:
            assert service.identify(ANNA, "001", "01").customer_id == "C0001"  # TLS itself works
    with DripServer(answer, interval=0.3, part=part, tls=context) as server:
        url = server.url.replace("http://", "https://")
        service = SoapLoyaltyService(url, timeout_seconds=DEADLINE, verify_tls=str(certificate))
        outcome = run_within(MARGIN * DEADLINE, lambda: service.identify(ANNA, "001", "01"))
    assert isinstance(outcome.error, ServiceUnavailable), outcome
    assert "timed out" in str(outcome.error)
    service.close()


def test_a_name_is_looked_up_and_every_address_it_has_is_tried() -> None:
    # "localhost" may stand for ::1 before 127.0.0.1; the server listens on 127.0.0.1 only.
    with CannedServer(200, CANCELLED) as server:
        with SoapLoyaltyService(server.url.replace("127.0.0.1", "localhost"), timeout_seconds=2.0) as service:
            assert service.cancel("T-1").cancelled is True


def test_a_hung_name_lookup_ends_within_the_deadline_as_unreachable(monkeypatch) -> None:
    # No resolver can be made to hang here without changing the machine's own: getaddrinfo is
    # replaced by one that blocks until the test ends, as with the network's resolver unreachable.
    from loyalty_client.soap import name_lookup

    released = threading.Event()
    real_getaddrinfo = name_lookup.socket.getaddrinfo

    def hung(host: str, *args, **kwargs):
        if host == "loyalty.till.invalid":
            released.wait(30)
            raise OSError("released")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(name_lookup.socket, "getaddrinfo", hung)
    try:
        service = service_for("http://loyalty.till.invalid:8580/", None, INTERACTIVE_TIMEOUTS)
        outcome = run_within(MARGIN * DEADLINE, lambda: service.identify(ANNA, "001", "01"))
        again = run_within(MARGIN * DEADLINE, lambda: service.identify(ANNA, "001", "01"))
    finally:
        released.set()
    for each in (outcome, again):
        assert isinstance(each.error, ServiceUnavailable), each
        assert each.error.unreachable  # the till goes offline at once, as for a refused connection
    assert outcome.seconds >= DEADLINE * 0.9
    service.close()
