"""The drain in batches with two requests under way, against the real sandbox on loopback.

While the sandbox works on one batch the till records the one before and sends the next; the
outcomes are still recorded in the order the requests went out, a customer never has two rows
under way, an outage stops the drain with what was already sent recorded by its own outcome and
what was claimed but not sent put back as it was, and a till killed with two requests under way
delivers each sale once after it starts again.
"""
from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator, Sequence

import pytest

from app.offline.outbox_sync import OutboxSync, SyncOutcome, commit_payload, refund_payload
from cache.database import Database, open_database
from cache.transactions.journal import Journal
from cache.transactions.outbox import Outbox
from cache.tables import OutboxState
from fiscal.receipt import FiscalDocument
from loyalty_client.batch import MAX_BATCH_ITEMS, BatchAnswer, BatchItem, RefundItem
from loyalty_client.sandbox import RunningSandbox, start_sandbox
from loyalty_client.sandbox.clock import SandboxClock
from loyalty_client.sandbox.faults import FaultKind, FaultRule, InjectedFault
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import RefundLine
from tests.conftest import SANDBOX_DAY
from tests.integration.test_deliver_batch import long_receipt, record_backlog, stored
from tests.integration.test_drain_lost_answers import StoppedClock, enrol, receipt

pytestmark = pytest.mark.integration

ZERO = Decimal("0.00")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "till.sqlite")
    yield database
    database.close()


@pytest.fixture
def clients(sandbox: RunningSandbox) -> Iterator[tuple[SoapLoyaltyService, SoapLoyaltyService]]:
    first = SoapLoyaltyService(sandbox.url, timeout_seconds=20)
    second = SoapLoyaltyService(sandbox.url, timeout_seconds=20)
    yield first, second
    first.close()
    second.close()


def stored_keys(sandbox: RunningSandbox) -> set[str]:
    return {entry["transactionId"] for entry in recorded_transactions(sandbox.engine)}


def test_the_next_batch_is_answered_while_the_service_holds_the_answer_to_the_one_before(
    sandbox: RunningSandbox, database: Database, clients: tuple[SoapLoyaltyService, SoapLoyaltyService]
) -> None:
    members = enrol(sandbox, 300)
    keys = record_backlog(database, members, refunds=0)
    # The first batch goes alone (the service has not answered a batch yet), the second and third
    # together; the one of them that arrives second is done at once but its answer held for 2 s.
    sandbox.faults.schedule(FaultRule(FaultKind.SLOW, "DeliverBatch", every=2, times=1, delay=2.0))
    second_held = threading.Event()
    sandbox.faults.add_hold_observer(lambda fault: second_held.set())
    calls: list[tuple[float, float]] = []  # (sent, answered) of each batch request, as the till saw it

    class Timed:
        """The client, noting when each batch went out and when its answer came back."""

        def __init__(self, client: SoapLoyaltyService) -> None:
            self._client = client

        def __getattr__(self, name: str) -> Any:
            return getattr(self._client, name)

        def deliver_batch(self, items: Sequence[BatchItem]) -> list[BatchAnswer]:
            sent = time.monotonic()
            answers = self._client.deliver_batch(items)
            calls.append((sent, time.monotonic()))
            return answers

    first, second = (Timed(client) for client in clients)
    sync = OutboxSync(database, first, batch_size=MAX_BATCH_ITEMS, second_service=second)

    report = sync.drain(max_items=1000)

    assert second_held.is_set()
    held = max(calls, key=lambda call: call[1] - call[0])
    answered_meanwhile = [call for call in calls if call is not held and held[0] < call[1] < held[1]]
    assert answered_meanwhile, "the third batch waited for the answer to the second"
    assert report.done == 300 and [r.key for r in report.reports] == keys  # recorded in the order sent
    assert sandbox.served() == Counter({"DeliverBatch": 3})
    assert stored(sandbox, "purchase") == Counter(keys)
    assert sync.outbox.counts()[OutboxState.DONE] == 300


