"""An answer costs the till bounded work: its size, its shape and any DOCTYPE are checked before
zeep builds anything from it, against real loopback servers sending hostile answers.

Memory is measured in a child process (its peak resident size, reset just before the call), so
the figures are the call's alone.
"""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest

from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client.errors import ResponseRefused, ServiceUnavailable
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.demo import ANNA
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.soap.transport import MAX_ATTRIBUTES, MAX_DEPTH, MAX_ELEMENTS
from tests.integration.bad_servers import CannedServer, run_within
from tests.integration.test_soap_client_failures import CANCELLED, envelope

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
MiB = 1024 * 1024


def cancelled_with(extra: str = "", attributes: str = "") -> bytes:
    """A valid CancelPurchaseResponse, with `attributes` on it and `extra` inside it."""
    return envelope(
        f"<tl:CancelPurchaseResponse {attributes}><tl:transactionId>T-1</tl:transactionId>"
        f"<tl:cancelled>true</tl:cancelled>{extra}</tl:CancelPurchaseResponse>"
    )


def many_attributes(count: int) -> str:
    """`count` distinct empty attributes, with names as short as they can be."""
    digits = "abcdefghijklmnopqrstuvwxyz"
    names = []
    for n in range(count):
        name = ""
        while True:
            n, rest = divmod(n, len(digits))
            name = digits[rest] + name
            if not n:
                break
        names.append(f'{name}=""')
    return " ".join(names)


# ----- memory: the attack that cost the till 290 MB ------------------------------------------

MEASURE = """
import json, sys
from loyalty_client.soap.client import SoapLoyaltyService

def kib(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])

warm_url, hostile_url = sys.argv[1], sys.argv[2]
SoapLoyaltyService(warm_url, timeout_seconds=10).cancel("T-1")  # everything loaded and parsed once
service = SoapLoyaltyService(hostile_url, timeout_seconds=10)
with open("/proc/self/clear_refs", "w") as refs:
    refs.write("5")  # the peak resident size starts again from here
before = kib("VmRSS")
try:
    service.cancel("T-1")
    error = None
except Exception as exc:
    error = f"{type(exc).__name__}: {exc}"
print(json.dumps({"error": error, "before_kib": before, "peak_kib": kib("VmHWM")}))
"""


def measured_call(hostile: bytes) -> dict:
    """Call a server answering `hostile` from a fresh process: what it raised, and its memory."""
    with CannedServer(200, CANCELLED) as warm, CannedServer(200, hostile) as server:
        child = subprocess.run(
            [sys.executable, "-c", MEASURE, warm.url, server.url],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert child.returncode == 0, child.stderr
    return json.loads(child.stdout.strip().splitlines()[-1])


GROWTH_BOUND_MIB = 64  # the answers below cost the old client 200 to 300 MB


@pytest.mark.parametrize(
    ("attributes", "refusal"),
    [
        pytest.param(
            " ".join(f'a{n}=""' for n in range(200_000)), "too large", id="200k-attributes-2MB"
        ),
        pytest.param(many_attributes(120_000), "attributes", id="120k-attributes-under-1MiB"),
    ],
)
def test_an_amplifying_answer_is_refused_with_bounded_memory(attributes: str, refusal: str) -> None:
    hostile = cancelled_with(attributes=attributes)
    assert (len(hostile) > MiB) is (refusal == "too large")
    figures = measured_call(hostile)
    assert figures["error"] is not None and figures["error"].startswith("ResponseRefused")
    assert refusal in figures["error"]
    growth_mib = (figures["peak_kib"] - figures["before_kib"]) / 1024
    assert growth_mib < GROWTH_BOUND_MIB, figures


# ----- shape ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "refusal"),
    [
        pytest.param(
            cancelled_with(extra="<x/>" * (MAX_ELEMENTS + 1)), "elements", id="too-many-elements"
        ),
        pytest.param(
            cancelled_with(extra="<x>" * (MAX_DEPTH + 1) + "</x>" * (MAX_DEPTH + 1)),
            "nested deeper",
            id="too-deep",
        ),
        pytest.param(
            cancelled_with(attributes=many_attributes(MAX_ATTRIBUTES + 1)),
            "attributes",
            id="too-many-attributes",
        ),
        pytest.param(
            cancelled_with(
                attributes=" ".join(f'xmlns:p{n}="urn:p{n}"' for n in range(MAX_ATTRIBUTES + 1))
            ),
            "attributes",
            id="too-many-namespace-declarations",
        ),
    ],
)
def test_an_answer_past_the_shape_limits_is_refused(body: bytes, refusal: str) -> None:
    assert len(body) < MiB
    with CannedServer(200, body) as server, SoapLoyaltyService(server.url, timeout_seconds=5) as service:
        with pytest.raises(ResponseRefused, match=refusal):
            service.cancel("T-1")


