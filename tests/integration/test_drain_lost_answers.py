"""A drain goes on past a lost answer and stops only at an outage: against the real sandbox.

The sandbox drops the answer of every third CommitPurchase after doing the work (a lost
response). A backlog of sales of many members, some with a refund after their sale, is drained:
the first pass sends every row it may (a row whose answer was lost waits for its retry, and its
member's later rows wait behind it), later passes send the rest, and the sandbox's records end with
each transaction once, in the order the till recorded them for each member. A sandbox that refuses
connections, cuts them, or stops answering ends a drain after a few tries, and only that tells the
connectivity monitor the service is down.
"""
from __future__ import annotations

import secrets
import uuid
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.offline.connectivity import LOST_ANSWERS_FOR_OUTAGE, ConnectivityMonitor, MonitoredService
from app.offline.outbox_sync import DrainReport, OutboxSync, SyncOutcome, commit_payload, refund_payload
from cache.database import Database, open_database
from cache.transactions.journal import Journal
from cache.tables import Operation, OutboxState
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.storage import ledger as sandbox_ledger
from loyalty_client.sandbox.faults import FaultKind, FaultRule
from loyalty_client.sandbox.storage.models import CustomerRow, LedgerEntry
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.errors import ServiceUnavailable
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import RefundLine

pytestmark = pytest.mark.integration

MEMBERS = 36
WITH_A_REFUND = 12  # the first members also return part of their purchase afterwards
ZERO = Decimal("0.00")


class StoppedClock:
    """The time it was made, plus whatever the test skipped ahead: a pass sees no retry come due
    while it runs, and a skip makes every retry due without waiting."""

    def __init__(self) -> None:
        self.start = datetime.now(timezone.utc)
        self.skipped = timedelta()

    def __call__(self) -> datetime:
        return self.start + self.skipped


def enrol(sandbox: RunningSandbox, count: int) -> list[str]:
    """`count` new active members with empty accounts in the sandbox; their ids."""
    now = sandbox.clock.now()
    ids = [f"CM{number:04d}" for number in range(count)]
    with Session(sandbox.engine) as session, session.begin():
        for number, customer_id in enumerate(ids):
            session.add(
                CustomerRow(
                    id=customer_id,
                    display_name=f"Участник {number}",
                    phone=f"+37544{number:07d}",
                    card_number=None,
                    status="active",
                    account=f"3{number:09d}",
                    totp_secret=secrets.token_hex(20),
                    purchases_12m=ZERO,
                    birth_date=None,
                    marketing_consent=False,
                    created_at=now,
                )
            )
            session.flush()
            sandbox_ledger.open_account(session, customer_id, now)
    return ids


def receipt(key: str) -> Receipt:
    line = ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", Decimal("2"), Decimal("15.90"), Decimal("31.80"))
    return Receipt(key[:18], "001", "01", datetime.now(timezone.utc), (line,))


def record_backlog(database: Database, members: list[str]) -> dict[str, list[str]]:
    """A sale for each member recorded offline, then a refund for the first ones; the keys the
    till recorded for each member, in order."""
    journal = Journal(database)
    recorded: dict[str, list[str]] = defaultdict(list)
    now = datetime.now(timezone.utc)
    for number, member in enumerate(members):
        key = str(uuid.uuid4())
        payload = commit_payload(key, member, receipt(key), ZERO, FiscalDocument(str(number), now), True, now)
        journal.record_sale(key, member, payload, now)
        recorded[member].append(key)
    for member in members[:WITH_A_REFUND]:
        refund_id = f"RF-{uuid.uuid4()}"
        journal.record_refund(refund_id, member, refund_payload(refund_id, recorded[member][0], [RefundLine(1, Decimal("1"))]), now)
        recorded[member].append(refund_id)
    return recorded


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "till.sqlite")
    yield database
    database.close()


@pytest.fixture
def client(sandbox: RunningSandbox) -> Iterator[SoapLoyaltyService]:
    with SoapLoyaltyService(sandbox.url, timeout_seconds=5) as client:
        yield client


def delivered_per_member(sandbox: RunningSandbox) -> dict[str, list[str]]:
    delivered: dict[str, list[str]] = defaultdict(list)
    for entry in recorded_transactions(sandbox.engine):
        delivered[entry["customerId"]].append(entry["transactionId"])
    return delivered


def test_a_lost_answer_holds_back_its_own_member_only_and_everything_ends_delivered_once_in_order(
    sandbox: RunningSandbox, database: Database, client: SoapLoyaltyService
) -> None:
    recorded = record_backlog(database, enrol(sandbox, MEMBERS))
    rows = sum(len(keys) for keys in recorded.values())
    sandbox.faults.schedule(FaultRule(FaultKind.DROP, "CommitPurchase", every=3))
    monitor = ConnectivityMonitor()
    changes: list[bool] = []
    monitor.add_listener(changes.append)
    clock = StoppedClock()
    sync = OutboxSync(database, MonitoredService(client, monitor), clock=clock)

    first = sync.drain(max_items=1000)
    assert not first.offline, "a lost answer now and then is no outage"
    commits = [r for r in first.reports if r.operation is Operation.COMMIT]
    assert len(commits) == MEMBERS, "every member's sale was tried in the first pass"
    assert first.lost == MEMBERS // 3 == len(sandbox.faults.injected), "only the answers the sandbox dropped"
    assert first.done == len(first.reports) - first.lost and first.failed == 0
    lost_members = {r.customer_id for r in first.reports if r.outcome is SyncOutcome.RETRY}
    refunded = [r.customer_id for r in first.reports if r.operation is Operation.REFUND]
    assert sorted(refunded) == sorted(set(list(recorded)[:WITH_A_REFUND]) - lost_members), (
        "a refund waits for its purchase whose answer was lost, the others go"
    )
    assert first.done >= rows // 2
    assert changes == [True], "the monitor was never told the service is down"

    for _ in range(10):  # later passes, the backoff skipped: the rest goes, a third of it lost again
        if sync.outbox.counts()[OutboxState.PENDING] == 0:
            break
        clock.skipped += timedelta(hours=1)
        assert not sync.drain(max_items=1000).offline
    counts = sync.outbox.counts()
    assert (counts[OutboxState.DONE], counts[OutboxState.FAILED]) == (rows, 0), counts
    assert delivered_per_member(sandbox) == recorded, "each transaction once, in order per member"
    with Session(sandbox.engine) as session:
        twice = session.execute(
            select(LedgerEntry.reference, LedgerEntry.kind)
            .where(LedgerEntry.kind.in_(("accrual", "redeem")))
            .group_by(LedgerEntry.reference, LedgerEntry.kind)
            .having(func.count() > 1)
        ).all()
    assert twice == [], "points moved once for each transaction, lost answers and all"
    assert changes == [True]


