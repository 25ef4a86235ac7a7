"""Faults injected by the sandbox reach the till's SOAP client as real failures do.

Each fault is asked for per request (a query on the endpoint URL, which the sandbox here is
started to allow) or by a schedule, and the sandbox's own records show whether it did the work
before failing.
"""
from __future__ import annotations

import json
import threading
import time
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest

from app.checkout.session import CheckoutSession, Phase
from app.cli.main import main as till_main
from app.offline.connectivity import INTERACTIVE_TIMEOUTS
from app.service.factory import service_for
from app.checkout.identify_input import identifier_parser
from app.offline.store import CachedOfflineStore
from app.checkout.recorder import OutboxRecorder
from cache.database import open_database
from fiscal.demo_registrar import DemoRegistrar
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client import errors
from loyalty_client.sandbox import RunningSandbox, SandboxClock, start_sandbox
from loyalty_client.sandbox.cli import main as sandbox_main
from loyalty_client.sandbox.demo import ANNA, IVAN
from loyalty_client.sandbox.faults import FaultKind, FaultRule, FaultSpecError, parse_fault_spec
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import CommitResult, Identifier, IdentifierKind, RefundLine
from tests.integration.test_sandbox_cli import LISTENING, Lines

pytestmark = pytest.mark.integration


@pytest.fixture
def sandbox(tmp_path: Path, sandbox_clock: SandboxClock) -> Iterator[RunningSandbox]:
    """The sandbox of `tests/conftest.py`, started to take faults asked for in the URL query."""
    running = start_sandbox(
        f"sqlite:///{tmp_path / 'sandbox.sqlite'}", clock=sandbox_clock, allow_fault_requests=True
    )
    try:
        yield running
    finally:
        running.stop()


def receipt() -> Receipt:
    now = datetime.now(timezone.utc)
    line = ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", Decimal("2"), Decimal("15.90"), Decimal("31.80"))
    return Receipt(f"R-{uuid.uuid4().hex[:8]}", "001", "01", now, (line,))


def commit(client: SoapLoyaltyService, transaction_id: str | None = None) -> CommitResult:
    """An offline-recorded sale for Ivan (no reservation needed, nothing redeemed)."""
    transaction_id = transaction_id or str(uuid.uuid4())
    now = datetime.now(timezone.utc)
    return client.commit(
        transaction_id, IVAN.customer_id, receipt(), Decimal("0.00"), FiscalDocument("1", now), True, now
    )


def purchases(sandbox: RunningSandbox) -> list[str]:
    return [entry["transactionId"] for entry in recorded_transactions(sandbox.engine) if entry["kind"] == "purchase"]


@pytest.mark.parametrize(
    "query, processed, reason",
    [
        ("fault=drop", True, "HTTP failure"),
        ("fault=malformed", True, "not a SOAP response"),
        ("fault=http500", False, "HTTP 500"),
        ("fault=soap_fault", False, "server fault"),
        ("fault=refuse&delay=0", False, "cannot connect"),
    ],
)
def test_a_fault_asked_for_by_the_request_fails_the_call_after_or_before_the_work(
    sandbox: RunningSandbox, query: str, processed: bool, reason: str
) -> None:
    client = SoapLoyaltyService(f"{sandbox.url}?{query}", timeout_seconds=5)
    transaction_id = str(uuid.uuid4())
    with pytest.raises(errors.ServiceUnavailable, match=reason) as caught:
        commit(client, transaction_id)
    assert (transaction_id in purchases(sandbox)) is processed
    # The request reached the service each time (even `refuse` cuts a connection it accepted):
    # one such failure may be a single lost answer, not an outage.
    assert not caught.value.unreachable
    assert [fault.kind.value for fault in sandbox.faults.injected] == [query.split("&")[0].removeprefix("fault=")]


def test_a_slow_answer_arrives_late_and_a_short_timeout_gives_up_after_the_work_was_done(sandbox: RunningSandbox) -> None:
    patient = SoapLoyaltyService(f"{sandbox.url}?fault=slow&delay=0.3", timeout_seconds=5)
    started = time.perf_counter()
    result = commit(patient)
    assert time.perf_counter() - started >= 0.3
    assert result.transaction_id in purchases(sandbox)

    hasty = SoapLoyaltyService(f"{sandbox.url}?fault=slow&delay=5", timeout_seconds=0.3)
    transaction_id = str(uuid.uuid4())
    done_when_held: list[bool] = []
    sandbox.faults.add_hold_observer(lambda fault: done_when_held.append(transaction_id in purchases(sandbox)))
    with pytest.raises(errors.ServiceUnavailable, match="timed out"):
        commit(hasty, transaction_id)
    assert done_when_held == [True], "committed before the answer was held back"


