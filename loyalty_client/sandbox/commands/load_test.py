"""`sandbox load-test --service URL [--tills N] [--sales N] [--db URL] [--members N]`: many tills
against one loyalty service, and a check of its ledger afterwards.

Each simulated till is a thread with its own SOAP client (its own connection), selling one sale
after another: identify the member (card), calculate, then either commit at once or, every
fourth sale where the member has points, reserve a redemption (below the code threshold) and
commit it; every tenth sale is then partly refunded. Prints the sales per second, the calls per
second, and per operation the calls, faults and p50/p95 latency, then the ledger check.

The ledger check: with `--db` (the service's own sandbox database), every committed sale and
refund is recorded exactly once and no sale whose commit failed is; without it, every committed
sale is committed again and must answer what it answered the first time (recorded, and not
twice). With `--db`, `--members` new members (50 points each) are enrolled for the run straight
into that database; without it, the demo's active members with a card are used. Exit status 0 when the check holds,
1 when it does not, 2 for bad input.
"""
from __future__ import annotations

import argparse
import secrets
import statistics
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from typing import Callable, Sequence, TextIO, TypeVar

from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.errors import LoyaltyError
from loyalty_client.types import Identifier, IdentifierKind, RefundLine

T = TypeVar("T")
PROG = "till-loyalty sandbox load-test"
ZERO = Decimal("0.00")
OPERATIONS = ("identify", "calculate", "reserve", "commit", "refund")
STARTING_POINTS = Decimal("50.00")


@dataclass
class TillLog:
    """What one till did: latencies and faults per operation, and the keys it committed."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    faults: Counter[str] = field(default_factory=Counter)
    committed: dict[str, object] = field(default_factory=dict)  # transaction id -> the commit's answer
    failed: list[str] = field(default_factory=list)  # transaction ids whose commit failed
    refunds: list[str] = field(default_factory=list)
    commit_args: dict[str, tuple] = field(default_factory=dict)  # to commit again in the check


def _timed(log: TillLog, operation: str, call: Callable[[], T]) -> T | None:
    started = time.perf_counter()
    try:
        return call()
    except LoyaltyError as error:
        log.faults[f"{operation} {error.code}"] += 1
        return None
    finally:
        log.seconds[operation].append(time.perf_counter() - started)


def _receipt(till: int, number: int) -> Receipt:
    lines = (
        ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", Decimal("2"), Decimal("15.90"), Decimal("31.80")),
        ReceiptLine(2, "4810001000042", "Молоко 3,2% 1 л", Decimal("1"), Decimal("2.45"), Decimal("2.45")),
    )
    return Receipt(f"LT{till:03d}-{number:05d}", "001", f"{till:02d}"[-2:], datetime.now(timezone.utc), lines)


def run_till(url: str, till: int, sales: int, cards: Sequence[str], timeout: float) -> TillLog:
    """One till's sales against the service at `url`."""
    from loyalty_client.soap.client import SoapLoyaltyService

    log = TillLog()
    with SoapLoyaltyService(url, timeout_seconds=timeout) as service:
        threshold = service.get_program("001").confirmation_threshold
        for number in range(sales):
            card = cards[(till * sales + number) % len(cards)]
            customer = _timed(log, "identify", lambda: service.identify(Identifier(IdentifierKind.CARD, card), "001", "01"))
            if customer is None:
                continue
            receipt = _receipt(till, number)
            calc = _timed(log, "calculate", lambda: service.calculate(customer.customer_id, receipt))
            if calc is None:
                continue
            key = str(uuid.uuid4())
            redeem, offline = ZERO, False
            wanted = min(calc.max_redeem, threshold - Decimal("0.01"), Decimal("5.00"))
            if number % 4 == 3 and wanted > ZERO:
                reserved = _timed(log, "reserve", lambda: service.reserve(key, customer.customer_id, receipt, wanted))
                redeem = ZERO if reserved is None else reserved.redeem
            now = datetime.now(timezone.utc)
            args = (key, customer.customer_id, receipt, redeem, FiscalDocument(f"{till}-{number}", now), offline, now)
            result = _timed(log, "commit", lambda: service.commit(*args))
            if result is None:
                log.failed.append(key)
                continue
            log.committed[key] = result
            log.commit_args[key] = args
            if number % 10 == 9:
                refund_id = f"RF-{uuid.uuid4()}"
                refunded = _timed(log, "refund", lambda: service.refund(refund_id, key, [RefundLine(1, Decimal("1"))]))
                if refunded is not None:
                    log.refunds.append(refund_id)
    return log


