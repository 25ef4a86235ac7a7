"""The kill -9 harness shared by the crash tests of each loyalty service the till speaks.

A child process runs `till-loyalty load` against a service on loopback and is killed with
SIGKILL, over and over on the same till database, at moments chosen at random from:

- `mid-sale`: a moment after it reported a sale: it is in the middle of the next one (service
  calls, fiscalisation, the local write of the journal and outbox rows);
- `answer-held`: while the service holds back the answer to a delivery it has already done:
  between the service's commit and the till's local 'done';
- `request-held`: while the service holds a delivery before doing it: the service does the work
  after the till died;
- `reserved`: right after the answer to a reservation arrived (`load --crash-at reserved:N`): the
  service holds points for a receipt the till never got to record anything more of;
- `fiscalised`: right after the registrar returned a fiscal document (`load --crash-at
  fiscalised:N`): the customer has the discounted receipt, the sale is not recorded yet.

Each trial's run also delivers what the killed runs left behind; at the end `queue sync`
delivers the rest. What each service's ledger must then hold is checked by its own test; the
till's side (its file, its outbox, its fiscal memory, what the runs printed) is checked here.
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
from typing import Any, Callable

from fiscal.demo_registrar import fiscal_memory_beside

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60
MODES = ("mid-sale", "answer-held", "request-held", "reserved", "fiscalised")
SELF_KILLED = ("reserved", "fiscalised")  # the child kills itself there (`load --crash-at`)
HELD = ("answer-held", "request-held")

Events = "queue.Queue[tuple[str, object]]"


def seed_from_environment() -> int:
    """`TILL_KILL_SEED` to replay a run's choices, else a fresh random seed."""
    return int(os.environ.get("TILL_KILL_SEED", str(random.SystemRandom().randrange(10**6))))


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
    """`python -m app load ...` with its output lines and the service's holds on one event queue."""

    def __init__(self, args: list[str], events: Events, env: dict[str, str] | None = None) -> None:
        self.events = events
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", "load", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
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


class Target:
    """The service the till is killed against: where it is and how it holds a delivery.

    `hold(mode, rng)` schedules the held delivery of an `answer-held` or `request-held` trial;
    the service must then call the observer passed to `watch_holds` when it holds one.
    `disturb(rng)` and `on_committed(rng)` may inject faults that make the till replay;
    `settle()` ends a trial's faults and lets a held request go (its till is dead).
    """

    url: str
    env: dict[str, str] | None = None
    load_args: tuple[str, ...] = ()  # more arguments of each `load` run

    def watch_holds(self, observer: Callable[[object], None]) -> None:
        raise NotImplementedError

    def hold(self, mode: str, rng: random.Random) -> None:
        raise NotImplementedError

    def disturb(self, rng: random.Random) -> None:
        """Faults for the whole trial (none by default)."""

    def on_committed(self, rng: random.Random) -> None:
        """Faults injected as a sale is reported (none by default)."""

    def settle(self) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Pace:
    """How long a target's runs are: sales per run, the mid-sale kill's spread, the time budget."""

    sales_per_run: int
    kill_delay_max: float  # a sale takes about this long: the kill lands anywhere in the next one
    time_budget: float  # trials stop early if the machine is slow (at least one of each mode)
    trials: int  # more, up to twice as many, while some kind of moment has not been reached
    reserve_nth_max: int = 3  # `reserved` kills at one of the first this many reservations
    final_syncs: int = 1  # `queue sync` runs at the end until one delivers everything (at most this many)


def run_trial(target: Target, mode: str, args: list[str], rng: random.Random, events: Events, pace: Pace) -> Trial:
    """Start a load run and kill it at a random moment of the `mode` kind (unless it ends first)."""
    if mode in SELF_KILLED:
        nth = rng.randint(1, pace.reserve_nth_max) if mode == "reserved" else rng.randint(1, pace.sales_per_run - 2)
        args = [*args, "--crash-at", f"{mode}:{nth}"]
    elif mode in HELD:
        target.hold(mode, rng)
    target.disturb(rng)
    kill_after = rng.randint(1, pace.sales_per_run - 2)  # mid-sale: after this many reported sales...
    delay = rng.uniform(0, pace.kill_delay_max)  # ...and this much more
    child = Child(args, events, target.env)
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
            elif str(value).startswith("committed "):
                committed += 1
                target.on_committed(rng)
                if mode == "mid-sale" and committed == kill_after:
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
        target.settle()
        trial.lines, trial.stderr = child.lines, child.stderr
    return trial


