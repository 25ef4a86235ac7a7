"""Each sale is delivered exactly once, in order per customer, whatever happens in between.

A hypothesis state machine runs a real till (checkout, journal, outbox on a SQLite file) against a
real sandbox on loopback and mixes sales and voids with outages (refused connections), lost
answers (the service did the work, the till never heard), single deliveries or every second or
third one failing during a sync, restarts of the till, a till dying between the service's answer
and its local 'done', and syncs. After every step, what the service recorded for each customer is
the start of what the till recorded for them, in the same order, nothing twice; at the end, with
the service back, it is all of it. A sync that failed some deliveries without an outage still
tried every row it could (a customer's rows behind one waiting for its retry wait too). The
machine runs twice: the drain calling once per row, and the drain sending due rows together in
one `DeliverBatch` request (where a lost answer or a failure hits the whole request).

`TILL_STATEFUL_EXAMPLES` (default 25) and `TILL_STATEFUL_STEPS` (default 30) set how many runs
hypothesis tries and how long each may be (about 12 s on two cores). With those defaults a till
whose outbox let a customer's later row overtake one waiting for its retry is caught in about
two runs of three; raise them to search harder.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.checkout.session import CheckoutSession, Phase
from app.demo.host import DEMO_PRODUCTS, DemoReceiptBuilder
from app.checkout.identify_input import identifier_parser
from app.offline.store import CachedOfflineStore
from app.offline.outbox_sync import DrainReport, OutboxSync
from app.checkout.recorder import OutboxRecorder
from cache.database import Database, open_database
from cache.tables import Operation, OutboxState
from loyalty_client.batch import MAX_BATCH_ITEMS
from fiscal.demo_registrar import DemoRegistrar
from loyalty_client.sandbox import SandboxClock, start_sandbox
from loyalty_client.sandbox.demo import ANNA, IVAN
from loyalty_client.sandbox.faults import FaultKind, FaultRule
from loyalty_client.sandbox.storage.models import LedgerEntry, ReservationRow
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import CancelResult, CommitResult, RefundResult
from tests.conftest import SANDBOX_DAY

pytestmark = pytest.mark.integration

EXAMPLES = int(os.environ.get("TILL_STATEFUL_EXAMPLES", "25"))
STEPS = int(os.environ.get("TILL_STATEFUL_STEPS", "30"))
PHONES = [ANNA.phone, IVAN.phone]  # few customers: many sales of each, so order matters
SKUS = [product.sku for product in DEMO_PRODUCTS]
STATE_CHANGING = ("ReservePurchase", "CommitPurchase", "CancelPurchase", "DeliverBatch")
DELIVERED = ("CommitPurchase", "CancelPurchase", "DeliverBatch")  # what the outbox sends
DELIVERY_FAULTS = [FaultKind.HTTP500, FaultKind.SOAP_FAULT, FaultKind.DROP, FaultKind.MALFORMED]


class LaterClock:
    """Now plus what the machine skipped ahead, so every retry is due at the next sync."""

    def __init__(self) -> None:
        self.skipped = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.skipped


class TillDied(BaseException):
    """The till process ended between the service's answer and the local 'done'."""


class DiesAfterAnswer:
    """The sync's client, except that the till dies as the first state-changing answer arrives."""

    def __init__(self, service: SoapLoyaltyService) -> None:
        self._service = service

    def commit(self, *args: Any) -> CommitResult:
        self._service.commit(*args)
        raise TillDied

    def cancel(self, *args: Any) -> CancelResult:
        self._service.cancel(*args)
        raise TillDied

    def refund(self, *args: Any) -> RefundResult:
        self._service.refund(*args)
        raise TillDied


