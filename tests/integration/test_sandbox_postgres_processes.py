"""Two sandbox processes on one PostgreSQL database, 16 tills at once against one member's balance.

Nothing in one process can keep the other in step: whatever holds must be held by the database.
Each till (a thread with the till's own SOAP client) reserves, commits, replays its commit on the
other process, refunds, replays the refund there, or cancels; afterwards the ledger shows the
balance never went below zero, no more was redeemed than there was, no purchase or refund counted
twice, and the member's purchase sum (their tier) counts every purchase and return exactly once.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal as D
from pathlib import Path
from typing import IO, Iterator

import pytest
from sqlalchemy import Engine, select

from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client.errors import InsufficientBalance
from loyalty_client.sandbox.clock import SandboxClock
from loyalty_client.sandbox.demo import ANNA, DEMO_STORE_ID
from loyalty_client.sandbox.storage.models import CustomerRow, LedgerEntry, PointAccount, TransactionRow
from loyalty_client.sandbox.serving.server import prepare_database
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import FiscalDocument, RefundLine
from tests.integration.sandbox_soap import Line, SoapTill, text
from tests.pg_server import PgServer

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"^SANDBOX LISTENING (http://127\.0\.0\.1:\d+/)$")
PROCESSES = 2
TILLS = 16
ROUNDS = 3
REDEEM = D("15.00")  # below the demo's confirmation threshold (20.00): no one-time code needed
PRICE = D("20.00")
TIMEOUT = 60


@dataclass
class Outcome:
    """What one till saw: the purchases it committed, refunded and cancelled, and its refusals."""

    committed: dict[str, D] = field(default_factory=dict)  # transaction id -> money paid
    refunded: dict[str, D] = field(default_factory=dict)  # refund id -> points given back
    cancelled_reservations: list[str] = field(default_factory=list)
    refused: int = 0
    replays_differing: list[str] = field(default_factory=list)


@pytest.fixture
def database(postgres_server: PgServer) -> Iterator[str]:
    name = f"processes_{uuid.uuid4().hex[:16]}"
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        postgres_server.drop_database(name)


def _start(url: str, log: IO[str], *command: str) -> tuple[subprocess.Popen[str], str]:
    """Start a sandbox process on database `url` (by default `python -m loyalty_client.sandbox.cli`)."""
    process = subprocess.Popen(
        [*(command or (sys.executable, "-m", "loyalty_client.sandbox.cli")), "--db", url, "--port", "0", "--no-seed"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    first = process.stdout.readline().strip()
    found = LISTENING.match(first)
    if found is None:
        process.kill()
        process.wait(TIMEOUT)
        raise AssertionError(f"the sandbox did not start: {first!r}")
    threading.Thread(target=lambda: [None for _ in process.stdout or ()], daemon=True).start()  # keep draining
    return process, found.group(1)


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    assert process.wait(TIMEOUT) == 0
    if process.stdout is not None:
        process.stdout.close()


def _receipt(transaction_id: str) -> Receipt:
    return Receipt(
        receipt_id=f"R-{transaction_id}",
        store_id=DEMO_STORE_ID,
        till_id="01",
        opened_at=datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc),
        lines=(ReceiptLine(1, "SKU-1", "Кофе", D("2"), PRICE, PRICE * 2),),
    )


def _till(number: int, urls: list[str], start: threading.Barrier) -> Outcome:
    """One till: its own SOAP client on each process, `ROUNDS` sales against Anna's balance."""
    outcome = Outcome()
    home, other = (SoapLoyaltyService(urls[(number + k) % PROCESSES], timeout_seconds=TIMEOUT) for k in range(2))
    with home, other:
        start.wait(TIMEOUT)
        for round_ in range(ROUNDS):
            transaction_id = f"T-{number}-{round_}"
            receipt = _receipt(transaction_id)
            try:
                home.reserve(transaction_id, ANNA.customer_id, receipt, REDEEM)
            except InsufficientBalance:
                outcome.refused += 1
                continue
            if (number + round_) % 4 == 3:
                home.cancel(transaction_id)
                outcome.cancelled_reservations.append(transaction_id)
                continue
            fiscal = FiscalDocument(f"FD-{transaction_id}", datetime.now(timezone.utc))
            occurred = datetime.now(timezone.utc)
            args = (transaction_id, ANNA.customer_id, receipt, REDEEM, fiscal, False, occurred)
            first = home.commit(*args)
            if other.commit(*args) != first:  # the same sale replayed on the other process
                outcome.replays_differing.append(transaction_id)
            outcome.committed[transaction_id] = receipt.total - REDEEM
            if (number + round_) % 2 == 1:
                refund_id = f"RF-{transaction_id}"
                lines = [RefundLine(1, D("1"))]
                refund = other.refund(refund_id, transaction_id, lines)
                if home.refund(refund_id, transaction_id, lines) != refund:
                    outcome.replays_differing.append(refund_id)
                outcome.refunded[refund_id] = refund.redeem_returned
    return outcome


def _ledger(engine: Engine, after_id: int) -> list[tuple[str, D, str | None]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(LedgerEntry.kind, LedgerEntry.amount, LedgerEntry.reference)
            .where(
                LedgerEntry.customer_id == ANNA.customer_id, LedgerEntry.id > after_id, LedgerEntry.pending.is_(False)
            )
            .order_by(LedgerEntry.id)
        ).all()
    return [(row.kind, row.amount, row.reference) for row in rows]


