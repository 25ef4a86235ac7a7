"""The bytes of the slip printed after a return of goods (ESC/POS, pure).

Laid out like the after-sale slip (`devices.printing.receipt_layout`): the points the return took
back and gave back, and the balance after it once the loyalty service has said it. A return the
service has not confirmed yet says its figures are expected.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from devices.printing.receipt_layout import Block, Layout, Sheet, layout_blocks, points, render
from devices.uris import PrintOptions


@dataclass(frozen=True)
class ReturnSummary:
    """The loyalty block of a return: the return's and the sale's fiscal numbers, the points taken
    back (`reversed`) and given back (`returned`), None when not known; the balance after it
    when known; `confirmed` when the figures are the service's, `refused` when the service
    refused the return (the figures are then the till's own)."""

    return_document: str
    original_receipt: str
    reversed: Decimal | None
    returned: Decimal | None
    balance_after: Decimal | None = None
    confirmed: bool = False
    refused: bool = False


@dataclass(frozen=True)
class ReturnLabels:
    """The fixed words of the return slip in one language (the till translates them; Russian
    for a caller without a translation)."""

    heading: str
    document: str
    original: str
    reversed: str
    returned: str
    balance: str
    expected: str
    unknown: str
    refused: str


RUSSIAN = ReturnLabels(
    heading="Возврат по бонусной программе",
    document="Чек возврата",
    original="Чек покупки",
    reversed="Снято начисленных бонусов",
    returned="Возвращено бонусов",
    balance="Баланс бонусов",
    expected="Суммы предварительные: программа лояльности подтвердит их, когда получит возврат.",
    unknown="Бонусы будут пересчитаны, когда программа лояльности получит возврат.",
    refused="Не подтверждено: программа лояльности не приняла этот возврат. Выше указаны расчёты кассы.",
)

def return_blocks(summary: ReturnSummary, sheet: Sheet, labels: ReturnLabels) -> list[Block]:
    """The loyalty block of the return slip."""
    blocks: list[Block] = [sheet.rule("-")]
    blocks += sheet.wrap(labels.heading, bold=True, center=True)
    blocks += sheet.row(labels.document, summary.return_document)
    blocks += sheet.row(labels.original, summary.original_receipt)
    if summary.reversed is None or summary.returned is None:
        blocks += sheet.wrap(labels.refused if summary.refused else labels.unknown, bold=True)
        return blocks
    blocks += sheet.row(labels.reversed, "-" + points(summary.reversed))
    blocks += sheet.row(labels.returned, "+" + points(summary.returned))
    if summary.refused:
        blocks += sheet.wrap(labels.refused, bold=True)
        return blocks
    if summary.balance_after is not None:
        blocks += sheet.row(labels.balance, points(summary.balance_after), bold=True)
    if not summary.confirmed:
        blocks += sheet.wrap(labels.expected)
    return blocks


def layout_return_slip(summary: ReturnSummary, options: PrintOptions, *, labels: ReturnLabels = RUSSIAN) -> Layout:
    """The blocks of the return slip and the code page for them."""
    return layout_blocks(lambda sheet: return_blocks(summary, sheet, labels), options)


def build_return_slip(summary: ReturnSummary, options: PrintOptions, *, labels: ReturnLabels = RUSSIAN) -> bytes:
    """The printed bytes of the return slip in the words of `labels`: the loyalty block, then a cut."""
    return render(layout_return_slip(summary, options, labels=labels))
