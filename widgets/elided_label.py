"""A one-line label that shortens its text with "…" instead of widening its window."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

#: Characters always shown before the ellipsis, so the label never collapses to nothing.
MIN_SHOWN_CHARACTERS = 6


class ElidedLabel(QLabel):
    """Shows `text()` on one line, elided on the right when it does not fit.

    Its preferred width is the whole text's, its minimum only a few characters': a long name
    never pushes the window wider. While elided, the whole text is the tooltip (unless the
    label was given a tooltip of its own with `keep_tooltip=True`).
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, keep_tooltip: bool = False) -> None:
        super().__init__(parent)
        self._full = ""
        self._keep_tooltip = keep_tooltip
        self._sized = False  # laid out at least once: before, its width is a default, not its own
        self.setWordWrap(False)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Show *text*, elided to the current width if needed."""
        self._full = text
        self._elide()

    def text(self) -> str:
        """The whole text, as given to `setText` (see `shown_text` for what is drawn)."""
        return self._full

    def shown_text(self) -> str:
        """The text as drawn: the whole text or its elided start."""
        return super().text()

    def is_elided(self) -> bool:
        """Whether the text shown is shortened."""
        return super().text() != self._full

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Wide enough for the whole text."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        extra = metrics.horizontalAdvance(self._full) - metrics.horizontalAdvance(super().text())
        return QSize(hint.width() + max(0, extra), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """A few characters and the ellipsis: never the whole text."""
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        shown = self._full[:MIN_SHOWN_CHARACTERS] + "…"
        margins = self.contentsMargins()
        width = metrics.horizontalAdvance(shown) + margins.left() + margins.right() + 2 * self.margin()
        return QSize(min(width, self.sizeHint().width()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Elide again for the new width."""
        super().resizeEvent(event)
        self._sized = True
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        metrics = self.fontMetrics()
        if not self._sized or metrics.horizontalAdvance(self._full) <= width:
            shown = self._full  # not laid out yet: its first resize elides it to its width
        else:
            from PySide6.QtCore import Qt  # here: most texts fit, and the namespace waits for the first paint

            shown = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, max(0, width))
        if shown != super().text():
            QLabel.setText(self, shown)
        tooltip = self._full if shown != self._full else ""
        if not self._keep_tooltip and tooltip != self.toolTip():  # a new tooltip is an event sent
            self.setToolTip(tooltip)