def enrol_members(db_url: str, count: int) -> list[str]:
    """`count` new active members for this run, each with `STARTING_POINTS` to spend; their card numbers."""
    from sqlalchemy.orm import Session

    from loyalty_client.sandbox.storage import ledger
    from loyalty_client.sandbox.storage.database import make_engine
    from loyalty_client.sandbox.storage.models import CustomerRow

    run = secrets.randbelow(10**5)
    engine = make_engine(db_url)
    cards = []
    try:
        with Session(engine) as session, session.begin():
            now = datetime.now(timezone.utc)
            for number in range(count):
                customer_id = f"LT{run:05d}{number:05d}"
                cards.append(f"7{run:05d}{number:07d}")
                session.add(
                    CustomerRow(
                        id=customer_id, display_name=f"Участник {number}", phone=f"+99{run:05d}{number:06d}",
                        card_number=cards[-1], status="active", account=f"9{secrets.randbelow(10**9):09d}",
                        totp_secret=secrets.token_hex(20), purchases_12m=ZERO, birth_date=None,
                        marketing_consent=False, created_at=now,
                    )
                )
                session.flush()
                account = ledger.open_account(session, customer_id, now)
                ledger.accrue(session, account, STARTING_POINTS, f"LOAD-TEST-{run:05d}", now, hold_days=0)
    finally:
        engine.dispose()
    return cards


def check_in_database(db_url: str, logs: Sequence[TillLog]) -> list[str]:
    """Problems with the ledger: a committed sale or refund not recorded exactly once, a failed one recorded."""
    from sqlalchemy import func, select

    from loyalty_client.sandbox.storage.database import make_engine
    from loyalty_client.sandbox.storage.models import TransactionRow

    expected = {("purchase", key): 1 for log in logs for key in log.committed}
    expected.update({("refund", key): 1 for log in logs for key in log.refunds})
    expected.update({("purchase", key): 0 for log in logs for key in log.failed})
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            keys = [key for _, key in expected]
            found: Counter[tuple[str, str]] = Counter()
            for start in range(0, len(keys), 500):
                rows = connection.execute(
                    select(TransactionRow.kind, TransactionRow.key, func.count())
                    .where(TransactionRow.key.in_(keys[start : start + 500]))
                    .group_by(TransactionRow.kind, TransactionRow.key)
                )
                found.update({(kind, key): count for kind, key, count in rows})
    finally:
        engine.dispose()
    return [f"{kind} {key}: recorded {found[(kind, key)]} times, expected {times}"
            for (kind, key), times in expected.items() if found[(kind, key)] != times]


def check_by_replay(url: str, logs: Sequence[TillLog], timeout: float) -> list[str]:
    """Problems found by committing every committed sale again: each must answer as the first time."""
    from loyalty_client.soap.client import SoapLoyaltyService

    problems = []
    with SoapLoyaltyService(url, timeout_seconds=timeout) as service:
        for log in logs:
            for key, first in log.committed.items():
                try:
                    again = service.commit(*log.commit_args[key])
                except LoyaltyError as error:
                    problems.append(f"purchase {key}: committed again, answered {error.code}")
                    continue
                if again != first:
                    problems.append(f"purchase {key}: committed again, answered otherwise than the first time")
    return problems


