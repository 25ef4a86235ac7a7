"""The checkout controller: the GUI's handle on the checkout, running it on the service worker.

Every call returns at once; the work runs on the loyalty worker thread and the new state comes
back through `state_changed` on the GUI thread. Calls are handled in the order they are made.

The host API drives the same checkout from its own thread with `call`: its steps join the same
queue on the worker, and their states reach the panel the same way. Listeners added with
`add_state_listener` hear every new state on the worker thread, whichever side made it (the
host API's event stream), without waiting for the GUI thread.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app import translation
from app.checkout import notices
from app.registration import enrolment as registration
from app.registration.enrolment import RegistrationForm
from app.checkout.session import CheckoutNotReady, CheckoutSession, CheckoutState
from app.offline.redemption import OfflineRedemptionPolicy
from app.workers import BackgroundWorker
from fiscal.receipt import Receipt
from loyalty_client.types import ConfirmationSent

if TYPE_CHECKING:  # it loads the database layer, which the window does not wait for
    from app.checkout.host_receipts import HostReceipts

log = logging.getLogger(__name__)

SessionFactory = Callable[[], "CheckoutSession | HostReceipts"]
StateListener = Callable[[CheckoutState], None]
T = TypeVar("T")


class CheckoutController(QObject):
    """Turns cashier intents into checkout steps on the worker and publishes each new state."""

    state_changed = Signal(object)  # CheckoutState
    _state_from_worker = Signal(object)  # CheckoutState made by a host's step, to publish here
    busy_changed = Signal(bool)
    identify_finished = Signal()
    ready = Signal()

    def __init__(self, worker: BackgroundWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        translation.use(QCoreApplication.translate)  # the session's texts in the till's language
        self._worker = worker
        self._session: CheckoutSession | None = None
        self._host: HostReceipts | None = None
        self.state: CheckoutState | None = None
        self._listeners: list[StateListener] = []
        self._listeners_lock = threading.Lock()
        self._last_heard: CheckoutState | None = None  # the last state listeners heard (worker thread)
        worker.busy_changed.connect(self.busy_changed)
        self._state_from_worker.connect(self._publish)

    def start(self, make_session: SessionFactory) -> None:
        """Build the session on the worker (its service client belongs to that thread).

        The factory may return the host's handle on the session (`HostReceipts`): the host API
        can then drive it too (`call`).
        """
        self._worker.submit(lambda: self._heard(make_session()), self._started, self._failed)

    def _started(self, built: CheckoutSession | HostReceipts) -> None:
        from app.checkout.host_receipts import HostReceipts  # loaded already: the worker built it

        if isinstance(built, HostReceipts):
            self._host = built
            built = built.session
        self._session = built
        built.show_progress_with(self._state_from_worker.emit)  # the card shown before the quote
        self._publish(built.state)
        self.ready.emit()

    def add_state_listener(self, listener: StateListener) -> None:
        """Hear every new state, on the worker thread (keep `listener` quick; it must not block)."""
        with self._listeners_lock:
            self._listeners.append(listener)

    def remove_state_listener(self, listener: StateListener) -> None:
        """Stop hearing states."""
        with self._listeners_lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def call(self, step: Callable[[HostReceipts], T]) -> "Future[T]":
        """From any thread: run a host's step on the worker, after what is queued before it.

        The step's result comes in the future; the state it leaves reaches the panel
        (`state_changed`) and the listeners.
        """
        host = self._host
        if host is None:
            future: Future[T] = Future()
            future.set_exception(CheckoutNotReady("the checkout is starting"))
            return future

        def job() -> T:
            before = host.current()
            try:
                return step(host)
            finally:
                after = host.current()
                if after is not before:
                    self._heard(host)
                    self._state_from_worker.emit(after)

        return self._worker.call(job)

    @property
    def is_ready(self) -> bool:
        """Whether the session exists (the service client was built)."""
        return self._session is not None

    # ----- intents -----------------------------------------------------------------------
    def identify(self, text: str) -> None:
        """Find the customer behind typed or scanned text."""
        self._run(lambda s: s.identify(text, cache_later=True), after=self.identify_finished.emit)
        session = self._session
        if session is not None:  # next on the worker, before any later step: the customer cached
            self._worker.submit(session.keep_seen_customers, on_error=self._not_cached)

    def update_receipt(self, receipt: Receipt) -> None:
        """The host's receipt changed."""
        self._run(lambda s: s.update_receipt(receipt))

    def set_redeem(self, amount: Decimal) -> None:
        """The cashier chose the points to redeem."""
        self._run(lambda s: s.set_redeem(amount))

    def add_coupon(self, code: str) -> None:
        """An offer's coupon joins the receipt (its owner is identified if nobody is yet)."""
        self._run(lambda s: s.add_coupon(code))

    def remove_coupon(self, code: str) -> None:
        """Take a coupon off the receipt."""
        self._run(lambda s: s.remove_coupon(code))

    def close_receipt(self) -> None:
        """Close the receipt (may stop to ask for a one-time code)."""
        self._run(lambda s: s.close_receipt())

    def confirm_code(self, code: str) -> None:
        """The one-time code the customer read out."""
        self._run(lambda s: s.confirm_code(code))

    def cancel_code(self) -> None:
        """Give up on the redemption that needs a code."""
        self._run(lambda s: s.cancel_code())

    def resend_code(self) -> None:
        """Send the customer a new one-time code for the redemption."""
        self._run(lambda s: s.resend_code())

    def send_registration_code(
        self, phone: str, on_sent: Callable[[ConfirmationSent], None], on_refused: Callable[[str], None]
    ) -> None:
        """Send a registration code to `phone`; then `on_sent(sent)` or `on_refused(text)` here."""
        session = self._session
        if session is None:
            on_refused(registration.offline_text())
            return
        self._worker.submit(
            lambda: session.send_registration_code(phone), on_sent, lambda exc: self._refused(exc, on_refused)
        )

    def register_customer(
        self, form: RegistrationForm, code: str, on_registered: Callable[[], None], on_refused: Callable[[str], None]
    ) -> None:
        """Enrol a new member and make them the receipt's customer; then `on_registered()` (the
        new state is published first) or `on_refused(text)` with the receipt unchanged."""
        session = self._session
        if session is None:
            on_refused(registration.offline_text())
            return

        def done(state: CheckoutState) -> None:
            self._publish(state)
            on_registered()

        self._worker.submit(
            lambda: self._heard(session.register_customer(form, code)),
            done,
            lambda exc: self._refused(exc, on_refused),
        )

    def set_offline_policy(self, policy: OfflineRedemptionPolicy) -> None:
        """The admin changed what may be spent offline."""
        self._run(lambda s: s.set_offline_policy(policy))

    def approve_offline_redemption(self) -> None:
        """The admin's PIN approved spending points offline."""
        self._run(lambda s: s.approve_offline_redemption())

    def decline_offline_redemption(self, reason: str = "") -> None:
        """Spending points offline was not approved."""
        self._run(lambda s: s.decline_offline_redemption(reason))

    def void_receipt(self, next_receipt: Receipt | None = None) -> None:
        """Void the receipt, releasing any reservation."""
        self._run(lambda s: s.void_receipt(next_receipt))

    def new_receipt(self, receipt: Receipt | None = None) -> None:
        """Start the next receipt."""
        self._run(lambda s: s.new_receipt(receipt))

    def reset_customer(self) -> None:
        """Forget the customer, keep the receipt."""
        self._run(lambda s: s.reset_customer())

    # ----- plumbing ----------------------------------------------------------------------
    def _run(
        self, step: Callable[[CheckoutSession], CheckoutState], after: Callable[[], None] | None = None
    ) -> None:
        if self._session is None:
            log.info("checkout not ready yet; intent dropped")
            if after is not None:
                after()
            return
        session = self._session

        def done(state: CheckoutState) -> None:
            self._publish(state)
            if after is not None:
                after()

        def failed(exc: BaseException) -> None:
            self._failed(exc)
            if after is not None:
                after()

        self._worker.submit(lambda: self._heard(step(session)), done, failed)

    def _heard(self, made: Any) -> Any:
        """On the worker: tell the listeners of the checkout's state if it changed; returns `made`."""
        from app.checkout.host_receipts import HostReceipts  # on the worker, never before the window

        session = made.session if isinstance(made, HostReceipts) else made
        state = session.state if isinstance(session, CheckoutSession) else made
        if isinstance(state, CheckoutState) and state is not self._last_heard:
            self._last_heard = state
            with self._listeners_lock:
                listeners = list(self._listeners)
            for listener in listeners:
                try:
                    listener(state)
                except Exception:  # a listener's failure must not fail the cashier's step
                    log.exception("a checkout state listener failed")
        return made

    def _not_cached(self, exc: BaseException) -> None:
        log.warning("an identified customer could not be kept for offline use", exc_info=exc)

    def _refused(self, exc: BaseException, on_refused: Callable[[str], None]) -> None:
        if isinstance(exc, registration.RegistrationRefused):
            on_refused(exc.text)
            return
        log.error("registration step failed", exc_info=exc)
        text = QCoreApplication.translate("Checkout", "Unexpected error: %1. The receipt is kept; try again.")
        on_refused(text.replace("%1", type(exc).__name__))

    def _publish(self, state: CheckoutState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def _failed(self, exc: BaseException) -> None:
        log.error("checkout step failed", exc_info=exc)
        text = QCoreApplication.translate("Checkout", "Unexpected error: %1. The receipt is kept; try again.")
        if self.state is not None:
            self._publish(replace(self.state, notice=notices.error(text.replace("%1", type(exc).__name__))))
