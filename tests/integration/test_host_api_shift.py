"""`GET /v1/shift` over a real uvicorn server: sales made through the API itself, one delivered and
one left waiting, the figures equal to the sandbox's ledger; bad dates answered in the contract's shape."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from tests.integration.host_api_till import ApiTill, start_api_till

pytestmark = pytest.mark.integration

ANNA = "+375 29 123-45-67"
PAID = {"fiscal": {"documentNumber": "000451", "closedAt": "2026-11-20T15:05:00+03:00"}}
LINES = {
    "lines": [
        {"lineNo": 1, "sku": "4810001000011", "name": "Кофе", "quantity": "1", "price": "15.90", "amount": "15.90"},
        {"lineNo": 2, "sku": "4810001000012", "name": "Молоко", "quantity": "1", "price": "2.49", "amount": "2.49"},
    ]
}


@pytest.fixture
def till(qtbot, sandbox, tmp_path: Path):
    running = start_api_till(qtbot, sandbox.url, tmp_path / "till.sqlite")
    yield running
    running.stop()


def sell(pos: httpx.Client, receipt_id: str, redeem: str) -> dict:
    for call in (
        pos.put(f"/v1/receipts/{receipt_id}", json=LINES),
        pos.post(f"/v1/receipts/{receipt_id}/customer", json={"identifier": ANNA}),
        pos.post(f"/v1/receipts/{receipt_id}/redeem", json={"amount": redeem}),
        pos.post(f"/v1/receipts/{receipt_id}/close"),
    ):
        assert call.status_code == 200, call.text
    closed = pos.post(f"/v1/receipts/{receipt_id}/paid", json=PAID)
    assert closed.status_code == 200 and closed.json()["phase"] == "closed", closed.text
    return closed.json()


def shift(pos: httpx.Client, **params: str) -> dict:
    answer = pos.get("/v1/shift", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_shift_counts_what_was_delivered_and_what_waits(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        assert shift(pos)["sales"] == {"count": 0, "confirmed": True, "unconfirmed": 0}
        first = sell(pos, "R-1", "5.00")
        assert till.sync.drain().done == 1
        second = sell(pos, "R-2", "3.00")  # left in the queue
        today = shift(pos)
    [purchase] = [e for e in recorded_transactions(sandbox.engine) if e["transactionId"] == first["transactionId"]]
    assert today["sales"] == {"count": 2, "confirmed": False, "unconfirmed": 1}
    earned = today["pointsEarned"]
    assert earned["confirmed"] == purchase["accrual"] and earned["unconfirmed"] == 1 and not earned["fullyConfirmed"]
    assert earned["expected"] == second["accrualExpected"], "the till expects what it showed at the sale"
    assert Decimal(earned["total"]) == Decimal(earned["confirmed"]) + Decimal(earned["expected"])
    assert today["pointsSpent"]["confirmed"] == purchase["redeem"] == "5.00"
    assert today["pointsSpent"]["expected"] == "3.00"
    assert today["deliveries"] == {"waiting": 1, "failed": 0} and not today["fullyConfirmed"]
    assert today["couponsUsed"] == {"count": 0, "confirmed": True, "unconfirmed": 0}
    start, end = datetime.fromisoformat(today["from"]), datetime.fromisoformat(today["to"])
    assert start <= datetime.now(timezone.utc) < end

    assert till.sync.drain().done == 1
    with till.client() as pos:
        later = shift(pos)
        window = {"from": "2026-01-01T00:00:00+03:00", "to": (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat()}
        before = shift(pos, **window)
    ledger = [e for e in recorded_transactions(sandbox.engine) if e["kind"] == "purchase"]
    assert later["pointsEarned"]["confirmed"] == str(sum(Decimal(e["accrual"]) for e in ledger))
    assert later["pointsEarned"]["confirmed"] == today["pointsEarned"]["total"]
    assert later["fullyConfirmed"] and later["sales"] == {"count": 2, "confirmed": True, "unconfirmed": 0}
    assert before["sales"]["count"] == 0 and before["from"] == "2026-01-01T00:00:00+03:00"


@pytest.mark.parametrize(
    "params",
    [
        {"from": "yesterday"},
        {"from": "2026-12-05T08:00:00"},  # no offset
        {"to": "2026-13-05T08:00:00+03:00"},
        {"from": "2026-12-05T08:00:00+03:00", "to": "2026-12-05T07:00:00+03:00"},
        {"from": "2" * 65},
    ],
)
def test_bad_dates_get_the_invalid_request_envelope(till: ApiTill, params: dict) -> None:
    with till.client() as pos:
        answer = pos.get("/v1/shift", params=params)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert set(body) == {"error"} and body["error"]["code"] == "INVALID_REQUEST"
    assert body["error"]["message"] and body["error"]["retryable"] is False


def test_an_unescaped_plus_in_the_offset_is_still_read(till: ApiTill) -> None:
    with till.client() as pos:
        answer = pos.get("/v1/shift?from=2026-12-05T08:00:00+03:00&to=2026-12-06T08:00:00+03:00")
    assert answer.status_code == 200, answer.text
    assert answer.json()["from"] == "2026-12-05T08:00:00+03:00"
