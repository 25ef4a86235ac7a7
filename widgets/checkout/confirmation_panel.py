"""One-time code entry: shown when redeeming (or registering) needs a code from the customer's phone."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from widgets.made_when_needed import MadeWhenNeeded
from widgets.unbroken_label import UnbrokenLabel
from widgets.checkout.narrow_margins import fit_margins
from widgets.enum_properties import set_enum_property

CODE_MIN_LENGTH = 4
CODE_MAX_LENGTH = 8
#: Seconds before "Send again" may be pressed after a code was sent (SMS take a while to arrive).
RESEND_AFTER_SECONDS = 30


class ConfirmationPanel(QFrame):
    """Asks the cashier to type the code the customer received; hidden until `ask`.

    Only digits can be typed; Confirm (or Enter) works with 4–8 digits and emits `code_entered`
    once per typed code (pressing Enter again does not resend it until the code is edited or
    `show_error` is called). Cancel emits `cancelled` and hides the panel. Calling `ask` again
    with the same arguments while the panel is open keeps what the cashier has typed, so the
    application may re-render its state freely.

    "Send again" (object name ResendCodeButton) is disabled for `resend_delay()` seconds after
    each code is sent, counting down on its label; pressed, it emits `resend_requested` and
    counts down again. A new code (`ask` with a higher `sent_count`) restarts the countdown.
    `set_purpose("register")` labels Confirm as Register and says cancelling saves nothing;
    for a redemption it says nothing will be spent. Its field and buttons are made when it is
    first asked: it is hidden at the window's first paint.
    """

    code_entered = Signal(str)
    cancelled = Signal()
    resend_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConfirmationPanel")
        self._asked: tuple[str, int, int] | None = None
        self._sent_code: str | None = None
        self._purpose = "redeem"
        self._cancel_note_shown = True
        self._resend_delay = RESEND_AFTER_SECONDS
        self._resend_wait = 0  # seconds until "Send again" may be pressed
        self._tick = QTimer(self)
        self._tick.setObjectName("ResendCountdown")
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        self._compact = False
        self._entry = MadeWhenNeeded(self._make_entry)
        self.hide()

    def _make_entry(self) -> None:
        """The prompt, field, buttons and notes, in the current arrangement and language."""
        # Imported here, as the entry is made: their types' enumerations are built when first bound.
        from PySide6.QtCore import QRegularExpression
        from PySide6.QtGui import QRegularExpressionValidator

        self._prompt = UnbrokenLabel()
        self._prompt.setObjectName("ConfirmationPrompt")
        self._prompt.setProperty("role", "section")
        self._code = QLineEdit()
        self._code.setObjectName("ConfirmationCodeInput")
        self._code.setMaxLength(CODE_MAX_LENGTH)
        self._code.setValidator(
            QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{CODE_MAX_LENGTH}}}"), self._code)
        )
        set_enum_property(self._code, "inputMethodHints", "ImhDigitsOnly")
        set_enum_property(self._code, "alignment", "AlignCenter")
        self._confirm = QPushButton()
        self._confirm.setObjectName("ConfirmCodeButton")
        self._confirm.setProperty("role", "primary")
        self._cancel = QPushButton()
        self._cancel.setObjectName("CancelCodeButton")
        self._resend = QPushButton()
        self._resend.setObjectName("ResendCodeButton")
        self._cancel_note = QLabel()
        self._cancel_note.setObjectName("ConfirmationCancelNote")
        self._cancel_note.setProperty("role", "hint")
        self._cancel_note.setWordWrap(True)
        self._error = QLabel()
        self._error.setObjectName("ConfirmationError")
        self._error.setProperty("role", "error-text")
        self._error.setWordWrap(True)

        self._layout = QGridLayout(self)
        self._layout.setHorizontalSpacing(8)
        self._layout.setVerticalSpacing(6)
        self._arrange()
        if self._compact:
            fit_margins(self._layout, True)

        self._code.textChanged.connect(self._on_text_changed)
        self._code.returnPressed.connect(self._submit)
        self._confirm.clicked.connect(self._submit)
        self._cancel.clicked.connect(self._on_cancel)
        self._resend.clicked.connect(self._on_resend)
        self._retranslate()
        self._error.hide()
        self._update_buttons()

    # -- public API ---------------------------------------------------------------------------

    def ask(self, sent_to: str, expires_in_seconds: int, sent_count: int = 1) -> None:
        """Show the panel for a code sent to *sent_to* (masked phone), valid for the given time;
        *sent_count* counts the codes sent so far (a new one clears the field and the error)."""
        asked = (sent_to, expires_in_seconds, sent_count)
        if asked == self._asked and self.isVisibleTo(self.parentWidget() or self):
            return
        self._entry.part()
        self._asked = asked
        self._sent_code = None
        self._code.clear()
        self._error.hide()
        self._render_prompt()
        self._start_countdown()
        self.show()
        self._code.setFocus()  # OtherFocusReason

    def set_resend_delay(self, seconds: int) -> None:
        """Wait *seconds* before "Send again" may be pressed (from the next code sent)."""
        self._resend_delay = max(0, int(seconds))

    def resend_delay(self) -> int:
        """Seconds "Send again" stays disabled after a code is sent."""
        return self._resend_delay

    def resend_wait(self) -> int:
        """Seconds left before "Send again" may be pressed (0: it may be now)."""
        return self._resend_wait

    def set_cancel_note_shown(self, shown: bool) -> None:
        """Whether a registration's code entry says under its buttons what Cancel does."""
        self._cancel_note_shown = shown
        if self._entry.is_made():
            self._retranslate()

    def set_purpose(self, purpose: str) -> None:
        """"redeem" (Confirm; cancelling spends nothing) or "register" (Register; cancelling saves nothing)."""
        self._purpose = purpose
        if self._entry.is_made():
            self._retranslate()

    def show_error(self, text: str) -> None:
        """Show why the code was not accepted and let the cashier type it again."""
        self._entry.part()
        self._sent_code = None
        self._update_buttons()
        self._error.setText(text)
        self._error.show()
        self._code.setFocus()  # OtherFocusReason
        self._code.selectAll()

    def hide_panel(self) -> None:
        """Hide the panel and forget the code (confirmed, cancelled or no longer needed)."""
        made = self._entry.is_made()
        if self._asked is None and self.isHidden() and (not made or not self._code.text()):
            return  # already put away: the checkout hides it with every state
        self._asked = None
        self._sent_code = None
        if made:
            self._code.clear()
            self._error.hide()
        self._tick.stop()
        self._resend_wait = 0
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
            if self._entry.is_made():
                self._arrange()
                fit_margins(self._layout, compact)

    def code(self) -> str:
        """The digits typed so far."""
        return self._code.text() if self._entry.is_made() else ""

    def error_text(self) -> str:
        """Why the last code was not accepted ("" when no error is shown)."""
        return "" if not self._entry.is_made() or self._error.isHidden() else self._error.text()

    # -- internals ----------------------------------------------------------------------------

    def _arrange(self) -> None:
        layout = self._layout
        parts = (self._prompt, self._code, self._confirm, self._cancel, self._resend, self._cancel_note, self._error)
        for widget in parts:
            layout.removeWidget(widget)
        layout.addWidget(self._prompt, 0, 0, 1, 3)
        if self._compact:
            layout.addWidget(self._code, 1, 0, 1, 3)
            layout.addWidget(self._confirm, 2, 0, 1, 2)
            layout.addWidget(self._cancel, 2, 2)
            layout.addWidget(self._resend, 3, 0, 1, 3)
            layout.addWidget(self._error, 4, 0, 1, 3)
            layout.addWidget(self._cancel_note, 5, 0, 1, 3)
        else:
            layout.addWidget(self._code, 1, 0)
            layout.addWidget(self._confirm, 1, 1)
            layout.addWidget(self._cancel, 1, 2)
            layout.addWidget(self._resend, 2, 0)
            layout.addWidget(self._error, 3, 0, 1, 3)
            layout.addWidget(self._cancel_note, 4, 0, 1, 3)
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

    def _on_resend(self) -> None:
        if self._resend_wait > 0:
            return
        self._start_countdown()
        self.resend_requested.emit()

    def _start_countdown(self) -> None:
        self._resend_wait = self._resend_delay
        if self._resend_wait > 0:
            self._tick.start()
        else:
            self._tick.stop()
        self._render_resend()

    def _count_down(self) -> None:
        self._resend_wait = max(0, self._resend_wait - 1)
        if self._resend_wait == 0:
            self._tick.stop()
        self._render_resend()

    def _render_resend(self) -> None:
        if self._resend_wait > 0:
            self._resend.setText(self.tr("Send again in %n s", "", self._resend_wait))
        else:
            self._resend.setText(self.tr("Send again"))
        self._resend.setEnabled(self._resend_wait == 0)

    def _render_prompt(self) -> None:
        if self._asked is None:
            self._prompt.set_text("")
            return
        sent_to, seconds, _count = self._asked
        minutes = max(1, -(-seconds // 60))
        # The masked phone stays whole on its line: "+375 29 ***-" above "**-67" misreads as two numbers.
        self._prompt.set_text(
            self.tr("Code sent to {phone}, valid {minutes} min").format(phone=sent_to, minutes=minutes), sent_to
        )

    def _retranslate(self) -> None:
        self._code.setPlaceholderText(self.tr("Code"))
        self._code.setAccessibleName(self.tr("Confirmation code"))
        self._confirm.setText(self.tr("Confirm"))
        self._cancel.setText(self.tr("Cancel"))
        self._resend.setToolTip(self.tr("Send the customer a new code; then type the newest one"))
        # A redemption's cancelling is told in the panel's message once done (room is short there).
        self._cancel_note.setVisible(self._purpose == "register" and self._cancel_note_shown)
        if self._purpose == "register":
            self._confirm.setText(self.tr("Register"))
            self._cancel.setToolTip(self.tr("Stop the registration (Esc)"))
            self._cancel_note.setText(self.tr("Cancel: the customer is not registered and nothing is saved."))
        else:
            self._cancel.setToolTip(self.tr("Stop waiting for the code: no bonuses will be spent (Esc)"))
        self._render_prompt()
        self._render_resend()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange and self._entry.is_made():
            self._retranslate()
        super().changeEvent(event)
