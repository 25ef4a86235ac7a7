"""A till without a window behind a real host API: the checkout controller on its worker thread,
the host API served by uvicorn on a free loopback port, the sandbox over HTTP, the till's SQLite
file on disk. Tests drive it with httpx, as a POS would."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import httpx

from app.checkout.controller import CheckoutController
from app.checkout.host_receipts import HostReceipts
from app.checkout.identify_input import identifier_parser
from app.checkout.recorder import OutboxRecorder
from app.checkout.recovery import recover_open_sales
from app.checkout.session import CheckoutSession
from app.host_api.api import TillStatus, make_api
from app.host_api.events import StateBroadcaster
from app.host_api.server import HostApiServer
from app.offline.connectivity import ConnectivityMonitor, MonitoredService
from app.offline.outbox_sync import OutboxSync
from app.offline.store import CachedOfflineStore
from app.returns.service import ReturnsService
from app.returns.worker import ReturnsOnWorker
from app.shift.summary import summarise
from app.workers import BackgroundWorker
from cache.database import Database, open_database
from fiscal.demo_registrar import DemoRegistrar
from loyalty_client.soap.client import SoapLoyaltyService

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the controller's worker needs a Qt application

TOKEN = "ab" * 32
CACHE_KEY = b"k" * 32


@dataclass
class ApiTill:
    """The parts, for tests to look inside."""

    database: Database
    controller: CheckoutController
    worker: BackgroundWorker
    server: HostApiServer
    broadcaster: StateBroadcaster
    sync: OutboxSync
    status: TillStatus = field(default_factory=lambda: TillStatus("test"))

    @property
    def url(self) -> str:
        return self.server.url

    def client(self, token: str | None = TOKEN, **options: Any) -> httpx.Client:
        headers = {} if token is None else {"Authorization": f"Bearer {token}"}
        options.setdefault("timeout", 20)
        return httpx.Client(base_url=self.url, headers=headers, **options)

    def stop(self) -> None:
        self.server.stop()
        self.worker.stop()
        self.database.close()


def start_api_till(qtbot: Any, service_url: str, db_path: Path, *, timeout_seconds: float = 5) -> ApiTill:
    """Build the till on its worker (as the till does), then serve the API on a free port."""
    database = open_database(db_path)
    worker = BackgroundWorker("loyalty-service")
    controller = CheckoutController(worker)
    broadcaster = StateBroadcaster()
    controller.add_state_listener(broadcaster.publish)
    monitor = ConnectivityMonitor()

    def make() -> HostReceipts:
        recorder = OutboxRecorder(database)
        recover_open_sales(recorder, DemoRegistrar())
        session = CheckoutSession(
            MonitoredService(SoapLoyaltyService(service_url, timeout_seconds=timeout_seconds), monitor),
            recorder,
            DemoRegistrar(),
            identifier_parser("BY"),
            store_id="001",
            till_id="01",
            currency="BYN",
            offline=CachedOfflineStore(database, CACHE_KEY),
            monitor=monitor,
        )
        session.load_program()
        host = HostReceipts(session, recorder)
        host.resume()
        return host

    with qtbot.waitSignal(controller.ready, timeout=15_000):
        controller.start(make)
    till_status = TillStatus("test")
    returns = ReturnsOnWorker(worker.call, lambda: ReturnsService(database, till="001/01"))
    api = make_api(
        controller,
        TOKEN,
        broadcaster,
        lambda: till_status,
        returns=returns,
        shift=lambda window: summarise(database, window),
    )
    server = HostApiServer(api, "127.0.0.1", 0, broadcaster)
    server.start()
    sync = OutboxSync(database, SoapLoyaltyService(service_url, timeout_seconds=5))
    return ApiTill(database, controller, worker, server, broadcaster, sync, till_status)


def events(response: httpx.Response) -> Iterator[dict[str, Any]]:
    """The receipt states of a server-sent event stream, as they come."""
    import json

    data: list[str] = []
    for line in response.iter_lines():
        if line.startswith("data: "):
            data.append(line[len("data: ") :])
        elif line == "" and data:
            yield json.loads("\n".join(data))
            data = []
