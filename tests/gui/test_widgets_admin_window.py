"""TillWindow: the Admin menu, the printer in the status bar, the offline banner, the close guard."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton

from app.i18n import install_translator
from widgets.main_window import TillWindow
from widgets.checkout.offline_banner import OfflineBanner
from widgets.admin.printer_status import PrinterStatusIndicator


@pytest.fixture
def window(show_active) -> TillWindow:
    return show_active(TillWindow(demo_mode=False))


@pytest.mark.parametrize(
    ("action", "what"),
    [
        ("AdminDevicesAction", "devices"),
        ("AdminQueueAction", "queue"),
        ("AdminOfflineAction", "offline"),
        ("AdminIntegrationAction", "integration"),
        ("AdminServiceAction", "service"),
        ("AdminPinAction", "pin"),
    ],
)
def test_admin_menu_entries(qtbot, window, action, what) -> None:
    entry = window.findChild(QAction, action)
    button = window.findChild(QToolButton, "AdminButton")
    assert entry in button.menu().actions()
    with qtbot.waitSignal(window.admin_requested) as blocker:
        entry.trigger()
    assert blocker.args == [what]


def test_admin_menu_texts(window) -> None:
    button = window.findChild(QToolButton, "AdminButton")
    assert button.isVisible() and button.text() == "Admin"
    assert [a.text() for a in button.menu().actions()] == [
        "Return…",
        "Shift summary…",
        "",  # a separator: the entries below ask for the PIN
        "Devices…",
        "Sending queue…",
        "Offline selling…",
        "Integration…",
        "Loyalty service…",
        "Change admin PIN…",
    ]
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_the_shift_summary_entry_asks_for_the_summary_not_the_admin(qtbot, window) -> None:
    action = window.findChild(QAction, "ShiftSummaryAction")
    with qtbot.assertNotEmitted(window.admin_requested), qtbot.waitSignal(window.shift_summary_requested):
        action.trigger()


def test_the_printer_status_is_in_the_status_bar(window) -> None:
    assert isinstance(window.printer_status, PrinterStatusIndicator)
    assert window.statusBar().isAncestorOf(window.printer_status)
    assert window.printer_status.isVisible()


def test_the_offline_banner_is_at_the_top_of_the_loyalty_column(window) -> None:
    banner = window.loyalty.offline_banner
    assert isinstance(banner, OfflineBanner)
    assert window.loyalty.isAncestorOf(banner)
    assert banner.isHidden()
    banner.show_state(False, 2, 0)
    assert banner.isVisible()
    top = banner.mapTo(window, banner.rect().topLeft()).y()
    search = window.loyalty.identify.mapTo(window, window.loyalty.identify.rect().topLeft()).y()
    assert top < search


def test_a_close_guard_can_keep_the_window_open(qtbot, window) -> None:
    asked: list[bool] = []

    def refuse() -> bool:
        asked.append(True)
        return False

    window.set_close_guard(refuse)
    with qtbot.assertNotEmitted(window.closing):
        assert not window.close()
    assert asked == [True] and window.isVisible()
    window.set_close_guard(lambda: True)
    with qtbot.waitSignal(window.closing):
        assert window.close()
    assert not window.isVisible()


def test_without_a_guard_the_window_closes(qtbot, window) -> None:
    window.set_close_guard(lambda: False)
    window.set_close_guard(None)
    with qtbot.waitSignal(window.closing):
        assert window.close()


def test_admin_menu_in_belarusian(qapp, window) -> None:
    install_translator(qapp, "be")
    button = window.findChild(QToolButton, "AdminButton")
    texts = [a.text() for a in button.menu().actions() if a.objectName().startswith("Admin")]
    assert sorted(texts) == sorted(
        [
            "Прылады…",
            "Чарга адпраўкі…",
            "Продажы без сувязі…",
            "Змяніць PIN адміністратара…",
            "Інтэграцыя…",
            "Праграма лаяльнасці…",
        ]
    )
