"""The shift's window: today from local midnight by default, times only with their UTC offset."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.shift.window import ShiftWindow, WindowError, parse_moment, shift_window

NOW = datetime(2026, 12, 5, 15, 30, tzinfo=timezone.utc)


def test_by_default_today_from_local_midnight_to_the_next() -> None:
    window = shift_window(None, None, NOW)
    local = NOW.astimezone()
    assert window.start == datetime(local.year, local.month, local.day, tzinfo=local.tzinfo)
    assert window.start <= NOW < window.end
    assert window.end.astimezone().date() == local.date() + timedelta(days=1)
    assert window.end.astimezone().time().hour == 0


def test_a_start_alone_runs_to_the_end_of_today() -> None:
    window = shift_window("2026-12-01T08:00:00+03:00", None, NOW)
    assert window.start == datetime(2026, 12, 1, 5, tzinfo=timezone.utc)
    assert window.end == shift_window(None, None, NOW).end


@pytest.mark.parametrize(
    "text, moment",
    [
        ("2026-12-05T08:00:00+03:00", datetime(2026, 12, 5, 5, tzinfo=timezone.utc)),
        ("2026-12-05T08:00:00Z", datetime(2026, 12, 5, 8, tzinfo=timezone.utc)),
        ("2026-12-05T08:00:00 03:00", datetime(2026, 12, 5, 5, tzinfo=timezone.utc)),  # a "+" read as a space
    ],
)
def test_times_with_their_offset(text: str, moment: datetime) -> None:
    assert parse_moment(text) == moment


@pytest.mark.parametrize("text", ["2026-12-05T08:00:00", "2026-12-05", "today", "", "2026-12-05 08:00 03:00"])
def test_a_time_without_an_offset_is_refused_naming_it(text: str) -> None:
    with pytest.raises(WindowError) as refused:
        parse_moment(text)
    assert refused.value.value == text


def test_a_window_must_end_after_it_starts() -> None:
    with pytest.raises(WindowError) as refused:
        shift_window("2026-12-05T08:00:00+03:00", "2026-12-05T05:00:00Z", NOW)
    assert refused.value.value is None
    with pytest.raises(WindowError):
        ShiftWindow(datetime(2026, 12, 5), datetime(2026, 12, 6))  # no offsets
