"""Registering a new member at the till: their details, marketing consent, a card, the code."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QRegularExpression, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator, QResizeEvent
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

from widgets.checkout.confirmation_panel import ConfirmationPanel
from widgets.scan_target import mark_as_taking_scans
from widgets.scrolling import VerticalScrollArea
from widgets.wrapping_check_box import WrappingCheckBox

BIRTH_DATE_FORMAT = "dd.MM.yyyy"
PREFERRED_WIDTH = 560
NARROW_BELOW = 520
CARD_LENGTH = 13


class RegistrationDialog(QDialog):
    """The cashier fills in the new member's details and the code the customer received.

    Send code emits `code_requested(phone)`; once the application answers `code_sent(...)`, the
    code entry (`confirmation`, a `ConfirmationPanel`) appears and its Register emits
    `register_requested(phone, first_name, birth_date or None, consent, card_number, code)`.
    The dialog stays open until the application answers with `accept()` or `show_error(text)`;
    "Send again" asks for a new code with `code_requested` too. Marketing consent starts
    unticked, its whole wording shown. The widget does no I/O.

    Object names: RegistrationPhone, RegistrationFirstName, RegistrationBirthDate,
    RegistrationConsent, RegistrationConsentText, RegistrationCard, SendRegistrationCodeButton,
    CancelRegistrationButton, RegistrationError.
    """

    code_requested = Signal(str)
    register_requested = Signal(str, str, object, bool, str, str)

    def __init__(self, phone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RegistrationDialog")
        self.setModal(True)
        mark_as_taking_scans(self)  # a card scanned goes to the card field, wherever the focus is
        self._busy = False

        self._phone = QLineEdit(phone)
        self._phone.setObjectName("RegistrationPhone")
        self._phone.setMaxLength(32)
        self._first_name = QLineEdit()
        self._first_name.setObjectName("RegistrationFirstName")
        self._first_name.setMaxLength(64)
        self._birth_date = QLineEdit()
        self._birth_date.setObjectName("RegistrationBirthDate")
        self._birth_date.setMaxLength(10)
        self._birth_date.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9.]{0,10}"), self._birth_date)
        )
        self._card = QLineEdit()
        self._card.setObjectName("RegistrationCard")
        self._card.setMaxLength(CARD_LENGTH)
        self._card.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{CARD_LENGTH}}}"), self._card))
        self._consent_row = WrappingCheckBox()
        self._consent = self._consent_row.box
        self._consent.setObjectName("RegistrationConsent")
        self._consent.setChecked(False)
        self._consent_text = QLabel()
        self._consent_text.setObjectName("RegistrationConsentText")
        self._consent_text.setProperty("role", "hint")
        self._consent_text.setWordWrap(True)

        self._form = QFormLayout()
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels = [QLabel() for _ in range(4)]
        for label, field in zip(self._labels, (self._phone, self._first_name, self._birth_date, self._card)):
            label.setBuddy(field)
            label.setWordWrap(True)
            self._form.addRow(label, field)

        self.confirmation = ConfirmationPanel()
        self.confirmation.set_purpose("register")
        self.confirmation.set_cancel_note_shown(False)  # Cancel's tooltip and the panel's message say it
        self.confirmation.set_compact(True)
        self._error = QLabel()
        self._error.setObjectName("RegistrationError")
        self._error.setProperty("role", "error-text")
        self._error.setWordWrap(True)
        self._error.hide()

        self._send = QPushButton()
        self._send.setObjectName("SendRegistrationCodeButton")
        self._send.setProperty("role", "primary")
        self._send.setDefault(True)
        self._cancel = QPushButton()
        self._cancel.setObjectName("CancelRegistrationButton")
        self._buttons = QWidget()
        buttons = QHBoxLayout(self._buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self._send, 1)
        buttons.addWidget(self._cancel)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._form)
        column.addWidget(self._consent_row)
        column.addWidget(self._consent_text)
        column.addWidget(self.confirmation)
        column.addWidget(self._error)
        column.addStretch(1)
        self._content = content
        scroll = VerticalScrollArea(content)
        self._scroll = scroll
        scroll.setObjectName("RegistrationScroll")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 8)  # over the 420-px panel every pixel of width counts
        layout.addWidget(scroll, 1)
        layout.addWidget(self._buttons)

        self._send.clicked.connect(self._request_code)
        self._cancel.clicked.connect(self.reject)
        self.confirmation.code_entered.connect(self._request_registration)
        self.confirmation.resend_requested.connect(self._request_code)
        self.confirmation.cancelled.connect(self.reject)
        self._retranslate()
        self.setMinimumWidth(min(400, max(300, self.minimumSizeHint().width())))

    # -- public API ---------------------------------------------------------------------------

    def code_sent(self, sent_to: str, expires_in_seconds: int, sent_count: int) -> None:
        """The code went to *sent_to* (masked phone): ask for it."""
        self.set_busy(False)
        self._error.hide()
        self._buttons.hide()
        self.confirmation.ask(sent_to, expires_in_seconds, sent_count)
        self._refit()
        self._show_code_entry()

    def show_error(self, text: str) -> None:
        """Say why the step did not go through; the cashier may correct and try again."""
        self.set_busy(False)
        if self.confirmation.is_asking():
            self.confirmation.show_error(text)
            self._error.hide()
            self._show_code_entry()
        else:
            self._error.setText(text)
            self._error.show()
        self._refit()

    def set_busy(self, busy: bool) -> None:
        """While the service is asked: no second request."""
        self._busy = busy
        self._send.setEnabled(not busy)
        self.confirmation.setEnabled(not busy)

    def set_card_number(self, number: str) -> None:
        """A card scanned while the dialog is open: it is the card to link."""
        self._card.setText(number)

    def card_number(self) -> str:
        """The card number typed or scanned (empty: none)."""
        return self._card.text().strip()

    def consent_given(self) -> bool:
        """Whether the marketing consent box is ticked."""
        return self._consent.isChecked()

    def error_text(self) -> str:
        """The error shown in the dialog or in its code entry ("" when none)."""
        if not self._error.isHidden():
            return self._error.text()
        return self.confirmation.error_text()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Room for the whole form without scrolling (it scrolls only when the screen is shorter)."""
        hint = super().sizeHint()
        width = max(hint.width(), PREFERRED_WIDTH)
        margins = self.layout().contentsMargins()
        inner = width - margins.left() - margins.right() - self._scroll.verticalScrollBar().sizeHint().width()
        content = self._content.layout()
        height = max(
            content.totalHeightForWidth(inner) if content.hasHeightForWidth() else -1,
            content.totalMinimumSize().height(),
            self._content.sizeHint().height(),
        )
        height += margins.top() + margins.bottom() + self.layout().spacing()
        if not self._buttons.isHidden():
            height += self._buttons.sizeHint().height()
        return QSize(width, max(hint.height(), height + 24))

    # -- internals ----------------------------------------------------------------------------

    def _show_code_entry(self) -> None:
        """On a short screen the form scrolls: bring the code entry into view once laid out."""
        QTimer.singleShot(0, lambda: self._scroll.ensureWidgetVisible(self.confirmation, 0, 0))

    def _refit(self) -> None:
        """Grow to show what was just added (the code entry, an error), within the window."""
        parent = self.parentWidget()
        if parent is not None and self.isVisible():
            self._content.layout().activate()  # the new part counts in the size asked for
            fit_dialog(self, parent)

    def _check_form(self) -> str | None:
        """Why the form cannot be sent yet, or None."""
        if not self._phone.text().strip():
            return self.tr("Type the customer's mobile phone number.")
        if not self._first_name.text().strip():
            return self.tr("Type the customer's first name.")
        if self._birth_date.text().strip() and self._birth() is None:
            return self.tr("Birth date: type it as DD.MM.YYYY, or leave it empty.")
        card = self.card_number()
        if card and len(card) != CARD_LENGTH:
            return self.tr("A card number has 13 digits: scan the card or leave the field empty.")
        return None

    def _birth(self) -> date | None:
        text = self._birth_date.text().strip()
        if not text:
            return None
        day = QDate.fromString(text, BIRTH_DATE_FORMAT)
        if not day.isValid() or day > QDate.currentDate() or day.year() < 1900:
            return None
        return date(day.year(), day.month(), day.day())

    def _request_code(self) -> None:
        if self._busy:
            return
        problem = self._check_form()
        if problem is not None:
            self.show_error(problem)
            return
        self.set_busy(True)
        self.code_requested.emit(self._phone.text().strip())

    def _request_registration(self, code: str) -> None:
        if self._busy:
            return
        problem = self._check_form()
        if problem is not None:
            self.show_error(problem)
            return
        self.set_busy(True)
        self.register_requested.emit(
            self._phone.text().strip(),
            self._first_name.text().strip(),
            self._birth(),
            self._consent.isChecked(),
            self.card_number(),
            code,
        )

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Register a customer"))
        captions = (self.tr("Phone"), self.tr("First name"), self.tr("Birth date (optional)"), self.tr("Card (optional)"))
        for label, caption in zip(self._labels, captions):
            label.setText(caption)
        self._first_name.setAccessibleName(self.tr("First name"))
        self._birth_date.setPlaceholderText(self.tr("DD.MM.YYYY"))
        self._card.setPlaceholderText(self.tr("Scan or type the printed card"))
        self._consent_row.setText(self.tr("Agrees to receive offers"))
        self._consent_text.setText(
            self.tr(
                "I agree that the store may send me news and personal offers of its loyalty program "
                "by SMS and messengers, and may process my phone number, name and birth date for "
                "this purpose. I may withdraw this consent at any time at the till or by replying STOP."
            )
        )
        self._send.setText(self.tr("Send code"))
        self._send.setToolTip(self.tr("Send a one-time code to the customer's phone"))
        self._cancel.setText(self.tr("Cancel"))
        self._cancel.setToolTip(self.tr("Stop the registration: nothing is saved (Esc)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Narrow (a 420-px till panel): captions above their fields, so nothing is cut."""
        policy = (
            QFormLayout.RowWrapPolicy.WrapAllRows
            if event.size().width() < NARROW_BELOW
            else QFormLayout.RowWrapPolicy.DontWrapRows
        )
        if self._form.rowWrapPolicy() != policy:
            self._form.setRowWrapPolicy(policy)
        super().resizeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt override)
        """Enter in a field sends the code (before it is sent) rather than closing the dialog."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.confirmation.is_asking():
            self._request_code()
            return
        super().keyPressEvent(event)


def fit_dialog(dialog: QDialog, window: QWidget) -> None:
    """Size the dialog to its content, within the till's window (a 420-px panel beside the POS)
    and its screen, and put it over the window's middle."""
    hint = dialog.sizeHint()
    screen = window.screen().availableGeometry() if window.screen() is not None else None
    width = min(max(hint.width(), dialog.minimumWidth()), max(window.width(), dialog.minimumWidth()))
    height = hint.height()
    if screen is not None:
        width, height = min(width, screen.width()), min(height, screen.height())
    dialog.resize(width, height)
    centre = window.frameGeometry().center()
    dialog.move(centre.x() - width // 2, max(window.y(), centre.y() - height // 2))
