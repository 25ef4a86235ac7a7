"""Queue drain: how fast the outbox delivers a backlog of sales to a sandbox in its own process.

A till comes back online with N sales recorded offline (three-line receipts, one sale for each of
N members: a day's backlog is mostly different customers). The sandbox runs as a store runs it,
in a process of its own (`python -m app sandbox`, started once the members are enrolled in its
database), so its CPU is not the till's. Measured in the same run, interleaved in rounds so drift
touches all alike, each against that sandbox:

- batched, two under way: `OutboxSync.drain` with a batch size of 100 and a second client: while
  the sandbox works on one DeliverBatch request (contract revision 3) of up to 100 rows, the till
  records the outcomes of the one before and claims and prepares the next;
- batched, one at a time: the same drain with one client (claim, send, wait, record);
- one call per sale: the same drain with a batch size of 1 (claim, CommitPurchase, mark done),
  what a service without DeliverBatch gets;
- the floor: the same number of CommitPurchase calls made directly with the SOAP client, no outbox
  around them (what the service and the wire cost per call).

Prints sales per second, ms per sale, the CPU time per sale of the till (this process, its
sender threads included) and of the sandbox (its process's utime + stime from /proc), how busy
each kept a core, how many of the machine's cores stood idle meanwhile (/proc/stat: on a machine
shared with other work, whether there was CPU to spare), and the ratios; target: the batched
drain delivers at least 1000 sales per second. It then checks the sandbox's records: each sale once.

The sandbox does a batch in one database transaction (`loyalty_client.sandbox.batch_delivery`), and
the till builds and reads it with lxml (`loyalty_client.soap.batch_envelope`). `--db URL` runs the
sandbox on another database, e.g. an empty PostgreSQL database
(`--db postgresql://user@127.0.0.1:5432/bench`); the default is a new SQLite file. The members are
enrolled through a sandbox started in this process for the moment (it creates the schema), which is
stopped before the sandbox process starts on the same database.
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine
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
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
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


def sandbox_process(database_url: str) -> tuple[subprocess.Popen[str], str]:
    """`till-loyalty sandbox` on a free loopback port, serving `database_url`: its process and URL."""
    command = [sys.executable, "-m", "app", "sandbox", "--host", "127.0.0.1", "--port", "0", "--db", database_url]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("SANDBOX LISTENING "):
            return process, line.split()[2]
    raise RuntimeError(f"the sandbox did not start (exit {process.wait()})")


_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def cpu_seconds_of(pid: int) -> float:
    """The CPU time (user + system) process `pid` has used so far, from /proc/PID/stat."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / _TICKS_PER_SECOND


