"""Coupons through the till's SOAP client against the real sandbox over loopback: each offer kind,
each reason a coupon is refused, its hold, use, release and return, two tills racing for one
coupon, and tills of earlier contract revisions answered as before."""
from __future__ import annotations

import threading
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D
from typing import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.errors import InvalidRequest
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.demo import ANNA, IVAN, OLGA, coupon_code
from loyalty_client.sandbox.storage.models import CouponUse, OfferRow
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import CouponRefusal, CouponResult, OfferKind, RefundLine
from tests.backends import ON_EVERY_DATABASE

pytestmark = pytest.mark.integration

STORE = "001"
MILK, BREAD, COFFEE, CHOCOLATE, CIGARETTES, WINE = (
    "4810001000017", "4810001000024", "4810001000031", "4810001000048", "4810001000055", "4810001000062",
)
ANNA_COFFEE_10 = coupon_code(1, 1)  # −10 % on coffee, personal
ANNA_DOUBLE_FROM_20 = coupon_code(1, 2)  # double points from 20.00, personal
IVAN_2_OFF_FROM_10 = coupon_code(2, 1)  # −2.00 from 10.00, not personal
IVAN_WINE_10_POINTS = coupon_code(2, 2)  # +10 points on wine, personal
OLGA_BREAD_20 = coupon_code(3, 2)  # −20 % on bread, 14 days


def line(no: int, sku: str, price: str, quantity: str = "1", *, redeem: bool = True, accrue: bool = True,
         min_price: str | None = None) -> ReceiptLine:
    amount = (D(price) * D(quantity)).quantize(D("0.01"))
    return ReceiptLine(no, sku, f"Товар {sku[-3:]}", D(quantity), D(price), amount, redeem, accrue,
                       None if min_price is None else D(min_price))


def receipt(*lines: ReceiptLine) -> Receipt:
    return Receipt(f"R-{uuid.uuid4().hex[:8]}", STORE, "01", datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc), lines)


def key() -> str:
    return f"T-{uuid.uuid4().hex[:12]}"


def commit(client: SoapLoyaltyService, transaction_id: str, customer_id: str, sale: Receipt, redeem: str = "0.00",
           coupons: tuple[str, ...] = (), now: datetime | None = None) -> object:
    moment = now or datetime(2026, 11, 20, 9, 5, tzinfo=timezone.utc)
    return client.commit(transaction_id, customer_id, sale, D(redeem), FiscalDocument(transaction_id[-6:], moment),
                         False, moment, coupons=coupons)


def only(results: tuple[CouponResult, ...]) -> CouponResult:
    assert len(results) == 1
    return results[0]


@pytest.fixture
def client(sandbox: RunningSandbox) -> Iterator[SoapLoyaltyService]:
    with SoapLoyaltyService(sandbox.url, timeout_seconds=10) as made:
        yield made


def _uses(sandbox: RunningSandbox, code: str) -> list[tuple[str, str]]:
    with Session(sandbox.engine) as session:
        return [(use.transaction_id, use.state) for use in session.scalars(select(CouponUse).where(CouponUse.coupon_code == code))]


# ----- each offer kind ------------------------------------------------------------------------------------------


def test_percent_off_a_category_comes_first_then_the_points_on_what_is_left(client: SoapLoyaltyService) -> None:
    sale = receipt(line(1, COFFEE, "15.90"), line(2, MILK, "2.49"))
    calc = client.calculate(ANNA.customer_id, sale, D("5.00"), coupons=(ANNA_COFFEE_10,))
    coupon = only(calc.coupons)
    assert (coupon.applied, coupon.discount, coupon.reason) == (True, D("1.59"), None)
    assert coupon.title == "−10 % на кофе" and coupon.offer_id == "OF-C0001-1"
    lines = {allocation.line_no: allocation for allocation in calc.lines}
    assert (lines[1].coupon_discount, lines[2].coupon_discount) == (D("1.59"), D("0.00"))
    assert sum(a.points_discount for a in calc.lines) == calc.redeem == D("5.00")
    assert all(a.discount == a.coupon_discount + a.points_discount for a in calc.lines)
    plain = client.calculate(ANNA.customer_id, sale)
    assert calc.max_redeem < plain.max_redeem  # half of what is left after the coupon, not of the whole


