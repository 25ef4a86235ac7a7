"""When an admin screen cannot do what was asked, the admin reads in the till's language what failed
and what to do (the file's path is kept, the OS's reason put in words), never the exception's own
English text, which goes to the log.

The shipped Russian translation is loaded; the sentences added since it was last translated come
from a stand-in (`russian_admin_failures.py`) installed over it, as the shipped one will give them.
"""
from __future__ import annotations

import errno
import logging
import os
import re
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton
from secretstorage.exceptions import PromptDismissedException

from app.admin.failure_texts import AdminAction, failure_text
from app.secrets_store import SecretFileError, SecretProblem, default_secrets_folder
from app.settings import Settings
from app.till import TillApplication
from tests.gui.test_admin_service_language import english_left
from tests.gui.test_cashier_flow import child, click, type_and_enter
from tests.gui.test_retailcrm_till import open_service_screen
from tests.gui.till_window import close_at_test_end

ANOTHER_USER = 54321
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user takes root")


# Kept as written in any language: a setting's name, a command to run, the superuser's name.
COMMANDS = re.compile(r"\[secrets\] folder|chmod \S+|\broot\b")


def words_of(text: str, *paths: object) -> list[str]:
    """The English words left in `text` once the paths it names and the commands it quotes are taken out."""
    for path in paths:
        text = text.replace(str(path), " ")
    return english_left(COMMANDS.sub(" ", text))


RAW = "raw detail for the log only"
FAILURES = [
    *[(AdminAction.STORE_KEY, SecretFileError(RAW, problem, Path("/var/lib/till/secrets"))) for problem in SecretProblem],
    (AdminAction.STORE_KEY, KeyringLocked(RAW)),
    (AdminAction.REMOVE_KEY, PromptDismissedException(RAW)),
    *[
        (action, OSError(code, RAW, "/etc/till-loyalty/settings.ini"))
        for code in (errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.ENOENT,
                     errno.EISDIR, errno.ENOTDIR, errno.EEXIST, errno.EIO)
        for action in (AdminAction.SAVE_SETTINGS, AdminAction.READ_KEY_STATE)
    ],
    (AdminAction.READ_TOKEN, OSError(errno.EIO, RAW)),
    (AdminAction.CHECK_CONNECTION, RuntimeError(RAW)),
    (AdminAction.OPEN_ADMIN, ValueError(RAW)),
    (AdminAction.QUEUE_ACTION, RuntimeError(RAW)),
]


@pytest.mark.parametrize(
    ("action", "exc"), FAILURES, ids=lambda v: getattr(v, "value", None) or f"{type(v).__name__}-{getattr(v, 'errno', '')}"
)
def test_every_failure_reads_in_russian_and_keeps_the_raw_text_for_the_log(russian_admin, caplog, action, exc) -> None:
    with caplog.at_level(logging.WARNING, logger="app.admin.failure_texts"):
        text = failure_text(action, exc)
    assert RAW not in text, text
    assert re.search("[а-яА-ЯёЁ]", text), text
    path = getattr(exc, "path", None) or getattr(exc, "filename", None)
    if path is not None:
        assert str(path) in text, "the admin is told which file or folder"
    left = words_of(text, *([path] if path else []))
    assert left in ([], ["EIO"]), text  # an errno's name where the OS's reason has no words of the till's
    logged = isinstance(exc, (OSError, SecretFileError, KeyringLocked, PromptDismissedException))
    assert (RAW in caplog.text) is logged, (
        "the detail of a file, key store or secret is logged; another exception's text (which could quote"
        " what was typed) is not"
    )


# ----- the real Admin > Service and admin screens in a till --------------------------------------


@pytest.fixture
def till(qtbot, tmp_path, monkeypatch, russian_admin):
    monkeypatch.delenv("TILL_LOYALTY_API_KEY", raising=False)
    settings = Settings.defaults().replace(devices_scanner="", host_api_enabled=False).at(tmp_path / "till.ini")
    till = TillApplication(settings, demo=False, database_path=tmp_path / "till.sqlite")
    close_at_test_end(qtbot, till)
    till.window.show()
    yield till
    till.shutdown()


def save(qtbot, dialog, key: str) -> str:
    child(dialog, QLineEdit, "ServiceEndpointInput").setText("http://127.0.0.1:8580/")
    child(dialog, QLineEdit, "ServiceKeyInput").setText(key)
    click(qtbot, child(dialog, QPushButton, "ServiceSaveButton"))
    qtbot.waitUntil(lambda: dialog.check_ok() is not None, timeout=10_000)
    assert dialog.check_ok() is False, dialog.result_text()
    return dialog.result_text()


