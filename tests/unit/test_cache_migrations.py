"""The local store creates and upgrades its schema itself when the file is opened."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from cache.database import Database, open_database
from cache.errors import SchemaTooNew
from cache.migrate import current_revision, downgrade, head_revision, upgrade
from cache.tables import Base

TABLES = {
    "alembic_version",
    "customer_cache",
    "customer_cache_key",
    "journal",
    "open_sales",
    "outbox",
    "program_cache",
    "till_state",
}


def _tables(db: Database) -> set[str]:
    return set(inspect(db.engine).get_table_names())


def test_a_new_file_gets_the_newest_schema(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "folder" / "till.sqlite"
    with open_database(path) as db:
        assert path.exists()
        assert current_revision(db.engine) == head_revision()
        assert _tables(db) == TABLES


def test_the_migrations_build_exactly_the_tables_the_code_uses(tmp_path: Path) -> None:
    with open_database(tmp_path / "till.sqlite") as db, db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_reopening_keeps_the_data_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    with open_database(path):
        pass
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO customer_cache (customer_id, data, fetched_at) VALUES ('C1', '{}', '2026-01-01')")
    raw.commit()
    schema_before = raw.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    raw.close()
    with open_database(path) as db:
        assert current_revision(db.engine) == head_revision()
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT customer_id FROM customer_cache").fetchall() == [("C1",)]
        assert raw.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema_before
    finally:
        raw.close()


def test_down_to_nothing_and_up_again(tmp_path: Path) -> None:
    with open_database(tmp_path / "till.sqlite") as db:
        downgrade(db.engine, "base")
        assert current_revision(db.engine) is None
        assert _tables(db) == {"alembic_version"}
        upgrade(db.engine)
        assert _tables(db) == TABLES


def test_a_file_from_a_newer_till_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    with open_database(path):
        pass
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = 'f00d'")
    raw.commit()
    raw.close()
    with pytest.raises(SchemaTooNew):
        open_database(path)
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [("f00d",)]
    finally:
        raw.close()


def test_several_openers_of_a_new_file_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    start = threading.Barrier(4)
    errors: list[BaseException] = []
    revisions: list[str | None] = []

    def work() -> None:
        try:
            start.wait()
            with open_database(path) as db:
                revisions.append(current_revision(db.engine))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert revisions == [head_revision()] * 4


def test_sales_recorded_before_the_host_columns_get_their_receipt_and_document(tmp_path: Path) -> None:
    with open_database(tmp_path / "till.sqlite") as db:
        downgrade(db.engine, "0004")
        with db.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO journal (operation, key, customer_id, payload, recorded_at) VALUES"
                " ('commit', 'tx-1', 'C1', '{\"receipt\": {\"receipt_id\": \"R-77\"},"
                " \"fiscal\": {\"document_number\": \"000451\"}}', '2026-01-01'),"
                " ('cancel', 'tx-2', 'C1', '{\"transaction_id\": \"tx-2\"}', '2026-01-01')"
            )
        upgrade(db.engine)
        with db.engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT key, receipt_id, fiscal_document FROM journal ORDER BY key"
            ).fetchall()
            indexes = {index["name"] for index in inspect(connection).get_indexes("journal")}
        assert rows == [("tx-1", "R-77", "000451"), ("tx-2", None, None)]
        assert {"ix_journal_receipt_id", "ix_journal_fiscal_document"} <= indexes
        with db.engine.begin() as connection:  # the new stage is allowed by the table's check
            connection.exec_driver_sql(
                "INSERT INTO open_sales VALUES ('tx-3', 'C1', 'R-78', 'awaiting_payment', 1, NULL,"
                " '2026-01-01', '2026-01-01')"
            )