def test_two_processes_and_sixteen_tills_never_overspend_or_count_twice(database: str, tmp_path: Path) -> None:
    engine = prepare_database(database, seed=True, clock=SandboxClock())
    try:
        with engine.connect() as connection:
            start_balance = connection.scalar(
                select(PointAccount.spendable).where(PointAccount.customer_id == ANNA.customer_id)
            )
            start_purchases = connection.scalar(
                select(CustomerRow.purchases_12m).where(CustomerRow.id == ANNA.customer_id)
            )
            ledger_before = connection.scalar(select(LedgerEntry.id).order_by(LedgerEntry.id.desc()).limit(1)) or 0
        assert start_balance == ANNA.spendable

        processes = []
        with open(tmp_path / "sandboxes.log", "w", encoding="utf-8") as log:
            try:
                for _ in range(PROCESSES):
                    processes.append(_start(database, log))
                urls = [url for _, url in processes]
                start = threading.Barrier(TILLS)
                began = time.perf_counter()
                with ThreadPoolExecutor(max_workers=TILLS) as pool:
                    outcomes = list(pool.map(lambda n: _till(n, urls, start), range(TILLS)))
                took = time.perf_counter() - began
            finally:
                for process, _ in processes:
                    _stop(process)

        committed = {key: paid for o in outcomes for key, paid in o.committed.items()}
        refunded = {key: points for o in outcomes for key, points in o.refunded.items()}
        assert [key for o in outcomes for key in o.replays_differing] == []
        assert sum(o.refused for o in outcomes) > 0, "the balance never ran short: the race was not run"

        # the balance, entry by entry in the order the database wrote them, never went below zero
        entries = _ledger(engine, ledger_before)
        running, lowest = start_balance, start_balance
        for _, amount, _ in entries:
            running += amount
            lowest = min(lowest, running)
        assert lowest >= D("0.00")
        with engine.connect() as connection:
            account = connection.execute(select(PointAccount).where(PointAccount.customer_id == ANNA.customer_id)).one()
            purchases = connection.scalar(select(CustomerRow.purchases_12m).where(CustomerRow.id == ANNA.customer_id))
            recorded = connection.execute(
                select(TransactionRow.kind, TransactionRow.key, TransactionRow.paid).where(
                    TransactionRow.customer_id == ANNA.customer_id
                )
            ).all()
        assert account.spendable == running >= D("0.00")

        # never more redeemed than there was: what was spent net of what came back fits the start
        redeemed = -sum((amount for kind, amount, _ in entries if kind == "redeem"), D("0.00"))
        returned = sum((amount for kind, amount, _ in entries if kind == "returned"), D("0.00"))
        assert redeemed == REDEEM * len(committed)
        assert returned == sum(refunded.values(), D("0.00"))
        assert redeemed - returned <= start_balance

        # no purchase or refund counted twice, nothing counted that no till was told of
        assert Counter(ref for kind, _, ref in entries if kind == "redeem") == Counter(list(committed))
        assert Counter(ref for kind, _, ref in entries if kind == "returned") == Counter(list(refunded))
        assert sorted(key for kind, key, _ in recorded if kind == "purchase") == sorted(committed)
        assert sorted(key for kind, key, _ in recorded if kind == "refund") == sorted(refunded)

        # the tier's purchase sum took in every sale and every return exactly once
        returned_money = sum((paid for kind, _, paid in recorded if kind == "refund"), D("0.00"))
        assert purchases == start_purchases + sum(committed.values(), D("0.00")) - returned_money
        print(
            f"\n{PROCESSES} processes x {TILLS} tills: {len(committed)} purchases committed, "
            f"{len(refunded)} refunded, {sum(len(o.cancelled_reservations) for o in outcomes)} reservations "
            f"cancelled, {sum(o.refused for o in outcomes)} refused for balance; start {start_balance}, "
            f"redeemed {redeemed}, returned {returned}, lowest {lowest}, end {account.spendable}; {took:.1f} s"
        )
    finally:
        engine.dispose()


def test_till_loyalty_sandbox_serves_a_postgresql_url_and_keeps_its_ledger(database: str, tmp_path: Path) -> None:
    plain_url = database.replace("postgresql+psycopg://", "postgresql://")  # the form people type
    command = (sys.executable, "-m", "app", "sandbox")
    engine = prepare_database(plain_url, seed=True, clock=SandboxClock())
    engine.dispose()
    with open(tmp_path / "sandbox.log", "w", encoding="utf-8") as log:
        process, url = _start(plain_url, log, *command)
        try:
            till = SoapTill(url)
            assert text(till.identify("card", ANNA.card_number), "tl:customer/tl:customerId") == ANNA.customer_id
            till.commit("T-PG-1", ANNA.customer_id, (Line(1, "40.00"),), "10.00", offline=True)
        finally:
            _stop(process)
        process, url = _start(plain_url, log, *command)  # a restart finds the sale, and does not repeat it
        try:
            again = SoapTill(url).commit("T-PG-1", ANNA.customer_id, (Line(1, "40.00"),), "10.00", offline=True)
            assert text(again, "tl:transactionId") == "T-PG-1"
        finally:
            _stop(process)
    listed = subprocess.run(
        [*command, "ledger", "--db", plain_url, "--json"], cwd=ROOT, capture_output=True, text=True,
        encoding="utf-8", timeout=TIMEOUT, check=True,
    )
    entries = json.loads(listed.stdout)
    assert [(e["transactionId"], e["kind"], e["redeem"]) for e in entries] == [("T-PG-1", "purchase", "10.00")]
