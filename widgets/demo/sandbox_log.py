"""The demo's window into the sandbox service: what it "sent", with the last code made big."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from widgets.elided_label import ElidedLabel

MAX_LINES = 500


class SandboxLog(QFrame):
    """A read-only log of the sandbox service's messages; `show_code` puts the last code up front."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SandboxLog")
        self._last_code: tuple[str, str] | None = None

        self._title = ElidedLabel()  # one line in the narrow column: the log keeps its lines
        self._title.setObjectName("SandboxTitle")
        self._title.setProperty("role", "section")
        self._code = QLabel()
        self._code.setObjectName("SandboxCode")
        self._code.setProperty("role", "code")
        self._code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._code_to = QLabel()
        self._code_to.setObjectName("SandboxCodeRecipient")
        self._code_to.setProperty("role", "muted")
        self._code_to.setWordWrap(True)
        self._log = QPlainTextEdit()
        self._log.setObjectName("SandboxLines")
        self._log.setReadOnly(True)
        self._log.setMaximumBlockCount(MAX_LINES)
        self._log.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

        code_row = QHBoxLayout()
        code_row.setSpacing(12)
        code_row.addWidget(self._code)
        code_row.addWidget(self._code_to, 1, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addWidget(self._title)
        layout.addLayout(code_row)
        layout.addWidget(self._log, 1)
        self._retranslate()

    def append_line(self, text: str) -> None:
        """Add one line at the bottom and keep it in view."""
        self._log.appendPlainText(text)
        self._log.moveCursor(QTextCursor.MoveOperation.End)
        self._log.ensureCursorVisible()

    def show_code(self, code: str, to: str) -> None:
        """Show a one-time code in large digits with its (masked) recipient, and log it."""
        self._last_code = (code, to)
        self._render_code()
        self.append_line(self.tr("Code {code} sent to {to}").format(code=code, to=to))

    def last_code(self) -> str:
        """The last code shown ("" before any)."""
        return self._last_code[0] if self._last_code else ""

    def lines(self) -> list[str]:
        """The logged lines, oldest first."""
        text = self._log.toPlainText()
        return text.split("\n") if text else []

    def _render_code(self) -> None:
        if self._last_code is None:
            self._code.clear()
            self._code.hide()
            self._code_to.setText(self.tr("No code sent yet"))
            return
        code, to = self._last_code
        self._code.setText(code)
        self._code.show()
        self._code_to.setText(self.tr("sent to {to}").format(to=to))

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Sandbox service: what the customer receives"))
        self._log.setAccessibleName(self.tr("Sandbox service log"))
        self._render_code()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
