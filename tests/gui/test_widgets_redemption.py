"""RedemptionPanel: Decimal amounts typed with a comma or a dot, clamped, one signal per edit."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from widgets.checkout.redemption_panel import RedemptionPanel


@pytest.fixture
def panel(qtbot) -> RedemptionPanel:
    panel = RedemptionPanel()
    qtbot.addWidget(panel)
    panel.set_limits(Decimal("45.20"))
    return panel


def _editor(panel: RedemptionPanel) -> QLineEdit:
    return panel.findChild(QLineEdit, "RedeemInput")


def _type(qtbot, panel: RedemptionPanel, text: str) -> None:
    editor = _editor(panel)
    editor.selectAll()  # as the field does when it gets focus
    qtbot.keyClicks(editor, text)


@pytest.mark.parametrize("typed", ["12,50", "12.50", "12,5"])
def test_accepts_comma_and_dot(qtbot, panel, typed) -> None:
    _type(qtbot, panel, typed)
    with qtbot.waitSignal(panel.redeem_changed) as blocker:
        qtbot.keyClick(_editor(panel), Qt.Key.Key_Return)
    value = blocker.args[0]
    assert isinstance(value, Decimal)
    assert value == Decimal("12.50") and value.as_tuple().exponent == -2
    assert panel.value() == Decimal("12.50")
    assert _editor(panel).text() == "12,50"


def test_rejects_letters_and_a_third_decimal(qtbot, panel) -> None:
    _type(qtbot, panel, "1a2b,345")
    assert _editor(panel).text() == "12,34"


def test_clamps_to_the_limit(qtbot, panel) -> None:
    _type(qtbot, panel, "100")
    with qtbot.waitSignal(panel.redeem_changed) as blocker:
        qtbot.keyClick(_editor(panel), Qt.Key.Key_Enter)
    assert blocker.args == [Decimal("45.20")]
    assert _editor(panel).text() == "45,20"
    note = panel.findChild(QLabel, "RedeemNote")
    assert note.isVisibleTo(panel) and note.text() == "Limited to 45,20"


def test_emits_once_per_edit(qtbot, panel) -> None:
    seen: list[Decimal] = []
    panel.redeem_changed.connect(seen.append)
    _type(qtbot, panel, "5")
    assert seen == []  # not per keystroke
    qtbot.keyClick(_editor(panel), Qt.Key.Key_Return)
    qtbot.keyClick(_editor(panel), Qt.Key.Key_Return)
    _editor(panel).editingFinished.emit()  # leaving the field after Enter
    assert seen == [Decimal("5.00")]


def test_values_set_by_the_application_do_not_emit(qtbot, panel) -> None:
    with qtbot.assertNotEmitted(panel.redeem_changed):
        panel.set_value(Decimal("10"))
        assert panel.value() == Decimal("10.00")
        panel.set_limits(Decimal("7.5"))  # lowers the value silently
        assert panel.value() == Decimal("7.50")
        panel.set_value(Decimal("-3"))
        assert panel.value() == Decimal("0.00")
    assert panel.limit() == Decimal("7.50")
    assert panel.findChild(QLabel, "RedeemLimitText").text() == "up to 7,50"


def test_maximum_and_none_buttons(qtbot, panel) -> None:
    maximum = panel.findChild(QPushButton, "RedeemMaximumButton")
    none = panel.findChild(QPushButton, "RedeemNoneButton")
    with qtbot.waitSignal(panel.redeem_changed) as blocker:
        qtbot.mouseClick(maximum, Qt.MouseButton.LeftButton)
    assert blocker.args == [Decimal("45.20")]
    assert _editor(panel).text() == "45,20"
    with qtbot.assertNotEmitted(panel.redeem_changed):
        qtbot.mouseClick(maximum, Qt.MouseButton.LeftButton)  # already the maximum
    with qtbot.waitSignal(panel.redeem_changed) as blocker:
        qtbot.mouseClick(none, Qt.MouseButton.LeftButton)
    assert blocker.args == [Decimal("0.00")]
    assert panel.value() == Decimal("0.00")


def test_disabled_panel_ignores_edits(qtbot, panel) -> None:
    panel.set_enabled(False)
    assert not panel.is_enabled()
    assert not _editor(panel).isEnabled()
    assert not panel.findChild(QPushButton, "RedeemMaximumButton").isEnabled()
    with qtbot.assertNotEmitted(panel.redeem_changed):
        panel.choose_maximum()
    panel.set_enabled(True)
    with qtbot.waitSignal(panel.redeem_changed):
        panel.choose_maximum()


def test_typing_is_not_overwritten_by_a_refresh(qtbot, panel, show_active) -> None:
    show_active(panel)
    panel.focus_input()
    editor = _editor(panel)
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "3")
    panel.set_value(Decimal("20"))  # a state refresh while the cashier types
    assert editor.text() == "3"
    with qtbot.waitSignal(panel.redeem_changed) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert blocker.args == [Decimal("3.00")]
