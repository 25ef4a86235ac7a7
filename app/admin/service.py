"""Admin > Service: the loyalty service's endpoint (saved to the settings file), its API key (kept in
the secret store, never read back to the screen) and "Check connection".

Everything that may block (the keyring, the settings file, the check's calls) runs on the admin
worker; the dialog only shows results. The check reports what `till-loyalty service check` does.
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from app.cli.checks import url_problem
from app.service.check import CheckOutcome, CheckReport
from app.settings import Settings, save_settings
from app.workers import BackgroundWorker
from widgets.admin.service_dialog import KEY_FROM_ENVIRONMENT, KEY_NONE, KEY_STORED, ServiceDialog

log = logging.getLogger(__name__)


def check_result_text(report: CheckReport) -> str:
    """The admin's sentence for what a connection check found."""
    if report.ok:
        levels = ", ".join(f"{level.name} ({level.percent}%)" for level in report.levels) or "—"
        if report.sms_confirmation is None:
            sms = ""
        elif report.sms_confirmation:
            sms = QCoreApplication.translate("Admin", "Spending points is confirmed by an SMS code.")
        else:
            sms = QCoreApplication.translate("Admin", "Spending points needs no SMS code.")
        text = QCoreApplication.translate("Admin", "Connected. Program: %1. Levels: %2.")
        text = text.replace("%1", report.program).replace("%2", levels)
        return f"{text} {sms}".strip()
    texts = {
        CheckOutcome.NO_KEY: QCoreApplication.translate(
            "Admin", "No API key: type the key made for the till in RetailCRM."
        ),
        CheckOutcome.BAD_ENDPOINT: QCoreApplication.translate("Admin", "The address cannot be used: %1"),
        CheckOutcome.UNREACHABLE: QCoreApplication.translate(
            "Admin", "The service cannot be reached (%1). Check the address and the network."
        ),
        CheckOutcome.BAD_KEY: QCoreApplication.translate("Admin", "The service refused the API key. Check the key."),
        CheckOutcome.UNKNOWN_ACCOUNT: QCoreApplication.translate(
            "Admin", "There is no RetailCRM account at this address. Check the account name."
        ),
        CheckOutcome.NO_SUCH_SITE: QCoreApplication.translate(
            "Admin", "RetailCRM has no site “%1”. Check ?site= in the address."
        ),
        CheckOutcome.NO_PROGRAM: QCoreApplication.translate(
            "Admin", "No active loyalty program for site “%1”. Activate one in RetailCRM."
        ),
        CheckOutcome.REFUSED: QCoreApplication.translate("Admin", "The service refused the check: %1"),
    }
    return texts[report.outcome].replace("%1", report.detail)


class ServiceScreen(QObject):
    """Runs Admin > Service for the admin (who has given the PIN already)."""

    def __init__(
        self,
        parent_widget: QWidget,
        worker: BackgroundWorker,
        settings: Callable[[], Settings],
        on_saved: Callable[[Settings], None],
    ) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._worker = worker
        self._settings = settings
        self._on_saved = on_saved
        self.dialog: ServiceDialog | None = None

    def open(self) -> None:
        """Show the dialog with the endpoint in force and whether a key is stored."""
        dialog = ServiceDialog(self._parent)
        dialog.set_endpoint(self._settings().get("service", "endpoint"))
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

        self._worker.submit(state, dialog.show_key_state, lambda exc: self._failed(dialog, exc))

    def _check(self, dialog: ServiceDialog, endpoint: str, typed_key: str) -> None:
        problem = url_problem(endpoint)
        if problem is not None:
            dialog.show_check_result(False, check_result_text(CheckReport(CheckOutcome.BAD_ENDPOINT, detail=problem)))
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

        self._worker.submit(check, checked, lambda exc: self._failed(dialog, exc))

    def _save(self, dialog: ServiceDialog, endpoint: str, typed_key: str) -> None:
        problem = url_problem(endpoint)
        if problem is not None:
            dialog.show_error(check_result_text(CheckReport(CheckOutcome.BAD_ENDPOINT, detail=problem)))
            return
        settings = self._settings().replace(service_endpoint=endpoint)

        def write() -> None:
            from app.service.api_key import store_api_key

            if typed_key:
                store_api_key(settings, typed_key)
            if settings.path is not None:
                save_settings(settings)

        def saved(_: object) -> None:
            log.info("service settings saved%s", " with a new API key" if typed_key else "")
            self._on_saved(settings)
            dialog.show_saved(
                QCoreApplication.translate("Admin", "Saved. A new address or key is used from the till's next start.")
            )
            self._refresh_key_state(dialog)

        self._worker.submit(write, saved, lambda exc: self._failed(dialog, exc))

    def _remove_key(self, dialog: ServiceDialog) -> None:
        settings = self._settings()

        def remove() -> None:
            from app.service.api_key import clear_api_key

            clear_api_key(settings)

        self._worker.submit(remove, lambda _: self._refresh_key_state(dialog), lambda exc: self._failed(dialog, exc))

    def _failed(self, dialog: ServiceDialog, exc: BaseException) -> None:
        log.warning("service settings: %s", type(exc).__name__)  # the message could quote a key: not logged
        dialog.show_error(QCoreApplication.translate("Admin", "This could not be done: %1").replace("%1", str(exc)))

    def _closed(self, dialog: ServiceDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
