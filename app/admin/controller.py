"""The store admin's screens: PIN first, then the sending queue, device set-up, the POS
integration, the loyalty service, PIN change.

Every PIN check (argon2, slow on purpose) and every database read or write runs on the admin
worker; the dialogs only show results.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.admin.failure_texts import AdminAction, failure_text
from app.workers import BackgroundWorker

if TYPE_CHECKING:  # the dialogs load when first opened, not before the till's window is shown
    from widgets.admin.pin_dialog import PinDialog
    from widgets.admin.queue_dialog import QueueDialog, QueueRow

log = logging.getLogger(__name__)


def pin_error_text(reason: str) -> str:
    """The admin's sentence for a PIN refusal."""
    texts = {
        "not_digits": QCoreApplication.translate("Admin", "The PIN must be digits only."),
        "bad_length": QCoreApplication.translate("Admin", "The PIN must have 6 to 12 digits."),
        "already_set": QCoreApplication.translate("Admin", "A PIN is already set on this till."),
        "wrong_pin": QCoreApplication.translate("Admin", "Wrong PIN."),
        "locked": QCoreApplication.translate("Admin", "Too many wrong attempts. Wait and try again."),
        "changed_elsewhere": QCoreApplication.translate("Admin", "The PIN was changed meanwhile. Try again."),
        "unreadable": QCoreApplication.translate("Admin", "The stored PIN is damaged. Ask support to reset it."),
    }
    return texts.get(reason, reason)


QUEUE_ROWS_SHOWN = 500
"""Admin > Queue shows at most this many rows of a state: the newest (the counts cover them all)."""


class AdminStore:
    """The admin's view of the till database: PIN and outbox. Lives on the admin worker.

    `secrets_folder` is where the PIN's pepper is kept when there is no OS keyring (None: the
    default; see app/secrets_store.py).
    """

    def __init__(self, database_path: Path, secrets_folder: Path | None = None) -> None:
        from app.admin.pin import AdminPin
        from app.secrets_store import till_secret
        from cache.database import open_database
        from cache.transactions.outbox import Outbox
        from cache.till_state import TillState

        self.database = open_database(database_path)
        self.pin = AdminPin(
            TillState(self.database),
            till_secret("admin-pin-pepper", database_path.parent, folder=secrets_folder),
            lambda: datetime.now(timezone.utc),
        )
        self.outbox = Outbox(self.database, lambda: datetime.now(timezone.utc))

    def queue(self, state: str) -> tuple[dict[str, int], list[QueueRow]]:
        """Counts by state and the rows of one state ("" for all), newest first.

        Each row carries the receipt's number, amount, points spent and time, and the customer's
        name and masked phone when the till's customer cache has them.
        """
        from app.admin.queue_rows import read_queue_rows
        from cache.tables import OutboxState

        counts = {s.value: n for s, n in self.outbox.counts().items()}
        items = self.outbox.items(OutboxState(state) if state else None, limit=QUEUE_ROWS_SHOWN, newest_first=True)
        return counts, read_queue_rows(self.database, items)