def _percentile(values: list[float], share: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


def report(logs: Sequence[TillLog], seconds: float, out: TextIO) -> None:
    """Throughput and, per operation, calls, faults and p50/p95 latency."""
    sales = sum(len(log.committed) for log in logs)
    calls = sum(len(values) for log in logs for values in log.seconds.values())
    out.write(f"sales committed: {sales} in {seconds:.1f} s: {sales / seconds:.1f} sales/s, {calls / seconds:.1f} calls/s\n")
    out.write(f"  {'operation':10} {'calls':>7} {'faults':>7} {'p50 ms':>8} {'p95 ms':>8}\n")
    for operation in OPERATIONS:
        values = [value for log in logs for value in log.seconds.get(operation, [])]
        faults = sum(count for log in logs for name, count in log.faults.items() if name.startswith(operation + " "))
        if values:
            out.write(
                f"  {operation:10} {len(values):>7} {faults:>7} {1000 * _percentile(values, 50):>8.1f}"
                f" {1000 * _percentile(values, 95):>8.1f}\n"
            )
    faults = Counter[str]()
    for log in logs:
        faults.update(log.faults)
    if faults:
        out.write("  faults: " + ", ".join(f"{name} ×{count}" for name, count in faults.most_common()) + "\n")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {text!r}")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    from loyalty_client.sandbox.commands.command_line import OneLineParser

    parser = OneLineParser(prog=PROG, description="Simulate many tills against one loyalty service and check its ledger.")
    parser.add_argument("--service", required=True, metavar="URL", help="the service's SOAP address")
    parser.add_argument("--tills", type=_positive, default=10, help="tills selling at once (threads)")
    parser.add_argument("--sales", type=_positive, default=20, help="sales per till")
    parser.add_argument("--db", metavar="URL", help="the service's sandbox database: enrol members there, check the ledger there")
    parser.add_argument("--members", type=_positive, default=200, help="members to enrol with --db")
    parser.add_argument("--timeout", type=float, default=30.0, help="each call's deadline, seconds")
    return parser


def main(argv: Sequence[str], stdout: TextIO | None = None) -> int:
    """Run `sandbox load-test`; returns the exit status."""
    from loyalty_client.sandbox.commands.command_line import EXIT_BAD_INPUT
    from loyalty_client.sandbox.demo import DEMO_CUSTOMERS
    from loyalty_client.sandbox.storage.db_url import DatabaseUrlError, check_url
    from loyalty_client.types import CustomerStatus

    args = _parser().parse_args(list(argv))
    out = stdout or sys.stdout
    if args.db is not None:
        try:
            check_url(args.db, must_exist=True)
        except DatabaseUrlError as exc:
            print(f"sandbox load-test: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        cards = enrol_members(args.db, args.members)
    else:
        cards = [c.card_number for c in DEMO_CUSTOMERS if c.status is CustomerStatus.ACTIVE and c.card_number]
    out.write(f"load test: {args.tills} tills × {args.sales} sales against {args.service} ({len(cards)} members)\n")
    out.flush()
    logs: list[TillLog | None] = [None] * args.tills
    errors: list[BaseException] = []

    def till(number: int) -> None:
        try:
            logs[number] = run_till(args.service, number, args.sales, cards, args.timeout)
        except BaseException as exc:  # reported below: one till's crash must not hide the others'
            errors.append(exc)

    started = time.perf_counter()
    threads = [threading.Thread(target=till, args=(number,), name=f"till-{number}") for number in range(args.tills)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    done = [log for log in logs if log is not None]
    report(done, seconds, out)
    for error in errors:
        out.write(f"  a till stopped: {type(error).__name__}: {error}\n")
    if args.db is not None:
        problems, how = check_in_database(args.db, done), "in the sandbox database"
    else:
        problems, how = check_by_replay(args.service, done, args.timeout), "by committing each sale again"
    sales = sum(len(log.committed) for log in done)
    refunds = sum(len(log.refunds) for log in done)
    if problems or errors:
        out.write(f"ledger check ({how}): FAILED, {len(problems)} problems\n")
        for problem in problems[:20]:
            out.write(f"  {problem}\n")
        out.flush()
        return 1
    out.write(f"ledger check ({how}): OK, {sales} sales and {refunds} refunds each recorded once\n")
    out.flush()
    return 0
