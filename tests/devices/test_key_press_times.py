"""Key presses on one clock by their own stamps (`devices.scanner.key_times`), with a clock the test moves."""
from __future__ import annotations

import pytest

from devices.scanner.key_times import KeyPressTimes


class Clock:
    """The clock presses are handled by; `advance` moves it on."""

    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_stamped_presses_are_as_far_apart_as_their_stamps_however_late_they_are_handled() -> None:
    clock = Clock()
    times = KeyPressTimes(clock)
    first = times.press(10_000)
    clock.advance(0.250)  # the GUI thread was busy
    second = times.press(10_004)
    third = times.press(10_007)  # handled at once after it
    assert (second - first, third - second) == (pytest.approx(0.004), pytest.approx(0.003))


def test_the_silence_after_a_press_is_counted_from_when_it_was_handled() -> None:
    clock = Clock()
    times = KeyPressTimes(clock)
    pressed = times.press(10_000)
    assert times.now() == pressed
    clock.advance(0.030)
    assert times.now() - pressed == pytest.approx(0.030)


def test_unstamped_presses_are_timed_when_handled() -> None:
    clock = Clock()
    times = KeyPressTimes(clock)
    first = times.press(0)
    clock.advance(0.120)
    assert times.press(0) - first == pytest.approx(0.120)
    clock.advance(0.050)
    assert times.press(10_000) - first == pytest.approx(0.170), "the first stamp seen: timed when handled"


def test_a_stamp_that_runs_backwards_is_timed_when_handled() -> None:
    clock = Clock()
    times = KeyPressTimes(clock)
    first = times.press(90_000)
    clock.advance(0.080)
    assert times.press(5) - first == pytest.approx(0.080)
