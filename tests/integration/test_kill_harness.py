"""kill -9 at any moment: no sale the till called done is lost, none reaches the service twice.

A child process runs `till-loyalty load` against the sandbox on loopback and is killed with
SIGKILL, over and over on the same till database, at moments chosen at random from:

- a few milliseconds after it reported a sale: it is in the middle of the next one (service calls,
  fiscalisation, the local write of the journal and outbox rows);
- while the sandbox holds back the answer to a delivery it has already done (a `slow` fault):
  between the service's commit and the till's local 'done';
- while the sandbox holds a delivery before doing it (a `stall` fault): the service does the
  work after the till died;
- right after the answer to a reservation arrived (`load --crash-at reserved:N`): the service
  holds points for a receipt the till never got to record anything more of;
- right after the registrar returned a fiscal document (`load --crash-at fiscalised:N`): the
  customer has the discounted receipt, the sale is not recorded yet.

Each trial's run also delivers what the killed runs left behind. At the end `queue sync`
delivers the rest, then: the till's file passes `PRAGMA integrity_check`; every sale the till
reported as committed is in the sandbox's ledger exactly once; nothing is there twice; every
ledger entry is an operation of the till's journal, and every journal entry reached the ledger
(but cancels the service did not find: reservations asked for that never reached it); no
reservation is left holding points on the service; and every document in the registrar's fiscal
memory is a sale recorded in the journal with that document and in the ledger exactly once.

`TILL_KILL_TRIALS` (default 10) sets the number of kills; `TILL_KILL_SEED` replays a run's choices.
"""
from __future__ import annotations

import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

from fiscal.demo_registrar import fiscal_memory_beside
from loyalty_client.sandbox import RunningSandbox, SandboxClock, start_sandbox
from loyalty_client.sandbox.faults import FaultKind, FaultRule, InjectedFault
from tests.conftest import SANDBOX_DAY

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("TILL_KILL_TRIALS", "10"))
SEED = int(os.environ.get("TILL_KILL_SEED", str(random.SystemRandom().randrange(10**6))))
SALES_PER_RUN = 15
WAIT_SECONDS = 60
TIME_BUDGET_SECONDS = 45  # trials stop early if the machine is slow; the checks still run
DELIVERIES = ("CommitPurchase", "RefundPurchase", "CancelPurchase", "DeliverBatch")


@dataclass
class Trial:
    """One run of the child: what it printed, and how it ended."""

    mode: str
    lines: list[str] = field(default_factory=list)
    killed: bool = False
    returncode: int | None = None
    stderr: str = ""

    def printed(self, kind: str) -> list[str]:
        return [line.split()[1] for line in self.lines if line.startswith(kind + " ")]


