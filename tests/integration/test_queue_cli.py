"""`till-loyalty queue status|list|retry|sync`: support staff look at and move the till's outbox."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest

from app.cli.main import main
from app.offline.outbox_sync import OutboxSync, SyncOutcome, commit_payload
from app.checkout.recorder import OutboxRecorder
from cache.database import Database, open_database
from cache.transactions.journal import Journal
from cache.transactions.outbox import Outbox
from cache.tables import Operation, OutboxState
from fiscal.demo_registrar import DemoRegistrar, fiscal_memory_beside
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.demo import IVAN
from loyalty_client.sandbox.faults import FaultKind, FaultRule
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.soap.client import SoapLoyaltyService

pytestmark = pytest.mark.integration


@pytest.fixture
def paths(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "till.sqlite", tmp_path / "till-loyalty.ini"


@pytest.fixture
def db(paths: tuple[Path, Path]) -> Iterator[Database]:
    database = open_database(paths[0])
    yield database
    database.close()


def record(db: Database, customer_id: str = IVAN.customer_id) -> str:
    """A sale recorded offline for delivery; returns its transaction id."""
    key = str(uuid.uuid4())
    now = datetime.now(timezone.utc)
    line = ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", Decimal("1"), Decimal("15.90"), Decimal("15.90"))
    receipt = Receipt(key[:8], "001", "01", now, (line,))
    payload = commit_payload(key, customer_id, receipt, Decimal("0.00"), FiscalDocument("7", now), True, now)
    Journal(db).record_sale(key, customer_id, payload, now)
    return key


def queue(capsys: pytest.CaptureFixture[str], paths: tuple[Path, Path], *args: str) -> tuple[int, str]:
    code = main(["queue", *args, "--db", str(paths[0]), "--config", str(paths[1])])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_status_counts_each_state_and_says_when_the_next_try_is(
    sandbox: RunningSandbox, db: Database, paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = queue(capsys, paths, "status")
    assert code == 0
    assert "pending          0" in out and "next attempt" not in out and "oldest waiting" not in out
    record(db), record(db, "C0003"), record(db, "C-UNKNOWN")
    with SoapLoyaltyService(sandbox.url, timeout_seconds=5) as client:
        sync = OutboxSync(db, client)
        outcomes = [sync.run_once().outcome for _ in range(3)]
    assert outcomes == [SyncOutcome.DONE, SyncOutcome.DONE, SyncOutcome.FAILED]
    record(db, "C0005")
    with sandbox.refusing(), SoapLoyaltyService(sandbox.url, timeout_seconds=5) as client:
        report = OutboxSync(db, client).run_once()
    assert report.outcome is SyncOutcome.RETRY and report.next_attempt_at is not None

    code, out = queue(capsys, paths, "status")
    assert code == 0
    assert "pending          1" in out and "done             2" in out and "failed           1" in out
    assert "oldest waiting: #4" in out
    assert f"next attempt:   {report.next_attempt_at:%Y-%m-%d %H:%M:%S} UTC" in out
    assert "queue list --failed" in out


def test_list_shows_what_waits_and_the_dead_letters_with_their_reason(
    sandbox: RunningSandbox, db: Database, paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert queue(capsys, paths, "list") == (0, "nothing waiting\n")
    failing = record(db, "C-UNKNOWN")
    later = record(db, "C-UNKNOWN")  # held back behind the dead letter of the same customer
    other = record(db)
    with sandbox.refusing(), SoapLoyaltyService(sandbox.url, timeout_seconds=5) as client:
        OutboxSync(db, client).run_once()  # the service is unreachable: the row waits for a retry
    with SoapLoyaltyService(sandbox.url, timeout_seconds=5) as client:
        item = Outbox(db).items(OutboxState.PENDING)[0]
        assert item.idempotency_key == failing and item.attempts == 1
        Outbox(db).make_pending_due()
        assert OutboxSync(db, client).run_once().outcome is SyncOutcome.FAILED

    code, out = queue(capsys, paths, "list")
    assert code == 0
    rows = out.splitlines()[1:]
    assert [row.split()[3] for row in rows] == [failing, later, other]
    assert rows[0].split()[1] == "failed" and "CUSTOMER_NOT_FOUND" in rows[0]
    assert rows[1].split()[1] == "pending"

    code, out = queue(capsys, paths, "list", "--failed")
    assert code == 0 and len(out.splitlines()) == 2 and failing in out and later not in out
    code, out = queue(capsys, paths, "list", "--limit", "1")
    assert len(out.splitlines()) == 2 and failing in out


def test_retry_sends_a_dead_letter_again_and_refuses_anything_else(
    sandbox: RunningSandbox, db: Database, paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    record(db, "C-UNKNOWN")
    with SoapLoyaltyService(sandbox.url, timeout_seconds=5) as client:
        report = OutboxSync(db, client).run_once()
    assert report.outcome is SyncOutcome.FAILED
    code, out = queue(capsys, paths, "retry", str(report.item_id))
    assert code == 0 and f"#{report.item_id} will be sent again" in out
    assert Outbox(db).get(report.item_id).state is OutboxState.PENDING  # type: ignore[union-attr]
    code, out = queue(capsys, paths, "retry", str(report.item_id))
    assert code == 1 and "is pending, not failed" in out
    code, out = queue(capsys, paths, "retry", "999")
    assert code == 1 and "no outbox row 999" in out


def test_sync_sends_everything_waiting_now_including_retries_not_due_and_rows_left_in_flight(
    sandbox: RunningSandbox, db: Database, paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    in_backoff, in_flight, fresh = record(db), record(db, "C0003"), record(db, "C0005")
    outbox = Outbox(db)
    with sandbox.refusing(), SoapLoyaltyService(sandbox.url, timeout_seconds=5) as client:
        assert OutboxSync(db, client).run_once().outcome is SyncOutcome.RETRY
    claimed = outbox.claim_next(datetime.now(timezone.utc))  # as if a till died while sending it
    assert claimed is not None and claimed.idempotency_key == in_flight

    code, out = queue(capsys, paths, "sync", "--service", sandbox.url)
    assert code == 0, out
    assert "sent 3" in out and "resumed 1 left in flight" in out and "1 brought forward" in out
    assert outbox.counts()[OutboxState.DONE] == 3
    keys = [e["transactionId"] for e in recorded_transactions(sandbox.engine)]
    assert sorted(keys) == sorted([in_backoff, in_flight, fresh])


def test_sync_first_settles_the_sales_a_crashed_till_left_open(
    sandbox: RunningSandbox, db: Database, paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    recorder = OutboxRecorder(db)
    now = datetime.now(timezone.utc)
    line = ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", Decimal("2"), Decimal("15.90"), Decimal("31.80"))
    reserved, fiscalised = (Receipt(f"R-{n}", "001", "01", now, (line,)) for n in (1, 2))
    for key, sale in (("T-reserved", reserved), ("T-fiscalised", fiscalised)):  # both reserved, then the till died
        recorder.reserving(transaction_id=key, customer_id=IVAN.customer_id, receipt=sale)
        sandbox.service.reserve(key, IVAN.customer_id, sale, Decimal("3.00"), None)
    recorder.fiscalising(
        transaction_id="T-fiscalised", customer_id=IVAN.customer_id, receipt=fiscalised, redeem=Decimal("3.00"),
        offline=False, reserved=True,
    )
    document = DemoRegistrar(memory=fiscal_memory_beside(paths[0])).fiscalise(fiscalised, {1: Decimal("3.00")})

    code, out = queue(capsys, paths, "sync", "--service", sandbox.url)
    assert code == 0, out
    assert "open sales settled 2: recorded 1, cancelled 1, dropped 0" in out and "sent 2" in out
    ledger = {(e["kind"], e["transactionId"]): e for e in recorded_transactions(sandbox.engine)}
    assert set(ledger) == {("cancel", "T-reserved"), ("purchase", "T-fiscalised")}
    assert ledger[("purchase", "T-fiscalised")]["redeem"] == "3.00"
    commit = Journal(db).get(Operation.COMMIT, "T-fiscalised")
    assert commit is not None and commit.payload["fiscal"]["document_number"] == document.document_number
    assert sandbox.service.balance_of(IVAN.customer_id).spendable == IVAN.spendable - Decimal("3.00")


def test_sync_with_the_service_unreachable_keeps_everything_and_says_so(
    sandbox: RunningSandbox, db: Database, paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    record(db)
    with sandbox.refusing():
        code, out = queue(capsys, paths, "sync", "--service", sandbox.url)
    assert code == 1
    assert "unreachable" in out and "waiting 1" in out
    assert Outbox(db).counts()[OutboxState.PENDING] == 1


def test_sync_sends_the_rows_in_batches_as_the_running_till_does(
    sandbox: RunningSandbox, db: Database, paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    heads = [record(db, "C0001"), record(db, "C0003"), record(db, "C0005")]
    behind = record(db, "C0001")  # goes once the first is done: a customer's rows keep their order
    code, out = queue(capsys, paths, "sync", "--service", sandbox.url)
    assert code == 0, out
    assert "sent 4, dead-lettered 0" in out and "waiting 0" in out
    assert sandbox.served()["DeliverBatch"] == 2 and sandbox.served()["CommitPurchase"] == 0
    ledger = [e["transactionId"] for e in recorded_transactions(sandbox.engine)]
    assert sorted(ledger[:3]) == sorted(heads) and ledger[3] == behind


def test_sync_puts_back_a_batch_whose_answer_was_lost_and_says_how_many_were_lost(
    sandbox: RunningSandbox, db: Database, paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, third = record(db, "C0001"), record(db, "C0003"), record(db, "C0005")
    behind = record(db, "C0001")  # waits for the first, whose answer is lost
    sandbox.faults.schedule(FaultRule(FaultKind.DROP, "DeliverBatch", times=1))
    code, out = queue(capsys, paths, "sync", "--service", sandbox.url)
    assert code == 1, "rows still wait for their retry"
    for number, key in enumerate((first, second, third), start=1):
        assert f"not sent #{number} {key}: SERVICE_UNAVAILABLE" in out
    assert "sent 0, dead-lettered 0, to retry 3 (3 without an answer)" in out and "waiting 4" in out
    assert "unreachable" not in out, "one lost answer is no outage"
    ledger = lambda: [e["transactionId"] for e in recorded_transactions(sandbox.engine)]  # noqa: E731
    assert sorted(ledger()) == sorted([first, second, third]), "the batch was done, only its answer was lost"

    code, out = queue(capsys, paths, "sync", "--service", sandbox.url)
    assert code == 0 and "sent 4, dead-lettered 0, to retry 0 (0 without an answer)" in out
    assert sorted(ledger()[:3]) == sorted([first, second, third]) and ledger()[3:] == [behind]


def test_sync_reports_dead_letters_and_fails(
    sandbox: RunningSandbox, db: Database, paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    record(db, "C-UNKNOWN")
    code, out = queue(capsys, paths, "sync", "--service", sandbox.url)
    assert code == 1
    assert "dead letter #1 commit" in out and "CUSTOMER_NOT_FOUND" in out


def test_a_missing_database_is_reported_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = (tmp_path / "none.sqlite", tmp_path / "till-loyalty.ini")
    code, out = queue(capsys, paths, "status")
    assert code == 2 and "no till database" in out
    assert not paths[0].exists()
