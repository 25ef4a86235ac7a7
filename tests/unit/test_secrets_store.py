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
