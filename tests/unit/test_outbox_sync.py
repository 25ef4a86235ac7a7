"""OutboxSync delivers recorded operations to the service: rebuilt exactly, retried, dead-lettered."""
from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import pytest
from sqlalchemy import event

from app.offline.connectivity import ConnectivityMonitor, MonitoredService
from app.offline.outbox_sync import (
    OutboxSync,
    SyncOutcome,
    cancel_payload,
    commit_payload,
    refund_payload,
    stored_result,
)
from cache.database import Database, open_database
from cache.transactions.journal import Journal
from cache.transactions.outbox import Outbox
from cache.tables import OutboxState
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client import errors
from loyalty_client.types import (
    Balance,
    BarcodeKind,
    CancelResult,
    CommitResult,
    Offer,
    RefundLine,
    RefundResult,
)

T0 = datetime(2026, 11, 22, 14, 0, tzinfo=timezone.utc)
MINSK = timezone(timedelta(hours=3))
BALANCE = Balance(Decimal("95.50"), Decimal("100.00"), Decimal("4.50"))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


class FakeService:
    """The state-changing part of the LoyaltyService protocol, with scripted failures and a call log."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.failures: dict[str, list[BaseException]] = {}  # key -> exceptions to raise, in order

    def fail(self, key: str, *exceptions: BaseException) -> None:
        self.failures.setdefault(key, []).extend(exceptions)

    def _call(self, name: str, key: str, args: tuple[Any, ...]) -> None:
        self.calls.append((name, args))
        pending = self.failures.get(key)
        if pending:
            raise pending.pop(0)

    def commit(
        self,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        fiscal: FiscalDocument,
        offline: bool,
        occurred_at: datetime,
    ) -> CommitResult:
        self._call("commit", transaction_id, (transaction_id, customer_id, receipt, redeem, fiscal, offline, occurred_at))
        offer = Offer("O-1", "Кофе в подарок", "При покупке от 10 BYN", "9900000000017", date(2026, 12, 31), BarcodeKind.QR)
        return CommitResult(transaction_id, Decimal("2.45"), redeem, BALANCE, (offer,))

    def cancel(self, transaction_id: str) -> CancelResult:
        self._call("cancel", transaction_id, (transaction_id,))
        return CancelResult(transaction_id, True, BALANCE)

    def refund(self, refund_id: str, original_transaction_id: str, lines: Sequence[RefundLine]) -> RefundResult:
        self._call("refund", refund_id, (refund_id, original_transaction_id, list(lines)))
        return RefundResult(refund_id, Decimal("0.98"), Decimal("1.00"), BALANCE)

    def keys(self) -> list[str]:
        return [args[0] for _, args in self.calls]


RECEIPT = Receipt(
    receipt_id="R-100",
    store_id="S-1",
    till_id="K-2",
    opened_at=datetime(2026, 11, 22, 16, 58, 3, 120000, tzinfo=MINSK),
    lines=(
        ReceiptLine(1, "4810001", "Кофе зерновой", Decimal("3"), Decimal("29.99"), Decimal("89.97")),
        ReceiptLine(
            2, "4810002", "Сигареты", Decimal("1"), Decimal("6.50"), Decimal("6.50"), redeem_allowed=False,
            accrual_allowed=False,
        ),
        ReceiptLine(3, "2200017", "Сыр", Decimal("0.347"), Decimal("25.90"), Decimal("8.99"), min_price=Decimal("20.00")),
    ),
)
FISCAL = FiscalDocument("000123", datetime(2026, 11, 22, 17, 0, 1, tzinfo=MINSK))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "till.sqlite")
    yield database
    database.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service() -> FakeService:
    return FakeService()


@pytest.fixture
def sync(db: Database, service: FakeService, clock: Clock) -> OutboxSync:
    return OutboxSync(db, service, clock, random=lambda: 0.5)


def record_commit(db: Database, key: str, customer: str = "C-1", redeem: str = "1.00") -> int:
    payload = commit_payload(key, customer, RECEIPT, Decimal(redeem), FISCAL, True, FISCAL.closed_at)
    return Journal(db).record_sale(key, customer, payload, T0).outbox_id


def test_a_sale_reaches_the_service_exactly_as_it_was_recorded(
    db: Database, sync: OutboxSync, service: FakeService
) -> None:
    row = record_commit(db, "T-1", redeem="12.30")
    report = sync.run_once()
    assert report.outcome is SyncOutcome.DONE
    assert (report.item_id, report.key, report.customer_id) == (row, "T-1", "C-1")
    assert service.calls == [("commit", ("T-1", "C-1", RECEIPT, Decimal("12.30"), FISCAL, True, FISCAL.closed_at))]
    _, args = service.calls[0]
    assert str(args[3]) == "12.30"
    assert args[6].utcoffset() == timedelta(hours=3)  # the original time, with its offset
    assert isinstance(report.result, CommitResult)
    item = sync.outbox.get(row)
    assert item is not None and item.state is OutboxState.DONE
    assert item.result["accrued"] == "2.45"
    assert stored_result(item) == report.result  # the answer kept on the row reads back exactly
    assert sync.run_once().outcome is SyncOutcome.IDLE


def test_cancel_and_refund_reach_the_service(db: Database, sync: OutboxSync, service: FakeService) -> None:
    journal = Journal(db)
    journal.record_cancel("T-5", "C-1", cancel_payload("T-5"), T0)
    lines = [RefundLine(1, Decimal("1")), RefundLine(3, Decimal("0.347"))]
    journal.record_refund("RF-1", "C-2", refund_payload("RF-1", "T-4", lines), T0)
    report = sync.drain()
    assert (report.done, report.retried, report.failed, report.offline) == (2, 0, 0, False)
    assert service.calls == [("cancel", ("T-5",)), ("refund", ("RF-1", "T-4", lines))]
    assert [type(r.result) for r in report.reports] == [CancelResult, RefundResult]
    assert [stored_result(item) for item in sync.outbox.items()] == [r.result for r in report.reports]


def test_an_unreachable_service_means_a_retry_at_a_persisted_time(
    db: Database, sync: OutboxSync, service: FakeService, clock: Clock, tmp_path: Path
) -> None:
    row = record_commit(db, "T-1")
    record_commit(db, "T-2", customer="C-2")
    service.fail("T-1", errors.ServiceUnavailable("connection refused", unreachable=True))
    report = sync.drain()
    # The drain stops at the first sign of the service being down: no point hammering it.
    assert (report.done, report.retried, report.offline) == (0, 1, True)
    first = report.reports[0]
    assert first.offline and first.detail == "SERVICE_UNAVAILABLE: connection refused"
    # backoff of the first failed try with random() = 0.5: 1 s + 0.5 × (5 s − 1 s)
    assert first.next_attempt_at == T0 + timedelta(seconds=3)
    item = sync.outbox.get(row)
    assert item is not None
    assert (item.state, item.attempts, item.next_attempt_at) == (OutboxState.PENDING, 1, T0 + timedelta(seconds=3))
    # After a restart the time still holds.
    with open_database(tmp_path / "till.sqlite") as reopened:
        again = OutboxSync(reopened, service, clock, random=lambda: 0.5)
        assert [r.key for r in again.drain().reports] == ["T-2"]  # T-1 is not due yet
        clock.now = T0 + timedelta(seconds=3)
        assert [(r.key, r.outcome) for r in again.drain().reports] == [("T-1", SyncOutcome.DONE)]
    assert service.keys() == ["T-1", "T-2", "T-1"]


def test_a_lost_answer_backs_off_alone_and_the_drain_goes_on_with_other_customers(
    db: Database, sync: OutboxSync, service: FakeService, clock: Clock
) -> None:
    record_commit(db, "T-1", customer="C-1")
    Journal(db).record_cancel("T-1", "C-1", cancel_payload("T-1"), T0)  # must not overtake its purchase
    record_commit(db, "T-2", customer="C-2")
    record_commit(db, "T-3", customer="C-3")
    service.fail("T-1", errors.ServiceUnavailable("timed out"))
    report = sync.drain()
    assert [(r.key, r.outcome) for r in report.reports] == [
        ("T-1", SyncOutcome.RETRY),
        ("T-2", SyncOutcome.DONE),
        ("T-3", SyncOutcome.DONE),
    ]
    assert report.reports[0].offline and not report.reports[0].outage
    assert (report.lost, report.offline) == (1, False), "one lost answer is no outage"
    assert service.keys() == ["T-1", "T-2", "T-3"], "the cancel waits for its purchase"
    assert report.reports[0].next_attempt_at == T0 + timedelta(seconds=3)  # its own backoff
    assert sync.drain().reports == ()
    clock.now = T0 + timedelta(seconds=3)
    assert [(r.operation.value, r.key) for r in sync.drain().reports] == [("commit", "T-1"), ("cancel", "T-1")]


def test_lost_answers_in_a_row_are_an_outage_that_stops_the_drain(
    db: Database, sync: OutboxSync, service: FakeService
) -> None:
    for n in range(6):
        record_commit(db, f"T-{n}", customer=f"C-{n}")
    for n in range(4):
        service.fail(f"T-{n}", errors.ServiceUnavailable("timed out"))
    report = sync.drain()
    assert [r.key for r in report.reports] == ["T-0", "T-1", "T-2"]
    assert [r.outage for r in report.reports] == [False, False, True]
    assert (report.lost, report.offline) == (3, True)
    # Still down as far as the sync knows: the next drain stops at the next lost answer.
    report = sync.drain()
    assert [(r.key, r.outage) for r in report.reports] == [("T-3", True)]
    assert [r.key for r in sync.drain().reports] == ["T-4", "T-5"]


def test_an_answer_between_lost_ones_means_the_service_is_there(
    db: Database, sync: OutboxSync, service: FakeService
) -> None:
    for n in range(9):
        record_commit(db, f"T-{n}", customer=f"C-{n}")
    for n in (0, 1, 3, 4, 6, 7):  # two lost, one answered (a business fault counts), and again
        service.fail(f"T-{n}", errors.ServiceUnavailable("HTTP 502"))
    service.fail("T-5", errors.CustomerBlocked("blocked"))
    report = sync.drain()
    assert len(report.reports) == 9 and not report.offline
    assert (report.done, report.lost, report.failed) == (2, 6, 1)


def test_a_refused_connection_is_an_outage_at_once(db: Database, sync: OutboxSync, service: FakeService) -> None:
    record_commit(db, "T-1", customer="C-1")
    record_commit(db, "T-2", customer="C-2")
    service.fail("T-1", errors.ServiceUnavailable("cannot connect", unreachable=True))
    report = sync.drain()
    assert [(r.key, r.outage) for r in report.reports] == [("T-1", True)] and report.offline


def test_the_connectivity_monitor_hears_of_an_outage_not_of_a_lone_lost_answer(
    db: Database, service: FakeService, clock: Clock
) -> None:
    monitor = ConnectivityMonitor()
    changes: list[tuple[bool, int]] = []  # (online, calls made by then)
    monitor.add_listener(lambda online: changes.append((online, len(service.calls))))
    sync = OutboxSync(db, MonitoredService(service, monitor), clock)  # type: ignore[arg-type]
    for n in range(8):
        record_commit(db, f"T-{n}", customer=f"C-{n}")
    for n in (1, 4, 5, 6, 7):
        service.fail(f"T-{n}", errors.ServiceUnavailable("timed out"))
    report = sync.drain()
    assert [r.outcome is SyncOutcome.DONE for r in report.reports] == [True, False, True, True, False, False, False]
    assert changes == [(True, 1), (False, 7)], "online all along the lone lost answer, offline at the outage"
    assert monitor.last_error == "timed out"


def test_backoff_grows_with_each_failed_try(db: Database, sync: OutboxSync, service: FakeService, clock: Clock) -> None:
    record_commit(db, "T-1")
    service.fail("T-1", *[errors.ServiceUnavailable("down")] * 4)
    waits = []
    for _ in range(4):
        report = sync.run_once()
        assert report.outcome is SyncOutcome.RETRY and report.next_attempt_at is not None
        waits.append(report.next_attempt_at - clock.now)
        clock.now = report.next_attempt_at
    assert waits == [timedelta(seconds=s) for s in (3, 5.5, 10.5, 20.5)]
    assert sync.run_once().outcome is SyncOutcome.DONE


def test_a_business_fault_is_dead_lettered_with_its_code_and_never_retried(
    db: Database, sync: OutboxSync, service: FakeService, clock: Clock
) -> None:
    row = record_commit(db, "T-1")
    service.fail("T-1", errors.CustomerBlocked("Карта заблокирована"))
    report = sync.run_once()
    assert (report.outcome, report.detail) == (SyncOutcome.FAILED, "CUSTOMER_BLOCKED: Карта заблокирована")
    clock.now += timedelta(days=30)
    assert sync.drain().reports == ()
    assert service.keys() == ["T-1"]
    item = sync.outbox.get(row)
    assert item is not None
    assert (item.state, item.last_error) == (OutboxState.FAILED, "CUSTOMER_BLOCKED: Карта заблокирована")
    assert sync.outbox.counts()[OutboxState.FAILED] == 1


def test_cancelling_what_the_service_never_had_is_done_and_does_not_block_the_customer(
    db: Database, sync: OutboxSync, service: FakeService
) -> None:
    Journal(db).record_cancel("T-9", "C-1", cancel_payload("T-9"), T0)
    record_commit(db, "T-10", customer="C-1")
    service.fail("T-9", errors.TransactionNotFound("no such transaction"))
    report = sync.drain()
    assert [(r.key, r.outcome) for r in report.reports] == [("T-9", SyncOutcome.DONE), ("T-10", SyncOutcome.DONE)]
    assert report.reports[0].result == CancelResult("T-9", cancelled=False)


def test_a_commit_the_service_does_not_know_is_dead_lettered(db: Database, sync: OutboxSync, service: FakeService) -> None:
    record_commit(db, "T-11")
    service.fail("T-11", errors.TransactionNotFound("no such transaction"))
    assert sync.run_once().outcome is SyncOutcome.FAILED


def test_a_fault_the_service_calls_retryable_is_retried(db: Database, sync: OutboxSync, service: FakeService) -> None:
    record_commit(db, "T-1")
    service.fail("T-1", errors.fault_for("INSUFFICIENT_BALANCE", "try again later", retryable=True))
    report = sync.run_once()
    assert report.outcome is SyncOutcome.RETRY and not report.offline
    assert report.detail == "INSUFFICIENT_BALANCE: try again later"


def test_a_customer_s_cancel_waits_for_its_purchase_while_others_go_ahead(
    db: Database, sync: OutboxSync, service: FakeService, clock: Clock
) -> None:
    record_commit(db, "T-1", customer="C-1")
    Journal(db).record_cancel("T-1", "C-1", cancel_payload("T-1"), T0)
    record_commit(db, "T-2", customer="C-2")
    service.fail("T-1", errors.fault_for("INVALID_REQUEST", "busy", retryable=True))
    report = sync.drain()
    assert [(r.key, r.outcome) for r in report.reports] == [("T-1", SyncOutcome.RETRY), ("T-2", SyncOutcome.DONE)]
    assert service.calls[-1][0] == "commit"  # the cancel was not sent before its purchase
    clock.now += timedelta(minutes=1)
    assert [(r.operation.value, r.key) for r in sync.drain().reports] == [("commit", "T-1"), ("cancel", "T-1")]


def test_rows_a_crash_left_in_flight_are_sent_again_on_the_first_run(
    tmp_path: Path, service: FakeService, clock: Clock
) -> None:
    path = tmp_path / "till.sqlite"
    with open_database(path) as db:
        record_commit(db, "T-1")
        assert Outbox(db).claim_next(T0) is not None  # claimed, then the process died mid-call
    with open_database(path) as db:
        sync = OutboxSync(db, service, clock)
        report = sync.run_once()
        assert (report.key, report.outcome) == ("T-1", SyncOutcome.DONE)
        assert sync.outbox.get(report.item_id).attempts == 2  # type: ignore[arg-type, union-attr]


def test_an_unreadable_payload_is_dead_lettered_without_calling_the_service(
    db: Database, sync: OutboxSync, service: FakeService
) -> None:
    journal = Journal(db)
    journal.record_sale("T-1", "C-1", {"version": 99}, T0)
    good = commit_payload("T-2", "C-2", RECEIPT, Decimal("1.00"), FISCAL, False, FISCAL.closed_at)
    journal.record_sale("T-3", "C-2", good, T0)  # key of the row and id in the payload disagree
    broken = dict(commit_payload("T-4", "C-3", RECEIPT, Decimal("1.00"), FISCAL, False, FISCAL.closed_at))
    broken["redeem"] = 1.0
    journal.record_sale("T-4", "C-3", broken, T0)
    report = sync.drain()
    assert [r.outcome for r in report.reports] == [SyncOutcome.FAILED] * 3
    assert all(r.detail.startswith("BAD_PAYLOAD") for r in report.reports)
    assert service.calls == []


def test_an_unexpected_error_keeps_the_row_for_a_later_try(
    db: Database, sync: OutboxSync, service: FakeService
) -> None:
    row = record_commit(db, "T-1")
    service.fail("T-1", RuntimeError("bug in the client"))
    report = sync.run_once()
    assert (report.outcome, report.detail) == (SyncOutcome.RETRY, "RuntimeError: bug in the client")
    assert sync.outbox.get(row).state is OutboxState.PENDING  # type: ignore[union-attr]


def test_drain_stops_after_max_items(db: Database, sync: OutboxSync) -> None:
    for n in range(5):
        record_commit(db, f"T-{n}", customer=f"C-{n}")
    assert sync.drain(max_items=3).done == 3
    assert sync.outbox.counts()[OutboxState.PENDING] == 2
    assert sync.drain().done == 2


def test_a_drain_writes_each_row_in_flight_before_its_call_and_done_after_it_once(
    db: Database, service: FakeService, clock: Clock
) -> None:
    rows = [record_commit(db, f"T-{n}", customer=f"C-{n % 2}") for n in range(4)]
    outbox = Outbox(db)
    seen: list[OutboxState] = []
    calling = service._call
    writes: list[int] = []

    def watch(name: str, key: str, args: tuple[Any, ...]) -> None:
        before = len(writes)
        seen.append(outbox.get(rows[int(key[2:])]).state)  # type: ignore[union-attr]
        del writes[before:]  # that read is not one of the sync's writes
        calling(name, key, args)

    service._call = watch  # type: ignore[method-assign]
    sync = OutboxSync(db, service, clock)
    sync.recover()
    event.listen(db.engine, "commit", lambda _connection: writes.append(1))
    assert sync.drain().done == 4
    assert len(writes) == 1 + 4  # the first claim, then one write per row delivered
    assert seen == [OutboxState.IN_FLIGHT] * 4
    assert {outbox.get(row).state for row in rows} == {OutboxState.DONE}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "build",
    [
        lambda: commit_payload("T", "C", RECEIPT, Decimal("1"), FISCAL, False, datetime(2026, 11, 22)),
        lambda: commit_payload("T", "C", RECEIPT, 1.0, FISCAL, False, T0),  # type: ignore[arg-type]
        lambda: commit_payload("T", "C", RECEIPT, Decimal("1"), FiscalDocument("1", datetime(2026, 1, 1)), False, T0),
        lambda: refund_payload("R", "T", [RefundLine(1, 1.0)]),  # type: ignore[arg-type]
    ],
)
def test_payload_builders_refuse_naive_times_and_floats(build: Callable[[], Any]) -> None:
    with pytest.raises((TypeError, ValueError)):
        build()


def test_the_sync_runs_in_a_process_without_qt() -> None:
    code = (
        "import sys, app.offline.outbox_sync\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