def test_amount_off_is_spread_exactly_and_a_coupon_that_is_not_personal_serves_another_member(
    client: SoapLoyaltyService,
) -> None:
    sale = receipt(line(1, COFFEE, "15.90"), line(2, MILK, "2.49"), line(3, CIGARETTES, "5.40", redeem=False, accrue=False))
    calc = client.calculate(ANNA.customer_id, sale, coupons=(IVAN_2_OFF_FROM_10,))
    coupon = only(calc.coupons)
    assert coupon.applied and coupon.discount == D("2.00")
    parts = {a.line_no: a.coupon_discount for a in calc.lines}
    assert sum(parts.values()) == D("2.00") and parts[3] == D("0.00")  # no discount where the line allows none
    assert parts[1] > parts[2] > D("0.00")


def test_a_coupon_discount_stops_at_the_line_floor(client: SoapLoyaltyService) -> None:
    sale = receipt(line(1, WINE, "12.50", min_price="12.00"), line(2, MILK, "2.49"))
    calc = client.calculate(IVAN.customer_id, sale, coupons=(IVAN_2_OFF_FROM_10,))
    parts = {a.line_no: a.coupon_discount for a in calc.lines}
    assert parts[1] == D("0.50")  # 12.50 down to the 12.00 floor, no further
    assert only(calc.coupons).discount == parts[1] + parts[2] == D("2.00")


def test_double_points_double_the_accrual_from_the_minimum_amount(client: SoapLoyaltyService) -> None:
    sale = receipt(line(1, COFFEE, "15.90"), line(2, CHOCOLATE, "2.99", "2"))
    plain = client.calculate(ANNA.customer_id, sale)
    calc = client.calculate(ANNA.customer_id, sale, coupons=(ANNA_DOUBLE_FROM_20,))
    coupon = only(calc.coupons)
    assert coupon.applied and coupon.discount == D("0.00")
    assert coupon.extra_accrual == plain.accrual > D("0.00")
    assert calc.accrual == 2 * plain.accrual
    assert all(a.discount == D("0.00") for a in calc.lines)


def test_fixed_extra_points_go_to_the_lines_the_offer_covers(client: SoapLoyaltyService) -> None:
    sale = receipt(line(1, WINE, "12.50"), line(2, MILK, "2.49"))
    plain = client.calculate(IVAN.customer_id, sale)
    calc = client.calculate(IVAN.customer_id, sale, coupons=(IVAN_WINE_10_POINTS,))
    assert only(calc.coupons).extra_accrual == D("10.00")
    before = {a.line_no: a.accrual for a in plain.lines}
    after = {a.line_no: a.accrual for a in calc.lines}
    assert after[1] == before[1] + D("10.00") and after[2] == before[2]
    assert calc.accrual == plain.accrual + D("10.00")


def test_the_card_shows_what_each_offer_gives(client: SoapLoyaltyService) -> None:
    offers = {offer.coupon_code: offer for offer in client.get_offers(IVAN.customer_id, STORE)}
    gift = offers[IVAN_2_OFF_FROM_10]
    assert (gift.kind, gift.value, gift.min_amount, gift.personal) == (OfferKind.AMOUNT_OFF, D("2.00"), D("10.00"), False)
    wine = offers[IVAN_WINE_10_POINTS]
    assert (wine.kind, wine.value, wine.categories, wine.personal) == (OfferKind.EXTRA_POINTS_FIXED, D("10.00"), ("wine",), True)
    assert wine.valid_from is not None and wine.valid_from <= wine.valid_until


# ----- each reason a coupon does not apply ----------------------------------------------------------------------


