"""The loyalty program's rules: tiers, accrual, redemption limits, confirmation (docs/architecture.md §1).

The one place these rules are computed — by the sandbox service and by the till's offline
estimates alike. Pure functions over `loyalty_client.types.Program`: no storage, no clock.

- Tier: the highest tier whose threshold the 12-month purchase sum reaches.
- Accrual per line: (amount − discount) × tier percent, cut down to the kopeck, only on lines that
  allow accrual.
- Redemption is money off the receipt; the points it costs are `redeem / pointValue`. The most a
  receipt may take is the least of: the spendable points' worth, `maxRedeemPercent` of the amount
  eligible for redemption (cut down to the kopeck), and what the lines can take after their floors.
- A one-time code is needed when the points to spend reach `confirmationThreshold` (if above 0).
- Members who have not activated their card earn points but cannot spend them; blocked members
  can do neither.
- Offline (the till could not reach the service; the store admin approved with a PIN) a customer
  may spend at most `offlineRedeemLimit` points a day, at all tills together, when the program
  publishes one.
"""
from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import Mapping, Sequence

from fiscal.allocation import AllocationError, allocate, eligible_amount, redeemable_capacity
from fiscal.money import CENT, ZERO, format_money, money_down
from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client.errors import (
    CustomerBlocked,
    InvalidRequest,
    NotActivated,
    RedeemLimitExceeded,
)
from loyalty_client.types import (
    Calculation,
    CustomerStatus,
    LineAllocation,
    NextTier,
    Program,
    ProgramTier,
    Tier,
)

HUNDRED = Decimal(100)

MSG_NOT_ACTIVATED = "Карта не активирована: баллы начисляются, списание недоступно"
MSG_BLOCKED = "Карта заблокирована: начисление и списание недоступны"


def _tiers_by_threshold(program: Program) -> list[ProgramTier]:
    if not program.tiers:
        raise ValueError(f"program {program.name!r} has no tiers")
    return sorted(program.tiers, key=lambda tier: tier.threshold)


def tier_for(program: Program, purchases_12m: Decimal) -> ProgramTier:
    """The tier a 12-month purchase sum earns (the lowest tier if it reaches none)."""
    tiers = _tiers_by_threshold(program)
    reached = [tier for tier in tiers if tier.threshold <= purchases_12m]
    return reached[-1] if reached else tiers[0]


def next_tier(program: Program, purchases_12m: Decimal) -> NextTier | None:
    """The next tier above the current one and how much more is to be bought; None at the top."""
    for tier in _tiers_by_threshold(program):
        if tier.threshold > purchases_12m:
            return NextTier(
                code=tier.code,
                name=tier.name,
                threshold=tier.threshold,
                remaining=tier.threshold - purchases_12m,
            )
    return None


def as_tier(tier: ProgramTier) -> Tier:
    """The customer-facing form of a program tier (without its threshold)."""
    return Tier(code=tier.code, name=tier.name, accrual_percent=tier.accrual_percent)


def line_accrual(line: ReceiptLine, discount: Decimal, accrual_percent: Decimal) -> Decimal:
    """Points a line earns after its loyalty discount, cut down to the kopeck."""
    if not line.accrual_allowed:
        return ZERO
    paid = line.amount - discount
    if paid <= ZERO:
        return ZERO
    return money_down(paid * accrual_percent / HUNDRED)


def accruals(
    lines: Sequence[ReceiptLine], discounts: Mapping[int, Decimal], accrual_percent: Decimal
) -> dict[int, Decimal]:
    """Points earned per line number, given each line's discount (missing means none)."""
    return {
        line.line_no: line_accrual(line, discounts.get(line.line_no, ZERO), accrual_percent)
        for line in lines
    }


def points_worth(program: Program, points: Decimal) -> Decimal:
    """How much money `points` can take off a receipt, cut down to the kopeck."""
    return money_down(points * program.point_value)


def points_for_redeem(program: Program, redeem: Decimal) -> Decimal:
    """The points a redemption of `redeem` costs (rounded up to 0.01: never less than its worth)."""
    if redeem <= ZERO:
        return ZERO
    if program.point_value <= ZERO:
        raise ValueError("a program whose points are worth nothing cannot redeem")
    return (redeem / program.point_value).quantize(CENT, rounding=ROUND_CEILING)


def percent_limit(program: Program, lines: Sequence[ReceiptLine]) -> Decimal:
    """`maxRedeemPercent` of the amount eligible for redemption, cut down to the kopeck."""
    return money_down(eligible_amount(lines) * program.max_redeem_percent / HUNDRED)


def max_redeem(
    program: Program,
    lines: Sequence[ReceiptLine],
    spendable: Decimal,
    status: CustomerStatus = CustomerStatus.ACTIVE,
) -> Decimal:
    """The most that may be redeemed on these lines with `spendable` points."""
    if status is not CustomerStatus.ACTIVE or spendable <= ZERO:
        return ZERO
    limit = min(
        points_worth(program, spendable),
        percent_limit(program, lines),
        redeemable_capacity(lines),
    )
    return max(limit, ZERO)


def confirmation_required(program: Program, redeem: Decimal) -> bool:
    """True when spending the points for `redeem` needs a one-time code from the customer."""
    threshold = program.confirmation_threshold
    return threshold > ZERO and redeem > ZERO and points_for_redeem(program, redeem) >= threshold


def offline_points_left(program: Program, spent_today: Decimal) -> Decimal | None:
    """Points a customer may still spend offline today, after `spent_today` points spent offline
    (None when the program sets no offline limit)."""
    if program.offline_redeem_limit is None:
        return None
    return max(ZERO, program.offline_redeem_limit - spent_today)


