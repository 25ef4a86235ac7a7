"""`till-loyalty load`: complete sales through the real checkout against the sandbox, with no window."""
from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli.main import main
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.demo import ANNA
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions

pytestmark = pytest.mark.integration


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """A settings file of the test's own (the default one lives in the user's home)."""
    return tmp_path / "till-loyalty.ini"


def load(
    capsys: pytest.CaptureFixture[str], url: str, db: Path, config: Path, *extra: str
) -> tuple[int, list[str]]:
    code = main(["load", "--service", url, "--db", str(db), "--config", str(config), *extra])
    return code, capsys.readouterr().out.splitlines()


def events(lines: list[str], kind: str) -> list[str]:
    return [line.split()[1] for line in lines if line.startswith(kind + " ")]


def summary(lines: list[str]) -> dict[str, int]:
    (line,) = [line for line in lines if line.startswith("summary ")]
    return {key: int(value) for key, value in (part.split("=") for part in line.split()[1:])}


def journal(db: Path) -> list[tuple[str, str, str]]:
    raw = sqlite3.connect(db)
    try:
        return raw.execute("SELECT operation, key, customer_id FROM journal ORDER BY id").fetchall()
    finally:
        raw.close()


def test_every_sale_is_recorded_then_delivered_exactly_once(
    sandbox: RunningSandbox, tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "till.sqlite"
    code, lines = load(capsys, sandbox.url, db, config, "--sales", "25", "--seed", "11")
    assert code == 0
    committed, voided, refunded = events(lines, "committed"), events(lines, "voided"), events(lines, "refunded")
    counts = summary(lines)
    assert counts["sales"] == 25 and counts["committed"] == len(committed) == 25, "every member is found online"
    assert voided and refunded, "the seed makes some voids and refunds"
    assert counts["waiting"] == 0 and counts["failed"] == 0

    recorded = journal(db)
    assert [key for op, key, _ in recorded if op == "commit"] == committed
    assert [key for op, key, _ in recorded if op == "cancel"] == voided
    assert [key for op, key, _ in recorded if op == "refund"] == refunded

    ledger = recorded_transactions(sandbox.engine)
    assert sorted(e["transactionId"] for e in ledger if e["kind"] == "purchase") == sorted(committed)
    assert sorted(e["transactionId"] for e in ledger if e["kind"] == "cancel") == sorted(voided)
    assert sorted(e["transactionId"] for e in ledger if e["kind"] == "refund") == sorted(refunded)
    assert len({(e["kind"], e["transactionId"]) for e in ledger}) == len(ledger)
    assert not any(e["kind"] == "purchase" and e["offline"] for e in ledger)

    # the returns went through the returns core: estimated as the service then reversed them
    raw = sqlite3.connect(db)
    try:
        refunds = {key: json.loads(text) for key, text in raw.execute("SELECT key, payload FROM journal WHERE operation = 'refund'")}
    finally:
        raw.close()
    reversed_by_service = {e["transactionId"]: e for e in ledger if e["kind"] == "refund"}
    for key, payload in refunds.items():
        expected = payload["return"]["expected"]
        assert expected is not None, "a sale of this till: its allocation was kept"
        assert reversed_by_service[key]["points"] == expected["redeem_returned"]
        # the service takes back no more accrual than the member still has
        assert Decimal(reversed_by_service[key]["accrual"]) <= Decimal(expected["accrual_reversed"])


def test_the_seed_decides_customers_and_receipts(
    sandbox: RunningSandbox, tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def shape(db: Path) -> list[tuple[str, str]]:
        raw = sqlite3.connect(db)
        try:
            rows = raw.execute("SELECT customer_id, payload FROM journal WHERE operation = 'commit' ORDER BY id")
            return [
                (customer, json.dumps([(l["sku"], l["quantity"]) for l in json.loads(payload)["receipt"]["lines"]]))
                for customer, payload in rows
            ]
        finally:
            raw.close()

    for name in ("a", "b"):
        assert load(capsys, sandbox.url, tmp_path / f"{name}.sqlite", config, "--sales", "6", "--seed", "3")[0] == 0
    assert load(capsys, sandbox.url, tmp_path / "c.sqlite", config, "--sales", "6", "--seed", "4")[0] == 0
    assert shape(tmp_path / "a.sqlite") == shape(tmp_path / "b.sqlite")
    assert shape(tmp_path / "a.sqlite") != shape(tmp_path / "c.sqlite")


def test_offline_sales_are_kept_and_delivered_once_the_service_is_back(
    sandbox: RunningSandbox, tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "till.sqlite"
    code, lines = load(capsys, sandbox.url, db, config, "--sales", "1", "--customer", ANNA.phone)
    assert code == 0 and len(events(lines, "committed")) == 1  # Anna is now in the till's cache
    with sandbox.refusing():
        code, lines = load(capsys, sandbox.url, db, config, "--sales", "8", "--customer", ANNA.phone, "--seed", "2")
        assert code == 0, "offline sales are sales"
        offline = events(lines, "committed")
        assert len(offline) == 8
        counts = summary(lines)
        assert counts["delivered"] == 0 and counts["waiting"] == 8 + counts["refunds"]
        assert events(lines, "voided") == [], "nothing can be reserved offline"
        # a till that never saw this member cannot name them offline: the sale goes on without loyalty
        code, lines = load(capsys, sandbox.url, db, config, "--sales", "1", "--customer", "+375 33 765-43-21")
        assert code == 0 and len(events(lines, "anonymous")) == 1 and events(lines, "committed") == []
    assert main(["queue", "sync", "--service", sandbox.url, "--db", str(db), "--config", str(config)]) == 0
    ledger = recorded_transactions(sandbox.engine)
    purchases = [e for e in ledger if e["kind"] == "purchase"]
    assert sorted(e["transactionId"] for e in purchases if e["offline"]) == sorted(offline)
    assert len(purchases) == 9


def test_with_no_sales_it_only_delivers_what_waits(
    sandbox: RunningSandbox, tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "till.sqlite"
    load(capsys, sandbox.url, db, config, "--sales", "1", "--customer", ANNA.phone)
    with sandbox.refusing():
        code, lines = load(capsys, sandbox.url, db, config, "--sales", "3", "--customer", ANNA.phone, "--seed", "1")
    waiting = summary(lines)["waiting"]
    assert waiting >= 3
    code, lines = load(capsys, sandbox.url, db, config, "--sales", "0")
    assert code == 0
    assert summary(lines) == dict(
        sales=0, committed=0, anonymous=0, voided=0, refunds=0, delivered=waiting, waiting=0, failed=0
    )


@pytest.mark.parametrize("args", [["--sales", "-1"], ["--sales", "x"], [], ["--sales", "1", "--sync-every", "0"]])
def test_bad_arguments_are_refused(args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["load", "--db", str(tmp_path / "t.sqlite"), *args])
    assert exit_.value.code == 2
    assert not (tmp_path / "t.sqlite").exists()


def test_refunds_pick_only_from_a_window_of_the_latest_sales(
    sandbox: RunningSandbox, tmp_path: Path, config: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The run keeps only so many sales to refund, however long it goes (its memory stays flat).
    monkeypatch.setattr("app.cli.load.REFUND_WINDOW", 3)
    code, lines = load(capsys, sandbox.url, tmp_path / "till.sqlite", config, "--sales", "40", "--seed", "5")
    assert code == 0
    sold: list[str] = []
    refunds = 0
    for line in lines:
        if line.startswith("committed "):
            sold.append(line.split()[1])
        elif line.startswith("refunded "):
            refunds += 1
            assert line.split()[2] in sold[-3:], "a refund of a sale older than the window"
    assert refunds >= 3 and len(sold) > 10, "the seed makes refunds enough"
