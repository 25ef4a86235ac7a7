"""The stylesheet: packaged, large base text, and applied by apply_style."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from widgets.style import BASE_POINT_SIZE, load_stylesheet


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
