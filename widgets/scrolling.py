"""A vertical-only scroll area that never gets narrower than its content."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from widgets.enum_properties import set_enum_property


class VerticalScrollArea(QScrollArea):
    """Scrolls its content vertically when space is short; its minimum width is the content's.

    *kept_in_view*, when given, says how much of the content's top must never be scrolled away:
    the area's minimum height is at least that, so its layout takes the room from its neighbours
    instead (asked again whenever the content's layout changes).
    """

    def __init__(
        self, content: QWidget, parent: QWidget | None = None, kept_in_view: Callable[[], int] | None = None
    ) -> None:
        super().__init__(parent)
        self._kept_in_view = kept_in_view
        self._kept_height = 0
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        set_enum_property(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        if kept_in_view is not None:
            content.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """The content's minimum width plus the frame and the vertical scroll bar; at least the
        height kept in view."""
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        width = (
            content.minimumSizeHint().width()
            + 2 * self.frameWidth()
            + self.verticalScrollBar().sizeHint().width()
        )
        return QSize(max(hint.width(), width), max(hint.height(), self._kept_height + 2 * self.frameWidth()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """When the content is laid out anew, ask the layout for the room it must keep in view."""
        if (
            self._kept_in_view is not None
            and watched is self.widget()
            and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize)
        ):
            kept = self._kept_in_view()
            if kept != self._kept_height:
                self._kept_height = kept
                self.updateGeometry()
        return super().eventFilter(watched, event)
