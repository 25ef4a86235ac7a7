"""Customer search: one field for a phone, a card or a code, a Find button, and Register for an unknown phone."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class IdentifyPanel(QFrame):
    """Lets the cashier type or scan a phone, card or code; Enter or Find asks to identify it.

    The raw text is emitted unchanged: parsing it is the application's job. After a phone
    nobody is registered with, `offer_registration(phone)` shows Register (object name
    RegisterButton), which emits `register_requested(phone)`.
    """

    identify_requested = Signal(str)
    register_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IdentifyPanel")
        self._busy = False

        self._input = QLineEdit()
        self._input.setObjectName("IdentifyInput")
        self._input.setClearButtonEnabled(True)
        self._input.setMaxLength(64)
        self._find = QPushButton()
        self._find.setObjectName("FindButton")
        self._find.setProperty("role", "primary")
        self._register = QPushButton()
        self._register.setObjectName("RegisterButton")
        self._register.hide()
        self._unknown_phone: str | None = None

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._input, 1)
        row.addWidget(self._find)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self._register)

        self._input.returnPressed.connect(self._submit)
        self._find.clicked.connect(self._submit)
        self._register.clicked.connect(self._on_register)
        self._retranslate()

    # -- public API ---------------------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        """While a search runs: disable the field and the button, show "Searching…"."""
        if busy == self._busy:
            return
        self._busy = busy
        self._input.setEnabled(not busy)
        self._find.setEnabled(not busy)
        self._retranslate()

    def is_busy(self) -> bool:
        """Whether a search is running (set by `set_busy`)."""
        return self._busy

    def clear(self) -> None:
        """Empty the field, ready for the next customer."""
        self._input.clear()

    def focus_input(self) -> None:
        """Put the cursor into the field with its text selected, so typing replaces it."""
        from PySide6.QtCore import Qt  # here: the namespace's enumerations wait for the first paint

        self._input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._input.selectAll()

    def text(self) -> str:
        """The text currently in the field."""
        return self._input.text()

    def offer_registration(self, phone: str | None) -> None:
        """Offer to register *phone* (E.164) that no member has, or take the offer away (None)."""
        if phone == self._unknown_phone:
            return
        self._unknown_phone = phone
        self._register.setVisible(phone is not None)

    def registration_offered(self) -> str | None:
        """The phone Register is offered for, if it is."""
        return self._unknown_phone

    # -- internals ----------------------------------------------------------------------------

    def _submit(self) -> None:
        text = self._input.text()
        if self._busy or not text.strip():
            return
        self.identify_requested.emit(text)

    def _on_register(self) -> None:
        if self._unknown_phone is not None:
            self.register_requested.emit(self._unknown_phone)

    def _retranslate(self) -> None:
        self._input.setPlaceholderText(self.tr("Phone, card or code"))
        self._input.setAccessibleName(self.tr("Phone, card or code"))
        self._find.setText(self.tr("Searching…") if self._busy else self.tr("Find"))
        self._find.setToolTip(self.tr("Find the customer (F2 puts the cursor here)"))
        self._register.setText(self.tr("Register"))
        self._register.setToolTip(self.tr("Register the customer in the loyalty program with this phone"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
