"""When key presses were made, for the keyboard-wedge rules: by the stamp each press carries from
the windowing system, not by when the GUI thread got round to it.

A GUI thread busy for 50 ms in the middle of a scanner's burst (a repaint, a slot that takes its
time, a loaded machine) hands the rest of the burst over late: measured when they are handled,
the keys have a gap the scanner never made, and the scan is lost (its digits stay in the field
and Enter submits them as typing). Keys queued behind a busy GUI thread while a person typed
would likewise come out as one fast burst. Each key event carries the moment it was pressed
(milliseconds on the windowing system's clock; 0 on an event the program made itself): the gaps
between those stamps are the ones the keyboard made.
"""
from __future__ import annotations

import time
from typing import Callable


class KeyPressTimes:
    """Puts key presses on one clock (seconds), spaced by their own stamps where they have them.

    `press(stamp_ms)` gives the moment of each press; `now()` the present moment on the same
    clock, for the wedge classifier's clock (`WedgeClassifier(config, clock=times.now)`): the
    silence after the last press is counted from when that press was handled. An unstamped
    press, or one whose stamp runs backwards (another source, the stamp's clock wrapped), is
    taken as made when it is handled.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last: float | None = None  # the last press, on this clock
        self._last_stamp = 0  # its stamp, 0 when it had none
        self._handled = 0.0  # when it was handled, on `clock`

    def now(self) -> float:
        """The present moment: the last press plus the time since it was handled."""
        if self._last is None:
            return self._clock()
        return self._last + (self._clock() - self._handled)

    def press(self, stamp_ms: int) -> float:
        """The moment of a key press stamped `stamp_ms` (0: no stamp), remembered as the last press."""
        if self._last is not None and 0 < self._last_stamp <= stamp_ms:
            at = self._last + (stamp_ms - self._last_stamp) / 1000.0
        else:
            at = self.now()
        self._last, self._last_stamp, self._handled = at, max(stamp_ms, 0), self._clock()
        return at
