"""What the admin reads when an admin screen could not do what was asked: a sentence in the till's
language saying what failed and what to do, never the exception's own (English, technical) text,
which goes to the log instead.

A failure is told from what raised it: the OS key store (the keyring or the system bus behind it),
the till's secret files (app/secrets_store.py says which rule a file breaks), or a file the OS
refused (its path and the OS's reason, by errno).
"""
from __future__ import annotations

import errno
import logging
import traceback
from enum import Enum

from keyring.errors import KeyringError
from PySide6.QtCore import QCoreApplication

from app.secrets_store import SecretFileError, SecretProblem

log = logging.getLogger(__name__)

# Packages a keyring backend raises from besides keyring's own errors (Secret Service over D-Bus).
_KEY_STORE_PACKAGES = frozenset({"keyring", "keyrings", "secretstorage", "jeepney", "dbus"})


class AdminAction(Enum):
    """What the admin asked for, as far as a failure needs to say it."""

    READ_KEY_STATE = "read_key_state"
    CHECK_CONNECTION = "check_connection"
    STORE_KEY = "store_key"
    REMOVE_KEY = "remove_key"
    SAVE_SETTINGS = "save_settings"
    READ_TOKEN = "read_token"
    OPEN_ADMIN = "open_admin"
    QUEUE_ACTION = "queue_action"


# Actions that only read: a file they could not use was not read, not "not written".
_READING = frozenset(
    {AdminAction.READ_KEY_STATE, AdminAction.CHECK_CONNECTION, AdminAction.READ_TOKEN, AdminAction.OPEN_ADMIN}
)


def failure_text(action: AdminAction, exc: BaseException) -> str:
    """The admin's sentences for `exc` raised while doing `action`; the raw detail is logged."""
    _log_failure(action, exc)
    return f"{_action_text(action)} {_reason_text(action, exc)}"


def _log_failure(action: AdminAction, exc: BaseException) -> None:
    if isinstance(exc, (OSError, SecretFileError)) or _from_key_store(exc):
        log.warning("admin: %s failed: %s: %s", action.value, type(exc).__name__, exc, exc_info=exc)
        return
    # Another exception's message could quote what was typed (an API key): only where it came from.
    where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ is not None else []
    place = f" at {where[0].filename}:{where[0].lineno}" if where else ""
    log.warning("admin: %s failed: %s%s", action.value, type(exc).__name__, place)


def _from_key_store(exc: BaseException) -> bool:
    if isinstance(exc, KeyringError):
        return True
    return type(exc).__module__.partition(".")[0] in _KEY_STORE_PACKAGES


def _action_text(action: AdminAction) -> str:
    texts = {
        AdminAction.READ_KEY_STATE: QCoreApplication.translate(
            "Admin", "The till could not find out whether an API key is stored."
        ),
        AdminAction.CHECK_CONNECTION: QCoreApplication.translate("Admin", "The connection could not be checked."),
        AdminAction.STORE_KEY: QCoreApplication.translate("Admin", "The API key was not stored."),
        AdminAction.REMOVE_KEY: QCoreApplication.translate("Admin", "The API key was not removed."),
        AdminAction.SAVE_SETTINGS: QCoreApplication.translate("Admin", "The settings were not saved."),
        AdminAction.READ_TOKEN: QCoreApplication.translate("Admin", "The token cannot be read."),
        AdminAction.OPEN_ADMIN: QCoreApplication.translate("Admin", "The admin screens cannot be opened."),
        AdminAction.QUEUE_ACTION: QCoreApplication.translate("Admin", "This could not be done in the queue."),
    }
    return texts[action]


def _reason_text(action: AdminAction, exc: BaseException) -> str:
    if isinstance(exc, SecretFileError):
        return _secret_file_text(exc)
    if _from_key_store(exc):
        return QCoreApplication.translate(
            "Admin",
            "This computer's key store (keyring) did not answer or is locked. Unlock it or restart the till,"
            " then try again; if it keeps failing, ask support to check the key store.",
        )
    if isinstance(exc, OSError):
        return _file_text(action, exc)
    return unexpected_failure_text()


