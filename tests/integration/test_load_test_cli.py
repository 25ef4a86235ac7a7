"""`till-loyalty sandbox load-test` run as a process against a real sandbox: throughput, latency per
operation and a ledger check that holds only when every committed sale is recorded once."""
from __future__ import annotations

import re
import subprocess
import sys
import uuid
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fiscal.receipt import FiscalDocument
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.commands.load_test import TillLog, check_in_database
from loyalty_client.sandbox.storage.models import TransactionRow
from tests.integration.test_drain_lost_answers import enrol, receipt

pytestmark = pytest.mark.integration


def purchases(sandbox: RunningSandbox, kind: str = "purchase") -> int:
    with Session(sandbox.engine) as session:
        return session.scalar(select(func.count()).select_from(TransactionRow).where(TransactionRow.kind == kind)) or 0


def test_three_tills_sell_and_the_ledger_holds_each_sale_once(sandbox: RunningSandbox, sandbox_db_url: str) -> None:
    before = purchases(sandbox)

    done = subprocess.run(
        [sys.executable, "-m", "loyalty_client.sandbox.cli", "load-test",
         "--tills", "3", "--sales", "10", "--service", sandbox.url, "--db", sandbox_db_url, "--members", "5"],
        capture_output=True, text=True, timeout=120,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"sales committed: 30 in [\d.]+ s: [\d.]+ sales/s", done.stdout)
    for operation in ("identify", "calculate", "reserve", "commit", "refund"):
        assert re.search(rf"^  {operation} +\d+ +0 +[\d.]+ +[\d.]+$", done.stdout, re.MULTILINE), operation
    assert "ledger check (in the sandbox database): OK, 30 sales and 3 refunds each recorded once" in done.stdout
    assert purchases(sandbox) == before + 30 and purchases(sandbox, "refund") == 3


def test_the_ledger_check_reports_a_sale_not_recorded_and_one_recorded_though_failed(
    sandbox: RunningSandbox, sandbox_db_url: str
) -> None:
    recorded = str(uuid.uuid4())
    now = datetime.now(timezone.utc)
    sandbox.service.commit(recorded, enrol(sandbox, 1)[0], receipt(recorded), Decimal("0.00"), FiscalDocument("1", now), True, now)
    log = TillLog(committed={"NEVER-RECORDED": object()}, failed=[recorded])

    problems = check_in_database(sandbox_db_url, [log])

    assert sorted(problems) == sorted([
        "purchase NEVER-RECORDED: recorded 0 times, expected 1",
        f"purchase {recorded}: recorded 1 times, expected 0",
    ])
