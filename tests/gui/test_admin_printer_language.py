"""Admin > Devices tells, in the till's language, why the test page did not print and what to do:
the tooltip of the test print's outcome names the printer and never carries the system's own
English words (an OS error, an exception's text), which go to the till's log.

Real parts: the till's window and workers, a loopback port nobody listens on, and loopback
printers that reset or close the connection. The shipped Russian translation is loaded; the
sentences added since it was last translated come from a stand-in (`russian_admin_failures.py`).
"""
from __future__ import annotations

import logging
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from app.devices.printer_failure_texts import printer_failure_text, printer_failure_texts
from devices.printing.printer_status import ENGLISH as STATUS_ENGLISH
from devices.printing.printer_status import PrinterState, PrinterStatus, StatusReason
from tests.devices.loopback_printer import LOOPBACK, READY, Behaviour, LoopbackPrinter
from tests.gui.russian_admin_failures import PRINTER_FAILURES
from tests.gui.test_admin_devices_in_till import refused_port
from tests.gui.test_cashier_flow import make_till

# What may stay in Latin letters in the admin's Russian sentence: names of systems and of an
# address option.
KEPT_LATIN = re.compile(r"status=none|CUPS|USB|IP|Windows")
# What the system says in English when a connection fails, as the OS or Python writes it.
SYSTEM_WORDS = re.compile(r"Errno|Connection refused|Connection reset|Transport endpoint|Broken pipe|Traceback")


def english_left(text: str, *names: str) -> list[str]:
    """The English words in `text` once the printer's names and the kept words are taken out."""
    for name in names:
        text = text.replace(name, " ")
    return re.findall(r"[A-Za-z]{2,}", KEPT_LATIN.sub(" ", text))


# ----- the sentences ------------------------------------------------------------------------------


def test_each_printer_failure_names_the_printer_where_its_english_message_does() -> None:
    for reason, sentence in printer_failure_texts().items():
        assert ("%1" in sentence) == ("{device" in STATUS_ENGLISH[reason]), reason
        assert "%2" not in sentence, "the system's words are never shown"


RAW = "raw detail for the log only"
DEVICE = "10.0.0.5:9100"


@pytest.mark.parametrize("reason", list(StatusReason), ids=lambda reason: reason.value)
@pytest.mark.parametrize("after_job", [False, True], ids=["before", "after-job"])
def test_every_printer_failure_reads_in_russian_and_keeps_the_raw_text_for_the_log(
    russian_admin, caplog, reason, after_job
) -> None:
    status = PrinterStatus(PrinterState.ERROR, reason, {"device": DEVICE, "detail": RAW}, after_job=after_job)
    with caplog.at_level(logging.INFO, logger="app.devices.printer_failure_texts"):
        text = printer_failure_text(status)
    assert RAW not in text, text
    assert re.search("[а-яА-ЯёЁ]", text) and english_left(text, DEVICE) == [], text
    assert (DEVICE in text) == ("{device" in STATUS_ENGLISH[reason] and reason in printer_failure_texts()), text
    if "{detail" in STATUS_ENGLISH[reason]:
        assert RAW in caplog.text, "the system's words are in the log"


def test_a_printed_page_has_no_failure_to_tell() -> None:
    assert printer_failure_text(PrinterStatus.ready()) == ""


# ----- the real Admin > Devices in a till ---------------------------------------------------------


@pytest.fixture
def dialog(qtbot, tmp_path, russian_admin):
    till = make_till(qtbot, tmp_path, demo=False)
    till.device_setup.open()
    dialog = till.device_setup.dialog
    qtbot.waitUntil(dialog.isVisible)
    yield dialog
    till.shutdown()


def print_test_page(qtbot, dialog, uri: str) -> tuple[str, str]:
    """Print the test page to `uri`: the outcome's text and its tooltip."""
    dialog.findChild(QLineEdit, "PrinterUriInput").setText(uri)
    qtbot.mouseClick(dialog.findChild(QPushButton, "TestPrintButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_print_result()[0] != "printing", timeout=10_000)
    state, text = dialog.test_print_result()
    assert state == "failed", text
    return text, dialog.findChild(QLabel, "TestPrintResult").toolTip()


def russian_sentence(source: str, device: str) -> str:
    return PRINTER_FAILURES[source].replace("%1", device)


def test_a_printer_that_refuses_the_connection_is_said_in_russian_with_what_to_do(qtbot, dialog) -> None:
    with refused_port() as port:
        text, tooltip = print_test_page(qtbot, dialog, f"tcp://{LOOPBACK}:{port}?timeout=2")
    address = f"{LOOPBACK}:{port}"
    assert text == "✖ Принтер не отвечает: он включён и подключён?"
    assert tooltip == russian_sentence(
        "The printer at %1 refuses the connection: check that it is switched on and that the port is right"
        " (usually 9100).",
        address,
    )
    assert english_left(tooltip, address) == [] and not SYSTEM_WORDS.search(tooltip), tooltip


RESETTING = [
    # Takes a few bytes of the page, then resets the connection (RST).
    pytest.param(Behaviour(status=READY, read_limit=16, reset_at_limit=True), "timeout=2", id="resets mid-page"),
    # Closes each connection as soon as it has it, for a printer that is not asked its status.
    pytest.param(Behaviour(close_at_once=True), "timeout=2&status=none", id="closes at once"),
]


@pytest.mark.parametrize(("behaviour", "query"), RESETTING)
def test_a_printer_that_drops_the_connection_is_said_in_russian_and_its_os_error_is_logged(
    qtbot, dialog, caplog, behaviour, query
) -> None:
    with caplog.at_level(logging.INFO), LoopbackPrinter(behaviour=behaviour, receive_buffer=4096) as printer:
        text, tooltip = print_test_page(qtbot, dialog, printer.uri(query))
    address = f"{LOOPBACK}:{printer.port}"
    assert english_left(tooltip, address) == [] and not SYSTEM_WORDS.search(tooltip), tooltip
    assert text == "✖ Соединение с принтером сброшено"
    assert tooltip.startswith(f"Принтер по адресу {address} ") and "напечатайте снова" in tooltip, tooltip
    logged = [record.getMessage() for record in caplog.records if address in record.getMessage()]
    assert logged, "the printer's failure is in the log"
