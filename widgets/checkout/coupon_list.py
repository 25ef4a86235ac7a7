"""The coupons on the receipt, under the customer's card: each on one line with its title, what it
gives on this receipt or why it does not apply, and a button to take it off."""
from __future__ import annotations

from typing import NamedTuple, Sequence

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from widgets.elided_label import ElidedLabel
from widgets.enum_properties import set_enum_property
from widgets.scrolling import VerticalScrollArea
from widgets.style import repolish


ROWS_IN_VIEW = 3
ROWS_IN_VIEW_COMPACT = 2
ROWS_IN_VIEW_SHORT = 1


class CouponRow(NamedTuple):
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
        rows = QWidget()
        rows.setObjectName("CouponRows")
        self._grid = QGridLayout(rows)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(0, 2)  # both elide when narrow, what it gives keeps more room
        self._grid.setColumnStretch(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._caption)
        # More coupons than fit scroll in their own strip, so "To pay" below stays in view.
        self._scroll = VerticalScrollArea(rows)
        self._scroll.setObjectName("CouponScroll")
        rows.installEventFilter(self)  # a row that grows or shrinks later (restyled): fit again
        layout.addWidget(self._scroll)
        self._compact = False
        self._short = False
        self._folded = False
        # Always whole: the customer's card above scrolls instead.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
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
            detail = ElidedLabel()
            detail.setObjectName("CouponDetail")
            detail.setText(row.detail)
            set_enum_property(detail, "alignment", "AlignRight|AlignVCenter")
            detail.setProperty("code", row.code)
            detail.setProperty("role", "benefit" if row.applied else "warning-text")
            remove = QPushButton("✕")
            remove.setObjectName("RemoveCouponButton")
            side = remove.fontMetrics().height() + 10
            remove.setFixedSize(side, side)
            remove.setProperty("code", row.code)
            set_enum_property(remove, "focusPolicy", "TabFocus")
            remove.setAccessibleName(self.tr("Remove coupon"))
            remove.setToolTip(self.tr("Take this coupon off the receipt"))
            remove.clicked.connect(lambda _checked=False, code=row.code: self.remove_requested.emit(code))
            self._grid.addWidget(title, index, 0)
            self._grid.addWidget(detail, index, 1)
            self._grid.addWidget(remove, index, 2)
            repolish(detail)
        self._fit()
        self.setVisible(bool(rows) and not self._folded)

    def set_compact(self, compact: bool) -> None:
        """Narrow window: fewer coupons in view at once (the rest scroll)."""
        self._compact = compact
        self._fit()

    def set_short(self, short: bool) -> None:
        """Room is short (the customer's card needs it): one coupon is in view at once, the rest
        scroll in the strip."""
        if short != self._short:
            self._short = short
            self._fit()

    def set_folded(self, folded: bool) -> None:
        """Take no room at all while folded (the coupons stay on the receipt)."""
        self._folded = folded
        self.setVisible(bool(self._rows) and not folded)

    def is_folded(self) -> bool:
        """Whether `set_folded(True)` holds the strip out of the panel."""
        return self._folded

    def is_short(self) -> bool:
        """Whether `set_short(True)` holds the strip to one coupon in view."""
        return self._short

    def room_freed_when_short(self) -> int:
        """How much lower the strip gets with one coupon in view instead of its usual rows."""
        if not self._rows:
            return 0
        return self._rows_height(self._rows_in_view(False)) - self._rows_height(self._rows_in_view(True))

    def _rows_in_view(self, short: bool) -> int:
        if short:
            return ROWS_IN_VIEW_SHORT
        return ROWS_IN_VIEW_COMPACT if self._compact else ROWS_IN_VIEW

    def _rows_height(self, in_view: int) -> int:
        """The height of the first `in_view` rows, each as high as its tallest part: rows differ
        (a title or a detail restyled in another type), so no average row will do."""
        for widget in self._scroll.widget().findChildren(QWidget):
            widget.ensurePolished()  # the style's sizes count
        shown = min(len(self._rows), in_view)
        heights = [self._row_height(row) for row in range(shown)]
        return sum(heights) + self._grid.verticalSpacing() * (shown - 1)

    def _row_height(self, row: int) -> int:
        items = (self._grid.itemAtPosition(row, column) for column in range(self._grid.columnCount()))
        return max((item.sizeHint().height() for item in items if item is not None), default=0)

    def _fit(self) -> None:
        if self._rows:
            self._scroll.setFixedHeight(self._rows_height(self._rows_in_view(self._short)))

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Fit the rows in view again when their layout asks for new sizes."""
        if event.type() == QEvent.Type.LayoutRequest and watched is self._scroll.widget():
            self._fit()
        return False
