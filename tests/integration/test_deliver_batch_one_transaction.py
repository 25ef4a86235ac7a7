"""DeliverBatch done in one database transaction answers and records exactly what its items do
one by one: the same results and faults, the same ledger, accounts and transactions.

Two sandboxes on the same pinned clock get the same members and history; one gets the items as
one DeliverBatch over SOAP, the other the same items as single operations.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import pytest
from lxml import etree
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.batch import BatchAnswer, BatchItem, CancelItem, CommitItem, RefundItem, deliver_one
from loyalty_client.errors import (
    CustomerBlocked,
    CustomerNotFound,
    InvalidRequest,
    LoyaltyFault,
    RefundExceedsPurchase,
)
from loyalty_client.sandbox import RunningSandbox, start_sandbox
from loyalty_client.sandbox.clock import SandboxClock
from loyalty_client.sandbox.operations import read_cancel, read_commit, read_refund
from loyalty_client.sandbox.storage.models import CustomerRow, LedgerEntry, PendingPoints, PointAccount
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.soap.batch_envelope import batch_request
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.soap.contract import CONTRACT_REVISION, NAMESPACE, contract_schema
from loyalty_client.types import CancelResult, CommitResult, RefundLine, RefundResult
from tests.backends import ON_EVERY_DATABASE
from tests.conftest import SANDBOX_DAY
from tests.integration.test_drain_lost_answers import enrol

pytestmark = pytest.mark.integration

ZERO = Decimal("0.00")


@pytest.fixture
def twin(tmp_path: Path) -> Iterator[RunningSandbox]:
    """A second sandbox (SQLite) on its own clock pinned at the same moment as `sandbox`'s."""
    running = start_sandbox(f"sqlite:///{tmp_path / 'twin.sqlite'}", clock=SandboxClock(SANDBOX_DAY))
    try:
        yield running
    finally:
        running.stop()


def sale(key: str, customer_id: str, quantity: str = "2", redeem: Decimal = ZERO) -> CommitItem:
    moment = SANDBOX_DAY + timedelta(hours=1)
    line = ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", Decimal(quantity), Decimal("15.90"),
                       Decimal("15.90") * Decimal(quantity))
    receipt = Receipt(key[:18], "001", "01", moment, (line,))
    return CommitItem(key, customer_id, receipt, redeem, FiscalDocument(key[:8], moment), True, moment)


def one_by_one(sandbox: RunningSandbox, items: list[BatchItem]) -> list[BatchAnswer]:
    answers: list[BatchAnswer] = []
    for item in items:
        try:
            answers.append(deliver_one(sandbox.service, item))
        except LoyaltyFault as fault:
            answers.append(fault)
    return answers


def same_answer(answer: BatchAnswer) -> Any:
    return (type(answer).__name__, answer.code, answer.message) if isinstance(answer, LoyaltyFault) else answer


def state(sandbox: RunningSandbox) -> dict[str, Any]:
    """Everything the items may have changed, without ids and moments that differ by nature."""
    with Session(sandbox.engine) as session:
        return {
            "transactions": [
                {name: value for name, value in entry.items() if name != "recordedAt"}
                for entry in recorded_transactions(sandbox.engine)
            ],
            "ledger": [
                (row.customer_id, row.kind, row.amount, row.pending, row.reference)
                for row in session.scalars(select(LedgerEntry).order_by(LedgerEntry.id))
            ],
            "accounts": [
                (row.customer_id, row.spendable, row.expiring_amount, row.expiring_on, row.version)
                for row in session.scalars(select(PointAccount).order_by(PointAccount.customer_id))
            ],
            "lots": sorted(
                (row.customer_id, row.transaction_id, row.amount, row.available_on)
                for row in session.scalars(select(PendingPoints))
            ),
            "purchases": [
                (row.id, row.purchases_12m) for row in session.scalars(select(CustomerRow).order_by(CustomerRow.id))
            ],
        }


