"""A POS drives the till through the host API: a real uvicorn server on a free loopback port,
httpx as the POS, the sandbox over HTTP, the till's SQLite file on disk.
"""
from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from app.checkout.session import Phase
from cache.journal import Journal
from cache.outbox import Outbox
from cache.tables import Operation, OutboxState
from loyalty_client.sandbox.transaction_log import recorded_transactions
from loyalty_client.types import Identifier, IdentifierKind
from tests.integration.host_api_till import ApiTill, events, start_api_till

pytestmark = pytest.mark.integration

ANNA = "+375 29 123-45-67"
CLOSED_AT = "2026-11-20T15:05:00+03:00"


def receipt(*amounts: str, quantity: str = "1") -> dict:
    return {
        "lines": [
            {
                "lineNo": number,
                "sku": f"48100010000{number}",
                "name": f"Товар {number}",
                "quantity": quantity,
                "price": amount,
                "amount": str(Decimal(amount) * Decimal(quantity)),
            }
            for number, amount in enumerate(amounts, start=1)
        ]
    }


COFFEE_X4 = receipt("15.90", quantity="4")  # 63.60: 31.80 redeemable, a code from 20.00


@pytest.fixture
def till(qtbot, sandbox, tmp_path: Path):
    running = start_api_till(qtbot, sandbox.url, tmp_path / "till.sqlite")
    yield running
    running.stop()


def spendable(sandbox) -> Decimal:
    return sandbox.service.identify(Identifier(IdentifierKind.PHONE, "+375291234567"), "001", "01").balance.spendable


def ok(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code, body
    assert body["error"]["message"] and isinstance(body["error"]["retryable"], bool)
    return body["error"]


def test_a_whole_sale_with_the_one_time_code_paid_with_the_hosts_fiscal_document(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        state = ok(pos.put("/v1/receipts/R-1001", json=COFFEE_X4))
        assert (state["receiptId"], state["phase"], state["toPay"]) == ("R-1001", "no_customer", "63.60")
        state = ok(pos.post("/v1/receipts/R-1001/customer", json={"identifier": ANNA}))
        assert state["phase"] == "identified"
        assert state["customer"]["maskedPhone"] == "+375 29 ***-**-67"
        assert state["calculation"]["maxRedeem"] == "31.80"
        state = ok(pos.post("/v1/receipts/R-1001/redeem", json={"amount": "25.00"}))
        assert state["redeem"] == "25.00"
        state = ok(pos.post("/v1/receipts/R-1001/close"))
        assert state["phase"] == "awaiting_code"
        state = ok(pos.post("/v1/receipts/R-1001/code", json={"code": sandbox.last_code().code}))
        assert state["phase"] == "awaiting_payment"
        assert state["toPay"] == "38.60"
        # the fiscal lines to print: 4 × 15.90 less 25.00 = 38.60 does not divide by 4: two lines
        assert [(line["quantity"], line["price"]) for line in state["lines"]] == [("2", "9.65"), ("2", "9.65")] or (
            sum(Decimal(line["amount"]) for line in state["lines"]) == Decimal("38.60")
            and sum(Decimal(line["discount"]) for line in state["lines"]) == Decimal("25.00")
        )
        assert spendable(sandbox) == Decimal("100.50"), "reserved on close"

        paid = {"fiscal": {"documentNumber": "000451", "closedAt": CLOSED_AT}}
        closed = ok(pos.post("/v1/receipts/R-1001/paid", json=paid))
        assert closed["phase"] == "closed" and closed["transactionId"]
        assert closed["fiscalDocumentNumber"] == "000451"
        assert ok(pos.post("/v1/receipts/R-1001/paid", json=paid)) == closed, "paid again answers the same"

    [entry] = Journal(till.database).sales_of_receipt("R-1001")
    assert (entry.key, entry.fiscal_document) == (closed["transactionId"], "000451")
    assert till.sync.drain().done == 1
    ledger = [row for row in recorded_transactions(sandbox.engine) if row["transactionId"] == closed["transactionId"]]
    assert len(ledger) == 1, "the sandbox has the sale once"
    assert (ledger[0]["kind"], ledger[0]["redeem"]) == ("purchase", "25.00")
    assert spendable(sandbox) == Decimal("100.50")
