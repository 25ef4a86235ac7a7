"""Keyboard-wedge scanners: tell a scanner's burst of key presses from a person typing.

A wedge scanner "types" its code: a burst of key presses a few milliseconds apart, usually ended
by Enter, optionally started by a configured prefix. `WedgeClassifier` is the decision logic for
an application-wide key event filter, with no GUI toolkit in it: the filter feeds it every key
press and applies the `WedgeDecision` it gets back.

Rules (`WedgeScannerConfig`):
- a burst is keys at most `max_gap_ms` apart (scanners: 1-20 ms; people, even fast typists,
  rarely keep under 50 ms for more than two or three keys);
- it is a scan when it is at least `min_length` characters long and ends with the configured
  suffix key (Enter or Tab), or, with `suffix=none`, when the keys stop for longer than the gap;
- with a `prefix`, the prefix starts a scan: from the prefix's first character on every key is
  swallowed, so nothing scanned reaches the focused field. If what follows turns out not to be a
  scan (a slow key, another key than the prefix continues with, too short), the swallowed text is
  handed back in `replay` to be typed after all;
- without a prefix (or when a scanner skips it) keys cannot be held back before the burst is
  recognised, so they reach the field; when the burst proves to be a scan, `retract` says how many
  of the characters just delivered belong to it (`retract_text` has them) so the caller removes
  them, and the suffix key itself is swallowed.

Text typed on a Russian or Belarusian layout is mapped back to the Latin keys of the same
physical keys (`remap_layout`: `й` -> `q`, `і` -> `b`, `ў` -> `o`, `№` -> `#`; digits stay
digits), because a scanner presses keys, not characters, and loyalty codes are digits.

Using it from a Qt event filter (the filter owns a single-shot QTimer)::

    def eventFilter(self, obj, event):
        if event.type() != QEvent.KeyPress:
            return False
        decision = self.classifier.feed(event.text(), key_name(event.key()))
        return self.apply(decision)           # True = the event is swallowed

    def apply(self, decision):
        if decision.replay:                   # swallowed keys that were typing after all
            insert_into_focused_widget(decision.replay)
        if decision.retract:                  # delivered characters that were a scan
            remove_from_focused_widget(decision.retract_text)
        if decision.scan is not None:
            self.scanned.emit(decision.scan)  # then devices.scanner.scan_classifier.classify_scan()
        if decision.poll_after is not None:   # a burst may end by silence: look again then
            self.timer.start(int(decision.poll_after * 1000) + 1)
        return decision.swallow

    def on_timer(self):
        self.apply(self.classifier.poll())

`key_name` gives "Enter" for Return/Enter, "Tab", "Backspace", "Shift", "Control", "Alt",
"Meta", "CapsLock" and so on; keys that type text may pass any name or "". Times are seconds on
one clock: leave `timestamp` out and the classifier reads its own clock (`time.monotonic` unless
another is injected), which `poll()` also uses. Use one classifier from one thread (the GUI's).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum
from typing import Callable

from devices.uris import WedgeScannerConfig, WedgeSuffix

MAX_SCAN_LENGTH = 512

_RU_LETTERS = "йцукенгшщзхъфывапролджэячсмитьбюё"
_LATIN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_RU_UPPER = "ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ"
_LATIN_SHIFTED = 'QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>~'

_LAYOUT_MAP: dict[str, str] = {}
_LAYOUT_MAP.update(zip(_RU_LETTERS, _LATIN_KEYS))
_LAYOUT_MAP.update(zip(_RU_UPPER, _LATIN_SHIFTED))
# Belarusian keys that differ from Russian: і on И's key, ў on Щ's key.
_LAYOUT_MAP.update({"і": "b", "І": "B", "ў": "o", "Ў": "O", "№": "#"})

_MODIFIERS = frozenset(
    {"shift", "control", "ctrl", "alt", "altgr", "meta", "super", "capslock", "numlock", "scrolllock", "mode_switch"}
)
_SUFFIX_KEYS = {"enter": WedgeSuffix.ENTER, "return": WedgeSuffix.ENTER, "tab": WedgeSuffix.TAB}


def remap_layout(text: str) -> str:
    """`text` typed on a Russian/Belarusian layout as the Latin keys pressed; other text unchanged."""
    return "".join(_LAYOUT_MAP.get(ch, ch) for ch in text)


@dataclass(frozen=True)
class WedgeDecision:
    """What to do with one key press (or after a `poll()`).

    - `swallow`: consume the key; do not deliver it to the focused widget.
    - `scan`: a finished scan (layout-remapped, prefix and suffix removed), else None.
    - `retract`, `retract_text`: the last `retract` characters already delivered to the focused
      widget (`retract_text`, as typed) are part of `scan`: remove them.
    - `replay`: text swallowed earlier that was typing after all: insert it into the focused
      widget now (before this key, when this key is delivered).
    - `poll_after`: call `poll()` after this many seconds (a burst is open); None: no need.
    """

    swallow: bool = False
    scan: str | None = None
    retract: int = 0
    retract_text: str = ""
    replay: str = ""
    poll_after: float | None = None


PASS = WedgeDecision()


class WedgeState(str, Enum):
    """Where the classifier is in a burst."""

    IDLE = "idle"
    BURST = "burst"  # keys delivered, fast so far (no prefix seen)
    PREFIX = "prefix"  # part of the prefix seen and swallowed
    SCAN = "scan"  # the whole prefix seen; swallowing the code


class WedgeClassifier:
    """Decides, key by key, whether key presses are a wedge scanner's code or a person typing."""

    def __init__(
        self, config: WedgeScannerConfig | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.config = config or WedgeScannerConfig()
        self._clock = clock
        self._gap = self.config.max_gap_ms / 1000.0
        self._prefix = remap_layout(self.config.prefix)
        self._reset()

    @property
    def state(self) -> WedgeState:
        """The current state (for tests and diagnostics)."""
        return self._state

    def _reset(self) -> None:
        self._state = WedgeState.IDLE
        self._last = 0.0
        self._delivered: list[str] = []  # BURST: raw characters delivered to the widget
        self._swallowed: list[str] = []  # PREFIX/SCAN: raw characters held back
        self._code: list[str] = []  # SCAN: remapped characters of the code
        self._prefix_pos = 0

    # ----- public API -------------------------------------------------------------------------

    def feed(self, text: str, key: str = "", timestamp: float | None = None) -> WedgeDecision:
        """Classify one key press: `text` it types ("" for none), `key` its name, when it came."""
        now = self._clock() if timestamp is None else timestamp
        name = (key or "").strip().lower()
        if not text and name in _MODIFIERS:
            return self._with_poll(PASS, now)  # Shift for capitals etc.: no effect on the burst
        expired = PASS
        if self._state is not WedgeState.IDLE and now - self._last > self._gap:
            expired = self._expire()
        decision = self._key(text, name, now)
        return _merge(expired, decision)

    def poll(self, now: float | None = None) -> WedgeDecision:
        """Look again after a pause: ends a burst the keys stopped in (see `poll_after`)."""
        now = self._clock() if now is None else now
        if self._state is WedgeState.IDLE:
            return PASS
        if now - self._last > self._gap:
            return self._expire()
        return WedgeDecision(poll_after=self._gap - (now - self._last))

    def cancel(self) -> WedgeDecision:
        """Abandon any burst (focus moved, window hidden); swallowed typing comes back in `replay`."""
        replay = "".join(self._swallowed) if self._state in (WedgeState.PREFIX, WedgeState.SCAN) else ""
        self._reset()
        return WedgeDecision(replay=replay)

    # ----- internals --------------------------------------------------------------------------

    def _key(self, text: str, name: str, now: float) -> WedgeDecision:
        if text in ("\r", "\n", "\r\n"):
            suffix: WedgeSuffix | None = WedgeSuffix.ENTER
        elif text == "\t":
            suffix = WedgeSuffix.TAB
        else:
            suffix = _SUFFIX_KEYS.get(name) if not text else None
        if suffix is not None:
            return self._suffix_key(suffix)
        if not all(ch.isprintable() for ch in text) or not text:
            return self._other_key()
        decision = PASS
        for index, ch in enumerate(text):
            step = self._char(ch, remap_layout(ch), now)
            decision = _merge(decision, step) if index else step
        return self._with_poll(decision, now)

    def _char(self, raw: str, mapped: str, now: float) -> WedgeDecision:
        self._last = now
        state = self._state
        if state is WedgeState.SCAN:
            self._swallowed.append(raw)
            if len(self._code) < MAX_SCAN_LENGTH:
                self._code.append(mapped)
            return WedgeDecision(swallow=True)
        if state is WedgeState.PREFIX:
            if mapped == self._prefix[self._prefix_pos]:
                self._swallowed.append(raw)
                self._prefix_pos += 1
                if self._prefix_pos == len(self._prefix):
                    self._state = WedgeState.SCAN
                return WedgeDecision(swallow=True)
            replay = "".join(self._swallowed)
            self._reset()
            return _merge(WedgeDecision(replay=replay), self._char(raw, mapped, now))
        if self._prefix and mapped == self._prefix[0]:
            self._reset()
            self._last = now
            self._swallowed = [raw]
            self._prefix_pos = 1
            self._state = WedgeState.SCAN if len(self._prefix) == 1 else WedgeState.PREFIX
            return WedgeDecision(swallow=True)
        if state is WedgeState.IDLE:
            self._state = WedgeState.BURST
            self._delivered = []
            self._code = []
        self._delivered.append(raw)
        if len(self._code) < MAX_SCAN_LENGTH:
            self._code.append(mapped)
        return PASS

    def _suffix_key(self, suffix: WedgeSuffix) -> WedgeDecision:
        state = self._state
        if state is WedgeState.SCAN:
            # After a prefix, Enter or Tab ends the code whatever the suffix setting: letting it
            # through would submit or leave the focused field.
            return self._finish_prefixed(swallow_key=True)
        if state is WedgeState.PREFIX:
            replay = "".join(self._swallowed)
            self._reset()
            return WedgeDecision(replay=replay)
        if state is WedgeState.BURST and suffix is self.config.suffix and len(self._code) >= self.config.min_length:
            return self._finish_burst(swallow_key=True)
        self._reset()
        return PASS

    def _other_key(self) -> WedgeDecision:
        # Backspace, arrows, function keys: a person at the keyboard.
        replay = "".join(self._swallowed) if self._state in (WedgeState.PREFIX, WedgeState.SCAN) else ""
        self._reset()
        return WedgeDecision(replay=replay)

    def _expire(self) -> WedgeDecision:
        """The keys stopped for longer than the gap: end the open burst."""
        state = self._state
        if state is WedgeState.SCAN:
            return self._finish_prefixed(swallow_key=False)
        if state is WedgeState.PREFIX:
            replay = "".join(self._swallowed)
            self._reset()
            return WedgeDecision(replay=replay)
        if (
            state is WedgeState.BURST
            and self.config.suffix is WedgeSuffix.NONE
            and len(self._code) >= self.config.min_length
        ):
            return self._finish_burst(swallow_key=False)
        self._reset()
        return PASS

    def _finish_prefixed(self, swallow_key: bool) -> WedgeDecision:
        code = "".join(self._code)
        swallowed = "".join(self._swallowed)
        self._reset()
        if len(code) >= self.config.min_length:
            return WedgeDecision(swallow=swallow_key, scan=code)
        return WedgeDecision(swallow=False, replay=swallowed)

    def _finish_burst(self, swallow_key: bool) -> WedgeDecision:
        code = "".join(self._code)
        delivered = "".join(self._delivered)
        self._reset()
        return WedgeDecision(swallow=swallow_key, scan=code, retract=len(delivered), retract_text=delivered)

    def _with_poll(self, decision: WedgeDecision, now: float) -> WedgeDecision:
        if self._state is WedgeState.IDLE or not self._needs_poll():
            return decision
        remaining = max(0.0, self._gap - (now - self._last))
        return WedgeDecision(
            swallow=decision.swallow,
            scan=decision.scan,
            retract=decision.retract,
            retract_text=decision.retract_text,
            replay=decision.replay,
            poll_after=remaining,
        )

    def _needs_poll(self) -> bool:
        # Swallowed keys must come back (or become a scan) even if no other key ever comes; a
        # suffix-less burst ends only by silence. An Enter-ended burst needs no timer.
        return self._state in (WedgeState.PREFIX, WedgeState.SCAN) or self.config.suffix is WedgeSuffix.NONE


def _merge(first: WedgeDecision, second: WedgeDecision) -> WedgeDecision:
    """Two decisions for one key press: what `first` says happened before, then `second`."""
    if first == PASS:
        return second
    return WedgeDecision(
        swallow=second.swallow,
        scan=second.scan if second.scan is not None else first.scan,
        retract=first.retract + second.retract,
        retract_text=first.retract_text + second.retract_text,
        replay=first.replay + second.replay,
        poll_after=second.poll_after,
    )
