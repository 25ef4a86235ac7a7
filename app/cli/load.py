"""`till-loyalty load`: complete sales driven through the real checkout, with no window.

For rehearsing a till against any service that implements the contract (or RetailCRM's API),
for crash tests and for benchmarks. Each sale goes the way a cashier's would, through
`CheckoutSession` with the real client the endpoint names (SOAP or RetailCRM), the real journal
and outbox in the till's database, and the demo fiscal registrar: a receipt of random demo products, a customer identified by phone, a small
redemption now and then (below the one-time-code threshold: nobody is there to read a code),
the reservation, payment, and the durable record. Now and then a receipt is voided after its
reservation, and an earlier sale of the run is partly returned, through the returns core the
host API uses (`app.returns`: checked, estimated, recorded in the journal for delivery like
everything else; against RetailCRM, which reverses only whole sales, all of an earlier sale is
returned instead). The outbox is drained every few sales (what is due) and at the
end (everything waiting, rows a killed run left in flight and retries not yet due included), so
`load --sales 0` delivers what an earlier run left behind.

Standard output, one flushed line per event, each printed only once it is on disk:

    committed <transactionId>            a sale with its loyalty record (the outbox delivers it)
    anonymous <receiptId>                a sale without a customer (not identified, e.g. offline
                                         and never seen at this till): nothing to deliver
    voided <transactionId>               a reserved receipt voided: its cancellation is recorded
    refunded <refundId> <transactionId>  a return of an earlier sale is recorded (its refund id)
    summary sales=N committed=N anonymous=N voided=N refunds=N delivered=N waiting=N failed=N

Before its first sale a run settles the sales an earlier, killed run left open (see
`app.checkout.recovery`): their reservations cancelled, or their fiscalised receipts recorded.

For crash tests, `--crash-at reserved:N` kills the process (SIGKILL) right after the answer to
its N-th reservation arrives, before the checkout goes on; `--crash-at fiscalised:N` right after
the registrar returned the N-th fiscal document of a sale with a customer, before the sale is
recorded.

Exit status 0 when every sale was closed (whatever the service did: offline sales are fine),
1 when a sale could not be brought to payment.
"""
from __future__ import annotations

import logging
import os
import random
import signal
import sys
import uuid
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence, TextIO

from app.checkout.session import CheckoutSession, CheckoutState, Phase
from app.offline.connectivity import INTERACTIVE_TIMEOUTS, ServiceTimeouts
from app.service.api_key import read_api_key
from app.service.factory import service_for
from loyalty_client.endpoints import service_kind
from app.demo.host import DemoReceiptBuilder
from app.checkout.identify_input import identifier_parser
from app.offline.store import CachedOfflineStore
from app.offline.outbox_sync import OutboxSync
from app.returns.model import ReturnLine, ReturnRequest
from app.returns.service import ReturnsService
from loyalty_client.batch import MAX_BATCH_ITEMS
from app.checkout.recorder import OutboxRecorder
from app.checkout.recovery import recover_open_sales
from app.secrets_store import till_secret
from app.settings import Settings, secrets_folder
from cache.database import Database, open_database
from cache.tables import OutboxState
from fiscal.demo_registrar import DemoRegistrar, fiscal_memory_beside
from fiscal.money import ZERO, money
from loyalty_client.sandbox.demo import DEMO_CUSTOMERS
from loyalty_client.service import LoyaltyService
from fiscal.receipt import FiscalDocument
from loyalty_client.types import CustomerStatus, Reservation

log = logging.getLogger(__name__)

DEFAULT_IDENTIFIERS: tuple[str, ...] = tuple(
    customer.phone for customer in DEMO_CUSTOMERS if customer.status is not CustomerStatus.BLOCKED
)
"""Phones of the sandbox's demo members who may shop (the blocked one is left out)."""

SMALL_REDEEM_CENTS = 1500
"""The largest redemption tried, in kopecks: under the demo program's code threshold (20.00)."""

_CLOSE_ATTEMPTS = 3
_FINAL_DRAIN_ROUNDS = 50


@dataclass(frozen=True)
class LoadPlan:
    """What a load run does: how many sales, how often it voids, refunds and syncs."""

    sales: int
    seed: int
    sync_every: int = 5
    void_share: float = 0.1
    refund_share: float = 0.15
    redeem_share: float = 0.5
    identifiers: tuple[str, ...] = DEFAULT_IDENTIFIERS
    whole_refunds: bool = False  # a refund takes back a whole sale (RetailCRM reverses no less)

    def __post_init__(self) -> None:
        if self.sales < 0 or self.sync_every < 1:
            raise ValueError("sales must not be negative and sync_every must be 1 or more")
        if not self.identifiers:
            raise ValueError("at least one customer identifier is needed")


