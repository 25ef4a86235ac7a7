"""A till killed with SIGKILL in the middle of recording sales loses none it reported as recorded.

A child process records sales in a loop and prints each transaction id only after the commit
returned. The parent kills it (SIGKILL: no clean-up of any kind) while it is writing, several
times over on the same file, then checks the file: intact, and every reported sale is there
with its outbox row. Finally a sync run delivers every recorded sale exactly once.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Sequence

import pytest

from app.offline.outbox_sync import OutboxSync, SyncOutcome
from cache.database import open_database
from cache.tables import OutboxState
from fiscal.receipt import FiscalDocument, Receipt
from loyalty_client.types import Balance, CancelResult, CommitResult, RefundLine, RefundResult

pytestmark = pytest.mark.integration

WRITER = Path(__file__).with_name("outbox_sale_writer.py")
ROOT = Path(__file__).resolve().parents[2]


def run_and_kill(path: Path, prefix: str, kill_after: int) -> list[str]:
    """Start the writer, SIGKILL it once it reported `kill_after` sales; all the ids it printed."""
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(path), prefix],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first == "ready\n", child.stderr.read() if child.stderr else first
        reported: list[str] = []
        while len(reported) < kill_after:
            line = child.stdout.readline()
            assert line, f"the writer stopped early: {child.stderr.read() if child.stderr else ''}"
            reported.append(line.strip())
        os.kill(child.pid, signal.SIGKILL)  # mid-stream: it is busy recording the next sale
        reported.extend(line.strip() for line in child.stdout)  # what it printed before dying
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    assert child.returncode == -signal.SIGKILL
    return reported


class Accepting:
    """A loyalty service that accepts everything and counts what it got."""

    def __init__(self) -> None:
        self.committed: list[str] = []

    def commit(
        self,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        fiscal: FiscalDocument,
        offline: bool,
        occurred_at: datetime,
    ) -> CommitResult:
        self.committed.append(transaction_id)
        zero = Decimal("0.00")
        return CommitResult(transaction_id, zero, redeem, Balance(zero, zero, zero))

    def cancel(self, transaction_id: str) -> CancelResult:
        raise AssertionError("no cancels were recorded")

    def refund(self, refund_id: str, original_transaction_id: str, lines: Sequence[RefundLine]) -> RefundResult:
        raise AssertionError("no refunds were recorded")


def test_sales_reported_as_recorded_survive_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    reported: list[str] = []
    for round_no, kill_after in enumerate((5, 40, 17, 60)):
        reported += run_and_kill(path, f"R{round_no}", kill_after)

    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        journal = dict(raw.execute("SELECT key, id FROM journal WHERE operation = 'commit'").fetchall())
        outbox = dict(raw.execute("SELECT idempotency_key, journal_id FROM outbox WHERE operation = 'commit'").fetchall())
        states = {state for (state,) in raw.execute("SELECT DISTINCT state FROM outbox")}
    finally:
        raw.close()

    missing = [key for key in reported if key not in journal or key not in outbox]
    assert missing == []
    # Nothing half-written: every journal row has its outbox row and the other way round.
    assert outbox == journal
    assert states == {OutboxState.PENDING.value}
    # At most one sale per round was committed but not yet reported when the kill came.
    assert len(journal) - len(reported) <= 4

    with open_database(path) as db:
        service = Accepting()
        sync = OutboxSync(db, service)  # type: ignore[arg-type]
        report = sync.drain(max_items=len(journal) + 10)
        assert {r.outcome for r in report.reports} == {SyncOutcome.DONE}
        assert sorted(service.committed) == sorted(journal)
        assert sync.outbox.counts()[OutboxState.DONE] == len(journal)
