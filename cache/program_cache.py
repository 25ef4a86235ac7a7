"""The loyalty program as last fetched, so a till that starts offline still knows its rules."""
from __future__ import annotations

import json
import logging
from datetime import datetime

from cache.database import Database
from cache.tables import CachedProgram
from loyalty_client.codec import from_data, to_data
from loyalty_client.types import Program

log = logging.getLogger(__name__)


class ProgramCache:
    """One program per store, replaced by newer fetches only."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def put(self, store_id: str, program: Program, fetched_at: datetime) -> None:
        """Remember the program of `store_id` as fetched at `fetched_at`."""
        if fetched_at.tzinfo is None:
            raise ValueError("fetched_at must carry a timezone")
        data = json.dumps(to_data(program), ensure_ascii=False, sort_keys=True)
        with self._db.transaction() as session:
            row = session.get(CachedProgram, store_id)
            if row is None:
                session.add(CachedProgram(store_id=store_id, data=data, fetched_at=fetched_at))
            elif fetched_at >= row.fetched_at:
                row.data, row.fetched_at = data, fetched_at

    def get(self, store_id: str) -> tuple[Program, datetime] | None:
        """The program last fetched for `store_id` and when, or None."""
        with self._db.reading() as session:
            row = session.get(CachedProgram, store_id)
            if row is None:
                return None
            data, fetched_at = row.data, row.fetched_at
        try:
            return from_data(Program, json.loads(data)), fetched_at
        except (ValueError, TypeError):
            log.warning("the cached program could not be read; treated as not cached", exc_info=True)
            return None
