"""Secrets of the till (the admin PIN's pepper, the customer-cache key, the loyalty service's API
key), kept in the OS keyring.

Where the system has no usable keyring (a bare Linux till, CI), each secret lives in a file of
its own in the secrets folder: the platform's config folder (`default_secrets_folder`) or the one
the admin names in the settings (`[secrets] folder`). Never beside the database they protect: a
copy of the data folder (a backup, a stolen disk image) must not carry the key that opens it.
The folder is 0700 and the files 0600; like ssh with a private key, the till refuses a secret
file others may read or that belongs to another user, and a secrets folder others may write.

Older versions kept the file beside the database (`.<name>.key`); it is moved to the secrets
folder the first time it is used (the value kept, so the PIN and the cache stay valid).
"""
from __future__ import annotations

import logging
import os
import secrets
import stat
import threading
from enum import Enum
from pathlib import Path

import keyring
import platformdirs
from keyring.errors import KeyringError

log = logging.getLogger(__name__)

SERVICE = "till-loyalty"
FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name == "posix"


class SecretProblem(Enum):
    """Why a secret file or the secrets folder cannot be used, for a screen to say in its own words."""

    CANNOT_WRITE = "cannot_write"
    INSIDE_DATA_FOLDER = "inside_data_folder"
    FOLDER_OF_ANOTHER_USER = "folder_of_another_user"
    FOLDER_WRITABLE_BY_OTHERS = "folder_writable_by_others"
    CONFLICTING_COPIES = "conflicting_copies"
    NOT_A_FILE = "not_a_file"
    FILE_OF_ANOTHER_USER = "file_of_another_user"
    FILE_READABLE_BY_OTHERS = "file_readable_by_others"


class SecretFileError(RuntimeError):
    """A secret file or the secrets folder cannot be used (not private, or in conflict); the
    message names the file and says what to do. `problem` says why and `path` is the file or
    folder at fault."""

    def __init__(self, message: str, problem: SecretProblem, path: Path) -> None:
        super().__init__(message)
        self.problem = problem
        self.path = path


def default_secrets_folder() -> Path:
    """Where secret files live without a keyring, unless the settings name another folder."""
    return Path(platformdirs.user_config_dir(SERVICE, appauthor=False)) / "secrets"


def till_secret(name: str, data_folder: Path, size: int = 32, *, folder: Path | None = None) -> bytes:
    """The secret called `name`, made and stored on first use (keyring, else a private file).

    `data_folder` is the folder of the data the secret protects (the database's): the secret is
    never kept there, and one an older version left there is moved. `folder` is where the file
    goes without a keyring (None: `default_secrets_folder()`). Raises SecretFileError when a
    file or the folder is not private, or the folder is inside `data_folder`.

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
        secrets_folder = default_secrets_folder() if folder is None else folder
        _refuse_inside(secrets_folder, data_folder)
        _private_folder(secrets_folder)
        return _file_secret(secrets_folder / f"{name}.key", data_folder / f".{name}.key", size)


_making = threading.Lock()


def stored_secret(name: str, data_folder: Path, *, folder: Path | None = None) -> bytes | None:
    """The secret called `name` as an admin stored it (`store_secret`), or None when there is none.

    Unlike `till_secret`, nothing is made: such a secret (an API key) comes from outside.
    The same places and checks as `till_secret`.
    """
    with _making:
        try:
            stored = keyring.get_password(SERVICE, name)
            return None if stored is None else bytes.fromhex(stored)
        except (KeyringError, ValueError) as exc:
            log.debug("no usable OS keyring (%s); reading %s from its private file", type(exc).__name__, name)
        secrets_folder = _checked_folder(folder, data_folder)
        return _read_if_present(secrets_folder / f"{name}.key")


def store_secret(name: str, value: bytes, data_folder: Path, *, folder: Path | None = None) -> None:
    """Keep `value` as the secret called `name`, replacing what was kept (keyring, else a private file)."""
    if not value:
        raise ValueError("an empty secret cannot be stored")
    with _making:
        try:
            keyring.set_password(SERVICE, name, value.hex())
            return
        except KeyringError as exc:
            log.warning("no usable OS keyring (%s); keeping %s in a private file", type(exc).__name__, name)
        path = _checked_folder(folder, data_folder) / f"{name}.key"
        _replace(path, value)


def forget_secret(name: str, data_folder: Path, *, folder: Path | None = None) -> None:
    """Remove the secret called `name` from the keyring and from its private file (if there)."""
    with _making:
        try:
            keyring.delete_password(SERVICE, name)
        except KeyringError:
            pass  # not in the keyring (PasswordDeleteError), or no usable keyring
        path = _checked_folder(folder, data_folder) / f"{name}.key"
        if path.exists():
            path.unlink()
            _sync_folder(path.parent)


def _checked_folder(folder: Path | None, data_folder: Path) -> Path:
    secrets_folder = default_secrets_folder() if folder is None else folder
    _refuse_inside(secrets_folder, data_folder)
    _private_folder(secrets_folder)
    return secrets_folder


def _replace(path: Path, value: bytes) -> None:
    """Write the secret in full to a private temporary file, then rename it over the old one."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}.new")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except PermissionError as exc:
        raise SecretFileError(
            f"the till's user cannot write the secret {path}: the folder {path.parent} must belong to it",
            SecretProblem.CANNOT_WRITE,
            path.parent,
        ) from exc
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(value.hex())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(path.parent)


