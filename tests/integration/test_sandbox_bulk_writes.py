"""Rows a batch writes through the driver's executemany (`storage.bulk`) are stored exactly as
SQLAlchemy's own executemany stores them, on SQLite and on PostgreSQL."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.storage import ledger, store
from loyalty_client.sandbox.storage.bulk import execute_many
from loyalty_client.sandbox.storage.models import LedgerEntry
from tests.backends import ON_EVERY_DATABASE

pytestmark = [pytest.mark.integration, ON_EVERY_DATABASE]

MINSK = timezone(timedelta(hours=3))
MOMENT = datetime(2026, 12, 5, 10, 15, 30, 123456, tzinfo=MINSK)


def entries(kind: str) -> list[dict[str, Any]]:
    amounts = [Decimal("1.50"), Decimal("-0.01"), Decimal("0"), Decimal("12345678.9"), Decimal("-0.00")]
    return [
        {"customer_id": customer, "kind": kind, "amount": amount, "pending": number % 2 == 0,
         "reference": None if number % 3 == 0 else f"T-{number}", "created_at": MOMENT + timedelta(minutes=number)}
        for number, (customer, amount) in enumerate(zip(["C0001", "C0002"] * 3, amounts))
    ]


def stored(session: Session, kind: str) -> list[tuple[Any, ...]]:
    """The rows as the database holds them, read without SQLAlchemy's types."""
    query = "SELECT customer_id, amount, pending, reference, created_at FROM point_ledger WHERE kind = '%s' ORDER BY id"
    return [tuple(row) for row in session.connection().exec_driver_sql(query % kind)]


def test_ledger_entries_are_stored_as_sqlalchemy_stores_them(sandbox: RunningSandbox) -> None:
    with Session(sandbox.engine) as session, session.begin():
        session.execute(ledger.ENTRY, [{**row, "kind": "plain"} for row in entries("plain")])
        assert execute_many(session, ledger.ENTRY, entries("bulk")) == len(entries("bulk"))
        plain, bulk = stored(session, "plain"), stored(session, "bulk")
    assert bulk == plain
    assert len(bulk) == 5


def test_an_update_counts_the_rows_it_matched_and_binds_the_statements_own_values(sandbox: RunningSandbox) -> None:
    with Session(sandbox.engine) as session, session.begin():
        before = {row.id: row.purchases_12m for row in (store.customer(session, c) for c in ("C0001", "C0002")) if row}
        store.add_purchases_many(session, [("C0001", Decimal("10.05")), ("C0002", -before["C0002"] - Decimal("5.00"))])
        after = {row.id: row.purchases_12m for row in (store.customer(session, c) for c in ("C0001", "C0002")) if row}
        accounts = [ledger.load_account(session, customer, lock=False) for customer in ("C0001", "C0002")]
        matched = execute_many(
            session,
            ledger._SAVE,
            [
                {"account": account.customer_id, "read_version": account.version + stale,
                 "spendable": account.spendable, "expiring_amount": account.expiring_amount,
                 "expiring_on": account.expiring_on, "now": MOMENT, "version": account.version + 1}
                for account, stale in zip(accounts, (0, 1))
            ],
        )
    assert after == {"C0001": before["C0001"] + Decimal("10.05"), "C0002": Decimal("0.00")}  # never below zero
    assert matched == 1  # the second account was not at the version given


def test_a_column_default_the_rows_leave_out_is_filled_in(sandbox: RunningSandbox) -> None:
    rows = [{key: value for key, value in row.items() if key != "pending"} for row in entries("defaulted")]
    with Session(sandbox.engine) as session, session.begin():
        execute_many(session, insert(LedgerEntry.__table__), rows)  # SQLAlchemy's own executemany: counts vary
        found = stored(session, "defaulted")
    assert [bool(row[2]) for row in found] == [False] * len(rows)
