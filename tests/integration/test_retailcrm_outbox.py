"""The till's own outbox delivers a backlog to the fake RetailCRM exactly once.

Sales recorded offline (some spending points), a whole return, a partial return and a cancel of a
sale that never reached the service go through `OutboxSync` with the RetailCRM adapter over
loopback, while the fake loses answers after doing the work (an order created, an order completed)
and answers bursts of 503. In the end every sale is one completed order with one accrual and at
most one charge, the whole return is reversed once, the partial return is a dead letter that says
why (nothing silently lost), and every balance adds up.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest

from app.offline.outbox_sync import OutboxSync, cancel_payload, commit_payload, refund_payload
from cache.database import Database, open_database
from cache.transactions.journal import Journal
from cache.tables import Operation, OutboxState
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.retailcrm.adapter import RetailCrmLoyaltyService
from loyalty_client.retailcrm.client import RequestRate, RetailCrmClient, parse_endpoint
from loyalty_client.retailcrm.fake_server import FakeRetailCrm
from loyalty_client.types import RefundLine

pytestmark = pytest.mark.integration

D = Decimal
MEMBERS = ("1", "2", "3")  # the fake's accounts of Anna, Ivan and Olga
SALES_PER_MEMBER = 5


class SteppedClock:
    """Stands still during a drain; `skip` makes every retry due."""

    def __init__(self) -> None:
        self.now = datetime.now(timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def skip(self) -> None:
        self.now += timedelta(hours=1)


def receipt(key: str) -> Receipt:
    line = ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", D("2"), D("15.90"), D("31.80"))
    return Receipt(key[:18], "001", "01", datetime.now(timezone.utc), (line,))


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "till.sqlite")
    yield database
    database.close()


def test_a_backlog_with_lost_answers_and_503s_is_delivered_exactly_once(database: Database) -> None:
    journal = Journal(database)
    now = datetime.now(timezone.utc)
    sales: dict[str, tuple[str, Decimal]] = {}
    for number in range(SALES_PER_MEMBER):
        for member in MEMBERS:
            key = str(uuid.uuid4())
            redeem = D("5.00") if member != "3" and number < 2 else D("0.00")
            sales[key] = (member, redeem)
            journal.record_sale(key, member, commit_payload(key, member, receipt(key), redeem, FiscalDocument(key[:8], now), True, now), now)
    anna_first = next(k for k, (m, r) in sales.items() if m == "1" and r)
    ivan_first = next(k for k, (m, r) in sales.items() if m == "2" and r)
    journal.record_refund("RF-whole", "1", refund_payload("RF-whole", anna_first, [RefundLine(1, D("2"))]), now)
    journal.record_refund("RF-part", "2", refund_payload("RF-part", ivan_first, [RefundLine(1, D("1"))]), now)
    never_sent = str(uuid.uuid4())
    journal.record_cancel(never_sent, "3", cancel_payload(never_sent), now)

    with FakeRetailCrm() as fake:
        fake.lose_answers("orders/create", 2)
        fake.lose_answers("/edit", 3)
        fake.fail_next(2, 503)
        clock = SteppedClock()
        # A fake has no rate limit: the client's own (10 a second) would only make the test slow.
        client = RetailCrmClient(parse_endpoint(fake.url), fake.api_key, timeout_seconds=5, rate=RequestRate(limit=10_000))
        sync = OutboxSync(database, RetailCrmLoyaltyService(client), clock=clock)
        for _ in range(30):
            sync.drain(max_items=1000)
            counts = sync.outbox.counts()
            if not counts.get(OutboxState.PENDING) and not counts.get(OutboxState.IN_FLIGHT):
                break
            clock.skip()

        counts = sync.outbox.counts()
        assert counts.get(OutboxState.DONE) == len(sales) + 2
        (failed,) = sync.outbox.items(OutboxState.FAILED)
        assert failed.operation is Operation.REFUND and failed.idempotency_key == "RF-part"
        assert "NOT_SUPPORTED" in (failed.last_error or "") and "whole sale" in (failed.last_error or "")
        assert sorted(fake.orders) == sorted(sales)
        assert all(order.status == "complete" for order in fake.orders.values())
        credits = [op["order"] for op in fake.operations if op["type"] == "credit_for_order"]
        assert sorted(credits) == sorted(sales)  # each sale credited once
        charged = [op["order"] for op in fake.operations if op["type"] == "charge_for_order"]
        assert sorted(charged) == sorted(k for k, (_, redeem) in sales.items() if redeem)
        assert [op["order"] for op in fake.operations if op["type"] == "cancel_of_charge"] == [anna_first]
        assert [op["order"] for op in fake.operations if op["type"] == "cancel_of_credit"] == [anna_first]
        assert fake.orders[ivan_first].charge == D("5.00")  # the partial return changed nothing
        assert fake.balance_check()


def test_a_wrong_key_keeps_the_backlog_for_when_the_key_is_fixed(database: Database) -> None:
    journal = Journal(database)
    now = datetime.now(timezone.utc)
    key = str(uuid.uuid4())
    journal.record_sale(key, "1", commit_payload(key, "1", receipt(key), D("0.00"), FiscalDocument("1", now), True, now), now)
    with FakeRetailCrm() as fake:
        clock = SteppedClock()
        wrong = RetailCrmClient(parse_endpoint(fake.url), "old-key", timeout_seconds=5, rate=RequestRate(limit=10_000))
        report = OutboxSync(database, RetailCrmLoyaltyService(wrong), clock=clock).run_once()
        assert "INVALID_CREDENTIALS" in report.detail
        assert OutboxSync(database, RetailCrmLoyaltyService(wrong), clock=clock).outbox.counts()[OutboxState.FAILED] == 0
        assert fake.orders == {}
        clock.skip()
        right = RetailCrmClient(parse_endpoint(fake.url), fake.api_key, timeout_seconds=5, rate=RequestRate(limit=10_000))
        sync = OutboxSync(database, RetailCrmLoyaltyService(right), clock=clock)
        sync.drain()
        assert sync.outbox.counts()[OutboxState.DONE] == 1
        assert list(fake.orders) == [key]