def test_a_stalled_request_is_processed_late(sandbox: RunningSandbox) -> None:
    client = SoapLoyaltyService(f"{sandbox.url}?fault=stall&delay=5", timeout_seconds=0.3)
    transaction_id = str(uuid.uuid4())
    done_when_held: list[bool] = []
    sandbox.faults.add_hold_observer(lambda fault: done_when_held.append(transaction_id in purchases(sandbox)))
    with pytest.raises(errors.ServiceUnavailable, match="timed out"):
        commit(client, transaction_id)
    assert done_when_held == [False], "held before the work"
    sandbox.faults.release()
    (fault,) = sandbox.faults.injected
    assert fault.kind is FaultKind.STALL and fault.operation == "CommitPurchase" and not fault.scheduled


def test_the_fault_can_be_limited_to_one_operation(sandbox: RunningSandbox) -> None:
    client = SoapLoyaltyService(f"{sandbox.url}?fault=http500&on=CommitPurchase", timeout_seconds=5)
    assert client.identify(Identifier(IdentifierKind.PHONE, IVAN.phone), "001", "01").customer_id == IVAN.customer_id
    with pytest.raises(errors.ServiceUnavailable):
        commit(client)
    with pytest.raises(errors.InvalidRequest, match="unknown fault kind"):
        SoapLoyaltyService(f"{sandbox.url}?fault=meltdown", timeout_seconds=5).get_program("001")


def test_a_schedule_drops_every_third_commit_after_doing_it(sandbox: RunningSandbox) -> None:
    sandbox.faults.schedule(FaultRule(FaultKind.DROP, "CommitPurchase", every=3))
    client = SoapLoyaltyService(sandbox.url, timeout_seconds=5)
    outcomes = []
    ids = [str(uuid.uuid4()) for _ in range(6)]
    for transaction_id in ids:
        client.identify(Identifier(IdentifierKind.PHONE, IVAN.phone), "001", "01")  # not counted
        try:
            commit(client, transaction_id)
            outcomes.append("ok")
        except errors.ServiceUnavailable:
            outcomes.append("lost")
    assert outcomes == ["ok", "ok", "lost", "ok", "ok", "lost"]
    assert purchases(sandbox) == ids, "the sandbox did every one of them"


def test_a_rule_fires_at_most_its_times_and_clear_removes_it(sandbox: RunningSandbox) -> None:
    sandbox.faults.schedule(FaultRule(FaultKind.SOAP_FAULT, times=2))
    client = SoapLoyaltyService(sandbox.url, timeout_seconds=5)
    for _ in range(2):
        with pytest.raises(errors.ServiceUnavailable, match="server fault"):
            client.get_program("001")
    assert client.get_program("001").currency == "BYN"
    sandbox.faults.clear()
    sandbox.faults.schedule(FaultRule(FaultKind.HTTP500))
    with pytest.raises(errors.ServiceUnavailable):
        client.get_program("001")
    sandbox.faults.clear()
    assert client.get_program("001").currency == "BYN"


def test_refusing_connections_is_a_real_refusal_and_the_same_url_comes_back(sandbox: RunningSandbox) -> None:
    client = SoapLoyaltyService(sandbox.url, timeout_seconds=5)
    client.get_program("001")
    with sandbox.refusing():
        assert not sandbox.accepting
        started = time.perf_counter()
        with pytest.raises(errors.ServiceUnavailable, match="cannot connect") as caught:
            client.get_program("001")
        assert time.perf_counter() - started < 1, "refused at once, not timed out"
        assert caught.value.unreachable
    assert client.get_program("001").currency == "BYN"


def test_a_scheduled_refusal_takes_the_sandbox_off_the_network_until_it_is_let_back(sandbox: RunningSandbox) -> None:
    sandbox.faults.schedule(FaultRule(FaultKind.REFUSE, "CommitPurchase", times=1, delay=600))
    client = SoapLoyaltyService(sandbox.url, timeout_seconds=5)
    transaction_id = str(uuid.uuid4())
    with pytest.raises(errors.ServiceUnavailable):
        commit(client, transaction_id)
    with pytest.raises(errors.ServiceUnavailable, match="cannot connect"):
        client.get_program("001")
    sandbox.accept_connections()
    assert client.get_program("001").currency == "BYN"
    assert transaction_id not in purchases(sandbox)


