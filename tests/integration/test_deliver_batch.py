"""DeliverBatch (contract revision 3) against the real sandbox, and the till's drain in batches.

The sandbox answers each item of a batch on its own, in order, idempotently; the till's drain
sends a backlog of many members in a few requests and each sale reaches the ledger once; a
sandbox of an earlier revision refuses the operation and the drain falls back to one call per row.
"""
from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.offline.outbox_sync import OutboxSync, SyncOutcome, commit_payload, refund_payload
from cache.database import Database, open_database
from cache.transactions.journal import Journal
from cache.tables import OutboxState
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.batch import MAX_BATCH_ITEMS, CancelItem, CommitItem, RefundItem
from loyalty_client.errors import InvalidRequest, LoyaltyFault, RefundExceedsPurchase
from loyalty_client.sandbox import RunningSandbox, start_sandbox
from loyalty_client.sandbox.clock import SandboxClock
from loyalty_client.sandbox.faults import FaultKind, FaultRule
from loyalty_client.sandbox.storage.models import LedgerEntry
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import CancelResult, CommitResult, RefundLine, RefundResult
from tests.conftest import SANDBOX_DAY
from tests.integration.sandbox_soap import E, Fault, envelope, post, read, soap_action
from tests.integration.test_drain_lost_answers import enrol, receipt

pytestmark = pytest.mark.integration

ZERO = Decimal("0.00")


@pytest.fixture
def client(sandbox: RunningSandbox) -> Iterator[SoapLoyaltyService]:
    with SoapLoyaltyService(sandbox.url, timeout_seconds=10) as client:
        yield client


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "till.sqlite")
    yield database
    database.close()


def commit_item(customer_id: str, number: int) -> CommitItem:
    key = str(uuid.uuid4())
    now = datetime.now(timezone.utc)
    return CommitItem(key, customer_id, receipt(key), ZERO, FiscalDocument(str(number), now), True, now)


def stored(sandbox: RunningSandbox, kind: str | None = None) -> Counter[str]:
    """How many times the sandbox stored each transaction (of `kind`, or any)."""
    return Counter(
        entry["transactionId"] for entry in recorded_transactions(sandbox.engine) if kind in (None, entry["kind"])
    )


def ledger_references(sandbox: RunningSandbox) -> Counter[str]:
    """How many ledger entries name each transaction (a sale's accrual is one entry)."""
    with Session(sandbox.engine) as session:
        rows = session.execute(
            select(LedgerEntry.reference, func.count()).group_by(LedgerEntry.reference)
        ).all()
    return Counter({reference: count for reference, count in rows if reference is not None})


def test_a_batch_of_commits_cancels_and_refunds_is_answered_item_by_item_in_order(
    sandbox: RunningSandbox, client: SoapLoyaltyService
) -> None:
    members = enrol(sandbox, 3)
    sales = [commit_item(member, number) for number, member in enumerate(members)]
    refund = RefundItem(f"RF-{uuid.uuid4()}", sales[0].transaction_id, (RefundLine(1, Decimal("1")),))
    too_much = RefundItem(f"RF-{uuid.uuid4()}", sales[1].transaction_id, (RefundLine(1, Decimal("5")),))
    cancel = CancelItem(sales[2].transaction_id)
    # The refund and the cancel come after their purchases in the same batch: done in order.
    items = [*sales, refund, too_much, cancel]

    answers = client.deliver_batch(items)

    assert [type(answer) for answer in answers] == [
        CommitResult, CommitResult, CommitResult, RefundResult, RefundExceedsPurchase, CancelResult
    ]
    assert [answer.transaction_id for answer in answers[:3]] == [sale.transaction_id for sale in sales]  # type: ignore[union-attr]
    assert answers[3].refund_id == refund.refund_id and answers[3].accrual_reversed > ZERO  # type: ignore[union-attr]
    assert answers[5].cancelled is True  # type: ignore[union-attr]
    assert sandbox.served()["DeliverBatch"] == 1 and sandbox.served()["CommitPurchase"] == 0
    # The faulted refund changed nothing: the second member's purchase stands whole.
    assert client.refund(f"RF-{uuid.uuid4()}", sales[1].transaction_id, [RefundLine(1, Decimal("2"))]).accrual_reversed > ZERO


def test_a_replayed_batch_answers_the_same_and_changes_nothing(
    sandbox: RunningSandbox, client: SoapLoyaltyService
) -> None:
    members = enrol(sandbox, 4)
    sales = [commit_item(member, number) for number, member in enumerate(members)]
    refund = RefundItem(f"RF-{uuid.uuid4()}", sales[0].transaction_id, (RefundLine(1, Decimal("1")),))
    items = [*sales, refund, CancelItem(sales[3].transaction_id)]

    first = client.deliver_batch(items)
    transactions = recorded_transactions(sandbox.engine)
    ledger = ledger_references(sandbox)
    balances = [sandbox.service.balance_of(member) for member in members]
    again = client.deliver_batch(items)

    assert again == first
    assert ledger_references(sandbox) == ledger
    assert [sandbox.service.balance_of(member) for member in members] == balances
    assert recorded_transactions(sandbox.engine) == transactions
    assert stored(sandbox, "purchase") == Counter(sale.transaction_id for sale in sales)
    assert stored(sandbox, "refund") == Counter([refund.refund_id])


