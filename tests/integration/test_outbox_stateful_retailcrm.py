"""The outbox state machine against the fake RetailCRM: each sale one order, completed once, in order.

The rules of `TillAgainstFaultyService` (sales with and without points, voids after reserving,
outages, restarts, a till dying between an answer and its local 'done', syncs) run a real till
against the fake RetailCRM on loopback, with the fake's own faults: an answer lost after the fake
did the work (an order created, points applied, an order completed or cancelled), and 503s. After
every step, the orders the fake completed or cancelled for each member are the start of what the
till recorded for them, in the same order, each once; no order was charged or credited twice; at
the end, with the fake back, it is all of it, and every balance is its seed plus its operations.

An outage is the fake's server shut down and started again on the same port (its state stays).
The till's clients have no rate limit here (the fake has none either): the machine is about order
and replays, and RetailCRM's 10 requests a second would make each run last minutes.
`TILL_STATEFUL_EXAMPLES` (default 10 here, about 20 s) and `TILL_STATEFUL_STEPS` (default 30) set
the size as for the SOAP machine.
"""
from __future__ import annotations

import os
from collections import Counter, defaultdict
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from cache.tables import OutboxState
from loyalty_client.retailcrm.adapter import RetailCrmLoyaltyService
from loyalty_client.retailcrm.client import RequestRate, RetailCrmClient, parse_endpoint
from loyalty_client.retailcrm.fake_server import CANCELLED, COMPLETE, FakeRetailCrm, Order
from tests.integration.test_outbox_stateful import TillAgainstFaultyService

pytestmark = pytest.mark.integration

EXAMPLES = int(os.environ.get("TILL_STATEFUL_EXAMPLES", "10"))  # each outage stops a server: about 1.5 s a run
STEPS = int(os.environ.get("TILL_STATEFUL_STEPS", "30"))
CHANGING_PATHS = ("/orders/create", "/orders/loyalty/apply", "/edit", "/cancel-bonus-operations", "/loyalty/accounts")


class RecordingFake(FakeRetailCrm):
    """The fake, keeping the order in which its orders were closed (completed or cancelled)."""

    def __init__(self) -> None:
        super().__init__()
        self.closed: list[tuple[int, str]] = []  # (loyalty account id, order externalId)

    def _edit(self, order: Order, data: dict[str, Any]) -> dict[str, Any]:
        before = order.status
        answer = super()._edit(order, data)
        if order.status != before and order.status in (COMPLETE, CANCELLED):
            self.closed.append((order.account_id, order.external_id))
        return answer


class TillAgainstFaultyRetailCrm(TillAgainstFaultyService):
    """The same till and rules against the fake RetailCRM, with the fake's faults."""

    def _start_service(self) -> None:
        self.fake = RecordingFake().start()
        self.port = self.fake.port
        self.up = True

    def _stop_service(self) -> None:
        self.fake.stop()

    def _new_client(self, timeout: float) -> Any:
        client = RetailCrmClient(
            parse_endpoint(f"retailcrm+http://127.0.0.1:{self.port}/?site={self.fake.site}"),
            self.fake.api_key,
            timeout_seconds=timeout,
            rate=RequestRate(limit=10_000),
        )
        return RetailCrmLoyaltyService(client)

    def _accepting(self) -> bool:
        return self.up

    def _set_accepting(self, up: bool) -> None:
        if up and not self.up:
            self.fake.start(self.port)
        elif not up and self.up:
            self.fake.stop()
        self.up = up

    def _clear_faults(self) -> None:
        with self.fake._lock:
            self.fake._fail.clear()
            self.fake._lose.clear()

    def _held(self, keys: list[str]) -> set[str]:
        return {key for key in keys if key in self.fake.orders}

    def _delivered(self) -> dict[str, list[str]]:
        delivered: dict[str, list[str]] = defaultdict(list)
        for account, key in self.fake.closed:
            delivered[str(account)].append(key)
        return delivered

    def _moved_twice(self) -> list[Any]:
        counts = Counter((op["order"], op["type"]) for op in self.fake.operations)
        twice = [key for key, count in counts.items() if count > 1 and key[1] in ("charge_for_order", "credit_for_order")]
        return twice + ([] if self.fake.balance_check() else ["a balance is not its seed plus its operations"])

    # ----- the fake's faults in place of the sandbox's --------------------------------------------
    @rule(path=st.sampled_from(CHANGING_PATHS))
    def lose_the_next_answer(self, path: str) -> None:  # type: ignore[override]
        """The fake does the next such request and drops the connection without an answer."""
        self.fake.lose_answers(path, 1)

    @precondition(lambda self: self.sync.outbox.counts()[OutboxState.PENDING] > 0)
    @rule(lose=st.booleans())
    def a_delivery_fails(self, lose: bool) -> None:  # type: ignore[override]
        """The next delivery fails: done by the fake with its answer lost, or refused with a 503."""
        if lose:
            for path in CHANGING_PATHS[:4]:
                self.fake.lose_answers(path, 1)
        else:
            self.fake.fail_next(1)
        self._drain_past_failures()

    @precondition(lambda self: self.up and self.sync.outbox.counts()[OutboxState.PENDING] > 1)
    @rule(burst=st.integers(min_value=1, max_value=4))
    def deliveries_fail_now_and_then(self, burst: int) -> None:  # type: ignore[override]
        """A burst of 503s (RetailCRM's answer above its rate) in the middle of a sync."""
        self._clear_faults()
        self.fake.fail_next(burst)
        self._drain_past_failures()


TillAgainstFaultyRetailCrm.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_each_sale_is_one_retailcrm_order_closed_once_in_order_per_member = TillAgainstFaultyRetailCrm.TestCase
