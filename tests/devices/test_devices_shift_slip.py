"""The shift slip sent to a network printer on loopback and read back by the ESC/POS decoder."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from devices.printing.printer import ReceiptPrinter
from devices.printing.shift_slip import RUSSIAN, ShiftFigure, ShiftLabels, ShiftSlip
from devices.uris import parse_printer_uri
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.devices.slip_words import BELARUSIAN_SHIFT
from tests.escpos_decoder import Cut, decode

pytestmark = pytest.mark.integration

MINSK = timezone(timedelta(hours=3))
SLIP = ShiftSlip(
    start=datetime(2026, 12, 5, 0, 0, tzinfo=MINSK),
    end=datetime(2026, 12, 6, 0, 0, tzinfo=MINSK),
    sales=ShiftFigure(14, confirmed=False),
    earned=ShiftFigure(Decimal("1234.50"), confirmed=False),
    spent=ShiftFigure(Decimal("80.00")),
    refunds=ShiftFigure(2),
    reversed=ShiftFigure(Decimal("3.10")),
    returned=ShiftFigure(Decimal("0.00")),
    coupons=ShiftFigure(0),
    waiting=3,
    failed=1,
    store_id="001",
    till_id="01",
    printed_at=datetime(2026, 12, 5, 21, 30, tzinfo=MINSK),
)


def row(label: str, value: str, columns: int) -> str:
    return label + value.rjust(columns - len(label))


def printed(labels: ShiftLabels, width: str) -> tuple[list[str], bytes]:
    with LoopbackPrinter(READY) as sink:
        printer = ReceiptPrinter(parse_printer_uri(sink.uri(f"width={width}")), status_wait=0.2)
        status = printer.print_shift_slip(SLIP, labels=labels)
        job = sink.next_job()
    assert status.ok, status
    return [line.text for line in decode(job).lines if line.text], job


def test_the_russian_shift_slip_marks_what_the_service_has_not_confirmed() -> None:
    lines, job = printed(RUSSIAN, "80")
    assert lines == [
        "-" * 48,
        "Итоги смены",
        row("Магазин", "001", 48),
        row("Касса", "01", 48),
        "Период: 05.12.2026 00:00 - 06.12.2026 00:00",
        "-" * 48,
        row("Продажи с картой", "14 *", 48),
        row("Начислено бонусов", "1 234,50 *", 48),
        row("Списано бонусов", "80,00", 48),
        row("Возвраты", "2", 48),
        row("Снято бонусов", "3,10", 48),
        row("Возвращено бонусов", "0,00", 48),
        row("Купонов использовано", "0", 48),
        "-" * 48,
        row("Ждут отправки", "3", 48),
        row("Не приняты программой", "1", 48),
        "* ещё не подтверждено программой лояльности",
        "Напечатано 05.12.2026 21:30",
    ]
    assert any(isinstance(event, Cut) for event in decode(job).events)


def test_the_belarusian_slip_fits_58_mm_paper() -> None:
    lines, _ = printed(BELARUSIAN_SHIFT, "58")
    assert lines[1] == "Вынікі змены"
    assert row("Налічана бонусаў", "1 234,50 *", 32) in lines
    assert all(len(line) <= 32 for line in lines)