def test_a_batch_of_more_than_100_items_is_refused_whole(
    sandbox: RunningSandbox, client: SoapLoyaltyService
) -> None:
    members = enrol(sandbox, 1)
    items = [commit_item(members[0], number) for number in range(MAX_BATCH_ITEMS + 1)]
    with pytest.raises(ValueError, match="1 to 100 items"):
        client.deliver_batch(items)
    # The sandbox refuses one sent anyway, whole: not even the first 100 items are done.
    sales = [commit_item(members[0], number) for number in range(3)]
    client.deliver_batch(sales)
    cancels = [E.item(E.CancelPurchaseRequest(E.transactionId(sale.transaction_id))) for sale in sales]
    request = E.DeliverBatchRequest(*cancels, *(E.item(E.CancelPurchaseRequest(E.transactionId(f"T{n}"))) for n in range(98)))
    with pytest.raises(Fault) as refused:
        read(post(sandbox.url, envelope(request), SOAPAction=soap_action(request)))
    assert refused.value.code == "INVALID_REQUEST" and "схеме" in (refused.value.message or "")
    assert {entry["state"] for entry in recorded_transactions(sandbox.engine)} == {"committed"}


def test_a_full_batch_fits_within_the_sandbox_request_limits(
    sandbox: RunningSandbox, client: SoapLoyaltyService
) -> None:
    members = enrol(sandbox, MAX_BATCH_ITEMS)
    answers = client.deliver_batch([commit_item(member, number) for number, member in enumerate(members)])
    assert all(isinstance(answer, CommitResult) for answer in answers) and len(answers) == MAX_BATCH_ITEMS


def record_backlog(database: Database, members: list[str], refunds: int) -> list[str]:
    """A sale for each member, then a refund for the first `refunds` of them; the sale keys."""
    journal = Journal(database)
    now = datetime.now(timezone.utc)
    keys = []
    for number, member in enumerate(members):
        key = str(uuid.uuid4())
        journal.record_sale(key, member, commit_payload(key, member, receipt(key), ZERO, FiscalDocument(str(number), now), True, now), now)
        keys.append(key)
    for member, key in list(zip(members, keys))[:refunds]:
        refund_id = f"RF-{uuid.uuid4()}"
        journal.record_refund(refund_id, member, refund_payload(refund_id, key, [RefundLine(1, Decimal("1"))]), now)
    return keys


def test_the_drain_delivers_a_300_sale_backlog_in_a_few_requests_each_sale_once(
    sandbox: RunningSandbox, database: Database, client: SoapLoyaltyService
) -> None:
    members = enrol(sandbox, 300)
    keys = record_backlog(database, members, refunds=20)
    sync = OutboxSync(database, client, batch_size=MAX_BATCH_ITEMS)

    report = sync.drain(max_items=1000)

    assert report.done == 320 and report.failed == report.retried == 0
    # 300 sales in 3 requests; the 20 refunds wait for their sales, then go in a 4th.
    assert sandbox.served() == Counter({"DeliverBatch": 4})
    assert sync.outbox.counts()[OutboxState.DONE] == 320
    assert stored(sandbox, "purchase") == Counter(keys) and len(stored(sandbox)) == 320
    assert all(ledger_references(sandbox)[key] >= 1 for key in keys)


def test_a_faulted_row_backs_off_alone_while_the_rest_of_its_batch_is_done(
    sandbox: RunningSandbox, database: Database, client: SoapLoyaltyService
) -> None:
    members = enrol(sandbox, 5)
    keys = record_backlog(database, members, refunds=0)
    journal = Journal(database)
    too_much = f"RF-{uuid.uuid4()}"
    journal.record_refund(too_much, members[0], refund_payload(too_much, keys[0], [RefundLine(1, Decimal("9"))]), datetime.now(timezone.utc))
    sync = OutboxSync(database, client, batch_size=MAX_BATCH_ITEMS)

    report = sync.drain(max_items=1000)

    outcomes = {r.key: r.outcome for r in report.reports}
    assert outcomes[too_much] is SyncOutcome.FAILED and "REFUND_EXCEEDS_PURCHASE" in report.reports[-1].detail
    assert [outcomes[key] for key in keys] == [SyncOutcome.DONE] * 5
    assert sync.outbox.counts()[OutboxState.FAILED] == 1 and sync.outbox.counts()[OutboxState.DONE] == 5


