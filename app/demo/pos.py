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

    def __init__(self, builder: DemoReceiptBuilder, registrar: DemoRegistrar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.builder = builder
        self.registrar = registrar
        self._worker = BackgroundWorker("demo-pos", self)
        self._client: Future[PosClient] = Future()

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

    def send_receipt(self, receipt: Receipt) -> None:
        """Hand the till the receipt as it is now."""
        self._run(lambda client: client.put_receipt(receipt))

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

        self._run(paid)

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

    def _run(self, call: Callable[[PosClient], Any]) -> None:
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

        self._worker.submit(job, None, self._failed)

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
