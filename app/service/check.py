"""`service check` and Admin > Service's "Check connection": is the configured service usable?

One function, no Qt, blocking (run it on a worker): it reaches the service as the till would and
says what it found (the program: name, levels, whether charges are confirmed by SMS) or exactly
what is wrong. For RetailCRM, in this order: the key and the account (GET loyalty/loyalties:
a refused key, the HTML 405 of an unknown account, no answer), the site (an order looked up by an
externalId no sale has, as the till looks up each sale's order: "Not found" means the site is
known), then an active, unblocked loyalty program of the site.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from loyalty_client import errors
from loyalty_client.endpoint_problems import EndpointError, EndpointProblem
from loyalty_client.endpoints import Timeouts, service_kind

CHECK_ORDER_PREFIX = "till-loyalty-check-"
"""The externalId looked up to check the site: no sale of the till has one like it."""


class CheckOutcome(str, Enum):
    """What the check found; the CLI's exit status for each is `EXIT_STATUS[outcome]`."""

    OK = "ok"
    NO_KEY = "no_key"
    BAD_ENDPOINT = "bad_endpoint"
    UNREACHABLE = "unreachable"
    BAD_KEY = "bad_key"
    UNKNOWN_ACCOUNT = "unknown_account"
    NO_SUCH_SITE = "no_such_site"
    NO_PROGRAM = "no_program"
    REFUSED = "refused"


EXIT_STATUS: dict[CheckOutcome, int] = {
    CheckOutcome.OK: 0,
    CheckOutcome.NO_KEY: 2,
    CheckOutcome.BAD_ENDPOINT: 2,
    CheckOutcome.UNREACHABLE: 3,
    CheckOutcome.BAD_KEY: 4,
    CheckOutcome.UNKNOWN_ACCOUNT: 5,
    CheckOutcome.NO_SUCH_SITE: 6,
    CheckOutcome.NO_PROGRAM: 7,
    CheckOutcome.REFUSED: 8,
}


@dataclass(frozen=True)
class Level:
    """A level (tier) of the program: its name, the purchases it needs and its accrual percent."""

    name: str
    threshold: Decimal
    percent: Decimal


@dataclass(frozen=True)
class CheckReport:
    """The outcome; with OK, the program found; otherwise `detail` (in English, or the service's
    own words), with what a caller may word in its own language: the endpoint's problem
    (BAD_ENDPOINT) and whether no connection could be made at all (UNREACHABLE)."""

    outcome: CheckOutcome
    kind: str = ""  # "retailcrm" or "soap"
    program: str = ""
    currency: str = ""
    levels: tuple[Level, ...] = ()
    sms_confirmation: bool | None = None  # None: the service does not say
    detail: str = ""
    endpoint_problem: EndpointProblem | None = None  # BAD_ENDPOINT: None when not one of the known problems
    no_connection: bool = False  # UNREACHABLE: no connection at all (else: no usable answer came)

    @property
    def ok(self) -> bool:
        """Whether the service is usable as configured."""
        return self.outcome is CheckOutcome.OK


def check_connection(
    endpoint: str, api_key: str | None, store_id: str, timeouts: Timeouts, *, verify_tls: bool | str = True
) -> CheckReport:
    """Reach the service at `endpoint` as the till would and report what was found (see the module)."""
    try:
        kind = service_kind(endpoint)
    except ValueError as exc:
        return _bad_endpoint("", exc)
    try:
        if kind == "retailcrm":
            if not api_key:
                return CheckReport(CheckOutcome.NO_KEY, kind)
            return _check_retailcrm(endpoint, api_key, timeouts, verify_tls)
        return _check_soap(endpoint, store_id, timeouts, verify_tls)
    except ValueError as exc:
        return _bad_endpoint(kind, exc)
    except errors.InvalidCredentials as exc:
        return CheckReport(CheckOutcome.BAD_KEY, kind, detail=str(exc))
    except errors.AccountNotFound as exc:
        return CheckReport(CheckOutcome.UNKNOWN_ACCOUNT, kind, detail=str(exc))
    except errors.ServiceUnavailable as exc:
        return CheckReport(CheckOutcome.UNREACHABLE, kind, detail=str(exc), no_connection=exc.unreachable)
    except errors.LoyaltyFault as exc:
        return CheckReport(CheckOutcome.REFUSED, kind, detail=str(exc))


def _bad_endpoint(kind: str, exc: ValueError) -> CheckReport:
    problem = exc.problem if isinstance(exc, EndpointError) else None
    return CheckReport(CheckOutcome.BAD_ENDPOINT, kind, detail=str(exc), endpoint_problem=problem)


def _check_retailcrm(endpoint: str, api_key: str, timeouts: Timeouts, verify_tls: bool | str) -> CheckReport:
    from loyalty_client.retailcrm.adapter import money
    from loyalty_client.retailcrm.client import NotFoundError, RetailCrmClient, parse_endpoint

    place = parse_endpoint(endpoint)
    client = RetailCrmClient(
        place,
        api_key,
        timeout_seconds=timeouts.total_seconds,
        connect_timeout_seconds=timeouts.connect_seconds,
        verify_tls=verify_tls,
    )
    try:
        answer = client.get("loyalty/loyalties", {"filter[sites][]": place.site, "limit": 20})
        try:
            client.get(f"orders/{CHECK_ORDER_PREFIX}{uuid.uuid4().hex}", {"by": "externalId", "site": place.site})
        except NotFoundError:
            pass  # the site is known; the order, as meant, is not
        except errors.InvalidRequest as exc:
            if "site" in str(exc).lower():
                return CheckReport(CheckOutcome.NO_SUCH_SITE, "retailcrm", detail=place.site)
            raise
    finally:
        client.close()
    programs = [p for p in answer.get("loyalties") or [] if p.get("active") and not p.get("blocked")]
    if not programs:
        return CheckReport(CheckOutcome.NO_PROGRAM, "retailcrm", detail=place.site)
    program = programs[0]
    levels = sorted(
        (
            Level(str(level.get("name") or ""), money(level.get("sum")), money(level.get("privilegeSize")))
            for level in program.get("levels") or []
        ),
        key=lambda level: level.threshold,
    )
    return CheckReport(
        CheckOutcome.OK,
        "retailcrm",
        program=str(program.get("name") or ""),
        currency=str(program.get("currency") or ""),
        levels=tuple(levels),
        sms_confirmation=bool(program.get("confirmSmsCharge")),
    )


def _check_soap(endpoint: str, store_id: str, timeouts: Timeouts, verify_tls: bool | str) -> CheckReport:
    from loyalty_client.endpoints import loyalty_service_for

    service = loyalty_service_for(endpoint, None, timeouts, verify_tls=verify_tls)
    try:
        program = service.get_program(store_id)
    finally:
        service.close()
    return CheckReport(
        CheckOutcome.OK,
        "soap",
        program=program.name,
        currency=program.currency,
        levels=tuple(Level(t.name, t.threshold, t.accrual_percent) for t in program.tiers),
        sms_confirmation=program.confirmation_threshold is not None and program.confirmation_threshold > 0,
    )
