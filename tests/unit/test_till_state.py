"""TillState: small named values in the till's SQLite file; `update` never loses a change."""
from __future__ import annotations

import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cache.database import open_database
from cache.till_state import TillState

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def test_get_put_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    with open_database(path) as db:
        state = TillState(db, clock=lambda: T0)
        assert state.get("greeting") is None
        assert state.updated_at("greeting") is None
        state.put("greeting", "Прывітанне")
        state.put("other", "")
        assert state.get("greeting") == "Прывітанне"
        assert state.get("other") == ""
    with open_database(path) as db:
        state = TillState(db)
        assert state.get("greeting") == "Прывітанне"
        assert state.updated_at("greeting") == T0


def test_update_passes_the_current_value_and_returns_the_new_one(tmp_path: Path) -> None:
    now = [T0]
    with open_database(tmp_path / "till.sqlite") as db:
        state = TillState(db, clock=lambda: now[0])
        seen: list[str | None] = []

        def append_x(current: str | None) -> str:
            seen.append(current)
            return (current or "") + "x"

        assert state.update("k", append_x) == "x"
        now[0] = T0 + timedelta(minutes=1)
        assert state.update("k", append_x) == "xx"
        assert seen == [None, "x"]
        assert state.get("k") == "xx"
        assert state.updated_at("k") == T0 + timedelta(minutes=1)
        now[0] = T0 + timedelta(minutes=2)
        assert state.update("k", lambda current: current or "") == "xx"
        assert state.updated_at("k") == T0 + timedelta(minutes=1)  # unchanged value, no write


def test_a_failing_update_writes_nothing(tmp_path: Path) -> None:
    with open_database(tmp_path / "till.sqlite") as db:
        state = TillState(db)
        state.put("k", "kept")

        def refuse(_current: str | None) -> str:
            raise LookupError("no")

        with pytest.raises(LookupError):
            state.update("k", refuse)
        with pytest.raises(TypeError):
            state.update("k", lambda _current: 5)  # type: ignore[arg-type, return-value]
        assert state.get("k") == "kept"


@pytest.mark.parametrize("key", ["", "k" * 65])
def test_keys_are_short_names(tmp_path: Path, key: str) -> None:
    with open_database(tmp_path / "till.sqlite") as db:
        with pytest.raises(ValueError):
            TillState(db).put(key, "v")


def _increment(current: str | None) -> str:
    return str(int(current or "0") + 1)


def test_threads_with_their_own_connections_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    open_database(path).close()
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with open_database(path) as db:
                state = TillState(db)
                start.wait()
                for _ in range(25):
                    state.update("counter", _increment)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_database(path) as db:
        assert TillState(db).get("counter") == "100"


def test_two_processes_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "till.sqlite"
    open_database(path).close()
    code = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
from cache.database import open_database
from cache.till_state import TillState
with open_database({str(path)!r}) as db:
    state = TillState(db)
    for _ in range(40):
        state.update("counter", lambda current: str(int(current or "0") + 1))
"""
    workers = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE) for _ in range(2)]
    for worker in workers:
        _, stderr = worker.communicate(timeout=120)
        assert worker.returncode == 0, stderr.decode()
    with open_database(path) as db:
        assert TillState(db).get("counter") == "80"