@dataclass
class LoadReport:
    """What a load run did."""

    sales: int = 0
    committed: int = 0
    anonymous: int = 0
    voided: int = 0
    refunds: int = 0
    unfinished: int = 0
    delivered: int = 0
    waiting: int = 0
    failed: int = 0

    def line(self) -> str:
        """The `summary ...` output line."""
        return (
            f"summary sales={self.sales} committed={self.committed} anonymous={self.anonymous} "
            f"voided={self.voided} refunds={self.refunds} delivered={self.delivered} "
            f"waiting={self.waiting} failed={self.failed}"
        )


@dataclass
class _Sold:
    """A committed sale of this run, and what of it is left to refund."""

    transaction_id: str
    receipt_id: str
    left: dict[int, Decimal]  # line number -> quantity not yet refunded


CRASH_STEPS = ("reserved", "fiscalised")
REFUND_WINDOW = 500
"""How many of the run's latest sales a refund may pick from: the window keeps the memory (and the
time to pick) of a long run flat, and a refund of a sale long gone is rare at a till anyway."""


@dataclass(frozen=True)
class CrashPoint:
    """Where a rehearsal kills its own process: after the `nth` reservation answer (`reserved`)
    or after the `nth` fiscalisation of a sale with a customer (`fiscalised`)."""

    step: str
    nth: int

    @classmethod
    def parse(cls, text: str) -> "CrashPoint":
        """`STEP:N`, e.g. `reserved:2`."""
        step, _, nth = text.partition(":")
        if step not in CRASH_STEPS or not nth.isdigit() or int(nth) < 1:
            raise ValueError(f"expected {'|'.join(CRASH_STEPS)}:N with N 1 or more, not {text!r}")
        return cls(step, int(nth))


class _Countdown:
    """Kills this process with SIGKILL at its n-th tick: no clean-up, no flush, like a power cut."""

    def __init__(self, nth: int) -> None:
        self._left = nth

    def tick(self) -> None:
        self._left -= 1
        if self._left == 0:
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


class _KillAfterReserve:
    """The checkout's service, with the process killed right after a chosen reservation answer."""

    def __init__(self, service: LoyaltyService, countdown: _Countdown) -> None:
        self._service = service
        self._countdown = countdown

    def reserve(self, *args: Any, **kwargs: Any) -> Reservation:
        """Reserve; then maybe die before the checkout hears of it."""
        reservation = self._service.reserve(*args, **kwargs)
        self._countdown.tick()
        return reservation

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)


class CancelTrackingRecorder(OutboxRecorder):
    """The checkout's recorder, remembering the last cancellation it wrote (for the `voided` line).

    With `crash_before_commit`, a countdown ticks as a fiscalised sale comes to be recorded:
    the registrar has returned, nothing of the sale is recorded yet.
    """

    def __init__(self, database: Database, crash_before_commit: _Countdown | None = None) -> None:
        super().__init__(database)
        self.last_cancel: str | None = None
        self._crash_before_commit = crash_before_commit

    def record_commit(self, **sale: Any) -> None:
        """Keep the sale (unless this is the rehearsed crash)."""
        if self._crash_before_commit is not None:
            self._crash_before_commit.tick()
        super().record_commit(**sale)

    def record_cancel(self, *, transaction_id: str, customer_id: str) -> None:
        """Keep the cancellation, then remember its key."""
        super().record_cancel(transaction_id=transaction_id, customer_id=customer_id)
        self.last_cancel = transaction_id


