"""Admin > Service's dialog alone: the key field is write-only and masked, the buttons only ask."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from widgets.admin.service_dialog import ServiceDialog


def test_the_dialog_asks_with_what_was_typed_and_forgets_the_key_once_saved(qtbot) -> None:
    dialog = ServiceDialog()
    qtbot.addWidget(dialog)
    dialog.set_endpoint("retailcrm+https://shop.retailcrm.ru/?site=main")
    dialog.show_key_state("stored")
    key = dialog.findChild(QLineEdit, "ServiceKeyInput")
    assert key.text() == "" and key.echoMode() == QLineEdit.EchoMode.Password, "the stored key is never shown"
    assert dialog.findChild(QPushButton, "ServiceRemoveKeyButton").isEnabled()

    key.setText("  typed-key ")
    with qtbot.waitSignal(dialog.check_requested) as asked:
        qtbot.mouseClick(dialog.findChild(QPushButton, "ServiceCheckButton"), Qt.MouseButton.LeftButton)
    assert asked.args == ["retailcrm+https://shop.retailcrm.ru/?site=main", "typed-key"]
    assert not dialog.findChild(QPushButton, "ServiceCheckButton").isEnabled(), "one check at a time"
    dialog.show_check_result(False, "The service refused the API key. Check the key.")
    assert dialog.check_ok() is False and dialog.findChild(QLabel, "ServiceCheckResult").property("role") == "error"

    with qtbot.waitSignal(dialog.save_requested) as saved:
        qtbot.mouseClick(dialog.findChild(QPushButton, "ServiceSaveButton"), Qt.MouseButton.LeftButton)
    assert saved.args[1] == "typed-key"
    dialog.show_saved("Saved.")
    assert key.text() == ""
    dialog.show_key_state("environment")
    assert "TILL_LOYALTY_API_KEY" in dialog.findChild(QLabel, "ServiceKeyState").text()
    assert not dialog.findChild(QPushButton, "ServiceRemoveKeyButton").isEnabled()
