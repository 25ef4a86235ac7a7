"""The demo's POS: it builds receipts from the demo products and drives the till through the
till's own host API over loopback, as a real POS does; the demo registrar is its fiscal printer.

Every HTTP call runs on the demo POS's worker thread, in the order asked; the till's answer
reaches the panel the usual way (the checkout's state), and a refused or failed call is
reported with `call_failed(text)` on the GUI thread. Calls asked before the host API listens
wait for it (`connect`), or fail with the reason it did not start (`connection_failed`).
"""
from __future__ import annotations

import logging
import time
from concurrent.futures import Future
from decimal import Decimal
from typing import Any, Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.demo.host import DemoReceiptBuilder
from app.demo.pos_client import PosCallRefused, PosClient
from app.workers import BackgroundWorker
from fiscal.allocation import LineDiscountLike
from fiscal.demo_registrar import DemoRegistrar
from fiscal.receipt import Receipt

log = logging.getLogger(__name__)

CONNECT_WAIT_SECONDS = 30.0
"""How long a call waits for the host API to listen (the demo starts its sandbox meanwhile)."""

RETRIES = 5
RETRY_PAUSE_SECONDS = 0.2


class DemoPos(QObject):
    """The demo POS: receipt builder, fiscal printer, and a host API client on a worker of its own."""

    call_failed = Signal(str)
    return_made = Signal(object)  # the till's answer to a return (PUT /v1/returns), a dict
    handed_over = Signal()  # every receipt handed over so far has been answered (or has failed)

    def __init__(self, builder: DemoReceiptBuilder, registrar: DemoRegistrar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.builder = builder
        self.registrar = registrar
        self._worker = BackgroundWorker("demo-pos", self)
        self._client: Future[PosClient] = Future()
        self._sold: dict[str, Receipt] = {}  # this run's paid receipts, by id: what may be returned
        self._handing_over = 0  # receipts sent to the till and not yet answered

    @property
    def pending(self) -> int:
        """Calls to the till's host API sent or queued and not yet answered."""
        return self._worker.pending

    def connect(self, url: str, token: str) -> None:
        """The host API listens at `url` and takes `token`: calls go out from now on."""
        if not self._client.done():
            self._client.set_result(PosClient(url, token))

    def connection_failed(self, reason: str) -> None:
        """The host API did not start: every call says why."""
        if not self._client.done():
            self._client.set_exception(ConnectionError(reason))

    @property
    def handing_over(self) -> bool:
        """Whether a receipt sent to the till is not answered yet (`handed_over` follows)."""
        return self._handing_over > 0

    def send_receipt(self, receipt: Receipt) -> None:
        """Hand the till the receipt as it is now."""
        self._handing_over += 1
        self._run(lambda client: client.put_receipt(receipt), after=self._hand_over_ended)

    def _hand_over_ended(self) -> None:
        self._handing_over -= 1
        if self._handing_over == 0:
            self.handed_over.emit()

    def add_coupon(self, receipt_id: str, code: str) -> None:
        """A coupon was scanned at the POS: hand it to the till with the receipt it belongs to."""
        self._run(lambda client: client.add_coupon(receipt_id, code))

    def close_receipt(self, receipt_id: str) -> None:
        """Close the receipt on the till (it then awaits the code, the approval or the payment)."""
        self._run(lambda client: client.close_receipt(receipt_id))

    def pay(self, receipt: Receipt, discounts: Mapping[int, LineDiscountLike]) -> None:
        """The customer paid: print the fiscal receipt with the till's discounts, then report it.

        A receipt printed before (a second click, a repeated call) is not printed again.
        """
        registrar = self.registrar

        def paid(client: PosClient) -> dict[str, Any]:
            document = registrar.document_for(receipt) or registrar.fiscalise(receipt, discounts)
            return client.paid(receipt.receipt_id, document)

        self._run(paid, lambda answer: self._paid(receipt, answer))

    def sold_receipts(self) -> list[Receipt]:
        """The receipts paid with this POS in this run, newest first (what its Return offers)."""
        return list(reversed(self._sold.values()))

    def return_goods(self, return_id: str, receipt: Receipt, quantities: Mapping[int, Decimal]) -> None:
        """A customer brings goods back: print the return's fiscal document, then report the return
        to the till (`return_made` with its answer, or `call_failed` with the till's refusal)."""
        registrar = self.registrar
        lines = dict(quantities)

        def returned(client: PosClient) -> dict[str, Any]:
            document = registrar.fiscalise_return(return_id, receipt, lines)
            return client.put_return(return_id, receipt.receipt_id, document, lines)

        self._run(returned, self.return_made.emit)

    def void(self, receipt_id: str) -> None:
        """Void the receipt on the till."""
        self._run(lambda client: client.void(receipt_id))

    def stop(self) -> None:
        """Let the calls asked finish (or fail), then end the worker."""
        if not self._client.done():
            self._client.set_exception(ConnectionError("the till is stopping"))
        self._worker.stop()
        if self._client.exception() is None:
            self._client.result().close()

    def _paid(self, receipt: Receipt, answer: Any) -> None:
        if isinstance(answer, dict) and answer.get("phase") == "closed":
            self._sold[receipt.receipt_id] = receipt

    def _run(
        self,
        call: Callable[[PosClient], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Make `call` on the worker; then, on the GUI thread, `on_done(answer)` when it succeeded,
        and `after()` whatever the outcome."""
        client_future = self._client

        def job() -> Any:
            client = client_future.result(timeout=CONNECT_WAIT_SECONDS)
            for attempt in range(RETRIES):
                try:
                    return call(client)
                except PosCallRefused as exc:  # the till is starting: it says so, and it is soon ready
                    if not exc.retryable or attempt == RETRIES - 1:
                        raise
                    time.sleep(RETRY_PAUSE_SECONDS)  # on the demo POS's worker, never the GUI thread
            return None

        def done(answer: Any) -> None:
            if on_done is not None:
                on_done(answer)
            if after is not None:
                after()

        def failed(exc: BaseException) -> None:
            self._failed(exc)
            if after is not None:
                after()

        self._worker.submit(job, done, failed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PosCallRefused):
            log.info("the till refused the demo POS's call: %s", exc.code)
            text = exc.message
        else:
            log.warning("the demo POS cannot reach the till: %s", exc)
            text = QCoreApplication.translate("DemoPos", "The demo POS cannot reach the till's host API: %1").replace(
                "%1", str(exc) or type(exc).__name__
            )
        self.call_failed.emit(text)
