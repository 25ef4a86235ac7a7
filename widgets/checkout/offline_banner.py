"""The banner over the loyalty column: offline, sales still to send, sales that need the admin."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from widgets.enum_properties import set_enum_property
from widgets.style import restyle
from widgets.wrapping_label import WrappingLabel

#: Modes, as the `mode` property the stylesheet colours by.
HIDDEN = "hidden"
OFFLINE = "offline"
SENDING = "sending"
ATTENTION = "attention"


class OfflineBanner(QFrame):
    """Tells the cashier the loyalty service is unreachable and how much waits to be sent.

    `show_state(online, waiting, failed)`:
    offline: an amber banner "No connection to the loyalty service. Waiting to be sent: N" (the
    count left out while nothing waits);
    online (or not known yet) with sales waiting: a quiet line "Sending to the service: N…";
    failed sales add "Need attention (admin): N" (in red when nothing else is shown);
    online, nothing waiting, nothing failed: hidden. The icon repeats the state for people who
    do not tell colours apart. Object names: OfflineBannerIcon, OfflineBannerText.
    `set_giving_way(True)`: another line says the service is unreachable, so the offline banner
    hides; with failed sales it shows only "Need attention (admin): N", in the attention look.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OfflineBanner")
        self._state: tuple[bool | None, int, int] = (None, 0, 0)
        self._mode = HIDDEN
        self._giving_way = False
        self._icon = QLabel()
        self._icon.setObjectName("OfflineBannerIcon")
        set_enum_property(self._icon, "alignment", "AlignLeft|AlignTop")  # beside the text's first line
        self._text = WrappingLabel()
        self._text.setObjectName("OfflineBannerText")
        set_enum_property(self._text, "textFormat", "PlainText")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self._icon)
        layout.addWidget(self._text, 1)
        self._render()

    # -- public API ---------------------------------------------------------------------------

    def show_state(self, online: bool | None, waiting: int, failed: int) -> None:
        """Show the service state (None = not known yet) and the outbox counts."""
        self._state = (online, max(0, int(waiting)), max(0, int(failed)))
        self._render()

    def set_giving_way(self, giving_way: bool) -> None:
        """Whether the offline part gives way because another line already says it (the sales
        that need the admin stay)."""
        if giving_way != self._giving_way:
            self._giving_way = giving_way
            self._render()

    def mode(self) -> str:
        """What is shown: "hidden", "offline", "sending" or "attention"."""
        return self._mode

    def text(self) -> str:
        """The text shown ("" when hidden)."""
        return self._text.text() if self._mode != HIDDEN else ""

    # -- internals ----------------------------------------------------------------------------

    def _render(self) -> None:
        online, waiting, failed = self._state
        parts: list[str] = []
        if online is False:
            mode, icon = OFFLINE, "⚠"
            if waiting > 0:
                parts.append(
                    self.tr("No connection to the loyalty service. Waiting to be sent: {count}").format(count=waiting)
                )
            else:  # nothing waits: a count of nought tells the cashier nothing
                parts.append(self.tr("No connection to the loyalty service."))
        elif waiting > 0:
            mode, icon = SENDING, "⟳"
            parts.append(self.tr("Sending to the service: {count}…").format(count=waiting))
        elif failed > 0:
            mode, icon = ATTENTION, "✖"
        else:
            mode, icon = HIDDEN, ""
        if failed > 0:
            parts.append(self.tr("Need attention (admin): {count}").format(count=failed))
            if mode == OFFLINE and self._giving_way:  # the warning says offline; these still need the admin
                mode, icon, parts = ATTENTION, "✖", parts[1:]
        self._mode = mode
        self._icon.setText(icon)
        self._text.setText("\n".join(parts))  # one fact per line: no dangling separator on a wrap
        restyle("mode", mode, self, self._icon, self._text)
        self._show_or_hide()

    def _show_or_hide(self) -> None:
        self.setVisible(self._mode != HIDDEN and not (self._giving_way and self._mode == OFFLINE))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
