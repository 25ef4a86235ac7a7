"""Receipt totals with loyalty: total, discount, to pay (largest), bonuses to earn and redeem."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from widgets.formatting import format_amount, format_points


class TotalsPanel(QFrame):
    """Shows what the receipt costs after loyalty and what the customer earns and may redeem.

    Value labels are named TotalValue, DiscountValue, ToPayValue, WillEarnValue, CanRedeemValue.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TotalsPanel")
        self._shown: tuple[Decimal, Decimal, Decimal, Decimal, Decimal, str] | None = None
        self._captions: dict[str, QLabel] = {}
        self._values: dict[str, QLabel] = {}

        layout = QGridLayout(self)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(2)
        object_names = {
            "total": "TotalValue",
            "discount": "DiscountValue",
            "to_pay": "ToPayValue",
            "will_earn": "WillEarnValue",
            "can_redeem": "CanRedeemValue",
        }
        # Two pairs per row for the small figures, then "To pay" across the whole width.
        places = {
            "total": (0, 0),
            "discount": (0, 2),
            "will_earn": (1, 0),
            "can_redeem": (1, 2),
        }
        for key, name in object_names.items():
            caption = QLabel()
            caption.setObjectName(name.replace("Value", "Caption"))
            value = QLabel()
            value.setObjectName(name)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if key == "to_pay":
                caption.setProperty("role", "to-pay-caption")
                value.setProperty("role", "to-pay")
                layout.addWidget(caption, 2, 0, 1, 2, Qt.AlignmentFlag.AlignVCenter)
                layout.addWidget(value, 2, 2, 1, 2)
            else:
                caption.setProperty("role", "caption")
                value.setProperty("role", "value")
                row, column = places[key]
                layout.addWidget(caption, row, column)
                layout.addWidget(value, row, column + 1)
            self._captions[key] = caption
            self._values[key] = value
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 1)
        layout.setColumnMinimumWidth(2, 0)
        self._retranslate()
        self.clear()

    def show_totals(
        self,
        total: Decimal,
        discount: Decimal,
        to_pay: Decimal,
        will_earn: Decimal,
        can_redeem: Decimal,
        currency: str = "BYN",
    ) -> None:
        """Show the receipt's money and bonuses; *currency* is written after "To pay"."""
        self._shown = (total, discount, to_pay, will_earn, can_redeem, currency)
        self._render()

    def clear(self) -> None:
        """Show dashes: no receipt yet."""
        self._shown = None
        for value in self._values.values():
            value.setText("—")

    def _render(self) -> None:
        if self._shown is None:
            return
        total, discount, to_pay, will_earn, can_redeem, currency = self._shown
        # The currency is written once, on "To pay", to keep the small figures short.
        self._values["total"].setText(format_amount(total))
        self._values["discount"].setText(("−" if discount else "") + format_amount(discount))
        self._values["to_pay"].setText(format_amount(to_pay, currency))
        self._values["will_earn"].setText("+" + format_points(will_earn))
        self._values["can_redeem"].setText(format_points(can_redeem))

    def _retranslate(self) -> None:
        self._captions["total"].setText(self.tr("Total"))
        self._captions["discount"].setText(self.tr("Bonus discount"))
        self._captions["to_pay"].setText(self.tr("To pay"))
        self._captions["will_earn"].setText(self.tr("Bonuses to earn"))
        self._captions["can_redeem"].setText(self.tr("Can redeem"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
