"""A word-wrapped label that never breaks a line inside given parts of its text (a masked phone)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

_NO_BREAK_SPACE = "\u00a0"
_WORD_JOINER = "\u2060"  # forbids a line break where it stands and draws nothing


def unbroken(part: str) -> str:
    """*part* as one unbreakable word: its spaces no-break, its hyphens joined to their neighbours."""
    return part.replace(" ", _NO_BREAK_SPACE).replace("-", f"{_WORD_JOINER}-{_WORD_JOINER}")


class UnbrokenLabel(QLabel):
    """Wraps its text between words but keeps each part given to `set_text` on one line.

    `text()` is the text as given; what is drawn differs only by invisible no-break characters.
    """

    def __init__(self) -> None:
        super().__init__()
        self._given = ""
        self.setWordWrap(True)

    def set_text(self, text: str, *keep_together: str) -> None:
        """Show *text*, never breaking a line inside any of *keep_together*."""
        self._given = text
        shown = text
        for part in keep_together:
            if part:
                shown = shown.replace(part, unbroken(part))
        QLabel.setText(self, shown)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Show *text* as it is."""
        self.set_text(text)

    def text(self) -> str:
        """The text as given (without the no-break characters drawn)."""
        return self._given
