"""A POS sends a printed coupon through the host API (real uvicorn, httpx, the sandbox over HTTP):
the receipt state lists it with what it gives or why not, the fiscal lines carry the coupon's
part and the points' part, the sale uses the coupon once, and a coupon can be taken off."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from loyalty_client.sandbox.demo import coupon_code
from tests.integration.host_api_till import ApiTill, start_api_till
from tests.integration.test_checkout_coupons import uses

pytestmark = pytest.mark.integration

ANNA_COFFEE_10 = coupon_code(1, 1)  # −10 % on coffee, personal
ANNA_DOUBLE_FROM_20 = coupon_code(1, 2)  # double points from 20.00
CLOSED_AT = "2026-11-20T15:05:00+03:00"
COFFEE_AND_MILK = {
    "lines": [
        {"lineNo": 1, "sku": "4810001000031", "name": "Кофе", "quantity": "1", "price": "15.90", "amount": "15.90"},
        {"lineNo": 2, "sku": "4810001000017", "name": "Молоко", "quantity": "1", "price": "2.49", "amount": "2.49"},
    ]
}


@pytest.fixture
def till(qtbot, sandbox, tmp_path: Path):
    running = start_api_till(qtbot, sandbox.url, tmp_path / "till.sqlite")
    yield running
    running.stop()


def ok(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def test_a_coupon_sent_by_the_pos_identifies_its_owner_and_is_used_once(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        ok(pos.put("/v1/receipts/R-1", json=COFFEE_AND_MILK))
        state = ok(pos.post("/v1/receipts/R-1/coupons", json={"code": ANNA_COFFEE_10}))
        assert state["phase"] == "identified" and state["customer"]["maskedPhone"] == "+375 29 ***-**-67"
        [coupon] = state["coupons"]
        assert coupon == {
            "code": ANNA_COFFEE_10,
            "title": coupon["title"],
            "applied": True,
            "reason": None,
            "reasonText": None,
            "discount": "1.59",
            "extraAccrual": "0.00",
        }
        assert coupon["title"]
        state = ok(pos.post("/v1/receipts/R-1/redeem", json={"amount": "3.00"}))
        lines = state["lines"]
        assert sum(Decimal(line["couponDiscount"]) for line in lines) == Decimal("1.59")
        assert sum(Decimal(line["pointsDiscount"]) for line in lines) == Decimal("3.00")
        for line in lines:
            assert Decimal(line["couponDiscount"]) + Decimal(line["pointsDiscount"]) == Decimal(line["discount"])
        assert state["toPay"] == str(Decimal("18.39") - Decimal("4.59"))

        state = ok(pos.post("/v1/receipts/R-1/coupons", json={"code": ANNA_DOUBLE_FROM_20}))
        refused = [c for c in state["coupons"] if c["code"] == ANNA_DOUBLE_FROM_20][0]
        assert (refused["applied"], refused["reason"]) == (False, "MIN_AMOUNT")
        assert refused["reasonText"] == "valid on purchases from 20,00"
        state = ok(pos.delete(f"/v1/receipts/R-1/coupons/{ANNA_DOUBLE_FROM_20}"))
        assert [c["code"] for c in state["coupons"]] == [ANNA_COFFEE_10]

        state = ok(pos.post("/v1/receipts/R-1/close"))
        assert state["phase"] == "awaiting_payment"
        again = ok(pos.post("/v1/receipts/R-1/coupons", json={"code": ANNA_COFFEE_10}))
        assert again["phase"] == "awaiting_payment", "the same coupon again changes nothing"
        closed = ok(pos.post("/v1/receipts/R-1/paid", json={"fiscal": {"documentNumber": "7", "closedAt": CLOSED_AT}}))
        assert closed["phase"] == "closed"
    assert till.sync.drain().done == 1
    assert uses(sandbox, ANNA_COFFEE_10) == [(closed["transactionId"], "used")]


def test_a_coupon_while_the_service_is_away_is_refused_with_the_reason(till: ApiTill, sandbox) -> None:
    with till.client() as pos:
        ok(pos.put("/v1/receipts/R-2", json=COFFEE_AND_MILK))
        sandbox.stop()
        response = pos.post("/v1/receipts/R-2/coupons", json={"code": ANNA_COFFEE_10})
        assert response.status_code == 503, response.text
        body = response.json()["error"]
        assert body["code"] == "SERVICE_UNAVAILABLE" and "offline" in body["message"]
        state = ok(pos.get("/v1/receipts/R-2"))
        assert state["coupons"] == [] and state["customer"] is None


def test_not_a_coupon_is_refused(till: ApiTill) -> None:
    with till.client() as pos:
        ok(pos.put("/v1/receipts/R-3", json=COFFEE_AND_MILK))
        response = pos.post("/v1/receipts/R-3/coupons", json={"code": "+375291234567"})
        assert response.status_code in (400, 422), response.text
        assert response.json()["error"]["code"] == "INVALID_REQUEST"
