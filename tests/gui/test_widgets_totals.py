"""TotalsPanel: the receipt's figures, To pay the largest."""
from __future__ import annotations

from decimal import Decimal as D

from PySide6.QtWidgets import QLabel

from widgets.style import load_stylesheet
from widgets.checkout.totals_panel import TotalsPanel


def _text(panel: TotalsPanel, name: str) -> str:
    return panel.findChild(QLabel, name).text()


def test_shows_the_figures(qtbot) -> None:
    panel = TotalsPanel()
    qtbot.addWidget(panel)
    assert _text(panel, "ToPayValue") == "—"
    panel.show_totals(D("1228.69"), D("14.70"), D("1213.99"), D("61.43"), D("14.70"), "BYN")
    assert _text(panel, "TotalValue") == "1\u00a0228,69"
    assert _text(panel, "DiscountValue") == "−14,70"
    assert _text(panel, "ToPayValue") == "1\u00a0213,99\u00a0BYN"
    assert _text(panel, "WillEarnValue") == "+61,43"
    assert _text(panel, "CanRedeemValue") == "14,70"
    assert _text(panel, "ToPayCaption") == "To pay"
    panel.show_totals(D("5"), D("0"), D("5"), D("0"), D("0"), "RUB")
    assert _text(panel, "DiscountValue") == "0,00"
    assert _text(panel, "ToPayValue") == "5,00\u00a0RUB"
    panel.clear()
    assert _text(panel, "TotalValue") == "—"


def test_to_pay_is_the_largest_text(qtbot) -> None:
    panel = TotalsPanel()
    qtbot.addWidget(panel)
    panel.setStyleSheet(load_stylesheet())
    panel.show_totals(D("10"), D("1"), D("9"), D("0.5"), D("1"), "BYN")
    panel.ensurePolished()
    sizes = {label.objectName(): label.font().pointSizeF() for label in panel.findChildren(QLabel)}
    assert sizes["ToPayValue"] == max(sizes.values())
    assert all(size < sizes["ToPayValue"] for name, size in sizes.items() if name != "ToPayValue")
    assert min(sizes.values()) >= 14