def test_refusals_that_need_no_sale(sandbox: RunningSandbox, client: SoapLoyaltyService) -> None:
    coffee = receipt(line(1, COFFEE, "15.90"))
    cases = {
        "9900000000000": CouponRefusal.UNKNOWN,
        IVAN_WINE_10_POINTS: CouponRefusal.NOT_OWNER,  # personal, and this is Anna's receipt
        ANNA_DOUBLE_FROM_20: CouponRefusal.MIN_AMOUNT,
    }
    calc = client.calculate(ANNA.customer_id, coffee, coupons=tuple(cases))
    assert [(result.code, result.reason, result.applied) for result in calc.coupons] == [
        (code, reason, False) for code, reason in cases.items()
    ]
    assert calc.coupons[2].min_amount == D("20.00")
    assert all(a.coupon_discount == D("0.00") for a in calc.lines) and calc.accrual == client.calculate(ANNA.customer_id, coffee).accrual

    milk_only = client.calculate(ANNA.customer_id, receipt(line(1, MILK, "2.49")), coupons=(ANNA_COFFEE_10,))
    assert only(milk_only.coupons).reason is CouponRefusal.NO_ELIGIBLE_LINES
    at_floor = client.calculate(ANNA.customer_id, receipt(line(1, COFFEE, "15.90", min_price="15.90")), coupons=(ANNA_COFFEE_10,))
    assert only(at_floor.coupons).reason is CouponRefusal.NO_ELIGIBLE_LINES


def test_not_started_and_expired(sandbox: RunningSandbox, client: SoapLoyaltyService) -> None:
    today = sandbox.clock.now().date()
    with Session(sandbox.engine) as session, session.begin():
        session.add(OfferRow(
            id="OF-LATER", customer_id=OLGA.customer_id, title="С понедельника", text="−10 %", coupon_code="9912345678903",
            valid_until=today + timedelta(days=20), barcode_kind="ean13", kind="percent_off", value=D("10.00"),
            valid_from=today + timedelta(days=3),
        ))
    bread = receipt(line(1, BREAD, "1.89", "3"))
    early = only(client.calculate(OLGA.customer_id, bread, coupons=("9912345678903",)).coupons)
    assert (early.applied, early.reason) == (False, CouponRefusal.NOT_STARTED)
    assert only(client.calculate(OLGA.customer_id, bread, coupons=(OLGA_BREAD_20,)).coupons).applied
    sandbox.clock.advance(timedelta(days=15))  # the bread coupon is valid 14 days
    late = only(client.calculate(OLGA.customer_id, bread, coupons=(OLGA_BREAD_20, "9912345678903")).coupons[:1])
    assert (late.applied, late.reason, late.valid_until) == (False, CouponRefusal.EXPIRED, today + timedelta(days=14))
    assert client.calculate(OLGA.customer_id, bread, coupons=("9912345678903",)).coupons[0].applied


def test_a_coupon_twice_in_one_request_is_refused(client: SoapLoyaltyService) -> None:
    with pytest.raises(InvalidRequest):
        client.calculate(ANNA.customer_id, receipt(line(1, COFFEE, "15.90")), coupons=(ANNA_COFFEE_10, ANNA_COFFEE_10))


# ----- hold, use, release, give back ----------------------------------------------------------------------------


def test_reserve_holds_cancel_releases(sandbox: RunningSandbox, client: SoapLoyaltyService) -> None:
    sale = receipt(line(1, COFFEE, "15.90"))
    first, second = key(), key()
    held = client.reserve(first, ANNA.customer_id, sale, D("0.00"), coupons=(IVAN_2_OFF_FROM_10,))
    assert only(held.coupons).applied and sum(a.coupon_discount for a in held.lines) == D("2.00")
    assert _uses(sandbox, IVAN_2_OFF_FROM_10) == [(first, "held")]

    other = client.reserve(second, IVAN.customer_id, sale, D("0.00"), coupons=(IVAN_2_OFF_FROM_10,))
    assert (only(other.coupons).applied, only(other.coupons).reason) == (False, CouponRefusal.HELD)
    assert all(a.discount == D("0.00") for a in other.lines)  # not taken off the price
    assert only(client.calculate(IVAN.customer_id, sale, coupons=(IVAN_2_OFF_FROM_10,)).coupons).reason is CouponRefusal.HELD

    client.cancel(first)
    assert _uses(sandbox, IVAN_2_OFF_FROM_10) == []
    third = client.reserve(key(), IVAN.customer_id, sale, D("0.00"), coupons=(IVAN_2_OFF_FROM_10,))
    assert only(third.coupons).applied


