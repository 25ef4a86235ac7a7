"""kill -9 at any moment against RetailCRM: every sale the till called done is one order, charged once.

RetailCRM has no idempotency key: the adapter looks before it writes. The kill harness of
`tests.integration.kill_harness` runs `till-loyalty load` against the fake RetailCRM on loopback
and kills it at every kind of moment (mid-sale; while the fake holds the answer to an order
created, a charge applied, an order completed or a bonus reversal it has already done, or holds
such a request before doing it; right after a reservation; right after a fiscal document). On
top, each trial may lose the answer of one delivery step after the fake did it, and answer a
short burst of 503s once a sale is reported: the till replays what it cannot know was done.

After the last `queue sync`: the till's file, outbox and fiscal memory as for SOAP; every sale
the till recorded is ONE completed order with the charge the till recorded (bonusesChargeTotal)
from at most one charge operation and at most one accrual; no order was created twice; a
returned sale's charge and accrual were taken back once; a voided sale's order is cancelled with
nothing charged or credited; no order is left open; every balance is its seed plus its operations.

The last sync may take a few runs of `queue sync` (at most 3): a run that meets the rate limit
or a 503 leaves the rest for the next, as a till's background delivery would.

`TILL_KILL_TRIALS_RETAILCRM` (default 5: one of each kind of moment) sets the number of kills;
RetailCRM's 10 requests a second (the till's own limiter) make a sale take about a second, so the
runs are short. `TILL_KILL_SEED` replays a run's choices.
"""
from __future__ import annotations

import os
import random
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

import pytest

