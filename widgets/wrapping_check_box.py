"""A check box whose caption wraps onto more lines instead of widening the window."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QWidget


class _Caption(QLabel):
    """The caption: word-wrapped; a click on it toggles its box, as a check box's own text does."""

    def __init__(self, box: QCheckBox) -> None:
        super().__init__()
        self._box = box
        self.setWordWrap(True)
        self.setBuddy(box)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside and self._box.isEnabled():
            self._box.toggle()
            self._box.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mouseReleaseEvent(event)


class WrappingCheckBox(QWidget):
    """A `QCheckBox` (`box`) with its caption in a word-wrapped label beside it: a check box's own
    text never wraps, so a long caption in a narrow dialog made the dialog wider than the panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.caption = _Caption(self.box)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.caption, 1)

    def setText(self, text: str) -> None:  # noqa: N802 (the check box's own name)
        """Show `text` as the caption; it is the box's accessible name too."""
        self.caption.setText(text)
        self.box.setAccessibleName(text)

    def text(self) -> str:
        """The caption."""
        return self.caption.text()