class Watched:
    """A SOAP client that checks, as each batch goes out, that none of its customers has another
    row under way or an earlier row not yet recorded done on the till; shared by the drain's clients."""

    def __init__(self, client: SoapLoyaltyService, outbox: Outbox, seen: "Seen") -> None:
        self._client = client
        self._outbox = outbox
        self._seen = seen
        self.delivers_batches = True

    def deliver_batch(self, items: Sequence[BatchItem]) -> list[BatchAnswer]:
        customers = [self._seen.customer_of[_key(item)] for item in items]
        with self._seen.lock:
            overlapping = self._seen.under_way & set(customers)
            self._seen.overlaps.extend(overlapping)
            self._seen.under_way |= set(customers)
            self._seen.most_under_way = max(self._seen.most_under_way, self._seen.requests + 1)
            self._seen.requests += 1
        for item, customer in zip(items, customers):
            rows = self._outbox.items(customer_id=customer, limit=1000)
            mine = next(row for row in rows if row.idempotency_key == _key(item))
            self._seen.not_done_before.extend(
                row.idempotency_key for row in rows if row.id < mine.id and row.state is not OutboxState.DONE
            )
        try:
            return self._client.deliver_batch(items)
        finally:
            with self._seen.lock:
                self._seen.under_way -= set(customers)
                self._seen.requests -= 1


class Seen:
    """What the watched clients saw."""

    def __init__(self, customer_of: dict[str, str]) -> None:
        self.customer_of = customer_of
        self.lock = threading.Lock()
        self.under_way: set[str] = set()
        self.requests = 0
        self.most_under_way = 0
        self.overlaps: list[str] = []
        self.not_done_before: list[str] = []


def _key(item: BatchItem) -> str:
    return item.refund_id if isinstance(item, RefundItem) else item.transaction_id  # type: ignore[union-attr]


def test_a_customer_never_has_two_rows_under_way_and_each_goes_after_the_one_before_is_done(
    sandbox: RunningSandbox, database: Database, clients: tuple[SoapLoyaltyService, SoapLoyaltyService]
) -> None:
    members = enrol(sandbox, 120)
    journal = Journal(database)
    now = datetime.now(timezone.utc)
    recorded: dict[str, list[str]] = defaultdict(list)
    customer_of: dict[str, str] = {}
    for round_ in range(3):  # a sale of each member, a refund of the first 40, then a sale of each again
        for number, member in enumerate(members if round_ != 1 else members[:40]):
            if round_ == 1:
                key = f"RF-{uuid.uuid4()}"
                payload = refund_payload(key, recorded[member][0], [RefundLine(1, Decimal("1"))])
                journal.record_refund(key, member, payload, now)
            else:
                key = str(uuid.uuid4())
                fiscal = FiscalDocument(f"{round_}-{number}", now)
                payload = commit_payload(key, member, receipt(key), ZERO, fiscal, True, now)
                journal.record_sale(key, member, payload, now)
            recorded[member].append(key)
            customer_of[key] = member
    # Every other batch is answered late, so the next one is surely under way beside it.
    sandbox.faults.schedule(FaultRule(FaultKind.SLOW, "DeliverBatch", every=2, delay=0.3))
    seen = Seen(customer_of)
    outbox = Outbox(database)
    sync = OutboxSync(
        database,
        Watched(clients[0], outbox, seen),  # type: ignore[arg-type]
        batch_size=50,
        second_service=Watched(clients[1], outbox, seen),  # type: ignore[arg-type]
    )

    report = sync.drain(max_items=1000)

    assert report.done == 280 and report.failed == report.retried == 0
    assert seen.most_under_way == 2  # the pipeline was in use
    assert seen.overlaps == [] and seen.not_done_before == []
    delivered: dict[str, list[str]] = defaultdict(list)
    for entry in recorded_transactions(sandbox.engine):
        delivered[entry["customerId"]].append(entry["transactionId"])
    assert delivered == recorded