def check_offline_redeem(program: Program, redeem: Decimal, spent_today: Decimal, day: str) -> None:
    """Raise `RedeemLimitExceeded` when spending the points for `redeem` offline would take the
    customer past the program's offline limit for `day` (shown in the message)."""
    left = offline_points_left(program, spent_today)
    if left is None or redeem <= ZERO:
        return
    points = points_for_redeem(program, redeem)
    if points > left:
        assert program.offline_redeem_limit is not None
        raise RedeemLimitExceeded(
            f"Списание без связи {format_money(points)} баллов сверх лимита программы: не более "
            f"{format_money(program.offline_redeem_limit)} баллов в день на клиента, за {day} уже "
            f"списано {format_money(spent_today)}. Покупка не проведена в программе: решение за администратором"
        )


def _check_lines(receipt: Receipt) -> None:
    numbers = [line.line_no for line in receipt.lines]
    if not numbers:
        raise InvalidRequest("В чеке нет позиций")
    if len(set(numbers)) != len(numbers):
        raise InvalidRequest("Номера позиций в чеке повторяются")
    for line in receipt.lines:
        if line.amount < ZERO or line.quantity <= ZERO:
            raise InvalidRequest(f"Позиция {line.line_no}: неверное количество или сумма")


def _limit_reason(program: Program, receipt: Receipt, spendable: Decimal, limit: Decimal) -> str:
    if limit == points_worth(program, spendable):
        return f"на счёте {format_money(spendable)} баллов"
    if limit == percent_limit(program, receipt.lines):
        return f"баллами можно оплатить не более {program.max_redeem_percent.normalize():f} % суммы чека"
    return "остальные позиции не допускают скидку"


def unredeemed_lines(
    receipt: Receipt, tier: Tier | ProgramTier, status: CustomerStatus = CustomerStatus.ACTIVE
) -> tuple[LineAllocation, ...]:
    """The lines `calculate` allocates when nothing is redeemed, without working out what could
    be: no discount on any line, each line's accrual at the tier's percent (none for a blocked
    member). `InvalidRequest` for a receipt that breaks the contract."""
    _check_lines(receipt)
    return _without_discount(receipt.lines, tier.accrual_percent if status is not CustomerStatus.BLOCKED else ZERO)


def _without_discount(lines: Sequence[ReceiptLine], accrual_percent: Decimal) -> tuple[LineAllocation, ...]:
    return tuple(
        LineAllocation(line_no=line.line_no, discount=ZERO, accrual=line_accrual(line, ZERO, accrual_percent))
        for line in lines
    )


def calculate(
    program: Program,
    receipt: Receipt,
    tier: Tier | ProgramTier,
    spendable: Decimal,
    requested: Decimal | None = None,
    status: CustomerStatus = CustomerStatus.ACTIVE,
) -> Calculation:
    """Points to earn, the redeemable maximum and the allocation of `requested` for a receipt.

    `spendable` is what the customer may spend now (held points already taken off). `requested`
    None or 0 gives a quote without redemption. Raises `RedeemLimitExceeded` when `requested` is
    above the maximum, `NotActivated`/`CustomerBlocked` when such a member asks to spend, and
    `InvalidRequest` for a receipt or amount that breaks the contract.
    """
    _check_lines(receipt)
    maximum = max_redeem(program, receipt.lines, spendable, status)
    redeem = ZERO if requested is None else requested
    if redeem < ZERO or redeem != redeem.quantize(CENT):
        raise InvalidRequest("Сумма списания должна быть неотрицательной, в копейках")
    redeem = redeem.quantize(CENT)
    if redeem > ZERO:
        if status is CustomerStatus.BLOCKED:
            raise CustomerBlocked(MSG_BLOCKED)
        if status is CustomerStatus.NOT_ACTIVATED:
            raise NotActivated(MSG_NOT_ACTIVATED)
        if redeem > maximum:
            reason = _limit_reason(program, receipt, spendable, maximum)
            raise RedeemLimitExceeded(
                f"Можно списать не более {format_money(maximum)}: {reason}"
            )
    percent = tier.accrual_percent if status is not CustomerStatus.BLOCKED else ZERO
    if redeem:
        try:
            discounts = allocate(receipt.lines, redeem)
        except AllocationError as exc:  # only reachable through an inconsistent receipt
            raise InvalidRequest(f"Списание не распределяется по позициям: {exc}") from exc
        earned = accruals(receipt.lines, discounts, percent)
        lines = tuple(
            LineAllocation(line_no=line.line_no, discount=discounts[line.line_no], accrual=earned[line.line_no])
            for line in receipt.lines
        )
    else:
        lines = _without_discount(receipt.lines, percent)
    messages: list[str] = []
    if status is CustomerStatus.NOT_ACTIVATED:
        messages.append(MSG_NOT_ACTIVATED)
    elif status is CustomerStatus.BLOCKED:
        messages.append(MSG_BLOCKED)
    elif program.confirmation_threshold > ZERO and maximum > ZERO and confirmation_required(program, maximum):
        messages.append(
            f"Списание от {format_money(program.confirmation_threshold)} баллов — по коду из SMS"
        )
    return Calculation(
        accrual=sum((allocation.accrual for allocation in lines), ZERO),
        max_redeem=maximum,
        redeem=redeem,
        lines=lines,
        confirmation_required=confirmation_required(program, redeem),
        messages=tuple(messages),
    )
