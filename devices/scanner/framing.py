"""Cutting a serial scanner's byte stream into codes: by terminator, by silence, or both.

`FrameAssembler` is pure (no port, no thread, time passed in), so the reader thread and the tests
drive it alike. Bytes may arrive split anywhere; the frames come out the same.

- Terminators: `CR`, `LF`, `CRLF` (ends at LF; the CR before it is dropped), `auto` (any of CR,
  LF or CRLF; empty frames are never reported, so CRLF gives one frame), `none`.
- Silence: with a gap, a frame also ends when no byte came for that long (`flush_if_idle`, and
  before new bytes that arrive after the gap).
- Noise: NUL and every other control byte that is not the terminator is dropped.
- Overlong frames: past `max_length` bytes the frame is dropped whole, up to its end, and one
  `Overflow` reports how many bytes were lost.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from devices.uris import Terminator

CR, LF = 0x0D, 0x0A


@dataclass(frozen=True)
class Frame:
    """One complete code as the scanner sent it, without terminator or noise bytes."""

    data: bytes


@dataclass(frozen=True)
class Overflow:
    """A frame longer than allowed was dropped: `length` bytes (noise not counted)."""

    length: int


FrameEvent = Union[Frame, Overflow]


class FrameAssembler:
    """Collects bytes and hands out complete frames."""

    def __init__(self, terminator: Terminator = Terminator.AUTO, gap: float | None = None, max_length: int = 512) -> None:
        if terminator is Terminator.NONE and gap is None:
            raise ValueError("without a terminator frames need a gap")
        if max_length < 1:
            raise ValueError("max_length must be at least 1")
        self.terminator = terminator
        self.gap = gap
        self.max_length = max_length
        self._ends = {
            Terminator.CR: (CR,),
            Terminator.LF: (LF,),
            Terminator.CRLF: (LF,),
            Terminator.AUTO: (CR, LF),
            Terminator.NONE: (),
        }[terminator]
        self._buffer = bytearray()
        self._overflow = 0  # >0: dropping the current frame, this many bytes so far
        self._last: float | None = None

    @property
    def pending(self) -> bool:
        """True while part of a frame is waiting for its end."""
        return bool(self._buffer) or self._overflow > 0

    def reset(self) -> None:
        """Forget a partial frame (the port was closed)."""
        self._buffer.clear()
        self._overflow = 0
        self._last = None

    def feed(self, data: bytes, now: float = 0.0) -> list[FrameEvent]:
        """Add bytes that arrived at `now` (seconds); returns the frames they complete."""
        events = self.flush_if_idle(now)
        for byte in data:
            if byte in self._ends:
                self._end_frame(events)
            elif byte < 0x20 or byte == 0x7F:
                continue  # noise: NUL, stray CR/LF of another convention, STX/ETX, GS...
            elif self._overflow:
                self._overflow += 1
            elif len(self._buffer) >= self.max_length:
                self._overflow = len(self._buffer) + 1
                self._buffer.clear()
            else:
                self._buffer.append(byte)
        if data:
            self._last = now
        return events

    def flush_if_idle(self, now: float) -> list[FrameEvent]:
        """With a gap configured: the frame in progress, if no byte came for longer than the gap."""
        events: list[FrameEvent] = []
        if self.gap is not None and self._last is not None and self.pending and now - self._last >= self.gap:
            self._end_frame(events)
        return events

    def _end_frame(self, events: list[FrameEvent]) -> None:
        if self._overflow:
            events.append(Overflow(self._overflow))
        elif self._buffer:
            events.append(Frame(bytes(self._buffer)))
        self._buffer.clear()
        self._overflow = 0