def unexpected_failure_text() -> str:
    """What to do about a failure the till has no words of its own for (its detail is in the log)."""
    return QCoreApplication.translate(
        "Admin", "Something unexpected went wrong; the details are in the till's log. Try again, and ask support"
        " if it happens again."
    )


def _secret_file_text(exc: SecretFileError) -> str:
    texts = {
        SecretProblem.CANNOT_WRITE: QCoreApplication.translate(
            "Admin", "The till's user cannot write into the secrets folder %1: the folder must belong to it."
        ),
        SecretProblem.INSIDE_DATA_FOLDER: QCoreApplication.translate(
            "Admin",
            "The secrets folder %1 is inside the database's folder, so a copy of the data would carry the keys."
            " Name another folder in the settings ([secrets] folder).",
        ),
        SecretProblem.FOLDER_OF_ANOTHER_USER: QCoreApplication.translate(
            "Admin", "The secrets folder %1 belongs to another user: it must belong to the till's user or to root."
        ),
        SecretProblem.FOLDER_WRITABLE_BY_OTHERS: QCoreApplication.translate(
            "Admin", "Other users may write into the secrets folder %1: ask support to run chmod go-w on it."
        ),
        SecretProblem.CONFLICTING_COPIES: QCoreApplication.translate(
            "Admin",
            "An older copy of the till's secrets, %1, differs from the one in the secrets folder."
            " Ask support which one this database uses.",
        ),
        SecretProblem.NOT_A_FILE: QCoreApplication.translate(
            "Admin", "The secret %1 is not a regular file: ask support to remove it."
        ),
        SecretProblem.FILE_OF_ANOTHER_USER: QCoreApplication.translate(
            "Admin", "The secret file %1 belongs to another user, so the till refuses it: it must belong to the till's user."
        ),
        SecretProblem.FILE_READABLE_BY_OTHERS: QCoreApplication.translate(
            "Admin", "Other users may read the secret file %1, so the till refuses it: ask support to run chmod 600 on it."
        ),
    }
    return texts[exc.problem].replace("%1", str(exc.path))


def _file_text(action: AdminAction, exc: OSError) -> str:
    """The file the OS refused, and the OS's reason with what to do about it."""
    reasons = {
        errno.EACCES: QCoreApplication.translate(
            "Admin", "the till's user has no right to it. Give the till's user access to that folder."
        ),
        errno.ENOSPC: QCoreApplication.translate("Admin", "the disk is full. Free some space and try again."),
        errno.EDQUOT: QCoreApplication.translate(
            "Admin", "the till's user has used up its disk quota. Free some space and try again."
        ),
        errno.EROFS: QCoreApplication.translate(
            "Admin", "the disk is mounted read-only. Ask support to make it writable."
        ),
        errno.ENOENT: QCoreApplication.translate(
            "Admin", "its folder does not exist. Check the path in the settings."
        ),
        errno.EISDIR: QCoreApplication.translate(
            "Admin", "it is a folder. Name a file in the settings, or remove the folder."
        ),
        errno.ENOTDIR: QCoreApplication.translate(
            "Admin", "a file stands where a folder of its path should be. Remove or rename that file."
        ),
    }
    reasons[errno.EPERM] = reasons[errno.EACCES]
    reasons[errno.EEXIST] = reasons[errno.ENOTDIR]  # mkdir of a path a file holds
    reason = reasons.get(exc.errno or 0)
    if reason is None:
        code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
        reason = QCoreApplication.translate(
            "Admin", "the system refused it (%1). Ask support; the details are in the till's log."
        ).replace("%1", code)
    path = exc.filename2 or exc.filename  # a rename's target, not the temporary file renamed
    if path is None:
        text = QCoreApplication.translate("Admin", "A file could not be used: %1")
        return text.replace("%1", reason)
    if action in _READING:
        text = QCoreApplication.translate("Admin", "The file %1 could not be read: %2")
    else:
        text = QCoreApplication.translate("Admin", "The file %1 could not be written: %2")
    return text.replace("%2", reason).replace("%1", str(path))
