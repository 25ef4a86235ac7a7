"""PinDialog: masked digits, PIN typed twice when chosen, errors, the lock-out countdown."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton

from app.i18n import install_translator
from widgets.admin.pin_dialog import PinDialog


@pytest.fixture
def enter(qtbot) -> PinDialog:
    dialog = PinDialog.enter(None, "Devices")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def create(qtbot) -> PinDialog:
    dialog = PinDialog.create(None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _field(dialog: PinDialog, name: str = "PinInput") -> QLineEdit:
    return dialog.findChild(QLineEdit, name)


def _ok(dialog: PinDialog) -> QPushButton:
    return dialog.findChild(QPushButton, "PinOkButton")


def _error(dialog: PinDialog) -> QLabel:
    return dialog.findChild(QLabel, "PinError")


def _prompt(dialog: PinDialog) -> QLabel:
    return dialog.findChild(QLabel, "PinPrompt")


def _wait(dialog: PinDialog) -> QLabel:
    return dialog.findChild(QLabel, "PinWait")


def test_enter_mode_has_one_masked_digits_only_field(qtbot, enter) -> None:
    assert enter.mode() == "enter"
    assert enter.windowTitle() == "Devices"
    field = _field(enter)
    assert field.isVisible() and field.echoMode() == QLineEdit.EchoMode.Password
    assert not _field(enter, "PinNewInput").isVisible()
    qtbot.keyClicks(field, "2a4b6c8d9")
    assert field.text() == "2468" + "9"
    qtbot.keyClicks(field, "00000000")
    assert field.text() == "246890000000"  # at most 12 digits


def test_enter_needs_four_digits_and_emits_once(qtbot, enter) -> None:
    # Four, not six: a PIN an older version set may be that short, and it still opens.
    field = _field(enter)
    qtbot.keyClicks(field, "246")
    assert not _ok(enter).isEnabled()
    with qtbot.assertNotEmitted(enter.pin_entered):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClicks(field, "8")
    entered: list[str] = []
    enter.pin_entered.connect(entered.append)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the default button: one emission, not two
    assert entered == ["2468"]
    assert not field.isEnabled() and not _ok(enter).isEnabled()  # waiting for the answer
    qtbot.keyClick(enter, Qt.Key.Key_Return)
    assert entered == ["2468"]


def test_the_dialog_never_decides_itself(qtbot, enter) -> None:
    qtbot.keyClicks(_field(enter), "0000")
    with qtbot.waitSignal(enter.pin_entered) as blocker:
        qtbot.mouseClick(_ok(enter), Qt.MouseButton.LeftButton)
    assert blocker.args == ["0000"]
    assert enter.isVisible() and enter.result() == 0


def test_show_error_clears_and_lets_the_admin_type_again(qtbot, enter) -> None:
    field = _field(enter)
    qtbot.keyClicks(field, "1111")
    qtbot.mouseClick(_ok(enter), Qt.MouseButton.LeftButton)
    enter.show_error("Wrong PIN. Attempts left: 2")
    assert _error(enter).isVisible() and _error(enter).text() == "Wrong PIN. Attempts left: 2"
    assert field.text() == "" and field.isEnabled()
    qtbot.keyClicks(field, "2")
    assert not _error(enter).isVisible()  # typing again hides the old error


def test_accept_pin_closes_the_dialog(qtbot, enter) -> None:
    qtbot.keyClicks(_field(enter), "2468")
    qtbot.mouseClick(_ok(enter), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(enter.accepted):
        enter.accept_pin()
    assert not enter.isVisible() and enter.result() == QDialog.DialogCode.Accepted


def test_cancel_closes_without_a_pin(qtbot, enter) -> None:
    with qtbot.assertNotEmitted(enter.pin_entered), qtbot.waitSignal(enter.rejected):
        qtbot.mouseClick(enter.findChild(QPushButton, "PinCancelButton"), Qt.MouseButton.LeftButton)
    assert not enter.isVisible()


def test_wait_refuses_input_and_counts_down(qtbot, enter) -> None:
    field = _field(enter)
    qtbot.keyClicks(field, "12")
    enter.show_wait(3)
    timer = enter.findChild(QTimer, "PinWaitTimer")
    assert enter.is_waiting() and enter.seconds_left() == 3
    assert field.text() == "" and not field.isEnabled() and not _ok(enter).isEnabled()
    assert _wait(enter).isVisible() and "3 s" in _wait(enter).text()
    timer.timeout.emit()
    assert enter.seconds_left() == 2 and "2 s" in _wait(enter).text()
    qtbot.keyClicks(field, "2468")
    assert field.text() == ""  # disabled: nothing typed during the wait
    timer.timeout.emit()
    timer.timeout.emit()
    assert not enter.is_waiting() and not _wait(enter).isVisible()
    assert field.isEnabled()
    qtbot.keyClicks(field, "2468")
    assert _ok(enter).isEnabled()


def test_wait_runs_out_by_itself(qtbot, enter) -> None:
    enter.set_tick_interval_ms(1)
    enter.show_wait(2)
    assert not _field(enter).isEnabled()
    qtbot.waitUntil(lambda: not enter.is_waiting(), timeout=2000)
    assert _field(enter).isEnabled() and not _wait(enter).isVisible()


def test_create_mode_needs_the_same_pin_twice(qtbot, create) -> None:
    assert create.mode() == "create"
    new, repeat = _field(create, "PinNewInput"), _field(create, "PinRepeatInput")
    assert not _field(create, "PinInput").isVisible()
    assert new.echoMode() == repeat.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(new, "135791")
    assert not _ok(create).isEnabled()
    qtbot.keyClicks(repeat, "135781")
    with qtbot.assertNotEmitted(create.pin_created):
        qtbot.mouseClick(_ok(create), Qt.MouseButton.LeftButton)
    assert _error(create).isVisible() and "different" in _error(create).text()
    assert repeat.text() == "" and new.text() == "135791"
    qtbot.keyClicks(repeat, "135791")
    with qtbot.waitSignal(create.pin_created) as blocker:
        qtbot.mouseClick(_ok(create), Qt.MouseButton.LeftButton)
    assert blocker.args == ["135791"]


def test_a_new_pin_needs_six_to_twelve_digits(qtbot, create) -> None:
    new, repeat = _field(create, "PinNewInput"), _field(create, "PinRepeatInput")
    assert "6 to 12 digits" in _prompt(create).text()
    for typed in ("1", "3", "5", "7", "9"):  # 1357 and 13579: long enough once, not any more
        qtbot.keyClicks(new, typed)
        qtbot.keyClicks(repeat, typed)
        assert not _ok(create).isEnabled(), new.text()
    with qtbot.assertNotEmitted(create.pin_created):
        qtbot.keyClick(repeat, Qt.Key.Key_Return)
    qtbot.keyClicks(new, "1")
    qtbot.keyClicks(repeat, "1")
    assert _ok(create).isEnabled()
    qtbot.keyClicks(new, "3579135")
    qtbot.keyClicks(repeat, "3579135")
    assert new.text() == repeat.text() == "135791357913"  # at most 12 digits
    with qtbot.waitSignal(create.pin_created) as blocker:
        qtbot.keyClick(repeat, Qt.Key.Key_Return)
    assert blocker.args == ["135791357913"]


def test_the_dialog_follows_the_pin_rule_of_the_application() -> None:
    from app.admin import pin as admin_pin
    from widgets.admin import pin_dialog
    assert (pin_dialog.PIN_MIN_LENGTH, pin_dialog.PIN_MAX_LENGTH) == (admin_pin.MIN_LENGTH, admin_pin.MAX_LENGTH)
    assert pin_dialog.ENTER_MIN_LENGTH == admin_pin.OLD_MIN_LENGTH


def test_renew_asks_for_a_longer_pin_and_allows_later(qtbot) -> None:
    dialog = PinDialog.renew(None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.mode() == "create"
    assert "too short" in _prompt(dialog).text()
    cancel = dialog.findChild(QPushButton, "PinCancelButton")
    assert cancel.text() == "Later"
    new, repeat = _field(dialog, "PinNewInput"), _field(dialog, "PinRepeatInput")
    qtbot.keyClicks(new, "2468")
    qtbot.keyClicks(repeat, "2468")
    assert not _ok(dialog).isEnabled()
    qtbot.keyClicks(new, "02")
    qtbot.keyClicks(repeat, "02")
    with qtbot.waitSignal(dialog.pin_created) as blocker:
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert blocker.args == ["246802"]
    dialog.show_error("The PIN was changed meanwhile. Try again.")
    with qtbot.assertNotEmitted(dialog.pin_created), qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)


def test_enter_in_the_first_new_field_moves_to_the_repeat(qtbot, create) -> None:
    new = _field(create, "PinNewInput")
    new.setFocus()
    qtbot.keyClicks(new, "2468")
    with qtbot.assertNotEmitted(create.pin_created):
        qtbot.keyClick(new, Qt.Key.Key_Return)
    assert _field(create, "PinRepeatInput").hasFocus()


def test_an_unknown_mode_is_refused(qtbot) -> None:
    with pytest.raises(ValueError):
        PinDialog(None, "guess")


def test_russian(qtbot, qapp, enter) -> None:
    install_translator(qapp, "ru")
    assert _ok(enter).text() == "Открыть"
    enter.show_wait(30)
    assert "30" in _wait(enter).text() and "attempts" not in _wait(enter).text()