class SalesLoad:
    """Runs the sales of a `LoadPlan` through a checkout, like a cashier at a till with no window."""

    def __init__(
        self,
        checkout: CheckoutSession,
        host: DemoReceiptBuilder,
        recorder: CancelTrackingRecorder,
        returns: ReturnsService,
        sync: OutboxSync,
        plan: LoadPlan,
        out: TextIO,
    ) -> None:
        self._checkout = checkout
        self._host = host
        self._recorder = recorder
        self._returns = returns
        self._sync = sync
        self._plan = plan
        self._out = out
        self._random = random.Random(plan.seed)
        self._sold: deque[_Sold] = deque(maxlen=REFUND_WINDOW)  # the latest sales with something left to refund
        self.report = LoadReport()

    def run(self) -> LoadReport:
        """Every sale of the plan, syncing every few, then a last sync; returns what happened."""
        self._checkout.load_program()
        for number in range(1, self._plan.sales + 1):
            if self._random.random() < self._plan.void_share:
                self.void_one()
            self.sell_one()
            if self._sold and self._random.random() < self._plan.refund_share:
                self.refund_one()
            if number % self._plan.sync_every == 0:
                self.sync()
        self.finish()
        return self.report

    # ----- the steps ---------------------------------------------------------------------------------
    def sell_one(self) -> None:
        """One sale from the first product to the durable record."""
        self.report.sales += 1
        state = self._identified_receipt()
        state = self._choose_redemption(state)
        state = self._to_payment(state)
        if state.phase is not Phase.AWAITING_PAYMENT:
            log.warning("sale %d could not be brought to payment: %s", self.report.sales, state.notice)
            self._checkout.void_receipt(self._host.new())
            self.report.unfinished += 1
            return
        state = self._checkout.payment_received()
        sale = state.sale
        if state.phase is not Phase.CLOSED or sale is None:
            self.report.unfinished += 1
            return
        if sale.customer_id is None:
            self.report.anonymous += 1
            self._say(f"anonymous {state.receipt.receipt_id}")
            return
        self.report.committed += 1
        lines = {line.line_no: line.quantity for line in state.receipt.lines}
        self._sold.append(_Sold(sale.transaction_id, state.receipt.receipt_id, lines))
        self._say(f"committed {sale.transaction_id}")

    def void_one(self) -> None:
        """A receipt reserved with a small redemption, then voided (its cancellation recorded)."""
        state = self._identified_receipt()
        if not state.can_redeem:
            self._checkout.void_receipt(self._host.new())
            return
        state = self._checkout.set_redeem(self._small_redeem(state))
        if state.calculation is not None and state.calculation.confirmation_required:
            state = self._checkout.set_redeem(ZERO)
        state = self._checkout.close_receipt()
        self._recorder.last_cancel = None
        self._checkout.void_receipt(self._host.new())
        if state.phase is Phase.AWAITING_PAYMENT and self._recorder.last_cancel is not None:
            self.report.voided += 1
            self._say(f"voided {self._recorder.last_cancel}")

    def refund_one(self) -> None:
        """Return one unit of a line of an earlier sale of this run, as a POS would through the API
        (with `whole_refunds`: all that is left of the sale)."""
        candidates = [sold for sold in self._sold if any(quantity >= 1 for quantity in sold.left.values())]
        if not candidates:
            return
        sold = self._random.choice(candidates)
        if self._plan.whole_refunds:
            lines = tuple(ReturnLine(no, quantity) for no, quantity in sorted(sold.left.items()) if quantity > 0)
        else:
            line_no = self._random.choice(sorted(no for no, quantity in sold.left.items() if quantity >= 1))
            lines = (ReturnLine(line_no, Decimal(1)),)
        return_id = str(uuid.uuid4())
        request = ReturnRequest(
            return_id=return_id,
            original_receipt_id=sold.receipt_id,
            fiscal=FiscalDocument(f"V-{return_id[:8]}", datetime.now(timezone.utc)),
            lines=lines,
            original_transaction_id=sold.transaction_id,  # a POS may reuse receipt ids across runs
        )
        answer = self._returns.make_return(request)
        for line in lines:
            sold.left[line.line_no] -= line.quantity
        if not any(quantity >= 1 for quantity in sold.left.values()):
            self._sold.remove(sold)  # nothing left to return: it leaves the window
        self.report.refunds += 1
        self._say(f"refunded {answer.refund_id} {sold.transaction_id}")

    def sync(self) -> None:
        """Deliver what is due now (rows waiting for a retry keep waiting)."""
        report = self._sync.drain(max_items=500)
        self.report.delivered += report.done

    def finish(self) -> None:
        """A last sync of everything waiting, retries not yet due included (until the service is
        unreachable or nothing is left), then the summary."""
        self._sync.recover()
        self._sync.outbox.make_pending_due()
        for _ in range(_FINAL_DRAIN_ROUNDS):
            report = self._sync.drain(max_items=500)
            self.report.delivered += report.done
            if report.offline or report.done == 0:
                break
        counts = self._sync.outbox.counts()
        self.report.waiting = counts[OutboxState.PENDING] + counts[OutboxState.IN_FLIGHT]
        self.report.failed = counts[OutboxState.FAILED]
        self._say(self.report.line())

    # ----- helpers ---------------------------------------------------------------------------------
    def _identified_receipt(self) -> CheckoutState:
        receipt = self._host.new()
        for _ in range(self._random.randint(1, 4)):
            receipt = self._host.add(self._random.choice(self._host.products).sku)
        self._checkout.new_receipt(receipt)
        return self._checkout.identify(self._random.choice(self._plan.identifiers))

    def _choose_redemption(self, state: CheckoutState) -> CheckoutState:
        """A small redemption half of the time when one is possible, none otherwise.

        The checkout proposes the maximum, which may need a one-time code: always choose.
        """
        if state.phase is not Phase.IDENTIFIED:
            return state
        if state.can_redeem and self._random.random() < self._plan.redeem_share:
            state = self._checkout.set_redeem(self._small_redeem(state))
            if state.calculation is not None and state.calculation.confirmation_required:
                state = self._checkout.set_redeem(ZERO)
        elif state.redeem > ZERO:
            state = self._checkout.set_redeem(ZERO)
        return state

    def _small_redeem(self, state: CheckoutState) -> Decimal:
        assert state.calculation is not None
        wanted = money(Decimal(self._random.randint(1, SMALL_REDEEM_CENTS)) / 100)
        return min(wanted, state.calculation.max_redeem)

    def _to_payment(self, state: CheckoutState) -> CheckoutState:
        """Close the receipt until it awaits payment: a code or a failed reservation means no redemption."""
        for _ in range(_CLOSE_ATTEMPTS):
            if state.phase is Phase.AWAITING_CODE:
                state = self._checkout.cancel_code()
            state = self._checkout.close_receipt()
            if state.phase is Phase.AWAITING_PAYMENT:
                break
        return state

    def _say(self, line: str) -> None:
        self._out.write(line + "\n")
        self._out.flush()


