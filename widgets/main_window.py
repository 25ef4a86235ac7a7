"""The till window: host POS on the left, loyalty on the right, sandbox log in the demo.

A real till (not the demo) is the loyalty panel alone, whatever the width: the POS is another
program. In the demo the window fits its width: from `SIDE_BY_SIDE_FROM` pixels the host column
sits beside the loyalty panel; narrower, the loyalty panel is alone (a window beside the POS), and below
`COMPACT_BELOW` it stacks its rows. The window never widens itself for its content.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QToolButton, QWidget

from widgets.elided_label import ElidedLabel
from widgets.enum_properties import set_enum_property
from widgets.first_paint import after_first_paint
from widgets.checkout.loyalty_panel import LoyaltyPanel
from widgets.admin.printer_status import PrinterStatusIndicator
from widgets.style import restyle

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QShortcut

    from widgets.demo.demo_host import DemoHostPanel
    from widgets.demo.sandbox_log import SandboxLog

DEFAULT_SIZE = (1366, 768)
LOYALTY_WIDTH = 600
SANDBOX_HEIGHT = 130  # its title, a code and two lines: the receipt keeps its rows on a 768-pixel screen
#: The smallest window: the compact loyalty panel beside the POS.
MINIMUM_SIZE = (420, 600)
SIDE_PANEL_WIDTH = 480  # a real till's window beside the POS: the compact layout, readable at arm's length
#: From this width the host column is shown beside the loyalty panel.
SIDE_BY_SIDE_FROM = 1000
#: Below this width the loyalty panel stacks its rows.
COMPACT_BELOW = 700
#: The Admin button's caption in the narrow panel: the service status beside it is read whole.
ADMIN_GLYPH = "\u2699"  # ⚙


class TillWindow(QMainWindow):
    """The main window; owns no logic, only layout and the cashier's function keys.

    Layouts (see the module): `layout_mode()` is "side_by_side", "panel" or "compact".
    `set_always_on_top(True)` keeps the window above the POS.
    Keys: F2 focus the customer search, F4 redeem the maximum, F8 close the receipt,
    Esc cancel the code entry if it is open, otherwise reset the customer, F10 open the Admin
    menu (its button takes no focus). The keys and the
    Admin menu's entries are added just after the window's first paint (`add_keys_and_menu`).
    Parts: `host` (DemoHostPanel), `loyalty` (LoyaltyPanel), `sandbox_log` (SandboxLog),
    `printer_status` (PrinterStatusIndicator, in the status bar). The host column (`host` and
    `sandbox_log`) of a demo window is made with it, unless `fitted_to_screen` says the window
    will be fitted to its screen (`place_on_screen`) before it is shown and the screen is too
    narrow for the column beside the panel; then, as in a real till's window, it is made when it
    is first shown or asked for.
    Emits `closing()` when the window is about to close (see `set_close_guard`), and
    `admin_requested(str)` with "devices", "queue", "offline", "integration", "service" or "pin"
    from the Admin menu (a button at the right of the service status line, a gear in the narrow
    panel; object names AdminButton, AdminDevicesAction, AdminQueueAction, AdminOfflineAction,
    AdminIntegrationAction, AdminServiceAction, AdminPinAction), `return_requested()` from the menu's first entry, "Return"
    (ReturnAction, no PIN: a return of goods the POS cannot report itself), and
    `shift_summary_requested()` from the next, "Shift summary" (ShiftSummaryAction, no PIN: the
    cashier's own figures).
    """

    closing = Signal()
    admin_requested = Signal(str)
    shift_summary_requested = Signal()
    return_requested = Signal()

    def __init__(self, parent: QWidget | None = None, demo_mode: bool = False, fitted_to_screen: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("TillWindow")
        self._demo_mode = demo_mode
        self._host: DemoHostPanel | None = None
        self._sandbox_log: SandboxLog | None = None
        self._sized = False  # while it is made, its size is the default, not yet the one it is shown at
        self._on_top = False  # a new window is not kept above the others
        self.loyalty = LoyaltyPanel()

        self._left = QSplitter()  # the host column: filled when first needed
        set_enum_property(self._left, "orientation", "Vertical")
        self._left.setObjectName("HostSplitter")
        self._left.setChildrenCollapsible(False)
        if demo_mode and (not fitted_to_screen or self._screen_width() >= SIDE_BY_SIDE_FROM):
            self._build_host_column()  # beside the panel from the first paint (and first in the tab order)
        self._main = QSplitter()  # horizontal
        self._main.setObjectName("MainSplitter")
        self._main.addWidget(self._left)
        self._main.addWidget(self.loyalty)
        self._main.setStretchFactor(0, 1)
        self._main.setStretchFactor(1, 0)  # a narrower window takes from the host, not the loyalty panel
        self._main.setChildrenCollapsible(False)
        self._main.setSizes([DEFAULT_SIZE[0] - LOYALTY_WIDTH, LOYALTY_WIDTH])
        self.setCentralWidget(self._main)
        self._layout_mode = ""
        self._main.installEventFilter(self)

        self._keys_hint = ElidedLabel(keep_tooltip=True)
        self._keys_hint.setObjectName("KeysHint")
        self.statusBar().addPermanentWidget(self._keys_hint, 1)
        self._close_guard: Callable[[], bool] | None = None
        self.printer_status = PrinterStatusIndicator()
        self._build_admin_menu()
        self.loyalty.add_status_widget(self._admin_button)  # top right: no room lost in the status bar
        self.statusBar().insertPermanentWidget(0, self.printer_status)
        self._shortcuts: dict[str, QShortcut] = {}
        self._keys_awaited = False  # the first paint is watched for, to add the keys after it
        # An explicit minimum: the layout's own would grow with the content and widen the window.
        self.setMinimumSize(*MINIMUM_SIZE)
        self.resize(*DEFAULT_SIZE)
        self._retranslate()
        self.set_demo_mode(demo_mode)
        self._fit_layout(DEFAULT_SIZE[0])
        self._sized = True

    # -- public API ---------------------------------------------------------------------------

    @property
    def host(self) -> DemoHostPanel:
        """The demo's host POS column (made now if it was not yet)."""
        self._build_host_column()
        assert self._host is not None
        return self._host

    @property
    def sandbox_log(self) -> SandboxLog:
        """The demo's sandbox log under the host column (made now if it was not yet)."""
        self._build_host_column()
        assert self._sandbox_log is not None
        return self._sandbox_log

    def add_keys_and_menu(self) -> None:
        """Add the function keys and the Admin menu's entries, if not yet.

        The first paint shows neither (the Admin button shows its menu's arrow): the window adds
        them itself just after it, and the till when it is assembled, shown or not.
        """
        if self._shortcuts:
            return
        # Imported here: binding these types builds their enumerations (71 standard keys alone),
        # and the `Qt` namespace all of its own (docs/architecture.md §1).
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QKeySequence, QShortcut

        def shortcut(key: Qt.Key, slot: Callable[[], None]) -> QShortcut:
            made = QShortcut(QKeySequence(key), self)
            made.setContext(Qt.ShortcutContext.WindowShortcut)
            made.activated.connect(slot)
            return made

        self._shortcuts.update(
            F2=shortcut(Qt.Key.Key_F2, self.loyalty.identify.focus_input),
            F4=shortcut(Qt.Key.Key_F4, self.loyalty.redemption.choose_maximum),
            F8=shortcut(Qt.Key.Key_F8, lambda: self.host.request_close()),
            Esc=shortcut(Qt.Key.Key_Escape, self._escape),
            F10=shortcut(Qt.Key.Key_F10, self._open_admin_menu),
        )
        self._shortcuts["F8"].setEnabled(self._demo_mode)  # a real till's receipts are closed by the POS
        self._return_action = QAction(self)
        self._return_action.setObjectName("ReturnAction")
        self._return_action.triggered.connect(lambda _checked=False: self.return_requested.emit())
        self._admin_menu.addAction(self._return_action)
        self._shift_action = QAction(self)
        self._shift_action.setObjectName("ShiftSummaryAction")
        self._shift_action.triggered.connect(lambda _checked=False: self.shift_summary_requested.emit())
        self._admin_menu.addAction(self._shift_action)
        self._admin_menu.addSeparator()
        names = (
            ("devices", "AdminDevicesAction"),
            ("queue", "AdminQueueAction"),
            ("offline", "AdminOfflineAction"),
            ("integration", "AdminIntegrationAction"),
            ("service", "AdminServiceAction"),
            ("pin", "AdminPinAction"),
        )
        for key, name in names:
            action = QAction(self)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, key=key: self.admin_requested.emit(key))
            self._admin_menu.addAction(action)
            self._admin_actions[key] = action
        self._retranslate_menu()
        self._retranslate_keys_hint()

    def set_demo_mode(self, demo: bool) -> None:
        """Show the demo host column and sandbox log (demo), or the loyalty panel alone (a real till)."""
        self._demo_mode = demo
        if self._sandbox_log is not None:
            self._sandbox_log.setVisible(demo)
        if self._shortcuts:
            self._shortcuts["F8"].setEnabled(demo)  # a real till's receipts are closed by the POS
        self._retranslate()
        width = self.width()
        self._layout_mode = ""
        self._fit_layout(width)

    def place_on_screen(self, *, side_panel: bool) -> None:
        """Fit the window to its screen before it is shown.

        A real till (`side_panel`) is a panel along the right edge of the screen, its full height,
        beside the POS's window; the demo keeps its size, shrunk to the screen if that is smaller
        (a 1366-px window on a 1024-px screen would put the total to pay off the screen).
        """
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        if side_panel:
            width = min(SIDE_PANEL_WIDTH, area.width())
            self.setGeometry(area.x() + area.width() - width, area.y(), width, area.height())
        else:
            self.resize(min(self.width(), area.width()), min(self.height(), area.height()))
        # The layout for this width now, while no stylesheet is on the window yet: the resize is
        # only delivered as it is shown, and choosing the layout then would re-polish its widgets.
        self._fit_layout(self.width())

    def is_demo_mode(self) -> bool:
        """Whether the sandbox log is shown."""
        return self._demo_mode

    def layout_mode(self) -> str:
        """"side_by_side" (host column and loyalty), "panel" (loyalty alone) or "compact" (narrow)."""
        return self._layout_mode

    def set_always_on_top(self, on_top: bool) -> None:
        """Keep the window above other windows (the POS) or not."""
        if on_top == self._on_top:  # read from its own flag: the window's flags are a `Qt` enumeration
            return
        from PySide6.QtCore import Qt  # here: the namespace's enumerations wait for the first paint

        self._on_top = on_top
        shown = self.isVisible()
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on_top)
        if shown:  # changing a window flag hides the window
            self.show()

    def isAlwaysOnTop(self) -> bool:  # noqa: N802 (Qt naming, like isVisible)
        """Whether the window is kept above other windows."""
        from PySide6.QtCore import Qt  # here: the namespace's enumerations wait for the first paint

        return bool(self.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        """Shown for the first time: add the keys and the menu's entries once it has painted."""
        super().showEvent(event)
        if not self._keys_awaited and not self._shortcuts:
            self._keys_awaited = True
            after_first_paint(self, self.add_keys_and_menu)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Choose the layout for the new width."""
        self._fit_layout(event.size().width())
        super().resizeEvent(event)
        self._balance_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """When the loyalty panel needs more room (new content), take it from the host column."""
        if watched is self._main and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self._balance_columns)  # once the splitter has laid itself out
        return super().eventFilter(watched, event)

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """Show *text* in the status bar (for *timeout_ms*, 0 = until replaced)."""
        self.statusBar().showMessage(text, timeout_ms)

    def set_close_guard(self, guard: Callable[[], bool] | None) -> None:
        """Ask *guard* before closing: when it returns False the window stays open (None: no guard)."""
        self._close_guard = guard

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Ask the close guard, if any; if it agrees, tell the application and close."""
        if self._close_guard is not None and not self._close_guard():
            event.ignore()
            return
        self.closing.emit()
        super().closeEvent(event)

    # -- internals ----------------------------------------------------------------------------

    def _screen_width(self) -> int:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return DEFAULT_SIZE[0] if screen is None else screen.availableGeometry().width()

    def _build_host_column(self) -> None:
        if self._host is not None:
            return
        from widgets.demo.demo_host import DemoHostPanel
        from widgets.demo.sandbox_log import SandboxLog

        self._host = DemoHostPanel()
        self._sandbox_log = SandboxLog()
        self._sandbox_log.setVisible(self._demo_mode)
        self._left.addWidget(self._host)
        self._left.addWidget(self._sandbox_log)
        self._left.setStretchFactor(0, 1)
        self._left.setStretchFactor(1, 0)
        self._left.setSizes([DEFAULT_SIZE[1] - SANDBOX_HEIGHT, SANDBOX_HEIGHT])

    def _build_admin_menu(self) -> None:
        # Its entries come with the keys (`add_keys_and_menu`); the menu, even empty, gives the
        # button its arrow at the first paint.
        self._admin_menu = QMenu(self)
        self._admin_menu.setObjectName("AdminMenu")
        self._admin_actions: dict[str, QAction] = {}
        self._admin_button = QToolButton()
        self._admin_button.setObjectName("AdminButton")
        self._admin_button.setMenu(self._admin_menu)
        self._admin_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        set_enum_property(self._admin_button, "focusPolicy", "NoFocus")  # never steals the cashier's field

    def _fit_layout(self, width: int) -> None:
        if width >= SIDE_BY_SIDE_FROM and self._demo_mode:
            mode = "side_by_side"
        elif width >= COMPACT_BELOW:
            mode = "panel"
        else:
            mode = "compact"
        if mode == "side_by_side" and self._sized and self._host is None:
            self._build_host_column()  # the window is shown (or resized) at this width
            self._layout_mode = ""  # the columns are shared out again, the host's wants known
        if mode == self._layout_mode:
            return
        self._layout_mode = mode
        self.loyalty.set_compact(mode == "compact")
        self._name_admin_button()
        self._left.setVisible(mode == "side_by_side")
        if mode == "side_by_side":
            loyalty = max(self.loyalty.minimumSizeHint().width(), min(LOYALTY_WIDTH, width // 2))
            handle = self._main.handleWidth()
            self._main.setSizes([width - loyalty - handle, loyalty])

    def _balance_columns(self) -> None:
        if self._layout_mode != "side_by_side":
            return
        host, loyalty = self._main.sizes()
        needed = self.loyalty.minimumSizeHint().width()
        if loyalty < needed and host > 0:
            self._main.setSizes([host + loyalty - needed, needed])

    def _escape(self) -> None:
        if self.loyalty.confirmation.is_asking():
            self.loyalty.confirmation.cancel()
        else:
            self.loyalty.customer.request_reset()

    def _open_admin_menu(self) -> None:
        # The button takes no focus (it would steal the cashier's field), so F10 opens its menu:
        # a popup, which the arrow keys and Enter work and which hands the focus back as it closes.
        button = self._admin_button
        self._admin_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    def _name_admin_button(self) -> None:
        """Wide, the button says "Admin". Narrow, "Administrator" in Russian or Belarusian would
        elide the service status beside it: a gear takes its place, and the tooltip and the
        accessible name say what it is."""
        name = self.tr("Admin")
        details = self.tr(
            "Return, shift summary; device settings, sending queue, offline selling, admin PIN (PIN required)"
        )
        compact = self._layout_mode == "compact"
        button = self._admin_button
        button.setText(ADMIN_GLYPH if compact else name)
        button.setAccessibleName(name)
        key = self.tr("F10: open the Admin menu")
        button.setToolTip(f"{name}\n{details}\n{key}" if compact else f"{details}\n{key}")
        restyle("compact", compact, button)

    def _retranslate(self) -> None:
        self._name_admin_button()
        self._retranslate_menu()
        title = self.tr("Till loyalty")
        if self._demo_mode:
            title = self.tr("Till loyalty (demo)")
        self.setWindowTitle(title)
        self._retranslate_keys_hint()

    def _retranslate_keys_hint(self) -> None:
        # Written with the keys, just after the first paint: they work from then on, and a hint too
        # long for the status bar is elided with the `Qt` namespace, which waits for that paint.
        if not self._shortcuts:
            return
        admin_key = self.tr("F10: open the Admin menu")
        if self._demo_mode:
            self._keys_hint.setText(
                self.tr("F2 Find customer · F4 Maximum bonuses · F8 Close receipt · Esc Reset customer")
            )
            self._keys_hint.setToolTip(
                self.tr(
                    "F2: put the cursor into the customer search\n"
                    "F4: redeem the maximum of bonuses\n"
                    "F8: close the receipt\n"
                    "Esc: cancel the code entry, otherwise reset the customer"
                )
                + f"\n{admin_key}"
            )
        else:
            self._keys_hint.setText(self.tr("F2 Find customer · F4 Maximum bonuses · Esc Reset customer"))
            self._keys_hint.setToolTip(
                self.tr(
                    "F2: put the cursor into the customer search\n"
                    "F4: redeem the maximum of bonuses\n"
                    "Esc: cancel the code entry, otherwise reset the customer"
                )
                + f"\n{admin_key}"
            )

    def _retranslate_menu(self) -> None:
        if not self._admin_actions:
            return
        self._return_action.setText(self.tr("Return…"))
        self._shift_action.setText(self.tr("Shift summary…"))
        self._admin_actions["devices"].setText(self.tr("Devices…"))
        self._admin_actions["queue"].setText(self.tr("Sending queue…"))
        self._admin_actions["offline"].setText(self.tr("Offline selling…"))
        self._admin_actions["integration"].setText(self.tr("Integration…"))
        self._admin_actions["service"].setText(self.tr("Loyalty service…"))
        self._admin_actions["pin"].setText(self.tr("Change admin PIN…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
