"""The till's database folder and files are readable by the till's user only, on real files."""
from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cache.database import open_database
from cache.till_state import TillState


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most systems give a user session: new files 0644, new folders 0755."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _modes(folder: Path) -> dict[str, int]:
    return {entry.name: _mode(entry) for entry in folder.iterdir()}


def test_a_new_data_folder_and_the_database_wal_and_shm_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "share" / "till-loyalty"
    with open_database(folder / "till.sqlite") as database:
        TillState(database).put("admin_pin.hash", "$argon2id$...")  # a write: the WAL holds it
        assert _modes(folder) == {"till.sqlite": 0o600, "till.sqlite-wal": 0o600, "till.sqlite-shm": 0o600}
    assert _mode(folder) == 0o700
    assert os.umask(0o022) == 0o022, "the process's umask is given back"


def test_side_files_made_again_later_stay_private(tmp_path: Path) -> None:
    path = tmp_path / "till" / "till.sqlite"
    open_database(path).close()  # the last connection closed: SQLite removed the -wal and -shm
    assert sorted(_modes(path.parent)) == ["till.sqlite"]
    with open_database(path) as database:
        connection = sqlite3.connect(path)  # another program on the file, under the usual umask
        try:
            connection.execute("PRAGMA user_version = 7")
            assert TillState(database).get("missing") is None
        finally:
            connection.close()
        assert set(_modes(path.parent).values()) == {0o600}


def test_a_loose_folder_and_files_found_on_start_are_tightened_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "till"
    path = folder / "till.sqlite"
    # What an older version left: everything readable by all, a live WAL, the old secret file.
    writer = open_database(path)
    TillState(writer).put("k", "v")
    (folder / ".admin-pin-pepper.key").write_text("00" * 32, encoding="ascii")
    (folder / "notes.txt").write_text("not the till's", encoding="utf-8")
    for name in ("till.sqlite", "till.sqlite-wal", "till.sqlite-shm", ".admin-pin-pepper.key", "notes.txt"):
        os.chmod(folder / name, 0o644)
    os.chmod(folder, 0o755)
    try:
        with caplog.at_level(logging.WARNING, logger="cache.database"):
            with open_database(path) as database:
                assert TillState(database).get("k") == "v"
    finally:
        writer.close()
    assert _mode(folder) == 0o700
    assert _mode(path) == 0o600
    assert _mode(folder / ".admin-pin-pepper.key") == 0o600
    assert _mode(folder / "notes.txt") == 0o644, "a file the till did not make is left alone"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"{folder} was open to others (mode 755); made it 0700" in logged
    assert f"{path} was open to others (mode 644); made it 0600" in logged


def test_a_shared_folder_is_not_changed_but_the_files_are_private(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp: everybody's folder
    with caplog.at_level(logging.WARNING, logger="cache.database"):
        with open_database(shared / "till.sqlite") as database:
            TillState(database).put("k", "v")
            assert set(_modes(shared).values()) == {0o600}
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert any("is shared" in record.getMessage() for record in caplog.records)
