"""Retry delays: exponential, capped, fully jittered, predictable with a given random source."""
from __future__ import annotations

import random
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cache.transactions.backoff import backoff_delay

BASE, CAP, FLOOR = timedelta(seconds=5), timedelta(minutes=10), timedelta(seconds=1)


@given(st.integers(1, 200), st.floats(0, 1, exclude_max=True))
def test_the_delay_stays_between_the_floor_and_the_capped_exponential(attempt: int, fraction: float) -> None:
    delay = backoff_delay(attempt, base=BASE, cap=CAP, floor=FLOOR, random=lambda: fraction)
    assert FLOOR <= delay <= min(CAP, BASE * 2 ** min(attempt - 1, 40))


def test_the_ceiling_doubles_until_the_cap() -> None:
    almost_one = 1 - 2**-53
    ceilings = [
        backoff_delay(n, base=BASE, cap=CAP, floor=timedelta(0), random=lambda: almost_one) for n in range(1, 10)
    ]
    assert [round(c.total_seconds()) for c in ceilings] == [5, 10, 20, 40, 80, 160, 320, 600, 600]


def test_a_zero_draw_waits_the_floor() -> None:
    assert backoff_delay(7, base=BASE, cap=CAP, floor=FLOOR, random=lambda: 0.0) == FLOOR


def test_the_same_seed_gives_the_same_delays_and_draws_spread() -> None:
    one, two = random.Random(42), random.Random(42)
    first = [backoff_delay(6, random=one.random) for _ in range(50)]
    assert first == [backoff_delay(6, random=two.random) for _ in range(50)]
    assert len(set(first)) > 40  # jittered, not a fixed step


@pytest.mark.parametrize(
    "kwargs",
    [
        {"attempt": 0},
        {"attempt": 1, "floor": timedelta(minutes=20)},
        {"attempt": 1, "base": timedelta(0)},
        {"attempt": 1, "random": lambda: 1.0},
    ],
)
def test_nonsense_is_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        backoff_delay(**kwargs)
