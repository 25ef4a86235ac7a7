"""The panel's "Return…": opens the dialog and runs its steps on the returns core (on the checkout's
worker, like the host API's returns), so the slip is printed the same way.

The GUI thread only shows what comes back; the estimate, a pure computation over the sale the
dialog shows, is worked out here as the cashier ticks lines, and checked again by the core when
the return is made.
"""
from __future__ import annotations

import logging
import uuid
from concurrent.futures import Future
from datetime import datetime, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from app.checkout.notices import fault_text
from app.offline.failures import read_failure
from app.returns.errors import ReturnRefused, SaleNotFound
from app.returns.model import ReturnAnswer, ReturnLine, ReturnRequest, ReturnState
from app.returns.texts import refusal_text
from fiscal.money import format_money
from fiscal.receipt import FiscalDocument
from loyalty_client.errors import fault_for
from loyalty_client.types import RefundResult

if TYPE_CHECKING:  # the dialog loads when the screen first opens
    from app.returns.sales import SaleView
    from app.returns.service import ReturnsService
    from widgets.returns.return_dialog import ReturnDialog

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

DIALOG_WIDTH, DIALOG_HEIGHT = 640, 700


class ReturnsPort(Protocol):
    """Where the screen's steps run: `call(step)` runs `step(service)` on the returns' worker."""

    def call(self, step: Callable[["ReturnsService"], Any]) -> "Future[Any]":
        """Run `step` on the worker; its result or exception comes in the future."""