def outage_drain(
    sandbox: RunningSandbox, database: Database, client: SoapLoyaltyService
) -> tuple[DrainReport, list[tuple[bool, int]]]:
    """Drain a backlog of ten members' sales; the report, and each change the monitor heard with
    how many faults the sandbox had injected by then."""
    record_backlog(database, enrol(sandbox, 10))
    monitor = ConnectivityMonitor()
    changes: list[tuple[bool, int]] = []
    monitor.add_listener(lambda online: changes.append((online, len(sandbox.faults.injected))))
    return OutboxSync(database, MonitoredService(client, monitor)).drain(max_items=1000), changes


def test_a_sandbox_going_off_the_network_ends_the_drain_at_the_first_refused_connection(
    sandbox: RunningSandbox, database: Database, client: SoapLoyaltyService
) -> None:
    sandbox.faults.schedule(
        FaultRule(FaultKind.DROP, "CommitPurchase", times=1),  # the 1st answer is lost
        FaultRule(FaultKind.REFUSE, "CommitPurchase", every=3, times=1, delay=600),  # the 3rd: off the network
    )
    client.get_program("001")  # a connection in the pool, as on a till that was selling
    report, changes = outage_drain(sandbox, database, client)
    # A lost answer, an answer, a connection cut mid-call (maybe one more lost answer), then refused.
    assert [(r.outcome, r.outage) for r in report.reports] == [
        (SyncOutcome.RETRY, False),
        (SyncOutcome.DONE, False),
        (SyncOutcome.RETRY, False),
        (SyncOutcome.RETRY, True),
    ]
    assert report.offline and report.reports[-1].detail == "SERVICE_UNAVAILABLE: cannot connect"
    assert changes == [(True, 1), (False, 2)], "down at the refusal, not at a lost answer"
    assert [e["transactionId"] for e in recorded_transactions(sandbox.engine)] == [r.key for r in report.reports[:2]]


def warm_up(client: SoapLoyaltyService, tries: int = 20) -> None:
    """Leave a connection in `client`'s pool, as on a till that was selling. A busy machine may
    answer a first call later than a hasty client's deadline: it is tried again."""
    for _ in range(tries - 1):
        try:
            client.get_program("001")
            return
        except ServiceUnavailable:
            continue
    client.get_program("001")


def test_a_sandbox_that_stops_answering_ends_the_drain_after_a_few_timeouts(
    sandbox: RunningSandbox, database: Database
) -> None:
    sandbox.faults.schedule(FaultRule(FaultKind.STALL, "CommitPurchase", delay=30))
    with SoapLoyaltyService(sandbox.url, timeout_seconds=0.3) as hasty:
        warm_up(hasty)
        report, changes = outage_drain(sandbox, database, hasty)
    sandbox.faults.release()
    assert len(report.reports) == LOST_ANSWERS_FOR_OUTAGE and report.offline
    assert all(r.detail.startswith("SERVICE_UNAVAILABLE: timed out") for r in report.reports)
    assert changes == [(False, LOST_ANSWERS_FOR_OUTAGE)], "down once the timeouts came in a row, not at the first"


def test_two_clients_stalled_in_turn_tell_the_monitor_of_the_outage_in_the_drain_that_meets_it(
    sandbox: RunningSandbox, database: Database
) -> None:
    record_backlog(database, enrol(sandbox, 40))
    monitor = ConnectivityMonitor()
    changes: list[tuple[bool, int]] = []
    monitor.add_listener(lambda online: changes.append((online, len(sandbox.faults.injected))))
    with SoapLoyaltyService(sandbox.url, timeout_seconds=5) as first, SoapLoyaltyService(
        sandbox.url, timeout_seconds=5
    ) as second:
        sync = OutboxSync(
            database, MonitoredService(first, monitor), batch_size=4, second_service=MonitoredService(second, monitor)
        )
        assert sync.drain(max_items=8).done == 8, "batches answered: the second client sends beside the first"
        sandbox.faults.schedule(FaultRule(FaultKind.DROP, "DeliverBatch"))  # from now on every answer is lost
        report = sync.drain(max_items=1000)
    assert report.offline and report.lost >= LOST_ANSWERS_FOR_OUTAGE
    # Down at the lost answers that made an outage in a row, whichever client's they were (the
    # other request under way may have lost its answer at the sandbox by then too).
    assert [online for online, _ in changes] == [True, False], changes
    assert LOST_ANSWERS_FOR_OUTAGE <= changes[1][1] <= LOST_ANSWERS_FOR_OUTAGE + 1, changes

