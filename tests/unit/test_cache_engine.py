"""The local store's SQLite connections are set up as docs/architecture.md §5 says, on every connection."""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from cache.database import Database, open_database
from cache.engine import make_engine


def _settings(dbapi_connection: Any) -> dict[str, Any]:
    cursor = dbapi_connection.cursor()
    try:
        return {
            pragma: cursor.execute(f"PRAGMA {pragma}").fetchone()[0]
            for pragma in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        } | {"isolation_level": dbapi_connection.isolation_level}
    finally:
        cursor.close()


EXPECTED = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 1234, "isolation_level": None}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "till.sqlite", busy_timeout_ms=1234)
    yield database
    database.close()


def test_every_pooled_connection_is_set_up(db: Database) -> None:
    # Several connections open at once: each one is a fresh DBAPI connection from the pool.
    connections = [db.engine.connect() for _ in range(3)]
    try:
        raw = [c.connection.dbapi_connection for c in connections]
        assert len({id(r) for r in raw}) == 3
        for dbapi_connection in raw:
            assert _settings(dbapi_connection) == EXPECTED
    finally:
        for connection in connections:
            connection.close()
    # After the pool is emptied, new connections are set up again.
    db.engine.dispose()
    with db.engine.connect() as connection:
        assert _settings(connection.connection.dbapi_connection) == EXPECTED


def test_connections_made_on_other_threads_are_set_up(db: Database) -> None:
    found: list[dict[str, Any]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with db.transaction() as session:
                found.append(_settings(session.connection().connection.dbapi_connection))
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert found == [EXPECTED] * 4


def test_a_unit_of_work_takes_the_write_lock_at_its_start(db: Database) -> None:
    """BEGIN IMMEDIATE: even before its first write, no other connection can start writing."""
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.transaction() as session:
            session.execute(text("SELECT count(*) FROM journal")).scalar_one()
            assert session.connection().connection.dbapi_connection.in_transaction
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the unit of work committed
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_reading_unit_of_work_does_not_block_a_writer(db: Database) -> None:
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with db.reading() as session:
            before = session.execute(text("SELECT count(*) FROM customer_cache")).scalar_one()
            other.execute("BEGIN IMMEDIATE")
            other.execute(
                "INSERT INTO customer_cache (customer_id, data, fetched_at) VALUES ('C1', '{}', '2026-01-01 00:00:00')"
            )
            other.execute("COMMIT")
            # A consistent snapshot: the reader still sees what it saw when it began.
            assert session.execute(text("SELECT count(*) FROM customer_cache")).scalar_one() == before
        with db.reading() as session:
            assert session.execute(text("SELECT count(*) FROM customer_cache")).scalar_one() == before + 1
    finally:
        other.close()


def test_the_driver_starts_no_transaction_of_its_own(db: Database) -> None:
    with db.engine.connect() as connection:
        dbapi_connection = connection.connection.dbapi_connection
        connection.exec_driver_sql("SELECT 1")  # autobegin: our BEGIN IMMEDIATE
        assert dbapi_connection.in_transaction
        connection.rollback()
        assert not dbapi_connection.in_transaction
        cursor = dbapi_connection.cursor()
        cursor.execute(
            "INSERT INTO customer_cache (customer_id, data, fetched_at) VALUES ('C9', '{}', '2026-01-01 00:00:00')"
        )
        cursor.close()
        # With pysqlite's own handling this INSERT would have opened a transaction behind our back.
        assert not dbapi_connection.in_transaction


def test_a_unit_of_work_that_raises_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError):
        with db.transaction() as session:
            session.execute(
                text("INSERT INTO customer_cache (customer_id, data, fetched_at) VALUES ('C1', '{}', '2026-01-01')")
            )
            raise RuntimeError("power cut")
    with db.reading() as session:
        assert session.execute(text("SELECT count(*) FROM customer_cache")).scalar_one() == 0


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError, match="FOREIGN KEY"):
        with db.transaction() as session:
            session.execute(text("INSERT INTO customer_cache_key (digest, customer_id) VALUES ('d', 'nobody')"))


def test_concurrent_read_then_write_units_of_work_never_collide(db: Database) -> None:
    """Read-modify-write from several threads: with BEGIN IMMEDIATE none fails and none is lost.

    With a deferred BEGIN two such transactions can both read, and the second to write gets
    SQLITE_BUSY at once (the busy timeout cannot help a lock upgrade).
    """
    with db.transaction() as session:
        session.execute(text("CREATE TABLE counter (n INTEGER PRIMARY KEY)"))
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work() -> None:
        try:
            start.wait()
            for _ in range(25):
                with db.transaction() as session:
                    top = session.execute(text("SELECT coalesce(max(n), 0) FROM counter")).scalar_one()
                    session.execute(text("INSERT INTO counter (n) VALUES (:n)"), {"n": top + 1})
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with db.reading() as session:
        assert session.execute(text("SELECT n FROM counter ORDER BY n")).scalars().all() == list(range(1, 101))


def test_the_engine_alone_sets_up_a_new_file(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "plain.sqlite", busy_timeout_ms=1234)
    try:
        with engine.connect() as connection:
            assert _settings(connection.connection.dbapi_connection) == EXPECTED
    finally:
        engine.dispose()
    assert (tmp_path / "plain.sqlite").exists()


def test_a_negative_busy_timeout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        make_engine(tmp_path / "x.sqlite", busy_timeout_ms=-1)


def test_a_new_file_locked_by_another_connection_is_waited_for_not_refused(tmp_path: Path) -> None:
    # Several workers open the same new file at start-up: while one of them creates the schema,
    # switching another's connection to WAL used to fail at once with "database is locked".
    path = tmp_path / "till.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE first_writer (x)")
    released = threading.Event()

    def release() -> None:
        holder.execute("COMMIT")
        released.set()

    timer = threading.Timer(0.2, release)
    timer.start()
    try:
        database = open_database(path, busy_timeout_ms=5_000)
        try:
            assert released.is_set(), "the lock was waited for"
            with database.engine.connect() as connection:
                assert _settings(connection.connection.dbapi_connection)["journal_mode"] == "wal"
        finally:
            database.close()
    finally:
        timer.join()
        holder.close()


def test_a_file_held_longer_than_the_busy_timeout_is_reported_as_locked(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE first_writer (x)")
    try:
        with pytest.raises(Exception, match="locked"):
            open_database(path, busy_timeout_ms=50)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
