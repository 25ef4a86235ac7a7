"""One-time code entry: shown when redeeming needs the customer's confirmation."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

CODE_MIN_LENGTH = 4
CODE_MAX_LENGTH = 8


class ConfirmationPanel(QFrame):
    """Asks the cashier to type the code the customer received; hidden until `ask`.

    Only digits can be typed; Confirm (or Enter) works with 4–8 digits and emits `code_entered`
    once per typed code (pressing Enter again does not resend it until the code is edited or
    `show_error` is called). Cancel emits `cancelled` and hides the panel. Calling `ask` again
    with the same arguments while the panel is open keeps what the cashier has typed, so the
    application may re-render its state freely.
    """

    code_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConfirmationPanel")
        self._asked: tuple[str, int] | None = None
        self._sent_code: str | None = None

        self._prompt = QLabel()
        self._prompt.setObjectName("ConfirmationPrompt")
        self._prompt.setProperty("role", "section")
        self._prompt.setWordWrap(True)
        self._code = QLineEdit()
        self._code.setObjectName("ConfirmationCodeInput")
        self._code.setMaxLength(CODE_MAX_LENGTH)
        self._code.setValidator(
            QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{CODE_MAX_LENGTH}}}"), self._code)
        )
        self._code.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self._code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._confirm = QPushButton()
        self._confirm.setObjectName("ConfirmCodeButton")
        self._confirm.setProperty("role", "primary")
        self._cancel = QPushButton()
        self._cancel.setObjectName("CancelCodeButton")
        self._error = QLabel()
        self._error.setObjectName("ConfirmationError")
        self._error.setProperty("role", "error-text")
        self._error.setWordWrap(True)

        self._compact = False
        self._layout = QGridLayout(self)
        self._layout.setHorizontalSpacing(8)
        self._arrange()

        self._code.textChanged.connect(self._on_text_changed)
        self._code.returnPressed.connect(self._submit)
        self._confirm.clicked.connect(self._submit)
        self._cancel.clicked.connect(self._on_cancel)
        self._retranslate()
        self._error.hide()
        self._update_buttons()
        self.hide()

    # -- public API ---------------------------------------------------------------------------

    def ask(self, sent_to: str, expires_in_seconds: int) -> None:
        """Show the panel for a code sent to *sent_to* (masked phone), valid for the given time."""
        asked = (sent_to, expires_in_seconds)
        if asked == self._asked and self.isVisibleTo(self.parentWidget() or self):
            return
        self._asked = asked
        self._sent_code = None
        self._code.clear()
        self._error.hide()
        self._render_prompt()
        self.show()
        self._code.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, text: str) -> None:
        """Show why the code was not accepted and let the cashier type it again."""
        self._sent_code = None
        self._update_buttons()
        self._error.setText(text)
        self._error.show()
        self._code.setFocus(Qt.FocusReason.OtherFocusReason)
        self._code.selectAll()

    def hide_panel(self) -> None:
        """Hide the panel and forget the code (confirmed, cancelled or no longer needed)."""
        self._asked = None
        self._sent_code = None
        self._code.clear()
        self._error.hide()
        self.hide()

    def is_asking(self) -> bool:
        """Whether the panel currently waits for a code."""
        return self._asked is not None

    def cancel(self) -> None:
        """Cancel as the Cancel button does (used by the Esc key)."""
        self._on_cancel()

    def set_compact(self, compact: bool) -> None:
        """Narrow arrangement: Confirm and Cancel on a row of their own under the code."""
        if compact != self._compact:
            self._compact = compact
            self._arrange()

    def code(self) -> str:
        """The digits typed so far."""
        return self._code.text()

    # -- internals ----------------------------------------------------------------------------

    def _arrange(self) -> None:
        layout = self._layout
        for widget in (self._prompt, self._code, self._confirm, self._cancel, self._error):
            layout.removeWidget(widget)
        layout.addWidget(self._prompt, 0, 0, 1, 3)
        if self._compact:
            layout.addWidget(self._code, 1, 0, 1, 3)
            layout.addWidget(self._confirm, 2, 0, 1, 2)
            layout.addWidget(self._cancel, 2, 2)
            layout.addWidget(self._error, 3, 0, 1, 3)
        else:
            layout.addWidget(self._code, 1, 0)
            layout.addWidget(self._confirm, 1, 1)
            layout.addWidget(self._cancel, 1, 2)
            layout.addWidget(self._error, 2, 0, 1, 3)
        layout.setColumnStretch(0, 1)

    def _code_complete(self) -> bool:
        return CODE_MIN_LENGTH <= len(self._code.text()) <= CODE_MAX_LENGTH

    def _on_text_changed(self) -> None:
        self._sent_code = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        self._confirm.setEnabled(self._code_complete() and self._sent_code != self._code.text())

    def _submit(self) -> None:
        code = self._code.text()
        if not self._code_complete() or code == self._sent_code:
            return
        self._error.hide()
        self._sent_code = code
        self._update_buttons()
        self.code_entered.emit(code)

    def _on_cancel(self) -> None:
        self.hide_panel()
        self.cancelled.emit()

    def _render_prompt(self) -> None:
        if self._asked is None:
            self._prompt.clear()
            return
        sent_to, seconds = self._asked
        minutes = max(1, -(-seconds // 60))
        self._prompt.setText(
            self.tr("Code sent to {phone}, valid {minutes} min").format(phone=sent_to, minutes=minutes)
        )

    def _retranslate(self) -> None:
        self._code.setPlaceholderText(self.tr("Code"))
        self._code.setAccessibleName(self.tr("Confirmation code"))
        self._confirm.setText(self.tr("Confirm"))
        self._cancel.setText(self.tr("Cancel"))
        self._cancel.setToolTip(self.tr("Stop waiting for the code (Esc)"))
        self._render_prompt()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
