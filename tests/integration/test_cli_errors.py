"""Bad input to any `till-loyalty` command ends in one line on stderr and exit status 2, no traceback.

Each case runs `python -m app ...` as a real process, with HOME and the XDG folders in a temporary
folder, so the default settings file and database are never the user's own.
"""
from __future__ import annotations

import importlib.util
import os
import socket
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from app.cli.main import main
from app.demo.sandbox_child import STOP_WITH_PARENT_ENV
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.storage.db_url import DB_URL_ENV

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
WAIT = 60
PSYCOPG = importlib.util.find_spec("psycopg") is not None


class Place:
    """The files and folders the cases point at, made once for the module."""

    def __init__(self, root: Path, busy_port: int) -> None:
        self.root = root
        self.busy_port = busy_port
        self.home = root / "home"
        self.home.mkdir()
        self.text = root / "notes.txt"
        self.text.write_text("not a database\n", encoding="utf-8")
        self.folder = root / "folder"
        self.folder.mkdir()
        self.missing = root / "missing"
        self.no_section_ini = root / "no-section.ini"
        self.no_section_ini.write_text("language = ru\n", encoding="utf-8")
        self.binary_ini = root / "binary.ini"
        self.binary_ini.write_bytes(b"\xff\xfe\x00[ui]\n")
        self.language_ini = root / "language.ini"
        self.language_ini.write_text("[ui]\nlanguage = de\n", encoding="utf-8")
        self.endpoint_ini = root / "endpoint.ini"
        self.endpoint_ini.write_text("[service]\nendpoint = ftp://loyalty.example/\n", encoding="utf-8")
        self.shared_url_file = root / "shared-url"
        self.shared_url_file.write_text("sqlite:///x.sqlite\n", encoding="utf-8")
        self.shared_url_file.chmod(0o644)
        self.empty_url_file = root / "empty-url"
        self.empty_url_file.write_text("\n", encoding="utf-8")
        self.empty_url_file.chmod(0o600)
        self.plain_sqlite = root / "plain.sqlite"
        raw = sqlite3.connect(self.plain_sqlite)
        raw.execute("CREATE TABLE other (x)")
        raw.commit()
        raw.close()

    def fill(self, args: list[str]) -> list[str]:
        return [arg.format(p=self) for arg in args]


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Place]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    try:
        yield Place(tmp_path_factory.mktemp("cli-errors"), listener.getsockname()[1])
    finally:
        listener.close()


