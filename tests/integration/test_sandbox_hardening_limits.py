"""Requests built to cost the sandbox memory and time are refused early, at a bounded cost.

The sandbox runs as a process of its own, so that its memory can be read from /proc.
"""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest
import requests

from loyalty_client.sandbox.serving.request_guard import MAX_ELEMENTS
from tests.integration.sandbox_soap import TL, E, Fault, Line, SoapTill, envelope, read, receipt
from tests.integration.test_sandbox_cli import LISTENING, ROOT, Lines

pytestmark = pytest.mark.integration

CONCURRENT = 8
MAX_GROWTH_MB = 50  # the sandbox grew by more than 1 GB under 8 such requests before
DEADLINE = 60
PREFIX = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tl="urn:till-loyalty:v1">'
    "<soap:Body><tl:GetProgramRequest>"
)
SUFFIX = "</tl:GetProgramRequest></soap:Body></soap:Envelope>"


def attributes(count: int, first: int = 0) -> str:
    return " ".join(f'a{n}="1"' for n in range(first, first + count))


def one_element_with_95000_attributes() -> bytes:
    return (PREFIX + f"<tl:storeId {attributes(95_000)}>001</tl:storeId>" + SUFFIX).encode()


def elements_with_95000_attributes() -> bytes:
    per = 16
    elements = f"<tl:x {attributes(per)}/>" * (95_000 // per)
    return (PREFIX + "<tl:storeId>001</tl:storeId>" + elements + SUFFIX).encode()


def too_many_elements() -> bytes:
    return (PREFIX + "<tl:storeId>001</tl:storeId>" + "<tl:x/>" * (2 * MAX_ELEMENTS) + SUFFIX).encode()


def deep() -> bytes:
    return (PREFIX + "<tl:x>" * 200 + "</tl:x>" * 200 + SUFFIX).encode()


def schema_errors_everywhere() -> bytes:
    """Within every structural limit, yet thousands of schema errors."""
    junk = "".join(f"<tl:storeId>{n}</tl:storeId>" for n in range(MAX_ELEMENTS // 2 - 10))
    return (PREFIX + junk + SUFFIX).encode()


ATTACKS: dict[str, tuple[Callable[[], bytes], str]] = {
    "95 000 attributes on one element": (one_element_with_95000_attributes, "длиннее"),
    "95 000 attributes over 5 937 elements": (elements_with_95000_attributes, "атрибутов"),
    "40 000 elements": (too_many_elements, "элементов"),
    "200 levels deep": (deep, "Вложенность"),
    "10 000 schema errors": (schema_errors_everywhere, "схеме"),
}


@dataclass
class SandboxProcess:
    process: subprocess.Popen[str]
    url: str

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmRSS")


@pytest.fixture(scope="module")
def sandbox_process() -> Iterator[SandboxProcess]:
    """One sandbox process for the module, each of its server threads warmed up (schema compiled)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "loyalty_client.sandbox.cli", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    lines = Lines()
    threading.Thread(target=lines.pump, args=(process.stdout,), daemon=True).start()
    try:
        match = LISTENING.match(lines.next())
        assert match
        till = SoapTill(match.group(1))
        receipt_lines = tuple(Line(n, "1.00") for n in range(1, 501))
        for _ in range(3):
            at_once(CONCURRENT, lambda: till.calculate("C0002", receipt_lines))
        yield SandboxProcess(process, match.group(1))
    finally:
        process.kill()
        process.wait(timeout=DEADLINE)
        process.stdout.close()  # type: ignore[union-attr]


def at_once(count: int, call: Callable[[], object]) -> list[object]:
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(call())) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(DEADLINE * 2)
    return results


def refusal(url: str, body: bytes) -> tuple[str, float]:
    started = time.perf_counter()
    response = requests.post(
        url, data=body, headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'}, timeout=DEADLINE
    )
    elapsed = time.perf_counter() - started
    with pytest.raises(Fault) as raised:
        read(response)
    assert raised.value.code == "INVALID_REQUEST"
    return raised.value.message or "", elapsed


@pytest.mark.parametrize("attack", ATTACKS)
def test_eight_costly_requests_at_once_are_refused_and_cost_little_memory(
    sandbox_process: SandboxProcess, attack: str
) -> None:
    make, says = ATTACKS[attack]
    body = make()
    till = SoapTill(sandbox_process.url)
    before = sandbox_process.rss_mb()
    results = at_once(CONCURRENT, lambda: refusal(sandbox_process.url, body))
    after = sandbox_process.rss_mb()
    assert len(results) == CONCURRENT
    for message, _elapsed in results:  # type: ignore[misc]
        assert says in message
    slowest = max(elapsed for _message, elapsed in results)  # type: ignore[misc]
    print(f"\n{attack}: {len(body) // 1024} KB x {CONCURRENT}, RSS {before:.0f} -> {after:.0f} MB, slowest {slowest:.2f} s")
    assert after - before < MAX_GROWTH_MB, (before, after)
    assert till.get_program().tag == f"{{{TL}}}GetProgramResponse"


def test_a_receipt_of_a_thousand_lines_is_within_the_limits(sandbox_process: SandboxProcess) -> None:
    """Only the schema (500 lines at most) refuses it: the structural limits leave room."""
    till = SoapTill(sandbox_process.url)
    lines = tuple(Line(n, "1.00", redeem_allowed=True, accrual_allowed=True, min_price="0.50") for n in range(1, 1001))
    body = envelope(E.CalculatePurchaseRequest(E.customerId("C0002"), receipt(*lines)))
    message, _elapsed = refusal(sandbox_process.url, body)
    assert "схеме" in message and "line" in message
    assert read(requests.post(
        sandbox_process.url,
        data=envelope(E.CalculatePurchaseRequest(E.customerId("C0002"), receipt(*lines[:500]))),
        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'},
        timeout=DEADLINE,
    )).tag == f"{{{TL}}}CalculatePurchaseResponse"
