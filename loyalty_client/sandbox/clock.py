"""The sandbox's sense of time: the real clock, or a pinned one, either of which tests can move on."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone


class SandboxClock:
    """Current UTC time for the sandbox, optionally pinned at `at`, movable with `advance`.

    Reservations, one-time codes, app QR steps and point expiry all read this clock, so a test can
    let a reservation expire by advancing it instead of waiting.
    """

    def __init__(self, at: datetime | None = None) -> None:
        if at is not None and at.tzinfo is None:
            raise ValueError("a pinned time must be timezone-aware")
        self._pinned = at
        self._offset = timedelta()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""
        with self._lock:
            base = self._pinned if self._pinned is not None else datetime.now(timezone.utc)
            return (base + self._offset).astimezone(timezone.utc)

    def advance(self, by: timedelta | float) -> datetime:
        """Move the clock on by a timedelta or a number of seconds; returns the new moment."""
        step = by if isinstance(by, timedelta) else timedelta(seconds=by)
        if step < timedelta():
            raise ValueError("the clock only moves forward")
        with self._lock:
            self._offset += step
        return self.now()
