"""A part of a widget made the first time it is needed rather than with the widget."""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class MadeWhenNeeded(Generic[T]):
    """Makes a widget's part once, on the first call, for parts hidden at the window's first paint
    (a page not turned to yet, an entry not asked for yet): each widget made, polished by the
    stylesheet and laid out costs start-up time though nobody sees it.

    `part()` makes it if it was not yet and returns it; `is_made()` tells the calls that have
    nothing to do on a part not made yet (its texts, its arrangement: the making applies the
    current ones).
    """

    def __init__(self, make: Callable[[], T]) -> None:
        self._make: Callable[[], T] | None = make
        self._part: T | None = None

    def part(self) -> T:
        """The part, made now if it was not yet."""
        if self._make is not None:
            make, self._make = self._make, None
            self._part = make()
        return self._part  # type: ignore[return-value]  # made: T

    def is_made(self) -> bool:
        """Whether the part has been made."""
        return self._make is None