@ON_EVERY_DATABASE
def test_a_batch_answers_and_records_what_its_items_one_by_one_do(
    sandbox: RunningSandbox, twin: RunningSandbox
) -> None:
    for running in (sandbox, twin):
        members = enrol(running, 4)
        with Session(running.engine) as session, session.begin():
            session.execute(update(CustomerRow).where(CustomerRow.id == members[3]).values(status="blocked"))
        # An earlier sale whose points mature while the batch is on its way (settled by it).
        deliver_one(running.service, sale("EARLIER-0001", members[0]))
        running.clock.advance(timedelta(days=40))
    first, second, refunded = (str(uuid.uuid4()) for _ in range(3))
    items: list[BatchItem] = [
        sale(first, members[0]),
        sale(second, members[0], quantity="3"),  # the same member again: sees the first sale
        sale(first, members[0]),  # a replay within the batch: the stored answer
        sale(first, members[0], quantity="5"),  # the same id, another receipt: refused
        sale(str(uuid.uuid4()), "NO-SUCH-MEMBER"),
        sale(str(uuid.uuid4()), members[3]),  # blocked
        sale(refunded, members[1]),
        RefundItem(f"RF-{refunded}", refunded, (RefundLine(1, Decimal("1")),)),
        RefundItem(f"RF-{uuid.uuid4()}", refunded, (RefundLine(1, Decimal("9")),)),  # more than bought
        sale(str(uuid.uuid4()), members[1]),  # after the refund
        sale(str(uuid.uuid4()), members[2], redeem=Decimal("1.00")),  # nothing to spend: refused
        CancelItem(second),
        sale(str(uuid.uuid4()), members[2]),
        sale(second, members[0], quantity="3"),  # a replay of a cancelled purchase
    ]

    with SoapLoyaltyService(sandbox.url, timeout_seconds=30) as client:
        batched = client.deliver_batch(items)
    single = one_by_one(twin, items)

    assert [same_answer(answer) for answer in batched] == [same_answer(answer) for answer in single]
    kinds = [type(answer) for answer in batched]
    assert kinds[:4] == [CommitResult, CommitResult, CommitResult, InvalidRequest]
    assert kinds[4:9] == [CustomerNotFound, CustomerBlocked, CommitResult, RefundResult, RefundExceedsPurchase]
    assert kinds[11] is CancelResult and batched[2] == batched[0]
    assert any(entry[1] == "matured" for entry in state(sandbox)["ledger"])
    assert state(sandbox) == state(twin)


@ON_EVERY_DATABASE
def test_a_batch_is_one_database_transaction(sandbox: RunningSandbox) -> None:
    members = enrol(sandbox, 30)
    commits: list[Any] = []
    event.listen(sandbox.engine, "commit", commits.append)

    answers = sandbox.service.deliver_batch([sale(str(uuid.uuid4()), member) for member in members])

    assert all(isinstance(answer, CommitResult) for answer in answers)
    assert len(commits) == 1


def test_the_batch_request_built_without_zeep_is_valid_and_reads_back_as_sent() -> None:
    moment = datetime(2026, 11, 20, 15, 30, 5, 120000, tzinfo=timezone(timedelta(hours=3)))
    line = ReceiptLine(2, "SKU-1", "Хлеб & <соль>", Decimal("0.125"), Decimal("3.20"), Decimal("0.40"),
                       redeem_allowed=False, accrual_allowed=True, min_price=Decimal("0.10"))
    commit = CommitItem("T-1", "C-1", Receipt("R-1", "001", "02", moment, (line,)), Decimal("0.40"),
                        FiscalDocument("FD-9", moment), False, moment, ("9900001000027",))
    items: list[BatchItem] = [
        commit,
        CancelItem("T-2"),
        RefundItem("RF-1", "T-1", (RefundLine(2, Decimal("0.125")), RefundLine(3, Decimal("1")))),
    ]

    envelope = etree.fromstring(batch_request(items, contract_schema()))

    request = envelope.find(f".//{{{NAMESPACE}}}DeliverBatchRequest")
    assert contract_schema().validate(request)
    assert envelope.findtext(f".//{{{NAMESPACE}}}ContractRevision") == str(CONTRACT_REVISION)
    operations = [next(iter(item)) for item in request]
    assert [read_commit(operations[0]), read_cancel(operations[1]), read_refund(operations[2])] == items


def test_a_request_that_breaks_the_schema_is_refused_before_it_is_sent() -> None:
    broken = sale("T-1", "C-1", redeem=Decimal("-1.00"))

    with pytest.raises(InvalidRequest, match="breaks the contract"):
        batch_request([broken], contract_schema())
