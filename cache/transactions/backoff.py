"""When to try again after the service could not be reached: exponential backoff, full jitter."""
from __future__ import annotations

import random as _random
from datetime import timedelta
from typing import Callable

DEFAULT_BASE = timedelta(seconds=5)
DEFAULT_CAP = timedelta(minutes=10)
DEFAULT_FLOOR = timedelta(seconds=1)


def backoff_delay(
    attempt: int,
    *,
    base: timedelta = DEFAULT_BASE,
    cap: timedelta = DEFAULT_CAP,
    floor: timedelta = DEFAULT_FLOOR,
    random: Callable[[], float] = _random.random,
) -> timedelta:
    """The wait before the next try after `attempt` failed tries (1 = the first one failed).

    Full jitter: uniform between `floor` and min(`cap`, `base` × 2^(attempt − 1)), so many tills
    coming back online do not call the service in step. `random()` returns a float in [0, 1);
    pass a seeded or fixed source to make it predictable. The floor keeps a failed row from being
    due again at once.
    """
    if attempt < 1:
        raise ValueError("attempt counts failed tries and starts at 1")
    if not timedelta(0) <= floor <= cap or base <= timedelta(0):
        raise ValueError("need 0 <= floor <= cap and a positive base")
    ceiling = min(cap, base * 2 ** min(attempt - 1, 32))
    ceiling = max(ceiling, floor)
    fraction = random()
    if not 0.0 <= fraction < 1.0:
        raise ValueError("random() must return a number in [0, 1)")
    span_us = (ceiling - floor) // timedelta(microseconds=1)
    return floor + timedelta(microseconds=int(span_us * fraction))
