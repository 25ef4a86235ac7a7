"""What coupons do on a receipt: offers as rules, applied before the points (docs/architecture.md §3).

Pure functions, no storage and no clock: the sandbox reads the offers, the coupons' holds and
uses and the product categories, and hands them here.

- Checks, in this order: an unknown code (UNKNOWN); a personal offer of another member
  (NOT_OWNER); before its first day (NOT_STARTED) or after its last (EXPIRED); held by another
  receipt or used up (HELD, USED, decided by the caller from the database); a receipt total below
  the offer's minimum (MIN_AMOUNT); no line the offer covers that can take it (NO_ELIGIBLE_LINES).
- Lines covered: those whose SKU the offer names or whose category it names; an offer naming
  neither covers the whole receipt.
- Money off (percent or amount) is a discount like a redemption: only on lines that allow one
  (`redeemAllowed`) and never below a line's floor (its minimum price, at least 0.01 a unit).
  A percent is taken from each covered line and cut down to the kopeck (no line gets more than
  the percent); an amount is spread over the covered lines as a redemption is (exact, largest
  remainder), and is cut to what they can take. Coupons apply in the order given, each on what
  the earlier ones left.
- The points are then redeemed on what the lines still cost (`rules.calculate` on the receipt
  with the coupon discounts taken off): the most redeemable and the accrual follow from that.
- Extra points: a multiplier makes each covered line earn its accrual that many times (the extra
  part cut down to the kopeck); a fixed number of points is spread over the covered lines that
  earn points, in proportion to what they cost after discounts.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Mapping, Sequence

from fiscal.allocation import allocate, line_capacity, redeemable_capacity
from fiscal.money import CENT, ZERO, money_down
from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client import rules
from loyalty_client.errors import InvalidRequest
from loyalty_client.types import (
    Calculation,
    CouponRefusal,
    CouponResult,
    CustomerStatus,
    LineAllocation,
    OfferKind,
    Program,
    ProgramTier,
    Tier,
)

HUNDRED = Decimal(100)
UNKNOWN_TITLE = "Купон не найден"
DISCOUNT_KINDS = frozenset({OfferKind.PERCENT_OFF, OfferKind.AMOUNT_OFF})


@dataclass(frozen=True)
class OfferRule:
    """An offer's coupon and the rule it applies."""

    offer_id: str
    title: str
    coupon_code: str
    owner_id: str
    kind: OfferKind | None
    value: Decimal | None
    valid_until: date
    valid_from: date | None = None
    min_amount: Decimal | None = None
    skus: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    personal: bool = True
    single_use: bool = True


@dataclass(frozen=True)
class CouponCheck:
    """A coupon of the request: its offer (None: unknown code) and what the database says of it
    (USED or HELD, else None)."""

    code: str
    rule: OfferRule | None
    state: CouponRefusal | None = None


def covers(rule: OfferRule, line: ReceiptLine, categories: Mapping[str, str]) -> bool:
    """True when the offer covers this line (by SKU, by category, or the whole receipt)."""
    if not rule.skus and not rule.categories:
        return True
    return line.sku in rule.skus or categories.get(line.sku) in rule.categories


def refusal(
    check: CouponCheck, customer_id: str, today: date, receipt: Receipt
) -> CouponRefusal | None:
    """Why the coupon cannot apply to this member's receipt on `today`, before looking at lines."""
    rule = check.rule
    if rule is None:
        return CouponRefusal.UNKNOWN
    if rule.personal and rule.owner_id != customer_id:
        return CouponRefusal.NOT_OWNER
    if rule.valid_from is not None and today < rule.valid_from:
        return CouponRefusal.NOT_STARTED
    if today > rule.valid_until:
        return CouponRefusal.EXPIRED
    if check.state is not None:
        return check.state
    if rule.min_amount is not None and receipt.total < rule.min_amount:
        return CouponRefusal.MIN_AMOUNT
    if rule.kind is None:
        return CouponRefusal.NO_ELIGIBLE_LINES  # an offer without a rule gives nothing at the till
    return None


def coupon_discounts(
    rule: OfferRule, lines: Sequence[ReceiptLine], categories: Mapping[str, str]
) -> dict[int, Decimal]:
    """Money off per covered line for a percent or amount offer (lines as earlier coupons left them)."""
    covered = [line for line in lines if covers(rule, line, categories) and line_capacity(line) > ZERO]
    value = rule.value or ZERO
    if rule.kind is OfferKind.PERCENT_OFF:
        percent = min(value, HUNDRED)
        return {line.line_no: min(money_down(line.amount * percent / HUNDRED), line_capacity(line)) for line in covered}
    if rule.kind is OfferKind.AMOUNT_OFF:
        amount = min(money_down(value), redeemable_capacity(covered))
        return allocate(covered, amount) if covered else {}
    raise ValueError(f"{rule.kind} is not money off")


