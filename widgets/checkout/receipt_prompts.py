"""Asks the cashier before an open receipt is dropped: a new receipt over it, or voiding it."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _ask(parent: QWidget, name: str, title: str, text: str, yes: str, no: str) -> bool:
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    accept.setObjectName("PromptYesButton")
    keep = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("PromptNoButton")
    box.setDefaultButton(keep)  # Enter pressed by habit keeps the receipt
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is accept


def confirm_new_receipt(parent: QWidget) -> bool:
    """True if the cashier wants to drop the open receipt (its lines, customer, bonuses) for a new one."""
    return _ask(
        parent,
        "NewReceiptPrompt",
        QCoreApplication.translate("ReceiptPrompts", "Start a new receipt?"),
        QCoreApplication.translate(
            "ReceiptPrompts",
            "The open receipt has lines or a customer. Starting a new receipt drops them, and any "
            "bonuses set aside for it are released.",
        ),
        QCoreApplication.translate("ReceiptPrompts", "New receipt"),
        QCoreApplication.translate("ReceiptPrompts", "Keep this receipt"),
    )


def confirm_void(parent: QWidget) -> bool:
    """True if the cashier wants to void the open receipt."""
    return _ask(
        parent,
        "VoidReceiptPrompt",
        QCoreApplication.translate("ReceiptPrompts", "Void the receipt?"),
        QCoreApplication.translate(
            "ReceiptPrompts",
            "The receipt is cancelled and any bonuses set aside for it are released. This cannot "
            "be undone.",
        ),
        QCoreApplication.translate("ReceiptPrompts", "Void receipt"),
        QCoreApplication.translate("ReceiptPrompts", "Keep this receipt"),
    )
