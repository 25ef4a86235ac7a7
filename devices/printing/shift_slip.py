"""The bytes of the shift slip: the loyalty figures of the till's shift (ESC/POS, pure).

Laid out like the after-sale slip (`devices.printing.receipt_layout`); figures the loyalty service
has not confirmed yet are marked with `*` and explained under them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from devices.printing.receipt_layout import Block, Layout, Sheet, layout_blocks, points, render
from devices.uris import PrintOptions


@dataclass(frozen=True)
class ShiftFigure:
    """One figure of the shift slip, and whether the loyalty service confirmed all of it."""

    value: Decimal | int
    confirmed: bool = True


@dataclass(frozen=True)
class ShiftSlip:
    """What the shift slip says: the window, the loyalty figures of the till in it, and the
    deliveries still waiting or refused. Unconfirmed figures are marked on paper."""

    start: datetime
    end: datetime
    sales: ShiftFigure
    earned: ShiftFigure
    spent: ShiftFigure
    refunds: ShiftFigure
    reversed: ShiftFigure
    returned: ShiftFigure
    coupons: ShiftFigure
    waiting: int
    failed: int
    store_id: str = ""
    till_id: str = ""
    printed_at: datetime | None = None


@dataclass(frozen=True)
class ShiftLabels:
    """The fixed words of the shift slip in one language (the till translates them)."""

    heading: str
    store: str
    till: str
    period: str
    sales: str
    earned: str
    spent: str
    refunds: str
    reversed: str
    returned: str
    coupons: str
    waiting: str
    failed: str
    unconfirmed: str
    printed: str


RUSSIAN = ShiftLabels(
    heading="Итоги смены",
    store="Магазин",
    till="Касса",
    period="Период",
    sales="Продажи с картой",
    earned="Начислено бонусов",
    spent="Списано бонусов",
    refunds="Возвраты",
    reversed="Снято бонусов",
    returned="Возвращено бонусов",
    coupons="Купонов использовано",
    waiting="Ждут отправки",
    failed="Не приняты программой",
    unconfirmed="* ещё не подтверждено программой лояльности",
    printed="Напечатано",
)
"""The slip's words when a caller gives none (the till always gives its own, translated)."""


def shift_value(figure: ShiftFigure) -> str:
    """A shift figure as printed: a count as is, points as people read them; `*` when unconfirmed."""
    text = str(figure.value) if isinstance(figure.value, int) else points(figure.value)
    return text if figure.confirmed else text + " *"


def layout_shift_slip(slip: ShiftSlip, options: PrintOptions, *, labels: ShiftLabels = RUSSIAN) -> Layout:
    """The blocks of the shift slip and the code page for them."""

    def when(moment: datetime) -> str:
        return f"{moment:%d.%m.%Y %H:%M}"

    def blocks_on(sheet: Sheet) -> list[Block]:
        blocks: list[Block] = [sheet.rule("-")]
        blocks += sheet.wrap(labels.heading, bold=True, center=True)
        if slip.store_id:
            blocks += sheet.row(labels.store, slip.store_id)
        if slip.till_id:
            blocks += sheet.row(labels.till, slip.till_id)
        blocks += sheet.wrap(f"{labels.period}: {when(slip.start)} - {when(slip.end)}")
        blocks.append(sheet.rule("-"))
        for label, figure in (
            (labels.sales, slip.sales),
            (labels.earned, slip.earned),
            (labels.spent, slip.spent),
            (labels.refunds, slip.refunds),
            (labels.reversed, slip.reversed),
            (labels.returned, slip.returned),
            (labels.coupons, slip.coupons),
        ):
            blocks += sheet.row(label, shift_value(figure))
        blocks.append(sheet.rule("-"))
        blocks += sheet.row(labels.waiting, str(slip.waiting), bold=slip.waiting > 0)
        blocks += sheet.row(labels.failed, str(slip.failed), bold=slip.failed > 0)
        figures = (slip.sales, slip.earned, slip.spent, slip.refunds, slip.reversed, slip.returned, slip.coupons)
        if not all(figure.confirmed for figure in figures):
            blocks += sheet.wrap(labels.unconfirmed)
        if slip.printed_at is not None:
            blocks += sheet.wrap(f"{labels.printed} {when(slip.printed_at)}")
        return blocks

    return layout_blocks(blocks_on, options)


def build_shift_slip(slip: ShiftSlip, options: PrintOptions, *, labels: ShiftLabels = RUSSIAN) -> bytes:
    """The printed bytes of the shift slip in the words of `labels`: the shift's figures, then a cut."""
    return render(layout_shift_slip(slip, options, labels=labels))
