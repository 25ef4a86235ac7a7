"""A point in time a blocking device call must be done by, shared by the printer transports."""
from __future__ import annotations

import time


class Deadline:
    """`seconds` from now, on the monotonic clock: how much time is left, and whether it passed."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left, never below 0."""
        return max(0.0, self.end - time.monotonic())

    def passed(self) -> bool:
        """Whether the deadline is reached."""
        return time.monotonic() >= self.end
