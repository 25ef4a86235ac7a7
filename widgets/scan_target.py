"""Dialogs that take scans: a keyboard-wedge scan made while one is open is taken out of the
focused field and handed to the till, which puts it in the field meant for it.

Other windows (the PIN dialog above all) are never watched: their fast typing is never taken for
a scan. The widget only says that it takes scans; the till decides where each one goes.
"""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

TAKES_SCANS = "takesScans"


def mark_as_taking_scans(window: QWidget) -> None:
    """Say that scans made while `window` is open are meant for it."""
    window.setProperty(TAKES_SCANS, True)


def takes_scans(window: QWidget) -> bool:
    """Whether scans made while `window` is open are meant for it."""
    return bool(window.property(TAKES_SCANS))
