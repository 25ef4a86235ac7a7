"""Host API overhead: PUT receipt + identify + close through HTTP vs the same steps in process.

Starts the sandbox on loopback (fresh database, demo data) and two tills on their own SQLite
files in a temporary folder: one driven in process (`HostReceipts` called directly, as the
checkout's worker calls it) and one behind the host API (uvicorn on a free loopback port, the
checkout controller on its worker thread), driven over one keep-alive connection with the
standard library's `http.client` as a POS would (`--client httpx` for httpx, which costs about
1 ms more per call on the client's side alone). Each
round, interleaved so drift touches both alike: a new receipt (two lines, one of them without
redemption), identify Иван by phone, close (a reservation of the small default redemption); then
void, untimed, to free the till for the next receipt. Prints p50 / p95 / mean per step and for
the three together, and the overhead (HTTP less in process). Target: under 2 ms at p95.
`--compare-servers N` times instead the status call served by h11 on asyncio and by httptools
on uvloop (the default) side by side.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STEPS = ("put receipt", "identify", "close", "put+identify+close")
IVAN = "+7 916 555-01-23"
TOKEN = "be" * 32


@dataclass
class Timings:
    """Wall-clock durations of one step, in milliseconds."""

    label: str
    samples: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        """Median, ms."""
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        """95th percentile, ms."""
        return statistics.quantiles(self.samples, n=20, method="inclusive")[18]

    @property
    def mean(self) -> float:
        """Mean, ms."""
        return statistics.fmean(self.samples)


def lines_json() -> list[dict[str, Any]]:
    """The receipt as the POS sends it."""
    return [
        {"lineNo": 1, "sku": "4810001000017", "name": "Молоко 3,2% 1 л", "quantity": "1", "price": "2.49",
         "amount": "2.49"},
        {"lineNo": 2, "sku": "4810001000055", "name": "Сигареты", "quantity": "1", "price": "5.40", "amount": "5.40",
         "redeemAllowed": False, "accrualAllowed": False},
    ]


def make_host(service_url: str, db_path: Path) -> Any:
    """A till's checkout as the host drives it (the till's own parts, no window)."""
    from app.checkout.host_receipts import HostReceipts
    from app.checkout.identify_input import identifier_parser
    from app.checkout.recorder import OutboxRecorder
    from app.checkout.session import CheckoutSession
    from cache.database import open_database
    from fiscal.demo_registrar import DemoRegistrar
    from loyalty_client.soap.client import SoapLoyaltyService

    recorder = OutboxRecorder(open_database(db_path))
    session = CheckoutSession(
        SoapLoyaltyService(service_url, timeout_seconds=10),
        recorder,
        DemoRegistrar(),
        identifier_parser("BY"),
        store_id="001",
        till_id="01",
        currency="BYN",
    )
    session.load_program()
    return HostReceipts(session, recorder)


def timed(samples: list[float], call: Callable[[], Any]) -> Any:
    """Call, keep the duration, return the result."""
    started = time.perf_counter()
    result = call()
    samples.append((time.perf_counter() - started) * 1000)
    return result


class StdlibClient:
    """A POS's keep-alive JSON client on `http.client`; answers (status, text)."""

    def __init__(self, host: str, port: int) -> None:
        import http.client

        self._connection = http.client.HTTPConnection(host, port, timeout=30)

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, str]:
        """Send one request and read its whole answer."""
        import json

        data = None if body is None else json.dumps(body).encode()
        headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        self._connection.request(method, path, body=data, headers=headers)
        response = self._connection.getresponse()
        return response.status, response.read().decode()

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()


class HttpxClient:
    """The same with httpx."""

    def __init__(self, url: str) -> None:
        import httpx

        self._client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, str]:
        """Send one request and read its whole answer."""
        response = self._client.request(method, path, json=body)
        return response.status_code, response.text

    def close(self) -> None:
        """Close the client."""
        self._client.close()


