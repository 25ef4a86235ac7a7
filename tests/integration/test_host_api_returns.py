"""Returns from the POS through the host API: a real uvicorn server on a free loopback port, httpx
as the POS, the sandbox over HTTP, the till's SQLite file on disk, the outbox delivered for real.
"""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from cache.tables import Operation, OutboxState
from cache.transactions.outbox import Outbox
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.sandbox.faults import FaultKind, FaultRule
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.types import Identifier, IdentifierKind, RefundLine
from tests.integration.host_api_till import ApiTill, start_api_till

pytestmark = pytest.mark.integration

ANNA = "+375 29 123-45-67"
CLOSED_AT = "2026-11-20T15:05:00+03:00"
RETURNED_AT = "2026-11-20T16:40:00+03:00"


@pytest.fixture
def till(qtbot, sandbox, tmp_path: Path):
    running = start_api_till(qtbot, sandbox.url, tmp_path / "till.sqlite")
    yield running
    running.stop()


def ok(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code, body
    assert body["error"]["message"] and isinstance(body["error"]["retryable"], bool)
    return body["error"]


def spendable(sandbox) -> Decimal:
    return sandbox.service.identify(Identifier(IdentifierKind.PHONE, "+375291234567"), "001", "01").balance.spendable


def sell(pos: httpx.Client, receipt_id: str, redeem: str = "5.00", document: str = "000500") -> dict:
    """Two lines of three (15.90 and 2.49), Anna, `redeem` spent, paid: the closed receipt state."""
    lines = [
        {"lineNo": 1, "sku": "4810001000011", "name": "Кофе", "quantity": "3", "price": "15.90", "amount": "47.70"},
        {"lineNo": 2, "sku": "4810001000028", "name": "Хлеб", "quantity": "3", "price": "2.49", "amount": "7.47"},
    ]
    ok(pos.put(f"/v1/receipts/{receipt_id}", json={"lines": lines}))
    ok(pos.post(f"/v1/receipts/{receipt_id}/customer", json={"identifier": ANNA}))
    ok(pos.post(f"/v1/receipts/{receipt_id}/redeem", json={"amount": redeem}))
    state = ok(pos.post(f"/v1/receipts/{receipt_id}/close"))
    assert state["phase"] == "awaiting_payment", state
    closed = ok(pos.post(f"/v1/receipts/{receipt_id}/paid", json={"fiscal": {"documentNumber": document, "closedAt": CLOSED_AT}}))
    assert closed["phase"] == "closed"
    return closed


def give_back(receipt_id: str, *lines: tuple[int, str], document: str = "R-000900", **extra: str) -> dict:
    return {
        "originalReceiptId": receipt_id,
        "fiscal": {"documentNumber": document, "closedAt": RETURNED_AT},
        "lines": [{"lineNo": number, "quantity": quantity} for number, quantity in lines],
        **extra,
    }


def ledger_row(sandbox, key: str) -> dict:
    [row] = [row for row in recorded_transactions(sandbox.engine) if row["transactionId"] == key]
    return row


def refund_key(till: ApiTill, return_id: str) -> str:
    [item] = [item for item in Outbox(till.database).items() if item.operation is Operation.REFUND
              and item.payload["return"]["request"]["return_id"] == return_id]
    return item.idempotency_key


def test_partial_then_full_return_of_a_delivered_sale_estimates_what_the_service_then_confirms(
    till: ApiTill, sandbox
) -> None:
    with till.client() as pos:
        sale = sell(pos, "R-5001")
        assert till.sync.drain().done == 1
        purchase = ledger_row(sandbox, sale["transactionId"])
        assert Decimal(purchase["accrual"]) > 0 and purchase["points"] == "5.00"

        first = ok(pos.put("/v1/returns/RET-1", json=give_back("R-5001", (1, "1"))))
        assert (first["state"], first["confirmed"], first["newBalance"]) == ("queued", False, None)
        assert first["originalTransactionId"] == sale["transactionId"]
        assert Decimal(first["pointsReversed"]) > 0 and Decimal(first["pointsReturned"]) > 0
        assert till.sync.drain().done == 1
        delivered = ok(pos.get("/v1/returns/RET-1"))
        assert (delivered["state"], delivered["confirmed"]) == ("delivered", True)
        refund = ledger_row(sandbox, refund_key(till, "RET-1"))
        assert (refund["kind"], refund["originalTransactionId"]) == ("refund", sale["transactionId"])
        assert (delivered["pointsReversed"], delivered["pointsReturned"]) == (refund["accrual"], refund["points"])
        assert (first["pointsReversed"], first["pointsReturned"]) == (refund["accrual"], refund["points"]), (
            "the estimate is what the service computed"
        )
        assert Decimal(delivered["newBalance"]) == spendable(sandbox)

        # the rest, a fractional part first: the returns add up to the whole purchase
        second = ok(pos.put("/v1/returns/RET-2", json=give_back("R-5001", (1, "1.5"), (2, "3"))))
        third = ok(pos.put("/v1/returns/RET-3", json=give_back("R-5001", (1, "0.5"))))
        assert till.sync.drain().done == 2
        rows = [ledger_row(sandbox, refund_key(till, key)) for key in ("RET-1", "RET-2", "RET-3")]
        for answer, row in zip((second, third), rows[1:]):
            assert (answer["pointsReversed"], answer["pointsReturned"]) == (row["accrual"], row["points"])
    assert sum(Decimal(row["accrual"]) for row in rows) == Decimal(purchase["accrual"])
    assert sum(Decimal(row["points"]) for row in rows) == Decimal(purchase["points"])


def test_a_return_of_a_sale_still_queued_is_delivered_after_it_each_once(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        sale = sell(pos, "R-5101")
        answer = ok(pos.put("/v1/returns/RET-11", json=give_back("R-5101", (2, "2"))))
        assert answer["state"] == "queued"
    sandbox.faults.schedule(FaultRule(FaultKind.HTTP500, "CommitPurchase", times=1))
    report = till.sync.drain()
    assert (report.done, report.retried) == (0, 1), "the sale backs off and its return waits behind it"
    assert not [row for row in recorded_transactions(sandbox.engine) if row["kind"] == "refund"]
    till.sync.outbox.make_pending_due()
    assert till.sync.drain().done == 2
    assert till.sync.drain().done == 0
    keys = [row["transactionId"] for row in recorded_transactions(sandbox.engine)]
    refund_id = refund_key(till, "RET-11")
    assert keys.count(sale["transactionId"]) == 1 and keys.count(refund_id) == 1
    assert keys.index(sale["transactionId"]) < keys.index(refund_id)


def test_a_return_of_more_than_was_sold_is_refused_in_one_return_or_over_several(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        sell(pos, "R-5201")
        refused = error(pos.put("/v1/returns/RET-21", json=give_back("R-5201", (1, "4"))), 422, "RETURN_EXCEEDS_SALE")
        assert "3" in refused["message"] and "4" in refused["message"]
        ok(pos.put("/v1/returns/RET-22", json=give_back("R-5201", (1, "2"), (2, "1"))))
        error(pos.put("/v1/returns/RET-23", json=give_back("R-5201", (2, "1"), (1, "1.001"))), 422, "RETURN_EXCEEDS_SALE")
        error(pos.put("/v1/returns/RET-24", json=give_back("R-5201", (3, "1"))), 422, "INVALID_REQUEST")
        error(pos.put("/v1/returns/RET-25", json=give_back("R-5201", (1, "0"))), 422, "INVALID_REQUEST")
        error(pos.put("/v1/returns/RET-26", json=give_back("R-5201", (1, "1"), (1, "1"))), 422, "INVALID_REQUEST")
        error(pos.get("/v1/returns/RET-21"), 404, "RETURN_NOT_FOUND")
        ok(pos.put("/v1/returns/RET-27", json=give_back("R-5201", (1, "1"), (2, "2"))))  # exactly the rest
    refunds = [item for item in Outbox(till.database).items() if item.operation is Operation.REFUND]
    assert len(refunds) == 2, "nothing is queued for a refused return"
    assert till.sync.drain().done == 3
    assert Outbox(till.database).counts()[OutboxState.FAILED] == 0


def test_a_repeated_return_answers_the_same_and_queues_nothing_new(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        sell(pos, "R-5301")
        body = give_back("R-5301", (1, "1"), (2, "1.000"))
        first = ok(pos.put("/v1/returns/RET-31", json=body))
        assert ok(pos.put("/v1/returns/RET-31", json=body)) == first
        same = give_back("R-5301", (2, "1"), (1, "1"))  # the same lines written otherwise
        assert ok(pos.put("/v1/returns/RET-31", json=same)) == first
        assert ok(pos.get("/v1/returns/RET-31")) == first
        other = give_back("R-5301", (1, "2"))
        error(pos.put("/v1/returns/RET-31", json=other), 409, "RETURN_CONFLICT")
        assert len([item for item in Outbox(till.database).items() if item.operation is Operation.REFUND]) == 1
        assert till.sync.drain().done == 2
        delivered = ok(pos.put("/v1/returns/RET-31", json=body))
        assert (delivered["state"], delivered["confirmed"]) == ("delivered", True)
    assert till.sync.drain().done == 0
    assert len([row for row in recorded_transactions(sandbox.engine) if row["kind"] == "refund"]) == 1


def test_an_offline_return_is_queued_and_delivered_after_the_service_is_back(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        ok(pos.put("/v1/receipts/R-5400", json={"lines": [
            {"lineNo": 1, "sku": "1", "name": "Вода", "quantity": "1", "price": "2.49", "amount": "2.49"}]}))
        ok(pos.post("/v1/receipts/R-5400/customer", json={"identifier": ANNA}))  # seen once: cached
        ok(pos.post("/v1/receipts/R-5400/void"))
        with sandbox.refusing():
            sale = sell(pos, "R-5401", redeem="0.00")
            answer = ok(pos.put("/v1/returns/RET-41", json=give_back("R-5401", (1, "2"))))
            assert (answer["state"], answer["confirmed"]) == ("queued", False)
            assert Decimal(answer["pointsReversed"]) > 0 and answer["pointsReturned"] == "0.00"
            assert till.sync.drain().done == 0
        till.sync.outbox.make_pending_due()  # the backoff's wait, over
        assert till.sync.drain().done == 2
        delivered = ok(pos.get("/v1/returns/RET-41"))
    refund = ledger_row(sandbox, refund_key(till, "RET-41"))
    assert refund["originalTransactionId"] == sale["transactionId"]
    assert (delivered["pointsReversed"], delivered["pointsReturned"]) == (refund["accrual"], refund["points"])
    assert delivered["pointsReversed"] == answer["pointsReversed"]


def test_a_sale_of_another_till_is_returned_by_its_transaction_id_or_refused_without_one(
    till: ApiTill, sandbox
) -> None:
    anna = sandbox.service.identify(Identifier(IdentifierKind.PHONE, "+375291234567"), "001", "02")
    now = datetime.now(timezone.utc)
    line = ReceiptLine(1, "4810001000011", "Кофе", Decimal("2"), Decimal("15.90"), Decimal("31.80"))
    other = Receipt("OTHER-1", "001", "02", now, (line,))
    sandbox.service.commit("T-OTHER-1", anna.customer_id, other, Decimal("0"), FiscalDocument("77", now), False, now)
    with till.client() as pos:
        refused = error(pos.put("/v1/returns/RET-51", json=give_back("OTHER-1", (1, "1"))), 404, "SALE_NOT_FOUND")
        assert "OTHER-1" in refused["message"]
        body = give_back("OTHER-1", (1, "1"), originalTransactionId="T-OTHER-1")
        answer = ok(pos.put("/v1/returns/RET-51", json=body))
        assert (answer["pointsReversed"], answer["pointsReturned"], answer["state"]) == (None, None, "queued")
        assert answer["originalTransactionId"] == "T-OTHER-1"
        assert till.sync.drain().done == 1
        delivered = ok(pos.get("/v1/returns/RET-51"))
    refund = ledger_row(sandbox, refund_key(till, "RET-51"))
    assert refund["originalTransactionId"] == "T-OTHER-1"
    assert (delivered["state"], delivered["confirmed"]) == ("delivered", True)
    assert (delivered["pointsReversed"], delivered["pointsReturned"]) == (refund["accrual"], refund["points"])
    assert Decimal(delivered["newBalance"]) == spendable(sandbox)


def test_a_return_the_service_refuses_answers_failed_with_the_service_s_fault_code_and_message(
    till: ApiTill, sandbox
) -> None:
    with till.client() as pos:
        sale = sell(pos, "R-5601")
        assert till.sync.drain().done == 1
        # All the coffee came back at another till, straight to the service: this till does not know.
        sandbox.service.refund("OTHER-REFUND-56", sale["transactionId"], [RefundLine(1, Decimal("3"))])
        queued = ok(pos.put("/v1/returns/RET-56", json=give_back("R-5601", (1, "1"))))
        assert (queued["state"], queued["faultCode"], queued["faultMessage"]) == ("queued", None, None)
        assert till.sync.drain().failed == 1
        failed = ok(pos.get("/v1/returns/RET-56"))
        assert (failed["state"], failed["confirmed"]) == ("failed", False)
        assert failed["faultCode"] == "REFUND_EXCEEDS_PURCHASE"
        assert "куплено 3" in failed["faultMessage"] and "уже возвращено 3" in failed["faultMessage"]
        assert not failed["faultMessage"].startswith("REFUND_EXCEEDS_PURCHASE")

        outbox = Outbox(till.database)
        [item] = [item for item in outbox.items() if item.idempotency_key == refund_key(till, "RET-56")]
        outbox.dismiss_failed(item.id, "settled at the service desk")
        set_aside = ok(pos.get("/v1/returns/RET-56"))
    assert (set_aside["state"], set_aside["faultCode"]) == ("failed", "SET_ASIDE")
    assert set_aside["faultMessage"].startswith("REFUND_EXCEEDS_PURCHASE: ")


def test_a_sale_paid_after_a_restart_of_the_till_is_returned_with_the_same_estimate(qtbot, sandbox, tmp_path) -> None:
    db_path = tmp_path / "till.sqlite"
    first = start_api_till(qtbot, sandbox.url, db_path)
    try:
        with first.client() as pos:
            lines = [{"lineNo": 1, "sku": "1", "name": "Кофе", "quantity": "3", "price": "15.90", "amount": "47.70"}]
            ok(pos.put("/v1/receipts/R-5501", json={"lines": lines}))
            ok(pos.post("/v1/receipts/R-5501/customer", json={"identifier": ANNA}))
            ok(pos.post("/v1/receipts/R-5501/redeem", json={"amount": "7.00"}))
            assert ok(pos.post("/v1/receipts/R-5501/close"))["phase"] == "awaiting_payment"
    finally:
        first.stop()  # the till stops while the POS takes payment
    again = start_api_till(qtbot, sandbox.url, db_path)
    try:
        with again.client() as pos:
            paid = {"fiscal": {"documentNumber": "000551", "closedAt": CLOSED_AT}}
            assert ok(pos.post("/v1/receipts/R-5501/paid", json=paid))["phase"] == "closed"
            answer = ok(pos.put("/v1/returns/RET-55", json=give_back("R-5501", (1, "2"))))
            assert again.sync.drain().done == 2
            delivered = ok(pos.get("/v1/returns/RET-55"))
        refund = ledger_row(sandbox, refund_key(again, "RET-55"))
    finally:
        again.stop()
    assert Decimal(refund["accrual"]) > 0 and Decimal(refund["points"]) > 0
    assert (answer["pointsReversed"], answer["pointsReturned"]) == (refund["accrual"], refund["points"])
    assert (delivered["pointsReversed"], delivered["pointsReturned"]) == (refund["accrual"], refund["points"])
