"""A word-wrapped label that remembers its height for a width."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

#: Widths remembered at once: a scroll area asks with and without its scroll bar, a layout
#: with its own width and its parent's.
_REMEMBERED_WIDTHS = 8


class WrappingLabel(QLabel):
    """A QLabel that wraps its words and answers `heightForWidth` from memory.

    Laying out a window asks a wrapped label its height for a width many times (each layout
    on the way up, the scroll area around the card, the stacked pages, for every page), and
    QLabel lays its text out anew for each answer. This one lays it out once per text, font,
    margins and width.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._heights: dict[int, int] = {}
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        """QLabel's answer, remembered until the text, font, style or margins change."""
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= _REMEMBERED_WIDTHS:
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Show *text* (the heights remembered go with the old one)."""
        if text != QLabel.text(self):
            self._heights.clear()
            super().setText(text)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 (Qt override)
        """Wrap or not (forgets the heights)."""
        self._heights.clear()
        super().setWordWrap(on)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:  # noqa: N802 (Qt override)
        """Plain, rich or automatic text (forgets the heights)."""
        self._heights.clear()
        super().setTextFormat(text_format)

    def setMargin(self, margin: int) -> None:  # noqa: N802 (Qt override)
        """QLabel's margin (forgets the heights)."""
        self._heights.clear()
        super().setMargin(margin)

    def setIndent(self, indent: int) -> None:  # noqa: N802 (Qt override)
        """QLabel's indent (forgets the heights)."""
        self._heights.clear()
        super().setIndent(indent)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """A new font, style or contents margins: the heights are measured again."""
        self._heights.clear()
        super().changeEvent(event)