class TillAgainstFaultyService(RuleBasedStateMachine):
    """Sales, voids, outages, lost answers, restarts, crashes and syncs; delivery checked throughout."""

    batch_size = 1  # rows a drain sends in one request
    second_client = False  # a drain in batches keeps a second request under way on a client of its own

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="till-stateful-"))
        self._start_service()
        self.clock = LaterClock()
        self.recorded: dict[str, list[str]] = defaultdict(list)  # customer -> keys the till recorded, in order
        self.clients: list[SoapLoyaltyService] = []
        self.database: Database | None = None
        self._open_till()

    # ----- the service (a sibling machine overrides these and the fault rules) ----------------------
    def _start_service(self) -> None:
        self.sandbox = start_sandbox(
            f"sqlite:///{self.folder / 'sandbox.sqlite'}", clock=SandboxClock(SANDBOX_DAY), threads=4
        )

    def _stop_service(self) -> None:
        self.sandbox.stop()

    def _new_client(self, timeout: float) -> Any:
        return SoapLoyaltyService(self.sandbox.url, timeout_seconds=timeout)

    def _accepting(self) -> bool:
        return self.sandbox.accepting

    def _set_accepting(self, up: bool) -> None:
        if up:
            self.sandbox.accept_connections()
        else:
            self.sandbox.refuse_connections()

    def _clear_faults(self) -> None:
        self.sandbox.faults.clear()

    def _held(self, keys: list[str]) -> set[str]:
        """Which of these transactions' reservations the service holds (a cancel finds them)."""
        with Session(self.sandbox.engine) as session:
            return set(session.scalars(select(ReservationRow.transaction_id).where(ReservationRow.transaction_id.in_(keys))))

    def _delivered(self) -> dict[str, list[str]]:
        """Per customer, the sales and cancels the service recorded, in the order it did."""
        delivered: dict[str, list[str]] = defaultdict(list)
        for entry in recorded_transactions(self.sandbox.engine):
            assert entry["kind"] in ("purchase", "cancel"), entry
            delivered[entry["customerId"]].append(entry["transactionId"])
        return delivered

    def _moved_twice(self) -> list[Any]:
        """Transactions for which points moved twice (accrued or redeemed twice)."""
        with Session(self.sandbox.engine) as session:
            return list(
                session.execute(
                    select(LedgerEntry.reference, LedgerEntry.kind)
                    .where(LedgerEntry.kind.in_(("accrual", "redeem")))
                    .group_by(LedgerEntry.reference, LedgerEntry.kind)
                    .having(func.count() > 1)
                ).all()
            )

    # ----- the till ---------------------------------------------------------------------------------
    def _client(self, timeout: float) -> Any:
        client = self._new_client(timeout)
        self.clients.append(client)
        return client

    def _open_till(self) -> None:
        self.database = open_database(self.folder / "till.sqlite")
        self.host = DemoReceiptBuilder("001", "01")
        self.recorder = OutboxRecorder(self.database)
        self.checkout = CheckoutSession(
            self._client(2),
            self.recorder,
            DemoRegistrar(),
            identifier_parser("BY"),
            store_id="001",
            till_id="01",
            currency="BYN",
            offline=CachedOfflineStore(self.database, b"k" * 32),
        )
        self.checkout.load_program()
        self.sync_client = self._client(2)
        second = self._client(2) if self.second_client else None
        self.sync = OutboxSync(
            self.database, self.sync_client, clock=self.clock, batch_size=self.batch_size, second_service=second
        )

    def _close_till(self) -> None:
        for client in self.clients:
            client.close()
        self.clients.clear()
        if self.database is not None:
            self.database.close()
            self.database = None

    def _ring_up(self, phone: str, skus: list[str]) -> None:
        receipt = self.host.new()
        for sku in skus:
            receipt = self.host.add(sku)
        self.checkout.new_receipt(receipt)
        self.checkout.identify(phone)

    # ----- rules ------------------------------------------------------------------------------------
    @rule(
        phone=st.sampled_from(PHONES),
        skus=st.lists(st.sampled_from(SKUS), min_size=1, max_size=3),
        redeem=st.sampled_from([Decimal("0"), Decimal("1.00"), Decimal("4.50")]),
        nudge=st.booleans(),
    )
    def sell(self, phone: str, skus: list[str], redeem: Decimal, nudge: bool) -> None:
        """A sale; with `nudge`, the sync runs at once after it (as the till's does)."""
        self._ring_up(phone, skus)
        state = self.checkout.set_redeem(redeem)  # under the code threshold: no code is needed
        known = self._outbox_ids(state.customer.customer_id) if state.customer else set()
        state = self.checkout.close_receipt()
        if state.phase is not Phase.AWAITING_PAYMENT:  # the reservation failed: offline, no redemption
            state = self.checkout.close_receipt()
        assert state.phase is Phase.AWAITING_PAYMENT, state.notice
        if state.customer is not None:
            self._note_cancels(state.customer.customer_id, known)
        state = self.checkout.payment_received()
        assert state.phase is Phase.CLOSED and state.sale is not None
        if state.sale.customer_id is not None:
            self.recorded[state.sale.customer_id].append(state.sale.transaction_id)
        if nudge:
            self.sync.drain()

    @rule(phone=st.sampled_from(PHONES))
    def void_after_reserving(self, phone: str) -> None:
        self._ring_up(phone, [SKUS[2]])
        state = self.checkout.set_redeem(Decimal("2.00"))
        customer = state.customer
        known = self._outbox_ids(customer.customer_id) if customer else set()
        state = self.checkout.close_receipt()
        self.checkout.void_receipt(self.host.new())
        if customer is not None:
            cancels = self._note_cancels(customer.customer_id, known)
            if state.phase is Phase.AWAITING_PAYMENT and state.redeem > 0:
                assert len(cancels) == 1, "the voided reservation's cancellation is recorded"

    def _outbox_ids(self, customer_id: str) -> set[int]:
        return {item.id for item in self.sync.outbox.items(customer_id=customer_id, limit=10_000)}

    def _note_cancels(self, customer_id: str, known: set[int]) -> list[str]:
        """The cancels recorded since `known`: a voided reservation's, or one whose answer was lost
        (the service may hold it). Only a reservation the service holds leaves a cancel in its
        records; the others it does not find."""
        cancels = [
            item.idempotency_key
            for item in self.sync.outbox.items(customer_id=customer_id, limit=10_000)
            if item.id not in known and item.operation is Operation.CANCEL
        ]
        held = self._held(cancels)
        self.recorded[customer_id].extend(key for key in cancels if key in held)
        return cancels

    @rule(up=st.booleans())
    def outage(self, up: bool) -> None:
        """The service goes away (connections refused) or comes back on the same address."""
        self._set_accepting(up)

    @rule(operation=st.sampled_from(STATE_CHANGING + ("IdentifyCustomer",)), kind=st.sampled_from([FaultKind.DROP, FaultKind.MALFORMED]))
    def lose_the_next_answer(self, operation: str, kind: FaultKind) -> None:
        self.sandbox.faults.schedule(FaultRule(kind, operation, times=1))

    @precondition(lambda self: self.sync.outbox.counts()[OutboxState.PENDING] > 0)
    @rule(kind=st.sampled_from(DELIVERY_FAULTS))
    def a_delivery_fails(self, kind: FaultKind) -> None:
        """The next delivery fails (done or not by the service, as `kind` says): it waits for a
        retry, and the sync goes on with the other customers' rows."""
        for operation in DELIVERED:
            self.sandbox.faults.schedule(FaultRule(kind, operation, times=1))
        self._drain_past_failures()

    @precondition(lambda self: self.sandbox.accepting and self.sync.outbox.counts()[OutboxState.PENDING] > 1)
    @rule(kind=st.sampled_from(DELIVERY_FAULTS), every=st.sampled_from([2, 3]))
    def deliveries_fail_now_and_then(self, kind: FaultKind, every: int) -> None:
        """Every second or third delivery of a sync fails, the first never: no outage, however many."""
        self.sandbox.faults.clear()  # answers still to be lost would make failures come in a row
        self.sandbox.faults.schedule(FaultRule(kind, None, every=every))  # the sync's calls only, meanwhile
        report = self._drain_past_failures()
        assert not report.offline, "deliveries failing now and then are no outage"

    def _drain_past_failures(self) -> DrainReport:
        """Sync with every retry due; unless that found an outage, every row it could was tried."""
        self.clock.skipped += timedelta(hours=1)
        started = self.clock()
        report = self.sync.drain()
        self._clear_faults()
        if not report.offline:
            assert self._untried_heads(started) == [], "a failed delivery held back other customers"
        return report

    def _untried_heads(self, since: datetime) -> list[str]:
        """Keys of rows due at `since` that head their customer's waiting rows and were not tried since."""
        untried: list[str] = []
        behind: set[str] = set()
        for item in self.sync.outbox.items(limit=10_000):
            if item.state is OutboxState.DONE:
                continue
            if item.customer_id not in behind and item.state is OutboxState.PENDING and item.updated_at < since:
                untried.append(item.idempotency_key)
            behind.add(item.customer_id)
        return untried

    @rule(retries_due=st.booleans())
    def sync_now(self, retries_due: bool) -> None:
        """Deliver what is due: with `retries_due`, an hour later (every backoff has passed), else
        at once (rows waiting for a retry stay back, and so must every later row of their customer)."""
        if retries_due:
            self.clock.skipped += timedelta(hours=1)
        self.sync.drain()

    @rule(crash_mid_delivery=st.booleans())
    def restart_the_till(self, crash_mid_delivery: bool) -> None:
        """The till closes and starts again; with `crash_mid_delivery` it dies between the service's
        answer to a delivery and its local 'done' (the row stays in flight)."""
        if crash_mid_delivery:
            self.clock.skipped += timedelta(hours=1)
            dying = OutboxSync(self.database, DiesAfterAnswer(self.sync_client), clock=self.clock)  # type: ignore[arg-type]
            try:
                dying.run_once()
            except TillDied:
                pass
        self._close_till()
        self._open_till()

    # ----- what must hold ---------------------------------------------------------------------------
    @invariant()
    def delivered_once_and_in_order_per_customer(self) -> None:
        for customer, keys in self._delivered().items():
            assert keys == self.recorded[customer][: len(keys)], (customer, keys, self.recorded[customer])
        assert self._moved_twice() == [], "points moved twice for one transaction"

    def teardown(self) -> None:
        try:
            self._clear_faults()
            self._set_accepting(True)
            for _ in range(20):
                self.clock.skipped += timedelta(hours=1)
                if not self.sync.drain(max_items=1000).reports:
                    break
            counts = self.sync.outbox.counts()
            assert counts[OutboxState.PENDING] == counts[OutboxState.IN_FLIGHT] == counts[OutboxState.FAILED] == 0, counts
            assert self._delivered() == {customer: keys for customer, keys in self.recorded.items() if keys}
        finally:
            self._close_till()
            self._stop_service()
            shutil.rmtree(self.folder, ignore_errors=True)


class TillDrainingInBatches(TillAgainstFaultyService):
    """The same till, its drain sending the due rows together (`DeliverBatch`)."""

    batch_size = MAX_BATCH_ITEMS


class TillDrainingInBatchesTwoAtOnce(TillAgainstFaultyService):
    """The same till, its drain sending small batches two at a time, so that several go out in one drain."""

    batch_size = 2
    second_client = True


for machine in (TillAgainstFaultyService, TillDrainingInBatches, TillDrainingInBatchesTwoAtOnce):
    machine.TestCase.settings = settings(
        max_examples=EXAMPLES,
        stateful_step_count=STEPS,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
test_each_sale_is_delivered_exactly_once_in_order_per_customer = TillAgainstFaultyService.TestCase
test_each_sale_drained_in_batches_is_delivered_exactly_once_in_order_per_customer = TillDrainingInBatches.TestCase
test_each_sale_drained_two_batches_at_once_is_delivered_exactly_once_in_order_per_customer = (
    TillDrainingInBatchesTwoAtOnce.TestCase
)