def machine_idle_seconds() -> float:
    """CPU time all cores of the machine have spent idle so far (idle + iowait), from /proc/stat."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    return (int(fields[3]) + int(fields[4])) / _TICKS_PER_SECOND


VARIANTS = (
    ("pipelined", "batched drain, two requests under way"),
    ("batched", "batched drain, one request at a time"),
    ("single", "drain, one CommitPurchase per sale"),
    ("direct", "floor: direct CommitPurchase calls"),
)
WARMUP_ROWS = 2  # rows each drain delivers before measuring (the pipelined one: one on each client)


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench queue_drain", description=__doc__)
    parser.add_argument("-n", "--sales", type=int, default=1000, help="sales in each backlog (and direct calls)")
    parser.add_argument("--round", type=int, default=500, help="sales per interleaved round")
    parser.add_argument("--warmup", type=int, default=50, help="direct calls before measuring")
    parser.add_argument("--db", help="the sandbox's database URL (an empty database; default: a new SQLite file)")
    args, _ = parser.parse_known_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="till-bench-"))
    database_url = args.db or f"sqlite:///{folder / 'sandbox.sqlite'}"
    process: subprocess.Popen[str] | None = None
    try:
        with start_sandbox(database_url) as enrolling:
            dialect = enrolling.engine.dialect.name
            backlogs = {
                label: open_database(folder / f"{label}.sqlite") for label in ("pipelined", "batched", "single")
            }
            for group, (label, database) in enumerate(backlogs.items(), start=1):
                record_backlog(database, enrol(enrolling, args.sales + WARMUP_ROWS, group))
            direct_members = enrol(enrolling, args.sales + args.warmup, 4)
        process, url = sandbox_process(database_url)

        clients = [SoapLoyaltyService(url, timeout_seconds=30) for _ in range(5)]
        direct = clients[4]
        syncs = {
            "pipelined": OutboxSync(
                backlogs["pipelined"], clients[0], batch_size=MAX_BATCH_ITEMS, second_service=clients[1]
            ),
            "batched": OutboxSync(backlogs["batched"], clients[2], batch_size=MAX_BATCH_ITEMS),
            "single": OutboxSync(backlogs["single"], clients[3]),
        }

        def call_directly(number: int) -> None:
            key = str(uuid.uuid4())
            now = datetime.now(timezone.utc)
            direct.commit(key, direct_members[number], receipt(key), ZERO, FiscalDocument(f"D{number}", now), True, now)

        for number in range(args.warmup):
            call_directly(args.sales + number)
        for sync in syncs.values():  # the first batches also build each client's DeliverBatch parts
            for _ in range(WARMUP_ROWS):
                sync.drain(max_items=1)
        seconds = {label: 0.0 for label, _ in VARIANTS}
        cpu = dict(seconds)
        sandbox_cpu = dict(seconds)
        idle = dict(seconds)
        print(
            f"Draining {args.sales} sales to the sandbox process at {url} on {dialect}"
            f" (rounds of {args.round}, interleaved); load average {os.getloadavg()[0]:.2f}"
        )
        drained = 0
        while drained < args.sales:
            size = min(args.round, args.sales - drained)
            runs = {label: (lambda sync=sync: sync.drain(max_items=size).done) for label, sync in syncs.items()}
            runs["direct"] = lambda: [call_directly(drained + n) for n in range(size)] and size
            for label, _ in VARIANTS:
                started, cpu_started = time.perf_counter(), time.process_time()
                sandbox_started, idle_started = cpu_seconds_of(process.pid), machine_idle_seconds()
                done = runs[label]()
                seconds[label] += time.perf_counter() - started
                cpu[label] += time.process_time() - cpu_started
                sandbox_cpu[label] += cpu_seconds_of(process.pid) - sandbox_started
                idle[label] += machine_idle_seconds() - idle_started
                if done != size:
                    raise RuntimeError(f"{label}: delivered {done} of {size}")
            drained += size
        load_after = os.getloadavg()[0]
        done_rows = {label: sync.outbox.counts()[OutboxState.DONE] for label, sync in syncs.items()}
        for client in clients:
            client.close()
        for database in backlogs.values():
            database.close()
    finally:
        if process is not None:
            process.terminate()
            process.wait(10)
    try:
        engine = create_engine(database_url)
        stored = Counter(entry["transactionId"] for entry in recorded_transactions(engine))
        engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    measured = drained
    rates = {label: measured / seconds[label] for label in seconds}
    cores = os.cpu_count() or 1
    print(
        f"  {'':40} {'n':>6} {'sales/s':>9} {'ms/sale':>8} {'till cpu ms':>12} {'sandbox cpu ms':>15}"
        f" {'busy till/sandbox':>18} {'idle cores':>11}"
    )
    for label, text in VARIANTS:
        busy = f"{cpu[label] / seconds[label]:.0%} / {sandbox_cpu[label] / seconds[label]:.0%}"
        print(
            f"  {text:40} {measured:>6} {rates[label]:>9.1f} {1000 / rates[label]:>8.2f}"
            f" {1000 * cpu[label] / measured:>12.2f} {1000 * sandbox_cpu[label] / measured:>15.2f} {busy:>18}"
            f" {idle[label] / seconds[label]:>6.2f} of {cores}"
        )
    print(
        f"\n  two under way / one at a time: {rates['pipelined'] / rates['batched']:.2f}x;"
        f" batched (two under way) / one call per sale: {rates['pipelined'] / rates['single']:.1f}x;"
        f" / floor of direct calls: {rates['pipelined'] / rates['direct']:.1f}x"
    )
    each = args.sales + WARMUP_ROWS
    print(f"  rows done: {done_rows} (of {each} each); load average {load_after:.2f} at the end")
    print(
        f"  the sandbox recorded {len(stored)} transactions, each once: {all(count == 1 for count in stored.values())}"
        f" (expected {3 * each + args.sales + args.warmup})"
    )
    print(
        f"  target: the batched drain at least {TARGET_PER_SECOND:g} sales per second"
        f" ({rates['pipelined']:.0f}/s: {'met' if rates['pipelined'] >= TARGET_PER_SECOND else 'NOT met'})"
    )
