"""Queue drain: how fast the outbox delivers a backlog of sales to the sandbox on loopback.

A till comes back online with N sales recorded offline (three-line receipts, the demo members
in turn). `OutboxSync.drain` delivers them one by one: claim (a short transaction), CommitPurchase
through the SOAP client, mark done with the answer (another transaction). Measured in the same
run, interleaved in batches so drift touches all alike:

- the floor: the same number of CommitPurchase calls made directly with the SOAP client against
  the same sandbox, no outbox around them (what the service and the wire cost);
- the outbox alone: a second backlog drained into an in-process service that answers at once
  (what claiming, rebuilding the call and marking done cost).

Prints transactions per second, ms per transaction, the CPU time the process (the till and the
sandbox both: it runs in a thread here) spent per transaction, and the ratios; target: at least
200 transactions per second.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from app.offline.outbox_sync import OutboxSync, commit_payload
from bench.durable_commit import receipt
from cache.database import open_database
from cache.journal import Journal
from cache.tables import OutboxState
from fiscal.receipt import FiscalDocument
from loyalty_client.sandbox import start_sandbox
from loyalty_client.sandbox.demo import DEMO_CUSTOMERS
from loyalty_client.soap_client import SoapLoyaltyService
from loyalty_client.types import Balance, CommitResult, CustomerStatus

TARGET_PER_SECOND = 200.0
CUSTOMERS = [c.customer_id for c in DEMO_CUSTOMERS if c.status is not CustomerStatus.BLOCKED]
ZERO = Decimal("0.00")


class InstantService:
    """A loyalty service that accepts every commit at once (to time the outbox alone)."""

    def commit(self, transaction_id: str, *_args: object) -> CommitResult:
        """The answer a commit of nothing would get."""
        return CommitResult(transaction_id, ZERO, ZERO, Balance(ZERO, ZERO, ZERO))


def record_backlog(journal: Journal, sales: int) -> None:
    """`sales` sales recorded offline, the demo members in turn."""
    recorded_at = datetime.now(timezone.utc)
    for number in range(sales):
        key = str(uuid.uuid4())
        customer = CUSTOMERS[number % len(CUSTOMERS)]
        payload = commit_payload(
            key, customer, receipt(key), ZERO, FiscalDocument(str(number), recorded_at), True, recorded_at
        )
        journal.record_sale(key, customer, payload, recorded_at)


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench queue_drain", description=__doc__)
    parser.add_argument("-n", "--sales", type=int, default=1000, help="sales in the backlog (and direct calls)")
    parser.add_argument("--batch", type=int, default=100, help="sales per interleaved batch")
    parser.add_argument("--warmup", type=int, default=50, help="direct calls before measuring")
    args, _ = parser.parse_known_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="till-bench-"))
    try:
        with start_sandbox() as sandbox:
            database = open_database(folder / "till.sqlite")
            record_backlog(Journal(database), args.sales)
            alone_database = open_database(folder / "alone.sqlite")
            record_backlog(Journal(alone_database), args.sales)
            alone = OutboxSync(alone_database, InstantService())  # type: ignore[arg-type]

            sync_client = SoapLoyaltyService(sandbox.url, timeout_seconds=10)
            direct = SoapLoyaltyService(sandbox.url, timeout_seconds=10)
            sync = OutboxSync(database, sync_client)

            def call_directly(number: int) -> None:
                key = str(uuid.uuid4())
                now = datetime.now(timezone.utc)
                direct.commit(
                    key, CUSTOMERS[number % len(CUSTOMERS)], receipt(key), Decimal("0.00"),
                    FiscalDocument(f"D{number}", now), True, now,
                )

            for number in range(args.warmup):
                call_directly(number)
            drained = direct_calls = 0
            drain_seconds = direct_seconds = alone_seconds = 0.0
            drain_cpu = direct_cpu = alone_cpu = 0.0
            print(f"Draining {args.sales} sales to the sandbox at {sandbox.url} (batches of {args.batch}, interleaved)")
            while drained < args.sales:
                batch = min(args.batch, args.sales - drained)
                started, cpu = time.perf_counter(), time.process_time()
                report = sync.drain(max_items=batch)
                drain_seconds += time.perf_counter() - started
                drain_cpu += time.process_time() - cpu
                if report.done != batch:
                    raise RuntimeError(f"the drain delivered {report.done} of {batch}: {report.reports[-1:]}")
                drained += batch
                started, cpu = time.perf_counter(), time.process_time()
                for _ in range(batch):
                    call_directly(direct_calls)
                    direct_calls += 1
                direct_seconds += time.perf_counter() - started
                direct_cpu += time.process_time() - cpu
                started, cpu = time.perf_counter(), time.process_time()
                if alone.drain(max_items=batch).done != batch:
                    raise RuntimeError("the outbox alone did not deliver its batch")
                alone_seconds += time.perf_counter() - started
                alone_cpu += time.process_time() - cpu
            done = sync.outbox.counts()[OutboxState.DONE]
            sync_client.close()
            direct.close()
            database.close()
            alone_database.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    drain_rate = drained / drain_seconds
    direct_rate = direct_calls / direct_seconds
    alone_rate = drained / alone_seconds
    print(f"  {'':40} {'n':>6} {'tx/s':>9} {'ms/tx':>8} {'cpu ms/tx':>10}")
    for label, rate, cpu in (
        ("outbox drain to the sandbox", drain_rate, drain_cpu),
        ("floor: direct CommitPurchase calls", direct_rate, direct_cpu),
        ("outbox alone (instant service)", alone_rate, alone_cpu),
    ):
        print(f"  {label:40} {drained:>6} {rate:>9.1f} {1000 / rate:>8.2f} {1000 * cpu / drained:>10.2f}")
    print(f"\n  drain / floor rate: {drain_rate / direct_rate:.2f}x  (the outbox adds"
          f" {1000 / drain_rate - 1000 / direct_rate:.2f} ms per transaction; alone it takes {1000 / alone_rate:.2f} ms)")
    print(f"  rows done in the outbox: {done}")
    print(
        f"  target: at least {TARGET_PER_SECOND:g} transactions per second"
        f" ({drain_rate:.0f}/s: {'met' if drain_rate >= TARGET_PER_SECOND else 'NOT met'};"
        f" the floor, with no outbox, {direct_rate:.0f}/s; the outbox alone {alone_rate:.0f}/s)"
    )
