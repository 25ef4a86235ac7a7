"""RetailCRM adapter overhead: identify + calculate through `RetailCrmLoyaltyService` vs the same requests raw.

Starts the fake RetailCRM on loopback in a process of its own (in this one, its threads would
take the interpreter's lock from the client's and time the lock's hand-over, not the client),
then for N iterations: identify Анна by phone and calculate
a two-line receipt through the adapter (GET loyalty/accounts, POST loyalty/calculate), and send
the very requests the adapter sent (method, URL with its query, headers with the key, the form
body: captured on their way out) with a plain `requests.Session`, and with `http.client` on one
kept-alive connection. Adapter and raw calls are interleaved, so drift in the machine or the
server touches both alike. Prints p50 / p95 / mean per operation and the adapter/raw ratios.

The till's client-side limiter (10 requests a second per key, as RetailCRM allows) would make
this a measure of the limiter: the adapter here is given a limiter with no practical limit, and
the fake limits nothing (its `rate_limit` is off). Everything else is the till's own client: the
total deadline's watchdog, the bounded read, the error envelope's checks, Decimal at the edge.
"""
from __future__ import annotations

import argparse
import http.client
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import requests

from bench.soap_roundtrip import Timings, print_table
from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client.retailcrm.adapter import RetailCrmLoyaltyService
from loyalty_client.retailcrm.client import RequestRate, RetailCrmClient, parse_endpoint
from loyalty_client.retailcrm.fake_server import DEFAULT_KEY
from loyalty_client.types import Identifier, IdentifierKind

STORE, TILL = "001", "01"
ANNA_PHONE = "+375291234567"
NAMES = ("identify", "calculate", "identify+calculate")


class Sent:
    """The requests the adapter's session sent since the last `take()` (a response hook)."""

    def __init__(self) -> None:
        self.requests: list[requests.PreparedRequest] = []

    def hook(self, response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        """Keep the request behind `response`."""
        self.requests.append(response.request)
        return response

    def take(self) -> list[requests.PreparedRequest]:
        """The requests kept so far, forgotten here."""
        taken, self.requests = self.requests, []
        return taken


def receipt() -> Receipt:
    """A fresh two-line receipt (new id each time)."""
    return Receipt(
        receipt_id=f"B-{uuid.uuid4().hex[:16]}",
        store_id=STORE,
        till_id=TILL,
        opened_at=datetime.now(timezone.utc),
        lines=(
            ReceiptLine(1, "4810001", "Сыр Российский", Decimal("2"), Decimal("60.00"), Decimal("120.00")),
            ReceiptLine(2, "4810002", "Кофе", Decimal("1"), Decimal("80.00"), Decimal("80.00")),
        ),
    )


class RawRequests:
    """The captured requests again through a plain `requests.Session` (same method, URL, headers, body)."""

    def __init__(self) -> None:
        self.session = requests.Session()

    def send(self, request: requests.PreparedRequest) -> None:
        """Send one request and read its whole answer."""
        response = self.session.request(
            request.method or "GET", request.url or "", data=request.body, headers=dict(request.headers), timeout=10
        )
        if response.status_code >= 400:
            raise RuntimeError(f"raw {request.method} answered HTTP {response.status_code}")

    def close(self) -> None:
        """Close the kept-alive connection."""
        self.session.close()


class RawHttpClient:
    """The captured requests again through `http.client` on one kept-alive connection."""

    def __init__(self, host: str, port: int) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=10)

    def send(self, request: requests.PreparedRequest) -> None:
        """Send one request and read its whole answer."""
        url = urlsplit(request.url or "")
        body = request.body.encode() if isinstance(request.body, str) else request.body
        self.connection.request(
            request.method or "GET", f"{url.path}?{url.query}" if url.query else url.path, body=body,
            headers=dict(request.headers),
        )
        response = self.connection.getresponse()
        response.read()
        if response.status >= 400:
            raise RuntimeError(f"raw {request.method} answered HTTP {response.status}")

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()


