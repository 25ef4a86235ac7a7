"""Reads shift summaries from the till's database file, opening it on first use.

Made on the GUI thread, called on workers (the host API's threads, the panel's worker): the
database opens there, never on the GUI thread. Thread-safe.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from app.shift.window import ShiftWindow

if TYPE_CHECKING:  # the database stack loads on the worker that first reads, not at start-up
    from app.shift.summary import ShiftSummary
    from cache.database import Database


class ShiftReader:
    """`reader(window)` is the shift summary of `window` from the database at `path`."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._database: Database | None = None
        self._lock = threading.Lock()

    def __call__(self, window: ShiftWindow) -> "ShiftSummary":
        """The summary of `window` (may open the database: call it off the GUI thread)."""
        from app.shift.summary import summarise

        return summarise(self._opened(), window)

    def _opened(self) -> "Database":
        with self._lock:
            if self._database is None:
                from cache.database import open_database

                self._database = open_database(self._path)
            return self._database

    def close(self) -> None:
        """Close the database if it was opened."""
        with self._lock:
            if self._database is not None:
                self._database.close()
                self._database = None
