"""Registering a new member at the till: the form, the one-time code, and the refusals.

Plain Python, run on the service worker like the rest of the checkout. Registration needs the
service: offline (the till's monitor says so, or a call does not get through) it is refused
with an explanation, and nothing is kept on the till. A registration whose answer was lost may
be sent again with the same code: the service answers a replay with the member it enrolled.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from app.translation import translate

from app.checkout import notices
from app.offline.connectivity import ConnectivityMonitor
from loyalty_client import errors
from loyalty_client.codes import is_card_number
from loyalty_client.service import LoyaltyService
from loyalty_client.types import ConfirmationPurpose, ConfirmationSent, Customer, Registration


@dataclass(frozen=True)
class RegistrationForm:
    """What the cashier filled in for a new member (the phone as typed or prefilled)."""

    phone: str
    first_name: str
    marketing_consent: bool
    birth_date: date | None = None
    card_number: str | None = None


class RegistrationRefused(Exception):
    """Registration could not go ahead; `text` tells the cashier why (translated), `code` names
    the loyalty fault behind it, if one was."""

    def __init__(self, text: str, code: str | None = None) -> None:
        super().__init__(text)
        self.text = text
        self.code = code


PhoneParser = Callable[[str], str]
"""Typed text into an E.164 phone, raising `RegistrationRefused` with the cashier's words."""


def offline_text() -> str:
    """Why a registration is refused while the service cannot be reached."""
    return translate(
        "Registration",
        "Registration needs the loyalty service, which cannot be reached now. Nothing was saved; "
        "register the customer once the connection is back.",
    )


class CustomerRegistration:
    """Sends the registration code to a phone and enrols the new member with it.

    `parse_phone` turns typed text into the E.164 phone (raising `RegistrationRefused`).
    """

    def __init__(self, service: LoyaltyService, monitor: ConnectivityMonitor, parse_phone: PhoneParser) -> None:
        self._service = service
        self._monitor = monitor
        self._parse_phone = parse_phone

    def send_code(self, phone_text: str) -> ConfirmationSent:
        """Send a one-time code (purpose registration) to the phone."""
        phone = self._parse_phone(phone_text)
        self._refuse_offline()
        try:
            return self._service.send_confirmation_code(ConfirmationPurpose.REGISTER, phone=phone)
        except errors.LoyaltyError as exc:
            raise _refusal(exc) from None

    def register(self, form: RegistrationForm, code: str) -> Customer:
        """Enrol the member confirmed by `code`; the service's answer is the new member."""
        phone = self._parse_phone(form.phone)
        first_name = form.first_name.strip()
        if not first_name:
            raise RegistrationRefused(translate("Registration", "Type the customer's first name."))
        card = (form.card_number or "").strip() or None
        if card is not None and not is_card_number(card):
            raise RegistrationRefused(
                translate("Registration", "This is not a loyalty card number. Scan the card or type its 13 digits.")
            )
        code = code.strip()
        if not code:
            raise RegistrationRefused(translate("Registration", "Type the code the customer received."))
        self._refuse_offline()
        registration = Registration(
            phone=phone,
            first_name=first_name,
            marketing_consent=form.marketing_consent,
            confirmation_code=code,
            birth_date=form.birth_date,
            card_number=card,
        )
        try:
            return self._service.register(registration)
        except errors.LoyaltyError as exc:
            raise _refusal(exc) from None

    def _refuse_offline(self) -> None:
        if self._monitor.online is False:
            raise RegistrationRefused(offline_text(), "SERVICE_UNAVAILABLE")


def _refusal(exc: errors.LoyaltyError) -> RegistrationRefused:
    """The cashier's sentence for a failed registration call."""
    if isinstance(exc, errors.ServiceUnavailable):
        return RegistrationRefused(offline_text(), notices.fault_code(exc))
    if isinstance(exc, errors.ConfirmationInvalid):
        return RegistrationRefused(notices.fault_text(exc), exc.code)
    if isinstance(exc, errors.NotSupported):
        text = translate("Registration", "This loyalty service does not take registrations at the till.")
        return RegistrationRefused(text, exc.code)
    if isinstance(exc, errors.InvalidRequest) and exc.message:
        # The service's own words say what it refused (a phone already registered, a card given out).
        text = translate("Registration", "The loyalty service refused the registration: %1").replace("%1", exc.message)
        return RegistrationRefused(text, exc.code)
    return RegistrationRefused(notices.fault_text(exc), notices.fault_code(exc))
