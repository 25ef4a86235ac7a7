"""Secrets of the till (the customer-cache key), kept in the OS keyring.

Where the system has no keyring (a bare Linux till, CI), the secret lives in a file readable by
the till's user only, next to the database it protects; that is logged once, so an admin knows.
"""
from __future__ import annotations

import logging
import os
import secrets
import threading
from pathlib import Path

import keyring
from keyring.errors import KeyringError

log = logging.getLogger(__name__)

SERVICE = "till-loyalty"


def till_secret(name: str, fallback_folder: Path, size: int = 32) -> bytes:
    """The secret called `name`, made and stored on first use (keyring, else a private file).

    Safe to call from several threads at once (the till's workers start together): they all
    get the one secret that was stored.
    """
    with _making:
        try:
            stored = keyring.get_password(SERVICE, name)
            if stored is None:
                stored = secrets.token_hex(size)
                keyring.set_password(SERVICE, name, stored)
            return bytes.fromhex(stored)
        except (KeyringError, ValueError) as exc:
            log.warning("no usable OS keyring (%s); keeping %s in a private file", type(exc).__name__, name)
        return _file_secret(fallback_folder / f".{name}.key", size)


_making = threading.Lock()


def _file_secret(path: Path, size: int) -> bytes:
    """Read the secret file, or make it: written in full to a temporary file, then linked into
    place, so another process never reads a half-written secret and the first one made wins."""
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(size)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}.new")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(value)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return _read_secret(path)  # made meanwhile by another process: theirs is the secret
    finally:
        temporary.unlink(missing_ok=True)
    return bytes.fromhex(value)


def _read_secret(path: Path) -> bytes:
    value = bytes.fromhex(path.read_text(encoding="ascii").strip())
    if not value:
        raise ValueError(f"the secret file {path} is empty")
    return value
