"""The admin PIN prompt: enter the PIN, or choose a new one (typed twice)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# The PIN rule of app.admin.pin (not imported: widgets stay free of the hashing and the database).
PIN_MIN_LENGTH = 6
PIN_MAX_LENGTH = 12
ENTER_MIN_LENGTH = 4  # a PIN set by an older version may be this short and still opens
ENTER = "enter"
CREATE = "create"
_MODES = (ENTER, CREATE)


def _pin_field(name: str, parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(PIN_MAX_LENGTH)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_MAX_LENGTH}}}"), field))
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    )
    field.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return field


def _complete(text: str, minimum: int = PIN_MIN_LENGTH) -> bool:
    return minimum <= len(text) <= PIN_MAX_LENGTH


class PinDialog(QDialog):
    """Collects the admin PIN; it never checks it (the application does, with app.admin.pin).

    Mode "enter": one masked, digits-only field, 4 to 12 digits (a PIN set by an older version
    may be shorter than a new one); OK emits `pin_entered(pin)`.
    Mode "create": new PIN and its repetition, 6–12 digits, both the same; OK emits
    `pin_created(pin)` (a mismatch is shown in the dialog and nothing is emitted). `renew` is
    the same, asking to replace a PIN that is too short; its Cancel says "Later".
    After emitting, the fields are locked until the application answers with `accept_pin()`
    (right PIN: the dialog closes), `show_error(text)` (fields cleared, typing again) or
    `show_wait(seconds)` (input off, a countdown, then typing again). Cancel or Esc closes it.
    Object names: PinPrompt, PinInput, PinNewInput, PinRepeatInput, PinError, PinWait,
    PinOkButton, PinCancelButton.
    """

    pin_entered = Signal(str)
    pin_created = Signal(str)

    def __init__(self, parent: QWidget | None = None, mode: str = ENTER, title: str = "") -> None:
        super().__init__(parent)
        if mode not in _MODES:
            raise ValueError(f"unknown PIN dialog mode {mode!r}")
        self.setObjectName("PinDialog")
        self.setModal(True)
        self._mode = mode
        self._title = title
        self._request = ""  # what the PIN approves, when it approves something (see `approve`)
        self._renewing = False  # asks to replace a PIN shorter than the rule (see `renew`)
        self._busy = False
        self._seconds_left = 0

        self._prompt = QLabel()
        self._prompt.setObjectName("PinPrompt")
        self._prompt.setProperty("role", "section")
        self._prompt.setWordWrap(True)
        self._pin = _pin_field("PinInput", self)
        self._new = _pin_field("PinNewInput", self)
        self._repeat = _pin_field("PinRepeatInput", self)
        self._new_caption = QLabel(self)
        self._new_caption.setBuddy(self._new)
        self._repeat_caption = QLabel(self)
        self._repeat_caption.setBuddy(self._repeat)
        self._hint = QLabel()
        self._hint.setObjectName("PinHint")
        self._hint.setProperty("role", "hint")
        self._hint.setWordWrap(True)
        self._error = QLabel()
        self._error.setObjectName("PinError")
        self._error.setProperty("role", "error-text")
        self._error.setWordWrap(True)
        self._wait = QLabel()
        self._wait.setObjectName("PinWait")
        self._wait.setProperty("role", "warning-text")
        self._wait.setWordWrap(True)
        self._ok = QPushButton()
        self._ok.setObjectName("PinOkButton")
        self._ok.setProperty("role", "primary")
        self._ok.setDefault(True)
        self._cancel = QPushButton()
        self._cancel.setObjectName("PinCancelButton")
        self._cancel.setAutoDefault(False)
        self._timer = QTimer(self)
        self._timer.setObjectName("PinWaitTimer")
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

        fields = QGridLayout()
        fields.setHorizontalSpacing(12)
        if mode == ENTER:
            fields.addWidget(self._pin, 0, 0, 1, 2)
            for widget in (self._new, self._repeat, self._new_caption, self._repeat_caption):
                widget.hide()
        else:
            fields.addWidget(self._new_caption, 0, 0)
            fields.addWidget(self._new, 0, 1)
            fields.addWidget(self._repeat_caption, 1, 0)
            fields.addWidget(self._repeat, 1, 1)
            self._pin.hide()
            self._new.returnPressed.connect(self._repeat.setFocus)
        fields.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._ok)
        buttons.addWidget(self._cancel)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self._prompt)
        layout.addLayout(fields)
        layout.addWidget(self._hint)
        layout.addWidget(self._error)
        layout.addWidget(self._wait)
        layout.addLayout(buttons)

        for field in self._fields():
            field.textChanged.connect(self._on_text_changed)
        self._ok.clicked.connect(self._submit)
        self._cancel.clicked.connect(self.reject)
        self._error.hide()
        self._wait.hide()
        self._retranslate()
        self._update_state()
        self.setMinimumWidth(460)
        self._fields()[0].setFocus(Qt.FocusReason.OtherFocusReason)

    @classmethod
    def enter(cls, parent: QWidget | None, title: str) -> "PinDialog":
        """A dialog asking for the admin PIN; *title* says what it opens (e.g. "Devices")."""
        return cls(parent, ENTER, title)

    @classmethod
    def approve(cls, parent: QWidget | None, request: str) -> "PinDialog":
        """A dialog in which the admin approves, with the PIN, what *request* says (already translated)."""
        dialog = cls(parent, ENTER)
        dialog._request = request
        dialog._retranslate()
        return dialog

    @classmethod
    def create(cls, parent: QWidget | None) -> "PinDialog":  # type: ignore[override]
        """A dialog to choose the first admin PIN (or a new one).

        Note: this shadows QWidget.create (native window creation), which the till never calls.
        """
        return cls(parent, CREATE)

    @classmethod
    def renew(cls, parent: QWidget | None) -> "PinDialog":
        """A dialog asking the admin to replace a PIN shorter than a new one may be (or to do it later)."""
        dialog = cls(parent, CREATE)
        dialog._renewing = True
        dialog._retranslate()
        return dialog

    # -- public API ---------------------------------------------------------------------------

    def mode(self) -> str:
        """ "enter" or "create"."""
        return self._mode

    def show_error(self, text: str) -> None:
        """Say why the PIN was not accepted; clear the fields and let the admin type again."""
        self._stop_wait()
        self._busy = False
        for field in self._fields():
            field.clear()
        self._error.setText(text)
        self._error.show()
        self._update_state()
        self._fields()[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def show_wait(self, seconds: int) -> None:
        """Refuse input for *seconds*, counting down on screen, then let the admin type again."""
        self._busy = False
        for field in self._fields():
            field.clear()
        self._seconds_left = max(0, int(seconds))
        if self._seconds_left == 0:
            self._stop_wait()
            return
        self._render_wait()
        self._wait.show()
        self._timer.start()
        self._update_state()

    def accept_pin(self) -> None:
        """The application accepted the PIN: close the dialog with Accepted."""
        self._stop_wait()
        self._busy = False
        self.accept()

    def is_waiting(self) -> bool:
        """Whether the countdown of `show_wait` is running."""
        return self._timer.isActive()

    def seconds_left(self) -> int:
        """Seconds left on the countdown (0 when not waiting)."""
        return self._seconds_left if self.is_waiting() else 0

    def set_tick_interval_ms(self, milliseconds: int) -> None:
        """How long one countdown second lasts (1000; shorter in tests)."""
        self._timer.setInterval(milliseconds)

    # -- internals ----------------------------------------------------------------------------

    def _fields(self) -> list[QLineEdit]:
        return [self._pin] if self._mode == ENTER else [self._new, self._repeat]

    def _on_text_changed(self) -> None:
        if not self._error.isHidden() and any(field.text() for field in self._fields()):
            self._error.hide()
        self._update_state()

    def _update_state(self) -> None:
        locked = self._busy or self.is_waiting()
        for field in self._fields():
            field.setEnabled(not locked)
        if self._mode == ENTER:
            ready = _complete(self._pin.text(), ENTER_MIN_LENGTH)
        else:
            ready = _complete(self._new.text()) and _complete(self._repeat.text())
        self._ok.setEnabled(ready and not locked)

    def _submit(self) -> None:
        if not self._ok.isEnabled():
            return
        if self._mode == ENTER:
            pin = self._pin.text()
            self._busy = True
            self._update_state()
            self.pin_entered.emit(pin)
            return
        new, repeat = self._new.text(), self._repeat.text()
        if new != repeat:
            self._repeat.clear()
            self._error.setText(self.tr("The two PINs are different. Type the new PIN again."))
            self._error.show()
            self._repeat.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._busy = True
        self._update_state()
        self.pin_created.emit(new)

    def _tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._stop_wait()
            self._fields()[0].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._render_wait()

    def _stop_wait(self) -> None:
        self._timer.stop()
        self._seconds_left = 0
        self._wait.hide()
        self._update_state()

    def _render_wait(self) -> None:
        self._wait.setText(
            self.tr("Too many wrong attempts. Try again in {seconds} s.").format(seconds=self._seconds_left)
        )

    def _retranslate(self) -> None:
        if self._mode == ENTER and self._request:
            self.setWindowTitle(self.tr("Approval"))
            self._prompt.setText(self._request + "\n" + self.tr("The admin approves it with the PIN."))
            self._hint.setText(self.tr("Digits only"))
            self._ok.setText(self.tr("Approve"))
        elif self._mode == ENTER:
            self.setWindowTitle(self._title or self.tr("Admin PIN"))
            self._prompt.setText(self.tr("Enter the admin PIN"))
            self._hint.setText(self.tr("Digits only"))
            self._ok.setText(self.tr("Open"))
        elif self._renewing:
            self.setWindowTitle(self.tr("New admin PIN"))
            self._prompt.setText(self.tr("The admin PIN is too short now. Choose a new one: 6 to 12 digits"))
            self._hint.setText(self.tr("The PIN protects the device settings and the sending queue."))
            self._ok.setText(self.tr("Save PIN"))
        else:
            self.setWindowTitle(self._title or self.tr("New admin PIN"))
            self._prompt.setText(self.tr("Choose the admin PIN: 6 to 12 digits"))
            self._hint.setText(self.tr("The PIN protects the device settings and the sending queue."))
            self._ok.setText(self.tr("Save PIN"))
        self._pin.setAccessibleName(self.tr("Admin PIN"))
        self._new_caption.setText(self.tr("New PIN"))
        self._repeat_caption.setText(self.tr("Repeat"))
        self._new.setAccessibleName(self.tr("New PIN"))
        self._repeat.setAccessibleName(self.tr("Repeat the new PIN"))
        self._cancel.setText(self.tr("Later") if self._renewing else self.tr("Cancel"))
        if self.is_waiting():
            self._render_wait()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
