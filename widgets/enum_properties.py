"""Qt enumerations given to widgets by name, through their properties.

PySide6 builds every enumeration of the `Qt` namespace the first time the namespace is touched:
some hundred Python enums (`Qt.Key` alone has about 450 members), 120 M instructions, a fifth of
what a bare window costs to start. The widgets the window paints first set their alignments, text
formats and focus policies by name through Qt's property system instead, so that the namespace is
built after the first paint, when a key, a focus change or a layout that needs it comes
(docs/architecture.md §1). Code that runs later uses `Qt` as usual.
"""
from __future__ import annotations

from PySide6.QtCore import QObject


def set_enum_property(target: QObject, name: str, value: str) -> None:
    """Set *target*'s enumeration or flags property *name* to *value*: enumerator names, flags
    joined by "|" (for example `set_enum_property(label, "alignment", "AlignRight|AlignVCenter")`).

    Raises ValueError when *target* has no such property or the names are not its enumerators'.
    """
    if not target.setProperty(name, value):
        raise ValueError(f"{type(target).__name__} has no property {name!r} that takes {value!r}")
