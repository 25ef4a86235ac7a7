"""The admin screens (and the shift summary beside them) write percentages and amounts as a person writes them in the chosen language:
`5 %`, `2,5 %` and `1 234,50` in Russian and Belarusian (comma, no-break space), `5%`, `2.5%` and
`1,234.50` in English; and the offline limit's spin box shows and reads the language's decimal mark.

Each language is installed as the till installs it (its shipped translation), whatever this
machine's own locale is.
"""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QTableWidget

from app.admin.service_texts import check_result_text
from app.shift.screen import figure_views
from app.shift.summary import Count, Points, ShiftSummary
from app.shift.window import ShiftWindow
from app.i18n import install_translator
from app.service.check import CheckOutcome, CheckReport, Level
from widgets.admin.offline_policy_dialog import OfflinePolicyDialog
from widgets.admin.queue_dialog import COLUMNS, QueueDialog, QueueRow

NBSP = "\u00a0"
LEVELS = (
    Level("Bronze", Decimal("0.00"), Decimal("2.50")),
    Level("Silver", Decimal("100.00"), Decimal("5.00")),
    Level("Gold", Decimal("500.00"), Decimal("12.25")),
)
WRITTEN = {
    "ru": f"Bronze (2,5{NBSP}%), Silver (5{NBSP}%), Gold (12,25{NBSP}%)",
    "be": f"Bronze (2,5{NBSP}%), Silver (5{NBSP}%), Gold (12,25{NBSP}%)",
    "en": "Bronze (2.5%), Silver (5%), Gold (12.25%)",
}


@pytest.mark.parametrize("language", ["ru", "be", "en"])
def test_the_programs_levels_are_written_as_in_the_language(qapp, language: str) -> None:
    install_translator(qapp, language)
    report = CheckReport(CheckOutcome.OK, "soap", "Club", "BYN", LEVELS, None)
    text = check_result_text(report)
    assert WRITTEN[language] in text, text
    assert ".00" not in text and ",00" not in text


AMOUNTS = {"ru": (f"1{NBSP}234,50", "12,00"), "be": ("1234,50", "12,00"), "en": ("1,234.50", "12.00")}


@pytest.mark.parametrize("language", ["ru", "be", "en"])
def test_the_queue_writes_amounts_and_points_with_the_languages_marks(qtbot, qapp, language: str) -> None:
    install_translator(qapp, language)
    dialog = QueueDialog()
    qtbot.addWidget(dialog)
    moment = datetime(2026, 11, 23, 8, 45, tzinfo=timezone.utc)
    row = QueueRow(7, "pending", "commit", "tx-7", "", 0, "", moment, moment,
                   amount=Decimal("1234.50"), points_spent=Decimal("12"), document_number="000007")
    dialog.show_rows([row])
    table = dialog.findChild(QTableWidget, "QueueTable")
    shown = (table.item(0, COLUMNS.index("amount")).text(), table.item(0, COLUMNS.index("points")).text())
    assert shown == AMOUNTS[language]


@pytest.mark.parametrize(("language", "typed", "limit"), [("ru", "35,5", "35.50"), ("en", "35.5", "35.50")])
def test_the_offline_limit_is_shown_and_typed_with_the_languages_decimal_mark(
    qtbot, qapp, language: str, typed: str, limit: str
) -> None:
    install_translator(qapp, language)
    dialog = OfflinePolicyDialog()
    qtbot.addWidget(dialog)
    dialog.set_policy("capped", Decimal("20.00"))
    spin = dialog.findChild(QDoubleSpinBox, "OfflineLimitInput")
    assert spin.text() == ("20,00" if language == "ru" else "20.00")
    dialog.show()
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, typed)
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    assert dialog.limit() == Decimal(limit)


SHIFT_POINTS = {"ru": (f"12{NBSP}345,67", "345,67"), "be": (f"12{NBSP}345,67", "345,67"), "en": ("12,345.67", "345.67")}


@pytest.mark.parametrize("language", ["ru", "be", "en"])
def test_the_shift_summary_writes_points_with_the_languages_marks(qapp, language: str) -> None:
    install_translator(qapp, language)
    window = ShiftWindow(datetime(2026, 12, 5, tzinfo=timezone.utc), datetime(2026, 12, 6, tzinfo=timezone.utc))
    earned = Points(Decimal("12000.00"), Decimal("345.67"), unconfirmed=1)
    summary = ShiftSummary(window, Count(3), earned, Points(), Count(), Points(), Points(), Count(), 1, 0)
    view = figure_views(summary)["earned"]
    assert (view.value, view.expected_part) == SHIFT_POINTS[language]
