"""Small named values of the till itself, kept in its SQLite file next to the outbox.

Meant for a handful of short strings (the admin PIN hash, its attempt counter), not for data.
`update` reads and writes one key in a single write transaction (BEGIN IMMEDIATE, see
cache/engine.py), so two processes or threads changing the same key never lose an update.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from cache.database import Database
from cache.tables import TillStateRow

MAX_KEY_LENGTH = 64


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class TillState:
    """A tiny key/value store on the till's database: `get`, `put`, and an atomic `update`."""

    def __init__(self, database: Database, clock: Callable[[], datetime] = _utc_now) -> None:
        self._db = database
        self._clock = clock

    def get(self, key: str) -> str | None:
        """The value stored under `key`, or None when there is none."""
        _check_key(key)
        with self._db.reading() as session:
            row = session.get(TillStateRow, key)
            return None if row is None else row.value

    def put(self, key: str, value: str) -> None:
        """Store `value` under `key`, replacing what was there."""
        self.update(key, lambda _current: value)

    def update(self, key: str, fn: Callable[[str | None], str]) -> str:
        """Replace the value of `key` by `fn(current value or None)` atomically; return the new value.

        The read and the write happen in one write transaction, which holds the database's write
        lock from its start: nobody else can change the key in between. Keep `fn` short (it runs
        under that lock). If `fn` raises, nothing is written and the exception propagates.
        """
        _check_key(key)
        with self._db.transaction() as session:
            row = session.get(TillStateRow, key)
            current = None if row is None else row.value
            new = fn(current)
            if not isinstance(new, str):
                raise TypeError(f"the new value of {key!r} must be a str, not {type(new).__name__}")
            if new == current:
                return new
            now = self._clock()
            if row is None:
                session.add(TillStateRow(key=key, value=new, updated_at=now))
            else:
                row.value, row.updated_at = new, now
            return new

    def updated_at(self, key: str) -> datetime | None:
        """When the value of `key` last changed (aware UTC), or None when there is none."""
        _check_key(key)
        with self._db.reading() as session:
            row = session.get(TillStateRow, key)
            return None if row is None else row.updated_at


def _check_key(key: str) -> None:
    if not key or len(key) > MAX_KEY_LENGTH:
        raise ValueError(f"a key is 1 to {MAX_KEY_LENGTH} characters: {key!r}")