def run(
    iterations: int, warmup: int, client: str = "stdlib", http_impl: str = "auto", loop: str = "auto"
) -> tuple[list[Timings], list[Timings]]:
    """Interleaved rounds through HTTP and in process; returns (http, in process) timings."""
    from PySide6.QtCore import QCoreApplication

    from app.checkout.controller import CheckoutController
    from app.host_api.api import TillStatus, make_api
    from app.host_api.events import StateBroadcaster
    from app.host_api.server import HostApiServer
    from app.host_api.state import receipt_lines
    from app.host_api.models import ReceiptIn
    from app.workers import BackgroundWorker
    from loyalty_client.sandbox import start_sandbox

    app = QCoreApplication.instance() or QCoreApplication([])
    http = [Timings(f"http   {step}") for step in STEPS]
    local = [Timings(f"local  {step}") for step in STEPS]
    lines = receipt_lines(ReceiptIn.model_validate({"lines": lines_json()}, strict=False).lines)
    with tempfile.TemporaryDirectory(prefix="bench-host-api-") as folder, start_sandbox() as sandbox:
        in_process = make_host(sandbox.url, Path(folder) / "local.sqlite")
        worker = BackgroundWorker("loyalty-service")
        controller = CheckoutController(worker)
        broadcaster = StateBroadcaster()
        controller.add_state_listener(broadcaster.publish)
        controller.start(lambda: make_host(sandbox.url, Path(folder) / "served.sqlite"))
        deadline = time.monotonic() + 30
        while not controller.is_ready and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.005)
        status = TillStatus("bench")
        server = HostApiServer(
            make_api(controller, TOKEN, broadcaster, lambda: status), "127.0.0.1", 0, broadcaster, http=http_impl, loop=loop
        )
        server.start()
        pos = StdlibClient("127.0.0.1", server.port) if client == "stdlib" else HttpxClient(server.url)
        body = {"lines": lines_json()}
        try:
            for round_no in range(warmup + iterations):
                receipt_id = f"B-{round_no}"
                h: list[list[float]] = [[], [], []]
                for samples, call in zip(h, (
                    lambda: pos.request("PUT", f"/v1/receipts/{receipt_id}", body),
                    lambda: pos.request("POST", f"/v1/receipts/{receipt_id}/customer", {"identifier": IVAN}),
                    lambda: pos.request("POST", f"/v1/receipts/{receipt_id}/close"),
                )):
                    status_code, text = timed(samples, call)
                    if status_code != 200:
                        raise RuntimeError(f"HTTP {status_code}: {text}")
                pos.request("POST", f"/v1/receipts/{receipt_id}/void")
                l: list[list[float]] = [[], [], []]
                timed(l[0], lambda: in_process.put(receipt_id, lines))
                timed(l[1], lambda: in_process.identify(receipt_id, IVAN))
                state = timed(l[2], lambda: in_process.close(receipt_id))
                if state.phase.value != "awaiting_payment":
                    raise RuntimeError(f"in process: {state.phase.value}: {state.notice}")
                in_process.void(receipt_id)
                app.processEvents()  # the panel's copies of the states, dropped here
                if round_no < warmup:
                    continue
                for timings, samples in ((http, h), (local, l)):
                    for index in range(3):
                        timings[index].samples.append(samples[index][0])
                    timings[3].samples.append(sum(s[0] for s in samples))
        finally:
            pos.close()
            server.stop()
            worker.stop()
    return http, local


SERVER_SETUPS = (("h11", "asyncio"), ("httptools", "uvloop"))


def compare_servers(calls: int, warmup: int = 50) -> list[Timings]:
    """`GET /v1/status` through the host API (guard, FastAPI, JSON) served by each of
    `SERVER_SETUPS` at once, called in turn over keep-alive connections so that drift touches
    all alike; the checkout is not involved. Returns one timing per setup."""
    import http.client

    from app.host_api.api import TillStatus, make_api
    from app.host_api.events import StateBroadcaster
    from app.host_api.server import HostApiServer

    class NoCheckout:
        def call(self, step: Any) -> Any:
            raise RuntimeError("the status needs no checkout")

    status = TillStatus("bench")
    servers = []
    for parser, loop in SERVER_SETUPS:
        broadcaster = StateBroadcaster()
        app = make_api(NoCheckout(), TOKEN, broadcaster, lambda: status)
        servers.append(HostApiServer(app, "127.0.0.1", 0, broadcaster, http=parser, loop=loop))
    timings = [Timings(f"{parser} on {loop}") for parser, loop in SERVER_SETUPS]
    try:
        for server in servers:
            server.start()
        connections = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=30) for server in servers]
        headers = {"Authorization": f"Bearer {TOKEN}"}
        for number in range(warmup + calls):
            for connection, timing in zip(connections, timings):
                started = time.perf_counter()
                connection.request("GET", "/v1/status", headers=headers)
                answer = connection.getresponse()
                answer.read()
                if answer.status != 200:
                    raise RuntimeError(f"HTTP {answer.status}")
                if number >= warmup:
                    timing.samples.append((time.perf_counter() - started) * 1000)
        for connection in connections:
            connection.close()
    finally:
        for server in servers:
            server.stop()
    return timings


def print_table(rows: list[Timings]) -> None:
    """One line per step: count, p50, p95, mean."""
    print(f"  {'':28} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'mean ms':>9}")
    for row in rows:
        print(f"  {row.label:28} {len(row.samples):>5} {row.p50:>9.3f} {row.p95:>9.3f} {row.mean:>9.3f}")


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench host_api", description=__doc__)
    parser.add_argument("-n", "--iterations", type=int, default=200, help="measured rounds")
    parser.add_argument("--warmup", type=int, default=20, help="rounds before measuring")
    parser.add_argument("--client", choices=("stdlib", "httpx"), default="stdlib", help="the POS's HTTP client")
    parser.add_argument("--http", choices=("auto", "h11", "httptools"), default="auto", help="uvicorn's HTTP parser")
    parser.add_argument("--loop", choices=("auto", "asyncio", "uvloop"), default="auto", help="uvicorn's event loop")
    parser.add_argument(
        "--compare-servers", type=int, metavar="N", default=0,
        help="instead: N status calls to the API served by h11 on asyncio and by httptools on uvloop, in turn",
    )
    args, _ = parser.parse_known_args(argv)
    if args.compare_servers:
        print(f"\nGET /v1/status, {args.compare_servers} calls to each server in turn (client: http.client)")
        print_table(compare_servers(args.compare_servers))
        return
    http, local = run(args.iterations, args.warmup, args.client, args.http, args.loop)
    print(
        f"\nPUT receipt + identify + close ({args.iterations} rounds, {args.warmup} warm-up, interleaved;"
        f" client: {args.client}; server: http {args.http}, loop {args.loop})"
    )
    print_table(http + local)
    print("\n  overhead of the host API (http - in process)   p50 ms    p95 ms")
    for ours, theirs in zip(http, local):
        name = ours.label.removeprefix("http   ")
        print(f"  {name:44} {ours.p50 - theirs.p50:>8.3f}  {ours.p95 - theirs.p95:>8.3f}")
