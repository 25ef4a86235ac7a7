import logging
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.backends import fail

from app.secrets_store import SecretFileError, default_secrets_folder, till_secret


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The database's folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


class MemoryKeyring(KeyringBackend):
    """A keyring a test sets explicitly; never chosen by keyring itself (its priority raises),
    since defining a backend class registers it for every test of the run."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("only for tests that set it themselves")

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_without_a_keyring_the_secret_is_kept_in_the_config_folder_not_beside_the_data(
    data: Path, _private_config_folder: Path, no_keyring
) -> None:
    first = till_secret("cache-key", data)
    again = till_secret("cache-key", data)
    other = till_secret("other-key", data)
    assert len(first) == 32 and first == again and first != other
    folder = default_secrets_folder()
    assert folder.is_relative_to(_private_config_folder)
    key_file = folder / "cache-key.key"
    assert bytes.fromhex(key_file.read_text(encoding="ascii")) == first
    assert _mode(folder) == 0o700 and _mode(key_file) == 0o600
    assert list(data.iterdir()) == [], "nothing is written beside the database"


def test_the_folder_named_in_the_settings_is_used(tmp_path: Path, data: Path, no_keyring) -> None:
    chosen = tmp_path / "etc" / "till-loyalty" / "secrets"
    secret = till_secret("cache-key", data, folder=chosen)
    assert bytes.fromhex((chosen / "cache-key.key").read_text(encoding="ascii")) == secret
    assert _mode(chosen) == 0o700
    assert not default_secrets_folder().exists()


@pytest.mark.parametrize("inside", [".", "secrets", "a/b"])
def test_a_secrets_folder_inside_the_data_folder_is_refused(data: Path, inside: str, no_keyring) -> None:
    with pytest.raises(SecretFileError, match="inside the database's folder"):
        till_secret("cache-key", data, folder=data / inside)
    assert list(data.iterdir()) == []


def test_with_a_keyring_the_secret_lives_there_and_no_file_is_written(data: Path) -> None:
    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    try:
        secret = till_secret("cache-key", data)
        assert till_secret("cache-key", data) == secret
    finally:
        keyring.set_keyring(previous)
    assert store.values[("till-loyalty", "cache-key")] == secret.hex()
    assert list(data.iterdir()) == []
    assert not default_secrets_folder().exists()


def test_workers_starting_together_all_get_the_one_secret(data: Path, no_keyring) -> None:
    import threading

    barrier = threading.Barrier(8)
    found: list[bytes] = []
    errors: list[BaseException] = []

    def work() -> None:
        barrier.wait()
        try:
            found.append(till_secret("cache-key", data))
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(found) == 8 and len(set(found)) == 1 and len(found[0]) == 32
    names = sorted(p.name for p in default_secrets_folder().iterdir())
    assert names == ["cache-key.key"], "no temporary file is left"


def test_processes_starting_together_all_get_the_one_secret(data: Path, no_keyring) -> None:
    import subprocess
    import sys

    code = (
        "import sys, keyring; from keyring.backends import fail; keyring.set_keyring(fail.Keyring());"
        "from pathlib import Path; from app.secrets_store import till_secret;"
        "print(till_secret('cache-key', Path(sys.argv[1])).hex())"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", code, str(data)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = {process.communicate(timeout=60)[0].strip() for process in processes}
    assert all(process.returncode == 0 for process in processes)
    assert len(outputs) == 1
    secret = bytes.fromhex(outputs.pop())
    assert len(secret) == 32
    assert till_secret("cache-key", data) == secret, "the subprocesses used this test's config folder"


def test_an_empty_secret_file_is_refused_not_used(data: Path, no_keyring) -> None:
    folder = default_secrets_folder()
    folder.mkdir(parents=True)
    fd = os.open(folder / "cache-key.key", os.O_WRONLY | os.O_CREAT, 0o600)
    os.close(fd)
    with pytest.raises(ValueError, match="empty"):
        till_secret("cache-key", data)


# -- refusing what others may read ----------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o620])
def test_a_secret_file_others_may_read_is_refused_with_a_clear_error(data: Path, mode: int, no_keyring) -> None:
    till_secret("cache-key", data)
    key_file = default_secrets_folder() / "cache-key.key"
    os.chmod(key_file, mode)
    with pytest.raises(SecretFileError, match=rf"{key_file} is open to other users \(mode {mode:o}\).*chmod 600"):
        till_secret("cache-key", data)
    assert _mode(key_file) == mode, "the till does not quietly fix and use a secret others may have read"


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="giving a file away needs root")
def test_a_secret_file_of_another_user_is_refused(data: Path, no_keyring) -> None:
    till_secret("cache-key", data)
    key_file = default_secrets_folder() / "cache-key.key"
    os.chown(key_file, 4242, 4242)
    with pytest.raises(SecretFileError, match=r"belongs to another user \(uid 4242\)"):
        till_secret("cache-key", data)


def test_a_loose_secrets_folder_of_the_till_is_tightened_and_logged(
    data: Path, no_keyring, caplog: pytest.LogCaptureFixture
) -> None:
    folder = default_secrets_folder()
    folder.mkdir(parents=True)
    os.chmod(folder, 0o755)
    with caplog.at_level(logging.WARNING, logger="app.secrets_store"):
        till_secret("cache-key", data)
    assert _mode(folder) == 0o700
    assert any("made it 0700" in record.getMessage() for record in caplog.records)


# -- the secret an older version kept beside the database -------------------------------------------


def _old_secret(data: Path, name: str, value: bytes) -> Path:
    """The file an older version wrote beside the database."""
    legacy = data / f".{name}.key"
    fd = os.open(legacy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value.hex())
    return legacy


def test_a_secret_beside_the_database_is_moved_once_with_its_value(
    data: Path, no_keyring, caplog: pytest.LogCaptureFixture
) -> None:
    value = bytes(range(32))
    legacy = _old_secret(data, "cache-key", value)
    with caplog.at_level(logging.WARNING, logger="app.secrets_store"):
        assert till_secret("cache-key", data) == value
    assert not legacy.exists()
    moved = default_secrets_folder() / "cache-key.key"
    assert bytes.fromhex(moved.read_text(encoding="ascii")) == value and _mode(moved) == 0o600
    assert any("moved the secret" in record.getMessage() for record in caplog.records)
    assert till_secret("cache-key", data) == value
    assert list(data.iterdir()) == []


def test_a_pin_set_before_the_move_still_verifies(data: Path, no_keyring) -> None:
    from app.admin.controller import AdminStore
    from app.admin.pin import AdminPin
    from cache.database import open_database
    from cache.till_state import TillState

    database_path = data / "till.sqlite"
    pepper = bytes(range(100, 132))
    legacy = _old_secret(data, "admin-pin-pepper", pepper)
    with open_database(database_path) as database:  # the PIN as an older version stored it
        AdminPin(TillState(database), pepper, lambda: datetime.now(timezone.utc)).create("975310")

    store = AdminStore(database_path)
    try:
        assert store.pin.check("975310").ok
        assert not store.pin.check("975311").ok
    finally:
        store.database.close()
    assert not legacy.exists()
    assert (default_secrets_folder() / "admin-pin-pepper.key").exists()


def test_a_different_secret_beside_the_database_is_not_overwritten_nor_dropped(data: Path, no_keyring) -> None:
    current = till_secret("cache-key", data)
    older = bytes(reversed(current))
    legacy = _old_secret(data, "cache-key", older)
    with pytest.raises(SecretFileError, match=r"hold different secrets.*\[secrets\] folder"):
        till_secret("cache-key", data)
    assert bytes.fromhex(legacy.read_text(encoding="ascii")) == older
    assert till_secret("cache-key", data, folder=data.parent / "own-secrets") == older, "moved to a folder of its own"
