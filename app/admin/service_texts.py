"""What Admin > Service says of a connection check, a bad address or a bad key, in the till's language.

Every sentence goes through Qt's translator (context "Admin"); what comes from elsewhere is put in
only where it is not the till's own English: a site code, the program's and levels' names, and
the words of a service that refused the check.
"""
from __future__ import annotations

from app.service.check import CheckOutcome, CheckReport
from app.service.key_rules import KeyProblem
from app.translation import translate
from widgets.locale_numbers import percent_text
from loyalty_client.endpoint_problems import EndpointProblem


def hint_text() -> str:
    """What the address and key look like, and when a change applies."""
    return translate(
        "Admin",
        "RetailCRM: retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE and the API key made for the till."
        " The till's own SOAP service: http://host:port/. A new address or key is used as soon as it is saved;"
        " switching between RetailCRM and the SOAP service takes a restart of the till."
    )


def saved_text(switched: bool) -> str:
    """What saving did: the till uses the settings now, or only after a restart."""
    if switched:
        return translate("Admin", "Saved. The till uses the new address and key now, without a restart.")
    return translate(
        "Admin",
        "Saved. This address is another kind of loyalty service than the one the till started with:"
        " restart the till to use it."
    )


def check_result_text(report: CheckReport) -> str:
    """The admin's sentence for what a connection check found."""
    if report.ok:
        levels = ", ".join(f"{level.name} ({percent_text(level.percent)})" for level in report.levels) or "—"
        if report.sms_confirmation is None:
            sms = ""
        elif report.sms_confirmation:
            sms = translate("Admin", "Spending points is confirmed by an SMS code.")
        else:
            sms = translate("Admin", "Spending points needs no SMS code.")
        text = translate("Admin", "Connected. Program: %1. Levels: %2.")
        text = text.replace("%1", report.program).replace("%2", levels)
        return f"{text} {sms}".strip()
    if report.outcome is CheckOutcome.BAD_ENDPOINT:
        return bad_endpoint_text(report.endpoint_problem)
    if report.outcome is CheckOutcome.UNREACHABLE:
        if report.no_connection:
            how = translate("Admin", "no connection could be made")
        else:
            how = translate("Admin", "no usable answer came")
        text = translate("Admin", "The service cannot be reached (%1). Check the address and the network.")
        return text.replace("%1", how)
    texts = {
        CheckOutcome.NO_KEY: translate("Admin", "No API key: type the key made for the till in RetailCRM."),
        CheckOutcome.BAD_KEY: translate("Admin", "The service refused the API key. Check the key."),
        CheckOutcome.UNKNOWN_ACCOUNT: translate(
            "Admin", "There is no RetailCRM account at this address. Check the account name."
        ),
        CheckOutcome.NO_SUCH_SITE: translate("Admin", "RetailCRM has no site “%1”. Check ?site= in the address."),
        CheckOutcome.NO_PROGRAM: translate(
            "Admin", "No active loyalty program for site “%1”. Activate one in RetailCRM."
        ),
        CheckOutcome.REFUSED: translate("Admin", "The service refused the check: %1"),  # %1: the service's own words
    }
    return texts[report.outcome].replace("%1", report.detail)


def bad_endpoint_text(problem: EndpointProblem | None) -> str:
    """Why the address typed cannot be used (None: for a reason not among the known ones)."""
    reasons = {
        EndpointProblem.NOT_AN_ADDRESS: translate(
        "Admin",
            "it is neither an http:// or https:// address with a host"
            " nor retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE"
        ),
        EndpointProblem.BAD_PORT: translate("Admin", "its port is not a number from 1 to 65535"),
        EndpointProblem.RETAILCRM_SHAPE: translate(
            "Admin", "a RetailCRM address is retailcrm+https://ACCOUNT.retailcrm.ru/?site=CODE"
        ),
        EndpointProblem.RETAILCRM_PLAIN_HTTP: translate(
        "Admin",
            "RetailCRM without https is only for a test server on this computer: use retailcrm+https://"
        ),
        EndpointProblem.RETAILCRM_NO_SITE: translate("Admin", "it names no site: add ?site=CODE"),
        EndpointProblem.KEY_IN_ADDRESS: translate(
            "Admin", "the API key does not belong in the address: type it in the key field"
        ),
    }
    reason = reasons.get(problem) if problem is not None else None
    if reason is None:
        reason = translate("Admin", "it is not a loyalty service's address")
    return translate("Admin", "The address cannot be used: %1").replace("%1", reason)


def key_problem_text(problem: KeyProblem) -> str:
    """Why the API key typed cannot be used."""
    texts = {
        KeyProblem.EMPTY: translate("Admin", "The API key is empty."),
        KeyProblem.BAD_CHARACTERS: translate(
            "Admin", "An API key has no spaces or control characters. Check the key typed."
        ),
    }
    return texts[problem]
