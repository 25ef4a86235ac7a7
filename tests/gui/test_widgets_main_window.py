"""TillWindow: layout parts, demo mode, the cashier's function keys, closing."""
from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QLineEdit, QMenu, QToolButton

from widgets.main_window import TillWindow


@pytest.fixture
def window(show_active) -> TillWindow:
    return show_active(TillWindow(demo_mode=True))


def test_parts_and_demo_mode(window) -> None:
    assert window.centralWidget().isAncestorOf(window.host)
    assert window.centralWidget().isAncestorOf(window.loyalty)
    assert window.sandbox_log.isVisible() and window.is_demo_mode()
    left = window.host.mapTo(window, window.host.rect().topLeft()).x()
    right = window.loyalty.mapTo(window, window.loyalty.rect().topLeft()).x()
    assert left < right
    window.set_demo_mode(False)
    assert not window.sandbox_log.isVisible() and not window.is_demo_mode()


def test_a_demo_window_too_narrow_for_the_host_column_is_painted_without_it_until_widened(qtbot) -> None:
    window = TillWindow(demo_mode=True, fitted_to_screen=True)
    qtbot.addWidget(window)
    assert window.screen().availableGeometry().width() < 1000, "the offscreen screen: 800 px"
    window.place_on_screen(side_panel=False)  # the loyalty panel alone
    window.show()
    qtbot.waitExposed(window)
    assert window.layout_mode() == "panel" and window.width() < 1000
    assert window.findChild(QFrame, "DemoHostPanel") is None, "made though not shown"
    assert window.findChild(QFrame, "SandboxLog") is None, "made though not shown"
    window.resize(1366, 768)
    QApplication.processEvents()
    host = window.findChild(QFrame, "DemoHostPanel")
    log = window.findChild(QFrame, "SandboxLog")
    assert window.layout_mode() == "side_by_side"
    assert host is window.host and host.isVisible() and log is window.sandbox_log and log.isVisible()
    assert host.width() > 0 and window.loyalty.isVisible()


@pytest.mark.parametrize("width", [480, 1366])
def test_a_real_till_never_makes_the_host_column(qtbot, width) -> None:
    window = TillWindow(demo_mode=False)
    qtbot.addWidget(window)
    window.resize(width, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.findChild(QFrame, "DemoHostPanel") is None
    assert window.findChild(QFrame, "SandboxLog") is None


def test_keys_are_documented_in_the_status_bar(window) -> None:
    hint = window.statusBar().findChild(QLabel, "KeysHint")
    for key in ("F2", "F4", "F8", "Esc"):
        assert key in hint.text() and key in hint.toolTip()
    assert "F10" in hint.toolTip()


def test_f2_focuses_the_customer_search(qtbot, window) -> None:
    field = window.loyalty.identify.findChild(QLineEdit, "IdentifyInput")
    window.host.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert field.hasFocus()


def test_f4_redeems_the_maximum(qtbot, window) -> None:
    window.loyalty.redemption.set_limits(Decimal("14.70"))
    with qtbot.waitSignal(window.loyalty.redemption.redeem_changed) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F4)
    assert blocker.args == [Decimal("14.70")]


def test_f8_closes_the_receipt(qtbot, window, sample_receipt) -> None:
    window.host.show_receipt(sample_receipt, {})
    with qtbot.waitSignal(window.host.close_requested):
        qtbot.keyClick(window, Qt.Key.Key_F8)
    window.host.set_locked(True)
    with qtbot.assertNotEmitted(window.host.close_requested):
        qtbot.keyClick(window, Qt.Key.Key_F8)


def test_esc_resets_the_customer(qtbot, window) -> None:
    with qtbot.waitSignal(window.loyalty.customer.reset_requested):
        qtbot.keyClick(window, Qt.Key.Key_Escape)


def test_esc_cancels_the_code_entry_first(qtbot, window) -> None:
    window.loyalty.confirmation.ask("+375 29 ***-**-67", 300)
    field = window.loyalty.confirmation.findChild(QLineEdit, "ConfirmationCodeInput")
    with qtbot.waitSignal(window.loyalty.confirmation.cancelled), qtbot.assertNotEmitted(
        window.loyalty.customer.reset_requested
    ):
        qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not window.loyalty.confirmation.is_asking()


def test_keys_work_while_typing_in_a_field(qtbot, window) -> None:
    window.loyalty.identify.focus_input()
    field = window.loyalty.identify.findChild(QLineEdit, "IdentifyInput")
    qtbot.keyClicks(field, "29")
    with qtbot.waitSignal(window.loyalty.customer.reset_requested):
        qtbot.keyClick(field, Qt.Key.Key_Escape)


def test_f10_opens_the_admin_menu_and_the_keyboard_works_it(qtbot, window) -> None:
    field = window.loyalty.identify.findChild(QLineEdit, "IdentifyInput")
    window.loyalty.identify.focus_input()
    menu = window.findChild(QMenu, "AdminMenu")
    assert "F10" in window.findChild(QToolButton, "AdminButton").toolTip()
    qtbot.keyClick(field, Qt.Key.Key_F10)
    qtbot.waitUntil(menu.isVisible)
    assert menu.activeAction() is None or menu.activeAction().objectName() == "ReturnAction"
    qtbot.keyClick(menu, Qt.Key.Key_Down)  # the first entry: Return
    with qtbot.waitSignal(window.return_requested):
        qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not menu.isVisible())
    qtbot.keyClick(field, Qt.Key.Key_F10)
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.isVisible())
    assert field.hasFocus(), "the cashier's field has the keys again"


def test_closing_is_announced(qtbot, window) -> None:
    with qtbot.waitSignal(window.closing):
        window.close()
