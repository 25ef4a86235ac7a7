"""Secrets an admin stores (the loyalty service's API key): kept, replaced, read back, forgotten,
in the keyring when there is one, else in a private file apart from the data."""
from __future__ import annotations

import stat
from pathlib import Path

import keyring
import pytest

from app.secrets_store import SecretFileError, default_secrets_folder, forget_secret, store_secret, stored_secret
from tests.unit.test_secrets_store import MemoryKeyring


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def test_without_a_keyring_a_stored_secret_is_a_private_file_that_can_be_replaced_and_forgotten(data: Path) -> None:
    assert stored_secret("api-key", data) is None, "nothing is made up"
    store_secret("api-key", b"first-key", data)
    path = default_secrets_folder() / "api-key.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stored_secret("api-key", data) == b"first-key"
    store_secret("api-key", b"second-key", data)
    assert stored_secret("api-key", data) == b"second-key"
    assert [p.name for p in path.parent.iterdir()] == ["api-key.key"], "no temporary file left"
    forget_secret("api-key", data)
    assert stored_secret("api-key", data) is None and not path.exists()
    assert not list(data.iterdir()), "never beside the data"


def test_a_secret_file_others_can_read_is_refused(data: Path) -> None:
    store_secret("api-key", b"k", data)
    path = default_secrets_folder() / "api-key.key"
    path.chmod(0o644)
    with pytest.raises(SecretFileError, match="open to other users"):
        stored_secret("api-key", data)


def test_with_a_keyring_the_secret_goes_there_and_no_file_is_written(data: Path) -> None:
    memory = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(memory)
    try:
        store_secret("api-key", b"in-the-keyring", data)
        assert stored_secret("api-key", data) == b"in-the-keyring"
        assert not (default_secrets_folder() / "api-key.key").exists()
        forget_secret("api-key", data)
        assert stored_secret("api-key", data) is None and not memory.values
    finally:
        keyring.set_keyring(previous)


def test_an_empty_secret_is_not_stored(data: Path) -> None:
    with pytest.raises(ValueError):
        store_secret("api-key", b"", data)
