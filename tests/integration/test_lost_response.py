"""Lost responses: the service did the work, the till never heard; the retry must not do it twice.

The sandbox commits (or refunds, or cancels) and then its answer is lost on the way: dropped,
garbled, or too late for the till's timeout. The outbox keeps the row and sends it again; the
service's idempotency returns the stored result, which the till keeps; the sandbox's records
hold the transaction once and its points moved once.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.checkout.session import CheckoutSession, Phase
from app.demo.host import DEMO_PRODUCTS, DemoReceiptBuilder
from app.checkout.identify_input import identifier_parser
from app.offline.outbox_sync import OutboxSync, SyncOutcome, refund_payload, stored_result
from app.checkout.recorder import OutboxRecorder
from cache.database import Database, open_database
from cache.transactions.journal import Journal
from cache.transactions.outbox import Outbox
from cache.tables import Operation, OutboxState
from fiscal.demo_registrar import DemoRegistrar
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.demo import ANNA
from loyalty_client.sandbox.faults import FaultKind, FaultRule
from loyalty_client.sandbox.storage.models import LedgerEntry, TransactionRow
from loyalty_client.sandbox.results import load_result
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import CancelResult, CommitResult, RefundLine, RefundResult

pytestmark = pytest.mark.integration

COFFEE, CHOCOLATE = DEMO_PRODUCTS[2].sku, DEMO_PRODUCTS[3].sku
SYNC_TIMEOUT = 1.0


class LaterClock:
    """Now, plus whatever the test skipped ahead (so retries become due without waiting)."""

    def __init__(self) -> None:
        self.skipped = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.skipped

    def skip(self) -> None:
        self.skipped += timedelta(hours=1)


class Till:
    """A headless till whose sync client gives up after a second."""

    def __init__(self, url: str, database: Database) -> None:
        self.database = database
        self.host = DemoReceiptBuilder("001", "01")
        self.checkout = CheckoutSession(
            SoapLoyaltyService(url, timeout_seconds=5),
            OutboxRecorder(database),
            DemoRegistrar(),
            identifier_parser("BY"),
            store_id="001",
            till_id="01",
            currency="BYN",
        )
        self.clock = LaterClock()
        self.sync = OutboxSync(database, SoapLoyaltyService(url, timeout_seconds=SYNC_TIMEOUT), clock=self.clock)

    def sell(self, redeem: Decimal) -> str:
        """A sale to Anna with `redeem` reserved; returns its transaction id once it is recorded."""
        receipt = self.host.new()
        for sku in (COFFEE, COFFEE, CHOCOLATE):
            receipt = self.host.add(sku)
        self.checkout.new_receipt(receipt)
        self.checkout.identify(ANNA.phone)
        self.checkout.set_redeem(redeem)
        assert self.checkout.close_receipt().phase is Phase.AWAITING_PAYMENT
        state = self.checkout.payment_received()
        assert state.phase is Phase.CLOSED and state.sale is not None
        return state.sale.transaction_id


@pytest.fixture
def till(sandbox: RunningSandbox, tmp_path: Path) -> Iterator[Till]:
    database = open_database(tmp_path / "till.sqlite")
    yield Till(sandbox.url, database)
    database.close()


def stored(sandbox: RunningSandbox, kind: str, key: str) -> list[TransactionRow]:
    with Session(sandbox.engine) as session:
        return list(session.scalars(select(TransactionRow).where(TransactionRow.kind == kind, TransactionRow.key == key)))


def movements(sandbox: RunningSandbox, reference: str) -> dict[str, int]:
    """How many point movements of each kind refer to `reference`."""
    with Session(sandbox.engine) as session:
        rows = session.execute(
            select(LedgerEntry.kind, func.count()).where(LedgerEntry.reference == reference).group_by(LedgerEntry.kind)
        )
        return {kind: int(count) for kind, count in rows}


LOSSES = [
    pytest.param(FaultRule(FaultKind.DROP, "CommitPurchase", times=1), id="dropped"),
    pytest.param(FaultRule(FaultKind.MALFORMED, "CommitPurchase", times=1), id="garbled"),
    pytest.param(FaultRule(FaultKind.SLOW, "CommitPurchase", times=1, delay=30), id="too-late"),
]


@pytest.mark.parametrize("loss", LOSSES)
def test_a_commit_whose_answer_was_lost_is_replayed_to_its_stored_result(
    sandbox: RunningSandbox, till: Till, loss: FaultRule
) -> None:
    transaction_id = till.sell(Decimal("5.00"))
    sandbox.faults.schedule(loss)

    first = till.sync.run_once()
    assert first.outcome is SyncOutcome.RETRY and first.offline
    (row,) = stored(sandbox, "purchase", transaction_id)
    assert till.sync.outbox.get(first.item_id).state is OutboxState.PENDING  # type: ignore[arg-type, union-attr]
    balance_after_commit = sandbox.service.balance_of(ANNA.customer_id)

    assert till.sync.run_once().outcome is SyncOutcome.IDLE, "the retry waits for its backoff"
    till.clock.skip()
    second = till.sync.run_once()
    assert second.outcome is SyncOutcome.DONE
    assert second.result == load_result(CommitResult, row.result_json), "the stored result, not a new one"
    item = till.sync.outbox.get(first.item_id)
    assert item is not None and item.attempts == 2 and stored_result(item) == second.result

    assert len(stored(sandbox, "purchase", transaction_id)) == 1
    assert movements(sandbox, transaction_id) == {"redeem": 1, "accrual": 1}
    assert sandbox.service.balance_of(ANNA.customer_id) == balance_after_commit


def test_a_refund_whose_answer_was_lost_returns_points_once(sandbox: RunningSandbox, till: Till) -> None:
    transaction_id = till.sell(Decimal("4.00"))
    assert till.sync.drain().done == 1
    refund_id = "RF-lost-1"
    payload = refund_payload(refund_id, transaction_id, [RefundLine(1, Decimal("1"))])
    Journal(till.database).record_refund(refund_id, ANNA.customer_id, payload, datetime.now(timezone.utc))
    sandbox.faults.schedule(FaultRule(FaultKind.DROP, "RefundPurchase", times=1))

    assert till.sync.run_once().outcome is SyncOutcome.RETRY
    (row,) = stored(sandbox, "refund", refund_id)
    balance = sandbox.service.balance_of(ANNA.customer_id)
    till.clock.skip()
    report = till.sync.run_once()
    assert report.outcome is SyncOutcome.DONE and isinstance(report.result, RefundResult)
    assert report.result == load_result(RefundResult, row.result_json)
    assert len(stored(sandbox, "refund", refund_id)) == 1
    moved = movements(sandbox, refund_id)
    assert moved.get("returned") == 1 and set(moved.values()) == {1}, moved
    assert sandbox.service.balance_of(ANNA.customer_id) == balance


def test_a_cancel_whose_answer_was_lost_releases_the_reservation_once(sandbox: RunningSandbox, till: Till) -> None:
    receipt = till.host.add(COFFEE)
    till.checkout.new_receipt(receipt)
    till.checkout.identify(ANNA.phone)
    till.checkout.set_redeem(Decimal("3.00"))
    till.checkout.close_receipt()
    assert sandbox.service.balance_of(ANNA.customer_id).spendable == ANNA.spendable - Decimal("3.00")
    till.checkout.void_receipt(till.host.new())
    (item,) = till.sync.outbox.items()
    sandbox.faults.schedule(FaultRule(FaultKind.DROP, "CancelPurchase", times=1))

    assert till.sync.run_once().outcome is SyncOutcome.RETRY
    (row,) = stored(sandbox, "cancel", item.idempotency_key)
    assert sandbox.service.balance_of(ANNA.customer_id).spendable == ANNA.spendable
    till.clock.skip()
    report = till.sync.run_once()
    assert report.outcome is SyncOutcome.DONE and report.result == load_result(CancelResult, row.result_json)
    assert len(stored(sandbox, "cancel", item.idempotency_key)) == 1
    assert sandbox.service.balance_of(ANNA.customer_id).spendable == ANNA.spendable


class TillDied(BaseException):
    """Stands for the till process ending between the service's answer and the local 'done'."""


