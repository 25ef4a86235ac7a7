"""The till assembled: window, presenter, checkout on the service worker, outbox sync on its own.

`TillApplication` is what `till-loyalty run|demo` starts and what the end-to-end GUI tests drive.
In `run` the POS hands over its receipts through the host API and fiscalises them itself; the
demo plays the POS (demo products) and its fiscal printer (the demo registrar).
All I/O happens on the two workers; the GUI thread only wires and renders.
"""
from __future__ import annotations

import logging
import secrets
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.checkout.session import CheckoutSession, CheckoutState, Phase
from app.admin.controller import AdminController
from app.admin.integration import IntegrationScreen
from app.admin.service import ServiceScreen
from app.offline.connectivity import (
    BACKGROUND_TIMEOUTS,
    ConnectivityMonitor,
    MonitoredService,
    ServiceTimeouts,
    program_probe,
)
from app.checkout.controller import CheckoutController
from app.devices.setup import DeviceSetup
from app.devices.texts import device_settings_problem_text
from app.devices.controller import DevicesController
from app.devices.slips_due import SlipsDue
from app.demo.host import DemoReceiptBuilder
from app.demo.pos import DemoPos
from app.checkout.identify_input import identifier_parser, scan_refusal_text
from app.registration.screen import RegistrationScreen, card_expected_text
from app.admin.offline_policy import OfflinePolicySetup
from app.offline.redemption import policy_from_settings
from app.checkout.presenter import TillPresenter
from app.host_api.status import HostApiStatus
from app.service.live import Build, ServiceTarget
from app.settings import Settings, demo_settings, secrets_folder
from app.shift.reader import ShiftReader
from app.shift.screen import ShiftScreen
from app.returns.screen import ReturnsScreen
from app.offline.sync_controller import SyncController
from app.workers import BackgroundWorker
from devices.scanner.scan_classifier import ScanKind, classify_scan
from fiscal.demo_registrar import DemoRegistrar, fiscal_memory_beside
from fiscal.money import format_money
from loyalty_client.service import LoyaltyService
from widgets.checkout.close_prompt import confirm_close_with_waiting
from widgets.main_window import TillWindow

if TYPE_CHECKING:
    from app.checkout.host_receipts import HostReceipts
    from app.host_api.till_status import TillStatus
    from app.host_api.server import HostApiServer
    from app.offline.balance_refresh import BalanceKeepingSync
    from app.returns.model import ReturnAnswer
    from app.returns.service import ReturnsService
    from app.returns.worker import ReturnsOnWorker

log = logging.getLogger(__name__)


