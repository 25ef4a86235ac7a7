"""The outbox state machine: claim order per customer, retries that survive a restart, dead letters."""
from __future__ import annotations

import sqlite3
import tempfile
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cache.database import Database, open_database
from cache.errors import OutboxStateError
from cache.transactions.journal import Journal
from cache.transactions.outbox import Outbox, OutboxItem
from cache.tables import OutboxState

T0 = datetime(2026, 11, 22, 14, 0, tzinfo=timezone.utc)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "till.sqlite")
    yield database
    database.close()


def sale(db: Database, key: str, customer: str) -> int:
    return Journal(db).record_sale(key, customer, {"transaction_id": key}, T0).outbox_id


def claim(outbox: Outbox, now: datetime = T0) -> OutboxItem:
    item = outbox.claim_next(now)
    assert item is not None
    return item


def test_rows_are_claimed_oldest_first_and_moved_to_in_flight(db: Database) -> None:
    first, second = sale(db, "T-1", "C-1"), sale(db, "T-2", "C-2")
    outbox = Outbox(db, Clock())
    item = claim(outbox)
    assert (item.id, item.state, item.attempts, item.idempotency_key) == (first, OutboxState.IN_FLIGHT, 1, "T-1")
    assert outbox.get(first).state is OutboxState.IN_FLIGHT  # type: ignore[union-attr]
    assert claim(outbox).id == second
    assert outbox.claim_next(T0) is None


def test_a_customer_s_later_row_waits_until_the_earlier_one_is_done(db: Database) -> None:
    buy = sale(db, "T-1", "C-1")
    cancel = Journal(db).record_cancel("T-1", "C-1", {"transaction_id": "T-1"}, T0).outbox_id
    other = sale(db, "T-9", "C-2")
    outbox = Outbox(db, Clock())
    assert claim(outbox).id == buy
    # The purchase is in flight: its cancel must not overtake it, another customer goes ahead.
    assert claim(outbox).id == other
    assert outbox.claim_next(T0) is None
    outbox.schedule_retry(buy, "offline", T0 + timedelta(minutes=1))
    assert outbox.claim_next(T0) is None  # pending but not due: still holds the cancel back
    assert claim(outbox, T0 + timedelta(minutes=1)).id == buy
    outbox.mark_done(buy, {"accrued": "1.00"})
    assert claim(outbox, T0 + timedelta(minutes=1)).id == cancel


def test_a_dead_letter_holds_back_its_customer_until_the_admin_acts(db: Database) -> None:
    buy, refund = sale(db, "T-1", "C-1"), Journal(db).record_refund("R-1", "C-1", {}, T0).outbox_id
    outbox = Outbox(db, Clock())
    claim(outbox)
    outbox.mark_failed(buy, "CUSTOMER_BLOCKED: the card is blocked")
    assert outbox.claim_next(T0 + timedelta(days=1)) is None  # never retried on its own
    failed = outbox.get(buy)
    assert failed is not None
    assert (failed.state, failed.last_error) == (OutboxState.FAILED, "CUSTOMER_BLOCKED: the card is blocked")
    outbox.requeue_failed(buy)
    assert claim(outbox).id == buy
    outbox.mark_failed(buy, "CUSTOMER_BLOCKED: still blocked")
    outbox.dismiss_failed(buy, "customer asked to leave the programme")
    assert outbox.get(buy).result == {"dismissed": "customer asked to leave the programme"}  # type: ignore[union-attr]
    assert claim(outbox).id == refund


def test_done_rows_keep_the_service_answer(db: Database) -> None:
    row = sale(db, "T-1", "C-1")
    outbox = Outbox(db, Clock())
    claim(outbox)
    outbox.mark_done(row, {"accrued": "3.20", "offers": [{"title": "Скидка 10%"}]})
    item = outbox.get(row)
    assert item is not None
    assert item.state is OutboxState.DONE
    assert item.result == {"accrued": "3.20", "offers": [{"title": "Скидка 10%"}]}
    assert outbox.claim_next(T0 + timedelta(days=1)) is None


def test_marking_done_and_claiming_the_next_row_is_one_transaction(db: Database) -> None:
    buy = sale(db, "T-1", "C-1")
    cancel = Journal(db).record_cancel("T-1", "C-1", {"transaction_id": "T-1"}, T0).outbox_id
    outbox = Outbox(db, Clock())
    claim(outbox)
    following = outbox.mark_done_and_claim_next(buy, {"accrued": "1.00"}, T0)
    assert following is not None and (following.id, following.state) == (cancel, OutboxState.IN_FLIGHT)
    assert outbox.get(buy).result == {"accrued": "1.00"}  # type: ignore[union-attr]
    assert outbox.mark_done_and_claim_next(cancel, {}, T0) is None
    assert outbox.counts()[OutboxState.DONE] == 2


