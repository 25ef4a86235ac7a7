"""`till-loyalty service set-key|check`, and `load` / `queue sync` against RetailCRM, as subprocesses
against the fake RetailCRM over loopback.

Each run is a real `python -m app` process with a config folder of its own and no OS keyring
(the key goes to the private file in the secrets folder, as on a bare till).
"""
from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest

from loyalty_client.retailcrm.fake_server import COMPLETE, FakeRetailCrm

pytestmark = pytest.mark.integration

KEY = "crm-key-5c1f0e"
WAIT = 120


@pytest.fixture
def fake() -> Iterator[FakeRetailCrm]:
    with FakeRetailCrm(api_key=KEY) as server:
        yield server


@pytest.fixture
def sms_fake() -> Iterator[FakeRetailCrm]:
    with FakeRetailCrm(api_key=KEY, confirm_sms_charge=True) as server:
        yield server


class Till:
    """Runs `till-loyalty` commands on one till's settings, database and config folder."""

    def __init__(self, root: Path, config_home: Path) -> None:
        self.root = root
        self.config = root / "till-loyalty.ini"
        self.db = root / "till.sqlite"
        self.config_home = config_home

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "TILL_LOYALTY_API_KEY"}
        env.update(
            XDG_CONFIG_HOME=str(self.config_home),
            XDG_DATA_HOME=str(self.root / "data"),
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",  # never a developer's real keyring
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def run(self, *args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", *args, "--config", str(self.config), "--db", str(self.db)],
            cwd=self.root,
            env=self.env(**env),
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            timeout=WAIT,
        )


@pytest.fixture
def till(tmp_path: Path, _private_config_folder: Path) -> Till:
    return Till(tmp_path, _private_config_folder)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_set_key_keeps_it_out_of_the_settings_and_check_reports_the_program(till: Till, fake: FakeRetailCrm) -> None:
    stored = till.run("service", "set-key", stdin=KEY + "\n")
    assert stored.returncode == 0, stored.stderr
    assert "API key stored" in stored.stdout and KEY not in stored.stdout + stored.stderr

    checked = till.run("service", "check", "--service", fake.url)
    assert checked.returncode == 0, checked.stderr
    assert "program: Клуб друзей (BYN)" in checked.stdout
    assert "levels: Бронза from 0.00 (3.00%), Серебро from 500.00 (5.00%), Золото from 1500.00 (10.00%)" in checked.stdout
    assert "SMS confirmation of charges: off" in checked.stdout
    assert ("GET", "/api/v5/loyalty/loyalties") in fake.requests, "the check reached the fake with the stored key"

    secret = till.config_home / "till-loyalty" / "secrets" / "service-api-key.key"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert KEY not in till.config.read_text(encoding="utf-8"), "never in the settings file"


def test_check_says_sms_confirmation_is_on(till: Till, sms_fake: FakeRetailCrm) -> None:
    checked = till.run("service", "check", "--service", sms_fake.url, TILL_LOYALTY_API_KEY=KEY)
    assert checked.returncode == 0, checked.stderr
    assert "SMS confirmation of charges: on" in checked.stdout


@pytest.mark.parametrize(
    ("setup", "status", "words"),
    [
        ("wrong_key", 4, "the API key was refused"),
        ("unknown_account", 5, "no RetailCRM account at this address"),
        ("no_such_site", 6, "RetailCRM has no site 'nowhere'"),
        ("no_program", 7, "no active loyalty program"),
        ("unreachable", 3, "the service cannot be reached"),
        ("no_key", 2, "no API key"),
    ],
)
def test_check_says_exactly_what_is_wrong(till: Till, fake: FakeRetailCrm, setup: str, status: int, words: str) -> None:
    url, env = fake.url, {"TILL_LOYALTY_API_KEY": KEY}
    if setup == "wrong_key":
        env = {"TILL_LOYALTY_API_KEY": "not-the-key"}
    elif setup == "unknown_account":
        fake.account_exists = False
    elif setup == "no_such_site":
        url = url.replace(f"site={fake.site}", "site=nowhere")
    elif setup == "no_program":
        fake.program_active = False
    elif setup == "unreachable":
        url = f"retailcrm+http://127.0.0.1:{free_port()}/?site={fake.site}"
    elif setup == "no_key":
        env = {}
    checked = till.run("service", "check", "--service", url, **env)
    assert checked.returncode == status, checked.stderr
    line = one_line(checked)
    assert line.startswith("till-loyalty: service check: ") and words in line
    assert checked.stdout == ""
    assert "not-the-key" not in line and KEY not in line


def test_set_key_clear_removes_the_key(till: Till, fake: FakeRetailCrm) -> None:
    assert till.run("service", "set-key", stdin=KEY).returncode == 0
    assert till.run("service", "check", "--service", fake.url).returncode == 0
    cleared = till.run("service", "set-key", "--clear")
    assert cleared.returncode == 0 and "API key removed" in cleared.stdout
    checked = till.run("service", "check", "--service", fake.url)
    assert checked.returncode == 2 and "no API key" in one_line(checked)


def test_set_key_refuses_an_empty_key(till: Till) -> None:
    refused = till.run("service", "set-key", stdin="\n")
    assert refused.returncode == 2 and "the API key is empty" in one_line(refused)


@pytest.mark.parametrize("command", [["load", "--sales", "1"], ["queue", "sync"]])
def test_a_retailcrm_endpoint_without_a_key_is_one_line_and_exit_2(
    till: Till, fake: FakeRetailCrm, command: list[str]
) -> None:
    if command[0] == "queue":  # a till database to deliver from
        assert till.run("load", "--sales", "0", "--service", "http://127.0.0.1:9/").returncode == 0
    result = till.run(*command, "--service", fake.url)
    assert result.returncode == 2
    line = one_line(result)
    assert "RetailCRM endpoint needs an API key" in line and "service set-key" in line
    assert not [r for r in fake.requests if r[1].startswith("/api/v5/orders")], "nothing was sent"


def test_load_delivers_each_sale_as_one_order_once(till: Till, fake: FakeRetailCrm) -> None:
    assert till.run("service", "set-key", stdin=KEY).returncode == 0
    result = till.run("load", "--service", fake.url, "--sales", "20", "--seed", "5")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    committed = [line.split()[1] for line in lines if line.startswith("committed ")]
    voided = [line.split()[1] for line in lines if line.startswith("voided ")]
    refunded = [line.split()[2] for line in lines if line.startswith("refunded ")]
    (summary,) = [line for line in lines if line.startswith("summary ")]
    assert "waiting=0 failed=0" in summary, summary
    assert len(committed) == 20

    orders = fake.orders
    assert len({order.id for order in orders.values()}) == len(orders), "no order twice"
    creates = [path for method, path in fake.requests if (method, path) == ("POST", "/api/v5/orders/create")]
    assert len(creates) == len(orders), "each order created once: none refused as a duplicate"
    def operations(key: str, kind: str) -> list[dict[str, object]]:
        return [op for op in fake.operations if op["order"] == key and op["type"] == kind]

    for key in committed:
        order = orders[key]
        assert order.status == COMPLETE
        assert len(operations(key, "credit_for_order")) == 1, "each sale's accrual credited once"
        assert len(operations(key, "charge_for_order")) <= 1, "points charged at most once"
        if key not in refunded:
            assert order.credited and order.credit > 0
    for key in voided:
        assert orders[key].status == "cancel-other" and orders[key].charge == 0
    for key in refunded:
        assert len(operations(key, "cancel_of_credit")) == 1, "a whole return takes the accrual back once"
        assert orders[key].charge == 0 and not orders[key].credited
    assert refunded, "the seed refunds some sales"
    assert any(orders[key].charge for key in committed if key not in refunded), "the seed spends points"
    assert fake.balance_check()


def test_queue_sync_delivers_a_sale_recorded_offline_as_one_completed_order(till: Till, fake: FakeRetailCrm) -> None:
    import uuid
    from datetime import datetime, timezone

    from app.offline.outbox_sync import commit_payload
    from cache.database import open_database
    from cache.transactions.journal import Journal
    from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine

    key, now = str(uuid.uuid4()), datetime.now(timezone.utc)
    line = ReceiptLine(1, "4810001000035", "Кофе зерновой 250 г", Decimal("2"), Decimal("15.90"), Decimal("31.80"))
    receipt = Receipt(key[:8], "001", "01", now, (line,))
    database = open_database(till.db)
    try:  # the fake's account 2 (Иван Петров), sold offline with no points spent
        Journal(database).record_sale(key, "2", commit_payload(key, "2", receipt, Decimal("0.00"), FiscalDocument("9", now), True, now), now)
    finally:
        database.close()

    for _ in range(2):  # the second run finds nothing left to send
        result = till.run("queue", "sync", "--service", fake.url, TILL_LOYALTY_API_KEY=KEY)
        assert result.returncode == 0, result.stderr
    assert [order.external_id for order in fake.orders.values()] == [key]
    assert fake.orders[key].status == COMPLETE
    assert [op["type"] for op in fake.operations if op["order"] == key] == ["credit_for_order"]


def test_check_reports_the_soap_sandboxs_program_too(till: Till, sandbox) -> None:
    checked = till.run("service", "check", "--service", sandbox.url)
    assert checked.returncode == 0, checked.stderr
    assert "ok: SOAP service answers" in checked.stdout
    assert "program: Клуб друзей (BYN)" in checked.stdout
    assert "Серебро from 500.00 (5.00%)" in checked.stdout
