"""The time window of a shift summary: [start, end), aware datetimes, by default since local midnight."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta


class WindowError(ValueError):
    """A window that cannot be used: a time without an offset, not ISO 8601 (`value` is that text),
    or one ending before it starts (`value` None)."""

    def __init__(self, message: str, value: str | None = None) -> None:
        super().__init__(message)
        self.value = value


# A "+" left unescaped in a URL's query arrives as a space: "...T08:00:00 03:00" meant "+03:00".
_SPACED_OFFSET = re.compile(r"(T[0-9:.]+) ([0-9]{2}(:?[0-9]{2})?)$")


@dataclass(frozen=True)
class ShiftWindow:
    """From `start` (included) to `end` (excluded); both aware."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        for moment in (self.start, self.end):
            if moment.tzinfo is None or moment.utcoffset() is None:
                raise WindowError("a shift's times need their UTC offset")
        if self.end <= self.start:
            raise WindowError("a shift must end after it starts")


def local_midnight(now: datetime) -> datetime:
    """The start of `now`'s day in the till's local time zone, aware."""
    local = now.astimezone()
    return datetime.combine(local.date(), time(), tzinfo=local.tzinfo).astimezone()


def parse_moment(text: str) -> datetime:
    """An ISO 8601 time with its offset (`2026-12-05T08:00:00+03:00`, or `Z`); `WindowError` otherwise."""
    cleaned = _SPACED_OFFSET.sub(r"\1+\2", text.strip())
    try:
        moment = datetime.fromisoformat(cleaned)
    except (TypeError, ValueError):
        raise WindowError(f"not an ISO 8601 time: {text!r}", text) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise WindowError(f"the time {text!r} has no UTC offset (add e.g. +03:00 or Z)", text)
    return moment


def shift_window(start: str | None, end: str | None, now: datetime) -> ShiftWindow:
    """The window asked for: `start` defaults to local midnight of `now`'s day, `end` to the local
    midnight that ends the day of `now` (or of `start`, if later). `WindowError` if unusable."""
    begin = parse_moment(start) if start else local_midnight(now)
    if end:
        finish = parse_moment(end)
    else:  # noon of the next day is always in the next day, however long this one is (DST)
        finish = local_midnight(local_midnight(max(now, begin)) + timedelta(hours=36))
    return ShiftWindow(begin, finish)