def test_a_row_that_cannot_be_marked_done_claims_nothing(db: Database) -> None:
    first, second = sale(db, "T-1", "C-1"), sale(db, "T-2", "C-2")
    outbox = Outbox(db, Clock())
    with pytest.raises(OutboxStateError, match="pending"):
        outbox.mark_done_and_claim_next(first, {}, T0)
    assert [outbox.get(row).state for row in (first, second)] == [OutboxState.PENDING] * 2  # type: ignore[union-attr]


def test_a_retry_and_its_time_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    later = T0 + timedelta(seconds=37, microseconds=250)
    with open_database(path) as db:
        row = sale(db, "T-1", "C-1")
        outbox = Outbox(db, Clock())
        claim(outbox)
        outbox.schedule_retry(row, "SERVICE_UNAVAILABLE: timed out", later)
    with open_database(path) as db:
        outbox = Outbox(db, Clock())
        item = outbox.get(row)
        assert item is not None
        assert (item.state, item.attempts, item.next_attempt_at, item.last_error) == (
            OutboxState.PENDING,
            1,
            later,
            "SERVICE_UNAVAILABLE: timed out",
        )
        assert outbox.claim_next(later - timedelta(microseconds=1)) is None
        again = claim(outbox, later)
        assert (again.id, again.attempts) == (row, 2)


def test_rows_left_in_flight_by_a_crash_are_requeued_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    with open_database(path) as db:
        row = sale(db, "T-1", "C-1")
        claim(Outbox(db, Clock()))
        # the process dies here: the row is in flight and nobody will finish it
    with open_database(path) as db:
        outbox = Outbox(db, Clock(T0 + timedelta(minutes=3)))
        assert outbox.claim_next(T0 + timedelta(minutes=3)) is None
        assert outbox.requeue_in_flight() == 1
        assert outbox.requeue_in_flight() == 0
        item = claim(outbox, T0 + timedelta(minutes=3))
        assert (item.id, item.idempotency_key, item.attempts) == (row, "T-1", 2)


def test_only_the_documented_transitions_are_allowed(db: Database) -> None:
    row = sale(db, "T-1", "C-1")
    outbox = Outbox(db, Clock())
    with pytest.raises(OutboxStateError, match="pending"):
        outbox.mark_done(row, {})
    with pytest.raises(OutboxStateError, match="pending"):
        outbox.mark_failed(row, "x")
    with pytest.raises(OutboxStateError, match="pending"):
        outbox.requeue_failed(row)
    with pytest.raises(OutboxStateError, match="no outbox row"):
        outbox.mark_done(999, {})
    claim(outbox)
    outbox.mark_done(row, {})
    with pytest.raises(OutboxStateError, match="done"):
        outbox.schedule_retry(row, "x", T0)
    with pytest.raises(OutboxStateError, match="done"):
        outbox.dismiss_failed(row, "x")
    with pytest.raises(ValueError):
        outbox.schedule_retry(row, "x", datetime(2026, 1, 1))
    assert outbox.get(row).state is OutboxState.DONE  # type: ignore[union-attr]


def test_counts_and_lists_by_state(db: Database) -> None:
    rows = [sale(db, f"T-{n}", f"C-{n}") for n in range(5)]
    outbox = Outbox(db, Clock())
    for _ in range(3):
        claim(outbox)
    outbox.mark_done(rows[0], {})
    outbox.mark_failed(rows[1], "INVALID_REQUEST: bad receipt")
    assert outbox.counts() == {
        OutboxState.PENDING: 2,
        OutboxState.IN_FLIGHT: 1,
        OutboxState.DONE: 1,
        OutboxState.FAILED: 1,
    }
    assert [item.id for item in outbox.items()] == rows
    assert [item.id for item in outbox.items(OutboxState.PENDING)] == rows[3:]
    assert [item.last_error for item in outbox.items(OutboxState.FAILED)] == ["INVALID_REQUEST: bad receipt"]
    assert [item.id for item in outbox.items(customer_id="C-2")] == [rows[2]]
    assert len(outbox.items(limit=2)) == 2


def test_concurrent_claimers_never_get_the_same_row(db: Database) -> None:
    rows = {sale(db, f"T-{n}", f"C-{n}") for n in range(40)}
    outbox = Outbox(db, Clock())
    claimed: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work() -> None:
        try:
            start.wait()
            while (item := outbox.claim_next(T0)) is not None:
                claimed.append(item.id)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(claimed) == sorted(rows)


