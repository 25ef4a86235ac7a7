"""Admin > Integration: where the POS reaches the till's host API, whether it serves, and its token."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.style import repolish


class IntegrationDialog(QDialog):
    """Shows the host API's address and state, and its token hidden until "Show" is pressed.

    Owns no I/O: "Show" and "Copy" emit `token_requested()` the first time (the application reads
    the token off the GUI thread and gives it with `set_token`, or `show_token_error`); "Copy"
    then puts it on the clipboard. Object names: ApiAddress, ApiState, ApiToken, ShowTokenButton,
    CopyTokenButton, TokenNote.
    """

    token_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IntegrationDialog")
        self._token: str | None = None
        self._asked = False
        self._copy_when_known = False
        self._state: tuple[bool, str, str, bool] = (False, "", "", False)

        self._address = QLabel()
        self._address.setObjectName("ApiAddress")
        self._address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._api_state = QLabel()
        self._api_state.setObjectName("ApiState")
        self._api_state.setWordWrap(True)
        self._token_field = QLineEdit()
        self._token_field.setObjectName("ApiToken")
        self._token_field.setReadOnly(True)
        self._token_field.setEchoMode(QLineEdit.EchoMode.Password)
        # Room for most of the 64 hex digits: the admin reads it against the POS's settings.
        self._token_field.setMinimumWidth(self._token_field.fontMetrics().horizontalAdvance("0" * 40))
        self._show = QPushButton()
        self._show.setObjectName("ShowTokenButton")
        self._show.setCheckable(True)
        self._copy = QPushButton()
        self._copy.setObjectName("CopyTokenButton")
        self._note = QLabel()
        self._note.setObjectName("TokenNote")
        self._note.setWordWrap(True)
        self._show.toggled.connect(self._show_toggled)
        self._copy.clicked.connect(self._copy_clicked)

        token_row = QHBoxLayout()
        token_row.addWidget(self._token_field, 1)
        token_row.addWidget(self._show)
        token_row.addWidget(self._copy)
        self._labels = (QLabel(), QLabel(), QLabel())
        self._form = QFormLayout()
        self._form.addRow(self._labels[0], self._address)
        self._form.addRow(self._labels[1], self._api_state)
        self._form.addRow(self._labels[2], token_row)
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        layout.addWidget(self._note)
        layout.addWidget(self._buttons)
        self._retranslate()

    # -- public API ---------------------------------------------------------------------------

    def show_api_state(self, running: bool, url: str = "", problem: str = "", disabled: bool = False) -> None:
        """Serving at `url`; or off because of `problem`, or `disabled` in the settings; neither:
        not started yet."""
        self._state = (running, url, problem, disabled)
        self._render_state()

    def set_token(self, token: str) -> None:
        """The token, read by the application; shown if "Show" is down, copied if "Copy" asked."""
        self._token = token
        self._token_field.setText(token)
        if self._copy_when_known:
            self._copy_when_known = False
            self._copy_token()

    def show_token_error(self, text: str) -> None:
        """The token could not be read."""
        self._asked = False
        self._copy_when_known = False
        self._note.setText(text)
        self._note.setProperty("role", "error")
        repolish(self._note)

    def token_shown(self) -> bool:
        """Whether the token is on screen in clear."""
        return self._token is not None and self._token_field.echoMode() == QLineEdit.EchoMode.Normal

    def address_text(self) -> str:
        """The address as shown."""
        return self._address.text()

    def state_text(self) -> str:
        """The API's state as shown."""
        return self._api_state.text()

    # -- internals ----------------------------------------------------------------------------

    def _ask_token(self) -> None:
        if self._token is None and not self._asked:
            self._asked = True
            self.token_requested.emit()

    def _show_toggled(self, shown: bool) -> None:
        self._token_field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self._show.setText(self.tr("Hide") if shown else self.tr("Show"))
        if shown:
            self._ask_token()

    def _copy_clicked(self) -> None:
        if self._token is None:
            self._copy_when_known = True
            self._ask_token()
        else:
            self._copy_token()

    def _copy_token(self) -> None:
        assert self._token is not None
        QGuiApplication.clipboard().setText(self._token)
        self._note.setText(self.tr("The token is on the clipboard: paste it into the POS's settings."))
        self._note.setProperty("role", "")
        repolish(self._note)

    def _render_state(self) -> None:
        running, url, problem, disabled = self._state
        self._address.setText(url or "—")
        if running:
            text = self.tr("Running: the POS on this computer can reach the till.")
        elif disabled:
            text = self.tr("Off in the settings ([host_api] enabled).")
        elif problem:
            text = self.tr("Off: %1").replace("%1", problem)
        else:
            text = self.tr("Not started yet.")
        self._api_state.setText(text)
        self._api_state.setProperty("role", "" if running else "error")
        repolish(self._api_state)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Integration with the POS"))
        for label, text in zip(self._labels, (self.tr("Address"), self.tr("State"), self.tr("Token"))):
            label.setText(text)
        self._token_field.setPlaceholderText(self.tr("Hidden: press Show"))
        self._show.setText(self.tr("Hide") if self._show.isChecked() else self.tr("Show"))
        self._copy.setText(self.tr("Copy"))
        self._token_field.setToolTip(self.tr("The POS sends it as: Authorization: Bearer <token>"))
        self._render_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