def test_a_hold_lapses_with_its_reservation(sandbox: RunningSandbox, client: SoapLoyaltyService) -> None:
    sale = receipt(line(1, COFFEE, "15.90"))
    client.reserve(key(), ANNA.customer_id, sale, D("0.00"), coupons=(IVAN_2_OFF_FROM_10,))
    sandbox.clock.advance(timedelta(minutes=16))  # reservations live 15 minutes
    taken = client.reserve(key(), IVAN.customer_id, sale, D("0.00"), coupons=(IVAN_2_OFF_FROM_10,))
    assert only(taken.coupons).applied


def test_commit_uses_the_coupon_up_once_and_a_replay_changes_nothing(sandbox: RunningSandbox, client: SoapLoyaltyService) -> None:
    sale = receipt(line(1, COFFEE, "15.90"), line(2, MILK, "2.49"))
    transaction = key()
    client.reserve(transaction, ANNA.customer_id, sale, D("5.00"), coupons=(ANNA_COFFEE_10,))
    before = client.get_offers(ANNA.customer_id, STORE)
    done = commit(client, transaction, ANNA.customer_id, sale, "5.00", (ANNA_COFFEE_10,))
    assert only(done.coupons).applied and only(done.coupons).discount == D("1.59")  # type: ignore[attr-defined]
    assert _uses(sandbox, ANNA_COFFEE_10) == [(transaction, "used")]
    spendable = sandbox.service.balance_of(ANNA.customer_id).spendable
    assert spendable == ANNA.spendable - D("5.00")

    assert commit(client, transaction, ANNA.customer_id, sale, "5.00", (ANNA_COFFEE_10,)) == done  # a replay
    assert _uses(sandbox, ANNA_COFFEE_10) == [(transaction, "used")]
    assert sandbox.service.balance_of(ANNA.customer_id).spendable == spendable

    assert only(client.calculate(ANNA.customer_id, sale, coupons=(ANNA_COFFEE_10,)).coupons).reason is CouponRefusal.USED
    assert len(client.get_offers(ANNA.customer_id, STORE)) == len(before) - 1  # no longer on the card
    with pytest.raises(InvalidRequest):  # another sale cannot use it again
        commit(client, key(), ANNA.customer_id, sale, "0.00", (ANNA_COFFEE_10,))
    with pytest.raises(InvalidRequest):  # nor can the same sale be replayed with other coupons
        commit(client, transaction, ANNA.customer_id, sale, "5.00")


def test_commit_without_reservation_checks_the_coupon_and_a_reserved_sale_must_keep_its_coupons(
    sandbox: RunningSandbox, client: SoapLoyaltyService
) -> None:
    sale = receipt(line(1, COFFEE, "15.90"))
    direct = key()
    result = commit(client, direct, IVAN.customer_id, sale, "0.00", (IVAN_2_OFF_FROM_10,))
    assert only(result.coupons).discount == D("2.00")  # type: ignore[attr-defined]
    assert _uses(sandbox, IVAN_2_OFF_FROM_10) == [(direct, "used")]

    reserved = key()
    client.reserve(reserved, ANNA.customer_id, sale, D("0.00"), coupons=(ANNA_COFFEE_10,))
    with pytest.raises(InvalidRequest):
        commit(client, reserved, ANNA.customer_id, sale, "0.00")  # the reservation took the coupon off the price


def test_a_full_refund_gives_the_coupon_back_a_partial_one_does_not(sandbox: RunningSandbox, client: SoapLoyaltyService) -> None:
    sale = receipt(line(1, COFFEE, "15.90", "2"), line(2, MILK, "2.49"))
    transaction = key()
    client.reserve(transaction, ANNA.customer_id, sale, D("5.00"), coupons=(ANNA_COFFEE_10,))
    commit(client, transaction, ANNA.customer_id, sale, "5.00", (ANNA_COFFEE_10,))
    spent = sandbox.service.balance_of(ANNA.customer_id).spendable

    first = client.refund(key(), transaction, [RefundLine(1, D("1"))])
    assert _uses(sandbox, ANNA_COFFEE_10) == [(transaction, "used")]
    second = client.refund(key(), transaction, [RefundLine(1, D("1")), RefundLine(2, D("1"))])
    assert first.redeem_returned + second.redeem_returned == D("5.00")  # the points part only, all of it
    assert sandbox.service.balance_of(ANNA.customer_id).spendable == spent + D("5.00")
    assert _uses(sandbox, ANNA_COFFEE_10) == []
    assert only(client.calculate(ANNA.customer_id, sale, coupons=(ANNA_COFFEE_10,)).coupons).applied


