"""OfflineBanner and PrinterStatusIndicator: what the cashier sees of the queue and the printer."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QPushButton

from app.i18n import install_translator
from widgets.checkout.offline_banner import OfflineBanner
from widgets.admin.printer_status import STATES, PrinterStatusIndicator
from widgets.style import load_stylesheet


@pytest.fixture
def banner(qtbot) -> OfflineBanner:
    banner = OfflineBanner()
    qtbot.addWidget(banner)
    banner.setStyleSheet(load_stylesheet())
    banner.resize(600, 60)
    banner.show()
    return banner


@pytest.fixture
def printer(qtbot) -> PrinterStatusIndicator:
    indicator = PrinterStatusIndicator()
    qtbot.addWidget(indicator)
    indicator.show()
    return indicator


@pytest.mark.parametrize(
    ("online", "waiting", "failed", "mode", "text"),
    [
        (True, 0, 0, "hidden", ""),
        (None, 0, 0, "hidden", ""),
        (False, 0, 0, "offline", "No connection to the loyalty service."),
        (False, 3, 0, "offline", "No connection to the loyalty service. Waiting to be sent: 3"),
        (
            False,
            3,
            2,
            "offline",
            "No connection to the loyalty service. Waiting to be sent: 3\nNeed attention (admin): 2",
        ),
        (True, 4, 0, "sending", "Sending to the service: 4…"),
        (None, 4, 0, "sending", "Sending to the service: 4…"),
        (True, 4, 1, "sending", "Sending to the service: 4…\nNeed attention (admin): 1"),
        (True, 0, 2, "attention", "Need attention (admin): 2"),
    ],
)
def test_banner_texts(banner, online, waiting, failed, mode, text) -> None:
    banner.show_state(online, waiting, failed)
    assert banner.mode() == mode
    assert banner.text() == text
    assert banner.isVisible() == (mode != "hidden")


def test_the_offline_banner_is_amber_and_readable(banner) -> None:
    banner.show_state(False, 3, 0)
    background = banner.grab().toImage().pixelColor(4, banner.height() // 2)
    assert background.lightnessF() > 0.8
    assert background.red() > background.blue() and background.green() > background.blue()
    text = banner.findChild(QLabel, "OfflineBannerText")
    assert text.palette().color(QPalette.ColorRole.WindowText).lightnessF() < 0.35
    assert banner.findChild(QLabel, "OfflineBannerIcon").text() == "⚠"


def test_the_quiet_line_is_not_the_alarm(banner) -> None:
    banner.show_state(True, 2, 0)
    quiet = banner.grab().toImage().pixelColor(4, banner.height() // 2)
    banner.show_state(False, 2, 0)
    alarm = banner.grab().toImage().pixelColor(4, banner.height() // 2)
    assert quiet != alarm
    assert quiet.blue() > quiet.red()  # blue: information, not a warning


def test_banner_hides_again_when_all_is_sent(banner) -> None:
    banner.show_state(False, 1, 0)
    banner.show_state(True, 0, 0)
    assert banner.isHidden() and banner.text() == ""


def test_giving_way_hides_the_offline_part_and_keeps_the_sales_that_need_the_admin(banner) -> None:
    banner.show_state(False, 3, 0)
    banner.set_giving_way(True)
    assert banner.isHidden() and banner.mode() == "offline", "nothing but what the warning says"
    banner.show_state(False, 3, 2)
    assert banner.isVisible() and banner.mode() == "attention"
    assert banner.text() == "Need attention (admin): 2"
    assert banner.findChild(QLabel, "OfflineBannerIcon").text() == "✖"
    attention = banner.grab().toImage().pixelColor(4, banner.height() // 2)
    assert attention.red() > attention.green() and attention.red() > attention.blue(), "in red"

    banner.set_giving_way(False)
    assert banner.isVisible() and banner.mode() == "offline"
    assert banner.text() == "No connection to the loyalty service. Waiting to be sent: 3\nNeed attention (admin): 2"
    banner.show_state(True, 0, 2)
    banner.set_giving_way(True)  # online: nothing of it gives way
    assert banner.isVisible() and banner.mode() == "attention"


def test_banner_in_russian(qapp, banner) -> None:
    banner.show_state(False, 5, 1)
    install_translator(qapp, "ru")
    assert "5" in banner.text() and "1" in banner.text()
    assert "connection" not in banner.text()


@pytest.mark.parametrize(
    ("state", "text"),
    [
        ("ok", "Printer ready"),
        ("printing", "Printing…"),
        ("offline", "Printer not responding"),
        ("paper_out", "Printer: no paper"),
        ("cover_open", "Printer: cover open"),
        ("error", "Printer error"),
        ("none", "No printer"),
    ],
)
def test_printer_states_have_a_dot_and_a_text(printer, state, text) -> None:
    printer.show_status(state, "")
    assert printer.state() == state and printer.text() == text
    assert printer.findChild(QLabel, "PrinterStatusDot").property("printer") == state
    assert printer.findChild(QLabel, "PrinterStatusText").property("printer") == state


def test_every_state_is_known() -> None:
    assert set(STATES) == {"ok", "printing", "offline", "paper_out", "cover_open", "error", "none"}


def test_printer_text_from_the_application(printer) -> None:
    printer.show_status("error", "Printer: wrong code page")
    assert printer.text() == "Printer: wrong code page"
    assert printer.toolTip() == "Printer error"
    with pytest.raises(ValueError):
        printer.show_status("jammed", "")


def test_the_printer_tooltip_says_what_to_do_when_told(printer) -> None:
    printer.show_status("paper_out", "Printer out of paper", "The printer is out of paper: load a new roll.")
    assert printer.text() == "Printer out of paper"
    assert printer.toolTip() == "The printer is out of paper: load a new roll."
    printer.show_status("ok", "Printed")
    assert printer.toolTip() == "Printer ready", "nothing to do: the standard text"


def test_printer_dot_colours_differ_by_state(printer) -> None:
    printer.setStyleSheet(load_stylesheet())
    dot = printer.findChild(QLabel, "PrinterStatusDot")
    colours = {}
    for state in ("ok", "paper_out", "error"):
        printer.show_status(state, "")
        colours[state] = dot.palette().color(QPalette.ColorRole.WindowText)
    assert colours["ok"].green() > colours["ok"].red()
    assert colours["error"].red() > colours["error"].green()
    assert colours["paper_out"].red() > colours["paper_out"].blue()
    assert len({c.name() for c in colours.values()}) == 3


def test_reprint(qtbot, printer) -> None:
    button = printer.findChild(QPushButton, "ReprintButton")
    printer.show_status("ok", "")
    assert button.isVisible() and not button.isEnabled()
    printer.set_reprint_available(True)
    with qtbot.waitSignal(printer.reprint_requested):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus  # the cashier's cursor stays put
    printer.show_status("none", "")
    assert not button.isVisible()


def test_printer_in_belarusian(qapp, printer) -> None:
    printer.show_status("paper_out", "")
    install_translator(qapp, "be")
    assert printer.text() == "Прынтар: няма паперы"
    assert printer.findChild(QPushButton, "ReprintButton").text() == "Паўтарыць"
