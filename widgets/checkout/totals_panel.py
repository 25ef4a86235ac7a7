"""Receipt totals with loyalty: total, discount, to pay (largest), bonuses to earn and redeem."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from widgets.fitting_label import FittingLabel
from widgets.formatting import format_amount, format_points
from widgets.checkout.narrow_margins import fit_margins
from widgets.enum_properties import set_enum_property

_OBJECT_NAMES = {
    "total": "TotalValue",
    "discount": "DiscountValue",
    "to_pay": "ToPayValue",
    "will_earn": "WillEarnValue",
    "can_redeem": "CanRedeemValue",
}
# (row, column) of each caption, its value beside it. Wide: two pairs per row, then "To pay"
# with its amount across the three other columns; compact: one pair per row, "To pay" above its figure.
_WIDE_PLACES = {"total": (0, 0), "discount": (0, 2), "will_earn": (1, 0), "can_redeem": (1, 2)}
_COMPACT_PLACES = {"total": (0, 0), "discount": (1, 0), "will_earn": (2, 0), "can_redeem": (3, 0)}


class TotalsPanel(QFrame):
    """Shows what the receipt costs after loyalty and what the customer earns and may redeem.

    Value labels are named TotalValue, DiscountValue, ToPayValue, WillEarnValue, CanRedeemValue.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TotalsPanel")
        self._shown: tuple[Decimal, Decimal, Decimal, Decimal, Decimal, str] | None = None
        self._with_coupons = False
        self._captions: dict[str, QLabel] = {}
        self._values: dict[str, QLabel] = {}

        self._compact = False
        self._layout = QGridLayout(self)
        self._layout.setHorizontalSpacing(10)
        self._layout.setVerticalSpacing(2)
        for key, name in _OBJECT_NAMES.items():
            caption = QLabel()
            caption.setObjectName(name.replace("Value", "Caption"))
            value = FittingLabel() if key == "to_pay" else QLabel()
            value.setObjectName(name)
            set_enum_property(value, "alignment", "AlignRight|AlignVCenter")
            if key == "to_pay":
                caption.setProperty("role", "to-pay-caption")
                value.setProperty("role", "to-pay")
            else:
                caption.setProperty("role", "caption")
                value.setProperty("role", "value")
            self._captions[key] = caption
            self._values[key] = value
        self._arrange()
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
        with_coupons: bool = False,
    ) -> None:
        """Show the receipt's money and bonuses; *currency* is written after "To pay".
        *with_coupons*: the discount includes coupons' (its caption then says "Discount")."""
        self._shown = (total, discount, to_pay, will_earn, can_redeem, currency)
        if with_coupons != self._with_coupons:
            self._with_coupons = with_coupons
            self._retranslate()
        self._render()

    def set_compact(self, compact: bool) -> None:
        """Narrow arrangement: one figure per row and "To pay" above its amount."""
        if compact != self._compact:
            self._compact = compact
            self._arrange()
            fit_margins(self._layout, compact)

    def is_compact(self) -> bool:
        """Whether the narrow arrangement is used."""
        return self._compact

    def clear(self) -> None:
        """Show dashes: no receipt yet."""
        self._shown = None
        for value in self._values.values():
            value.setText("—")

    def _arrange(self) -> None:
        layout = self._layout
        for key in _OBJECT_NAMES:
            layout.removeWidget(self._captions[key])
            layout.removeWidget(self._values[key])
        places = _COMPACT_PLACES if self._compact else _WIDE_PLACES
        for key, (row, column) in places.items():
            layout.addWidget(self._captions[key], row, column)
            layout.addWidget(self._values[key], row, column + 1)
        caption, value = self._captions["to_pay"], self._values["to_pay"]
        if self._compact:
            layout.addWidget(caption, 4, 0, 1, 2)
            layout.addWidget(value, 5, 0, 1, 2)
        else:
            layout.addWidget(caption, 2, 0)  # a label: its text centred in the row's height
            layout.addWidget(value, 2, 1, 1, 3)
        for column in range(4):
            layout.setColumnStretch(column, 0)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 0 if self._compact else 1)

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
        if self._with_coupons:
            self._captions["discount"].setText(self.tr("Discount"))
        else:
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