class DiesAfterCommit:
    """The real client, but the till 'dies' as the commit's answer arrives."""

    def __init__(self, service: SoapLoyaltyService) -> None:
        self._service = service

    def commit(self, *args: object) -> CommitResult:
        self._service.commit(*args)  # type: ignore[arg-type]
        raise TillDied


def test_a_till_that_died_after_the_commit_resends_it_on_restart_and_keeps_the_stored_result(
    sandbox: RunningSandbox, till: Till, tmp_path: Path
) -> None:
    transaction_id = till.sell(Decimal("0.00"))
    dying = OutboxSync(till.database, DiesAfterCommit(SoapLoyaltyService(sandbox.url, timeout_seconds=5)))  # type: ignore[arg-type]
    with pytest.raises(TillDied):
        dying.run_once()
    (item,) = Outbox(till.database).items()
    assert item.state is OutboxState.IN_FLIGHT, "the row was in flight when the till died"
    (row,) = stored(sandbox, "purchase", transaction_id)
    till.database.close()

    with open_database(tmp_path / "till.sqlite") as reopened:  # the till starts again
        sync = OutboxSync(reopened, SoapLoyaltyService(sandbox.url, timeout_seconds=5))
        report = sync.run_once()
        assert report.outcome is SyncOutcome.DONE and report.operation is Operation.COMMIT
        assert report.result == load_result(CommitResult, row.result_json)
        assert sync.outbox.counts()[OutboxState.DONE] == 1
    assert len(stored(sandbox, "purchase", transaction_id)) == 1
    assert movements(sandbox, transaction_id) == {"accrual": 1}