def _refuse_inside(folder: Path, data_folder: Path) -> None:
    secrets_folder, data = folder.expanduser().resolve(), data_folder.expanduser().resolve()
    if secrets_folder == data or secrets_folder.is_relative_to(data):
        raise SecretFileError(
            f"the secrets folder {secrets_folder} is inside the database's folder {data}: a copy of the data"
            " would carry the keys that open it. Name another folder in the settings ([secrets] folder).",
            SecretProblem.INSIDE_DATA_FOLDER,
            secrets_folder,
        )


def _private_folder(folder: Path) -> None:
    """Make the folder (0700), or check it: ours and open to others is tightened; one that
    someone else may write into (to plant a secret of their choice) is refused."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if not _POSIX:
        return
    info = os.stat(folder)
    mode = stat.S_IMODE(info.st_mode)
    if info.st_uid not in (os.getuid(), 0):
        raise SecretFileError(
            f"the secrets folder {folder} belongs to another user (uid {info.st_uid}): it must belong to"
            f" the till's user (uid {os.getuid()}) or to root",
            SecretProblem.FOLDER_OF_ANOTHER_USER,
            folder,
        )
    if info.st_uid != os.getuid():
        if mode & 0o022:
            raise SecretFileError(
                f"others may write into the secrets folder {folder} (mode {mode:o}): run chmod go-w {folder}",
                SecretProblem.FOLDER_WRITABLE_BY_OTHERS,
                folder,
            )
        return
    if mode & ~FOLDER_MODE:
        os.chmod(folder, FOLDER_MODE)
        log.warning("the secrets folder %s was open to others (mode %o); made it 0700", folder, mode)


def _file_secret(path: Path, legacy: Path, size: int) -> bytes:
    """The secret in `path`; made there on first use, or moved there from `legacy` beside the database."""
    stored = _read_if_present(path)
    old = _read_if_present(legacy)
    if stored is None:
        stored = _install(path, old if old is not None else secrets.token_bytes(size))
    if old is None:
        return stored
    if old != stored:
        raise SecretFileError(
            f"{legacy} (left beside the database by an older version) and {path} hold different secrets."
            " The database's PIN and customer cache were made with the one beside it: give this database a"
            " secrets folder of its own ([secrets] folder in the settings), or remove the one that is not"
            " in use.",
            SecretProblem.CONFLICTING_COPIES,
            legacy,
        )
    legacy.unlink(missing_ok=True)  # the new file is on disk (synced) before the old one goes
    _sync_folder(legacy.parent)
    log.warning("moved the secret %s from beside the database to %s", legacy, path)
    return stored


def _install(path: Path, value: bytes) -> bytes:
    """Write the secret in full to a temporary file, then link it into place, so another
    process never reads a half-written secret and the first one stored wins (and is returned)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}.new")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except PermissionError as exc:
        raise SecretFileError(
            f"the till's user cannot write the secret {path}: the folder {path.parent} must belong to it"
            " (install -d -m 0700 -o <till user> <folder>)",
            SecretProblem.CANNOT_WRITE,
            path.parent,
        ) from exc
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(value.hex())
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return _read_secret(path)  # stored meanwhile by another process: theirs is the secret
    finally:
        temporary.unlink(missing_ok=True)
    _sync_folder(path.parent)
    return value


def _read_if_present(path: Path) -> bytes | None:
    try:
        return _read_secret(path)
    except FileNotFoundError:
        return None


def _read_secret(path: Path) -> bytes:
    """The secret in the file, checked on the opened file itself (no swap between check and read)."""
    with open(path, "rb") as handle:
        _check_private(path, os.fstat(handle.fileno()))
        text = handle.read().decode("ascii").strip()
    value = bytes.fromhex(text)
    if not value:
        raise ValueError(f"the secret file {path} is empty")
    return value


def _check_private(path: Path, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise SecretFileError(f"the secret {path} is not a regular file", SecretProblem.NOT_A_FILE, path)
    if not _POSIX:
        return
    if info.st_uid != os.getuid():
        raise SecretFileError(
            f"the secret file {path} belongs to another user (uid {info.st_uid}), not to the till's user"
            f" (uid {os.getuid()}): the till refuses to use it",
            SecretProblem.FILE_OF_ANOTHER_USER,
            path,
        )
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        raise SecretFileError(
            f"the secret file {path} is open to other users (mode {mode:o}): the till refuses to use it."
            f" Run chmod 600 {path}",
            SecretProblem.FILE_READABLE_BY_OTHERS,
            path,
        )


def _sync_folder(folder: Path) -> None:
    """Make a new or removed name in the folder durable (POSIX; elsewhere the rename is enough)."""
    if not _POSIX:
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
