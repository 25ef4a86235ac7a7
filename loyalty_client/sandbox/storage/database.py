"""Engine for the sandbox: any SQLAlchemy URL (SQLite, PostgreSQL), SQLite tuned for several server threads.

The schema is made and upgraded by `loyalty_client.sandbox.migrate`."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event, func, make_url, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from cache.engine import ensure_wal
from loyalty_client.sandbox.storage.models import CustomerRow

SQLITE_BUSY_TIMEOUT_SECONDS = 30


def make_engine(url: str) -> Engine:
    """An engine for `url`; for SQLite, WAL, a busy timeout and foreign keys on every connection.

    `postgresql://...` means PostgreSQL through psycopg 3 (the `postgres` extra), like
    `postgresql+psycopg://...`; another driver can be named in the URL (`postgresql+psycopg2://`).

    An in-memory SQLite database lives in one connection shared by every thread (`StaticPool`);
    `is_single_connection` tells the caller to run its units of work one at a time.
    """
    parsed = make_url(url)
    if parsed.drivername == "postgresql":  # SQLAlchemy's default would be psycopg2: the extra installs psycopg 3
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database in (None, "", ":memory:"):
        engine = create_engine(
            parsed, poolclass=StaticPool, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_SECONDS}
        )
    else:
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def is_single_connection(engine: Engine) -> bool:
    """True when every session shares one connection (in-memory SQLite)."""
    return isinstance(engine.pool, StaticPool)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
        if not _is_memory(dbapi_connection):
            # several sandboxes (or server threads) may open a new file at once
            ensure_wal(cursor, SQLITE_BUSY_TIMEOUT_SECONDS * 1000)
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _is_memory(dbapi_connection: Any) -> bool:
    cursor = dbapi_connection.cursor()
    try:
        rows = cursor.execute("PRAGMA database_list").fetchall()
    finally:
        cursor.close()
    return any(row[1] == "main" and not row[2] for row in rows)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for units of work; objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def has_customers(engine: Engine) -> bool:
    """True when the database already holds members (then the demo data is not seeded again)."""
    with Session(engine) as session:
        return bool(session.scalar(select(func.count()).select_from(CustomerRow)))
