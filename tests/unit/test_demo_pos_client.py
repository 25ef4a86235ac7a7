"""The demo POS's HTTP client against a real loopback server: the receipt as the contract takes
it, errors in the contract's shape, and a kept-alive connection the server closed meanwhile."""
from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from app.demo.pos_client import PosCallRefused, PosClient, receipt_body
from fiscal.receipt import Receipt, ReceiptLine

WINE = ReceiptLine(1, "4810001000062", "Вино", Decimal("2.000"), Decimal("12.50"), Decimal("25.00"), min_price=Decimal("9"))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # the client keeps the connection; the server drops it after one answer
    seen: list[tuple[str, str, dict | None, int]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length)) if length else None
        self.seen.append((self.command, self.path, body, self.client_address[1]))
        if self.path.endswith("/void"):
            status, answer = 409, {"error": {"code": "WRONG_PHASE", "message": "Receipt R/1 is paid.", "retryable": False}}
        else:
            status, answer = 200, {"phase": "no_customer", "auth": self.headers.get("Authorization")}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.close_connection = True

    do_PUT = do_POST = _answer

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_receipt_body_writes_money_and_quantities_as_the_contract_does() -> None:
    receipt = Receipt("R-1", "001", "01", datetime(2026, 1, 5, tzinfo=timezone.utc), (WINE,))
    assert receipt_body(receipt) == {
        "storeId": "001",
        "tillId": "01",
        "lines": [
            {"lineNo": 1, "sku": "4810001000062", "name": "Вино", "quantity": "2", "price": "12.50",
             "amount": "25.00", "redeemAllowed": True, "accrualAllowed": True, "minPrice": "9.00"},
        ],
    }


def test_calls_go_on_after_the_server_closed_the_kept_connection(server) -> None:
    client = PosClient(server, "secret-token", timeout=5)
    receipt = Receipt("R/1", "001", "01", datetime(2026, 1, 5, tzinfo=timezone.utc), (WINE,))
    assert client.put_receipt(receipt)["auth"] == "Bearer secret-token"
    assert client.close_receipt("R/1")["phase"] == "no_customer"  # sent again on a new connection
    with pytest.raises(PosCallRefused) as refused:
        client.void("R/1")
    client.close()
    assert (refused.value.status, refused.value.code, refused.value.message) == (409, "WRONG_PHASE", "Receipt R/1 is paid.")
    paths = [(method, path) for method, path, _body, _port in _Handler.seen]
    assert ("PUT", "/v1/receipts/R%2F1") in paths and ("POST", "/v1/receipts/R%2F1/close") in paths
    assert _Handler.seen[0][2]["lines"][0]["quantity"] == "2"
    assert len({port for *_rest, port in _Handler.seen}) == 3, "a new connection each time the server closed one"
