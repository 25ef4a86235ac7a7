"""The fixed words of the after-sale, return and shift slips in the till's language, for the Qt-free slip layout.

The layout (`devices/printing/receipt_layout.py`) prints whatever words it is given; the till
translates them here with Qt's translator (context "Slip") when a slip is printed. The sentence
for an offline sale is the one the till already shows the cashier (context "Till").
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from devices.printing.receipt_layout import ReceiptLabels
from devices.printing.return_slip import ReturnLabels
from devices.printing.shift_slip import ShiftLabels


def slip_labels() -> ReceiptLabels:
    """The slip's words as the installed translation has them (English source without one)."""
    return ReceiptLabels(
        heading=QCoreApplication.translate("Slip", "Bonus program"),
        phone=QCoreApplication.translate("Slip", "Phone"),
        tier=QCoreApplication.translate("Slip", "Tier"),
        earned=QCoreApplication.translate("Slip", "Bonuses earned"),
        spent=QCoreApplication.translate("Slip", "Bonuses spent"),
        balance=QCoreApplication.translate("Slip", "Bonus balance"),
        offline=QCoreApplication.translate("Till", "Bonuses will be credited when the connection is back."),
        offers_heading=QCoreApplication.translate("Slip", "Personal offers"),
        valid_until=QCoreApplication.translate("Slip", "Valid until"),
        coupon=QCoreApplication.translate("Slip", "Coupon"),
        coupons_heading=QCoreApplication.translate("Slip", "Coupons applied"),
        coupon_points=QCoreApplication.translate("Slip", "Extra bonuses"),
        refused=QCoreApplication.translate(
            "Slip", "Not confirmed: the loyalty program refused this sale. The figures above are the till's own."
        ),
        pending=QCoreApplication.translate(
            "Slip", "Not yet confirmed by the loyalty program: the figures above are the till's own."
        ),
    )


def return_slip_labels() -> ReturnLabels:
    """The return slip's words as the installed translation has them (English source without one)."""
    return ReturnLabels(
        heading=QCoreApplication.translate("Slip", "Bonus program return"),
        document=QCoreApplication.translate("Slip", "Return receipt"),
        original=QCoreApplication.translate("Slip", "Sale receipt"),
        reversed=QCoreApplication.translate("Slip", "Bonuses taken back"),
        returned=QCoreApplication.translate("Slip", "Bonuses given back"),
        balance=QCoreApplication.translate("Slip", "Bonus balance"),
        expected=QCoreApplication.translate(
            "Slip", "Figures are provisional: the loyalty program confirms them once it receives the return."
        ),
        unknown=QCoreApplication.translate(
            "Slip", "Bonuses will be recounted once the loyalty program receives the return."
        ),
        refused=QCoreApplication.translate(
            "Slip", "Not confirmed: the loyalty program refused this return. The figures above are the till's own."
        ),
    )


def shift_slip_labels() -> ShiftLabels:
    """The shift slip's words as the installed translation has them (English source without one)."""
    return ShiftLabels(
        heading=QCoreApplication.translate("Slip", "Shift summary"),
        store=QCoreApplication.translate("Slip", "Store"),
        till=QCoreApplication.translate("Slip", "Till"),
        period=QCoreApplication.translate("Slip", "Period"),
        sales=QCoreApplication.translate("Slip", "Sales with a card"),
        earned=QCoreApplication.translate("Slip", "Bonuses earned"),
        spent=QCoreApplication.translate("Slip", "Bonuses spent"),
        refunds=QCoreApplication.translate("Slip", "Returns"),
        reversed=QCoreApplication.translate("Slip", "Bonuses taken back"),
        returned=QCoreApplication.translate("Slip", "Bonuses given back"),
        coupons=QCoreApplication.translate("Slip", "Coupons used"),
        waiting=QCoreApplication.translate("Slip", "Waiting to be sent"),
        failed=QCoreApplication.translate("Slip", "Refused by the program"),
        unconfirmed=QCoreApplication.translate("Slip", "* not yet confirmed by the loyalty program"),
        printed=QCoreApplication.translate("Slip", "Printed"),
    )
