"""`till-loyalty service set-key|check`: the loyalty service's API key and a check of the connection.

`set-key` reads the key from standard input (a prompt without echo on a terminal) and keeps it in
the till's secret store (app/service/api_key.py); `--clear` removes it. The key is never printed.

`check` reaches the configured service (`--service` or `[service] endpoint`) with the key the
till would use (`TILL_LOYALTY_API_KEY`, else the stored one) and prints the program found, or one
line on stderr saying exactly what is wrong, with an exit status per outcome
(`app.service.check.EXIT_STATUS`): 0 found, 2 no key or a bad endpoint, 3 unreachable, 4 key
refused, 5 no such account, 6 no such site, 7 no active loyalty program, 8 any other refusal.
"""
from __future__ import annotations

import getpass
import sys
from typing import TextIO

from app.offline.connectivity import BACKGROUND_TIMEOUTS
from app.service.api_key import clear_api_key, environment_api_key, read_api_key, store_api_key
from app.service.check import EXIT_STATUS, CheckOutcome, CheckReport, check_connection
from app.settings import Settings
from loyalty_client.endpoints import API_KEY_ENV


def run_set_key(settings: Settings, *, clear: bool, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    """Store the key read from `stdin` (or a prompt without echo), or remove it; the exit status."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    if clear:
        clear_api_key(settings)
        out.write("service: API key removed\n")
        return 0
    if stdin.isatty():
        key = getpass.getpass("API key (not shown): ")
    else:
        key = stdin.readline()
    try:
        store_api_key(settings, key)
    except ValueError as exc:
        print(f"till-loyalty: service set-key: {exc}: nothing stored", file=sys.stderr)
        return 2
    out.write("service: API key stored\n")
    if environment_api_key():
        out.write(f"service: note: {API_KEY_ENV} is set and overrides the stored key in this environment\n")
    return 0


def run_check(settings: Settings, *, out: TextIO | None = None) -> int:
    """Check the connection to the configured service; the exit status for what was found."""
    out = out or sys.stdout
    endpoint = settings.get("service", "endpoint")
    report = check_connection(
        endpoint,
        read_api_key(settings),
        settings.get("store", "store_id"),
        BACKGROUND_TIMEOUTS,
        verify_tls=settings.get("service", "verify_tls"),
    )
    if report.ok:
        out.write(found_text(report))
    else:
        print(f"till-loyalty: service check: {problem_text(report)}", file=sys.stderr, flush=True)
    out.flush()
    return EXIT_STATUS[report.outcome]


def found_text(report: CheckReport) -> str:
    """What the check found, a few lines."""
    service = "RetailCRM" if report.kind == "retailcrm" else "SOAP service"
    levels = ", ".join(f"{lv.name} from {lv.threshold} ({lv.percent}%)" for lv in report.levels) or "none"
    sms = {True: "on", False: "off", None: "not said"}[report.sms_confirmation]
    return (
        f"ok: {service} answers\n"
        f"program: {report.program} ({report.currency})\n"
        f"levels: {levels}\n"
        f"SMS confirmation of charges: {sms}\n"
    )


def problem_text(report: CheckReport) -> str:
    """One line saying what is wrong, and what to do."""
    texts = {
        CheckOutcome.NO_KEY: "no API key: store it with `till-loyalty service set-key` (or set "
        f"{API_KEY_ENV})",
        CheckOutcome.BAD_ENDPOINT: f"the endpoint cannot be used: {report.detail}",
        CheckOutcome.UNREACHABLE: f"the service cannot be reached ({report.detail}): check the address and the network",
        CheckOutcome.BAD_KEY: f"the API key was refused ({report.detail}): store the right one with "
        "`till-loyalty service set-key`",
        CheckOutcome.UNKNOWN_ACCOUNT: "no RetailCRM account at this address (HTML 405): check the account name in the endpoint",
        CheckOutcome.NO_SUCH_SITE: f"RetailCRM has no site {report.detail!r}: check ?site= in the endpoint",
        CheckOutcome.NO_PROGRAM: f"no active loyalty program for site {report.detail!r}: activate one in RetailCRM",
        CheckOutcome.REFUSED: f"the service refused the check: {report.detail}",
    }
    return texts[report.outcome]
