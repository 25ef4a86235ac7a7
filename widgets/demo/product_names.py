"""A product's name wrapped onto its button in the demo POS: by words and after hyphens, a word
too long for a line broken with a hyphen where the language's hyphenation allows, and only what
still does not fit left out."""
from __future__ import annotations

import re
from functools import cache

import pyphen
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

ELLIPSIS = "…"
#: A word broken across lines keeps at least this many letters on each line.
MIN_BROKEN_PART = 3


def wrap_name(
    text: str, metrics: QFontMetrics, width: int, max_lines: int, *, break_words: bool = False
) -> tuple[list[str], bool]:
    """Greedy word wrap by pixel width into at most `max_lines` lines; also whether it is whole.

    Lines break between words and after a hyphen inside one («Брест-» | «Литовск»); with
    `break_words`, a word wider than the line is broken too, a hyphen at the break («Бородин-» |
    «ский»). What does not fit in `max_lines` lines is left out from the end, an ellipsis after
    the last whole word kept. The button's tooltip names it whole.
    """
    lines: list[str] = []
    for glue, piece in _pieces(text):
        while piece:
            if lines and metrics.horizontalAdvance(lines[-1] + glue + piece) <= width:
                lines[-1] += glue + piece
                break
            if metrics.horizontalAdvance(piece) <= width or not break_words:
                lines.append(piece)
                break
            head = _longest_head(metrics, piece, width)
            lines.append(head + "-")
            piece = piece[len(head) :]
    if len(lines) <= max_lines and all(metrics.horizontalAdvance(line) <= width for line in lines):
        return lines, True
    shown = [_elide(metrics, line, width, Qt.TextElideMode.ElideRight) for line in lines[: max_lines - 1]]
    rest = " ".join(lines[max_lines - 1 :])  # the rest, cut at its end to the last line
    last = _elide(metrics, rest, width, Qt.TextElideMode.ElideRight)
    if last.endswith(ELLIPSIS) and " " in last:
        last = last.removesuffix(ELLIPSIS).rsplit(" ", 1)[0] + ELLIPSIS  # by whole words where it can
    shown.append(last)
    return shown, False


@cache
def _hyphenation() -> pyphen.Pyphen:
    """Russian hyphenation (the product names' language), read from pyphen's dictionary once."""
    return pyphen.Pyphen(lang="ru_RU")


def _longest_head(metrics: QFontMetrics, word: str, width: int) -> str:
    """The longest start of `word` that fits `width` with a hyphen after it: at the last of the
    word's hyphenation points that fits («Бородин-» | «ский»); where none fits, at a letter,
    leaving at least `MIN_BROKEN_PART` letters on each side where the word is long enough."""
    for point in reversed(_hyphenation().positions(word)):
        if metrics.horizontalAdvance(word[:point] + "-") <= width:
            return word[:point]
    shortest = MIN_BROKEN_PART if len(word) >= 2 * MIN_BROKEN_PART else 1
    head = word[:shortest]
    for end in range(shortest + 1, len(word) - shortest + 1):
        if metrics.horizontalAdvance(word[:end] + "-") > width:
            break
        head = word[:end]
    return head


def _pieces(text: str) -> list[tuple[str, str]]:
    """The name's words, each split after its hyphens, with what joins a piece to the one before
    it: a space between words, nothing inside a word."""
    pieces: list[tuple[str, str]] = []
    for word in text.split():
        parts = re.findall(r"[^-]+-*|-+", word)
        pieces.extend((" " if index == 0 else "", part) for index, part in enumerate(parts))
    return pieces


def _elide(metrics: QFontMetrics, text: str, width: int, mode: Qt.TextElideMode) -> str:
    """`text` shortened to `width` pixels with an ellipsis, as Qt draws it (never empty)."""
    return metrics.elidedText(text, mode, width) or ELLIPSIS
