"""The coupon parts of the domain types: line discounts that add up, results and offers that survive
the till's JSON (journal, outbox, caches), and coupon codes in an outbox payload."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loyalty_client.codec import coupons_from_data, coupons_to_data, from_data, to_data
from loyalty_client.types import (
    Balance,
    BarcodeKind,
    Calculation,
    CommitResult,
    CouponRefusal,
    CouponResult,
    LineAllocation,
    Offer,
    OfferKind,
    Reservation,
)

cents = st.decimals(min_value=D("0"), max_value=D("100000"), places=2)
texts = st.text(max_size=20)
results = st.builds(
    CouponResult,
    code=texts,
    offer_id=st.none() | texts,
    title=texts,
    applied=st.booleans(),
    reason=st.none() | st.sampled_from(CouponRefusal),
    min_amount=st.none() | cents,
    valid_until=st.none() | st.dates(),
    discount=cents,
    extra_accrual=cents,
)
allocations = st.builds(
    lambda no, coupon, points, accrual: LineAllocation(no, coupon + points, accrual, coupon, points),
    st.integers(1, 500), cents, cents, cents,
)
offers = st.builds(
    Offer,
    offer_id=texts, title=texts, text=texts, coupon_code=texts, valid_until=st.dates(),
    barcode_kind=st.sampled_from(BarcodeKind), kind=st.none() | st.sampled_from(OfferKind), value=st.none() | cents,
    min_amount=st.none() | cents, skus=st.lists(texts, max_size=3).map(tuple),
    categories=st.lists(texts, max_size=3).map(tuple), personal=st.booleans(), valid_from=st.none() | st.dates(),
)


def test_a_discount_made_of_its_total_alone_is_all_points() -> None:
    line = LineAllocation(1, D("3.10"), D("0.50"))
    assert (line.coupon_discount, line.points_discount) == (D("0.00"), D("3.10"))
    assert LineAllocation(2, D("0.00"), D("0.10")).points_discount == D("0.00")


def test_parts_that_do_not_add_up_to_the_discount_are_refused() -> None:
    assert LineAllocation(1, D("3.10"), D("0"), D("1.00"), D("2.10")).discount == D("3.10")
    with pytest.raises(ValueError, match="is not coupon"):
        LineAllocation(1, D("3.10"), D("0"), D("1.00"), D("2.00"))


@given(
    st.lists(allocations, max_size=4).map(tuple), st.lists(results, max_size=3).map(tuple),
    st.lists(offers, max_size=3).map(tuple),
)
def test_coupon_results_and_offers_round_trip_in_every_answer(
    lines: tuple[LineAllocation, ...], coupons: tuple[CouponResult, ...], offer_list: tuple[Offer, ...]
) -> None:
    balance = Balance(D("1.00"), D("1.00"), D("0.00"))
    moment = datetime(2026, 12, 5, 9, tzinfo=timezone.utc)
    for value in (
        Calculation(D("1.00"), D("2.00"), D("0.00"), lines, False, (), coupons),
        Reservation("T", D("0.00"), lines, moment, coupons),
        CommitResult("T", D("1.00"), D("0.00"), balance, offer_list, coupons),
    ):
        assert from_data(type(value), json.loads(json.dumps(to_data(value)))) == value


def test_an_answer_stored_before_coupons_existed_reads_with_none() -> None:
    old = {"transaction_id": "T", "redeem": "2.00", "expires_at": "2026-12-05T09:00:00+00:00",
           "lines": [{"line_no": 1, "discount": "2.00", "accrual": "0.10"}]}
    reservation = from_data(Reservation, old)
    assert reservation.coupons == () and reservation.lines[0].points_discount == D("2.00")
    offer = from_data(Offer, {"offer_id": "O", "title": "T", "text": "x", "coupon_code": "99", "valid_until": "2026-12-31",
                              "barcode_kind": "qr"})
    assert (offer.kind, offer.personal, offer.skus, offer.valid_from) == (None, True, (), None)


def test_coupon_codes_in_a_payload() -> None:
    assert coupons_from_data(coupons_to_data(("9900001000010", "9900002000017"))) == ("9900001000010", "9900002000017")
    assert coupons_from_data(None) == ()
    with pytest.raises(ValueError):
        coupons_to_data(("9900001000010", "9900001000010"))
    with pytest.raises(TypeError):
        coupons_to_data("9900001000010")  # one code, not a list of its digits
    with pytest.raises(ValueError):
        coupons_from_data([1, 2])
