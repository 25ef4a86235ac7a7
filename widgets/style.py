"""The till's look: base font, the stylesheet from resources/styles/till.qss, re-polishing."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

import resources

#: Base text size at the till, read at arm's length. Key figures are larger (see till.qss).
BASE_POINT_SIZE = 15


def load_stylesheet() -> str:
    """Return the text of the packaged stylesheet `resources/styles/till.qss`."""
    # Beside the package, as the translations are (app/i18n.py): importlib.resources would load
    # zipfile and its friends before the first paint.
    return (Path(resources.__file__).resolve().parent / "styles" / "till.qss").read_text(encoding="utf-8")


def apply_style(app: QApplication, point_size: int = BASE_POINT_SIZE) -> None:
    """Give the whole application the till look: Fusion style, a large base font, the stylesheet."""
    app.setStyle("Fusion")
    font = QFont(app.font())
    font.setPointSize(max(point_size, 14))
    app.setFont(font)
    app.setStyleSheet(load_stylesheet())


def restyle(name: str, value: object, *widgets: QWidget) -> None:
    """Set the dynamic property `name` that a stylesheet selector uses, re-polishing only the
    widgets where it changed: a re-polish matches the whole stylesheet again, and the checkout
    sets these properties on every state it shows."""
    changed = [widget for widget in widgets if widget.property(name) != value]
    for widget in changed:
        widget.setProperty(name, value)
    repolish(*changed)


def repolish(*widgets: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property used by a selector changed."""
    for widget in widgets:
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()
