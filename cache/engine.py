"""The SQLAlchemy engine for the till's SQLite file, set up as docs/architecture.md §5 says.

Every connection: `busy_timeout`, WAL, `synchronous=FULL`, `foreign_keys=ON` (set up as it is made),
and pysqlite's own transaction handling off (`isolation_level = None`), so that SQLAlchemy's
`begin` event opens each transaction itself with `BEGIN IMMEDIATE`: the write lock is taken at the
start of a unit of work, never half-way through it (no SQLITE_BUSY on upgrading a read lock).
A read-only unit of work may ask for a deferred `BEGIN` with the `sqlite_begin` execution option
(see `READ_ONLY`); in WAL mode it then never waits for a writer.

The files hold customers' phone hashes and the admin PIN's hash: each connection is opened and set
up under a umask of 077, so the database, `-wal`, `-shm` and `-journal` files it creates are born
readable by the till's user only (SQLite later gives re-created `-wal`/`-shm` files the mode of
the database file).
"""
from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_BUSY_TIMEOUT_MS = 5_000
"""How long a connection waits for another one's write lock before giving up."""

BEGIN_OPTION = "sqlite_begin"
"""Execution option naming the BEGIN mode: "IMMEDIATE" (default), "DEFERRED" or "EXCLUSIVE"."""

READ_ONLY = {BEGIN_OPTION: "DEFERRED"}
"""Execution options for units of work that only read."""

_BEGIN_MODES = frozenset({"IMMEDIATE", "DEFERRED", "EXCLUSIVE"})


def make_engine(path: str | os.PathLike[str], *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    """An engine for the SQLite file at `path` with the pragmas and BEGIN handling of §5."""
    if busy_timeout_ms < 0:
        raise ValueError("busy_timeout_ms must not be negative")
    url = URL.create("sqlite+pysqlite", database=os.fspath(path))
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        with private_umask():
            dbapi_connection = dialect.connect(*cargs, **cparams)
            try:
                configure_connection(dbapi_connection, busy_timeout_ms)
            except BaseException:
                dbapi_connection.close()
                raise
        return dbapi_connection

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(BEGIN_OPTION, "IMMEDIATE")
        if mode not in _BEGIN_MODES:
            raise ValueError(f"unknown BEGIN mode {mode!r}")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


PRIVATE_UMASK = 0o077
"""The umask under which the till's SQLite files are created: no access for group or others."""

_umask_lock = threading.Lock()


@contextmanager
def private_umask() -> Iterator[None]:
    """Create files readable by the till's user only while the block runs, then restore the umask.

    The umask belongs to the whole process: the lock keeps two threads from restoring each
    other's value; files another thread creates meanwhile are only made more private.
    """
    with _umask_lock:
        previous = os.umask(PRIVATE_UMASK)
        try:
            yield
        finally:
            os.umask(previous)


def configure_connection(dbapi_connection: Any, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> None:
    """Set up one fresh pysqlite connection: driver autocommit, busy timeout, WAL, FULL sync, FKs."""
    # The driver must not open transactions on its own: the engine's `begin` event does it.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        ensure_wal(cursor, busy_timeout_ms)
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def ensure_wal(cursor: Any, busy_timeout_ms: int) -> None:
    """Put the file in WAL mode (it stays so), waiting out other connections like any busy wait.

    Switching the journal mode needs the file to itself, and SQLite reports "database is locked"
    at once instead of calling the busy handler while another connection (another thread opening
    the same new file) holds a lock; so the switch is retried until the busy timeout runs out.
    A file already in WAL mode is left alone, which costs no lock at all.
    """
    (mode,) = cursor.execute("PRAGMA journal_mode").fetchone()
    deadline = time.monotonic() + busy_timeout_ms / 1000
    pause = 0.001
    while str(mode).lower() != "wal":
        try:
            (mode,) = cursor.execute("PRAGMA journal_mode = WAL").fetchone()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
            continue
        if str(mode).lower() != "wal":
            raise RuntimeError(f"SQLite refused WAL mode (journal_mode is {mode})")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions for units of work: one per unit of work per thread, never shared between threads.

    Objects stay readable after commit (`expire_on_commit=False`): the store hands out plain
    values anyway, and nothing reloads behind the caller's back.
    """
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT straight on a pooled driver connection (its pragmas set when it
    was opened), rolled back if the block raises; driver errors come out as SQLAlchemy's.

    For the writes made while the cashier waits (the journal's record of a sale, an open sale):
    a session, or even the engine's statement machinery, costs more than the durable write
    itself, so their few statements go to the driver.
    """
    pooled = engine.raw_connection()
    try:
        connection = pooled.driver_connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.rollback()
                raise
            connection.commit()
        except sqlite3.Error as exc:
            raise DBAPIError.instance(None, None, exc, sqlite3.Error) from exc
    finally:
        pooled.close()