def run_load(
    settings: Settings,
    *,
    sales: int,
    seed: int | None = None,
    sync_every: int = 5,
    identifiers: Sequence[str] | None = None,
    checkout_timeouts: ServiceTimeouts = INTERACTIVE_TIMEOUTS,
    crash_at: CrashPoint | None = None,
    out: TextIO | None = None,
) -> int:
    """Run `sales` sales against the configured service and till database; returns the exit status.

    `crash_at`: kill the process there (crash tests).
    """
    out = out or sys.stdout
    if seed is None:
        seed = random.SystemRandom().randrange(2**32)
    print(f"load: seed {seed}", file=sys.stderr, flush=True)
    endpoint = settings.get("service", "endpoint")
    plan = LoadPlan(
        sales=sales,
        seed=seed,
        sync_every=sync_every,
        identifiers=tuple(identifiers or DEFAULT_IDENTIFIERS),
        whole_refunds=service_kind(endpoint) == "retailcrm",
    )
    verify = settings.get("service", "verify_tls")
    timeout = settings.get("service", "timeout_seconds")
    store_id, till_id = settings.get("store", "store_id"), settings.get("store", "till_id")
    database_path = Path(settings.get("cache", "database"))
    database = open_database(database_path)
    api_key = read_api_key(settings)
    checkout_client = service_for(endpoint, api_key, checkout_timeouts, verify_tls=verify)
    sync_client = service_for(endpoint, api_key, ServiceTimeouts(min(2.0, timeout), timeout), verify_tls=verify)
    try:
        checkout_service: LoyaltyService = checkout_client
        crash_before_commit: _Countdown | None = None
        if crash_at is not None and crash_at.step == "reserved":
            checkout_service = _KillAfterReserve(checkout_client, _Countdown(crash_at.nth))  # type: ignore[assignment]
        elif crash_at is not None:
            crash_before_commit = _Countdown(crash_at.nth)
        recorder = CancelTrackingRecorder(database, crash_before_commit=crash_before_commit)
        registrar = DemoRegistrar(memory=fiscal_memory_beside(database_path))
        recover_open_sales(OutboxRecorder(database), registrar)  # before the first sale: what a killed run left
        checkout = CheckoutSession(
            checkout_service,
            recorder,
            registrar,
            identifier_parser(settings.get("store", "region")),
            store_id=store_id,
            till_id=till_id,
            currency=settings.get("store", "currency"),
            offline=CachedOfflineStore(
                database, till_secret("customer-cache-key", database_path.parent, folder=secrets_folder(settings))
            ),
        )
        load = SalesLoad(
            checkout,
            DemoReceiptBuilder(store_id, till_id),
            recorder,
            ReturnsService(database, till=f"{store_id}/{till_id}"),
            OutboxSync(database, sync_client, batch_size=MAX_BATCH_ITEMS),
            plan,
            out,
        )
        report = load.run()
    finally:
        checkout_client.close()
        sync_client.close()
        database.close()
    return 0 if report.unfinished == 0 else 1

