"""The coupons on the receipt, under the customer's card: each with its title, what it gives on
this receipt or why it does not apply, and a button to take it off."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from widgets.elided_label import ElidedLabel
from widgets.style import repolish


@dataclass(frozen=True)
class CouponRow:
    """One coupon as the list shows it: texts made by the application, in the till's language."""

    code: str
    title: str
    detail: str  # "−1,59", "+0,87 bonuses", or why not: "valid on purchases from 20,00"
    applied: bool


class CouponList(QFrame):
    """Lists the receipt's coupons (hidden while there are none); `remove_requested(code)` when
    the cashier takes one off. Rows carry object names CouponTitle, CouponDetail and
    RemoveCouponButton, each with the coupon's code in the `code` property."""

    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CouponList")
        self._rows: tuple[CouponRow, ...] = ()
        self._caption = QLabel()
        self._caption.setObjectName("CouponsCaption")
        self._caption.setProperty("role", "caption")
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._caption)
        layout.addLayout(self._grid)
        self._retranslate()
        self.hide()

    def show_coupons(self, rows: Sequence[CouponRow]) -> None:
        """Show these coupons (none: the list hides)."""
        rows = tuple(rows)
        if rows == self._rows:
            return
        self._rows = rows
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, row in enumerate(rows):
            title = ElidedLabel()
            title.setObjectName("CouponTitle")
            title.setText(row.title)
            title.setProperty("code", row.code)
            detail = QLabel(row.detail)
            detail.setObjectName("CouponDetail")
            detail.setWordWrap(True)
            detail.setProperty("code", row.code)
            detail.setProperty("role", "benefit" if row.applied else "warning-text")
            remove = QPushButton("✕")
            remove.setObjectName("RemoveCouponButton")
            remove.setProperty("code", row.code)
            remove.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            remove.setAccessibleName(self.tr("Remove coupon"))
            remove.setToolTip(self.tr("Take this coupon off the receipt"))
            remove.clicked.connect(lambda _checked=False, code=row.code: self.remove_requested.emit(code))
            self._grid.addWidget(title, index * 2, 0)
            self._grid.addWidget(remove, index * 2, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(detail, index * 2 + 1, 0)
            repolish(detail)
        self.setVisible(bool(rows))

    def rows(self) -> tuple[CouponRow, ...]:
        """The coupons shown."""
        return self._rows

    def _retranslate(self) -> None:
        self._caption.setText(self.tr("Coupons"))
        for button in self.findChildren(QPushButton, "RemoveCouponButton"):
            button.setAccessibleName(self.tr("Remove coupon"))
            button.setToolTip(self.tr("Take this coupon off the receipt"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
