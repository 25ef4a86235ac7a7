"""The cashier's sentences for the failures a retailer's platform adds (RetailCRM): each its own,
clear for a cashier, never the raw service message."""
from __future__ import annotations

import pytest

from app.checkout import notices
from loyalty_client import errors
from loyalty_client.retailcrm.client import answer


@pytest.mark.parametrize(
    ("failure", "words", "code"),
    [
        (errors.InvalidCredentials('RetailCRM refused the API key: Wrong "apiKey" value.'), "refused the till's key", "INVALID_CREDENTIALS"),
        (errors.AccountNotFound("RetailCRM account does not exist"), "no such account", "ACCOUNT_NOT_FOUND"),
        (errors.NotSupported("RetailCRM can take back bonuses only for a whole sale"), "cannot do this", "NOT_SUPPORTED"),
        (errors.RateLimited("HTTP 429: too many requests"), "busy", "SERVICE_UNAVAILABLE"),
        (errors.ServiceNotConfigured("no key"), "not configured on this till", "SERVICE_UNAVAILABLE"),
    ],
)
def test_each_platform_failure_has_its_own_sentence(failure: errors.LoyaltyError, words: str, code: str) -> None:
    notice = notices.fault(failure)
    assert words in notice.text
    assert str(failure) not in notice.text, "the service's own words are for the log"
    assert notice.code == code


@pytest.mark.parametrize("failure", [errors.InvalidCredentials("x"), errors.AccountNotFound("x"), errors.ServiceNotConfigured("x")])
def test_a_settings_problem_sends_the_cashier_to_the_administrator(failure: errors.LoyaltyError) -> None:
    assert "call the administrator" in notices.fault_text(failure)


def test_the_clients_429_is_a_rate_limit_with_the_busy_sentence() -> None:
    with pytest.raises(errors.RateLimited) as raised:
        answer(429, "application/json", b'{"success":false,"errorMsg":"Rate limit"}')
    assert "busy" in notices.fault_text(raised.value)
