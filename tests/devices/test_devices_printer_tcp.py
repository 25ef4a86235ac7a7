"""Printing to a network printer: a loopback listener records the bytes, a decoder reads them back.

Also the printer in trouble: refused connections, a printer that stops taking data mid-job, and
status answers for paper out and cover open. Each ends with a status and the job kept. Every way
a printer can fail to take a slip is in `test_devices_printer_tcp_faults.py`.
"""
from __future__ import annotations

import socket
from datetime import date
from decimal import Decimal

import pytest

from devices.printing.printer import PrintJob, ReceiptPrinter
from devices.printing.printer_status import STATUS_QUERY, DeliveryProblem, PrinterState
from devices.printing.receipt_layout import LoyaltySummary
from devices.uris import parse_printer_uri
from loyalty_client.types import BarcodeKind, Offer
from tests.devices.loopback_printer import COVER_OPEN, PAPER_LOW, PAPER_OUT, READY, LoopbackPrinter
from tests.devices.slip_words import BELARUSIAN
from tests.escpos_decoder import CodePage, Cut, Init, StatusQuery, decode, ean13_is_valid

pytestmark = pytest.mark.integration

COUPON = "9900000001230"
SUMMARY = LoyaltySummary(
    masked_phone="+375 29 ***-**-67",
    tier_name="Срэбны",
    earned=Decimal("4.20"),
    spent=Decimal("10.00"),
    balance_after=Decimal("57.35"),
)
AUTUMN = Offer(
    "o-7",
    "Зніжка 15% на ўсю гарбату",
    "Пакажыце купон «Восень» на касе — № 3 у спісе. Дзейнічае і на ёлкавы чай.",
    COUPON,
    date(2026, 11, 30),
    BarcodeKind.QR,
)
COFFEE = Offer(
    "o-8",
    "Кофе «Арабика» — скидка",
    "Предъявите купон № 12 на кассе: ещё −10% на зёрна.",
    COUPON,
    date(2026, 12, 31),
    BarcodeKind.EAN13,
)


def printer_for(sink: LoopbackPrinter, query: str = "", **kwargs: object) -> ReceiptPrinter:
    return ReceiptPrinter(parse_printer_uri(sink.uri(query)), status_wait=0.2, **kwargs)  # type: ignore[arg-type]


def row(label: str, value: str, columns: int) -> str:
    """A label on the left and its value flush right on a line of `columns` characters."""
    return label + value.rjust(columns - len(label))


def printed_text(job: bytes) -> list[str]:
    return [line.text for line in decode(job).lines if line.text]


def test_a_russian_slip_arrives_in_cp866_with_its_codes_and_a_cut() -> None:
    with LoopbackPrinter(READY) as sink:
        status = printer_for(sink, "width=80").print_receipt(SUMMARY, [COFFEE])
        job = sink.next_job()
    assert status.ok, status
    decoded = decode(job)
    assert [type(e) for e in decoded.events[:5]] == [StatusQuery, StatusQuery, StatusQuery, Init, CodePage]
    assert decoded.code_pages == [17]
    assert printed_text(job) == [
        "-" * 48,
        "Бонусная программа",
        row("Телефон", "+375 29 ***-**-67", 48),
        row("Уровень", "Срэбны", 48),
        row("Начислено бонусов", "+4,20", 48),
        row("Списано бонусов", "-10,00", 48),
        row("Баланс бонусов", "57,35", 48),
        "Персональные предложения",
        "=" * 48,
        'Кофе "Арабика" - скидка',
        "Предъявите купон № 12 на кассе: ещё -10% на",
        "зёрна.",
        "Действует до 31.12.2026",
    ]
    assert [qr.payload for qr in decoded.qr_codes] == [COUPON.encode()]
    assert [(b.kind, b.data) for b in decoded.barcodes] == [("EAN13", COUPON)]
    assert ean13_is_valid(decoded.barcodes[0].data)
    # the job ends with its cut, then the status request that confirms the printer read it all
    assert [type(e) for e in decoded.events[-4:]] == [Cut, StatusQuery, StatusQuery, StatusQuery]


def test_belarusian_text_arrives_exactly_in_cp1251() -> None:
    with LoopbackPrinter(READY) as sink:
        status = printer_for(sink, "width=58").print_receipt(SUMMARY, [AUTUMN], labels=BELARUSIAN)
        job = sink.next_job()
    assert status.ok
    decoded = decode(job)
    assert decoded.code_pages == [46]
    assert printed_text(job) == [
        "-" * 32,
        "Бонусная праграма",
        row("Тэлефон", "+375 29 ***-**-67", 32),
        row("Узровень", "Срэбны", 32),
        row("Налічана бонусаў", "+4,20", 32),
        row("Спісана бонусаў", "-10,00", 32),
        row("Баланс бонусаў", "57,35", 32),
        "Персанальныя прапановы",
        "=" * 32,
        "Зніжка 15% на ўсю гарбату",
        "Пакажыце купон «Восень» на касе",
        "— № 3 у спісе. Дзейнічае і на",
        "ёлкавы чай.",
        "Дзейнічае да 30.11.2026",
    ]
    assert decoded.qr_codes[0].payload == COUPON.encode()
    assert decoded.barcodes[0].data == COUPON