def run_trials(target: Target, common: list[str], seed: int, pace: Pace) -> list[Trial]:
    """Kill `pace.trials` load runs on one till database (every kind of moment in each round; more
    runs, up to twice as many, while a kind was never reached), then deliver what they left with
    `queue sync`. Each run that was not killed must end well."""
    rng = random.Random(seed)
    events_of_holds: list[queue.Queue[tuple[str, object]]] = []

    def on_hold(what: object) -> None:  # on a service thread: the answer or request is held
        for events in events_of_holds:
            events.put(("held", what))

    target.watch_holds(on_hold)
    trials: list[Trial] = []
    started = time.monotonic()
    modes: list[str] = []
    number = 0
    while True:
        reached = {trial.mode for trial in trials if trial.killed}
        enough = reached == set(MODES) or number >= 2 * pace.trials
        if enough and (number >= pace.trials or time.monotonic() - started > pace.time_budget):
            break
        args = [*common, *target.load_args, "--sales", str(pace.sales_per_run)]
        args += ["--seed", str(rng.randrange(10**6)), "--sync-every", "3"]
        # the child's event queue must exist before the service can hold anything for it
        events: queue.Queue[tuple[str, object]] = queue.Queue()
        events_of_holds[:] = [events]
        if number < pace.trials:
            if number % len(MODES) == 0:
                modes = rng.sample(MODES, len(MODES))  # every kind of moment in each round
            mode = modes[number % len(MODES)]
        else:  # a run ended before its moment came (e.g. it made no reservation): that kind again
            mode = rng.choice(sorted(set(MODES) - reached))
        trial = run_trial(target, mode, args, rng, events, pace)
        trials.append(trial)
        if not trial.killed:
            assert trial.returncode == 0, f"seed {seed}, trial {number}: {trial.stderr[-2000:]}"
        else:
            assert trial.returncode == -signal.SIGKILL, f"seed {seed}: {trial.stderr[-2000:]}"
        number += 1
    killed = [trial.mode for trial in trials if trial.killed]
    assert len(killed) >= len(trials) * 2 // 3 and set(killed) == set(MODES), [(t.mode, t.killed) for t in trials]

    for attempt in range(1, pace.final_syncs + 1):
        final = subprocess.run(
            [sys.executable, "-m", "app", "queue", "sync", *common],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=WAIT_SECONDS,
            env=target.env,
        )
        if final.returncode == 0 or attempt == pace.final_syncs:
            break
    assert final.returncode == 0, f"seed {seed}: {final.stdout}\n{final.stderr[-2000:]}"
    return trials


@dataclass
class TillRecord:
    """What the till's file holds after the last sync."""

    journal: list[tuple[str, str]]  # (operation, key)
    payloads: dict[str, dict[str, Any]]  # key -> journal payload
    not_found: set[str]  # cancels the service did not find: reservations that never reached it
    commits: dict[str, tuple[str, dict[str, Any]]]  # fiscal document number -> (key, receipt)


def read_till(db: Path, seed: int) -> TillRecord:
    """The till's journal, after checking its file is sound, its outbox all done and no sale open."""
    raw = sqlite3.connect(db)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = raw.execute("SELECT operation, key, payload FROM journal").fetchall()
        states = Counter(state for (state,) in raw.execute("SELECT state FROM outbox"))
        errors = raw.execute("SELECT operation, last_error FROM outbox WHERE state != 'done'").fetchall()
        not_found = {
            key
            for key, result in raw.execute("SELECT idempotency_key, result FROM outbox WHERE operation = 'cancel'")
            if json.loads(result).get("cancelled") is False
        }
        open_sales = raw.execute("SELECT transaction_id, stage FROM open_sales").fetchall()
    finally:
        raw.close()
    assert set(states) == {"done"}, f"seed {seed}: {states} {errors[:5]}"
    assert open_sales == [], f"seed {seed}: sales left open after the last sync"
    payloads = {key: json.loads(text) for _, key, text in rows}
    refunds = [payloads[key] for operation, key, _ in rows if operation == "refund"]
    assert all("return" in payload for payload in refunds), "every refund was made through the returns core"
    commits = {
        payloads[key]["fiscal"]["document_number"]: (key, payloads[key]["receipt"])
        for operation, key, _ in rows
        if operation == "commit"
    }
    return TillRecord([(operation, key) for operation, key, _ in rows], payloads, not_found, commits)


def check_fiscal_memory(db: Path, till: TillRecord, trials: list[Trial], delivered: Callable[[str], bool], seed: int) -> None:
    """Every document in the registrar's memory is a sale recorded with that document and delivered
    (`delivered(transaction_id)`), but for sales without a customer."""
    path = fiscal_memory_beside(db)
    documents = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    anonymous = {key for trial in trials for key in trial.printed("anonymous")}
    assert len({document["document_number"] for document in documents}) == len(documents), "a number used twice"
    for document in documents:
        if document["document_number"] not in till.commits and document["receipt_id"] in anonymous:
            continue  # a sale with no customer: nothing to deliver
        assert document["document_number"] in till.commits, f"seed {seed}: fiscalised, never recorded: {document}"
        key, receipt = till.commits[document["document_number"]]
        assert (receipt["receipt_id"], receipt["opened_at"]) == (document["receipt_id"], document["opened_at"])
        assert delivered(key), f"seed {seed}: fiscalised sale {key} is not on the service"


def reported(trials: list[Trial], kind: str) -> list[str]:
    """The keys the runs printed as `kind` (committed, voided, refunded), each once."""
    keys = [key for trial in trials for key in trial.printed(kind)]
    assert len(keys) == len(set(keys)), f"{kind} printed twice"
    return keys
