"""A one-line label for a key figure: as large as its style says, smaller only when it would not fit."""
from __future__ import annotations

import math

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

#: The smallest the text is drawn, as a share of the style's size ("To pay" stays readable).
SMALLEST_SCALE = 0.6


class FittingLabel(QLabel):
    """Draws its text in the stylesheet's font, scaled down just enough to fit the width it has.

    The minimum width is the text at `SMALLEST_SCALE`, so a long amount in a narrow window is
    drawn smaller instead of being cut or widening the window; `shown_font()` is the font used.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(False)

    def shown_font(self) -> QFont:
        """The font the text is drawn in at the current width."""
        font = QFont(self.font())
        available = self.contentsRect().width() - 2 * self.margin()
        needed = self.fontMetrics().horizontalAdvance(self.text())
        if needed <= available or needed == 0:
            return font
        scale = max(SMALLEST_SCALE, available / needed)
        size = font.pointSizeF() * scale
        font.setPointSizeF(size)
        while size > 1 and QFontMetrics(font).horizontalAdvance(self.text()) > available:
            size -= 0.5  # rounding of glyph widths: step down until it really fits
            if size < self.font().pointSizeF() * SMALLEST_SCALE:
                break
            font.setPointSizeF(size)
        return font

    def _fits(self) -> bool:
        available = self.contentsRect().width() - 2 * self.margin()
        return self.fontMetrics().horizontalAdvance(self.text()) <= available

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """The text at its smallest scale."""
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin()
        text_width = math.ceil(self.fontMetrics().horizontalAdvance(self.text()) * SMALLEST_SCALE) + 2
        return QSize(text_width + extra, hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Draw the text in `shown_font()`, aligned as the label says."""
        if self._fits():
            super().paintEvent(event)  # in the style's font: QLabel draws it as this would
            return
        from PySide6.QtGui import QPainter  # only for a text too wide: binding it builds its enumerations

        painter = QPainter(self)
        self.drawFrame(painter)
        painter.setFont(self.shown_font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(), -self.margin())
        painter.drawText(rect, int(self.alignment().value), self.text())
        painter.end()