def test_belarusian_text_on_a_cp866_printer_gets_safe_stand_ins() -> None:
    with LoopbackPrinter(READY) as sink:
        printer_for(sink, "width=58&codepage=cp866").print_receipt(SUMMARY, [AUTUMN], labels=BELARUSIAN)
        job = sink.next_job()
    assert decode(job).code_pages == [17]
    texts = printed_text(job)
    assert 'Пакажыце купон "Восень" на касе' in texts
    assert "- № 3 у спiсе. Дзейнiчае i на" in texts  # і -> Latin i; ў, ё and № are in CP866
    assert "Знiжка 15% на ўсю гарбату" in texts


def test_the_test_page_with_an_image_qr_reads_back() -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    with LoopbackPrinter(READY) as sink:
        status = printer_for(sink, "qr=image&width=80").print_test_page()
        job = sink.next_job()
    assert status.ok
    decoded = decode(job)
    (image,) = decoded.images
    (barcode,) = decoded.barcodes
    found = zxingcpp.read_barcodes(image.to_pil(), formats=zxingcpp.BarcodeFormat.QRCode)
    assert [r.text for r in found] == [barcode.data]
    assert "Беларуская:" in decoded.text and "Русский:" in decoded.text


def test_a_refused_connection_is_offline_and_the_job_is_kept() -> None:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
    try:
        printer = ReceiptPrinter(parse_printer_uri(f"tcp://127.0.0.1:{holder.getsockname()[1]}?timeout=2"))
        status = printer.print_receipt(SUMMARY, [COFFEE])
    finally:
        holder.close()
    assert status.state is PrinterState.OFFLINE and "refused" in status.message
    assert printer.last_job is not None and printer.last_job.title == "loyalty slip"
    assert printer.last_status == status


def test_a_printer_that_stops_taking_data_mid_job_is_reported_within_the_timeout() -> None:
    with LoopbackPrinter(read=False, receive_buffer=4096) as sink:
        printer = printer_for(sink, "timeout=1&status=none")  # not asked first: the job is sent
        job = PrintJob(b"\x1b@" + b"A" * (32 * 1024 * 1024), "long job")
        status = printer.print_job(job)
        assert sink.accepted.is_set()
    assert (status.state, status.problem) == (PrinterState.OFFLINE, DeliveryProblem.NOT_READING)
    assert "stopped taking data" in status.message
    assert printer.last_job is job


def test_paper_out_keeps_the_job_unsent_and_reprint_sends_it_whole() -> None:
    with LoopbackPrinter(PAPER_OUT) as sink:
        printer = printer_for(sink)
        status = printer.print_receipt(SUMMARY, [COFFEE])
        assert status.state is PrinterState.PAPER_OUT
        asked = decode(sink.next_job())
        assert all(isinstance(e, StatusQuery) for e in asked.events)  # nothing printed
        sink.status = dict(READY)  # paper loaded
        again = printer.reprint_last()
        job = sink.next_job()
    assert again.ok
    assert job == STATUS_QUERY + printer.last_job.data + STATUS_QUERY  # type: ignore[union-attr]
    assert "Баланс бонусов" in decode(job).text


def test_cover_open_and_paper_low() -> None:
    with LoopbackPrinter(COVER_OPEN) as sink:
        assert printer_for(sink).print_test_page().state is PrinterState.COVER_OPEN
    with LoopbackPrinter(PAPER_LOW) as sink:
        status = printer_for(sink).print_test_page()
        assert status.ok and status.paper_low
        assert decode(sink.next_job()).cuts


def test_a_printer_that_never_answers_status_gets_the_job_with_status_none() -> None:
    with LoopbackPrinter({}) as sink:
        status = printer_for(sink, "status=none").print_receipt(SUMMARY, [])
        job = sink.next_job()
    assert status.ok
    assert "Баланс бонусов" in decode(job).text
    assert STATUS_QUERY not in job


def test_status_check_prints_nothing() -> None:
    with LoopbackPrinter(PAPER_OUT) as sink:
        assert printer_for(sink).check_status().state is PrinterState.PAPER_OUT
        assert all(isinstance(e, StatusQuery) for e in decode(sink.next_job()).events)
    with LoopbackPrinter({}) as sink:
        status = printer_for(sink, "timeout=1").check_status()
        assert (status.state, status.problem) == (PrinterState.OFFLINE, DeliveryProblem.NO_ANSWER)
        assert "status=none" in status.message
        status = printer_for(sink, "status=none").check_status()
        assert status.ok and "not asked" in status.message


def test_reprint_with_nothing_printed_yet() -> None:
    printer = ReceiptPrinter(parse_printer_uri("tcp://127.0.0.1:9"))
    assert printer.reprint_last().state is PrinterState.ERROR


def test_an_unknown_host_is_reported_not_raised() -> None:
    printer = ReceiptPrinter(parse_printer_uri("tcp://no-such-printer.invalid?timeout=2"))
    status = printer.print_test_page()
    assert status.state in (PrinterState.ERROR, PrinterState.OFFLINE)
    assert "no-such-printer.invalid" in status.message
