"""The demo POS's HTTP client for the till's host API: the calls a real POS makes, over loopback.

Plain Python (`http.client`, no Qt) and blocking: `app/demo/pos.py` runs it on a worker thread.
Every call of the host API is safe to repeat, so a kept-alive connection the server closed in
the meantime is simply opened again and the call sent once more.
"""
from __future__ import annotations

import http.client
import json
import logging
from decimal import Decimal
from typing import Any, Mapping
from urllib.parse import quote, urlsplit

from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine

log = logging.getLogger(__name__)


class PosCallRefused(Exception):
    """The host API answered an error: its contract code, its message (in the till's language),
    the HTTP status, and whether the same call may succeed later."""

    def __init__(self, code: str, message: str, status: int, retryable: bool = False) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.retryable = retryable


def receipt_body(receipt: Receipt) -> dict[str, Any]:
    """The receipt as `PUT /v1/receipts/{receiptId}` takes it."""
    return {
        "storeId": receipt.store_id,
        "tillId": receipt.till_id,
        "lines": [_line(line) for line in receipt.lines],
    }


def _line(line: ReceiptLine) -> dict[str, Any]:
    body: dict[str, Any] = {
        "lineNo": line.line_no,
        "sku": line.sku,
        "name": line.name,
        "quantity": _decimal_text(line.quantity),
        "price": f"{line.price:.2f}",
        "amount": f"{line.amount:.2f}",
        "redeemAllowed": line.redeem_allowed,
        "accrualAllowed": line.accrual_allowed,
    }
    if line.min_price is not None:
        body["minPrice"] = f"{line.min_price:.2f}"
    return body


def _decimal_text(value: Any) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class PosClient:
    """One POS's connection to the host API at `url` (e.g. `http://127.0.0.1:8766`) with its token."""

    def __init__(self, url: str, token: str, *, timeout: float = 30.0) -> None:
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname is None or parts.port is None:
            raise ValueError(f"not a host API address: {url!r}")
        self._host = parts.hostname
        self._port = parts.port
        self._token = token
        self._timeout = timeout
        self._connection: http.client.HTTPConnection | None = None

    def put_receipt(self, receipt: Receipt) -> dict[str, Any]:
        """Hand over the receipt (or its new lines); the receipt state comes back."""
        return self._call("PUT", f"/v1/receipts/{quote(receipt.receipt_id, safe='')}", receipt_body(receipt))

    def add_coupon(self, receipt_id: str, code: str) -> dict[str, Any]:
        """Add a scanned offer coupon to the receipt; the receipt state comes back."""
        return self._call("POST", f"/v1/receipts/{quote(receipt_id, safe='')}/coupons", {"code": code})

    def close_receipt(self, receipt_id: str) -> dict[str, Any]:
        """Close the receipt: it awaits the code, the approval or the payment."""
        return self._call("POST", f"/v1/receipts/{quote(receipt_id, safe='')}/close")

    def paid(self, receipt_id: str, document: FiscalDocument) -> dict[str, Any]:
        """Report the receipt paid and fiscalised as `document`."""
        fiscal = {"documentNumber": document.document_number, "closedAt": document.closed_at.isoformat()}
        return self._call("POST", f"/v1/receipts/{quote(receipt_id, safe='')}/paid", {"fiscal": fiscal})

    def void(self, receipt_id: str) -> dict[str, Any]:
        """Void the receipt, releasing what it held."""
        return self._call("POST", f"/v1/receipts/{quote(receipt_id, safe='')}/void")

    def put_return(
        self, return_id: str, original_receipt_id: str, document: FiscalDocument, lines: Mapping[int, Decimal]
    ) -> dict[str, Any]:
        """Report a return of goods: the original receipt, the return's fiscal document and the
        quantity returned of each line; the return's state (points taken back and given back) comes back."""
        body = {
            "originalReceiptId": original_receipt_id,
            "fiscal": {"documentNumber": document.document_number, "closedAt": document.closed_at.isoformat()},
            "lines": [{"lineNo": number, "quantity": _decimal_text(quantity)} for number, quantity in sorted(lines.items())],
        }
        return self._call("PUT", f"/v1/returns/{quote(return_id, safe='')}", body)

    def close(self) -> None:
        """Close the connection (a later call opens it again)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        payload = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            reused = self._connection is not None
            connection = self._connect()
            try:
                connection.request(method, path, payload, headers)
                response = connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if reused and attempt == 1:  # the server closed an idle kept-alive connection
                    continue
                raise
            except Exception:
                self.close()
                raise
            return _answer(response.status, data)
        raise AssertionError("unreachable")

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
        return self._connection


def _answer(status: int, data: bytes) -> dict[str, Any]:
    try:
        answer = json.loads(data.decode("utf-8")) if data else {}
    except ValueError:
        answer = {}
    if 200 <= status < 300 and isinstance(answer, dict):
        return answer
    error = answer.get("error", {}) if isinstance(answer, dict) else {}
    raise PosCallRefused(
        str(error.get("code", "HTTP_ERROR")),
        str(error.get("message", data[:200].decode("utf-8", "replace"))),
        status,
        bool(error.get("retryable", False)),
    )
