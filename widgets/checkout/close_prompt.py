"""Asks the cashier before the till closes with transactions not yet delivered."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_close_with_waiting(parent: QWidget, waiting: int) -> bool:
    """True if the cashier still wants to close although `waiting` transactions are undelivered."""
    box = QMessageBox(parent)
    box.setObjectName("CloseWithWaitingPrompt")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("ClosePrompt", "Transactions not sent yet"))
    box.setText(
        QCoreApplication.translate(
            "ClosePrompt",
            "%1 loyalty transactions have not reached the service yet. They are kept safely and "
            "will be sent when the till starts again. Close the till now?",
        ).replace("%1", str(waiting))
    )
    close = box.addButton(QCoreApplication.translate("ClosePrompt", "Close anyway"), QMessageBox.ButtonRole.AcceptRole)
    stay = box.addButton(QCoreApplication.translate("ClosePrompt", "Keep the till open"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stay)
    box.exec()
    return box.clickedButton() is close
