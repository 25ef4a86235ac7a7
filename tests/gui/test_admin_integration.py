"""Admin > Integration in the running till: behind the PIN, the host API's address and state, and
its token hidden until "Show", read off the GUI thread, and copied with "Copy"."""
from __future__ import annotations

import socket

from PySide6.QtCore import QThread
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton

from app.host_api.token import host_api_token
from tests.gui.test_cashier_flow import child, click, make_till, type_and_enter


def open_integration(qtbot, till):
    till.window.admin_requested.emit("integration")
    qtbot.waitUntil(lambda: till.admin.pin_dialog is not None and till.admin.pin_dialog.isVisible())
    pin = till.admin.pin_dialog
    assert pin.mode() == "create", "behind the admin PIN"
    assert till.integration.dialog is None
    type_and_enter(qtbot, child(pin, QLineEdit, "PinNewInput"), "246813")
    type_and_enter(qtbot, child(pin, QLineEdit, "PinRepeatInput"), "246813")
    qtbot.waitUntil(lambda: till.integration.dialog is not None and till.integration.dialog.isVisible(), timeout=10_000)
    return till.integration.dialog


def test_the_admin_sees_the_address_and_shows_and_copies_the_token(qtbot, tmp_path, monkeypatch) -> None:
    till = make_till(qtbot, tmp_path, demo=False, host_api_port=0)
    try:
        with qtbot.waitSignal(till.host_api_started, timeout=15_000) as started:
            till.start_host_api()
        threads: list[str] = []
        read = till.read_host_api_token

        def recorded() -> str:
            threads.append(QThread.currentThread().objectName())
            return read()

        monkeypatch.setattr(till.integration, "_read_token", recorded)
        dialog = open_integration(qtbot, till)
        assert dialog.address_text() == started.args[0]
        assert dialog.state_text().startswith("Running")
        field = child(dialog, QLineEdit, "ApiToken")
        assert field.text() == "" and not dialog.token_shown(), "hidden until Show"
        assert threads == [], "not read before it is asked for"

        click(qtbot, child(dialog, QPushButton, "ShowTokenButton"))
        token = host_api_token(till.settings)
        qtbot.waitUntil(lambda: field.text() == token)
        assert dialog.token_shown() and field.echoMode() == QLineEdit.EchoMode.Normal
        assert threads == ["admin"], "read on the admin worker"

        QGuiApplication.clipboard().clear()
        click(qtbot, child(dialog, QPushButton, "CopyTokenButton"))
        assert QGuiApplication.clipboard().text() == token
        click(qtbot, child(dialog, QPushButton, "ShowTokenButton"))
        assert not dialog.token_shown(), "hidden again"
        dialog.close()
    finally:
        till.shutdown()


def test_the_admin_is_told_why_the_api_is_off(qtbot, tmp_path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    till = make_till(qtbot, tmp_path, demo=False, host_api_port=taken.getsockname()[1])
    try:
        with qtbot.waitSignal(till.host_api_failed, timeout=15_000):
            till.start_host_api()
        dialog = open_integration(qtbot, till)
        assert dialog.state_text().startswith("Off:")
        assert "in use by another program" in dialog.state_text()
        click(qtbot, child(dialog, QPushButton, "CopyTokenButton"))  # copied without being shown
        token = host_api_token(till.settings)
        qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == token)
        assert not dialog.token_shown()
        dialog.close()
    finally:
        taken.close()
        till.shutdown()
