"""A POS drives the till through the host API: a real uvicorn server on a free loopback port,
httpx as the POS, the sandbox over HTTP, the till's SQLite file on disk.
"""
from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from cache.transactions.journal import Journal
from cache.transactions.outbox import Outbox
from cache.tables import OutboxState
from loyalty_client.sandbox.faults import FaultKind, FaultRule
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.types import Identifier, IdentifierKind
from tests.integration.host_api_till import TOKEN, ApiTill, events, start_api_till

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


def awaiting_payment(pos: httpx.Client, receipt_id: str, redeem: str = "5.00") -> dict:
    ok(pos.put(f"/v1/receipts/{receipt_id}", json=receipt("15.90", "2.49")))
    ok(pos.post(f"/v1/receipts/{receipt_id}/customer", json={"identifier": ANNA}))
    ok(pos.post(f"/v1/receipts/{receipt_id}/redeem", json={"amount": redeem}))
    state = ok(pos.post(f"/v1/receipts/{receipt_id}/close"))
    assert state["phase"] == "awaiting_payment", state
    return state


def test_void_releases_the_reservation_and_a_new_receipt_waits_for_paid_or_void(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        awaiting_payment(pos, "R-2001")
        assert spendable(sandbox) == Decimal("120.50")
        refused = error(pos.put("/v1/receipts/R-2002", json=receipt("1.00")), 409, "WRONG_PHASE")
        assert "R-2001" in refused["message"]
        voided = ok(pos.post("/v1/receipts/R-2001/void"))
        assert voided["phase"] == "voided"
        assert ok(pos.post("/v1/receipts/R-2001/void")) == voided, "void again answers the same"
        error(pos.post("/v1/receipts/R-2001/paid", json={"fiscal": {"documentNumber": "1", "closedAt": CLOSED_AT}}),
              409, "WRONG_PHASE")
        assert ok(pos.put("/v1/receipts/R-2002", json=receipt("1.00")))["phase"] == "no_customer"
    assert till.sync.drain().done == 1, "the cancellation goes through the outbox"
    assert spendable(sandbox) == Decimal("125.50")


def test_offline_the_customer_comes_from_the_cache_and_the_accrual_is_queued(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        ok(pos.put("/v1/receipts/R-3000", json=receipt("2.49")))
        ok(pos.post("/v1/receipts/R-3000/customer", json={"identifier": ANNA}))  # seen once: cached
        ok(pos.post("/v1/receipts/R-3000/void"))
        with sandbox.refusing():
            ok(pos.put("/v1/receipts/R-3001", json=receipt("15.90")))
            state = ok(pos.post("/v1/receipts/R-3001/customer", json={"identifier": ANNA}))
            assert state["online"] is False
            assert state["customer"]["displayName"] == "Анна Ковалёва" and state["customer"]["asOf"]
            assert state["redeem"] == "0.00" and Decimal(state["calculation"]["accrual"]) > 0
            assert ok(pos.post("/v1/receipts/R-3001/close"))["phase"] == "awaiting_payment"
            paid = {"fiscal": {"documentNumber": "000777", "closedAt": CLOSED_AT}}
            closed = ok(pos.post("/v1/receipts/R-3001/paid", json=paid))
            assert closed["phase"] == "closed"
            status = ok(pos.get("/v1/status"))
            assert status["receipt"] == {"receiptId": "R-3001", "phase": "closed"}
            assert Outbox(till.database).counts()[OutboxState.PENDING] == 1, "queued while offline"
            error(pos.post("/v1/receipts/R-3009/customer", json={"identifier": "+375 33 765-43-21"}), 404,
                  "RECEIPT_NOT_FOUND")
            ok(pos.put("/v1/receipts/R-3002", json=receipt("1.00")))
            unknown = error(pos.post("/v1/receipts/R-3002/customer", json={"identifier": "+375 33 765-43-21"}),
                            503, "SERVICE_UNAVAILABLE")
            assert unknown["retryable"] is True
    assert till.sync.drain().done == 1
    [row] = [r for r in recorded_transactions(sandbox.engine) if r["transactionId"] == closed["transactionId"]]
    assert row["kind"] == "purchase"


def test_a_close_repeated_after_the_pos_timed_out_reserves_once(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        ok(pos.put("/v1/receipts/R-4001", json=receipt("15.90", "2.49")))
        ok(pos.post("/v1/receipts/R-4001/customer", json={"identifier": ANNA}))
        ok(pos.post("/v1/receipts/R-4001/redeem", json={"amount": "5.00"}))
        sandbox.faults.schedule(FaultRule(FaultKind.SLOW, "ReservePurchase", times=1, delay=1.5))
        with pytest.raises(httpx.ReadTimeout):
            pos.post("/v1/receipts/R-4001/close", timeout=0.3)
        again = ok(pos.post("/v1/receipts/R-4001/close"))
        assert again["phase"] == "awaiting_payment"
        assert ok(pos.post("/v1/receipts/R-4001/close")) == again
        assert ok(pos.get("/v1/receipts/R-4001")) == again
    assert spendable(sandbox) == Decimal("120.50"), "reserved once"


def test_requests_without_the_token_or_from_a_foreign_host_are_refused(till: ApiTill) -> None:
    with till.client(token=None) as anonymous:
        refused = error(anonymous.get("/v1/status"), 401, "UNAUTHORIZED")
        assert refused["retryable"] is False
        error(anonymous.get("/v1/openapi.json"), 401, "UNAUTHORIZED")
    with till.client(token="cd" * 32) as wrong:
        error(wrong.put("/v1/receipts/R-1", json=receipt("1.00")), 401, "UNAUTHORIZED")
    with till.client(token=TOKEN[:-2]) as shorter:
        error(shorter.get("/v1/status"), 401, "UNAUTHORIZED")
    with till.client() as pos:
        for host in ("evil.example", "evil.example:8766", "127.0.0.1.nip.io", "10.0.0.5:8766"):
            error(pos.get("/v1/status", headers={"Host": host}), 421, "INVALID_REQUEST")
        for host in ("localhost", f"127.0.0.1:{till.server.port}", "[::1]:8766"):
            assert pos.get("/v1/status", headers={"Host": host}).status_code == 200
        error(pos.get("/v1/receipts/R-1"), 404, "RECEIPT_NOT_FOUND")  # nothing was opened


def test_bad_requests_get_clear_errors_and_the_till_keeps_serving_with_nothing_lost(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        state = ok(pos.put("/v1/receipts/R-5001", json=receipt("15.90")))
        ok(pos.post("/v1/receipts/R-5001/customer", json={"identifier": ANNA}))
        kept = ok(pos.get("/v1/receipts/R-5001"))

        bad = error(pos.put("/v1/receipts/R-5001", content=b'{"lines": [', headers={"Content-Type": "application/json"}),
                    422, "INVALID_REQUEST")
        assert "JSON" in bad["message"]
        wrong_type = dict(receipt("1.00"))
        wrong_type["lines"][0]["price"] = 1.5  # a JSON number: money travels as a string
        error(pos.put("/v1/receipts/R-5001", json=wrong_type), 422, "INVALID_REQUEST")
        error(pos.put("/v1/receipts/R-5001", json={"lines": "none"}), 422, "INVALID_REQUEST")
        error(pos.post("/v1/receipts/R-5001/redeem", json={"amount": "-5"}), 422, "INVALID_REQUEST")
        error(pos.post("/v1/receipts/R-5001/redeem", json={"amount": "5", "extra": 1}), 422, "INVALID_REQUEST")
        duplicate = receipt("1.00", "2.00")
        duplicate["lines"][1]["lineNo"] = 1
        error(pos.put("/v1/receipts/R-5001", json=duplicate), 422, "INVALID_REQUEST")

        huge = b'{"lines": [], "storeId": "' + b"x" * (2 * 1024 * 1024) + b'"}'
        error(pos.put("/v1/receipts/R-5001", content=huge, headers={"Content-Type": "application/json"}),
              413, "INVALID_REQUEST")

        def streamed():  # no Content-Length: the size is counted as it comes
            yield b'{"lines": [], "storeId": "'
            for _ in range(32):
                yield b"y" * 65536
            yield b'"}'

        error(pos.put("/v1/receipts/R-5001", content=streamed(), headers={"Content-Type": "application/json"}),
              413, "INVALID_REQUEST")

        many = receipt(*["1.00"] * 5000)
        too_long = error(pos.put("/v1/receipts/R-5001", json=many), 422, "INVALID_REQUEST")
        assert "1000" in too_long["message"]

        error(pos.get("/v1/receipts/R-0000"), 404, "RECEIPT_NOT_FOUND")
        error(pos.post("/v1/receipts/R-0000/void"), 404, "RECEIPT_NOT_FOUND")
        error(pos.post("/v1/receipts/R-5001/code", json={"code": "123456"}), 409, "WRONG_PHASE")
        error(pos.post("/v1/receipts/R-5001/paid", json={"fiscal": {"documentNumber": "1", "closedAt": CLOSED_AT}}),
              409, "WRONG_PHASE")
        error(pos.post("/v1/receipts/R-5001/paid", json={"fiscal": {"documentNumber": "1",
                                                                     "closedAt": "2026-11-20T15:05:00"}}),
              422, "INVALID_REQUEST")  # a time without its offset
        error(pos.get("/v1/nothing"), 404, "INVALID_REQUEST")

        assert ok(pos.get("/v1/receipts/R-5001")) == kept, "nothing lost"
        assert ok(pos.get("/v1/status"))["receipt"] == {"receiptId": "R-5001", "phase": "identified"}
        assert state["receiptId"] == kept["receiptId"]
        assert ok(pos.post("/v1/receipts/R-5001/close"))["phase"] == "awaiting_payment"


def test_a_change_made_in_the_panel_reaches_an_event_stream(till: ApiTill, qtbot) -> None:
    with till.client() as pos:
        ok(pos.put("/v1/receipts/R-6001", json=receipt("15.90")))
        received: list[dict] = []
        connected = threading.Event()

        def listen() -> None:
            with till.client() as stream, stream.stream("GET", "/v1/events") as response:
                assert response.headers["content-type"].startswith("text/event-stream")
                for state in events(response):
                    connected.set()
                    received.append(state)
                    if state["customer"] is not None:
                        return

        reader = threading.Thread(target=listen, daemon=True)
        reader.start()
        assert connected.wait(10), "the stream starts with the state now"
        assert received[0]["receiptId"] == "R-6001" and received[0]["customer"] is None
        till.controller.identify(ANNA)  # what the panel does when the cashier types a phone
        reader.join(15)
        assert not reader.is_alive()
        assert received[-1]["customer"]["maskedPhone"] == "+375 29 ***-**-67"
        assert received[-1]["phase"] == "identified"
        assert ok(pos.get("/v1/receipts/R-6001"))["customer"]["displayName"] == "Анна Ковалёва"


def test_a_phone_no_member_has_says_registration_is_possible_until_a_customer_is_found(till: ApiTill) -> None:
    with till.client() as pos:
        state = ok(pos.put("/v1/receipts/R-2001", json=COFFEE_X4))
        assert state["registrationPossible"] is False
        error(pos.post("/v1/receipts/R-2001/customer", json={"identifier": "+375 29 555-66-77"}), 422, "CUSTOMER_NOT_FOUND")
        assert ok(pos.get("/v1/receipts/R-2001"))["registrationPossible"] is True
        state = ok(pos.post("/v1/receipts/R-2001/customer", json={"identifier": ANNA}))
        assert (state["phase"], state["registrationPossible"]) == ("identified", False)
