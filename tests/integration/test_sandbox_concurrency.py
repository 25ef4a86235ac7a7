"""Several tills at once against one balance, over real HTTP: the balance is never spent twice."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from decimal import Decimal as D

import pytest
from lxml import etree
from sqlalchemy import select

from loyalty_client.sandbox import RunningSandbox, SandboxClock
from loyalty_client.sandbox.demo import ANNA, IVAN
from loyalty_client.sandbox.storage.models import OneTimeCode
from tests.backends import ON_EVERY_DATABASE
from tests.integration.sandbox_soap import Fault, Line, SoapTill, amount

pytestmark = [pytest.mark.integration, ON_EVERY_DATABASE]

DEMO_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
TL = {"tl": "urn:till-loyalty:v1"}


@pytest.fixture
def sandbox_clock() -> SandboxClock:
    return SandboxClock(DEMO_NOW)


def race(count: int, attempt) -> list[object]:  # type: ignore[no-untyped-def]
    """Run `attempt(i)` on `count` threads released together; each result or the Fault it raised."""
    start = threading.Barrier(count)

    def run(i: int) -> object:
        start.wait(timeout=30)
        try:
            return attempt(i)
        except Fault as fault:
            return fault

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def spendable(till: SoapTill, card: str) -> D:
    return amount(till.identify("card", card), "tl:customer/tl:balance/tl:spendable")


def test_two_tills_reserving_one_balance_only_one_wins(sandbox: RunningSandbox) -> None:
    till = SoapTill(sandbox.url)
    receipt = (Line(1, "200.00"),)
    codes = []
    for _ in range(2):
        till.send_code("redeem", customer_id=ANNA.customer_id, amount="100.00")
        codes.append(sandbox.last_code().code)
    outcomes = race(2, lambda i: till.reserve(f"T-{i}", ANNA.customer_id, receipt, "100.00", codes[i], receipt_id=f"R-{i}"))
    won = [o for o in outcomes if isinstance(o, etree._Element)]
    lost = [o for o in outcomes if isinstance(o, Fault)]
    assert len(won) == 1 and len(lost) == 1
    assert lost[0].code == "INSUFFICIENT_BALANCE"
    assert spendable(till, ANNA.card_number) == D("25.50")


def test_many_tills_reserving_one_balance_never_overspend_it(sandbox: RunningSandbox) -> None:
    till = SoapTill(sandbox.url)
    receipt = (Line(1, "500.00"),)
    codes = []
    for _ in range(6):
        till.send_code("redeem", customer_id=IVAN.customer_id, amount="200.00")
        codes.append(sandbox.last_code().code)
    outcomes = race(6, lambda i: till.reserve(f"T-{i}", IVAN.customer_id, receipt, "200.00", codes[i], receipt_id=f"R-{i}"))
    won = [o for o in outcomes if isinstance(o, etree._Element)]
    assert len(won) == 4  # 840.00 holds four reservations of 200.00
    assert {o.code for o in outcomes if isinstance(o, Fault)} == {"INSUFFICIENT_BALANCE"}
    assert spendable(till, IVAN.card_number) == D("40.00")


def test_concurrent_replays_of_one_commit_count_it_once(sandbox: RunningSandbox) -> None:
    till = SoapTill(sandbox.url)
    receipt = (Line(1, "100.00"),)
    outcomes = race(4, lambda i: till.commit("T-1", IVAN.customer_id, receipt, "10.00", offline=True))
    assert all(isinstance(o, etree._Element) for o in outcomes), outcomes
    assert len({etree.tostring(o) for o in outcomes}) == 1  # type: ignore[arg-type]
    assert spendable(till, IVAN.card_number) == D("830.00")


def test_concurrent_refunds_never_exceed_the_purchase(sandbox: RunningSandbox) -> None:
    till = SoapTill(sandbox.url)
    receipt = (Line(1, "90.00", quantity="3"),)
    till.send_code("redeem", customer_id=IVAN.customer_id, amount="30.00")
    till.reserve("T-1", IVAN.customer_id, receipt, "30.00", sandbox.last_code().code)
    till.commit("T-1", IVAN.customer_id, receipt, "30.00")
    outcomes = race(5, lambda i: till.refund(f"RF-{i}", "T-1", [(1, "1")]))
    assert sum(isinstance(o, etree._Element) for o in outcomes) == 3
    assert {o.code for o in outcomes if isinstance(o, Fault)} == {"REFUND_EXCEEDS_PURCHASE"}
    assert spendable(till, IVAN.card_number) == D("840.00")


def test_wrong_codes_sent_at_once_each_count_towards_burning_it(sandbox: RunningSandbox) -> None:
    till = SoapTill(sandbox.url)
    phone = "+375296667711"
    till.send_code("register", phone=phone)
    good = sandbox.last_code(phone=phone).code
    wrong = "000000" if good != "000000" else "111111"
    outcomes = race(8, lambda i: till.register(phone, "Олег", wrong))
    assert {o.code for o in outcomes if isinstance(o, Fault)} == {"CONFIRMATION_INVALID"}
    assert len(outcomes) == 8
    with sandbox.engine.connect() as connection:  # five wrong guesses burn a code; none went uncounted
        assert connection.scalar(select(OneTimeCode.attempts).where(OneTimeCode.phone == phone)) == 5
    with pytest.raises(Fault) as fault:
        till.register(phone, "Олег", good)
    assert fault.value.code == "CONFIRMATION_INVALID"
