"""A notice that an admin screen could not open, for when there is no dialog yet to say it in."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def show_admin_failure(parent: QWidget, text: str) -> QMessageBox:
    """Show `text` (the admin's sentences) in a window-modal box that does not block; returns the box."""
    box = QMessageBox(parent)
    box.setObjectName("AdminFailureNotice")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("TillWindow", "Admin"))  # the main window's admin menu
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.finished.connect(box.deleteLater)
    box.open()
    return box
