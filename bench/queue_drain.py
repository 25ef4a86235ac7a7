"""Queue drain: how fast the outbox delivers a backlog of sales to the sandbox on loopback.

A till comes back online with N sales recorded offline (three-line receipts, one sale for each of
N members: a day's backlog is mostly different customers). Measured in the same run, interleaved
in rounds so drift touches all alike, each against the same sandbox (SQLite):

- batched: `OutboxSync.drain` with a batch size of 100 claims up to 100 due rows in one
  transaction, sends them in one DeliverBatch request (contract revision 3), and records each
  row's outcome in one transaction;
- one call per sale: the same drain with a batch size of 1 (claim, CommitPurchase, mark done),
  what a service without DeliverBatch gets;
- the floor: the same number of CommitPurchase calls made directly with the SOAP client, no outbox
  around them (what the service and the wire cost per call).

Prints sales per second, ms per sale, the CPU time the process (the till and the sandbox both: it
runs in a thread here) spent per sale, and the ratios; target: the batched drain delivers at least
1000 sales per second.

The sandbox does a batch in one database transaction (`loyalty_client.sandbox.batch_delivery`), and
the till builds and reads it with lxml (`loyalty_client.soap.batch_envelope`). `--db URL` runs the
sandbox on another database, e.g. an empty PostgreSQL database
(`--db postgresql://user@127.0.0.1:5432/bench`); the default is a new SQLite file.
"""
from __future__ import annotations

import argparse
import secrets
import shutil
import tempfile
import time
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from app.offline.outbox_sync import OutboxSync, commit_payload
from bench.durable_commit import receipt
from cache.database import Database, open_database
from cache.transactions.journal import Journal
from cache.tables import OutboxState
from fiscal.receipt import FiscalDocument
from loyalty_client.batch import MAX_BATCH_ITEMS
from loyalty_client.sandbox import RunningSandbox, start_sandbox
from loyalty_client.sandbox.storage import ledger as sandbox_ledger
from loyalty_client.sandbox.storage.models import CustomerRow
from loyalty_client.soap.client import SoapLoyaltyService

TARGET_PER_SECOND = 1000.0
ZERO = Decimal("0.00")


def enrol(sandbox: RunningSandbox, count: int, group: int) -> list[str]:
    """`count` new active members with empty accounts, written straight into the sandbox's database
    (`group`, 1 to 9, keeps their ids, phones and accounts apart from other groups')."""
    now = sandbox.clock.now()
    with Session(sandbox.engine) as session, session.begin():
        ids = []
        for number in range(count):
            customer_id = f"M{group}{number:06d}"
            ids.append(customer_id)
            session.add(
                CustomerRow(
                    id=customer_id, display_name=f"Участник {customer_id}", phone=f"+3753{group}{number:07d}",
                    card_number=None, status="active", account=f"8{group}{number:08d}", totp_secret=secrets.token_hex(20),
                    purchases_12m=ZERO, birth_date=None, marketing_consent=False, created_at=now,
                )
            )
            session.flush()
            sandbox_ledger.open_account(session, customer_id, now)
    return ids


