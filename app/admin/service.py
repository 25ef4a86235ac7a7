"""Admin > Service: the loyalty service's endpoint (saved to the settings file), its API key (kept in
the secret store, never read back to the screen) and "Check connection". What is saved is used at
once (`switch`: app/service/live.py), but for another kind of service, which takes a restart.

Everything that may block (the keyring, the settings file, the check's calls) runs on the admin
worker; the dialog only shows results. The check reports what `till-loyalty service check` does.
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.admin.failure_texts import AdminAction, failure_text
from app.admin.service_texts import bad_endpoint_text, check_result_text, hint_text, key_problem_text, saved_text
from app.cli.checks import endpoint_error
from app.service.key_rules import key_problem
from app.service.check import CheckReport
from app.settings import Settings, save_settings
from app.workers import BackgroundWorker
from widgets.admin.service_dialog import KEY_FROM_ENVIRONMENT, KEY_NONE, KEY_STORED, ServiceDialog

log = logging.getLogger(__name__)


class ServiceScreen(QObject):
    """Runs Admin > Service for the admin (who has given the PIN already)."""

    def __init__(
        self,
        parent_widget: QWidget,
        worker: BackgroundWorker,
        settings: Callable[[], Settings],
        on_saved: Callable[[Settings], None],
        switch: Callable[[str], bool],
    ) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._worker = worker
        self._settings = settings
        self._on_saved = on_saved
        self._switch = switch
        self.dialog: ServiceDialog | None = None

    def open(self) -> None:
        """Show the dialog with the endpoint in force and whether a key is stored."""
        dialog = ServiceDialog(self._parent)
        dialog.set_endpoint(self._settings().get("service", "endpoint"))
        dialog.set_hint(hint_text())
        dialog.check_requested.connect(lambda endpoint, key: self._check(dialog, endpoint, key))
        dialog.save_requested.connect(lambda endpoint, key: self._save(dialog, endpoint, key))
        dialog.remove_key_requested.connect(lambda: self._remove_key(dialog))
        dialog.finished.connect(lambda _: self._closed(dialog))
        self.dialog = dialog
        self._refresh_key_state(dialog)
        dialog.open()

    def _refresh_key_state(self, dialog: ServiceDialog) -> None:
        settings = self._settings()

        def state() -> str:
            from app.service.api_key import environment_api_key, stored_api_key

            if environment_api_key():
                return KEY_FROM_ENVIRONMENT
            return KEY_STORED if stored_api_key(settings) else KEY_NONE

        self._worker.submit(
            state, dialog.show_key_state, lambda exc: self._failed(dialog, AdminAction.READ_KEY_STATE, exc)
        )

    def _check(self, dialog: ServiceDialog, endpoint: str, typed_key: str) -> None:
        problem = self._input_problem(endpoint, typed_key)
        if problem is not None:
            dialog.show_check_result(False, problem)
            return
        settings = self._settings()

        def check() -> CheckReport:
            from app.offline.connectivity import BACKGROUND_TIMEOUTS
            from app.service.api_key import read_api_key
            from app.service.check import check_connection

            return check_connection(
                endpoint,
                typed_key or read_api_key(settings),
                settings.get("store", "store_id"),
                BACKGROUND_TIMEOUTS,
                verify_tls=settings.get("service", "verify_tls"),
            )

        def checked(report: CheckReport) -> None:
            log.info("service check: %s", report.outcome.value)
            dialog.show_check_result(report.ok, check_result_text(report))

        self._worker.submit(check, checked, lambda exc: self._failed(dialog, AdminAction.CHECK_CONNECTION, exc))

    def _save(self, dialog: ServiceDialog, endpoint: str, typed_key: str) -> None:
        problem = self._input_problem(endpoint, typed_key)
        if problem is not None:
            dialog.show_error(problem)
            return
        settings = self._settings().replace(service_endpoint=endpoint)
        step = [AdminAction.STORE_KEY]  # which step failed, read back on the GUI thread after the job

        def write() -> None:
            from app.service.api_key import store_api_key

            if typed_key:
                store_api_key(settings, typed_key)
            step[0] = AdminAction.SAVE_SETTINGS
            if settings.path is not None:
                save_settings(settings)

        def saved(_: object) -> None:
            log.info("service settings saved%s", " with a new API key" if typed_key else "")
            self._on_saved(settings)
            dialog.show_saved(saved_text(self._switch(endpoint)))
            self._refresh_key_state(dialog)

        self._worker.submit(write, saved, lambda exc: self._failed(dialog, step[0], exc))

    @staticmethod
    def _input_problem(endpoint: str, typed_key: str) -> str | None:
        """What is wrong with the address or the key typed, in the admin's words; None: both usable."""
        error = endpoint_error(endpoint)
        if error is not None:
            return bad_endpoint_text(error.problem)
        key = key_problem(typed_key) if typed_key else None  # an empty key: the stored one
        return None if key is None else key_problem_text(key)

    def _remove_key(self, dialog: ServiceDialog) -> None:
        settings = self._settings()

        def remove() -> None:
            from app.service.api_key import clear_api_key

            clear_api_key(settings)

        def removed(_: object) -> None:
            self._switch(settings.get("service", "endpoint"))  # the till stops using the key
            self._refresh_key_state(dialog)

        self._worker.submit(remove, removed, lambda exc: self._failed(dialog, AdminAction.REMOVE_KEY, exc))

    def _failed(self, dialog: ServiceDialog, action: AdminAction, exc: BaseException) -> None:
        dialog.show_error(failure_text(action, exc))  # logs the detail (never a message that could quote a key)

    def _closed(self, dialog: ServiceDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
