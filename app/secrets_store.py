"""Secrets of the till (the customer-cache key), kept in the OS keyring.

Where the system has no keyring (a bare Linux till, CI), the secret lives in a file readable by
the till's user only, next to the database it protects; that is logged once, so an admin knows.
"""
from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

import keyring
from keyring.errors import KeyringError

log = logging.getLogger(__name__)

SERVICE = "till-loyalty"


def till_secret(name: str, fallback_folder: Path, size: int = 32) -> bytes:
    """The secret called `name`, made and stored on first use (keyring, else a private file)."""
    try:
        stored = keyring.get_password(SERVICE, name)
        if stored is None:
            stored = secrets.token_hex(size)
            keyring.set_password(SERVICE, name, stored)
        return bytes.fromhex(stored)
    except (KeyringError, ValueError) as exc:
        log.warning("no usable OS keyring (%s); keeping %s in a private file", type(exc).__name__, name)
    return _file_secret(fallback_folder / f".{name}.key", size)


def _file_secret(path: Path, size: int) -> bytes:
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(size)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value)
        handle.flush()
        os.fsync(handle.fileno())
    return bytes.fromhex(value)
