"""Commit to durable: how long the till takes to keep a sale on disk before it says "done".

Times `OutboxRecorder.record_commit` (the checkout's recorder: the commit payload built, the
journal row and its outbox row written and the sale's open sale deleted in one BEGIN IMMEDIATE
transaction, WAL, synchronous=FULL) for a three-line receipt, beside two floors measured in the
same run on the same folder with the same pragmas through plain `sqlite3`:

- raw insert: one INSERT of the same payload text in its own transaction (the least a durable
  write costs on this disk);
- raw same rows: the journal and outbox rows of the same sale, inserted by hand in one
  transaction (the same durable work with no library around it).

The open sale the checkout keeps before fiscalising (`OutboxRecorder.fiscalising`) is written
before each commit and timed too (another durable write, made before the registrar prints).
Calls are interleaved (ours, raw insert, raw same rows, ...) so drift touches all alike.
Prints p50 / p95 / mean and the ratios; targets: p95 under 10 ms and within 2x the raw insert.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import tempfile
import time
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from app.offline.outbox_sync import commit_payload
from app.checkout.recorder import OutboxRecorder
from bench.soap_roundtrip import Timings, print_table
from cache.database import open_database
from cache.engine import DEFAULT_BUSY_TIMEOUT_MS, configure_connection
from cache.transactions.outbox import dumps
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine

TARGET_P95_MS = 10.0
TARGET_RATIO = 2.0


def receipt(key: str) -> Receipt:
    """A three-line receipt like the demo host's."""
    now = datetime.now(timezone.utc)
    return Receipt(
        key[:18],
        "001",
        "01",
        now,
        (
            ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", Decimal("2"), Decimal("15.90"), Decimal("31.80")),
            ReceiptLine(2, "4810001000011", "Молоко 3,2% 1 л", Decimal("1"), Decimal("2.49"), Decimal("2.49")),
            ReceiptLine(
                3, "4810001000066", "Вино столовое 0,75 л", Decimal("1"), Decimal("12.50"), Decimal("12.50"),
                min_price=Decimal("9.00"),
            ),
        ),
    )


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the till's pragmas (WAL, synchronous=FULL, busy timeout)."""
    connection = sqlite3.connect(path, timeout=DEFAULT_BUSY_TIMEOUT_MS / 1000)
    configure_connection(connection)
    return connection


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench durable_commit", description=__doc__)
    parser.add_argument("-n", "--iterations", type=int, default=500, help="measured commits of each kind")
    parser.add_argument("--warmup", type=int, default=30, help="commits of each kind before measuring")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the database files (default: a temp folder)")
    args, _ = parser.parse_known_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="till-bench-", dir=args.dir))
    try:
        database = open_database(folder / "till.sqlite")
        recorder = OutboxRecorder(database)
        open_database(folder / "raw.sqlite").close()  # the same schema, written to by hand
        raw = raw_connection(folder / "raw.sqlite")
        single = raw_connection(folder / "single.sqlite")
        single.execute("CREATE TABLE sale (id INTEGER PRIMARY KEY, key TEXT UNIQUE, payload TEXT)")
        ours, floor, same = Timings("record_commit (journal + outbox)"), Timings("raw insert (one row)"), Timings(
            "raw same rows (journal + outbox)"
        )
        opened = Timings("open sale (before fiscalising)")
        print(f"Durable commits in {folder} ({args.iterations} measured, {args.warmup} warm-up, interleaved)")
        for round_no in range(args.warmup + args.iterations):
            key = str(uuid.uuid4())
            sale = receipt(key)
            now = datetime.now(timezone.utc)
            fiscal = FiscalDocument(str(round_no), now)

            open_started = time.perf_counter()
            recorder.fiscalising(
                transaction_id=key, customer_id="C0001", receipt=sale, redeem=Decimal("3.00"), offline=False,
                reserved=True,
            )
            started = time.perf_counter()
            recorder.record_commit(
                transaction_id=key, customer_id="C0001", receipt=sale, redeem=Decimal("3.00"),
                fiscal=fiscal, offline=False, occurred_at=now,
            )
            mid = time.perf_counter()

            text = dumps(commit_payload(key, "C0001", sale, Decimal("3.00"), fiscal, False, now))
            raw_started = time.perf_counter()
            single.execute("BEGIN IMMEDIATE")
            single.execute("INSERT INTO sale (key, payload) VALUES (?, ?)", (key, text))
            single.execute("COMMIT")
            raw_mid = time.perf_counter()

            stamp = now.replace(tzinfo=None).isoformat(sep=" ")
            raw.execute("BEGIN IMMEDIATE")
            journal_id = raw.execute(
                "INSERT INTO journal (operation, key, customer_id, payload, recorded_at) VALUES ('commit', ?, ?, ?, ?)",
                (key, "C0001", text, stamp),
            ).lastrowid
            raw.execute(
                "INSERT INTO outbox (journal_id, operation, customer_id, idempotency_key, payload, state, attempts,"
                " next_attempt_at, created_at, updated_at) VALUES (?, 'commit', ?, ?, ?, 'pending', 0, ?, ?, ?)",
                (journal_id, "C0001", key, text, stamp, stamp, stamp),
            )
            raw.execute("COMMIT")
            raw_end = time.perf_counter()

            if round_no >= args.warmup:
                ours.samples.append((mid - started) * 1000)
                opened.samples.append((started - open_started) * 1000)
                floor.samples.append((raw_mid - raw_started) * 1000)
                same.samples.append((raw_end - raw_mid) * 1000)
        raw.close()
        single.close()
        database.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print_table([ours, floor, same, opened])
    print("\n  ratio                                    p50      p95     mean")
    for theirs in (floor, same):
        print(
            f"  ours / {theirs.label:31} {ours.p50 / theirs.p50:>6.2f}x {ours.p95 / theirs.p95:>6.2f}x"
            f" {ours.mean / theirs.mean:>6.2f}x"
        )
    print(
        f"\n  targets: p95 under {TARGET_P95_MS:g} ms ({ours.p95:.2f} ms: {'met' if ours.p95 < TARGET_P95_MS else 'NOT met'}),"
        f" within {TARGET_RATIO:g}x the raw insert at p95 ({ours.p95 / floor.p95:.2f}x:"
        f" {'met' if ours.p95 / floor.p95 <= TARGET_RATIO else 'NOT met'})"
    )
    print(f"  (disk: {os.path.realpath(tempfile.gettempdir() if args.dir is None else args.dir)})")
