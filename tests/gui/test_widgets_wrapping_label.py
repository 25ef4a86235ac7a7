"""WrappingLabel: a wrapped label's height for a width, measured once and kept while it holds."""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from widgets.wrapping_label import WrappingLabel

LONG = "Баланс на 14:32. Сервис лояльности недоступен: бонусы начислятся, когда связь восстановится"


def test_the_height_for_a_width_follows_the_text_the_font_and_the_margins(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    label, plain = WrappingLabel(parent=host), QLabel(host)
    plain.setWordWrap(True)
    assert label.wordWrap()

    def same(width: int = 240) -> None:
        assert label.heightForWidth(width) == plain.heightForWidth(width) > 0

    for text in (LONG, "Короткий", LONG):
        label.setText(text)
        plain.setText(text)
        same()
        same(120)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() * 2)
    label.setFont(font)
    plain.setFont(font)
    same()
    host.setStyleSheet("QLabel { padding: 12px 30px; }")  # the contents margins change
    host.ensurePolished()
    label.ensurePolished()
    plain.ensurePolished()
    same()
    label.setMargin(9)
    plain.setMargin(9)
    same()
    label.setIndent(40)
    plain.setIndent(40)
    same()