def record_backlog(database: Database, members: list[str]) -> None:
    """One sale recorded offline for each member."""
    journal = Journal(database)
    recorded_at = datetime.now(timezone.utc)
    for number, customer in enumerate(members):
        key = str(uuid.uuid4())
        payload = commit_payload(
            key, customer, receipt(key), ZERO, FiscalDocument(str(number), recorded_at), True, recorded_at
        )
        journal.record_sale(key, customer, payload, recorded_at)


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench queue_drain", description=__doc__)
    parser.add_argument("-n", "--sales", type=int, default=1000, help="sales in each backlog (and direct calls)")
    parser.add_argument("--round", type=int, default=MAX_BATCH_ITEMS, help="sales per interleaved round")
    parser.add_argument("--warmup", type=int, default=50, help="direct calls before measuring")
    parser.add_argument("--db", help="the sandbox's database URL (an empty database; default: a new SQLite file)")
    args, _ = parser.parse_known_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="till-bench-"))
    try:
        with start_sandbox(args.db or f"sqlite:///{folder / 'sandbox.sqlite'}") as sandbox:
            batched_db = open_database(folder / "batched.sqlite")
            single_db = open_database(folder / "single.sqlite")
            record_backlog(batched_db, enrol(sandbox, args.sales, 1))
            record_backlog(single_db, enrol(sandbox, args.sales, 2))
            direct_members = enrol(sandbox, args.sales + args.warmup, 3)

            batched_client = SoapLoyaltyService(sandbox.url, timeout_seconds=30)
            single_client = SoapLoyaltyService(sandbox.url, timeout_seconds=10)
            direct = SoapLoyaltyService(sandbox.url, timeout_seconds=10)
            batched = OutboxSync(batched_db, batched_client, batch_size=MAX_BATCH_ITEMS)
            single = OutboxSync(single_db, single_client)

            def call_directly(number: int) -> None:
                key = str(uuid.uuid4())
                now = datetime.now(timezone.utc)
                direct.commit(key, direct_members[number], receipt(key), ZERO, FiscalDocument(f"D{number}", now), True, now)

            for number in range(args.warmup):
                call_directly(args.sales + number)
            batched.drain(max_items=1)  # the first batch also builds the client's DeliverBatch parts
            seconds = {"batched": 0.0, "single": 0.0, "direct": 0.0}
            cpu = dict(seconds)
            drained = 1
            requests_before = sandbox.served()
            print(
                f"Draining {args.sales} sales to the sandbox at {sandbox.url} on {sandbox.engine.dialect.name}"
                f" (rounds of {args.round}, interleaved)"
            )
            while drained < args.sales:
                size = min(args.round, args.sales - drained)
                for label, run in (
                    ("batched", lambda: batched.drain(max_items=size).done),
                    ("single", lambda: single.drain(max_items=size).done),
                    ("direct", lambda: [call_directly(drained + n) for n in range(size)] and size),
                ):
                    started, cpu_started = time.perf_counter(), time.process_time()
                    done = run()
                    seconds[label] += time.perf_counter() - started
                    cpu[label] += time.process_time() - cpu_started
                    if done != size:
                        raise RuntimeError(f"{label}: delivered {done} of {size}")
                drained += size
            single.drain(max_items=1)
            served = sandbox.served() - requests_before
            done_batched = batched.outbox.counts()[OutboxState.DONE]
            done_single = single.outbox.counts()[OutboxState.DONE]
            for client in (batched_client, single_client, direct):
                client.close()
            batched_db.close()
            single_db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    measured = drained - 1
    rates = {label: measured / seconds[label] for label in seconds}
    print(f"  {'':44} {'n':>6} {'sales/s':>9} {'ms/sale':>8} {'cpu ms/sale':>12}")
    for label, text in (
        ("batched", "batched drain (DeliverBatch, 100 a request)"),
        ("single", "drain, one CommitPurchase per sale"),
        ("direct", "floor: direct CommitPurchase calls"),
    ):
        print(f"  {text:44} {measured:>6} {rates[label]:>9.1f} {1000 / rates[label]:>8.2f} {1000 * cpu[label] / measured:>12.2f}")
    print(f"\n  batched / one call per sale: {rates['batched'] / rates['single']:.1f}x;"
          f" batched / floor of direct calls: {rates['batched'] / rates['direct']:.1f}x")
    print(f"  requests the sandbox served while measuring: {dict(served)}")
    print(f"  rows done: batched {done_batched}, one call per sale {done_single} (of {args.sales} each)")
    print(
        f"  target: the batched drain at least {TARGET_PER_SECOND:g} sales per second"
        f" ({rates['batched']:.0f}/s: {'met' if rates['batched'] >= TARGET_PER_SECOND else 'NOT met'})"
    )