class TillApplication(QObject):
    """Owns the window, the workers and the controllers of one till."""

    service_connected = Signal(str)
    connectivity_changed = Signal(bool)
    host_api_started = Signal(str)  # the API's address
    host_api_failed = Signal(str)  # why it is off, for the log and the panel
    return_recorded = Signal(object)  # a ReturnAnswer, from the checkout's worker
    service_not_configured = Signal()  # the endpoint needs an API key and none is set or stored

    def __init__(
        self, settings: Settings, *, demo: bool, database_path: Path, window: TillWindow | None = None
    ) -> None:
        """`window`: one already shown (start-up paints it before the rest is built), else a new one."""
        super().__init__()
        if demo:  # what the demo saves stays the demo's: next to its database, or in its --config
            settings = demo_settings(settings, database_path.parent)
        self.settings = settings
        self.database_path = database_path
        self.window = window if window is not None else TillWindow(demo_mode=demo)
        self.window.add_keys_and_menu()  # a window shown has them already, one never shown needs them too
        self.window.set_always_on_top(settings.get("ui", "always_on_top"))
        self.service_worker = BackgroundWorker("loyalty-service", self)
        self.sync_worker = BackgroundWorker("outbox-sync", self)
        self.controller = CheckoutController(self.service_worker, self)
        self.sync = SyncController(self.sync_worker, settings.get("sync", "interval_seconds"), self)
        # The demo plays the POS and its fiscal printer, and drives the till through the host API
        # as a real POS does; a real till's receipts come from the POS, fiscalised there.
        self.demo = demo
        self.demo_pos: DemoPos | None = None
        self._demo_token = secrets.token_hex(32) if demo else None  # the demo's own, never kept
        if demo:
            self.demo_pos = DemoPos(
                DemoReceiptBuilder(settings.get("store", "store_id"), settings.get("store", "till_id")),
                DemoRegistrar(memory=fiscal_memory_beside(database_path)),
                self,
            )
        self.presenter = TillPresenter(self.window, self.controller, self.demo_pos, self)
        self.registration = RegistrationScreen(
            self.window, self.controller, lambda: self._online, settings.get("ui", "code_resend_seconds"), self
        )
        self.window.loyalty.confirmation.set_resend_delay(settings.get("ui", "code_resend_seconds"))
        self.controller.ready.connect(self.presenter.start_pos)
        self.admin_worker = BackgroundWorker("admin", self)
        self.admin = AdminController(self.window, self.admin_worker, database_path, secrets_folder(settings))
        self.device_worker = BackgroundWorker("devices", self)
        self.devices = DevicesController(self.window, self.device_worker)
        self.device_setup = DeviceSetup(
            self.window, self.devices, self.admin_worker, lambda: self.settings, self._settings_saved
        )
        self.offline_setup = OfflinePolicySetup(
            self.window, self.admin_worker, lambda: self.settings, self._offline_policy_saved
        )
        self.admin.offline_policy_requested.connect(self.offline_setup.open)
        self.integration = IntegrationScreen(
            self.window, self.admin_worker, lambda: self.host_api_state, self.read_host_api_token
        )
        self.admin.integration_requested.connect(self.integration.open)
        self.service_screen = ServiceScreen(
            self.window, self.admin_worker, lambda: self.settings, self._settings_saved, self.switch_service
        )
        self.admin.service_requested.connect(self.service_screen.open)
        self.host_api_started.connect(lambda _url: self.integration.refresh())
        self.host_api_failed.connect(lambda _why: self.integration.refresh())
        self._approval_asked = False  # the admin PIN dialog for offline spending is open
        self.slips = SlipsDue(
            self.devices.print_slip,
            self.devices.print_return_slip,
            lambda: self._online,
            settings.get("devices", "slip_wait_seconds"),
            self,
        )
        self.monitor: ConnectivityMonitor | None = None
        self._service_target: ServiceTarget | None = None  # what the workers' clients speak to
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(1000)
        self._probe_timer.timeout.connect(self._probe_if_due)
        self.connectivity_changed.connect(self._set_online)
        self._connect_devices()
        self._online: bool | None = None
        self._waiting = 0
        self._failed = 0
        self.sync.delivered.connect(self.presenter.show_delivery)
        self.sync.queue_changed.connect(self._set_waiting)
        self.sync.failed_changed.connect(self._set_failed)
        self.sync.queue_changed.connect(lambda _: self.admin.refresh_queue())
        self.admin.sync_requested.connect(self.sync.nudge)
        self.window.admin_requested.connect(self.admin.open)
        self.window.set_close_guard(self._may_close)
        self.controller.state_changed.connect(self._after_state)
        self.controller.ready.connect(lambda: self._after_state(self.controller.state))
        self.window.loyalty.set_service_status(False, QCoreApplication.translate("Till", "Connecting…"))
        self.host_api: HostApiServer | None = None
        self.host_api_state = HostApiStatus(running=False)  # as the admin's Integration screen shows it
        self._returns: ReturnsOnWorker | None = None
        self.shift_reader = ShiftReader(database_path)  # opens the database on the first reader's thread
        self.shift_screen = ShiftScreen(
            self.window,
            self.admin_worker,
            self.shift_reader,
            self.devices.print_shift_slip,
            store=lambda: (self.settings.get("store", "store_id"), self.settings.get("store", "till_id")),
        )
        self.window.shift_summary_requested.connect(self.shift_screen.open)
        self.returns_screen = ReturnsScreen(self.window, lambda: self.returns, lambda: self._online)
        self.window.return_requested.connect(self.returns_screen.open)
        self.sync.refund_delivered.connect(self.returns_screen.refund_delivered)
        self.sync.refund_refused.connect(self.returns_screen.refund_refused)
        self.sync.refund_put_off.connect(self.returns_screen.refund_put_off)
        self._till_status: TillStatus | None = None  # read by the host API's thread; replaced whole
        self._version = ""  # read on the host API's worker, before it serves
        self.devices.printer_status.connect(self._printer_status_for_host)
        self._not_configured = False  # the service needs an API key that is not there
        self.service_not_configured.connect(self._say_not_configured)

    def connect_service(self, endpoint_url: str, api_key: str | None = None) -> None:
        """Point the till at a loyalty service; the clients are built on their worker threads.

        `api_key` (the demo's): the service's key; None: `TILL_LOYALTY_API_KEY`, else the one kept
        in the secret store, read on the workers. A RetailCRM endpoint without a key leaves the
        till working as offline, and says so, until an admin stores one (Admin > Service).
        """
        settings = self.settings
        timeout = settings.get("service", "timeout_seconds")
        verify = settings.get("service", "verify_tls")
        region = settings.get("store", "region")
        database_path = self.database_path
        secrets_at = secrets_folder(settings)
        registrar = None  # the POS (or the demo's) fiscalises: sales are settled by its paid or void

        store_id = settings.get("store", "store_id")
        offline_policy = policy_from_settings(settings)
        probe_client: list[LoyaltyService] = []  # the sync worker's client, once built there
        monitor = ConnectivityMonitor(
            lambda: program_probe(probe_client[0], store_id)() if probe_client else None,
            on_change=self.connectivity_changed.emit,  # from a worker: queued to the GUI thread
        )
        self.monitor = monitor

        # These run on the worker threads: the SOAP and database stacks load there, not before
        # the window is shown. The cashier's calls give up quickly (and at once while the
        # service is known to be down) so the checkout falls back to the cache; the sync waits.
        def read_key() -> str | None:
            from app.service.api_key import read_api_key

            return api_key or read_api_key(settings)

        target = ServiceTarget(endpoint_url)
        self._service_target = target

        def live(build: Build, on_missing: Callable[[], None] | None = None) -> LoyaltyService:
            from app.service.live import LiveService

            return LiveService(target, build, read_key, on_missing)  # type: ignore[return-value]

        def make_service() -> LoyaltyService:
            from app.service.factory import service_for

            timeouts = ServiceTimeouts(connect_seconds=min(0.5, timeout), total_seconds=timeout)
            # The key's absence is said in every answer (outside the monitor): the cashier reads
            # "not configured", not "unreachable"; the probe tells the monitor.
            return live(
                lambda endpoint, key: MonitoredService(
                    service_for(endpoint, key, timeouts, verify_tls=verify), monitor, fail_fast=True
                ),
                self.service_not_configured.emit,
            )

        def make_sync() -> BalanceKeepingSync:
            from app.offline.balance_refresh import BalanceKeepingSync
            from app.offline.outbox_sync import OutboxSync
            from loyalty_client.batch import MAX_BATCH_ITEMS
            from app.secrets_store import till_secret
            from cache.customer_cache import CustomerCache
            from cache.database import open_database

            from app.service.factory import service_for

            def client_of_service() -> LoyaltyService:
                return live(lambda endpoint, key: service_for(endpoint, key, BACKGROUND_TIMEOUTS, verify_tls=verify))

            client = client_of_service()
            probe_client.append(client)
            database = open_database(database_path)
            # A second client of its own lets a backlog go out with two batch requests under way.
            second = MonitoredService(client_of_service(), monitor)
            return BalanceKeepingSync(
                OutboxSync(
                    database, MonitoredService(client, monitor), batch_size=MAX_BATCH_ITEMS, second_service=second
                ),
                CustomerCache(database, till_secret("customer-cache-key", database_path.parent, folder=secrets_at)),
            )

        def make_session() -> HostReceipts:
            from app.checkout.host_receipts import HostReceipts
            from app.offline.store import CachedOfflineStore
            from app.checkout.recorder import OutboxRecorder
            from app.checkout.recovery import recover_open_sales
            from app.secrets_store import till_secret
            from cache.database import open_database
            from loyalty_client.identifiers import load_phone_rules

            load_phone_rules()  # its tables load here, off the GUI thread, before the first phone or scan
            database = open_database(database_path)
            recorder = OutboxRecorder(database)
            # What a crash left half done is settled before the checkout takes a receipt.
            recover_open_sales(recorder, registrar)
            session = CheckoutSession(
                make_service(),
                recorder,
                registrar,
                identifier_parser(region),
                store_id=settings.get("store", "store_id"),
                till_id=settings.get("store", "till_id"),
                currency=settings.get("store", "currency"),
                offline=CachedOfflineStore(
                    database, till_secret("customer-cache-key", database_path.parent, folder=secrets_at)
                ),
                offline_policy=offline_policy,
                monitor=monitor,
            )
            session.load_program()
            host = HostReceipts(session, recorder)
            host.resume()  # a host's receipt that awaited payment before a restart is open again
            return host

        self.sync.start(make_sync)
        self.controller.start(make_session)
        self._probe_timer.start()
        self.service_connected.emit(endpoint_url)

    def switch_service(self, endpoint: str) -> bool:
        """Speak to `endpoint` with the key stored now, without a restart: each worker builds its
        client again at its next call, the service is probed and the program read again.

        False when only a restart can do it: another kind of service than the one the till
        started with (SOAP or RetailCRM), or a till not connected yet (it connects with the
        settings saved).
        """
        target = self._service_target
        if target is None or not target.can_switch_to(endpoint):
            return False
        target.switch(endpoint)
        log.info("loyalty service settings changed: switching without a restart")
        monitor = self.monitor

        def probed(_: object) -> None:
            self.sync.expedite()  # what waited on a refused key or a wrong address goes now
            if self.controller.is_ready:
                self.controller.call(lambda host: host.session.load_program())

        if monitor is not None:
            self.sync_worker.submit(monitor.probe, probed, lambda exc: log.warning("probe failed: %s", exc))
        return True

    # ----- the host API ----------------------------------------------------------------------
    def start_host_api(self) -> None:
        """Serve the host API if the settings say so; `host_api_started` or `host_api_failed` follows.

        The token is read and the port bound on a worker (the keyring may be slow); a port in
        use is said in the panel and the log, and the till goes on without the API. The demo
        always serves it, on a free loopback port with a token of its own: its POS drives the
        till through it.
        """
        settings = self.settings
        if self.demo:
            address, port = "127.0.0.1", 0
        elif settings.get("host_api", "enabled"):
            address, port = settings.get("host_api", "host"), settings.get("host_api", "port")
        else:
            self.host_api_state = HostApiStatus(running=False, disabled=True)
            log.warning("host API off in the settings: no POS can hand over its receipts")
            self.window.loyalty.messages.show_warning(
                QCoreApplication.translate("Till", "The host API is off in the settings: the POS cannot send receipts.")
            )
            return
        from app.host_api.events import StateBroadcaster
        from app.host_api.till_status import TillStatus

        broadcaster = StateBroadcaster()
        shift = self.shift_reader
        if self.controller.state is not None:
            broadcaster.publish(self.controller.state)
        self.controller.add_state_listener(broadcaster.publish)
        self._till_status = TillStatus("", self._online, self._waiting, self._failed)

        def start() -> tuple[HostApiServer, str]:
            # The web stack and the package metadata load here, not on the GUI thread.
            from app.host_api.api import make_api
            from app.host_api.server import HostApiServer

            self._version = _version()
            token = self.read_host_api_token()
            app = make_api(
                self.controller, token, broadcaster, self._host_api_status, returns=self.returns, shift=shift
            )
            server = HostApiServer(app, address, port, broadcaster)
            server.start()
            return server, token

        def started(result: tuple[HostApiServer, str]) -> None:
            server, token = result
            self.host_api = server
            self.host_api_state = HostApiStatus(running=True, url=server.url)
            if self.demo_pos is not None:
                self.demo_pos.connect(server.url, token)
            self.host_api_started.emit(server.url)

        def failed(exc: BaseException) -> None:
            self.controller.remove_state_listener(broadcaster.publish)
            log.error("host API off: %s", exc)
            self.host_api_state = HostApiStatus(running=False, problem=str(exc))
            if self.demo_pos is not None:
                self.demo_pos.connection_failed(str(exc))
            text = QCoreApplication.translate("Till", "The POS cannot reach the till: %1").replace("%1", str(exc))
            self.window.loyalty.messages.show_error(text)
            self.host_api_failed.emit(str(exc))

        self.admin_worker.submit(start, started, failed)

    @property
    def returns(self) -> ReturnsOnWorker:
        """Where returns are made (the host API's, the panel's): on the checkout's worker, each
        new one heard here (`return_recorded`) for its slip."""
        if self._returns is None:
            from app.returns.worker import ReturnsOnWorker

            database_path = self.database_path
            till = f"{self.settings.get('store', 'store_id')}/{self.settings.get('store', 'till_id')}"

            def make() -> ReturnsService:
                from app.returns.service import ReturnsService
                from cache.database import open_database

                service = ReturnsService(open_database(database_path), till=till)
                service.add_listener(self.return_recorded.emit)  # queued to the GUI thread
                return service

            self._returns = ReturnsOnWorker(self.service_worker.call, make)
        return self._returns

    def read_host_api_token(self) -> str:
        """The token a POS sends to this till's host API (may ask the keyring: call it on a worker)."""
        if self._demo_token is not None:
            return self._demo_token
        from app.host_api.token import host_api_token

        return host_api_token(self.settings)

    def _host_api_status(self) -> TillStatus:
        status = self._till_status
        assert status is not None
        return replace(status, version=self._version)

    def _update_status(self, **changes: object) -> None:
        if self._till_status is not None:
            self._till_status = replace(self._till_status, **changes)  # type: ignore[arg-type]

    def _printer_status_for_host(self, state: str, text: str, _what_to_do: str) -> None:
        self._update_status(printer_state=state, printer_text=text)

    def shutdown(self) -> None:
        """Stop the workers after their queued work (a sale being recorded is finished)."""
        if self.demo_pos is not None:  # the demo POS's calls under way are answered first
            self.demo_pos.stop()
        if self.host_api is not None:  # first: no host call may arrive at a stopping checkout
            self.host_api.stop()
            self.host_api = None
        self._probe_timer.stop()
        self.sync.stop()
        self.devices.shutdown()
        for worker in (self.service_worker, self.sync_worker, self.admin_worker, self.device_worker):
            worker.stop()
        self.shift_reader.close()

    # ----- devices -------------------------------------------------------------------------
    def _connect_devices(self) -> None:
        status = self.window.printer_status
        self.devices.printer_status.connect(status.show_status)
        self.devices.reprint_available.connect(status.set_reprint_available)
        status.reprint_requested.connect(self.devices.reprint_last)
        self.devices.scanned.connect(self.handle_scan)
        self.admin.devices_requested.connect(self.device_setup.open)
        self.sync.delivered.connect(self.slips.sale_delivered)
        self.sync.refused.connect(self.slips.sale_refused)
        self.sync.refund_delivered.connect(self.slips.refund_delivered)
        self.sync.refund_refused.connect(self.slips.refund_refused)
        self.sync.put_off.connect(self.slips.sale_put_off)
        self.sync.refund_put_off.connect(self.slips.refund_put_off)
        self.return_recorded.connect(self._after_return)
        problems = self.devices.configure_each(
            self.settings.get("devices", "scanner"), self.settings.get("devices", "printer")
        )
        for problem in problems:
            log.warning("device settings not usable: %s", problem)
        if problems:
            self.window.loyalty.messages.show_warning(" ".join(device_settings_problem_text(p) for p in problems))

    def _settings_saved(self, settings: Settings) -> None:
        self.settings = settings

    def _offline_policy_saved(self, settings: Settings) -> None:
        self.settings = settings
        self.controller.set_offline_policy(policy_from_settings(settings))

    def handle_scan(self, raw: str) -> None:
        """A scanner read something: identify the customer, or say why not."""
        if self.device_setup.is_open:
            return  # the admin is testing the scanner
        if self.returns_screen.take_scan(raw):
            return  # the original receipt of a return
        result = classify_scan(raw, self.settings.get("store", "region"))
        is_card = result.kind is ScanKind.CARD
        refusal = scan_refusal_text(result.reason) if result.identifier is None else card_expected_text()
        if self.registration.take_scan(is_card, result.value, refusal):
            return  # a card scanned while registering is the card to link
        if result.identifier is None:
            self.window.loyalty.messages.show_warning(scan_refusal_text(result.reason))
            return
        if result.kind is ScanKind.COUPON:
            self.presenter.coupon_scanned(result.value)
            return
        self.presenter.identify_scanned(result.value)

    def _after_return(self, answer: ReturnAnswer) -> None:
        """A return was recorded: send it, and see to its slip."""
        self.sync.nudge()
        self.slips.return_recorded(answer)

    @property
    def waiting(self) -> int:
        """Transactions recorded and not yet delivered, as last counted."""
        return self._waiting

    def _may_close(self) -> bool:
        return self._waiting == 0 or confirm_close_with_waiting(self.window, self._waiting)

    def _after_state(self, state: CheckoutState | None) -> None:
        if state is not None and state.phase is Phase.CLOSED:
            self.slips.sale_closed(state)
        if state is not None and state.phase is Phase.AWAITING_APPROVAL:
            self._ask_approval(state)
        # After the state's frame: a drain started at once took the interpreter from the GUI
        # thread while it laid the new state out (timers run after the posted paint).
        QTimer.singleShot(1, self.sync, self.sync.nudge)

    def _ask_approval(self, state: CheckoutState) -> None:
        """Offline spending waits for the admin: ask for the PIN once per request."""
        if self._approval_asked:
            return
        self._approval_asked = True
        request = QCoreApplication.translate("Till", "Spend %1 from %2's bonuses while the service is offline?")
        request = request.replace("%1", format_money(state.redeem, state.currency)).replace(
            "%2", state.customer.display_name if state.customer else ""
        )

        def approved() -> None:
            self._approval_asked = False
            self.controller.approve_offline_redemption()

        def declined(reason: str) -> None:
            self._approval_asked = False
            self.controller.decline_offline_redemption(reason)

        self.admin.approve_with_pin(request, approved, declined)

    def _set_waiting(self, waiting: int) -> None:
        self._waiting = waiting
        self._update_status(waiting=waiting)
        self._show_connection()

    def _set_failed(self, failed: int) -> None:
        self._failed = failed
        self._update_status(failed=failed)
        self._show_connection()

    def _probe_if_due(self) -> None:
        monitor = self.monitor
        if monitor is not None and monitor.seconds_until_probe() <= 0:
            self.sync.run_on_worker(monitor.probe_if_due)

    def _say_not_configured(self) -> None:
        """For the admin: the log and the status line (the cashier's notice comes with the checkout's state)."""
        from app.service.factory import NO_KEY_MESSAGE

        log.error("loyalty service not configured: %s", NO_KEY_MESSAGE)
        self._not_configured = True
        self._show_connection()

    def _set_online(self, online: bool) -> None:
        if online:
            self._not_configured = False
        if online and self._online is False:
            self.sync.expedite()  # back online: deliver what waited, whatever its backoff said
        if not online:
            self.slips.went_offline()  # the customer at the till gets their slip now
        self._online = online
        self._update_status(online=online)
        self._show_connection()

    def _show_connection(self) -> None:
        self.window.loyalty.offline_banner.show_state(self._online, self._waiting, self._failed)
        if self._online is None:
            return
        if self._online:
            text = QCoreApplication.translate("Till", "Loyalty service online")
        elif self._not_configured:
            text = QCoreApplication.translate("Till", "Loyalty service not configured")
        else:
            text = QCoreApplication.translate("Till", "Working offline")
        self.window.loyalty.set_service_status(self._online, text)


def _version() -> str:
    """The till's version, as installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("till-loyalty")
    except PackageNotFoundError:
        return "unknown"
