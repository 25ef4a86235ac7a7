"""The shift slip's content from a shift summary (what `devices.printing` lays out and prints)."""
from __future__ import annotations

from datetime import datetime

from app.shift.summary import Count, Points, ShiftSummary
from devices.printing.shift_slip import ShiftFigure, ShiftSlip


def shift_slip(summary: ShiftSummary, *, store_id: str = "", till_id: str = "", printed_at: datetime | None = None) -> ShiftSlip:
    """The slip of `summary`, its times in the till's local time zone."""

    def count(figure: Count) -> ShiftFigure:
        return ShiftFigure(figure.value, figure.confirmed)

    def points(figure: Points) -> ShiftFigure:
        return ShiftFigure(figure.total, figure.fully_confirmed)

    return ShiftSlip(
        start=summary.window.start.astimezone(),
        end=summary.window.end.astimezone(),
        sales=count(summary.sales),
        earned=points(summary.earned),
        spent=points(summary.spent),
        refunds=count(summary.refunds),
        reversed=points(summary.reversed),
        returned=points(summary.returned),
        coupons=count(summary.coupons),
        waiting=summary.waiting,
        failed=summary.failed,
        store_id=store_id,
        till_id=till_id,
        printed_at=None if printed_at is None else printed_at.astimezone(),
    )
