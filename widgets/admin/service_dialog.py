"""Admin > Service: the loyalty service's address, its API key (write-only) and a connection check."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.style import repolish

KEY_STORED = "stored"
KEY_NONE = "none"
KEY_FROM_ENVIRONMENT = "environment"


class ServiceDialog(QDialog):
    """The endpoint, the API key and "Check connection"; owns no I/O.

    The stored key is never shown nor read back: the key field starts empty and only takes a new
    key (masked). "Check connection" emits `check_requested(endpoint, typed_key)` (an empty key:
    the stored one), "Save" `save_requested(endpoint, typed_key)` (an empty key: keep the stored
    one), "Remove key" `remove_key_requested()`; the application answers with `show_check_result`,
    `show_saved`, `show_key_state` or `show_error`, and gives the hint (`set_hint`). Object names: ServiceEndpointInput,
    ServiceKeyState, ServiceKeyInput, ServiceRemoveKeyButton, ServiceCheckButton,
    ServiceCheckResult, ServiceHint, ServiceSaveButton, ServiceCloseButton.
    """

    check_requested = Signal(str, str)
    save_requested = Signal(str, str)
    remove_key_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ServiceDialog")
        self.setModal(True)
        self._key_state = KEY_NONE
        self._result_ok: bool | None = None
        self._endpoint = QLineEdit()
        self._endpoint.setObjectName("ServiceEndpointInput")
        self._endpoint.setMinimumWidth(self._endpoint.fontMetrics().horizontalAdvance("x" * 52))
        self._key_state_label = QLabel()
        self._key_state_label.setObjectName("ServiceKeyState")
        self._key_state_label.setWordWrap(True)
        self._key = QLineEdit()
        self._key.setObjectName("ServiceKeyInput")
        self._key.setEchoMode(QLineEdit.EchoMode.Password)
        self._remove_key = QPushButton()
        self._remove_key.setObjectName("ServiceRemoveKeyButton")
        self._remove_key.setAutoDefault(False)
        self._hint = QLabel()
        self._hint.setObjectName("ServiceHint")
        self._hint.setProperty("role", "hint")
        self._hint.setWordWrap(True)
        self._check = QPushButton()
        self._check.setObjectName("ServiceCheckButton")
        self._check.setAutoDefault(False)
        self._result = QLabel()
        self._result.setObjectName("ServiceCheckResult")
        self._result.setWordWrap(True)
        self._save = QPushButton()
        self._save.setObjectName("ServiceSaveButton")
        self._save.setProperty("role", "primary")
        self._save.setDefault(True)
        self._close = QPushButton()
        self._close.setObjectName("ServiceCloseButton")
        self._close.setAutoDefault(False)

        key_row = QHBoxLayout()
        key_row.addWidget(self._key, 1)
        key_row.addWidget(self._remove_key)
        self._labels = (QLabel(), QLabel(), QLabel())
        form = QFormLayout()
        form.addRow(self._labels[0], self._endpoint)
        form.addRow(self._labels[1], self._key_state_label)
        form.addRow(self._labels[2], key_row)
        check_row = QHBoxLayout()
        check_row.addWidget(self._check)
        check_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._save)
        buttons.addWidget(self._close)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self._hint)
        layout.addLayout(check_row)
        layout.addWidget(self._result)
        layout.addLayout(buttons)

        self._check.clicked.connect(self._check_clicked)
        self._save.clicked.connect(self._save_clicked)
        self._remove_key.clicked.connect(self._remove_clicked)
        self._close.clicked.connect(self.reject)
        self._retranslate()

    # -- public API ---------------------------------------------------------------------------

    def set_endpoint(self, endpoint: str) -> None:
        """Show the endpoint in force."""
        self._endpoint.setText(endpoint)

    def set_hint(self, text: str) -> None:
        """The line under the fields saying what the address and key look like and when they apply."""
        self._hint.setText(text)

    def endpoint(self) -> str:
        """The endpoint as typed."""
        return self._endpoint.text().strip()

    def show_key_state(self, state: str) -> None:
        """Whether a key is stored ("stored"), none ("none"), or one comes from the environment."""
        self._key_state = state
        self._remove_key.setEnabled(state == KEY_STORED)
        self._render_key_state()

    def key_state(self) -> str:
        """The key's state as last shown."""
        return self._key_state

    def set_checking(self, checking: bool) -> None:
        """A check is under way (the buttons wait for it) or over."""
        self._check.setEnabled(not checking)
        self._save.setEnabled(not checking)
        if checking:
            self._show_result(None, self.tr("Checking…"))

    def show_check_result(self, ok: bool, text: str) -> None:
        """What the check found (ok) or what is wrong."""
        self.set_checking(False)
        self._show_result(ok, text)

    def check_ok(self) -> bool | None:
        """The last check's outcome shown (None: none shown)."""
        return self._result_ok

    def result_text(self) -> str:
        """The result line as shown."""
        return self._result.text()

    def show_saved(self, text: str) -> None:
        """Saved: the key field empties (the key is never kept in the dialog)."""
        self._key.clear()
        self._save.setEnabled(True)
        self._show_result(True, text)

    def show_error(self, text: str) -> None:
        """Something could not be done: say why, keep the dialog open."""
        self._check.setEnabled(True)
        self._save.setEnabled(True)
        self._show_result(False, text)

    # -- internals ----------------------------------------------------------------------------

    def _check_clicked(self) -> None:
        self.set_checking(True)
        self.check_requested.emit(self.endpoint(), self._key.text().strip())

    def _save_clicked(self) -> None:
        self._save.setEnabled(False)
        self.save_requested.emit(self.endpoint(), self._key.text().strip())

    def _remove_clicked(self) -> None:
        self._remove_key.setEnabled(False)
        self.remove_key_requested.emit()

    def _show_result(self, ok: bool | None, text: str) -> None:
        self._result_ok = ok
        self._result.setText(text)
        self._result.setProperty("role", "error" if ok is False else "")
        repolish(self._result)

    def _render_key_state(self) -> None:
        texts = {
            KEY_STORED: self.tr("A key is stored on this till (hidden)."),
            KEY_NONE: self.tr("No key stored."),
            KEY_FROM_ENVIRONMENT: self.tr("The key is given by the environment (TILL_LOYALTY_API_KEY)."),
        }
        self._key_state_label.setText(texts.get(self._key_state, ""))

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Loyalty service"))
        for label, text in zip(self._labels, (self.tr("Address"), self.tr("API key"), self.tr("New key"))):
            label.setText(text)
        self._endpoint.setPlaceholderText("retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE")
        self._key.setPlaceholderText(self.tr("Type a key to store it; empty keeps the stored one"))
        self._remove_key.setText(self.tr("Remove key"))
        self._check.setText(self.tr("Check connection"))
        self._save.setText(self.tr("Save"))
        self._close.setText(self.tr("Close"))
        self._render_key_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