from loyalty_client.retailcrm.fake_server import CANCELLED, COMPLETE, FakeRetailCrm
from tests.integration.kill_harness import (
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

TRIALS = int(os.environ.get("TILL_KILL_TRIALS_RETAILCRM", "5"))
SEED = seed_from_environment()
PACE = Pace(sales_per_run=4, kill_delay_max=1.0, time_budget=60, trials=TRIALS, reserve_nth_max=1, final_syncs=3)
DELIVERY_STEPS = ("/orders/create", "/orders/loyalty/apply", "/edit", "/cancel-bonus-operations")
"""Paths of the calls that change something in RetailCRM (an order's completion or cancellation ends in /edit)."""
ZERO = Decimal("0.00")
SHOPPERS = ("+375291234567", "+79165550123", "+375337654321")
"""Two demo members with points to spend (so that most sales may charge some) and one without."""


class FakeTarget(Target):
    """The fake RetailCRM: holds a delivery step, loses answers after doing the work, answers 503s."""

    def __init__(self, fake: FakeRetailCrm) -> None:
        self.fake = fake
        self.url = fake.url
        self.env = {**os.environ, "TILL_LOYALTY_API_KEY": fake.api_key}
        self.load_args = tuple(arg for phone in SHOPPERS for arg in ("--customer", phone))
        self.lost = 0
        self.bursts = 0

    def watch_holds(self, observer: Callable[[object], None]) -> None:
        self.fake.add_hold_observer(observer)

    def hold(self, mode: str, rng: random.Random) -> None:
        step = rng.choice(DELIVERY_STEPS)
        nth = rng.randint(1, 3) if step in ("/orders/create", "/edit") else 1
        self.fake.hold(step, nth, before=mode == "request-held", seconds=WAIT_SECONDS)

    def disturb(self, rng: random.Random) -> None:
        if rng.random() < 0.6:  # an answer lost after the fake did the work: the till must replay
            self.fake.lose_answers(rng.choice(DELIVERY_STEPS), 1)
            self.lost += 1

    def on_committed(self, rng: random.Random) -> None:
        if rng.random() < 0.3:
            self.fake.fail_next(rng.randint(1, 3))
            self.bursts += 1

    def settle(self) -> None:
        with self.fake._lock:  # the next trial starts with no fault left over
            self.fake._fail.clear()
            self.fake._lose.clear()
        self.fake.release()


@pytest.fixture
def fake() -> Iterator[FakeRetailCrm]:
    with FakeRetailCrm() as running:
        yield running


def operations_by_order(fake: FakeRetailCrm) -> dict[str, Counter[str]]:
    """Per order: how many operations of each type, and (under `type + '$'`) their sum in kopecks."""
    found: dict[str, Counter[str]] = {}
    for op in fake.operations:
        counts = found.setdefault(op["order"], Counter())
        counts[op["type"]] += 1
        counts[op["type"] + "$"] += int(Decimal(op["amount"]) * 100)
    return found


def test_every_reported_sale_is_one_order_charged_once_whatever_moment_the_till_dies(
    fake: FakeRetailCrm, tmp_path: Path
) -> None:
    db, config = tmp_path / "till.sqlite", tmp_path / "till-loyalty.ini"
    # Deliveries wait for the till's own rate limiter as the till's background delivery does (5 s):
    # with the command line's 1 s, a sync meets its own limit after ten calls and stops as if offline.
    config.write_text("[service]\ntimeout_seconds = 5\n", encoding="utf-8")
    common = ["--service", fake.url, "--db", str(db), "--config", str(config)]
    target = FakeTarget(fake)
    trials = run_trials(target, common, SEED, PACE)
    till = read_till(db, SEED)
    orders = fake.orders
    ops = operations_by_order(fake)
    assert fake.balance_check(), "a balance is not its seed plus its operations"

    commits = {key for operation, key in till.journal if operation == "commit"}
    cancels = {key for operation, key in till.journal if operation == "cancel"}
    refunded = Counter(till.payloads[key]["original_transaction_id"] for op, key in till.journal if op == "refund")

    # No order twice: the fake numbers orders as it creates them, and refuses a second externalId.
    assert sorted(order.id for order in orders.values()) == list(range(1, len(orders) + 1))
    assert set(orders) <= commits | cancels, f"seed {SEED}: an order the till's journal does not know"
    left_open = [(key, order.status, order.charge) for key, order in orders.items() if order.status not in (COMPLETE, CANCELLED)]
    assert left_open == [], f"seed {SEED}: orders left open (points held) on RetailCRM"

    for key in commits:
        order, counts = orders.get(key), ops.get(key, Counter())
        assert order is not None and order.status == COMPLETE, f"seed {SEED}: sale {key} is not a completed order"
        assert counts["charge_for_order"] <= 1, f"seed {SEED}: points applied twice on {key}: {counts}"
        assert counts["credit_for_order"] <= 1, f"seed {SEED}: accrual credited twice on {key}: {counts}"
        intended = Decimal(till.payloads[key]["redeem"])
        if refunded[key]:
            # a whole return: charge given back and accrual taken back, each once
            assert counts["cancel_of_charge"] == counts["charge_for_order"] and counts["cancel_of_credit"] <= 1
            assert (order.charge, order.credit) == (ZERO, ZERO), f"seed {SEED}: return of {key} left bonuses"
            assert counts["charge_for_order$"] + counts["cancel_of_charge$"] == 0
            assert counts["credit_for_order$"] + counts["cancel_of_credit$"] == 0
        else:
            assert order.charge == intended, f"seed {SEED}: {key} charged {order.charge}, the till recorded {intended}"
            assert counts["cancel_of_charge"] == 0, f"seed {SEED}: a charge on {key} was reversed: {counts}"
            assert counts["charge_for_order$"] == -int(intended * 100), f"seed {SEED}: {key}: {counts}"
            assert counts["credit_for_order"] == (1 if order.credit else 0) and not counts["cancel_of_credit"]
            assert counts["credit_for_order$"] == int(order.credit * 100)
    for key in cancels - commits:
        if key in till.not_found:
            assert key not in orders, f"seed {SEED}: the till was told no order {key}, yet there is one"
            continue
        order, counts = orders[key], ops.get(key, Counter())
        assert order.status == CANCELLED and (order.charge, order.credit) == (ZERO, ZERO), f"seed {SEED}: {key}"
        assert counts["charge_for_order"] <= 1 and counts["credit_for_order"] == 0, f"seed {SEED}: {key}: {counts}"
        assert counts["charge_for_order$"] + counts["cancel_of_charge$"] == 0

    check_fiscal_memory(db, till, trials, lambda key: key in orders and orders[key].status == COMPLETE, SEED)
    committed = reported(trials, "committed")
    assert set(committed) <= commits, f"seed {SEED}: a reported sale is not in the journal"
    assert set(reported(trials, "voided")) <= cancels
    assert len(committed) >= len(trials), "every run got some sales done before its end"
    assert target.lost + target.bursts > 0, "no fault made the till replay anything"
