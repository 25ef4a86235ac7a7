"""MessageBar: one message, coloured by severity, readable; errors stay, info fades."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QToolButton

from widgets.checkout.message_bar import WHOLE_WARNING_LINES, MessageBar
from widgets.style import load_stylesheet


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def _contrast(one: QColor, other: QColor) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def bar(qtbot) -> MessageBar:
    bar = MessageBar()
    qtbot.addWidget(bar)
    return bar


@pytest.mark.parametrize(
    ("method", "severity", "hue"),
    [
        ("show_error", "error", "red"),
        ("show_warning", "warning", "amber"),
        ("show_success", "success", "green"),
        ("show_info", "info", "blue"),
    ],
)
def test_severities_are_coloured_and_readable(bar, method, severity, hue) -> None:
    bar.setStyleSheet(load_stylesheet())
    bar.resize(500, 60)
    getattr(bar, method)("Customer not found")
    assert bar.severity() == severity
    assert bar.text() == "Customer not found"
    assert bar.property("severity") == severity
    background = bar.grab().toImage().pixelColor(4, bar.height() // 2)
    red, green, blue = background.red(), background.green(), background.blue()
    assert background.lightnessF() > 0.8  # a light background
    if hue == "red":
        assert red > green and red > blue
    elif hue == "amber":
        assert red > blue and green > blue
    elif hue == "green":
        assert green > red and green > blue
    else:
        assert blue > red and blue >= green
    text = bar.findChild(QLabel, "MessageText").palette().color(QPalette.ColorRole.WindowText)
    assert _contrast(text, background) >= 7  # dark text on a light colour


def test_errors_and_warnings_stay(bar) -> None:
    bar.show_error("Printer not responding")
    assert not bar.will_clear_itself()
    bar.show_warning("Offline: balance from cache")
    assert not bar.will_clear_itself()
    assert bar.severity() == "warning"


def test_info_and_success_clear_themselves(qtbot, bar) -> None:
    bar.set_auto_clear_ms(1)
    with qtbot.waitSignal(bar.cleared):
        bar.show_success("Receipt closed")
    assert bar.severity() == "none" and bar.text() == ""
    with qtbot.waitSignal(bar.cleared):
        bar.show_info("Customer found")


def test_clear_and_the_dismiss_button(qtbot, bar) -> None:
    bar.show_error("Printer not responding")
    with qtbot.waitSignal(bar.cleared):
        bar.clear()
    assert bar.severity() == "none"
    bar.show_error("Printer not responding")
    close = bar.findChild(QToolButton, "MessageCloseButton")
    with qtbot.waitSignal(bar.cleared):
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(bar.cleared):
        bar.clear()  # nothing to clear


def test_a_new_severity_re_polishes_the_bar_alone_and_its_words_take_the_bar_s_colour(qtbot, bar) -> None:
    from tests.gui.test_widgets_style import CountingStyle

    bar.setStyleSheet(load_stylesheet())
    icon, text = bar.findChild(QLabel, "MessageIcon"), bar.findChild(QLabel, "MessageText")
    style = CountingStyle()  # referenced: the widgets do not own it
    for widget in (bar, icon, text):
        widget.setStyle(style)
    bar.show()
    qtbot.waitExposed(bar)

    for method, colour in (("show_warning", "#4d3800"), ("show_error", "#6e0d0d"), ("show_info", "#0b3a6e")):
        style.polished.clear()
        getattr(bar, method)("Loyalty service unavailable")
        assert style.polished == [bar], "one polish for a new severity"
        for label in (icon, text):
            assert label.palette().color(QPalette.ColorRole.WindowText).name() == colour
    style.polished.clear()
    bar.show_info("Customer found")  # the same severity: nothing is polished
    assert style.polished == []


def test_the_narrow_panel_shows_a_warning_s_short_form_with_the_whole_text_in_its_tooltip(qtbot, bar) -> None:
    bar.resize(600, 80)
    bar.show()
    qtbot.waitExposed(bar)
    whole = "Loyalty service unavailable. Bonuses will be credited when the connection is back."
    bar.show_warning(whole, "Bonuses credited later.")
    text = bar.findChild(QLabel, "MessageText")
    assert (text.text(), text.toolTip()) == (whole, ""), "wide: the whole warning"

    bar.set_compact(True)
    assert (text.text(), text.toolTip()) == ("Bonuses credited later.", whole)
    assert (bar.shown_text(), bar.text()) == ("Bonuses credited later.", whole)

    bar.show_warning("Scanner not found.")  # no short form: the whole text, narrow too
    assert (text.text(), text.toolTip()) == ("Scanner not found.", "")
    bar.show_warning(whole, "Bonuses credited later.")
    bar.set_compact(False)
    assert (text.text(), text.toolTip()) == (whole, "")


def test_a_warning_too_long_for_four_lines_shows_its_short_form_until_there_is_room(qtbot, bar) -> None:
    whole = " ".join(["Loyalty service unavailable: bonuses will be credited when the connection is back."] * 3)
    text = bar.findChild(QLabel, "MessageText")
    bar.resize(700, 80)
    bar.show()
    qtbot.waitExposed(bar)
    bar.show_warning(whole, "Offline: bonuses later.")
    lines = text.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: text.width() > 0)
    assert text.heightForWidth(text.width()) <= WHOLE_WARNING_LINES * lines, "the sample fits at 700 px"
    assert (text.text(), text.toolTip()) == (whole, ""), "four lines or fewer: the whole warning"

    bar.resize(260, 80)  # not the narrow panel, but the whole would take more than four lines
    qtbot.waitUntil(lambda: text.text() == "Offline: bonuses later.")
    assert text.toolTip() == whole and bar.text() == whole
    bar.resize(700, 80)
    qtbot.waitUntil(lambda: text.text() == whole)
    assert text.toolTip() == ""

