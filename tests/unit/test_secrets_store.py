import stat
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from app.secrets_store import till_secret


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.values.pop((service, username), None)


def test_without_a_keyring_the_secret_is_kept_in_a_private_file_and_stays_the_same(tmp_path: Path, no_keyring) -> None:
    first = till_secret("cache-key", tmp_path)
    again = till_secret("cache-key", tmp_path)
    other = till_secret("other-key", tmp_path)
    assert len(first) == 32 and first == again and first != other
    key_file = tmp_path / ".cache-key.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_with_a_keyring_the_secret_lives_there_and_no_file_is_written(tmp_path: Path) -> None:
    previous = keyring.get_keyring()
    store = MemoryKeyring()
    keyring.set_keyring(store)
    try:
        secret = till_secret("cache-key", tmp_path)
        assert till_secret("cache-key", tmp_path) == secret
    finally:
        keyring.set_keyring(previous)
    assert store.values[("till-loyalty", "cache-key")] == secret.hex()
    assert list(tmp_path.iterdir()) == []


def test_workers_starting_together_all_get_the_one_secret(tmp_path: Path, no_keyring) -> None:
    import threading

    barrier = threading.Barrier(8)
    found: list[bytes] = []
    errors: list[BaseException] = []

    def work() -> None:
        barrier.wait()
        try:
            found.append(till_secret("cache-key", tmp_path))
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(found) == 8 and len(set(found)) == 1 and len(found[0]) == 32
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache-key.key"], "no temporary file is left"


def test_processes_starting_together_all_get_the_one_secret(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys, keyring; from keyring.backends import fail; keyring.set_keyring(fail.Keyring());"
        "from pathlib import Path; from app.secrets_store import till_secret;"
        "print(till_secret('cache-key', Path(sys.argv[1])).hex())"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = {process.communicate(timeout=60)[0].strip() for process in processes}
    assert all(process.returncode == 0 for process in processes)
    assert len(outputs) == 1 and len(bytes.fromhex(outputs.pop())) == 32


def test_an_empty_secret_file_is_refused_not_used(tmp_path: Path, no_keyring) -> None:
    (tmp_path / ".cache-key.key").write_text("", encoding="ascii")
    with pytest.raises(ValueError, match="empty"):
        till_secret("cache-key", tmp_path)