def split(total: Decimal, weights: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """`total` spread over the keys in proportion to `weights`, in kopecks, largest remainder
    first (ties: the lower key), summing exactly to `total`."""
    positive = {key: Fraction(weight) for key, weight in weights.items() if weight > ZERO}
    if not positive:
        return {}
    cents = int(total / CENT)
    whole_weight = sum(positive.values())
    shares = {key: cents * weight / whole_weight for key, weight in positive.items()}
    parts = {key: int(share) for key, share in shares.items()}
    left = cents - sum(parts.values())
    for key in sorted(shares, key=lambda key: (-(shares[key] - parts[key]), key))[:left]:
        parts[key] += 1
    return {key: Decimal(part) * CENT for key, part in parts.items()}


def _refused(check: CouponCheck, reason: CouponRefusal) -> CouponResult:
    rule = check.rule
    return CouponResult(
        code=check.code,
        offer_id=None if rule is None else rule.offer_id,
        title=UNKNOWN_TITLE if rule is None else rule.title,
        applied=False,
        reason=reason,
        min_amount=rule.min_amount if rule is not None and reason is CouponRefusal.MIN_AMOUNT else None,
        valid_until=None if rule is None else rule.valid_until,
    )


def calculate(
    program: Program,
    receipt: Receipt,
    tier: Tier | ProgramTier,
    spendable: Decimal,
    requested: Decimal | None,
    status: CustomerStatus,
    checks: Sequence[CouponCheck],
    customer_id: str,
    today: date,
    categories: Mapping[str, str],
) -> Calculation:
    """`rules.calculate` with the coupons applied first: per line the coupon and points parts of
    the discount, the accrual with extra points, and a result per coupon in the order given."""
    codes = [check.code for check in checks]
    if len(set(codes)) != len(codes):
        raise InvalidRequest("Купон указан в чеке дважды")
    lines = {line.line_no: line for line in receipt.lines}
    coupon_part = {number: ZERO for number in lines}
    results: dict[str, CouponResult] = {}
    extra_rules: list[CouponCheck] = []
    for check in checks:
        reason = refusal(check, customer_id, today, receipt)
        if reason is None and check.rule is not None and check.rule.kind in DISCOUNT_KINDS:
            left = [replace(line, amount=line.amount - coupon_part[line.line_no]) for line in receipt.lines]
            discounts = {no: d for no, d in coupon_discounts(check.rule, left, categories).items() if d > ZERO}
            if not discounts:
                reason = CouponRefusal.NO_ELIGIBLE_LINES
            else:
                for number, discount in discounts.items():
                    coupon_part[number] += discount
                results[check.code] = CouponResult(
                    code=check.code,
                    offer_id=check.rule.offer_id,
                    title=check.rule.title,
                    applied=True,
                    valid_until=check.rule.valid_until,
                    discount=sum(discounts.values(), ZERO),
                )
                continue
        if reason is None:
            extra_rules.append(check)
        else:
            results[check.code] = _refused(check, reason)
    after_coupons = receipt.with_lines(
        replace(line, amount=line.amount - coupon_part[line.line_no]) for line in receipt.lines
    )
    points = rules.calculate(program, after_coupons, tier, spendable, requested, status)
    points_part = {allocation.line_no: allocation.discount for allocation in points.lines}
    accrual = {allocation.line_no: allocation.accrual for allocation in points.lines}
    for check in extra_rules:
        assert check.rule is not None
        extra = _extra_points(check.rule, receipt.lines, accrual, coupon_part, points_part, categories)
        if not extra:
            results[check.code] = _refused(check, CouponRefusal.NO_ELIGIBLE_LINES)
            continue
        for number, points_more in extra.items():
            accrual[number] += points_more
        results[check.code] = CouponResult(
            code=check.code,
            offer_id=check.rule.offer_id,
            title=check.rule.title,
            applied=True,
            valid_until=check.rule.valid_until,
            extra_accrual=sum(extra.values(), ZERO),
        )
    allocations = tuple(
        LineAllocation(
            line_no=number,
            discount=coupon_part[number] + points_part[number],
            accrual=accrual[number],
            coupon_discount=coupon_part[number],
            points_discount=points_part[number],
        )
        for number in lines
    )
    return replace(
        points,
        accrual=sum(accrual.values(), ZERO),
        lines=allocations,
        coupons=tuple(results[code] for code in codes),
    )


def _extra_points(
    rule: OfferRule,
    lines: Sequence[ReceiptLine],
    accrual: Mapping[int, Decimal],
    coupon_part: Mapping[int, Decimal],
    points_part: Mapping[int, Decimal],
    categories: Mapping[str, str],
) -> dict[int, Decimal]:
    """Extra points per covered line that earns points (empty when none does)."""
    value = rule.value or ZERO
    earning = [
        line for line in lines
        if covers(rule, line, categories) and line.accrual_allowed
        and line.amount - coupon_part[line.line_no] - points_part[line.line_no] > ZERO
    ]
    if rule.kind is OfferKind.EXTRA_POINTS_MULTIPLIER:
        extra = {line.line_no: money_down(accrual[line.line_no] * (value - 1)) for line in earning} if value > 1 else {}
    else:
        paid = {line.line_no: line.amount - coupon_part[line.line_no] - points_part[line.line_no] for line in earning}
        extra = split(money_down(value), paid)
    return {number: points for number, points in extra.items() if points > ZERO}