def environment(place: Place, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != DB_URL_ENV}
    env.update(
        HOME=str(place.home),
        XDG_CONFIG_HOME=str(place.home / "config"),
        XDG_DATA_HOME=str(place.home / "data"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def till_loyalty(place: Place, args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=place.root,
        env=environment(place, **env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )


# (command line, a fragment the one line must hold); {p.xxx} is a path of `Place`.
CASES: list[tuple[list[str], str]] = [
    # no command, an unknown one
    ([], "required: COMMAND"),
    (["fly"], "invalid choice: 'fly'"),
    (["-v", "sandbox"], "options before `sandbox` do not apply to it"),
    (["--language", "en", "devices", "list"], "options before `devices` do not apply to it"),
    # the global options, before or after the command
    (["--language", "xx", "demo"], "invalid choice: 'xx'"),
    (["run", "--language", "de"], "invalid choice: 'de'"),
    (["run", "--service", "not-a-url"], "'not-a-url' is not an http:// or https:// address"),
    (["--service", "http://loyalty.example:99999/", "load", "--sales", "1"], "port that is not a number"),
    (["queue", "status", "--config", "{p.folder}"], "is a folder, not a settings file"),
    (["queue", "status", "--config", "{p.text}/till-loyalty.ini"], "notes.txt is a file, so the settings file"),
    (["run", "--config", "{p.no_section_ini}"], "line 1 comes before any [section]"),
    (["demo", "--config", "{p.binary_ini}"], "not UTF-8"),
    (["queue", "list", "--config", "{p.language_ini}"], "[ui] language must be one of ru, be, en, not 'de'"),
    (["run", "--config", "{p.endpoint_ini}"], "'ftp://loyalty.example/' ([service] endpoint in"),
    (["run", "--db", "{p.text}"], "notes.txt is not a till database"),
    (["run", "--db", "{p.folder}"], "folder is a folder (--db)"),
    (["load", "--sales", "1", "--db", "{p.text}/till.sqlite"], "notes.txt is a file, so no database can be made"),
    # the till database cannot be made: caught on the way, not checked ahead
    (["load", "--sales", "1", "--db", "/proc/till-loyalty-none/till.sqlite"], "cannot use /proc/till-loyalty-none"),
    # load
    (["load"], "required: --sales"),
    (["load", "--sales", "-1"], "must not be negative"),
    (["load", "--sales", "1", "--db", "{p.text}", "--service", "http://127.0.0.1:9/"], "not a till database"),
    # queue
    (["queue"], "required: ACTION"),
    (["queue", "status", "--db", "{p.text}"], "notes.txt is not a till database"),
    (["queue", "list", "--db", "{p.missing}/till.sqlite", "--limit", "5"], "no till database at"),
    (["queue", "list", "--limit", "0"], "must be 1 or more"),
    (["queue", "retry", "abc"], "invalid int value: 'abc'"),
    (["queue", "sync", "--service", "mailto:x@y"], "'mailto:x@y' is not an http"),
    (["queue", "sync", "--db", "{p.folder}"], "is a folder (--db)"),
    # sandbox
    (["sandbox", "--db", "not-a-url"], "not a database URL: 'not-a-url'"),
    (["sandbox", "--db", "nosuchdb://host/x"], "unknown kind of database 'nosuchdb'"),
    (["sandbox", "--db", "sqlite:///{p.text}"], "notes.txt is not an SQLite database"),
    (["sandbox", "--db", "sqlite:///{p.missing}/sandbox.sqlite"], "no folder"),
    (["sandbox", "--port", "70000"], "70000 is not a port"),
    (["sandbox", "--port", "{p.busy_port}"], "the port is in use"),
    (["sandbox", "--faults", "CommitPurchase:explode"], "unknown fault kind 'explode'"),
    (["sandbox", "--db-file", "{p.shared_url_file}"], "can be read by other users (mode 644)"),
    (["sandbox", "--db-file", "{p.empty_url_file}"], "has no URL on its first line"),
    (["sandbox", "--db-file", "{p.missing}/url"], "cannot read --db-file"),
    (["sandbox", "--db", "sqlite://", "--db-file", "{p.empty_url_file}"], "not allowed with argument"),
    # sandbox ledger
    (["sandbox", "ledger"], "no database: give --db URL, --db-file PATH or set TILL_LOYALTY_SANDBOX_DB"),
    (["sandbox", "ledger", "--db", "sqlite:///{p.missing}.sqlite"], "no database at"),
    (["sandbox", "ledger", "--db", "{p.text}"], "not a database URL"),
    (["sandbox", "ledger", "--db", "sqlite:///{p.plain_sqlite}"], "is it a sandbox database?"),
    # devices
    (["devices"], "required: COMMAND"),
    (["devices", "list", "--all"], "unrecognized arguments: --all"),
    (["devices", "test-print", "lpt://1"], "unknown printer kind 'lpt'"),
    (["devices", "test-print", "tcp://127.0.0.1:9?width=57"], "width='57' must be 58 or 80"),
    (["devices", "test-scan", "tcp://127.0.0.1:9"], "unknown scanner kind 'tcp'"),
    (["devices", "test-scan", "serial:///dev/null", "--count", "0"], "must be 1 or more"),
]
if Path("/proc/self/mem").exists():  # a file even root cannot read from its start
    CASES.append((["run", "--config", "/proc/self/mem"], "cannot read the settings file /proc/self/mem"))
if not PSYCOPG:
    CASES.append((["sandbox", "--db", "postgresql://till@127.0.0.1/loyalty"], "no Python module 'psycopg'"))


@pytest.mark.parametrize(("args", "fragment"), CASES, ids=[" ".join(args) or "(nothing)" for args, _ in CASES])
def test_bad_input_is_one_line_and_exit_status_2(place: Place, args: list[str], fragment: str) -> None:
    result = till_loyalty(place, place.fill(args))
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(lines) == 1, result.stderr
    assert place.fill([fragment])[0] in lines[0]


def test_with_v_an_expected_error_shows_its_traceback_then_the_line(place: Place) -> None:
    result = till_loyalty(place, ["load", "--sales", "1", "-v", "--db", "/proc/till-loyalty-none/till.sqlite"])
    assert result.returncode == 2
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("till-loyalty: cannot use /proc/till-loyalty-none")


def test_a_bug_keeps_its_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.cli.queue

    def broken(*args: object, **kwargs: object) -> int:
        raise KeyError("a bug")

    monkeypatch.setattr(app.cli.queue, "run_queue", broken)
    with pytest.raises(KeyError):
        main(["queue", "status", "--config", str(tmp_path / "t.ini"), "--db", str(tmp_path / "t.sqlite")])


# ----- the sandbox's database URL from a file or the environment ------------------------------------


def ledger(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["sandbox", "ledger", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_url_is_read_from_a_private_file_or_the_environment(
    sandbox: RunningSandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    from loyalty_client.sandbox.storage.transaction_log import ledger_lines, recorded_transactions

    expected = "\n".join(ledger_lines(recorded_transactions(sandbox.engine))) + "\n"
    url_file = tmp_path / "sandbox-url"
    url_file.write_text(f"{sandbox.db_url}\nsecond line ignored\n", encoding="utf-8")
    url_file.chmod(0o600)
    assert ledger(capsys, "--db-file", str(url_file)) == (0, expected, "")

    monkeypatch.setenv(DB_URL_ENV, sandbox.db_url)
    assert ledger(capsys) == (0, expected, "")
    # --db and --db-file come before the environment
    code, _, err = ledger(capsys, "--db", f"sqlite:///{tmp_path / 'none.sqlite'}")
    assert code == 2 and "none.sqlite" in err


def test_a_url_file_others_can_read_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url_file = tmp_path / "sandbox-url"
    url_file.write_text("sqlite:///x.sqlite\n", encoding="utf-8")
    for mode in (0o640, 0o604):
        url_file.chmod(mode)
        code, out, err = ledger(capsys, "--db-file", str(url_file))
        assert code == 2 and out == ""
        assert f"can be read by other users (mode {stat.S_IMODE(mode):03o})" in err and "chmod 600" in err


def test_a_url_from_a_file_is_not_repeated_in_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url_file = tmp_path / "sandbox-url"
    url_file.write_text("postgres:/till:s3cret@host\n", encoding="utf-8")
    url_file.chmod(0o600)
    code, _, err = ledger(capsys, "--db-file", str(url_file))
    assert code == 2 and f"not a database URL in --db-file {url_file}" in err
    assert "s3cret" not in err


def test_a_password_on_the_command_line_is_warned_about_and_not_shown(place: Place) -> None:
    result = till_loyalty(place, ["sandbox", "--db", f"sqlite://till:s3cret@/{place.missing}.sqlite"])
    assert result.returncode == 2
    warning, error = result.stderr.splitlines()
    assert warning.startswith("sandbox: warning: the password in --db shows in the process list")
    assert "--db-file PATH or TILL_LOYALTY_SANDBOX_DB" in warning
    assert "an SQLite URL has no user, password or host" in error
    assert "s3cret" not in result.stderr


def test_no_warning_without_a_password_or_when_it_comes_from_the_environment(place: Place) -> None:
    url = f"sqlite://till:s3cret@/{place.missing}.sqlite"
    result = till_loyalty(place, ["sandbox", "ledger"], **{DB_URL_ENV: url})
    assert result.returncode == 2
    assert "warning" not in result.stderr and "s3cret" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_the_demos_own_sandbox_ignores_the_url_set_for_a_standalone_one(place: Place) -> None:
    env = environment(place, **{DB_URL_ENV: f"sqlite:///{place.missing}/sandbox.sqlite", STOP_WITH_PARENT_ENV: "1"})
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "sandbox", "--port", "0"],
        cwd=place.root,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline()  # type: ignore[union-attr]
        assert first.startswith("SANDBOX LISTENING http://127.0.0.1:"), process.stderr.read()  # type: ignore[union-attr]
        process.stdin.close()  # type: ignore[union-attr]  # as when the demo ends
        assert process.wait(timeout=WAIT) == 0
    finally:
        process.kill()
        process.wait()
        for stream in (process.stdout, process.stderr):
            stream.close()  # type: ignore[union-attr]
    assert not place.missing.exists()
