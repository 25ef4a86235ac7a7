"""The store's rule for spending points while the loyalty service cannot be reached.

By default nothing is spent offline (docs/architecture.md §5). A store may allow a capped exception: each
offline redemption approved with the admin PIN, at most `limit_per_day` points per customer per
day at this till (and no more than the program's own offline limit, when the service publishes
one: it refuses sales above it), and never more than the cached balance less what this till
already spent for the customer and the service has not yet counted (local holds).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from typing import Any, Iterable, Protocol

from fiscal.money import ZERO, money
from loyalty_client.rules import offline_points_left, points_for_redeem
from loyalty_client.types import Program
from app.offline.redemption_modes import CAPPED, MODES, REFUSE  # noqa: F401  (the settings' names)


@dataclass(frozen=True)
class OfflineRedemptionPolicy:
    """Whether a customer may spend points offline, and how many a day."""

    allowed: bool = False
    limit_per_day: Decimal = ZERO

    @classmethod
    def from_setting(cls, mode: str, limit_per_day: Decimal) -> "OfflineRedemptionPolicy":
        """The policy the settings name ("refuse" or "capped" with its daily limit in points)."""
        mode = mode.strip().lower()
        if mode not in MODES:
            raise ValueError(f"offline redemption must be one of {', '.join(MODES)}, not {mode!r}")
        if limit_per_day < ZERO:
            raise ValueError("the offline redemption limit must not be negative")
        if mode == REFUSE or limit_per_day == ZERO:
            return cls()
        return cls(True, money(limit_per_day))


class SettingsReader(Protocol):
    """What the policy needs of the till's settings (`app.settings.Settings`, which takes its
    choices from `MODES` here: this module does not import it back)."""

    def get(self, section: str, key: str) -> Any:
        """The typed value of `[section] key`."""
        ...


def policy_from_settings(settings: SettingsReader) -> OfflineRedemptionPolicy:
    """The policy the till's settings name."""
    return OfflineRedemptionPolicy.from_setting(
        settings.get("offline", "redemption"), settings.get("offline", "redeem_limit_per_day")
    )


def allowance(
    policy: OfflineRedemptionPolicy,
    program: Program,
    cached_spendable: Decimal,
    held: Iterable[Decimal],
    spent_today: Iterable[Decimal],
) -> Decimal:
    """The points a customer may still spend offline now (zero when the policy refuses).

    `held`: redemptions this till recorded that the cached balance does not show yet;
    `spent_today`: redemptions this till made offline for the customer today (both money off).
    """
    if not policy.allowed:
        return ZERO
    held_points = sum((points_for_redeem(program, amount) for amount in held), ZERO)
    today_points = sum((points_for_redeem(program, amount) for amount in spent_today), ZERO)
    left_today = policy.limit_per_day - today_points
    program_left = offline_points_left(program, today_points)
    if program_left is not None:
        left_today = min(left_today, program_left)
    return max(ZERO, min(cached_spendable - held_points, left_today))


def start_of_day(moment: datetime) -> datetime:
    """Local midnight of the day `moment` falls on (the till's own time zone), as an aware time."""
    local = moment.astimezone()
    return datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)
