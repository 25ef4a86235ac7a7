"""A till that dies after any RetailCRM call of a sale leaves nothing done twice when it replays.

The till 'dies' right after the k-th call of a sale was answered (an exception no code of the till
catches, as when the process is killed there: the work is done in RetailCRM, its answer never used).
A new adapter (a new process: nothing remembered) then replays the sale from the start, as the
outbox does. For every k, against the fake RetailCRM over loopback: one order per sale, one charge,
one accrual, and every balance adds up.
"""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Callable, Iterator

import pytest

from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.retailcrm.adapter import RetailCrmLoyaltyService
from loyalty_client.retailcrm.client import RequestRate, RetailCrmClient, parse_endpoint
from loyalty_client.errors import TransactionNotFound
from loyalty_client.retailcrm.fake_server import FakeRetailCrm
from loyalty_client.types import RefundLine

pytestmark = pytest.mark.integration

D = Decimal
NOW = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)
ANNA_ACCOUNT = "1"


class TillDied(BaseException):
    """Stands for the till process ending at that very moment."""


class DiesAfter(RetailCrmClient):
    """A client whose process dies once its `calls`-th call was answered."""

    def __init__(self, fake: FakeRetailCrm, calls: int) -> None:
        super().__init__(parse_endpoint(fake.url), fake.api_key, timeout_seconds=5, rate=RequestRate(limit=10_000))
        self.left = calls

    def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        answer = super()._call(method, path, **kwargs)
        self.left -= 1
        if self.left == 0:
            raise TillDied
        return answer


def receipt(key: str) -> Receipt:
    line = ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", D("2"), D("15.90"), D("31.80"))
    return Receipt(key, "001", "01", NOW, (line,))


FISCAL = FiscalDocument("1", NOW)
Step = Callable[[RetailCrmLoyaltyService, str], Any]


def reserve(svc: RetailCrmLoyaltyService, key: str) -> Any:
    return svc.reserve(key, ANNA_ACCOUNT, receipt(key), D("5.00"))


def commit(svc: RetailCrmLoyaltyService, key: str) -> Any:
    return svc.commit(key, ANNA_ACCOUNT, receipt(key), D("5.00"), FISCAL, False, NOW)


def commit_offline(svc: RetailCrmLoyaltyService, key: str) -> Any:
    return svc.commit(key, ANNA_ACCOUNT, receipt(key), D("5.00"), FISCAL, True, NOW)


def refund(svc: RetailCrmLoyaltyService, key: str) -> Any:
    return svc.refund(f"RF-{key}", key, [RefundLine(1, D("2"))])


def cancel(svc: RetailCrmLoyaltyService, key: str) -> Any:
    try:
        return svc.cancel(key)
    except TransactionNotFound:
        return None  # nothing reached RetailCRM: the outbox takes that cancel as done


SALES: dict[str, tuple[Step, ...]] = {
    "online": (reserve, commit),
    "offline": (commit_offline,),
    "returned": (commit_offline, refund),
    "cancelled": (reserve, cancel),
}
NET_CHARGE = {"online": 1, "offline": 1, "returned": 0, "cancelled": 0}


def run(fake: FakeRetailCrm, steps: tuple[Step, ...], key: str, calls: int) -> tuple[bool, bool]:
    """The sale's steps with a till that dies after `calls` calls, then what the till does when
    started again: a reserve in progress is cancelled (the open sale is settled), any other step
    is delivered again by the outbox, then the rest. (died, the sale ended cancelled)"""
    svc = RetailCrmLoyaltyService(DiesAfter(fake, calls))
    for index, step in enumerate(steps):
        try:
            step(svc, key)
        except TillDied:
            again = RetailCrmLoyaltyService(DiesAfter(fake, 0))
            if step is reserve:
                cancel(again, key)
                return True, True
            for rest in steps[index:]:
                rest(again, key)
            return True, steps[-1] is cancel
    return False, steps[-1] is cancel


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeRetailCrm]:
    with FakeRetailCrm() as fake:
        yield fake


@pytest.mark.parametrize("sale", sorted(SALES))
def test_a_replay_after_dying_at_any_call_does_nothing_twice(fake: FakeRetailCrm, sale: str) -> None:
    calls = 1
    while True:
        key = f"{sale}-{calls}"
        died, ended_cancelled = run(fake, SALES[sale], key, calls)
        if not died:
            break  # the sale needed fewer calls than that: every point has been tried
        ops = [op["type"] for op in fake.operations if op["order"] == key]
        assert list(fake.orders).count(key) <= 1
        assert ops.count("charge_for_order") <= 1, (calls, ops)
        assert ops.count("credit_for_order") <= 1, (calls, ops)
        net = ops.count("charge_for_order") - ops.count("cancel_of_charge")
        assert net == (0 if ended_cancelled else NET_CHARGE[sale]), (calls, ops)
        if not ended_cancelled:
            assert fake.orders[key].status == "complete"
        assert fake.balance_check()
        calls += 1
    assert calls > 3  # the sale took several calls, each a crash point
