"""The till's look: base font, the stylesheet from resources/styles/till.qss, re-polishing.

At start-up the look goes on in two steps around building the window: `application_arguments()`
and `set_base_look()` before (Fusion, the large font), `apply_stylesheet()` after, so the window
is polished against the stylesheet once, when it is first shown, rather than again for every
widget as it is made and put in its place.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

import resources

#: Base text size at the till, read at arm's length. Key figures are larger (see till.qss).
BASE_POINT_SIZE = 15
#: The widget style under the stylesheet, the same on every platform.
STYLE = "Fusion"


def load_stylesheet() -> str:
    """Return the text of the packaged stylesheet `resources/styles/till.qss`."""
    # Beside the package, as the translations are (app/i18n.py): importlib.resources would load
    # zipfile and its friends before the first paint.
    return (Path(resources.__file__).resolve().parent / "styles" / "till.qss").read_text(encoding="utf-8")


def application_arguments(argv: Sequence[str]) -> list[str]:
    """The arguments to create the QApplication with: `argv` asking for the till's widget style.

    Given at creation, the style costs nothing from Python; `QApplication.setStyle` hands back
    the style object, and binding its type builds a dozen large enumerations first.
    """
    return [*argv[:1], "-style", STYLE, *argv[1:]]


def set_base_look(app: QApplication, point_size: int = BASE_POINT_SIZE, *, style_given: bool = False) -> None:
    """The till's widget style (unless the application was created with it, `style_given`) and
    its large base font: before any widget is made, so none is laid out again for them."""
    if not style_given:
        app.setStyle(STYLE)
    font = QFont(app.font())
    font.setPointSize(max(point_size, 14))
    app.setFont(font)


def apply_stylesheet(app: QApplication) -> None:
    """Style the whole application with the till's stylesheet."""
    app.setStyleSheet(load_stylesheet())


def apply_style(app: QApplication, point_size: int = BASE_POINT_SIZE) -> None:
    """Give the whole application the till look: Fusion style, a large base font, the stylesheet."""
    set_base_look(app, point_size)
    apply_stylesheet(app)


def restyle(name: str, value: object, *widgets: QWidget) -> None:
    """Set the dynamic property `name` that a stylesheet selector uses, re-polishing only the
    widgets where it changed: a re-polish matches the whole stylesheet again, and the checkout
    sets these properties on every state it shows."""
    changed = [widget for widget in widgets if widget.property(name) != value]
    for widget in changed:
        widget.setProperty(name, value)
    repolish(*changed)


def repolish(*widgets: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property used by a selector changed.

    A widget not polished yet is left alone: its first polish (when it is first shown) reads the
    property anyway. So is one no stylesheet applies to yet: the stylesheet, once set, polishes it.
    """
    for widget in widgets:
        if not _under_stylesheet(widget):
            continue
        from PySide6.QtCore import Qt  # here: while the window is made no stylesheet is on it yet

        if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            continue
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()


def _under_stylesheet(widget: QWidget) -> bool:
    """Whether a stylesheet applies to `widget`: the application's, its own or a parent's."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.styleSheet():
        return True
    while widget is not None:
        if widget.styleSheet():
            return True
        widget = widget.parentWidget()
    return False
