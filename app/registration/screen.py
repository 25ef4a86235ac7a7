"""Binds the registration dialog to the checkout: Register on an unknown phone opens it, its
steps run on the service worker (`CheckoutController`), and a card scanned meanwhile fills it."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject

from app.checkout.controller import CheckoutController
from app.registration.enrolment import RegistrationForm, offline_text
from loyalty_client.types import ConfirmationSent
from widgets.registration.dialog import RegistrationDialog, fit_dialog
from widgets.main_window import TillWindow


class RegistrationScreen(QObject):
    """Opens the registration dialog for the phone the panel offers, and runs what it asks.

    Offline (`is_online()` or the checkout's last state says the service is unreachable) the
    dialog does not open: the panel says why. A new member registered joins the open receipt (the controller publishes the
    state) and the dialog closes. `resend_seconds` is the "Send again" countdown.
    """

    def __init__(
        self,
        window: TillWindow,
        controller: CheckoutController,
        is_online: Callable[[], bool | None],
        resend_seconds: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._controller = controller
        self._is_online = is_online
        self._resend_seconds = resend_seconds
        self._dialog: RegistrationDialog | None = None
        self._codes_sent = 0
        window.loyalty.identify.register_requested.connect(self.open)

    @property
    def dialog(self) -> RegistrationDialog | None:
        """The registration dialog while it is open."""
        return self._dialog

    def open(self, phone: str) -> None:
        """Open the dialog for `phone` (E.164), unless the service is known to be unreachable."""
        if self._dialog is not None:
            self._dialog.raise_()
            return
        state = self._controller.state
        if state is None or state.online is False or self._is_online() is False:
            self._window.loyalty.messages.show_error(offline_text())
            return
        dialog = RegistrationDialog(phone, self._window)
        dialog.confirmation.set_resend_delay(self._resend_seconds)
        dialog.code_requested.connect(lambda typed: self._send_code(dialog, typed))
        dialog.register_requested.connect(
            lambda typed, name, birth, consent, card, code: self._register(
                dialog, RegistrationForm(typed, name, consent, birth, card or None), code
            )
        )
        dialog.rejected.connect(self._say_cancelled)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self._dialog = dialog
        self._codes_sent = 0
        fit_dialog(dialog, self._window)
        dialog.open()

    def take_scan(self, is_card: bool, value: str, refusal: str) -> bool:
        """A scan while the dialog is open goes to its card field (True); False when it is closed.

        `refusal` is what to say when the scan is not a loyalty card.
        """
        dialog = self._dialog
        if dialog is None:
            return False
        if is_card:
            dialog.set_card_number(value)
        else:
            dialog.show_error(refusal)
        return True

    def _send_code(self, dialog: RegistrationDialog, phone: str) -> None:
        def sent(answer: ConfirmationSent) -> None:
            if self._dialog is dialog:
                self._codes_sent += 1
                dialog.code_sent(answer.sent_to, answer.expires_in_seconds, self._codes_sent)

        self._controller.send_registration_code(phone, sent, lambda text: self._refused(dialog, text))

    def _register(self, dialog: RegistrationDialog, form: RegistrationForm, code: str) -> None:
        def registered() -> None:
            if self._dialog is dialog:
                dialog.accept()

        self._controller.register_customer(form, code, registered, lambda text: self._refused(dialog, text))

    def _refused(self, dialog: RegistrationDialog, text: str) -> None:
        if self._dialog is dialog:
            dialog.show_error(text)

    def _say_cancelled(self) -> None:
        self._window.loyalty.messages.show_info(
            QCoreApplication.translate("Registration", "Registration cancelled: the customer is not registered, nothing was saved.")
        )

    def _closed(self, dialog: RegistrationDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()


def card_expected_text() -> str:
    """What a scan that is not a loyalty card is told while registering."""
    return QCoreApplication.translate("Registration", "That is not a loyalty card: scan the printed card to link.")