class AdminController(QObject):
    """Opens the admin screens behind the PIN and carries out what the admin asks."""

    sync_requested = Signal()
    devices_requested = Signal()
    offline_policy_requested = Signal()
    integration_requested = Signal()
    service_requested = Signal()

    def __init__(
        self,
        parent_widget: QWidget,
        worker: BackgroundWorker,
        database_path: Path,
        secrets_folder: Path | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._worker = worker
        self._store: AdminStore | None = None
        self._database_path = database_path
        self._secrets_folder = secrets_folder
        self.queue_dialog: QueueDialog | None = None
        self.pin_dialog: PinDialog | None = None
        self.failure_notice: QMessageBox | None = None

    # ----- entry points --------------------------------------------------------------------
    def open(self, what: str) -> None:
        """Open an admin screen ("queue", "devices", "offline", "integration", "service", "pin") after the PIN."""
        if what == "queue":
            self.with_pin(self._open_queue)
        elif what == "devices":
            self.with_pin(self.devices_requested.emit)
        elif what == "offline":
            self.with_pin(self.offline_policy_requested.emit)
        elif what == "integration":
            self.with_pin(self.integration_requested.emit)
        elif what == "service":
            self.with_pin(self.service_requested.emit)
        elif what == "pin":
            self.with_pin(self._change_pin, ask_renewal=False)  # the admin is about to change it anyway

    def with_pin(self, then: Callable[[], None], *, ask_renewal: bool = True) -> None:
        """Ask for the PIN (to create one on first use) and run `then` once it is right.

        A right PIN shorter than a new one may be (set by an older version) is accepted; with
        `ask_renewal` the admin is then asked for a new one first (or to do it later).
        """
        self._on_store(
            lambda store: store.pin.is_set(),
            lambda is_set: self._ask_pin(is_set, then, ask_renewal),
            self._not_opened,
        )

    def _not_opened(self, exc: BaseException) -> None:
        """The PIN could not even be asked (the database or the PIN's secret cannot be used): say so."""
        from widgets.admin.failure_notice import show_admin_failure

        self.failure_notice = show_admin_failure(self._parent, failure_text(AdminAction.OPEN_ADMIN, exc))

    def approve_with_pin(self, request: str, approved: Callable[[], None], declined: Callable[[str], None]) -> None:
        """Ask for the admin PIN to approve what a cashier may not do alone (`request` says what).

        `declined(reason)` runs when the dialog is cancelled (reason "") or no PIN was ever set on
        this till (then nobody could approve: the cashier is not offered to create one).
        """
        from widgets.admin.pin_dialog import PinDialog

        def ask(is_set: bool) -> None:
            if not is_set:
                declined(QCoreApplication.translate("Admin", "No admin PIN is set on this till."))
                return
            dialog = PinDialog.approve(self._parent, request)
            # A short PIN is not questioned here: the customer is waiting; the admin screens ask.
            dialog.pin_entered.connect(lambda pin: self._check_pin(dialog, pin, approved, ask_renewal=False))
            dialog.rejected.connect(lambda: declined(""))
            self.pin_dialog = dialog
            dialog.open()

        self._on_store(
            lambda store: store.pin.is_set(), ask, lambda exc: declined(failure_text(AdminAction.OPEN_ADMIN, exc))
        )

    # ----- PIN -----------------------------------------------------------------------------
    def _ask_pin(self, is_set: bool, then: Callable[[], None], ask_renewal: bool) -> None:
        from widgets.admin.pin_dialog import PinDialog

        if not is_set:
            dialog = PinDialog.create(self._parent)
            dialog.pin_created.connect(lambda pin: self._create_pin(dialog, pin, then))
        else:
            dialog = PinDialog.enter(self._parent, QCoreApplication.translate("Admin", "Admin PIN"))
            dialog.pin_entered.connect(lambda pin: self._check_pin(dialog, pin, then, ask_renewal=ask_renewal))
        self.pin_dialog = dialog
        dialog.open()

    def _create_pin(self, dialog: PinDialog, pin: str, then: Callable[[], None]) -> None:
        def done(_: object) -> None:
            dialog.accept_pin()
            then()

        self._on_store(lambda store: store.pin.create(pin), done, lambda exc: self._pin_refused(dialog, exc))

    def _check_pin(self, dialog: PinDialog, pin: str, then: Callable[[], None], *, ask_renewal: bool) -> None:
        def checked(result: Any) -> None:
            if result.ok:
                dialog.accept_pin()
                if result.change_needed and ask_renewal:
                    self._renew_pin(pin, then)
                else:
                    then()
            elif result.wait_seconds > 0:
                dialog.show_wait(result.wait_seconds)
            else:
                dialog.show_error(pin_error_text("wrong_pin"))

        self._on_store(lambda store: store.pin.check(pin), checked, lambda exc: self._pin_refused(dialog, exc))

    def _renew_pin(self, current: str, then: Callable[[], None]) -> None:
        """The PIN opened but is too short for today's rule: ask for a new one, then go on
        whether the admin chose one or said "Later"."""
        from widgets.admin.pin_dialog import PinDialog

        dialog = PinDialog.renew(self._parent)
        self.pin_dialog = dialog
        dialog.pin_created.connect(
            lambda new: self._on_store(
                lambda store: store.pin.change(current, new),
                lambda _: dialog.accept_pin(),
                lambda exc: self._pin_refused(dialog, exc),
            )
        )
        dialog.finished.connect(lambda _: then())
        dialog.open()

    def _pin_refused(self, dialog: PinDialog, exc: BaseException) -> None:
        reason = getattr(exc, "reason", None)
        check = getattr(exc, "check", None)
        if check is not None and check.wait_seconds > 0:
            dialog.show_wait(check.wait_seconds)
        else:
            dialog.show_error(pin_error_text(reason) if reason else failure_text(AdminAction.OPEN_ADMIN, exc))

    def _change_pin(self) -> None:
        from widgets.admin.pin_dialog import PinDialog

        dialog = PinDialog.enter(self._parent, QCoreApplication.translate("Admin", "Current PIN"))
        self.pin_dialog = dialog

        def current_entered(current: str) -> None:
            dialog.accept_pin()
            new_dialog = PinDialog.create(self._parent)
            self.pin_dialog = new_dialog
            new_dialog.pin_created.connect(
                lambda new: self._on_store(
                    lambda store: store.pin.change(current, new),
                    lambda _: new_dialog.accept_pin(),
                    lambda exc: self._pin_refused(new_dialog, exc),
                )
            )
            new_dialog.open()

        dialog.pin_entered.connect(current_entered)
        dialog.open()

    # ----- the sending queue ---------------------------------------------------------------
    def _open_queue(self) -> None:
        from widgets.admin.queue_dialog import QueueDialog

        dialog = QueueDialog(self._parent)
        self.queue_dialog = dialog
        dialog.filter_changed.connect(lambda _: self.refresh_queue())
        dialog.retry_requested.connect(self._retry)
        dialog.discard_requested.connect(self._discard)
        dialog.sync_requested.connect(self.sync_requested)
        dialog.finished.connect(lambda _: setattr(self, "queue_dialog", None))
        dialog.open()
        self.refresh_queue()

    def refresh_queue(self) -> None:
        """Reload the queue dialog's counts and rows (if it is open)."""
        dialog = self.queue_dialog
        if dialog is None:
            return
        state = dialog.current_filter()

        def show(result: tuple[dict[str, int], list[QueueRow]]) -> None:
            counts, rows = result
            if self.queue_dialog is dialog:
                dialog.show_counts(
                    counts.get("pending", 0), counts.get("in_flight", 0), counts.get("done", 0), counts.get("failed", 0)
                )
                dialog.show_rows(rows)

        self._on_store(lambda store: store.queue(state), show)

    def _retry(self, item_id: int) -> None:
        def done(_: object) -> None:
            if self.queue_dialog is not None:
                self.queue_dialog.show_message(QCoreApplication.translate("Admin", "Queued to be sent again."))
            self.refresh_queue()
            self.sync_requested.emit()

        self._on_store(lambda store: store.outbox.requeue_failed(item_id), done, self._queue_error)

    def _discard(self, item_id: int, reason: str) -> None:
        def discard() -> None:
            self._on_store(
                lambda store: store.outbox.dismiss_failed(item_id, reason),
                lambda _: self._discarded(),
                self._queue_error,
            )

        self.with_pin(discard)  # discarding a sale for good needs the PIN again, and a reason

    def _discarded(self) -> None:
        if self.queue_dialog is not None:
            self.queue_dialog.show_message(
                QCoreApplication.translate("Admin", "Set aside. It stays in the journal with your reason.")
            )
        self.refresh_queue()
        self.sync_requested.emit()

    def _queue_error(self, exc: BaseException) -> None:
        from cache.errors import OutboxStateError

        if isinstance(exc, OutboxStateError):  # sent, set aside or retried meanwhile (another window, the sync)
            log.info("queue action on a row that changed: %s", exc)
            text = QCoreApplication.translate(
                "Admin", "This row changed meanwhile (it was sent again or set aside): the list is now up to date."
            )
        else:
            text = failure_text(AdminAction.QUEUE_ACTION, exc)
        if self.queue_dialog is not None:
            self.queue_dialog.show_message(text)
        self.refresh_queue()

    # ----- plumbing ------------------------------------------------------------------------
    def _on_store(
        self,
        job: Callable[[AdminStore], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        def run() -> Any:
            if self._store is None:
                self._store = AdminStore(self._database_path, self._secrets_folder)
            return job(self._store)

        self._worker.submit(run, done, failed or (lambda exc: log.error("admin job failed", exc_info=exc)))
