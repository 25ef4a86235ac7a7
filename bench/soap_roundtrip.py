"""SOAP client overhead: identify + calculate through `SoapLoyaltyService` vs the same bytes raw.

Starts the sandbox on loopback (fresh database, demo data), then for N iterations:
identify Анна by phone and calculate a two-line receipt through the client, and POST the very
envelopes the client just sent (captured on their way out, a fresh one per request) with a plain
requests session to the same server. Client and raw calls are interleaved, so drift in the machine
or the server touches both alike. Prints p50 / p95 / mean per operation and the client/raw ratios,
and, apart, what building a client costs (parsing the WSDL, and a client once it is parsed).
"""
from __future__ import annotations

import argparse
import statistics
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Callable

import requests
import zeep
from zeep.wsdl import Document
from zeep.wsdl.utils import etree_to_string

from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client.sandbox import start_sandbox
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.soap.contract import LocalFilesTransport, contract_settings, wsdl_path
from loyalty_client.types import Identifier, IdentifierKind

STORE, TILL = "001", "01"
ANNA_PHONE = "+375291234567"


class LastSent(zeep.Plugin):
    """Keeps the bytes and HTTP headers of the last envelope the client sent."""

    def __init__(self) -> None:
        self.body = b""
        self.headers: dict[str, str] = {}

    def egress(
        self, envelope: Any, http_headers: dict, operation: Any, binding_options: Any
    ) -> tuple[Any, dict]:
        """Keep a copy of the serialized envelope and its headers."""
        self.body = etree_to_string(envelope)
        self.headers = dict(http_headers)
        return envelope, http_headers


@dataclass
class Timings:
    """Wall-clock durations of one kind of call, in milliseconds."""

    label: str
    samples: list[float] = field(default_factory=list)

    def time(self, call: Callable[[], Any]) -> Any:
        """Call `call`, keep its duration, return its result."""
        started = time.perf_counter()
        result = call()
        self.samples.append((time.perf_counter() - started) * 1000)
        return result

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


def receipt() -> Receipt:
    """A fresh two-line receipt (new id each time)."""
    return Receipt(
        receipt_id=f"B-{uuid.uuid4().hex[:16]}",
        store_id=STORE,
        till_id=TILL,
        opened_at=datetime.now(timezone.utc),
        lines=(
            ReceiptLine(
                1, "4810001", "Сыр Российский", Decimal("2"), Decimal("60.00"), Decimal("120.00")
            ),
            ReceiptLine(2, "4810002", "Кофе", Decimal("1"), Decimal("80.00"), Decimal("80.00")),
        ),
    )


def construction_costs(repeats: int) -> list[Timings]:
    """What building a client costs: the WSDL parse, then a client on the parsed document."""
    parse = Timings("parse WSDL+XSD (zeep Document)")
    for _ in range(repeats):
        parse.time(
            lambda: Document(str(wsdl_path()), LocalFilesTransport(), settings=contract_settings())
        )
    first = Timings("first SoapLoyaltyService (parses)")
    first.time(lambda: SoapLoyaltyService("http://127.0.0.1:9/", timeout_seconds=5))
    reuse = Timings("next SoapLoyaltyService (reuses)")
    for _ in range(repeats):
        reuse.time(lambda: SoapLoyaltyService("http://127.0.0.1:9/", timeout_seconds=5).close())
    return [parse, first, reuse]


def roundtrips(url: str, iterations: int, warmup: int) -> tuple[list[Timings], list[Timings]]:
    """Interleaved client and raw identify + calculate round trips against `url`."""
    sent = LastSent()
    client = SoapLoyaltyService(url, timeout_seconds=10, plugins=[sent])
    raw = requests.Session()
    anna = Identifier(IdentifierKind.PHONE, ANNA_PHONE)
    names = ("identify", "calculate", "identify+calculate")
    via_client = [Timings(f"client {name}") for name in names]
    via_raw = [Timings(f"raw    {name}") for name in names]

    def post(body: bytes, headers: dict[str, str]) -> None:
        response = raw.post(url, data=body, headers=headers, timeout=10)
        if response.status_code != 200:
            raise RuntimeError(f"raw POST answered HTTP {response.status_code}")

    try:
        for round_no in range(warmup + iterations):
            started = time.perf_counter()
            customer = client.identify(anna, STORE, TILL)
            after_identify = time.perf_counter()
            identify_body, identify_headers = sent.body, sent.headers
            client.calculate(customer.customer_id, receipt(), Decimal("10.00"))
            finished = time.perf_counter()
            calculate_body, calculate_headers = sent.body, sent.headers

            raw_started = time.perf_counter()
            post(identify_body, identify_headers)
            raw_after_identify = time.perf_counter()
            post(calculate_body, calculate_headers)
            raw_finished = time.perf_counter()

            if round_no < warmup:
                continue
            for timings, values in (
                (via_client, (started, after_identify, finished)),
                (via_raw, (raw_started, raw_after_identify, raw_finished)),
            ):
                begin, middle, end = values
                timings[0].samples.append((middle - begin) * 1000)
                timings[1].samples.append((end - middle) * 1000)
                timings[2].samples.append((end - begin) * 1000)
    finally:
        client.close()
        raw.close()
    return via_client, via_raw


def print_table(rows: list[Timings]) -> None:
    """One line per kind of call: count, p50, p95, mean."""
    print(f"  {'':38} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'mean ms':>9}")
    for row in rows:
        if len(row.samples) == 1:
            print(f"  {row.label:38} {1:>5} {row.samples[0]:>9.3f} {'':>9} {'':>9}")
        else:
            print(
                f"  {row.label:38} {len(row.samples):>5} {row.p50:>9.3f} {row.p95:>9.3f}"
                f" {row.mean:>9.3f}"
            )


def main(argv: list[str]) -> None:
    """Run the benchmark and print its figures (nothing is asserted)."""
    parser = argparse.ArgumentParser(prog="python -m bench soap_roundtrip", description=__doc__)
    parser.add_argument("-n", "--iterations", type=int, default=300, help="measured round trips")
    parser.add_argument("--warmup", type=int, default=30, help="round trips before measuring")
    parser.add_argument("--parse-repeats", type=int, default=20, help="WSDL parses to time")
    args, _ = parser.parse_known_args(argv)

    print("Building a client")
    print_table(construction_costs(args.parse_repeats))

    with start_sandbox() as sandbox:
        print(
            f"\nRound trips to the sandbox at {sandbox.url} ({args.iterations} measured,"
            f" {args.warmup} warm-up, interleaved)"
        )
        via_client, via_raw = roundtrips(sandbox.url, args.iterations, args.warmup)
    print_table(via_client + via_raw)

    print("\n  client/raw ratio                        p50      p95     mean")
    for ours, theirs in zip(via_client, via_raw):
        name = ours.label.removeprefix("client ")
        print(
            f"  {name:38} {ours.p50 / theirs.p50:>6.2f}x {ours.p95 / theirs.p95:>6.2f}x"
            f" {ours.mean / theirs.mean:>6.2f}x"
        )
    print("\n  client-side cost (p50 client - p50 raw):")
    for ours, theirs in zip(via_client, via_raw):
        print(f"  {ours.label.removeprefix('client '):38} {ours.p50 - theirs.p50:>7.3f} ms")
