"""The return slip on a network printer: a loopback listener records the bytes, a decoder reads them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from devices.printing.printer import ReceiptPrinter
from devices.printing.return_slip import RUSSIAN, ReturnLabels, ReturnSummary
from devices.uris import parse_printer_uri
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.devices.slip_words import BELARUSIAN_RETURN
from tests.escpos_decoder import Cut, decode

pytestmark = pytest.mark.integration


def printed_text(job: bytes) -> list[str]:
    return [line.text for line in decode(job).lines if line.text]


def row(label: str, value: str, columns: int) -> str:
    return label + value.rjust(columns - len(label))


def print_on_sink(summary: ReturnSummary, query: str, labels: ReturnLabels = RUSSIAN) -> bytes:
    with LoopbackPrinter(READY) as sink:
        printer = ReceiptPrinter(parse_printer_uri(sink.uri(query)), status_wait=0.2)
        status = printer.print_return_slip(summary, labels=labels)
        job = sink.next_job()
    assert status.ok, status
    assert printer.last_job is not None and printer.last_job.data in job, "kept for a reprint"
    return job


def test_a_confirmed_return_prints_what_was_taken_back_given_back_and_the_balance() -> None:
    summary = ReturnSummary("R-000900", "R-5001", Decimal("1.27"), Decimal("1234.50"), Decimal("118.73"), True)
    job = print_on_sink(summary, "width=80")
    assert printed_text(job) == [
        "-" * 48,
        "Возврат по бонусной программе",
        row("Чек возврата", "R-000900", 48),
        row("Чек покупки", "R-5001", 48),
        row("Снято начисленных бонусов", "-1,27", 48),
        row("Возвращено бонусов", "+1 234,50", 48),
        row("Баланс бонусов", "118,73", 48),
    ]
    assert isinstance(decode(job).events[-4], Cut)


def test_an_expected_return_says_so_in_belarusian_on_narrow_paper() -> None:
    job = print_on_sink(ReturnSummary("R-7", "R-5001", Decimal("0.42"), Decimal("0.00")), "width=58", labels=BELARUSIAN_RETURN)
    assert printed_text(job) == [
        "-" * 32,
        "Вяртанне па бонуснай праграме",
        row("Чэк вяртання", "R-7", 32),
        row("Чэк пакупкі", "R-5001", 32),
        row("Знята налічаных бонусаў", "-0,42", 32),
        row("Вернута бонусаў", "+0,00", 32),
        "Сумы папярэднія: праграма",
        "лаяльнасці пацвердзіць іх, калі",
        "атрымае вяртанне.",
    ]


def test_a_return_of_a_sale_of_another_till_says_the_points_come_later() -> None:
    job = print_on_sink(ReturnSummary("R-8", "OTHER-1", None, None), "width=80")
    assert printed_text(job)[-2:] == ["Бонусы будут пересчитаны, когда программа", "лояльности получит возврат."]
    assert not [line for line in printed_text(job) if "бонусов" in line and line[-1].isdigit()]
