"""The lines of a sale as a return shows them: tick a line, set how much of it comes back."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from widgets.formatting import format_points, format_quantity
from widgets.style import repolish

ZERO = Decimal(0)


@dataclass(frozen=True)
class ReturnLineView:
    """One line of the original receipt: what was sold, what earlier returns took back of it, and
    what it earned and was paid with points (None when the till does not know)."""

    line_no: int
    name: str
    quantity: Decimal
    amount: Decimal
    returned: Decimal
    earned: Decimal | None
    paid_with_points: Decimal | None

    @property
    def returnable(self) -> Decimal:
        """How much of the line may still come back."""
        return max(ZERO, self.quantity - self.returned)

    @property
    def whole_units(self) -> bool:
        """Counted in pieces (no weighed quantities): the quantity moves by one."""
        return all(value == value.to_integral_value() for value in (self.quantity, self.returned))


class ReturnLineRow(QWidget):
    """A line: a tick (ReturnLineCheck_<n>), its name, what it earned and was paid with points, and
    the quantity returned (ReturnLineQuantity_<n>), never above what is left. Emits `changed()`."""

    changed = Signal()

    def __init__(self, view: ReturnLineView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName(f"ReturnLine_{view.line_no}")
        self.setProperty("role", "returnLine")
        self.setProperty("ticked", "false")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._check = QCheckBox()
        self._check.setObjectName(f"ReturnLineCheck_{view.line_no}")
        self._check.setAccessibleName(view.name)
        self._check.setProperty("role", "returnTick")
        self._name = QLabel(f"{view.line_no}. {view.name}")
        self._name.setObjectName(f"ReturnLineName_{view.line_no}")
        self._name.setWordWrap(True)
        self._name.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._name.installEventFilter(self)  # a tap on the name ticks the line, as on the box
        self._detail = QLabel()
        self._detail.setObjectName(f"ReturnLineDetail_{view.line_no}")
        self._detail.setProperty("role", "hint")
        self._detail.setWordWrap(True)
        self._quantity = QDoubleSpinBox()
        self._quantity.setObjectName(f"ReturnLineQuantity_{view.line_no}")
        self._quantity.setProperty("role", "returnQuantity")
        decimals = 0 if view.whole_units else 3
        self._quantity.setDecimals(decimals)
        self._quantity.setSingleStep(1.0 if view.whole_units else 0.1)
        self._quantity.setMinimum(1.0 if view.whole_units else 0.001)
        self._quantity.setMaximum(float(view.returnable) if view.returnable > ZERO else self._quantity.minimum())
        self._quantity.setValue(self._quantity.maximum())
        self._quantity.setEnabled(False)
        self._quantity.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._quantity.setMaximumWidth(150)
        self._check.toggled.connect(self._ticked)
        self._quantity.valueChanged.connect(lambda _value: self.changed.emit())
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 6, 4, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        # The name has the whole width (long names at 420 px); the quantity sits beside the detail.
        grid.addWidget(self._check, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self._name, 0, 1, 1, 2)
        grid.addWidget(self._detail, 1, 1)
        grid.addWidget(self._quantity, 1, 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        if view.returnable <= ZERO:
            self._check.setEnabled(False)
            self._quantity.hide()
        self._retranslate()

    def is_ticked(self) -> bool:
        """Whether the line comes back."""
        return self._check.isChecked()

    def set_ticked(self, ticked: bool) -> None:
        """Tick or untick the line (a line returned in full cannot be ticked)."""
        if self._check.isEnabled():
            self._check.setChecked(ticked)

    def quantity(self) -> Decimal:
        """The quantity that comes back (whatever the tick)."""
        value = Decimal(str(self._quantity.value())).quantize(Decimal(1).scaleb(-self._quantity.decimals()))
        return min(value, self.view.returnable)

    def set_quantity(self, quantity: Decimal) -> None:
        """Set the quantity that comes back (kept within what is left of the line)."""
        self._quantity.setValue(float(quantity))

    def maximum(self) -> Decimal:
        """The most that may come back."""
        return self.view.returnable

    def set_editable(self, editable: bool) -> None:
        """Freeze the line (while the return is made, and once it is)."""
        self._check.setEnabled(editable and self.view.returnable > ZERO)
        self._quantity.setEnabled(editable and self._check.isChecked())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """A click on the line's name ticks or unticks it."""
        if watched is self._name and event.type() == QEvent.Type.MouseButtonRelease:
            if self._check.isEnabled():
                self._check.toggle()
            return True
        return super().eventFilter(watched, event)

    def _ticked(self, ticked: bool) -> None:
        self._quantity.setEnabled(ticked)
        self.setProperty("ticked", "true" if ticked else "false")
        repolish(self)
        self.changed.emit()

    def _retranslate(self) -> None:
        view = self.view
        parts = [
            self.tr("sold %1 for %2").replace("%1", format_quantity(view.quantity)).replace(
                "%2", format_points(view.amount)
            )
        ]
        if view.earned is not None:
            parts.append(self.tr("earned %1").replace("%1", format_points(view.earned)))
        if view.paid_with_points is not None and view.paid_with_points > ZERO:
            parts.append(self.tr("paid with points %1").replace("%1", format_points(view.paid_with_points)))
        if view.returnable <= ZERO:
            parts.append(self.tr("returned in full"))
        elif view.returned > ZERO:
            parts.append(self.tr("returned before %1").replace("%1", format_quantity(view.returned)))
        self._detail.setText(" · ".join(parts))
        self._quantity.setToolTip(
            self.tr("How much comes back: at most %1").replace("%1", format_quantity(view.returnable))
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


class ReturnLinesList(QWidget):
    """The sale's lines, one `ReturnLineRow` each; emits `changed()` when a tick or quantity changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReturnLines")
        self._rows: list[ReturnLineRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addStretch(1)

    def show_lines(self, lines: list[ReturnLineView]) -> None:
        """Show these lines, none ticked."""
        for row in self._rows:
            self._layout.removeWidget(row)
            row.setParent(None)  # gone from the dialog now, not at the next turn of the event loop
            row.deleteLater()
        self._rows = []
        for view in lines:
            row = ReturnLineRow(view)
            row.changed.connect(self.changed)
            self._layout.insertWidget(self._layout.count() - 1, row)
            self._rows.append(row)
        self.changed.emit()

    def rows(self) -> list[ReturnLineRow]:
        """The rows, in receipt order."""
        return list(self._rows)

    def row(self, line_no: int) -> ReturnLineRow | None:
        """The row of a line number."""
        return next((row for row in self._rows if row.view.line_no == line_no), None)

    def chosen(self) -> list[tuple[int, Decimal]]:
        """The ticked lines and the quantity of each that comes back."""
        return [(row.view.line_no, row.quantity()) for row in self._rows if row.is_ticked()]

    def set_editable(self, editable: bool) -> None:
        """Freeze or free every line."""
        for row in self._rows:
            row.set_editable(editable)
