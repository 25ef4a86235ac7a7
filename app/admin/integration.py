"""Admin > Integration: opens the dialog with the host API's state and reads its token on the admin
worker when the admin asks to see or copy it."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.admin.failure_texts import AdminAction, failure_text
from app.host_api.status import HostApiStatus
from app.workers import BackgroundWorker
from widgets.admin.integration_dialog import IntegrationDialog


class IntegrationScreen(QObject):
    """Shows the host API to the admin (behind the PIN: `AdminController` opens it)."""

    def __init__(
        self,
        parent_widget: QWidget,
        worker: BackgroundWorker,
        status: Callable[[], HostApiStatus],
        read_token: Callable[[], str],
    ) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._worker = worker
        self._status = status
        self._read_token = read_token
        self.dialog: IntegrationDialog | None = None

    def open(self) -> None:
        """Show the dialog with the API's state as it is now."""
        dialog = IntegrationDialog(self._parent)
        self.dialog = dialog
        dialog.token_requested.connect(lambda: self._fetch_token(dialog))
        dialog.finished.connect(lambda _: self._closed(dialog))
        self.refresh()
        dialog.open()

    def refresh(self) -> None:
        """The API started or stopped: show it, if the dialog is open."""
        if self.dialog is not None:
            status = self._status()
            self.dialog.show_api_state(status.running, status.url, status.problem, status.disabled)

    def _fetch_token(self, dialog: IntegrationDialog) -> None:
        def failed(exc: BaseException) -> None:
            dialog.show_token_error(failure_text(AdminAction.READ_TOKEN, exc))  # the detail goes to the log

        self._worker.submit(self._read_token, dialog.set_token, failed)  # the keyring may be slow

    def _closed(self, dialog: IntegrationDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
