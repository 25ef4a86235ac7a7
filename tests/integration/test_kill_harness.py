"""kill -9 at any moment: no sale the till called done is lost, none reaches the service twice.

A child process runs `till-loyalty load` against the SOAP sandbox on loopback and is killed with
SIGKILL, over and over on the same till database, at the moments of `tests.integration.kill_harness`:
a few milliseconds into a sale; while the sandbox holds back the answer to a delivery it has
already done (a `slow` fault) or holds a delivery before doing it (a `stall` fault); right after a
reservation's answer; right after a fiscal document.

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
import random
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

import pytest

from loyalty_client.sandbox import RunningSandbox, SandboxClock, start_sandbox
from loyalty_client.sandbox.faults import FaultKind, FaultRule, InjectedFault
from tests.conftest import SANDBOX_DAY
from tests.integration.kill_harness import (
    ROOT,
    WAIT_SECONDS,
    Pace,
    Target,
    check_fiscal_memory,
    read_till,
    reported,
    run_trials,
    seed_from_environment,
)

pytestmark = pytest.mark.integration

TRIALS = int(os.environ.get("TILL_KILL_TRIALS", "10"))
SEED = seed_from_environment()
PACE = Pace(sales_per_run=15, kill_delay_max=0.04, time_budget=45, trials=TRIALS)  # a sale: a few tens of ms
DELIVERIES = ("CommitPurchase", "RefundPurchase", "CancelPurchase", "DeliverBatch")


class SandboxTarget(Target):
    """The SOAP sandbox, holding deliveries with its `slow` and `stall` faults."""

    def __init__(self, sandbox: RunningSandbox) -> None:
        self.sandbox = sandbox
        self.url = sandbox.url

    def watch_holds(self, observer: Callable[[object], None]) -> None:
        def on_hold(fault: InjectedFault) -> None:
            observer(fault)

        self.sandbox.faults.add_hold_observer(on_hold)

    def hold(self, mode: str, rng: random.Random) -> None:
        kind = FaultKind.SLOW if mode == "answer-held" else FaultKind.STALL
        nth_commit = rng.randint(1, 3)  # hold the n-th commit delivered, or the first refund or cancel
        for operation in DELIVERIES:
            every = nth_commit if operation == "CommitPurchase" else 1
            self.sandbox.faults.schedule(FaultRule(kind, operation, every=every, times=1, delay=WAIT_SECONDS))

    def settle(self) -> None:
        self.sandbox.faults.clear()
        self.sandbox.faults.release()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    running = start_sandbox(f"sqlite:///{tmp_path / 'sandbox.sqlite'}", clock=SandboxClock(SANDBOX_DAY))
    try:
        yield running
    finally:
        running.stop()


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


def test_no_reported_sale_is_lost_and_none_is_delivered_twice_whatever_moment_the_till_dies(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    db, config = tmp_path / "till.sqlite", tmp_path / "till-loyalty.ini"
    common = ["--service", sandbox.url, "--db", str(db), "--config", str(config)]
    trials = run_trials(SandboxTarget(sandbox), common, SEED, PACE)
    till = read_till(db, SEED)

    ledger = sandbox_ledger(sandbox.db_url)
    kind_of = {"commit": "purchase", "cancel": "cancel", "refund": "refund"}
    in_ledger = Counter((entry["kind"], entry["transactionId"]) for entry in ledger)
    in_journal = Counter((kind_of[operation], key) for operation, key in till.journal)
    assert max(in_ledger.values()) == 1, "a transaction reached the service twice"
    assert in_ledger == in_journal - Counter(("cancel", key) for key in till.not_found), (
        f"seed {SEED}: the ledger is exactly the till's journal (but for cancels the service did not find)"
    )
    assert live_reservations(tmp_path / "sandbox.sqlite") == [], f"seed {SEED}: points left held on the service"

    check_fiscal_memory(db, till, trials, lambda key: in_ledger[("purchase", key)] == 1, SEED)
    committed = reported(trials, "committed")
    assert all(in_ledger[("purchase", key)] == 1 for key in committed), f"seed {SEED}: a reported sale is missing"
    assert all(in_ledger[("refund", key)] == 1 for key in reported(trials, "refunded"))
    assert all(in_ledger[("cancel", key)] == 1 for key in reported(trials, "voided"))
    assert len(committed) >= len(trials), "every run got some sales done before its end"