@pytest.mark.parametrize("kind", ["older sandbox", "no batch capability"])
def test_a_service_without_the_operation_gets_one_call_per_row(
    kind: str, tmp_path: Path, database: Database
) -> None:
    sandbox = start_sandbox(f"sqlite:///{tmp_path / 'old.sqlite'}", clock=SandboxClock(SANDBOX_DAY), revision=2)
    try:
        members = enrol(sandbox, 30)
        keys = record_backlog(database, members, refunds=5)
        with SoapLoyaltyService(sandbox.url, timeout_seconds=10) as client:
            service = client if kind == "older sandbox" else OneByOne(client)
            sync = OutboxSync(database, service, batch_size=MAX_BATCH_ITEMS)  # type: ignore[arg-type]
            report = sync.drain(max_items=1000)
        assert report.done == 35 and not sync.batching
        refused = 1 if kind == "older sandbox" else 0
        assert sandbox.served() == Counter({"DeliverBatch": refused, "CommitPurchase": 30, "RefundPurchase": 5}) - Counter()
        assert stored(sandbox, "purchase") == Counter(keys) and len(stored(sandbox)) == 35
    finally:
        sandbox.stop()


class OneByOne:
    """A loyalty service with the single-item operations only (an adapter to another system)."""

    def __init__(self, client: SoapLoyaltyService) -> None:
        self._client = client

    def commit(self, *args: object) -> CommitResult:
        return self._client.commit(*args)  # type: ignore[arg-type]

    def cancel(self, transaction_id: str) -> CancelResult:
        return self._client.cancel(transaction_id)

    def refund(self, *args: object) -> RefundResult:
        return self._client.refund(*args)  # type: ignore[arg-type]


def test_an_older_sandbox_refuses_the_operation_as_unknown(tmp_path: Path) -> None:
    sandbox = start_sandbox(f"sqlite:///{tmp_path / 'old.sqlite'}", clock=SandboxClock(SANDBOX_DAY), revision=2)
    try:
        with SoapLoyaltyService(sandbox.url, timeout_seconds=10) as client:
            with pytest.raises(InvalidRequest, match="Неизвестная операция"):
                client.deliver_batch([CancelItem("T1")])
    finally:
        sandbox.stop()
    assert isinstance(InvalidRequest(), LoyaltyFault)


def test_a_lost_batch_answer_puts_back_all_its_rows_and_the_next_drain_delivers_each_once(
    sandbox: RunningSandbox, database: Database, client: SoapLoyaltyService
) -> None:
    members = enrol(sandbox, 150)
    keys = record_backlog(database, members, refunds=0)
    sandbox.faults.schedule(FaultRule(FaultKind.DROP, "DeliverBatch", times=1))  # done, answer lost
    moments = [datetime.now(timezone.utc)]
    sync = OutboxSync(database, client, clock=lambda: moments[-1], batch_size=MAX_BATCH_ITEMS)

    first = sync.drain(max_items=1000)

    assert first.lost == 100 and first.done == 50 and not first.offline  # one lost answer is no outage
    assert sync.outbox.counts()[OutboxState.PENDING] == 100
    moments.append(moments[-1] + timedelta(hours=1))  # every retry due
    again = sync.drain(max_items=1000)
    assert again.done == 100 and sync.outbox.counts()[OutboxState.DONE] == 150
    assert sandbox.served()["DeliverBatch"] == 3  # 100 lost and 50, then the 100 again
    assert stored(sandbox, "purchase") == Counter(keys)  # the replayed 100 were not stored twice
    assert all(count == 1 for key, count in ledger_references(sandbox).items() if key in set(keys))


def long_receipt(key: str, lines: int) -> Receipt:
    items = tuple(
        ReceiptLine(number, "4810001000035", "Кофе зерновой 250 г" * 10, Decimal("1"), Decimal("1.50"), Decimal("1.50"))
        for number in range(1, lines + 1)
    )
    return Receipt(key[:18], "001", "01", datetime.now(timezone.utc), items)


def test_long_receipts_go_in_as_many_requests_as_keep_each_within_the_sandbox_limits(
    sandbox: RunningSandbox, database: Database, client: SoapLoyaltyService
) -> None:
    members = enrol(sandbox, 100)
    journal = Journal(database)
    now = datetime.now(timezone.utc)
    for number, member in enumerate(members):  # 100 receipts of 60 lines: 6000 lines, about 4 MB
        key = str(uuid.uuid4())
        payload = commit_payload(key, member, long_receipt(key, 60), ZERO, FiscalDocument(str(number), now), True, now)
        journal.record_sale(key, member, payload, now)
    sync = OutboxSync(database, client, batch_size=MAX_BATCH_ITEMS)

    report = sync.drain(max_items=1000)

    assert report.done == 100 and sync.batching  # no request was refused for its size
    assert sandbox.served() == Counter({"DeliverBatch": 13})  # 8 receipts (480 lines) a request
