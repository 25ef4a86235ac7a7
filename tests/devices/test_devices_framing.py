"""Cutting a scanner's byte stream into frames: terminators, gaps, noise, overlong frames."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.scanner.framing import Frame, FrameAssembler, Overflow
from devices.uris import Terminator


def frames(assembler: FrameAssembler, *chunks: bytes) -> list[object]:
    out: list[object] = []
    for chunk in chunks:
        out += assembler.feed(chunk)
    return out


@pytest.mark.parametrize(
    ("terminator", "stream"),
    [
        (Terminator.CR, b"111\r222\r"),
        (Terminator.LF, b"111\n222\n"),
        (Terminator.CRLF, b"111\r\n222\r\n"),
        (Terminator.AUTO, b"111\r222\n"),
        (Terminator.AUTO, b"111\r\n222\r\n"),
    ],
)
def test_each_terminator(terminator: Terminator, stream: bytes) -> None:
    assert frames(FrameAssembler(terminator), stream) == [Frame(b"111"), Frame(b"222")]


def test_the_other_conventions_line_ends_are_noise() -> None:
    assert frames(FrameAssembler(Terminator.CR), b"11\n1\r") == [Frame(b"111")]
    assert frames(FrameAssembler(Terminator.LF), b"\r111\r\n") == [Frame(b"111")]


def test_nul_and_control_bytes_are_dropped() -> None:
    assert frames(FrameAssembler(), b"\x00\x02 12\x1d34\x7f\x03\r") == [Frame(b" 1234")]
    assert frames(FrameAssembler(), b"\r\n\r\n\x00\r") == []  # no empty frames


def test_an_overlong_frame_is_dropped_whole_and_reported_once() -> None:
    assembler = FrameAssembler(Terminator.CR, max_length=8)
    assert frames(assembler, b"12345678\r") == [Frame(b"12345678")]
    assert frames(assembler, b"123456789", b"0123\r", b"42\r") == [Overflow(13), Frame(b"42")]


def test_a_gap_ends_a_frame_without_terminator() -> None:
    assembler = FrameAssembler(Terminator.NONE, gap=0.05)
    assert assembler.feed(b"123", 1.00) == []
    assert assembler.feed(b"456", 1.02) == []
    assert assembler.flush_if_idle(1.05) == []
    assert assembler.flush_if_idle(1.08) == [Frame(b"123456")]
    assert assembler.feed(b"7", 2.0) == []
    assert assembler.feed(b"8", 2.5) == [Frame(b"7")]  # the gap came before the new byte
    assert assembler.pending


def test_gap_and_terminator_together() -> None:
    assembler = FrameAssembler(Terminator.CR, gap=0.1)
    assert assembler.feed(b"12", 0.0) + assembler.feed(b"3\r45", 0.01) == [Frame(b"123")]
    assert assembler.flush_if_idle(0.2) == [Frame(b"45")]


def test_no_terminator_needs_a_gap() -> None:
    with pytest.raises(ValueError):
        FrameAssembler(Terminator.NONE)


codes = st.lists(st.binary(min_size=1, max_size=30).map(lambda b: bytes(x for x in b if x >= 0x20 and x != 0x7F)).filter(bool), max_size=8)


@given(codes, st.data())
def test_frames_do_not_depend_on_how_the_bytes_were_split(codes: list[bytes], data: st.DataObject) -> None:
    stream = b"".join(code + b"\r\n" for code in codes)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=10)))
    chunks = [stream[a:b] for a, b in zip([0] + cuts, cuts + [len(stream)])]
    assert frames(FrameAssembler(Terminator.AUTO), *chunks) == [Frame(code) for code in codes]
