"""Opening the till's local store: one `Database` per file, units of work as sessions."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Iterator

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from cache.engine import DEFAULT_BUSY_TIMEOUT_MS, READ_ONLY, make_engine, make_sessionmaker
from cache.migrate import upgrade


class Database:
    """The local store on one SQLite file. Thread-safe: every unit of work gets its own session.

    `transaction()` is a unit of work that may write (BEGIN IMMEDIATE, commit on success, roll back
    on any exception); `reading()` is one that only reads (deferred BEGIN: never waits for a
    writer in WAL mode). Sessions are never shared between threads or kept between units of work.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions: sessionmaker[Session] = make_sessionmaker(engine)
        self._reader_sessions: sessionmaker[Session] = make_sessionmaker(engine.execution_options(**READ_ONLY))

    @property
    def engine(self) -> Engine:
        """The engine: for the hot paths that write straight on a pooled connection (the journal,
        the outbox transitions), for tests and for maintenance; other units of work use sessions."""
        return self._engine

    @property
    def path(self) -> Path:
        """The database file."""
        return Path(self._engine.url.database or "")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work that may write: committed when the block ends, rolled back if it raises."""
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A unit of work that only reads: a consistent snapshot, no write lock."""
        with self._reader_sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        """Close the pooled connections (sessions still open keep theirs until they end)."""
        self._engine.dispose()

    def __enter__(self) -> "Database":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_database(
    path: str | os.PathLike[str], *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> Database:
    """Open the store at `path`, creating the file (and its folder) or upgrading its schema."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(file, busy_timeout_ms=busy_timeout_ms)
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine)
