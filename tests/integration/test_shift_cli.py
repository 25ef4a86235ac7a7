"""`till-loyalty shift` as a subprocess, over a journal of real sales delivered to the sandbox and
some left waiting: the table, `--json` (what the host API answers), and bad input refused in one line."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli.main import main
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.demo import ANNA
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions

pytestmark = pytest.mark.integration

WAIT = 60
EVER = ["--from", "2000-01-01T00:00:00+00:00", "--to", "2100-01-01T00:00:00Z"]


def shift(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "app", "shift", "--config", str(tmp_path / "till.ini"), *args],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )


@pytest.fixture
def journal(sandbox: RunningSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A till database: delivered sales, then 3 of Anna's sales made while the service was down."""
    db = tmp_path / "till.sqlite"
    common = ["--service", sandbox.url, "--db", str(db), "--config", str(tmp_path / "till.ini")]
    assert main(["load", *common, "--sales", "6", "--seed", "5"]) == 0
    assert main(["load", *common, "--sales", "1", "--customer", ANNA.phone]) == 0
    with sandbox.refusing():
        assert main(["load", *common, "--sales", "3", "--customer", ANNA.phone, "--seed", "1"]) == 0
    capsys.readouterr()
    return db


def test_json_is_the_host_apis_answer_and_the_table_marks_what_waits(
    journal: Path, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    answer = shift(tmp_path, "--db", str(journal), "--json", *EVER)
    assert answer.returncode == 0, answer.stderr
    data = json.loads(answer.stdout)
    ledger = [e for e in recorded_transactions(sandbox.engine) if e["kind"] == "purchase"]
    assert data["sales"]["count"] == len(ledger) + 3 and data["sales"]["unconfirmed"] == 3
    assert data["pointsEarned"]["confirmed"] == str(sum(Decimal(e["accrual"]) for e in ledger))
    assert Decimal(data["pointsEarned"]["expected"]) > 0 and not data["pointsEarned"]["fullyConfirmed"]
    assert data["deliveries"]["waiting"] >= 3 and not data["fullyConfirmed"]
    assert data["from"] == "2000-01-01T00:00:00+00:00"

    table = shift(tmp_path, "--db", str(journal), *EVER)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    [sales] = [line for line in lines if line.startswith("sales with a customer")]
    assert sales.split()[4:] == [str(data["sales"]["count"]), str(len(ledger)), "3", "*"]
    [earned] = [line for line in lines if line.startswith("points earned")]
    earned_figures = data["pointsEarned"]
    assert earned.split()[2:] == [earned_figures["total"], earned_figures["confirmed"], earned_figures["expected"], "*"]
    [waiting] = [line for line in lines if line.startswith("deliveries waiting")]
    assert waiting.split()[-1] == str(data["deliveries"]["waiting"])
    assert any(line.startswith("* not yet confirmed") for line in lines)

    today = shift(tmp_path, "--db", str(journal), "--json")
    assert today.returncode == 0, today.stderr
    assert json.loads(today.stdout)["sales"]["count"] == data["sales"]["count"], "made today, counted today"


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--from", "yesterday"], "not an ISO 8601 time: 'yesterday'"),
        (["--to", "2026-12-05T08:00:00"], "has no UTC offset"),
        (["--from", "2026-12-05T08:00:00+03:00", "--to", "2026-12-05T08:00:00+03:00"], "must end after it starts"),
        (["--db", "{tmp}/nowhere.sqlite"], "no till database at"),
        (["--db", "{tmp}"], "is a folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    answer = shift(tmp_path, *[arg.format(tmp=tmp_path) for arg in args])
    assert answer.returncode == 2, answer
    assert answer.stdout == ""
    [line] = answer.stderr.splitlines()
    assert fragment in line and line.startswith("till-loyalty")
