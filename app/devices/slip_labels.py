"""The after-sale and return slips' fixed words in the till's language, for the Qt-free slip layout.

The layout (`devices/printing/receipt_layout.py`) prints whatever words it is given; the till
translates them here with Qt's translator (context "Slip") when a slip is printed. The sentence
for an offline sale is the one the till already shows the cashier (context "Till").
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from devices.printing.receipt_layout import ReceiptLabels
from devices.printing.return_slip import ReturnLabels


def slip_labels() -> ReceiptLabels:
    """The slip's words as the installed translation has them (English source without one)."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("Slip", text)

    return ReceiptLabels(
        heading=tr("Bonus program"),
        phone=tr("Phone"),
        tier=tr("Tier"),
        earned=tr("Bonuses earned"),
        spent=tr("Bonuses spent"),
        balance=tr("Bonus balance"),
        offline=QCoreApplication.translate("Till", "Bonuses will be credited when the connection is back."),
        offers_heading=tr("Personal offers"),
        valid_until=tr("Valid until"),
        coupon=tr("Coupon"),
    )


def return_slip_labels() -> ReturnLabels:
    """The return slip's words as the installed translation has them (English source without one)."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("Slip", text)

    return ReturnLabels(
        heading=tr("Bonus program return"),
        document=tr("Return receipt"),
        original=tr("Sale receipt"),
        reversed=tr("Bonuses taken back"),
        returned=tr("Bonuses given back"),
        balance=tr("Bonus balance"),
        expected=tr("Figures are provisional: the loyalty program confirms them once it receives the return."),
        unknown=tr("Bonuses will be recounted once the loyalty program receives the return."),
    )