def test_an_outage_records_what_was_sent_by_its_own_outcome_and_puts_back_what_was_not(
    sandbox: RunningSandbox, database: Database, clients: tuple[SoapLoyaltyService, SoapLoyaltyService]
) -> None:
    members = enrol(sandbox, 60)
    journal = Journal(database)
    now = datetime.now(timezone.utc)
    keys = []
    for number, member in enumerate(members):  # 60 lines a receipt: 8 rows a request
        key = str(uuid.uuid4())
        payload = commit_payload(key, member, long_receipt(key, 60), ZERO, FiscalDocument(str(number), now), True, now)
        journal.record_sale(key, member, payload, now)
        keys.append(key)
    # Claims of 40 rows go in requests of 8: A alone, then B beside C, D and E waiting. The
    # answer to the one of B and C that arrives second is lost (the work is done), and one lost
    # answer makes an outage here: the request beside it (C, or D sent once B was recorded) is
    # recorded by its own answer, and the rows claimed but not sent go back as they were.
    sandbox.faults.schedule(FaultRule(FaultKind.DROP, "DeliverBatch", every=2, times=1))
    clock = StoppedClock()
    sync = OutboxSync(
        database, clients[0], clock=clock, batch_size=40, second_service=clients[1], lost_answers_for_outage=1
    )

    report = sync.drain(max_items=1000)

    outcomes = {r.key: r for r in report.reports}
    reported = [key for key in keys if key in outcomes]
    assert report.offline and len(reported) in (24, 32) and reported == keys[: len(reported)]
    assert sandbox.served() == Counter({"DeliverBatch": len(reported) // 8})
    lost = [key for key in reported if outcomes[key].outcome is SyncOutcome.RETRY]
    assert len(lost) == 8 and lost in (keys[8:16], keys[16:24]) and all(outcomes[key].outage for key in lost)
    assert all(outcomes[key].outcome is SyncOutcome.DONE for key in reported if key not in lost)
    rows = {item.idempotency_key: item for item in sync.outbox.items(limit=100)}
    assert all(rows[key].state is OutboxState.PENDING and rows[key].attempts == 1 for key in lost)
    # Claimed but never sent (at least E), and never claimed: all pending, untried.
    untried = keys[len(reported) :]
    assert all(rows[key].state is OutboxState.PENDING and rows[key].attempts == 0 for key in untried)
    assert all(rows[key].last_error is None for key in untried)
    assert stored_keys(sandbox) == set(reported)

    clock.skipped += timedelta(hours=1)
    again = sync.drain(max_items=1000)
    assert again.done == 8 + len(untried) and sync.outbox.counts()[OutboxState.DONE] == 60
    assert stored(sandbox, "purchase") == Counter(keys)  # the lost request's replay was not stored twice


def test_a_service_without_the_operation_refuses_one_request_only(tmp_path: Path, database: Database) -> None:
    sandbox = start_sandbox(f"sqlite:///{tmp_path / 'old.sqlite'}", clock=SandboxClock(SANDBOX_DAY), revision=2)
    try:
        members = enrol(sandbox, 250)
        keys = record_backlog(database, members, refunds=5)
        with SoapLoyaltyService(sandbox.url, timeout_seconds=10) as first, SoapLoyaltyService(
            sandbox.url, timeout_seconds=10
        ) as second:
            sync = OutboxSync(database, first, batch_size=MAX_BATCH_ITEMS, second_service=second)
            report = sync.drain(max_items=1000)
        assert report.done == 255 and not sync.batching
        assert sandbox.served() == Counter({"DeliverBatch": 1, "CommitPurchase": 250, "RefundPurchase": 5})
        assert stored(sandbox, "purchase") == Counter(keys)
    finally:
        sandbox.stop()


DRAINING_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from app.offline.outbox_sync import OutboxSync
    from cache.database import open_database
    from loyalty_client.soap.client import SoapLoyaltyService

    url, path = sys.argv[1], Path(sys.argv[2])
    first = SoapLoyaltyService(url, timeout_seconds=60)
    second = SoapLoyaltyService(url, timeout_seconds=60)
    OutboxSync(open_database(path), first, batch_size=100, second_service=second).drain(max_items=1000)
    """
)


def test_a_till_killed_with_two_batches_under_way_delivers_each_sale_once_after_a_restart(
    tmp_path: Path, sandbox: RunningSandbox
) -> None:
    members = enrol(sandbox, 300)
    path = tmp_path / "till.sqlite"
    database = open_database(path)
    keys = record_backlog(database, members, refunds=0)
    database.close()
    # The first batch is answered at once; the answers to the second and the third are held (the
    # work done): both are under way when the till is killed.
    sandbox.faults.schedule(
        FaultRule(FaultKind.SLOW, "DeliverBatch", every=2, times=1, delay=30),
        FaultRule(FaultKind.SLOW, "DeliverBatch", every=3, times=1, delay=30),
    )
    held: list[InjectedFault] = []
    both_held = threading.Event()

    def note(fault: InjectedFault) -> None:
        held.append(fault)
        if len(held) == 2:
            both_held.set()

    sandbox.faults.add_hold_observer(note)
    child = subprocess.Popen([sys.executable, "-c", DRAINING_CHILD, sandbox.url, str(path)])
    try:
        assert both_held.wait(60), f"answers held: {len(held)}"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        sandbox.faults.release()

    database = open_database(path)
    try:
        sync = OutboxSync(database, SoapLoyaltyService(sandbox.url, timeout_seconds=10), batch_size=100)
        assert sync.recover() == 200  # the second and third batch were in flight
        assert sync.drain(max_items=1000).done == 200
        assert sync.outbox.counts()[OutboxState.DONE] == 300
    finally:
        database.close()
    assert stored(sandbox, "purchase") == Counter(keys)
