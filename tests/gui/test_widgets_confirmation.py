"""ConfirmationPanel: asks for the one-time code, digits only, 4–8 of them."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from widgets.checkout.confirmation_panel import ConfirmationPanel


@pytest.fixture
def panel(qtbot) -> ConfirmationPanel:
    panel = ConfirmationPanel()
    qtbot.addWidget(panel)
    return panel


def _field(panel: ConfirmationPanel) -> QLineEdit:
    return panel.findChild(QLineEdit, "ConfirmationCodeInput")


def _confirm(panel: ConfirmationPanel) -> QPushButton:
    return panel.findChild(QPushButton, "ConfirmCodeButton")


def test_hidden_until_asked(panel) -> None:
    assert panel.isHidden() and not panel.is_asking()
    panel.ask("+375 29 ***-**-67", 300)
    assert not panel.isHidden() and panel.is_asking()
    prompt = panel.findChild(QLabel, "ConfirmationPrompt").text()
    assert prompt == "Code sent to +375 29 ***-**-67, valid 5 min"
    panel.hide_panel()
    assert panel.isHidden() and not panel.is_asking()


def test_minutes_are_rounded_up(panel) -> None:
    panel.ask("+7 912 ***-**-01", 90)
    assert panel.findChild(QLabel, "ConfirmationPrompt").text().endswith("valid 2 min")


def test_rejects_letters_and_more_than_eight_digits(qtbot, panel) -> None:
    panel.ask("+375 29 ***-**-67", 300)
    qtbot.keyClicks(_field(panel), "12ab34cd")
    assert panel.code() == "1234"
    qtbot.keyClicks(_field(panel), "567890")
    assert panel.code() == "12345678"


def test_too_short_a_code_is_not_sent(qtbot, panel) -> None:
    panel.ask("+375 29 ***-**-67", 300)
    qtbot.keyClicks(_field(panel), "123")
    assert not _confirm(panel).isEnabled()
    with qtbot.assertNotEmitted(panel.code_entered):
        qtbot.keyClick(_field(panel), Qt.Key.Key_Return)


def test_enter_sends_the_code_once_until_an_error(qtbot, panel) -> None:
    panel.ask("+375 29 ***-**-67", 300)
    qtbot.keyClicks(_field(panel), "4821")
    assert _confirm(panel).isEnabled()
    with qtbot.waitSignal(panel.code_entered) as blocker:
        qtbot.keyClick(_field(panel), Qt.Key.Key_Return)
    assert blocker.args == ["4821"]
    with qtbot.assertNotEmitted(panel.code_entered):
        qtbot.keyClick(_field(panel), Qt.Key.Key_Return)
    panel.show_error("Wrong or expired code. Ask again.")
    error = panel.findChild(QLabel, "ConfirmationError")
    assert error.isVisibleTo(panel) and error.text() == "Wrong or expired code. Ask again."
    with qtbot.waitSignal(panel.code_entered) as blocker:
        qtbot.mouseClick(_confirm(panel), Qt.MouseButton.LeftButton)
    assert blocker.args == ["4821"]
    assert not error.isVisibleTo(panel)


def test_cancel_emits_and_hides(qtbot, panel) -> None:
    panel.ask("+375 29 ***-**-67", 300)
    with qtbot.waitSignal(panel.cancelled):
        qtbot.mouseClick(panel.findChild(QPushButton, "CancelCodeButton"), Qt.MouseButton.LeftButton)
    assert panel.isHidden()


def test_asking_again_keeps_what_was_typed(qtbot, panel) -> None:
    panel.ask("+375 29 ***-**-67", 300)
    qtbot.keyClicks(_field(panel), "48")
    panel.ask("+375 29 ***-**-67", 300)  # the application re-rendered its state
    assert panel.code() == "48"
    panel.ask("+375 29 ***-**-67", 600)  # a new code was sent
    assert panel.code() == ""
