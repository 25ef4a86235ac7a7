"""What the till tells the cashier: a severity and a translated sentence."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from app.translation import translate

from loyalty_client import errors


class Severity(str, Enum):
    """How the message bar shows a notice."""

    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Notice:
    """One message for the cashier; `code` names the loyalty fault behind an error, if one was;
    `short` is what the narrow panel shows instead of `text`, which then goes in its tooltip
    (None: `text` there too)."""

    severity: Severity
    text: str
    code: str | None = None
    short: str | None = None


def fault_code(exc: errors.LoyaltyError) -> str:
    """The contract's code of a loyalty failure (SERVICE_UNAVAILABLE when the service was not heard)."""
    if isinstance(exc, errors.ServiceUnavailable):
        return "SERVICE_UNAVAILABLE"
    return getattr(exc, "code", "LOYALTY_FAULT")


def fault(exc: errors.LoyaltyError, text: str | None = None) -> Notice:
    """An error notice for a failure of the loyalty service, with its code (`text`: other words)."""
    return Notice(Severity.ERROR, fault_text(exc) if text is None else text, fault_code(exc))


def fault_text(exc: errors.LoyaltyError) -> str:
    """A short sentence for the cashier explaining a failure of the loyalty service."""
    if isinstance(exc, errors.ServiceNotConfigured):
        return not_configured_text()
    if isinstance(exc, errors.RateLimited):
        return translate(
            "Notices", "The loyalty service is busy (too many requests). Try again in a moment."
        )
    if isinstance(exc, errors.ServiceUnavailable):
        return translate(
            "Notices", "Loyalty service unavailable. Sell without bonuses or try again."
        )
    if isinstance(exc, errors.ConfirmationInvalid) and (exc.expired or exc.attempts_left is not None):
        return wrong_code_text(exc)
    texts = {
        errors.InvalidCredentials: translate(
            "Notices", "The loyalty service refused the till's key. Sell without bonuses and call the administrator."
        ),
        errors.AccountNotFound: translate(
            "Notices",
            "The loyalty service's address is wrong (no such account). Sell without bonuses and call the administrator.",
        ),
        errors.ServiceMisconfigured: translate(
            "Notices", "The till's loyalty settings are wrong. Sell without bonuses and call the administrator."
        ),
        errors.NotSupported: translate(
            "Notices", "The loyalty service cannot do this. Nothing was changed for bonuses."
        ),
        errors.CustomerNotFound: translate("Notices", "Customer not found. Check the number or card."),
        errors.CustomerBlocked: translate("Notices", "This card is blocked. Bonuses cannot be used."),
        errors.NotActivated: translate(
            "Notices", "Card not activated: bonuses are earned but cannot be spent yet."
        ),
        errors.InsufficientBalance: translate("Notices", "Not enough bonuses for this redemption."),
        errors.RedeemLimitExceeded: translate(
            "Notices", "That is more than can be redeemed on this receipt."
        ),
        errors.ConfirmationRequired: translate(
            "Notices", "A code from the customer's phone is needed to redeem this amount."
        ),
        errors.ConfirmationInvalid: translate("Notices", "Wrong or expired code. Ask again."),
        errors.TransactionNotFound: translate("Notices", "The loyalty service does not know this sale."),
        errors.RefundExceedsPurchase: translate("Notices", "More returned than was bought."),
        errors.InvalidRequest: translate("Notices", "The loyalty service refused the request."),
    }
    for cls, text in texts.items():
        if isinstance(exc, cls):
            return text
    return translate("Notices", "Loyalty service error: %1").replace("%1", str(exc))


def wrong_code_text(exc: errors.ConfirmationInvalid) -> str:
    """What to do about a code the service did not take: which code still works, tries left."""
    left = exc.attempts_left
    if exc.expired and left != 0:
        return translate(
            "Notices", "This code has expired. Ask for the code from the newest message: that one still works."
        )
    if exc.expired or left == 0:
        return translate("Notices", "No valid code is left to try. Press Send again for a new code.")
    if left is None:
        return translate("Notices", "Wrong or expired code. Ask again.")
    return translate("Notices", "Wrong code. Tries left: %1.").replace("%1", str(left))


def not_configured_text() -> str:
    """The cashier's sentence while the loyalty service lacks its API key."""
    return translate(
        "Notices",
        "The loyalty service is not configured on this till (no API key). Sell without bonuses and call the administrator.",
    )


def error(text: str) -> Notice:
    """An error notice."""
    return Notice(Severity.ERROR, text)


def warning(text: str, short: str | None = None) -> Notice:
    """A warning notice (`short`: its words for the narrow panel)."""
    return Notice(Severity.WARNING, text, short=short)


def info(text: str) -> Notice:
    """An informational notice."""
    return Notice(Severity.INFO, text)


def success(text: str) -> Notice:
    """A notice that something went through."""
    return Notice(Severity.SUCCESS, text)