@as_root
def test_a_key_that_cannot_be_stored_names_the_secrets_folder_and_what_to_do(qtbot, till, caplog) -> None:
    dialog = open_service_screen(qtbot, till)  # the PIN's secret is made in the folder first
    folder = default_secrets_folder()
    os.chown(folder, ANOTHER_USER, -1)  # someone else's folder: the till refuses to keep a key there
    with caplog.at_level(logging.WARNING, logger="app.admin.failure_texts"):
        text = save(qtbot, dialog, "new-key-123")
    assert "API-ключ не сохранён" in text and str(folder) in text and "принадлежит другому пользователю" in text
    assert words_of(text, folder) == [], text
    assert f"belongs to another user (uid {ANOTHER_USER})" in caplog.text, "the detail is in the log"
    assert "new-key-123" not in caplog.text


def test_a_settings_file_that_cannot_be_written_names_it_and_the_reason(qtbot, till, tmp_path) -> None:
    dialog = open_service_screen(qtbot, till)
    (tmp_path / "till.ini").mkdir()  # a folder where the settings file should be
    text = save(qtbot, dialog, "")
    assert "Настройки не сохранены" in text and str(tmp_path / "till.ini") in text and "это папка" in text, text
    assert words_of(text, tmp_path / "till.ini") == [], text


class LockedKeyStore(KeyringBackend):
    """The OS key store of a till whose keyring refuses to unlock (the Secret Service's prompt dismissed)."""

    priority = 1

    def get_password(self, service, username):  # noqa: ANN001, ANN201
        return None

    def set_password(self, service, username, password):  # noqa: ANN001, ANN201
        raise PromptDismissedException("Prompt dismissed.")

    def delete_password(self, service, username):  # noqa: ANN001, ANN201
        raise PromptDismissedException("Prompt dismissed.")


def test_a_key_store_that_does_not_answer_is_said_in_russian(qtbot, till) -> None:
    dialog = open_service_screen(qtbot, till)
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyStore())
    try:
        text = save(qtbot, dialog, "new-key-123")
    finally:
        keyring.set_keyring(previous)
    assert "API-ключ не сохранён" in text and "Хранилище ключей" in text, text
    assert "Prompt dismissed" not in text and words_of(text) == [], text


@as_root
def test_an_admin_screen_that_cannot_open_says_why_instead_of_nothing(qtbot, till) -> None:
    folder = default_secrets_folder()
    folder.mkdir(mode=0o700, parents=True)
    os.chown(folder, ANOTHER_USER, -1)  # the PIN's secret cannot be kept: no PIN can be asked
    till.window.admin_requested.emit("service")
    qtbot.waitUntil(lambda: till.admin.failure_notice is not None and till.admin.failure_notice.isVisible())
    notice: QMessageBox = till.admin.failure_notice
    assert till.admin.pin_dialog is None
    text = notice.text()
    assert "Не удаётся открыть администрирование" in text and str(folder) in text, text
    assert words_of(text, folder) == [], text
    notice.accept()


def test_a_retry_of_a_row_that_changed_meanwhile_is_said_in_russian(qtbot, till) -> None:
    till.window.admin_requested.emit("queue")
    qtbot.waitUntil(lambda: till.admin.pin_dialog is not None and till.admin.pin_dialog.isVisible())
    type_and_enter(qtbot, child(till.admin.pin_dialog, QLineEdit, "PinNewInput"), "246813")
    type_and_enter(qtbot, child(till.admin.pin_dialog, QLineEdit, "PinRepeatInput"), "246813")
    qtbot.waitUntil(lambda: till.admin.queue_dialog is not None, timeout=10_000)
    queue = till.admin.queue_dialog
    queue.retry_requested.emit(4242)  # a row chosen on screen, gone from the failed ones since
    message = child(queue, QLabel, "QueueMessage")
    qtbot.waitUntil(lambda: "изменилась" in message.text(), timeout=10_000)
    assert words_of(message.text()) == [] and "4242" not in message.text(), message.text()


def test_an_offline_policy_the_settings_would_refuse_is_told_in_the_tills_language(qtbot, russian_admin, tmp_path, caplog) -> None:
    from decimal import Decimal

    from PySide6.QtWidgets import QWidget

    from app.admin.offline_policy import OfflinePolicySetup
    from app.settings import load_settings

    parent = QWidget()
    qtbot.addWidget(parent)
    settings = load_settings(tmp_path / "till.ini")
    saved: list[Settings] = []
    setup = OfflinePolicySetup(parent, None, lambda: settings, saved.append)  # type: ignore[arg-type]  # no save reached
    setup.open()
    dialog = setup.dialog
    assert dialog is not None

    with caplog.at_level(logging.WARNING, logger="app.admin.offline_policy"):
        dialog.save_requested.emit("capped", Decimal("-1.00"))

    error = dialog.findChild(QLabel, "OfflinePolicyError")
    assert not error.isHidden() and error.text()
    assert english_left(error.text()) == [], error.text()
    assert dialog.isVisible() and saved == [], "nothing saved: the dialog waits for a policy it can save"
    assert "must not be negative" in caplog.text, "the exception's own words go to the log"
