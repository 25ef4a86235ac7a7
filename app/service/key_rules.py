"""What makes a typed API key usable: checked before it is stored or sent, on any thread (no I/O)."""
from __future__ import annotations

from enum import Enum


class KeyProblem(str, Enum):
    """What makes a typed API key unusable."""

    EMPTY = "empty"
    BAD_CHARACTERS = "bad_characters"


KEY_PROBLEM_MESSAGES = {
    KeyProblem.EMPTY: "the API key is empty",
    KeyProblem.BAD_CHARACTERS: "an API key has no spaces or control characters",
}


def key_problem(key: str) -> KeyProblem | None:
    """What makes `key` (surrounding spaces aside) unusable as an API key; None when it is usable."""
    key = key.strip()
    if not key:
        return KeyProblem.EMPTY
    if any(char.isspace() or not char.isprintable() for char in key):
        return KeyProblem.BAD_CHARACTERS
    return None
