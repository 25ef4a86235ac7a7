"""The "Shift summary" screen: what the loyalty program did on this till today, in big figures.

Figures the loyalty service has not confirmed yet are marked (an asterisk, a colour and a line
saying what is confirmed and what the till expects), with a note explaining the mark.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from widgets.fitting_label import FittingLabel
from widgets.style import repolish

#: The figures in the order shown; `show_figures` takes them by these keys.
FIGURES = ("sales", "earned", "spent", "refunds", "reversed", "returned", "coupons", "waiting", "failed")


@dataclass(frozen=True)
class ShiftFigureView:
    """One figure as shown: its value, whether the service confirmed it, and, when not, the
    confirmed part and what the till expects (empty when there is nothing to say)."""

    value: str
    confirmed: bool = True
    confirmed_part: str = ""
    expected_part: str = ""


class ShiftSummaryDialog(QDialog):
    """Shows the shift's figures; owns no I/O.

    Emits `refresh_requested()` and `print_requested()`; the application loads the figures off the
    GUI thread and gives them with `show_figures`, or says why not with `show_message(..., error=True)`.
    Object names: ShiftSummaryDialog, ShiftPeriod, ShiftValue_<key>, ShiftDetail_<key>,
    ShiftLabel_<key>, ShiftNote, ShiftMessage, ShiftRefreshButton, ShiftPrintButton, ShiftCloseButton.
    """

    refresh_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ShiftSummaryDialog")
        self._loaded = False
        self._period_text = ""
        self._period = QLabel()
        self._period.setObjectName("ShiftPeriod")
        self._period.setWordWrap(True)
        self._labels: dict[str, QLabel] = {}
        self._values: dict[str, FittingLabel] = {}
        self._details: dict[str, QLabel] = {}
        self._views: dict[str, ShiftFigureView] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(0, 1)
        row = 0
        for key in FIGURES:
            label, value, detail = QLabel(), FittingLabel(), QLabel()
            label.setObjectName(f"ShiftLabel_{key}")
            label.setProperty("role", "shiftLabel")
            label.setWordWrap(True)
            value.setObjectName(f"ShiftValue_{key}")
            value.setProperty("role", "shiftValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            detail.setObjectName(f"ShiftDetail_{key}")
            detail.setProperty("role", "shiftDetail")
            detail.setWordWrap(True)
            detail.setAlignment(Qt.AlignmentFlag.AlignRight)
            detail.hide()
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(detail, row + 1, 0, 1, 2)
            self._labels[key], self._values[key], self._details[key] = label, value, detail
            row += 2
            if key == "coupons":  # the deliveries below are the till's own, apart from the figures
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                grid.addWidget(line, row, 0, 1, 2)
                row += 1
        grid.setRowStretch(row, 1)  # on a tall screen the figures stay together at the top
        figures = QWidget()
        figures.setObjectName("ShiftFigures")
        figures.setLayout(grid)
        scroll = QScrollArea()
        scroll.setObjectName("ShiftScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(figures)

        self._note = QLabel()
        self._note.setObjectName("ShiftNote")
        self._note.setWordWrap(True)
        self._note.hide()
        self._message = QLabel()
        self._message.setObjectName("ShiftMessage")
        self._message.setWordWrap(True)
        self._message.hide()
        self._refresh = QPushButton()
        self._refresh.setObjectName("ShiftRefreshButton")
        self._print = QPushButton()
        self._print.setObjectName("ShiftPrintButton")
        self._print.setEnabled(False)
        self._close = QPushButton()
        self._close.setObjectName("ShiftCloseButton")
        self._refresh.clicked.connect(self._refresh_clicked)
        self._print.clicked.connect(self.print_requested)
        self._close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self._refresh)
        buttons.addWidget(self._print)
        buttons.addStretch(1)
        buttons.addWidget(self._close)

        layout = QVBoxLayout(self)
        layout.addWidget(self._period)
        layout.addWidget(scroll, 1)
        layout.addWidget(self._note)
        layout.addWidget(self._message)
        layout.addLayout(buttons)
        self._retranslate()

    # -- public API ---------------------------------------------------------------------------

    def show_loading(self) -> None:
        """The figures are being read."""
        self.show_message(self.tr("Reading the shift's figures…"))

    def show_figures(self, period: str, figures: Mapping[str, ShiftFigureView]) -> None:
        """Show the figures of the period (keys of `FIGURES`); unconfirmed ones are marked."""
        self._loaded = True
        self._views = dict(figures)
        self._period_text = period
        self._message.hide()
        self._print.setEnabled(True)
        self._render()

    def show_message(self, text: str, *, error: bool = False) -> None:
        """A line under the figures: loading, printing, or what went wrong."""
        self._message.setText(text)
        self._message.setProperty("severity", "error" if error else "info")
        self._message.show()
        repolish(self._message)

    def value_text(self, key: str) -> str:
        """A figure's value as shown (with its mark)."""
        return self._values[key].text()

    def detail_text(self, key: str) -> str:
        """A figure's confirmed and expected parts as shown ("" when hidden)."""
        detail = self._details[key]
        return detail.text() if not detail.isHidden() else ""

    def is_marked(self, key: str) -> bool:
        """Whether a figure is shown as not yet confirmed."""
        return self._values[key].property("confirmed") == "false"

    def message_text(self) -> str:
        """The message line as shown ("" when hidden)."""
        return self._message.text() if not self._message.isHidden() else ""

    # -- internals ----------------------------------------------------------------------------

    def _refresh_clicked(self) -> None:
        self.show_loading()
        self.refresh_requested.emit()

    def _render(self) -> None:
        if not self._loaded:
            return
        self._period.setText(self.tr("Period: %1").replace("%1", self._period_text))
        unconfirmed = False
        for key in FIGURES:
            view = self._views.get(key, ShiftFigureView("—"))
            value, detail = self._values[key], self._details[key]
            value.setText(view.value if view.confirmed else f"{view.value} *")
            value.setProperty("confirmed", "true" if view.confirmed else "false")
            value.setToolTip("" if view.confirmed else self.tr("Not yet confirmed by the loyalty service"))
            parts = []
            if not view.confirmed and view.confirmed_part:
                parts.append(self.tr("confirmed %1").replace("%1", view.confirmed_part))
            if not view.confirmed and view.expected_part:
                parts.append(self.tr("expected %1").replace("%1", view.expected_part))
            detail.setText(" + ".join(parts))
            detail.setVisible(bool(parts))
            unconfirmed = unconfirmed or not view.confirmed
            repolish(value)
        self._note.setText(
            self.tr(
                "* Not yet confirmed by the loyalty service: sales still waiting to be sent count "
                "with the till's own estimate."
            )
        )
        self._note.setVisible(unconfirmed)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Shift summary"))
        names = {
            "sales": self.tr("Sales with a customer"),
            "earned": self.tr("Points earned"),
            "spent": self.tr("Points spent"),
            "refunds": self.tr("Refunds"),
            "reversed": self.tr("Points taken back by refunds"),
            "returned": self.tr("Points given back by refunds"),
            "coupons": self.tr("Coupons used"),
            "waiting": self.tr("Waiting to be sent"),
            "failed": self.tr("Refused by the service"),
        }
        for key, text in names.items():
            self._labels[key].setText(text)
        if not self._loaded:
            self._period.setText(self.tr("Today"))
        self._refresh.setText(self.tr("Refresh"))
        self._print.setText(self.tr("Print"))
        self._print.setToolTip(self.tr("Print the shift slip on the slip printer"))
        self._close.setText(self.tr("Close"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