def test_the_outbox_refuses_states_it_does_not_know(db: Database) -> None:
    sale(db, "T-1", "C-1")
    raw = sqlite3.connect(db.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            raw.execute("UPDATE outbox SET state = 'lost'")
    finally:
        raw.close()


# ----- the ordering rule against a model, on random histories -----------------------------------------
steps = st.lists(
    st.one_of(
        st.tuples(st.just("record"), st.integers(0, 1)),  # a new row for customer n
        st.tuples(st.just("claim"), st.just(0)),
        st.tuples(st.sampled_from(["done", "retry", "fail"]), st.integers(0, 5)),  # on the n-th in flight
        st.tuples(st.just("tick"), st.integers(1, 120)),  # seconds pass
    ),
    max_size=30,
)


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A migrated, empty store file to copy: opening a new file for every example is slow."""
    path = tmp_path_factory.mktemp("template") / "till.sqlite"
    with open_database(path):
        pass
    return path.read_bytes()


@settings(max_examples=80, deadline=None)
@given(history=steps)
def test_claims_never_overtake_an_unfinished_row_of_the_same_customer(
    empty_store: bytes, history: list[tuple[str, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "till.sqlite").write_bytes(empty_store)
        with open_database(Path(folder) / "till.sqlite") as db:
            _replay(db, history)


def _replay(db: Database, history: list[tuple[str, int]]) -> None:
    """Play `history` on the store and on a model of the ordering rule; they must agree."""
    clock = Clock()
    outbox, journal = Outbox(db, clock), Journal(db)
    model: dict[int, dict] = {}  # row id -> {"customer", "state", "due"}
    in_flight: list[int] = []
    for number, (action, arg) in enumerate(history):
        if action == "record":
            entry = journal.record_sale(f"T-{number}", f"C-{arg}", {}, clock.now)
            model[entry.outbox_id] = {"customer": f"C-{arg}", "state": "pending", "due": clock.now}
        elif action == "claim":
            due = [
                row
                for row, info in sorted(model.items())
                if info["state"] == "pending"
                and info["due"] <= clock.now
                and all(
                    other["state"] == "done"
                    for earlier, other in model.items()
                    if earlier < row and other["customer"] == info["customer"]
                )
            ]
            item = outbox.claim_next(clock.now)
            assert (item.id if item else None) == (due[0] if due else None)
            if item is not None:
                model[item.id]["state"] = "in_flight"
                in_flight.append(item.id)
        elif action == "tick":
            clock.now += timedelta(seconds=arg)
        elif in_flight:
            row = in_flight.pop(arg % len(in_flight))
            if action == "done":
                outbox.mark_done(row, {})
                model[row]["state"] = "done"
            elif action == "retry":
                outbox.schedule_retry(row, "offline", clock.now + timedelta(seconds=30))
                model[row].update(state="pending", due=clock.now + timedelta(seconds=30))
            else:
                outbox.mark_failed(row, "fault")
                model[row]["state"] = "failed"
    counts = outbox.counts()
    for state in OutboxState:
        assert counts[state] == sum(1 for info in model.values() if info["state"] == state.value)


def test_rows_claimed_together_are_the_due_heads_of_their_customers_in_queue_order(db: Database) -> None:
    a1, b1, a2, c1, d1 = (sale(db, f"T-{n}", customer) for n, customer in enumerate("ABACD"))
    outbox = Outbox(db, Clock())
    outbox.schedule_retry(claim(outbox).id, "lost", T0 + timedelta(minutes=5))  # A's head waits
    claimed = outbox.claim_due(T0, limit=2)
    assert [item.id for item in claimed] == [b1, c1]  # not A's second row: its first is not done
    assert all(item.state is OutboxState.IN_FLIGHT and item.attempts == 1 for item in claimed)
    assert [item.id for item in outbox.claim_due(T0, limit=100)] == [d1]
    assert outbox.claim_due(T0 + timedelta(minutes=5), limit=100)[0].id == a1
    assert outbox.claim_due(T0 + timedelta(minutes=5), limit=100) == []
    assert outbox.get(a2).state is OutboxState.PENDING  # type: ignore[union-attr]


def test_outcomes_of_rows_claimed_together_are_settled_in_one_transaction(db: Database) -> None:
    ids = [sale(db, f"T-{n}", f"C-{n}") for n in range(4)]
    outbox = Outbox(db, Clock())
    outbox.claim_due(T0, limit=4)
    later = T0 + timedelta(minutes=1)
    with pytest.raises(OutboxStateError):  # a row not in flight: nothing of the settlement is kept
        outbox.settle({ids[0]: {"ok": 1}}, {}, {}, [ids[3], ids[3]])
    assert outbox.get(ids[0]).state is OutboxState.IN_FLIGHT  # type: ignore[union-attr]
    outbox.settle({ids[0]: {"ok": 1}}, {ids[1]: ("lost", later)}, {ids[2]: "REFUND_EXCEEDS_PURCHASE"}, [ids[3]])
    rows = [outbox.get(item_id) for item_id in ids]
    assert [row.state for row in rows] == [  # type: ignore[union-attr]
        OutboxState.DONE, OutboxState.PENDING, OutboxState.FAILED, OutboxState.PENDING
    ]
    assert rows[0].result == {"ok": 1} and rows[1].next_attempt_at == later  # type: ignore[union-attr]
    assert rows[3].attempts == 0 and rows[3].last_error is None  # type: ignore[union-attr]  # released: never sent
