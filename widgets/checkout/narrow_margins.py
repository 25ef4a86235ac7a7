"""The margins a checkout part gives up in the narrow panel."""
from __future__ import annotations

from PySide6.QtWidgets import QLayout


def fit_margins(layout: QLayout, narrow: bool) -> None:
    """Narrow: no margins, the frame's own padding is margin enough and the customer's card needs
    the room. Wide: the style's own margins again (`unsetContentsMargins`: asking the style for
    their size would bind QStyle's enumerations before the window's first paint)."""
    if narrow:
        layout.setContentsMargins(0, 0, 0, 0)
    else:
        layout.unsetContentsMargins()
