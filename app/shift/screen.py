"""The panel's "Shift summary": opens the screen, reads today's figures on a worker, prints the slip.

The journal is read on the worker (`ShiftReader` opens the database there) and the slip goes to
the printer on the devices' worker; the GUI thread only shows what comes back.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from app.shift.window import ShiftWindow, shift_window
from app.workers import BackgroundWorker

if TYPE_CHECKING:  # the dialog, the summary and the printing stack load when the screen first opens
    from app.shift.summary import ShiftSummary
    from devices.printing.shift_slip import ShiftSlip
    from widgets.shift.summary_dialog import ShiftFigureView, ShiftSummaryDialog

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


class ShiftScreen(QObject):
    """Shows the shift summary of today (since local midnight) and prints it on request.

    `reader(window)` reads a summary (called on `worker`); `print_slip(slip)` hands the slip to
    the printer's worker and returns False when there is no slip printer.
    """

    def __init__(
        self,
        parent_widget: QWidget,
        worker: BackgroundWorker,
        reader: Callable[[ShiftWindow], "ShiftSummary"],
        print_slip: Callable[["ShiftSlip"], bool],
        *,
        store: Callable[[], tuple[str, str]] = lambda: ("", ""),
        clock: Clock = lambda: datetime.now(timezone.utc),
    ) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._worker = worker
        self._reader = reader
        self._print_slip = print_slip
        self._store = store
        self._clock = clock
        self._summary: ShiftSummary | None = None
        self.dialog: ShiftSummaryDialog | None = None

    def open(self) -> None:
        """Show the screen and read today's figures."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.refresh()
            return
        from widgets.shift.summary_dialog import ShiftSummaryDialog

        dialog = ShiftSummaryDialog(self._parent)
        self.dialog = dialog
        dialog.refresh_requested.connect(self.refresh)
        dialog.print_requested.connect(self.print_summary)
        dialog.finished.connect(lambda _: self._closed(dialog))
        dialog.open()
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again (on the worker)."""
        dialog = self.dialog
        if dialog is None:
            return
        dialog.show_loading()
        window = shift_window(None, None, self._clock())
        reader = self._reader

        def shown(summary: ShiftSummary) -> None:
            if self.dialog is dialog:
                self._summary = summary
                dialog.show_figures(period_text(summary.window), figure_views(summary))

        def failed(exc: BaseException) -> None:
            log.error("the shift summary could not be read", exc_info=exc)
            if self.dialog is dialog:
                text = QCoreApplication.translate("Shift", "The shift's figures cannot be read: %1").replace("%1", str(exc))
                dialog.show_message(text, error=True)

        self._worker.submit(lambda: reader(window), shown, failed)

    def print_summary(self) -> None:
        """Send the shift slip of the figures shown to the slip printer."""
        dialog, summary = self.dialog, self._summary
        if dialog is None or summary is None:
            return
        from app.shift.slip import shift_slip

        store_id, till_id = self._store()
        slip = shift_slip(summary, store_id=store_id, till_id=till_id, printed_at=self._clock())
        if self._print_slip(slip):
            dialog.show_message(QCoreApplication.translate("Shift", "The shift slip is sent to the slip printer."))
        else:
            text = QCoreApplication.translate("Shift", "No slip printer is set up: see Admin > Devices.")
            dialog.show_message(text, error=True)

    def _closed(self, dialog: ShiftSummaryDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
            self._summary = None


def period_text(window: ShiftWindow) -> str:
    """The window as the screen shows it, in the till's local time."""
    start, end = window.start.astimezone(), window.end.astimezone()
    return f"{start:%d.%m.%Y %H:%M} – {end:%d.%m.%Y %H:%M}"


def figure_views(summary: "ShiftSummary") -> dict[str, "ShiftFigureView"]:
    """The summary's figures as the screen shows them, by the screen's keys."""
    from widgets.locale_numbers import amount_text  # in the till's language: 1 234,50 / 1,234.50
    from widgets.shift.summary_dialog import ShiftFigureView

    def count(figure: Any) -> ShiftFigureView:
        return ShiftFigureView(str(figure.value), figure.confirmed)

    def points(figure: Any) -> ShiftFigureView:
        if figure.fully_confirmed:
            return ShiftFigureView(amount_text(figure.total))
        return ShiftFigureView(
            amount_text(figure.total), False, amount_text(figure.confirmed), amount_text(figure.expected)
        )

    return {
        "sales": count(summary.sales),
        "earned": points(summary.earned),
        "spent": points(summary.spent),
        "refunds": count(summary.refunds),
        "reversed": points(summary.reversed),
        "returned": points(summary.returned),
        "coupons": count(summary.coupons),
        "waiting": ShiftFigureView(str(summary.waiting)),
        "failed": ShiftFigureView(str(summary.failed)),
    }
