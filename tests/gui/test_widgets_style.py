"""The stylesheet: packaged, large base text, and applied by apply_style."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QProxyStyle, QPushButton, QWidget

from widgets.style import BASE_POINT_SIZE, load_stylesheet, restyle


class CountingStyle(QProxyStyle):
    """Fusion, noting every widget it polishes."""

    def __init__(self) -> None:
        super().__init__("Fusion")
        self.polished: list[QWidget] = []

    def polish(self, widget):  # type: ignore[override]
        if isinstance(widget, QWidget):
            self.polished.append(widget)
        return super().polish(widget)


def test_stylesheet_is_packaged_and_sets_a_large_base_font(qtbot) -> None:
    sheet = load_stylesheet()
    assert "QWidget" in sheet and "severity" in sheet
    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet(sheet)
    label, button = QLabel("Total", host), QPushButton("Find", host)
    host.ensurePolished()
    assert label.font().pointSizeF() >= 14
    assert button.font().pointSizeF() >= 14
    assert BASE_POINT_SIZE >= 14


def test_restyle_follows_a_changed_property_and_leaves_an_unchanged_one_unpolished(qtbot) -> None:

    host = QWidget()
    qtbot.addWidget(host)
    label = QLabel("Total", host)
    style = CountingStyle()
    label.setStyle(style)
    host.setStyleSheet('QLabel[mode="alarm"] { color: #ff0000; }')
    host.ensurePolished()
    label.ensurePolished()

    restyle("mode", "alarm", label)
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == "#ff0000"
    polished = len(style.polished)
    restyle("mode", "alarm", label)  # the same state shown again
    assert len(style.polished) == polished
    restyle("mode", "calm", label)
    assert label.palette().color(QPalette.ColorRole.WindowText).name() != "#ff0000"
    assert len(style.polished) > polished


def test_restyle_leaves_a_widget_not_yet_polished_to_its_first_polish(qtbot) -> None:

    host = QWidget()
    qtbot.addWidget(host)
    host.setStyleSheet('QLabel[mode="alarm"] { color: #ff0000; }')
    label = QLabel("Total", host)
    style = CountingStyle()  # referenced: the label does not own it
    label.setStyle(style)

    restyle("mode", "alarm", label)  # the window is still being built
    assert label not in style.polished
    assert not label.testAttribute(Qt.WidgetAttribute.WA_WState_Polished)

    host.show()  # its first polish reads the property
    qtbot.waitExposed(host)
    assert style.polished.count(label) == 1
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == "#ff0000"


def test_restyle_with_no_stylesheet_set_yet_polishes_nothing_and_the_stylesheet_then_applies(qtbot) -> None:

    host = QWidget()
    qtbot.addWidget(host)
    label = QLabel("Total", host)
    style = CountingStyle()  # referenced: the label does not own it
    label.setStyle(style)
    label.ensurePolished()  # laid out before the stylesheet is set, as the start-up does
    polished = len(style.polished)

    restyle("mode", "alarm", label)
    assert len(style.polished) == polished

    host.setStyleSheet('QLabel[mode="alarm"] { color: #ff0000; }')
    host.ensurePolished()
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == "#ff0000"