class ReturnsScreen(QObject):
    """The return dialog's controller: finds the sale, estimates, makes the return, says what became of it.

    `returns` is where the core runs (`TillApplication.returns`); `is_online()` says whether the
    loyalty service answered last (False: the return waits in the queue, and the dialog says so).
    Call `refund_delivered(refund_id, result)` when the sync delivers a refund: the dialog then
    shows the service's figures.
    """

    _answered = Signal(object, object, object)  # from the worker: the future's callbacks, the future

    def __init__(
        self,
        parent_widget: QWidget,
        returns: Callable[[], ReturnsPort],
        is_online: Callable[[], bool | None],
        *,
        clock: Clock = lambda: datetime.now(timezone.utc),
    ) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._returns = returns
        self._is_online = is_online
        self._clock = clock
        self._sale: SaleView | None = None
        self._return_id = ""
        self._closed_at: datetime | None = None
        self._refund_id: str | None = None
        self._made_return_id = ""  # the return whose refund `_refund_id` is
        self._made_figures: str | None = None  # what was said of its points while it is being sent
        self.dialog: ReturnDialog | None = None
        self._answered.connect(self._deliver)

    def open(self) -> None:
        """Show the dialog and read today's sales."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        from widgets.registration.dialog import fit_dialog
        from widgets.returns.return_dialog import ReturnDialog

        dialog = ReturnDialog(self._parent)
        self.dialog = dialog
        self._sale = None
        self._refund_id = None
        self._new_return()
        dialog.find_requested.connect(self._find)
        dialog.sale_chosen.connect(self._choose)
        dialog.todays_sales_requested.connect(self._read_todays_sales)
        dialog.lines_changed.connect(self._estimate)
        dialog.confirm_requested.connect(self._confirm)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        fit_dialog(dialog, self._parent)
        # As wide as the panel allows up to a comfortable width, and tall: the lines need room.
        window = self._parent
        width = max(dialog.width(), min(DIALOG_WIDTH, window.width()))
        dialog.resize(width, max(dialog.height(), min(DIALOG_HEIGHT, window.height())))
        centre = window.frameGeometry().center()
        dialog.move(centre.x() - dialog.width() // 2, max(window.y(), centre.y() - dialog.height() // 2))
        dialog.open()
        self._read_todays_sales()

    def take_scan(self, raw: str) -> bool:
        """A scan while the dialog is open is a receipt's number (True): the original receipt's
        while it is searched for, then the POS's return receipt's; False when the dialog is closed."""
        dialog = self.dialog
        if dialog is None:
            return False
        number = raw.strip()
        if number:
            dialog.take_scanned_number(number)
        return True

    def refund_delivered(self, refund_id: str, result: RefundResult) -> None:
        """The sync delivered a refund: if it is the dialog's return, show the service's figures."""
        dialog = self.dialog
        if dialog is None or refund_id != self._refund_id:
            return
        text = (
            QCoreApplication.translate(
                "Returns", "Confirmed by the loyalty program: %1 points taken back, %2 given back. Balance now: %3."
            )
            .replace("%1", format_money(result.accrual_reversed))
            .replace("%2", format_money(result.redeem_returned))
            .replace("%3", format_money(result.balance.spendable))
        )
        dialog.show_done(text)

    def refund_put_off(self, refund_id: str) -> None:
        """The service did not answer the dialog's refund (it is sent again later): say so, in
        place of "Sending it…" (the slip goes out with the till's figures, not yet confirmed)."""
        dialog = self.dialog
        if dialog is None or refund_id != self._refund_id or self._made_figures is None:
            return
        waiting = QCoreApplication.translate(
            "Returns",
            "The loyalty program has not answered yet: the return waits in the queue and is sent again. The slip"
            " shows the till's figures, not yet confirmed.",
        )
        dialog.show_done(self._made_figures + " " + waiting, severity="warning")
        self._made_figures = None  # said once: a later answer says the rest

    def refund_refused(self, refund_id: str) -> None:
        """The service refused a refund for good: if it is the dialog's return, say so, why, and
        what to do (the cashier was told it was being sent)."""
        dialog = self.dialog
        if dialog is None or refund_id != self._refund_id:
            return
        return_id = self._made_return_id
        self._run(
            dialog,
            lambda service: service.get(return_id).problem,
            lambda problem: dialog.show_done(refused_text(problem), severity="error"),
        )

    # ----- steps ---------------------------------------------------------------------------------
    def _read_todays_sales(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        self._refund_id = None  # back to the search: a delivery no longer concerns what is shown

        def shown(sales: list[SaleView]) -> None:
            from widgets.returns.return_dialog import SaleChoiceView

            dialog.show_todays_sales(
                [SaleChoiceView(s.receipt_id, s.transaction_id, s.recorded_at, s.total, s.earned) for s in sales]
            )

        self._run(dialog, lambda service: service.todays_sales(), shown)

    def _find(self, receipt_id: str) -> None:
        dialog = self.dialog
        if dialog is not None:
            self._run(dialog, lambda service: service.find_sale(receipt_id), lambda sale: self._show_sale(dialog, sale))

    def _choose(self, receipt_id: str, transaction_id: str) -> None:
        dialog = self.dialog
        if dialog is not None:
            self._run(
                dialog,
                lambda service: service.find_sale(receipt_id, transaction_id),
                lambda sale: self._show_sale(dialog, sale),
            )

    def _show_sale(self, dialog: ReturnDialog, sale: SaleView) -> None:
        from widgets.returns.return_lines import ReturnLineView

        self._sale = sale
        lines = [
            ReturnLineView(
                line.line_no, line.name, line.quantity, line.amount, line.returned, line.earned, line.paid_with_points
            )
            for line in sale.lines
        ]
        dialog.show_sale(sale.receipt_id, sale.recorded_at, sale.total, lines)
        if all(line.returnable <= 0 for line in sale.lines):
            dialog.show_message(
                QCoreApplication.translate("Returns", "Everything on this receipt has been returned already."),
                severity="error",
            )

    def _estimate(self) -> None:
        from app.returns.service import estimate_return

        dialog, sale = self.dialog, self._sale
        if dialog is None or sale is None:
            return
        lines = [ReturnLine(number, quantity) for number, quantity in dialog.chosen_lines()]
        try:
            dialog.show_estimate(estimate_return(sale, lines))
        except ReturnRefused as refusal:
            dialog.show_refusal(refusal_text(refusal))

    def _confirm(self, document_number: str) -> None:
        dialog, sale = self.dialog, self._sale
        if dialog is None or sale is None:
            return
        if self._closed_at is None:  # kept for a retry: the same return must compare equal
            self._closed_at = self._clock()
        request = ReturnRequest(
            return_id=self._return_id,
            original_receipt_id=sale.receipt_id,
            fiscal=FiscalDocument(document_number, self._closed_at),
            lines=tuple(ReturnLine(number, quantity) for number, quantity in dialog.chosen_lines()),
            original_transaction_id=sale.transaction_id,
        )
        self._run(dialog, lambda service: service.make_return(request), lambda answer: self._made(dialog, answer))

    def _made(self, dialog: ReturnDialog, answer: ReturnAnswer) -> None:
        self._refund_id = answer.refund_id
        self._made_return_id = answer.return_id
        self._new_return()  # another receipt's return in the same dialog is another return
        online = self._is_online()
        text, severity = made_text(answer, online)
        sending = answer.state is not ReturnState.DELIVERED and online is not False
        self._made_figures = made_figures(answer) if sending else None
        dialog.show_done(text, severity=severity)

    def _new_return(self) -> None:
        """The id and time of the next return made: kept until it is made, so a confirm retried
        after a failure is the same return, never a second one."""
        self._return_id = f"panel-{uuid.uuid4().hex}"
        self._closed_at = None

    # ----- plumbing -------------------------------------------------------------------------------
    def _run(self, dialog: ReturnDialog, step: Callable[[ReturnsService], Any], done: Callable[[Any], None]) -> None:
        """Run `step` on the returns' worker; `done(result)` here, or the dialog says what went wrong."""
        future = self._returns().call(step)
        future.add_done_callback(lambda settled: self._answered.emit(dialog, done, settled))

    def _deliver(self, dialog: ReturnDialog, done: Callable[[Any], None], future: "Future[Any]") -> None:
        if self.dialog is not dialog:
            return  # closed meanwhile
        error = future.exception()
        if error is None:
            done(future.result())
        elif isinstance(error, SaleNotFound):  # the API's words ask for a transaction id: the panel has no field for it
            dialog.show_error(
                QCoreApplication.translate(
                    "Returns",
                    "No sale of receipt %1 with a customer on this till. Check the number; a sale without a"
                    " customer needs no return here, and a sale of another till is returned there.",
                ).replace("%1", error.receipt_id)
            )
        elif isinstance(error, ReturnRefused):
            dialog.show_error(refusal_text(error))
        else:
            log.error("a return step failed", exc_info=error)
            dialog.show_error(
                QCoreApplication.translate("Returns", "The till could not do it: %1. Nothing was returned; try again.")
                .replace("%1", str(error) or type(error).__name__)
            )

    def _closed(self, dialog: ReturnDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
            self._sale = None
            self._refund_id = None
        dialog.deleteLater()


def made_text(answer: ReturnAnswer, online: bool | None) -> tuple[str, str]:
    """What the dialog says once the return is recorded, and how ("success" or "warning")."""
    if answer.state is ReturnState.DELIVERED:
        figures = QCoreApplication.translate(
            "Returns", "Confirmed by the loyalty program: %1 points taken back, %2 given back. Balance now: %3."
        )
        return (
            figures.replace("%1", _points(answer.points_reversed))
            .replace("%2", _points(answer.points_returned))
            .replace("%3", _points(answer.new_balance)),
            "success",
        )
    figures = made_figures(answer)
    if online is False:
        return (
            figures
            + " "
            + QCoreApplication.translate(
                "Returns", "The till is offline: the return waits in the queue and is sent when the connection is back."
            ),
            "warning",
        )
    return figures + " " + QCoreApplication.translate("Returns", "Sending it to the loyalty program…"), "success"


def made_figures(answer: ReturnAnswer) -> str:
    """What a return recorded but not yet confirmed does to the points, as far as the till knows."""
    if answer.points_reversed is None or answer.points_returned is None:
        return QCoreApplication.translate(
            "Returns", "Return saved. The loyalty program will count the points when it receives it."
        )
    return (
        QCoreApplication.translate("Returns", "Return saved: %1 points to be taken back, %2 to be given back.")
        .replace("%1", format_money(answer.points_reversed))
        .replace("%2", format_money(answer.points_returned))
    )


def refused_text(problem: str | None) -> str:
    """What the dialog says when the service refused the return for good: why (from the stored
    failure `problem`, when there is one), that no points changed, and what to do."""
    failure = read_failure(problem or "")
    reason = fault_text(fault_for(failure.code, failure.message)) if failure.code else ""
    text = QCoreApplication.translate(
        "Returns",
        "The loyalty program refused this return. %1 The customer's points were not changed, and the slip says"
        " its figures are not confirmed. Tell the administrator: the refund is listed as failed in the sending"
        " queue.",
    )
    return " ".join(text.replace("%1", reason).split())


def _points(value: Decimal | None) -> str:
    return "—" if value is None else format_money(value)
