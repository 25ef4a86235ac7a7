"""The shift summary over a real journal: sales driven through the real checkout (`load`) to the
sandbox, some delivered, some left waiting while it refuses connections, one refused for good;
the figures equal the sandbox's own ledger for what it got."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli.main import main
from app.offline.outbox_sync import OutboxSync, cancel_payload, refund_payload
from app.shift.summary import summarise
from app.shift.window import ShiftWindow
from cache.database import open_database
from cache.transactions.journal import Journal
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.demo import ANNA, IVAN, OLGA
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import RefundLine

pytestmark = pytest.mark.integration

EVER = ShiftWindow(datetime(2000, 1, 1, tzinfo=timezone.utc), datetime(2100, 1, 1, tzinfo=timezone.utc))


def run(*args: str) -> None:
    assert main(list(args)) == 0


def ledger_sum(sandbox: RunningSandbox, kind: str, field: str) -> Decimal:
    return sum((Decimal(e[field]) for e in recorded_transactions(sandbox.engine) if e["kind"] == kind), Decimal("0.00"))


def operations(db: Path, operation: str) -> int:
    raw = sqlite3.connect(db)
    try:
        return int(raw.execute("SELECT COUNT(*) FROM journal WHERE operation = ?", (operation,)).fetchone()[0])
    finally:
        raw.close()


def test_figures_equal_the_ledger_and_say_what_still_waits(
    sandbox: RunningSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, config = tmp_path / "till.sqlite", tmp_path / "till.ini"
    common = ("--service", sandbox.url, "--db", str(db), "--config", str(config))
    run("load", *common, "--sales", "12", "--seed", "11")  # delivered: sales, voids and refunds
    run("load", *common, "--sales", "1", "--customer", ANNA.phone)  # Anna's tier is now in the cache
    database = open_database(db)
    try:
        # A refund of a purchase the service never had: refused for good, left for an admin.
        now = datetime.now(timezone.utc)
        payload = refund_payload("R-unknown", "T-unknown", [RefundLine(1, Decimal("1"))])
        Journal(database).record_refund("R-unknown", IVAN.customer_id, payload, now)
        assert OutboxSync(database, SoapLoyaltyService(sandbox.url, timeout_seconds=5)).drain().failed == 1
        delivered_sales, delivered_refunds = operations(db, "commit"), operations(db, "refund") - 1
        with sandbox.refusing():
            run("load", *common, "--sales", "4", "--customer", ANNA.phone, "--seed", "2")
            # a reservation released while the service is down: a delivery waiting too
            Journal(database).record_cancel("T-released", OLGA.customer_id, cancel_payload("T-released"), now)
        capsys.readouterr()
        waiting_sales = operations(db, "commit") - delivered_sales
        waiting_refunds = operations(db, "refund") - 1 - delivered_refunds
        assert waiting_sales == 4

        before = summarise(database, EVER)
        assert before.sales.value == delivered_sales + waiting_sales and before.sales.unconfirmed == waiting_sales
        assert not before.sales.confirmed and not before.fully_confirmed
        assert before.earned.confirmed == ledger_sum(sandbox, "purchase", "accrual") > 0
        assert before.spent.confirmed == ledger_sum(sandbox, "purchase", "redeem")
        assert before.reversed.confirmed == ledger_sum(sandbox, "refund", "accrual")
        assert before.returned.confirmed == ledger_sum(sandbox, "refund", "points")
        assert before.refunds.value == delivered_refunds + waiting_refunds + 1
        assert before.earned.unconfirmed == waiting_sales and before.earned.unknown == 0
        assert before.earned.expected > 0 and not before.earned.fully_confirmed
        assert before.waiting == waiting_sales + waiting_refunds + 1 and before.failed == 1
        assert before.coupons.value == 0 and before.coupons.confirmed

        assert main(["queue", "sync", *common]) == 1, "the dead letter is still there"
        after = summarise(database, EVER)
        assert after.sales.confirmed and after.earned.fully_confirmed and after.spent.fully_confirmed
        assert after.earned.confirmed == ledger_sum(sandbox, "purchase", "accrual")
        assert after.earned.confirmed == before.earned.total, "the till expected what the service then gave"
        assert after.spent.confirmed == before.spent.total == ledger_sum(sandbox, "purchase", "redeem")
        assert after.returned.confirmed == ledger_sum(sandbox, "refund", "points")
        assert after.reversed.confirmed == ledger_sum(sandbox, "refund", "accrual")
        assert after.waiting == 0 and after.failed == 1 and not after.refunds.confirmed

        past = summarise(database, ShiftWindow(EVER.start, now - timedelta(days=1)))
        assert past.sales.value == 0 and past.earned.total == 0 and past.fully_confirmed
    finally:
        database.close()


def test_the_window_is_read_through_the_recorded_time_index(tmp_path: Path) -> None:
    database = open_database(tmp_path / "till.sqlite")
    try:
        with database.engine.connect() as connection:
            plan = connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM journal WHERE recorded_at >= ? AND recorded_at < ?",
                ("2026-12-05 00:00:00", "2026-12-06 00:00:00"),
            ).all()
        assert any("ix_journal_recorded_at" in str(row) for row in plan), plan
    finally:
        database.close()
