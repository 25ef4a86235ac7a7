"""One message line for the cashier, coloured by severity."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from widgets.enum_properties import set_enum_property
from widgets.style import restyle
from widgets.wrapping_label import WrappingLabel

#: Severities, as the `severity` property the stylesheet colours by.
ERROR = "error"
WARNING = "warning"
INFO = "info"
SUCCESS = "success"
NONE = "none"

_ICONS = {ERROR: "✖", WARNING: "⚠", INFO: "ℹ", SUCCESS: "✔", NONE: ""}

#: A warning with a short form shows that form where its whole text would take more lines than
#: this: the customer's card under the line keeps its room.
WHOLE_WARNING_LINES = 4


class MessageBar(QFrame):
    """Shows the latest message: errors and warnings stay until cleared, info and success fade.

    The colour comes from the stylesheet through the `severity` property (error, warning, info,
    success, none) of the bar, which hands its text colour on to its icon and text: a new
    severity re-polishes one widget, not three. An icon repeats the severity for people who do
    not tell colours apart.
    The cashier can dismiss a message with the × button. The bar keeps its height when empty,
    so the screen does not jump, unless told it need not (`set_keeps_room(False)`: then an empty
    bar takes no room).
    A warning may come with a short form: that is shown in the narrow panel (`set_compact(True)`)
    and wherever the whole text would take more than `WHOLE_WARNING_LINES` lines, the whole text
    then in its tooltip.
    """

    cleared = Signal()
    changed = Signal()  # another message is shown, or the line cleared

    def __init__(self, parent: QWidget | None = None, auto_clear_ms: int = 8000) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self._severity = NONE
        self._applied = False
        self._keeps_room = True
        self._whole = ""
        self._short = ""
        self._compact = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(auto_clear_ms)
        self._timer.timeout.connect(self.clear)

        self._icon = QLabel()
        self._icon.setObjectName("MessageIcon")
        set_enum_property(self._icon, "alignment", "AlignLeft|AlignTop")  # beside the text's first line
        self._text = WrappingLabel()
        self._text.setObjectName("MessageText")
        set_enum_property(self._text, "textFormat", "PlainText")
        self._close = QToolButton()
        self._close.setObjectName("MessageCloseButton")
        self._close.setText("×")
        set_enum_property(self._close, "focusPolicy", "NoFocus")
        self._close.setAutoRaise(True)
        self._close.clicked.connect(self.clear)
        keep_place = self._close.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)
        self._close.setSizePolicy(keep_place)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        close_column = QVBoxLayout()  # the button beside the text's first line
        close_column.addWidget(self._close)
        close_column.addStretch(1)
        layout.addLayout(close_column)
        self._retranslate()
        self._apply(NONE, "")

    # -- public API ---------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        """Show an error; it stays until `clear` or the next message."""
        self._apply(ERROR, text)

    def show_warning(self, text: str, short: str | None = None) -> None:
        """Show a warning; it stays until `clear` or the next message. *short*: the words the
        narrow panel shows instead (the whole text then in the tooltip)."""
        self._apply(WARNING, text, short or "")

    def show_info(self, text: str) -> None:
        """Show information; it clears itself after a few seconds."""
        self._apply(INFO, text)
        self._timer.start()

    def show_success(self, text: str) -> None:
        """Show a success; it clears itself after a few seconds."""
        self._apply(SUCCESS, text)
        self._timer.start()

    def clear(self) -> None:
        """Remove the message."""
        had_message = self._severity != NONE
        self._apply(NONE, "")
        if had_message:
            self.cleared.emit()

    def severity(self) -> str:
        """The shown severity: "error", "warning", "info", "success" or "none"."""
        return self._severity

    def text(self) -> str:
        """The message, whole ("" when none)."""
        return self._whole

    def shown_text(self) -> str:
        """The words on the line: the short form in the narrow panel, when the message has one."""
        return self._text.text()

    def set_compact(self, compact: bool) -> None:
        """Narrow panel: show a warning's short form where it has one."""
        if compact != self._compact:
            self._compact = compact
            self._show_text()

    def will_clear_itself(self) -> bool:
        """Whether the shown message goes away by itself (info and success do)."""
        return self._timer.isActive()

    def set_keeps_room(self, keeps: bool) -> None:
        """Whether the bar keeps its line while it has no message (True) or hides then (False)."""
        self._keeps_room = keeps
        self.setVisible(keeps or self._severity != NONE)

    def keeps_room(self) -> bool:
        """Whether an empty bar keeps its line."""
        return self._keeps_room

    def set_auto_clear_ms(self, milliseconds: int) -> None:
        """How long info and success messages stay."""
        self._timer.setInterval(milliseconds)

    # -- internals ----------------------------------------------------------------------------

    def _apply(self, severity: str, text: str, short: str = "") -> None:
        self._timer.stop()
        if (severity, text, short) == (self._severity, self._whole, self._short) and self._applied:
            return  # the checkout shows its notice with every state: the same one again changes nothing
        self._applied = True
        self._severity = severity
        self._whole, self._short = text, short
        self._icon.setText(_ICONS[severity])
        self._show_text()
        self._close.setVisible(severity != NONE)
        restyle("severity", severity, self)
        self.setVisible(self._keeps_room or severity != NONE)
        self.changed.emit()

    def _show_text(self) -> None:
        shorter = bool(self._short) and (self._compact or self._whole_lines() > WHOLE_WARNING_LINES)
        shown = self._short if shorter else self._whole
        if self._text.text() != shown:
            self._text.setText(shown)
        tip = self._whole if shorter else ""
        if self._text.toolTip() != tip:  # each setToolTip goes through every application event filter
            self._text.setToolTip(tip)

    def _whole_lines(self) -> int:
        """The lines the whole text takes at the text's width (1 before it is laid out)."""
        # Here: a warning with a short form comes after the window's first paint.
        from PySide6.QtCore import QRect, Qt

        width = self._text.contentsRect().width()
        if width <= 0:
            return 1
        metrics = self._text.fontMetrics()
        needed = metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, self._whole)
        return max(1, round(needed.height() / metrics.lineSpacing()))

    def _retranslate(self) -> None:
        self._close.setToolTip(self.tr("Dismiss the message"))

    def _hand_on_colour(self) -> None:
        """Draw the icon and the text in the bar's colour (a stylesheet's colour is not inherited)."""
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        for label in (self._icon, self._text):
            palette = label.palette()
            if palette.color(QPalette.ColorRole.WindowText) != colour:
                palette.setColor(QPalette.ColorRole.WindowText, colour)
                label.setPalette(palette)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """A new width: a warning with a short form may take another form."""
        super().resizeEvent(event)
        if self._short:
            self._show_text()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes; hand a new colour on."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._hand_on_colour()
        super().changeEvent(event)
