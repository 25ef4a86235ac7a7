"""The till assembled: window, presenter, checkout on the service worker, outbox sync on its own.

`TillApplication` is what `till-loyalty run|demo` starts and what the end-to-end GUI tests drive.
All I/O happens on the two workers; the GUI thread only wires and renders.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.checkout import CheckoutSession, CheckoutState
from app.admin import AdminController
from app.controller import CheckoutController
from app.demo_host import DemoReceiptBuilder
from app.identify_input import identifier_parser
from app.presenter import TillPresenter
from app.settings import Settings
from app.sync_controller import SyncController
from app.workers import BackgroundWorker
from fiscal.demo_registrar import DemoRegistrar
from loyalty_client.service import LoyaltyService
from widgets.close_prompt import confirm_close_with_waiting
from widgets.main_window import TillWindow

if TYPE_CHECKING:
    from app.outbox_sync import OutboxSync

log = logging.getLogger(__name__)


class TillApplication(QObject):
    """Owns the window, the workers and the controllers of one till."""

    service_connected = Signal(str)

    def __init__(self, settings: Settings, *, demo: bool, database_path: Path) -> None:
        super().__init__()
        self.settings = settings
        self.database_path = database_path
        self.window = TillWindow(demo_mode=demo)
        self.service_worker = BackgroundWorker("loyalty-service", self)
        self.sync_worker = BackgroundWorker("outbox-sync", self)
        self.controller = CheckoutController(self.service_worker, self)
        self.sync = SyncController(self.sync_worker, settings.get("sync", "interval_seconds"), self)
        self.host = DemoReceiptBuilder(settings.get("store", "store_id"), settings.get("store", "till_id"))
        self.registrar = DemoRegistrar()
        self.presenter = TillPresenter(self.window, self.controller, self.host, self)
        self.admin_worker = BackgroundWorker("admin", self)
        self.admin = AdminController(self.window, self.admin_worker, database_path)
        self._online: bool | None = None
        self._waiting = 0
        self._failed = 0
        self.sync.delivered.connect(self.presenter.show_delivery)
        self.sync.queue_changed.connect(self._set_waiting)
        self.sync.failed_changed.connect(self._set_failed)
        self.sync.online_changed.connect(self._set_online)
        self.sync.queue_changed.connect(lambda _: self.admin.refresh_queue())
        self.admin.sync_requested.connect(self.sync.nudge)
        self.window.admin_requested.connect(self.admin.open)
        self.window.set_close_guard(self._may_close)
        self.controller.state_changed.connect(self._after_state)
        self.controller.ready.connect(lambda: self._after_state(self.controller.state))
        self.window.loyalty.set_service_status(False, QCoreApplication.translate("Till", "Connecting…"))

    def connect_service(self, endpoint_url: str) -> None:
        """Point the till at a loyalty service; the clients are built on their worker threads."""
        settings = self.settings
        timeout = settings.get("service", "timeout_seconds")
        verify = settings.get("service", "verify_tls")
        region = settings.get("store", "region")
        database_path = self.database_path

        # These run on the worker threads: the SOAP and database stacks load there, not before
        # the window is shown.
        def make_service() -> LoyaltyService:
            from loyalty_client.soap_client import SoapLoyaltyService

            return SoapLoyaltyService(endpoint_url, timeout_seconds=timeout, verify_tls=verify)

        def make_sync() -> OutboxSync:
            from app.outbox_sync import OutboxSync
            from cache.database import open_database

            return OutboxSync(open_database(database_path), make_service())

        def make_session() -> CheckoutSession:
            from app.offline_store import CachedOfflineStore
            from app.sale_recorder import OutboxRecorder
            from app.secrets_store import till_secret
            from cache.database import open_database

            database = open_database(database_path)
            session = CheckoutSession(
                make_service(),
                OutboxRecorder(database),
                self.registrar,
                identifier_parser(region),
                store_id=settings.get("store", "store_id"),
                till_id=settings.get("store", "till_id"),
                currency=settings.get("store", "currency"),
                offline=CachedOfflineStore(database, till_secret("customer-cache-key", database_path.parent)),
            )
            session.load_program()
            return session

        self.sync.start(make_sync)
        self.controller.start(make_session)
        self.service_connected.emit(endpoint_url)

    def shutdown(self) -> None:
        """Stop the workers after their queued work (a sale being recorded is finished)."""
        self.sync.stop()
        for worker in (self.service_worker, self.sync_worker, self.admin_worker):
            worker.stop()

    @property
    def waiting(self) -> int:
        """Transactions recorded and not yet delivered, as last counted."""
        return self._waiting

    def _may_close(self) -> bool:
        return self._waiting == 0 or confirm_close_with_waiting(self.window, self._waiting)

    def _after_state(self, state: CheckoutState | None) -> None:
        if state is not None and state.online is not None:
            self._set_online(state.online)
        self.sync.nudge()

    def _set_waiting(self, waiting: int) -> None:
        self._waiting = waiting
        self._show_connection()

    def _set_failed(self, failed: int) -> None:
        self._failed = failed
        self._show_connection()

    def _set_online(self, online: bool) -> None:
        if online and self._online is False:
            self.sync.nudge()  # back online: deliver what waited at once
        self._online = online
        self._show_connection()

    def _show_connection(self) -> None:
        self.window.loyalty.offline_banner.show_state(self._online, self._waiting, self._failed)
        if self._online is None:
            return
        text = (
            QCoreApplication.translate("Till", "Loyalty service online")
            if self._online
            else QCoreApplication.translate("Till", "Working offline")
        )
        self.window.loyalty.set_service_status(self._online, text)