def test_cancelling_a_purchase_gives_the_coupon_back_only_while_it_is_valid(
    sandbox: RunningSandbox, client: SoapLoyaltyService
) -> None:
    sale = receipt(line(1, BREAD, "1.89", "3"))
    fresh, stale = key(), key()
    commit(client, fresh, OLGA.customer_id, sale, "0.00", (OLGA_BREAD_20,))
    client.cancel(fresh)
    assert _uses(sandbox, OLGA_BREAD_20) == []
    commit(client, stale, OLGA.customer_id, sale, "0.00", (OLGA_BREAD_20,))
    sandbox.clock.advance(timedelta(days=15))
    client.cancel(stale)
    assert _uses(sandbox, OLGA_BREAD_20) == [(stale, "used")]


# ----- two tills, one coupon ------------------------------------------------------------------------------------


@ON_EVERY_DATABASE
def test_two_tills_reserving_one_coupon_at_once_one_wins(sandbox: RunningSandbox) -> None:
    sale = receipt(line(1, COFFEE, "15.90"))
    for _ in range(3):
        start = threading.Barrier(2)
        results: dict[str, CouponResult] = {}
        errors: list[BaseException] = []

        def till(customer_id: str, transaction_id: str) -> None:
            try:
                with SoapLoyaltyService(sandbox.url, timeout_seconds=20) as own:
                    start.wait(10)
                    reservation = own.reserve(transaction_id, customer_id, sale, D("0.00"), coupons=(IVAN_2_OFF_FROM_10,))
                    results[transaction_id] = only(reservation.coupons)
            except BaseException as exc:
                errors.append(exc)

        keys = {key(): ANNA.customer_id, key(): IVAN.customer_id}
        threads = [threading.Thread(target=till, args=(customer, transaction)) for transaction, customer in keys.items()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert errors == []
        winners = [transaction for transaction, result in results.items() if result.applied]
        assert len(winners) == 1
        loser = next(result for transaction, result in results.items() if transaction not in winners)
        assert loser.reason is CouponRefusal.HELD
        assert _uses(sandbox, IVAN_2_OFF_FROM_10) == [(winners[0], "held")]
        with SoapLoyaltyService(sandbox.url, timeout_seconds=10) as client:
            client.cancel(winners[0])


@ON_EVERY_DATABASE
def test_two_tills_committing_one_coupon_at_once_one_wins(sandbox: RunningSandbox) -> None:
    sale = receipt(line(1, COFFEE, "15.90"))
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def till(customer_id: str, transaction_id: str) -> None:
        with SoapLoyaltyService(sandbox.url, timeout_seconds=20) as own:
            start.wait(10)
            try:
                outcomes[transaction_id] = commit(own, transaction_id, customer_id, sale, "0.00", (IVAN_2_OFF_FROM_10,))
            except InvalidRequest as refused:
                outcomes[transaction_id] = refused

    keys = {key(): ANNA.customer_id, key(): IVAN.customer_id}
    threads = [threading.Thread(target=till, args=(customer, transaction)) for transaction, customer in keys.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    refused = [transaction for transaction, outcome in outcomes.items() if isinstance(outcome, InvalidRequest)]
    assert len(outcomes) == 2 and len(refused) == 1
    (winner,) = set(keys) - set(refused)
    assert _uses(sandbox, IVAN_2_OFF_FROM_10) == [(winner, "used")]
    with Session(sandbox.engine) as session:
        assert session.scalar(select(func.count()).select_from(CouponUse)) == 1