def test_identification_falls_back_to_the_cache_within_about_a_second_when_the_service_is_slow(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    database = open_database(tmp_path / "till.sqlite")
    try:
        checkout = CheckoutSession(
            service_for(sandbox.url, None, INTERACTIVE_TIMEOUTS),
            OutboxRecorder(database),
            DemoRegistrar(),
            identifier_parser("BY"),
            store_id="001",
            till_id="01",
            currency="BYN",
            offline=CachedOfflineStore(database, b"k" * 32),
        )
        assert checkout.identify(ANNA.phone).online is True  # seen once: cached
        checkout.reset_customer()
        sandbox.faults.schedule(FaultRule(FaultKind.SLOW, "IdentifyCustomer", delay=30))
        started = time.perf_counter()
        state = checkout.identify(ANNA.phone)
        elapsed = time.perf_counter() - started
        assert state.phase is Phase.IDENTIFIED and state.online is False
        assert state.customer_as_of is not None, "from the cache"
        assert 0.9 <= elapsed < 2.0, elapsed
    finally:
        database.close()


# ----- the schedule on the command line ----------------------------------------------------------


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("CommitPurchase:drop:every=3", [FaultRule(FaultKind.DROP, "CommitPurchase", every=3)]),
        ("slow=1.5:every=10", [FaultRule(FaultKind.SLOW, None, every=10, delay=1.5)]),
        (
            "*:http500:times=2; ReservePurchase:refuse=5",
            [FaultRule(FaultKind.HTTP500, times=2), FaultRule(FaultKind.REFUSE, "ReservePurchase", delay=5)],
        ),
        ("malformed,soap_fault", [FaultRule(FaultKind.MALFORMED), FaultRule(FaultKind.SOAP_FAULT)]),
    ],
)
def test_fault_specs_are_read(spec: str, expected: list[FaultRule]) -> None:
    rules = parse_fault_spec(spec)
    assert rules == expected
    assert parse_fault_spec(";".join(str(rule) for rule in rules)) == rules, "a rule prints as its spec"


@pytest.mark.parametrize(
    "spec, message",
    [
        ("", "no fault rule"),
        ("CommitPurchase:", "no fault kind"),
        ("CommitPurchase", "unknown fault kind 'CommitPurchase'"),
        ("Commit:drop", "unknown operation"),
        ("explode", "unknown fault kind"),
        ("drop=3", "takes no delay"),
        ("slow=soon", "not a number"),
        ("drop:every=0", "every must be 1 or more"),
        ("drop:often=2", "unknown option"),
        ("slow=9999", "delay must be between"),
    ],
)
def test_bad_fault_specs_say_what_is_wrong(spec: str, message: str) -> None:
    with pytest.raises(FaultSpecError, match=message):
        parse_fault_spec(spec)


def test_the_sandbox_command_injects_its_schedule_and_announces_each_fault(tmp_path: Path) -> None:
    lines = Lines()
    stop = threading.Event()
    result: list[int] = []
    args = ["--port", "0", "--db", f"sqlite:///{tmp_path / 's.sqlite'}", "--faults", "CommitPurchase:http500:every=2"]
    thread = threading.Thread(target=lambda: result.append(sandbox_main(args, stdout=lines, stop=stop)))  # type: ignore[arg-type]
    thread.start()
    try:
        match = LISTENING.match(lines.next())
        assert match
        client = SoapLoyaltyService(match.group(1), timeout_seconds=5)
        commit(client)
        with pytest.raises(errors.ServiceUnavailable):
            commit(client)
        assert lines.next() == "SANDBOX FAULT CommitPurchase http500"
        commit(client)
    finally:
        stop.set()
        thread.join(60)
    assert result == [0]


def test_a_bad_schedule_on_the_command_line_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        sandbox_main(["--port", "0", "--faults", "CommitPurchase:explode"])
    assert exit_.value.code == 2
    assert "unknown fault kind 'explode'" in capsys.readouterr().err


# ----- the ledger ------------------------------------------------------------------------------------


def test_the_ledger_lists_every_recorded_transaction_as_json(
    sandbox: RunningSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    client = SoapLoyaltyService(sandbox.url, timeout_seconds=5)
    sale = commit(client)
    refund = client.refund("RF-1", sale.transaction_id, [RefundLine(1, Decimal("1"))])
    assert till_main(["sandbox", "ledger", "--db", sandbox.db_url, "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [(e["kind"], e["transactionId"]) for e in entries] == [("purchase", sale.transaction_id), ("refund", "RF-1")]
    purchase, returned = entries
    assert purchase["customerId"] == IVAN.customer_id
    assert purchase["paid"] == "31.80" and purchase["accrual"] == str(sale.accrued) and purchase["offline"] is True
    assert returned["originalTransactionId"] == sale.transaction_id
    assert returned["accrual"] == str(refund.accrual_reversed) and returned["paid"] == "15.90"

    assert till_main(["sandbox", "ledger", "--db", sandbox.db_url]) == 0
    text = capsys.readouterr().out.splitlines()
    assert len(text) == 3 and sale.transaction_id in text[1] and "RF-1" in text[2]


def test_the_ledger_of_a_missing_database_is_an_error_not_a_new_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.sqlite"
    assert till_main(["sandbox", "ledger", "--db", f"sqlite:///{missing}", "--json"]) == 2
    assert "no database" in capsys.readouterr().err
    assert not missing.exists()