def test_a_compressed_answer_is_refused() -> None:
    body = gzip.compress(CANCELLED)
    with CannedServer(200, body, headers={"Content-Encoding": "gzip"}) as server:
        with SoapLoyaltyService(server.url, timeout_seconds=5) as service:
            with pytest.raises(ResponseRefused, match="compressed"):
                service.cancel("T-1")


def test_the_contracts_largest_answer_is_well_within_the_limits(sandbox: RunningSandbox) -> None:
    # A 500-line receipt (the contract's most) gets a 500-line allocation back from the sandbox.
    lines = tuple(
        ReceiptLine(n, f"48{n:011d}", f"Товар {n}", Decimal("1"), Decimal("1.10"), Decimal("1.10"))
        for n in range(1, 501)
    )
    receipt = Receipt(
        f"R-{uuid.uuid4().hex[:12]}", "001", "01", datetime.now(timezone.utc), lines
    )
    with SoapLoyaltyService(sandbox.url, timeout_seconds=10) as service:
        calculation = service.calculate(ANNA.customer_id, receipt)
    assert len(calculation.lines) == 500


# ----- DOCTYPE: nothing it names is opened ----------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe: opening it for reading blocks until a writer comes (one comes at teardown)."""
    path = tmp_path / "answer.dtd"
    os.mkfifo(path)
    yield path
    try:  # release a reader that did open it, if any
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass  # no reader: nobody opened it


@pytest.mark.parametrize(
    "prolog, in_body",
    [
        pytest.param('<!DOCTYPE soap:Envelope SYSTEM "{fifo}">', "T-1", id="external-subset"),
        pytest.param(
            '<!DOCTYPE soap:Envelope [<!ENTITY % ext SYSTEM "{fifo}"> %ext;]>',
            "T-1",
            id="external-parameter-entity",
        ),
        pytest.param(
            '<!DOCTYPE soap:Envelope [<!ENTITY ext SYSTEM "file://{fifo}">]>',
            "&ext;",
            id="external-entity",
        ),
    ],
)
def test_a_doctype_naming_a_file_is_refused_without_opening_it(
    fifo: Path, prolog: str, in_body: str
) -> None:
    body = envelope(
        f"<tl:CancelPurchaseResponse><tl:transactionId>{in_body}</tl:transactionId>"
        "<tl:cancelled>true</tl:cancelled></tl:CancelPurchaseResponse>",
        prolog=prolog.format(fifo=fifo),
    )
    with CannedServer(200, body) as server, SoapLoyaltyService(server.url, timeout_seconds=5) as service:
        outcome = run_within(5.0, lambda: service.cancel("T-1"))
    assert isinstance(outcome.error, ResponseRefused), outcome
    assert "DTD or entities refused" in str(outcome.error)


def test_zeep_itself_is_hardened_too() -> None:
    settings = SoapLoyaltyService("http://127.0.0.1:9/", timeout_seconds=1)._client.settings
    assert settings.forbid_dtd and settings.forbid_entities and settings.forbid_external
    assert settings.xml_huge_tree is False and settings.strict


def test_refusals_are_service_unavailable_so_the_till_goes_offline() -> None:
    assert issubclass(ResponseRefused, ServiceUnavailable)
