"""Typed failures of the loyalty service: business faults by code, and one `ServiceUnavailable`."""
from __future__ import annotations


class LoyaltyError(Exception):
    """Anything the loyalty service could not do for us."""


class ServiceUnavailable(LoyaltyError):
    """The service could not be reached or answered nonsense: the till goes offline.

    `unreachable` says no connection could be made at all (refused, unknown host, no route, no
    answer to connecting): the request never left and the service is down. Otherwise (a timeout,
    a connection dropped mid-call, an HTTP error, a garbled answer) the request may have been
    done and only its answer lost: one such failure alone does not prove an outage.
    """

    def __init__(self, message: str = "", *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


class RateLimited(ServiceUnavailable):
    """The service (or the till's own limiter for it) allows no more requests this moment: tried
    again later, like any lost call."""


class ServiceNotConfigured(ServiceUnavailable):
    """The till lacks what it needs to call the service (an API key): nothing is sent, and the
    till works as offline until an admin completes the settings."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message, unreachable=True)


class ResponseRefused(ServiceUnavailable):
    """The service's answer broke a limit the till sets on answers (size, shape, a DTD): not read."""


class LoyaltyFault(LoyaltyError):
    """A business fault the service reported (`detail/LoyaltyFault`)."""

    code = "LOYALTY_FAULT"

    def __init__(self, message: str = "", retryable: bool = False) -> None:
        super().__init__(message or self.code)
        self.message = message
        self.retryable = retryable


class CustomerNotFound(LoyaltyFault):
    """No member with that identifier."""

    code = "CUSTOMER_NOT_FOUND"


class CustomerBlocked(LoyaltyFault):
    """The member's card is blocked."""

    code = "CUSTOMER_BLOCKED"


class NotActivated(LoyaltyFault):
    """The member has not activated the card: earns, cannot spend."""

    code = "NOT_ACTIVATED"


class InsufficientBalance(LoyaltyFault):
    """Not enough spendable points."""

    code = "INSUFFICIENT_BALANCE"


class RedeemLimitExceeded(LoyaltyFault):
    """More points asked than the program allows on this receipt."""

    code = "REDEEM_LIMIT_EXCEEDED"


class ConfirmationRequired(LoyaltyFault):
    """The redemption needs a one-time code from the customer's phone."""

    code = "CONFIRMATION_REQUIRED"


class ConfirmationInvalid(LoyaltyFault):
    """The one-time code is wrong or expired.

    When the service says so: `expired` is True for a code that was right but is no longer valid
    (the newest code sent may still be), and `attempts_left` is how many more codes may be tried
    before the newest code is spent (0: ask for a new one). None: the service did not say.
    """

    code = "CONFIRMATION_INVALID"

    def __init__(
        self,
        message: str = "",
        retryable: bool = False,
        *,
        attempts_left: int | None = None,
        expired: bool = False,
    ) -> None:
        super().__init__(message, retryable)
        self.attempts_left = attempts_left
        self.expired = expired


class TransactionNotFound(LoyaltyFault):
    """The service knows no transaction with that id."""

    code = "TRANSACTION_NOT_FOUND"


class RefundExceedsPurchase(LoyaltyFault):
    """More returned than was bought."""

    code = "REFUND_EXCEEDS_PURCHASE"


class InvalidRequest(LoyaltyFault):
    """The request broke the contract."""

    code = "INVALID_REQUEST"


class ServiceMisconfigured(LoyaltyFault):
    """The till's connection settings are wrong (a bad key, an unknown account or site): the
    service answered, but nothing will work until an admin fixes them. Retryable: the outbox
    keeps its rows for when the settings are right."""

    code = "SERVICE_MISCONFIGURED"

    def __init__(self, message: str = "", retryable: bool = True) -> None:
        super().__init__(message, retryable)


class InvalidCredentials(ServiceMisconfigured):
    """The service refused the till's API key (missing, wrong, or without access)."""

    code = "INVALID_CREDENTIALS"


class AccountNotFound(ServiceMisconfigured):
    """No account of the service at the configured address."""

    code = "ACCOUNT_NOT_FOUND"


class NotSupported(LoyaltyFault):
    """The service has no way to do this operation; the till refuses it rather than lose it."""

    code = "NOT_SUPPORTED"


# The SOAP contract's fault codes (the faults above that are not the contract's are raised by
# other adapters).
FAULTS: dict[str, type[LoyaltyFault]] = {
    cls.code: cls
    for cls in (
        CustomerNotFound,
        CustomerBlocked,
        NotActivated,
        InsufficientBalance,
        RedeemLimitExceeded,
        ConfirmationRequired,
        ConfirmationInvalid,
        TransactionNotFound,
        RefundExceedsPurchase,
        InvalidRequest,
    )
}


def fault_for(code: str, message: str = "", retryable: bool = False) -> LoyaltyFault:
    """The typed fault for a contract fault code (a plain `LoyaltyFault` for an unknown code)."""
    cls = FAULTS.get(code)
    if cls is None:
        fault = LoyaltyFault(message, retryable)
        fault.code = code
        return fault
    return cls(message, retryable)
