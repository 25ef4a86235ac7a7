"""The receipt printer's state in the status bar, with "Reprint last"."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from widgets.enum_properties import set_enum_property
from widgets.style import repolish

STATES = ("ok", "printing", "offline", "paper_out", "cover_open", "error", "none")


class PrinterStatusIndicator(QWidget):
    """A coloured dot and a short text for the printer's state, and a "Reprint last" button.

    `show_status(state, text, what_to_do)`: state is "ok", "printing", "offline", "paper_out",
    "cover_open", "error" or "none" (no printer configured); *text* is the short explanation shown
    (empty: a standard text for the state); *what_to_do*, the tooltip, says what is wrong and what
    to do about it (empty: the standard text, when *text* says more than it). The button emits
    `reprint_requested()`; it is enabled by `set_reprint_available(True)` and hidden while no
    printer is configured.
    Object names: PrinterStatusDot, PrinterStatusText, ReprintButton.
    """

    reprint_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PrinterStatus")
        self._state = "none"
        self._given_text = ""
        self._what_to_do = ""
        self._dot = QLabel("●")
        self._dot.setObjectName("PrinterStatusDot")
        self._text = QLabel()
        self._text.setObjectName("PrinterStatusText")
        set_enum_property(self._text, "textFormat", "PlainText")
        self._reprint = QPushButton()
        self._reprint.setObjectName("ReprintButton")
        set_enum_property(self._reprint, "focusPolicy", "NoFocus")  # never steals the cashier's field
        self._reprint.clicked.connect(self.reprint_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self._dot)
        layout.addWidget(self._text)
        layout.addWidget(self._reprint)
        self.set_reprint_available(False)
        self._retranslate()

    # -- public API ---------------------------------------------------------------------------

    def show_status(self, state: str, text: str = "", what_to_do: str = "") -> None:
        """Show the printer's *state* (see the class) with a short *text* and, as its tooltip, what
        to do about it."""
        if state not in STATES:
            raise ValueError(f"unknown printer state {state!r}")
        self._state = state
        self._given_text = text
        self._what_to_do = what_to_do
        self._render()

    def set_reprint_available(self, available: bool) -> None:
        """Whether there is a last receipt to print again."""
        self._reprint.setEnabled(available)

    def state(self) -> str:
        """The state last shown."""
        return self._state

    def text(self) -> str:
        """The text shown next to the dot."""
        return self._text.text()

    # -- internals ----------------------------------------------------------------------------

    def _standard_text(self, state: str) -> str:
        return {
            "ok": self.tr("Printer ready"),
            "printing": self.tr("Printing…"),
            "offline": self.tr("Printer not responding"),
            "paper_out": self.tr("Printer: no paper"),
            "cover_open": self.tr("Printer: cover open"),
            "error": self.tr("Printer error"),
            "none": self.tr("No printer"),
        }[state]

    def _render(self) -> None:
        standard = self._standard_text(self._state)
        self._text.setText(self._given_text or standard)
        if self._what_to_do:
            self.setToolTip(self._what_to_do)
        else:
            self.setToolTip(standard if self._given_text and self._given_text != standard else "")
        self._reprint.setVisible(self._state != "none")
        for widget in (self._dot, self._text):
            widget.setProperty("printer", self._state)
        repolish(self._dot, self._text)

    def _retranslate(self) -> None:
        self._reprint.setText(self.tr("Reprint"))
        self._reprint.setToolTip(self.tr("Print the last loyalty slip again"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
