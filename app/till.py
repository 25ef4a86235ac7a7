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
from app.controller import CheckoutController
from app.demo_host import DemoReceiptBuilder
from app.identify_input import identifier_parser
from app.presenter import TillPresenter
from app.settings import Settings
from app.sync_controller import SyncController
from app.workers import BackgroundWorker
from fiscal.demo_registrar import DemoRegistrar
from loyalty_client.service import LoyaltyService
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
        self.sync.delivered.connect(self.presenter.show_delivery)
        self.sync.queue_changed.connect(self._show_queue)
        self.sync.online_changed.connect(self._show_online)
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
        self.service_worker.stop()
        self.sync_worker.stop()

    def _after_state(self, state: CheckoutState | None) -> None:
        if state is not None and state.online is not None:
            self._show_online(state.online)
        self.sync.nudge()

    def _show_queue(self, waiting: int) -> None:
        if waiting:
            self.window.show_status(
                QCoreApplication.translate("Till", "Transactions waiting to be sent: %1").replace("%1", str(waiting))
            )
        else:
            self.window.show_status("")

    def _show_online(self, online: bool) -> None:
        text = (
            QCoreApplication.translate("Till", "Loyalty service online")
            if online
            else QCoreApplication.translate("Till", "Loyalty service unreachable")
        )
        self.window.loyalty.set_service_status(online, text)
