"""Programs per store over SOAP: a store's own rules where it has them, the chain's elsewhere.

Stores get their programs through `till-loyalty sandbox program`, run on the database of a
running sandbox, as a back office's staff would.
"""
from __future__ import annotations

import io
import subprocess
import sys
import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.batch import CommitItem
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.cli import main as sandbox_main
from loyalty_client.sandbox.migrate import current_revision, downgrade, head_revision, upgrade
from loyalty_client.sandbox.storage.models import ProgramRow
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import CommitResult
from tests.backends import ON_EVERY_DATABASE
from tests.conftest import SANDBOX_DAY
from tests.integration.test_drain_lost_answers import enrol

pytestmark = [pytest.mark.integration, ON_EVERY_DATABASE]

ZERO = Decimal("0.00")


@pytest.fixture
def client(sandbox: RunningSandbox) -> Iterator[SoapLoyaltyService]:
    with SoapLoyaltyService(sandbox.url, timeout_seconds=10) as client:
        yield client


def program(sandbox_db_url: str, *options: str) -> str:
    out = io.StringIO()
    assert sandbox_main(["program", "--db", sandbox_db_url, *options], out) == 0
    return out.getvalue()


def receipt(store_id: str) -> Receipt:
    line = ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", Decimal("4"), Decimal("25.00"), Decimal("100.00"))
    return Receipt(f"R-{uuid.uuid4().hex[:12]}", store_id, "01", SANDBOX_DAY, (line,))


def test_two_stores_with_their_own_programs_accrue_at_their_own_rates(
    sandbox: RunningSandbox, sandbox_db_url: str, client: SoapLoyaltyService
) -> None:
    chain = client.get_program("001")
    program(sandbox_db_url, "--store", "002", "--accrual-percent", "7")
    program(sandbox_db_url, "--store", "003", "--accrual-percent", "12", "--max-redeem-percent", "20")
    member = enrol(sandbox, 1)[0]

    in_002 = client.calculate(member, receipt("002"))
    in_003 = client.calculate(member, receipt("003"))
    in_001 = client.calculate(member, receipt("001"))

    assert {tier.accrual_percent for tier in client.get_program("002").tiers} == {Decimal("7.00")}
    assert client.get_program("003").max_redeem_percent == Decimal("20.00")
    assert client.get_program("002").version != chain.version != client.get_program("003").version
    assert in_001.accrual < in_002.accrual < in_003.accrual
    # A sale is recorded with its store's accrual, whether committed alone or within a batch.
    sold = client.commit(str(uuid.uuid4()), member, receipt("002"), ZERO, FiscalDocument("1", SANDBOX_DAY), True, SANDBOX_DAY)
    batch = client.deliver_batch(
        [CommitItem(str(uuid.uuid4()), member, receipt("003"), ZERO, FiscalDocument("2", SANDBOX_DAY), True, SANDBOX_DAY)]
    )
    assert sold.accrued == in_002.accrual
    assert isinstance(batch[0], CommitResult) and batch[0].accrued == in_003.accrual


def test_a_store_without_a_program_of_its_own_uses_the_chains(
    sandbox: RunningSandbox, sandbox_db_url: str, client: SoapLoyaltyService
) -> None:
    chain = client.get_program("001")
    program(sandbox_db_url, "--store", "002", "--accrual-percent", "7", "--confirmation-threshold", "5")
    member = enrol(sandbox, 1)[0]

    assert client.get_program("004") == chain
    assert client.calculate(member, receipt("004")).accrual == client.calculate(member, receipt("001")).accrual
    # ... and a store whose program is removed follows the chain's again.
    program(sandbox_db_url, "--store", "002", "--remove")
    assert client.get_program("002") == chain


def test_upgrading_to_store_programs_keeps_the_ledger_and_makes_the_program_the_chains(
    sandbox: RunningSandbox, sandbox_db_url: str, client: SoapLoyaltyService
) -> None:
    member = enrol(sandbox, 1)[0]
    client.commit(str(uuid.uuid4()), member, receipt("001"), ZERO, FiscalDocument("1", SANDBOX_DAY), True, SANDBOX_DAY)
    chain = client.get_program("001")
    client.close()
    sandbox.stop()
    try:
        downgrade(sandbox.engine, "0002")  # the schema before store programs, with its ledger
        before = recorded_transactions(sandbox.engine)

        upgrade(sandbox.engine)

        assert current_revision(sandbox.engine) == head_revision()
        assert recorded_transactions(sandbox.engine) == before
        with Session(sandbox.engine) as session:
            assert session.scalars(select(ProgramRow.store_id)).all() == [None]
        assert sandbox.service.get_program("002") == chain
        sandbox.clock.advance(timedelta(minutes=1))
        sandbox.service.commit(
            str(uuid.uuid4()), member, receipt("002"), ZERO, FiscalDocument("2", SANDBOX_DAY), True, SANDBOX_DAY
        )
        assert len(recorded_transactions(sandbox.engine)) == len(before) + 1
    finally:
        sandbox.engine.dispose()  # stopping the sandbox closed its connections; these were opened since


def test_the_program_command_refuses_changes_without_a_store(sandbox_db_url: str, sandbox: RunningSandbox) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "loyalty_client.sandbox.cli", "program", "--db", sandbox_db_url, "--accrual-percent", "5"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2
    assert "--store" in done.stderr and done.stdout == ""
