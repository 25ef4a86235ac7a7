"""The shift summary as plain JSON-able data: the host API's answer and `till-loyalty shift --json`.

Points travel as decimal strings (`"12.50"`), times as ISO 8601 with their offset, names in the
host API's camelCase. Each figure says whether the service confirmed all of it.
"""
from __future__ import annotations

from typing import Any

from app.shift.summary import Count, Points, ShiftSummary
from fiscal.money import money


def shift_data(summary: ShiftSummary) -> dict[str, Any]:
    """The summary as the host API answers it."""
    return {
        "from": summary.window.start.isoformat(),
        "to": summary.window.end.isoformat(),
        "fullyConfirmed": summary.fully_confirmed,
        "sales": count_data(summary.sales),
        "pointsEarned": points_data(summary.earned),
        "pointsSpent": points_data(summary.spent),
        "refunds": count_data(summary.refunds),
        "pointsReversed": points_data(summary.reversed),
        "pointsReturned": points_data(summary.returned),
        "couponsUsed": count_data(summary.coupons),
        "deliveries": {"waiting": summary.waiting, "failed": summary.failed},
    }


def count_data(count: Count) -> dict[str, Any]:
    """A count and how much of it the service has not confirmed."""
    return {"count": count.value, "confirmed": count.confirmed, "unconfirmed": count.unconfirmed}


def points_data(points: Points) -> dict[str, Any]:
    """Points: the service's, the till's expectation of the rest, and their total."""
    return {
        "confirmed": str(money(points.confirmed)),
        "expected": str(money(points.expected)),
        "total": str(money(points.total)),
        "fullyConfirmed": points.fully_confirmed,
        "unconfirmed": points.unconfirmed,
        "unknown": points.unknown,
    }