class Child:
    """`python -m app load ...` with its output lines and the sandbox's holds on one event queue."""

    def __init__(self, args: list[str], events: "queue.Queue[tuple[str, object]]") -> None:
        self.events = events
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", "load", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: list[str] = []
        self.stderr = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._errors = threading.Thread(target=self._read_errors, daemon=True)
        self._errors.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            self.events.put(("line", line.rstrip("\n")))
        self.events.put(("eof", None))

    def _read_errors(self) -> None:
        assert self.process.stderr is not None
        self.stderr = self.process.stderr.read()

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind."""
        try:
            os.kill(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def finish(self) -> int:
        """Wait for the end and for the last lines printed before it."""
        code = self.process.wait(WAIT_SECONDS)
        self._reader.join(WAIT_SECONDS)
        self._errors.join(WAIT_SECONDS)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return code


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    running = start_sandbox(f"sqlite:///{tmp_path / 'sandbox.sqlite'}", clock=SandboxClock(SANDBOX_DAY))
    try:
        yield running
    finally:
        running.stop()


MODES = ("mid-sale", "answer-held", "request-held", "reserved", "fiscalised")
SELF_KILLED = ("reserved", "fiscalised")  # the child kills itself there (`load --crash-at`)


def run_trial(
    sandbox: RunningSandbox, mode: str, args: list[str], rng: random.Random, events: "queue.Queue[tuple[str, object]]"
) -> Trial:
    """Start a load run and kill it at a random moment of the `mode` kind (unless it ends first).

    `events` gets the child's output lines and, from the sandbox's hold observer, the moment a
    delivery is held.
    """
    if mode in SELF_KILLED:
        nth = rng.randint(1, 3) if mode == "reserved" else rng.randint(1, SALES_PER_RUN - 2)
        args = [*args, "--crash-at", f"{mode}:{nth}"]
    elif mode != "mid-sale":
        kind = FaultKind.SLOW if mode == "answer-held" else FaultKind.STALL
        nth_commit = rng.randint(1, 3)  # hold the n-th commit delivered, or the first refund or cancel
        for operation in DELIVERIES:
            every = nth_commit if operation == "CommitPurchase" else 1
            sandbox.faults.schedule(FaultRule(kind, operation, every=every, times=1, delay=WAIT_SECONDS))
    kill_after = rng.randint(1, SALES_PER_RUN - 2)  # mid-sale: after this many reported sales...
    delay = rng.uniform(0, 0.04)  # ...and this much more (a sale takes a few tens of ms)
    child = Child(args, events)
    trial = Trial(mode)
    ended = False
    try:
        committed = 0
        while not trial.killed:
            what, value = events.get(timeout=WAIT_SECONDS)
            if what == "eof":
                ended = True
            elif what == "held":
                child.kill()
                trial.killed = True
            elif mode == "mid-sale" and str(value).startswith("committed "):
                committed += 1
                if committed == kill_after:
                    timer = threading.Timer(delay, child.kill)
                    timer.start()
                    timer.join()
                    trial.killed = True
            if ended:
                break
    finally:
        if not trial.killed and not ended:
            child.kill()
        trial.returncode = child.finish()
        if mode in SELF_KILLED:
            trial.killed = trial.returncode == -signal.SIGKILL
        sandbox.faults.clear()
        sandbox.faults.release()  # let a held request go: its till is dead
        trial.lines, trial.stderr = child.lines, child.stderr
    return trial


def sandbox_ledger(db_url: str) -> list[dict[str, str]]:
    result = subprocess.run(
        [sys.executable, "-m", "app", "sandbox", "ledger", "--db", db_url, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def live_reservations(sandbox_file: Path) -> list[tuple[str, str]]:
    """Reservations still holding points on the service (the sandbox's clock is pinned: none expires)."""
    raw = sqlite3.connect(sandbox_file)
    try:
        return raw.execute("SELECT transaction_id, points FROM reservations WHERE state = 'live'").fetchall()
    finally:
        raw.close()


def fiscal_memory(db: Path) -> list[dict[str, str]]:
    path = fiscal_memory_beside(db)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_no_reported_sale_is_lost_and_none_is_delivered_twice_whatever_moment_the_till_dies(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    db, config = tmp_path / "till.sqlite", tmp_path / "till-loyalty.ini"
    common = ["--service", sandbox.url, "--db", str(db), "--config", str(config)]
    events_of_holds: list[queue.Queue[tuple[str, object]]] = []

    def on_hold(fault: InjectedFault) -> None:  # on a sandbox thread: the answer or request is held
        for events in events_of_holds:
            events.put(("held", fault))

    sandbox.faults.add_hold_observer(on_hold)
    trials: list[Trial] = []
    started = time.monotonic()
    for number in range(TRIALS):
        if time.monotonic() - started > TIME_BUDGET_SECONDS and len(trials) >= len(MODES):
            break
        args = [*common, "--sales", str(SALES_PER_RUN), "--seed", str(rng.randrange(10**6)), "--sync-every", "3"]
        # the child's event queue must exist before the sandbox can hold anything for it
        events: queue.Queue[tuple[str, object]] = queue.Queue()
        events_of_holds[:] = [events]
        if number % len(MODES) == 0:
            modes = rng.sample(MODES, len(MODES))  # every kind of moment in each round
        trial = run_trial(sandbox, modes[number % len(MODES)], args, rng, events)
        trials.append(trial)
        if not trial.killed:
            assert trial.returncode == 0, f"seed {SEED}, trial {number}: {trial.stderr[-2000:]}"
        else:
            assert trial.returncode == -signal.SIGKILL, f"seed {SEED}: {trial.stderr[-2000:]}"
    killed = [trial.mode for trial in trials if trial.killed]
    assert len(killed) >= len(trials) * 2 // 3 and set(killed) == set(MODES), [(t.mode, t.killed) for t in trials]

    final = subprocess.run(
        [sys.executable, "-m", "app", "queue", "sync", *common],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
    )
    assert final.returncode == 0, f"seed {SEED}: {final.stdout}\n{final.stderr[-2000:]}"

    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        journal = raw.execute("SELECT operation, key FROM journal").fetchall()
        returns = [json.loads(text) for (text,) in raw.execute("SELECT payload FROM journal WHERE operation = 'refund'")]
        states = Counter(state for (state,) in raw.execute("SELECT state FROM outbox"))
        not_found = {
            key
            for key, result in raw.execute("SELECT idempotency_key, result FROM outbox WHERE operation = 'cancel'")
            if json.loads(result).get("cancelled") is False
        }
        commits = {
            payload["fiscal"]["document_number"]: (key, payload["receipt"])
            for key, text in raw.execute("SELECT key, payload FROM journal WHERE operation = 'commit'")
            for payload in [json.loads(text)]
        }
        open_sales = raw.execute("SELECT transaction_id, stage FROM open_sales").fetchall()
    finally:
        raw.close()
    assert set(states) == {"done"}, states
    assert all("return" in payload for payload in returns), "every refund was made through the returns core"
    assert open_sales == [], f"seed {SEED}: sales left open after the last sync"

    ledger = sandbox_ledger(sandbox.db_url)
    kind_of = {"commit": "purchase", "cancel": "cancel", "refund": "refund"}
    in_ledger = Counter((entry["kind"], entry["transactionId"]) for entry in ledger)
    in_journal = Counter((kind_of[operation], key) for operation, key in journal)
    assert max(in_ledger.values()) == 1, "a transaction reached the service twice"
    assert in_ledger == in_journal - Counter(("cancel", key) for key in not_found), (
        f"seed {SEED}: the ledger is exactly the till's journal (but for cancels the service did not find)"
    )
    assert live_reservations(tmp_path / "sandbox.sqlite") == [], f"seed {SEED}: points left held on the service"

    anonymous = {key for trial in trials for key in trial.printed("anonymous")}
    documents = fiscal_memory(db)
    assert len({document["document_number"] for document in documents}) == len(documents), "a number used twice"
    for document in documents:
        if document["document_number"] not in commits and document["receipt_id"] in anonymous:
            continue  # a sale with no customer: nothing to deliver
        assert document["document_number"] in commits, f"seed {SEED}: fiscalised, never recorded: {document}"
        key, receipt = commits[document["document_number"]]
        assert (receipt["receipt_id"], receipt["opened_at"]) == (document["receipt_id"], document["opened_at"])
        assert in_ledger[("purchase", key)] == 1, f"seed {SEED}: fiscalised sale {key} is not on the service"

    reported = [key for trial in trials for key in trial.printed("committed")]
    assert len(reported) == len(set(reported))
    assert all(in_ledger[("purchase", key)] == 1 for key in reported), f"seed {SEED}: a reported sale is missing"
    assert all(in_ledger[("refund", key)] == 1 for trial in trials for key in trial.printed("refunded"))
    assert all(in_ledger[("cancel", key)] == 1 for trial in trials for key in trial.printed("voided"))
    assert len(reported) >= len(trials), "every run got some sales done before its end"
