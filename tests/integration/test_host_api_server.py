"""The host API's server: where it listens, a port in use, the kept OpenAPI document, stopping."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import httpx
import pytest

from app.cli.host_api import KEPT_DOCUMENT, openapi_text
from app.host_api.server import HostApiServer, HostApiUnavailable, bind
from tests.integration.host_api_till import TOKEN, start_api_till

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("address", ["0.0.0.0", "192.168.1.10", "::", "localhost", "example.com", ""])
def test_the_api_refuses_to_listen_anywhere_but_loopback(address: str) -> None:
    with pytest.raises(HostApiUnavailable, match="127.0.0.1 or ::1"):
        bind(address, 0)


def test_a_port_in_use_is_said_plainly() -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        server = HostApiServer(object(), "127.0.0.1", port)
        with pytest.raises(HostApiUnavailable, match=f"port {port} on 127.0.0.1 is in use by another program"):
            server.start()
    finally:
        taken.close()


def test_the_served_openapi_document_is_the_one_kept(qtbot, sandbox, tmp_path: Path) -> None:
    till = start_api_till(qtbot, sandbox.url, tmp_path / "till.sqlite")
    try:
        with till.client() as pos:
            served = pos.get("/v1/openapi.json")
        assert served.status_code == 200
        kept = json.loads(KEPT_DOCUMENT.read_text(encoding="utf-8"))
        assert served.json() == kept, "the contract changed: run scripts/update-openapi.sh if on purpose"
        assert KEPT_DOCUMENT.read_text(encoding="utf-8") == openapi_text()
        paths = set(kept["paths"])
        assert {
            "/v1/status",
            "/v1/receipts/{receiptId}",
            "/v1/receipts/{receiptId}/customer",
            "/v1/receipts/{receiptId}/redeem",
            "/v1/receipts/{receiptId}/coupons",
            "/v1/receipts/{receiptId}/coupons/{code}",
            "/v1/receipts/{receiptId}/close",
            "/v1/receipts/{receiptId}/code",
            "/v1/receipts/{receiptId}/paid",
            "/v1/receipts/{receiptId}/void",
            "/v1/returns/{returnId}",
            "/v1/shift",
            "/v1/events",
        } == paths
        assert "HTTPBearer" in kept["components"]["securitySchemes"]
    finally:
        till.stop()


def test_stopping_ends_event_streams_and_frees_the_port(qtbot, sandbox, tmp_path: Path) -> None:
    till = start_api_till(qtbot, sandbox.url, tmp_path / "till.sqlite")
    port = till.server.port
    client = httpx.Client(base_url=till.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    with client.stream("GET", "/v1/events") as response:
        assert response.status_code == 200
        till.server.stop()
        assert b"".join(response.iter_bytes()) is not None  # the stream ends instead of hanging
    client.close()
    till.worker.stop()
    till.database.close()
    again = bind("127.0.0.1", port)
    again.close()


def test_the_token_command_prints_the_same_secret_every_time(tmp_path: Path, capsys) -> None:
    from app.cli.main import main

    options = ["--config", str(tmp_path / "till.ini"), "--db", str(tmp_path / "data" / "till.sqlite")]
    assert main(["host-api", "token", *options]) == 0
    first = capsys.readouterr().out.strip()
    assert main(["host-api", "token", *options]) == 0
    assert capsys.readouterr().out.strip() == first
    assert len(first) == 64 and int(first, 16) >= 0, "32 random bytes in hex"
    assert not list((tmp_path / "data").glob("*host-api*")), "never beside the database"


def test_the_api_is_served_by_the_c_http_parser_on_uvloop_where_it_exists() -> None:
    import sys

    seen: dict[str, str] = {}

    async def report(scope, receive, send) -> None:  # a bare ASGI app: where it runs, what parsed it
        import asyncio
        import inspect

        seen["loop"] = type(asyncio.get_running_loop()).__module__
        seen["parser"] = next(
            (type(frame.frame.f_locals.get("self")).__module__ for frame in inspect.stack()
             if "uvicorn.protocols.http" in type(frame.frame.f_locals.get("self")).__module__),
            "",
        )
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    server = HostApiServer(report, "127.0.0.1", 0)
    server.start()
    try:
        assert httpx.get(f"{server.url}/", timeout=10).status_code == 204
    finally:
        server.stop()
    assert seen["parser"] == "uvicorn.protocols.http.httptools_impl"
    assert seen["loop"].startswith("uvloop") or sys.platform == "win32", seen["loop"]
