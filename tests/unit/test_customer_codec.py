"""Domain values survive the trip to JSON and back exactly (loyalty_client.codec)."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loyalty_client.codec import customer_from_dict, customer_to_dict, from_data, to_data
from loyalty_client.types import (
    Balance,
    BarcodeKind,
    CommitResult,
    Customer,
    CustomerStatus,
    NextTier,
    Offer,
    Tier,
)

money = st.decimals(min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2)
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
aware = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.sampled_from(
        [timezone.utc, timezone(timedelta(hours=3)), timezone(timedelta(hours=-5, minutes=-30))]
    )
)

balances = st.builds(
    Balance,
    spendable=money,
    total=money,
    pending=money,
    expiring_amount=st.none() | money,
    expiring_on=st.none() | dates,
)
customers = st.builds(
    Customer,
    customer_id=texts,
    display_name=texts,
    masked_phone=texts,
    status=st.sampled_from(CustomerStatus),
    tier=st.builds(Tier, code=texts, name=texts, accrual_percent=money),
    balance=balances,
    card_number=st.none() | texts,
    next_tier=st.none() | st.builds(NextTier, code=texts, name=texts, threshold=money, remaining=money),
    messages=st.lists(texts, max_size=3).map(tuple),
)
offers = st.builds(
    Offer,
    offer_id=texts,
    title=texts,
    text=texts,
    coupon_code=texts,
    valid_until=dates,
    barcode_kind=st.sampled_from(BarcodeKind),
)


@given(customers)
def test_a_customer_round_trips_exactly_through_json(customer: Customer) -> None:
    data = json.loads(json.dumps(customer_to_dict(customer)))
    back = customer_from_dict(data)
    assert back == customer
    assert to_data(back) == data  # same digits, same exponents: "1.50" stays "1.50"


@given(st.builds(CommitResult, transaction_id=texts, accrued=money, redeemed=money, balance=balances,
                 offers=st.lists(offers, max_size=3).map(tuple)))
def test_a_commit_result_round_trips(result: CommitResult) -> None:
    assert from_data(CommitResult, json.loads(json.dumps(to_data(result)))) == result


@given(aware)
def test_aware_datetimes_keep_their_offset(moment: datetime) -> None:
    back = from_data(datetime, to_data(moment))
    assert back == moment and back.utcoffset() == moment.utcoffset()


def test_the_wire_form_is_plain_and_readable() -> None:
    customer = Customer(
        customer_id="C-1",
        display_name="Анна",
        masked_phone="+375 29 ***-**-67",
        status=CustomerStatus.ACTIVE,
        tier=Tier("silver", "Серебро", Decimal("3.00")),
        balance=Balance(Decimal("120.50"), Decimal("130.00"), Decimal("9.50"), Decimal("10.00"), date(2027, 1, 31)),
        messages=("С днём рождения!",),
    )
    data = customer_to_dict(customer)
    assert data["status"] == "active"
    assert data["balance"] == {
        "spendable": "120.50",
        "total": "130.00",
        "pending": "9.50",
        "expiring_amount": "10.00",
        "expiring_on": "2027-01-31",
    }
    assert data["messages"] == ["С днём рождения!"]
    assert data["next_tier"] is None


def test_unknown_keys_are_ignored_and_missing_optional_fields_take_their_default() -> None:
    data = customer_to_dict(
        Customer("C", "N", "M", CustomerStatus.BLOCKED, Tier("t", "T", Decimal("1")), Balance(Decimal(0), Decimal(0), Decimal(0)))
    )
    data["added_by_a_newer_version"] = 1
    del data["messages"]
    assert customer_from_dict(data).messages == ()


@pytest.mark.parametrize(
    "change",
    [
        {"status": "sleeping"},
        {"tier": {"code": "t", "name": "T", "accrual_percent": "many"}},
        {"tier": {"code": "t", "name": "T", "accrual_percent": 1.5}},
        {"customer_id": None},
    ],
)
def test_data_that_does_not_fit_is_refused(change: dict) -> None:
    data = customer_to_dict(
        Customer("C", "N", "M", CustomerStatus.ACTIVE, Tier("t", "T", Decimal("1")), Balance(Decimal(0), Decimal(0), Decimal(0)))
    )
    data.update(change)
    with pytest.raises(ValueError):
        customer_from_dict(data)


def test_a_missing_required_field_is_refused() -> None:
    data = customer_to_dict(
        Customer("C", "N", "M", CustomerStatus.ACTIVE, Tier("t", "T", Decimal("1")), Balance(Decimal(0), Decimal(0), Decimal(0)))
    )
    del data["balance"]
    with pytest.raises(ValueError):
        customer_from_dict(data)


def test_floats_are_never_encoded() -> None:
    with pytest.raises(TypeError):
        to_data({"amount": 1.5})