@contextmanager
def fake_process() -> Iterator[str]:
    """The fake RetailCRM served by a child process on a free loopback port: its endpoint address."""
    child = subprocess.Popen(
        [sys.executable, "-m", "loyalty_client.retailcrm.fake_server", "0"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        yield child.stdout.readline().strip()
    finally:
        child.terminate()
        child.wait(10)


def roundtrips(url: str, iterations: int, warmup: int) -> tuple[list[Timings], ...]:
    """Interleaved adapter, requests and http.client identify + calculate round trips."""
    sent = Sent()
    endpoint = parse_endpoint(url)
    client = RetailCrmClient(endpoint, DEFAULT_KEY, timeout_seconds=10, rate=RequestRate(limit=10**9))
    client._session.hooks["response"].append(sent.hook)
    service = RetailCrmLoyaltyService(client)
    anna = Identifier(IdentifierKind.PHONE, ANNA_PHONE)
    via_adapter = [Timings(f"adapter  {name}") for name in NAMES]
    via_requests = [Timings(f"requests {name}") for name in NAMES]
    via_http = [Timings(f"http.client {name}") for name in NAMES]
    address = urlsplit(endpoint.api_url)
    raw_requests, raw_http = RawRequests(), RawHttpClient(address.hostname or "127.0.0.1", address.port or 80)
    try:
        customer = service.identify(anna, STORE, TILL)  # the program, read once and kept, as at a till
        sent.take()
        for round_no in range(warmup + iterations):
            started = time.perf_counter()
            customer = service.identify(anna, STORE, TILL)
            after_identify = time.perf_counter()
            identify = sent.take()
            service.calculate(customer.customer_id, receipt(), Decimal("10.00"))
            finished = time.perf_counter()
            calculate = sent.take()
            if len(identify) != 1 or len(calculate) != 1:
                raise RuntimeError(f"expected one request each, the adapter sent {len(identify)} and {len(calculate)}")
            marks = {"adapter": (started, after_identify, finished)}
            for name, raw in (("requests", raw_requests), ("http.client", raw_http)):
                begin = time.perf_counter()
                raw.send(identify[0])
                middle = time.perf_counter()
                raw.send(calculate[0])
                marks[name] = (begin, middle, time.perf_counter())
            if round_no < warmup:
                continue
            for timings, (begin, middle, end) in (
                (via_adapter, marks["adapter"]),
                (via_requests, marks["requests"]),
                (via_http, marks["http.client"]),
            ):
                timings[0].samples.append((middle - begin) * 1000)
                timings[1].samples.append((end - middle) * 1000)
                timings[2].samples.append((end - begin) * 1000)
    finally:
        service.close()
        raw_requests.close()
        raw_http.close()
    return via_adapter, via_requests, via_http


def print_ratios(ours: list[Timings], theirs: list[Timings], floor: str) -> None:
    """Adapter/raw ratios of p50, p95 and mean, and the adapter's own cost at p50."""
    print(f"\n  adapter / {floor:<28} p50      p95     mean   adapter cost at p50")
    for mine, raw in zip(ours, theirs):
        name = mine.label.removeprefix("adapter  ")
        print(
            f"  {name:38} {mine.p50 / raw.p50:>6.2f}x {mine.p95 / raw.p95:>6.2f}x {mine.mean / raw.mean:>6.2f}x"
            f" {mine.p50 - raw.p50:>9.3f} ms"
        )


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench retailcrm_roundtrip", description=__doc__)
    parser.add_argument("-n", "--iterations", type=int, default=300, help="measured round trips")
    parser.add_argument("--warmup", type=int, default=30, help="round trips before measuring")
    args, _ = parser.parse_known_args(argv)

    with fake_process() as url:
        print(
            f"Round trips to the fake RetailCRM at {url} ({args.iterations} measured, {args.warmup} warm-up,"
            " interleaved; the till's 10 requests/s limiter lifted for the bench)"
        )
        via_adapter, via_requests, via_http = roundtrips(url, args.iterations, args.warmup)
    print_table(via_adapter + via_requests + via_http)
    print_ratios(via_adapter, via_requests, "raw requests.Session")
    print_ratios(via_adapter, via_http, "raw http.client")
