"""The admin's offline selling dialog: shows the policy, sends what was chosen, refuses a zero limit."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QPushButton, QRadioButton

from widgets.admin.offline_policy_dialog import OfflinePolicyDialog


@pytest.fixture
def dialog(qtbot) -> OfflinePolicyDialog:
    dialog = OfflinePolicyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(qtbot, option: QRadioButton) -> None:
    """Click the option's circle, where a person clicks (the widget is wider than its text)."""
    qtbot.mouseClick(option, Qt.MouseButton.LeftButton, pos=QPoint(8, option.height() // 2))
    assert option.isChecked()


def find(dialog, cls, name):
    found = dialog.findChild(cls, name)
    assert found is not None, name
    return found


def test_the_policy_in_force_is_shown(dialog) -> None:
    dialog.set_policy("capped", Decimal("12.50"))
    assert find(dialog, QRadioButton, "OfflineCappedOption").isChecked()
    limit = find(dialog, QDoubleSpinBox, "OfflineLimitInput")
    assert limit.isEnabled() and limit.value() == 12.5
    dialog.set_policy("refuse", Decimal("12.50"))
    assert find(dialog, QRadioButton, "OfflineRefuseOption").isChecked()
    assert not limit.isEnabled(), "a limit means nothing while spending is refused"


def test_saving_sends_the_choice_with_an_exact_limit(qtbot, dialog) -> None:
    choose(qtbot, find(dialog, QRadioButton, "OfflineCappedOption"))
    find(dialog, QDoubleSpinBox, "OfflineLimitInput").setValue(7.1)
    save = find(dialog, QPushButton, "OfflinePolicySaveButton")
    with qtbot.waitSignal(dialog.save_requested) as blocker:
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert blocker.args == ["capped", Decimal("7.10")]
    assert not save.isEnabled(), "one save at a time"
    dialog.show_error("disk full")
    assert save.isEnabled() and find(dialog, QLabel, "OfflinePolicyError").text() == "disk full"


def test_a_zero_limit_is_refused_in_the_dialog(qtbot, dialog) -> None:
    choose(qtbot, find(dialog, QRadioButton, "OfflineCappedOption"))
    find(dialog, QDoubleSpinBox, "OfflineLimitInput").setValue(0)
    with qtbot.assertNotEmitted(dialog.save_requested):
        qtbot.mouseClick(find(dialog, QPushButton, "OfflinePolicySaveButton"), Qt.MouseButton.LeftButton)
    error = find(dialog, QLabel, "OfflinePolicyError")
    assert error.isVisible() and "above zero" in error.text()
