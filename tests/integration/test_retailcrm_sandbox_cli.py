"""`sandbox --api retailcrm`: the fake RetailCRM served by the sandbox command, SMS codes announced."""
from __future__ import annotations

import queue
import re
import threading
from decimal import Decimal

import pytest

from loyalty_client.endpoints import loyalty_service_for
from loyalty_client.errors import ConfirmationRequired
from loyalty_client.retailcrm.fake_server import DEFAULT_KEY
from loyalty_client.sandbox.cli import main
from loyalty_client.sandbox.demo import ANNA
from loyalty_client.types import Identifier, IdentifierKind
from tests.integration.test_retailcrm_adapter import receipt

pytestmark = pytest.mark.integration

LISTENING = re.compile(r"^SANDBOX LISTENING (retailcrm\+http://127\.0\.0\.1:\d+/\?site=demo-store)$")
CODE = re.compile(r"^SANDBOX CODE (\d{4}) \+375 29 \*\*\*-\*\*-67 redeem 5\.00$")


class Lines:
    """Lines written by the command, readable with a timeout."""

    def __init__(self) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        self._partial = ""

    def write(self, text: str) -> int:
        self._partial += text
        *lines, self._partial = self._partial.split("\n")
        for line in lines:
            self._queue.put(line)
        return len(text)

    def flush(self) -> None:
        pass

    def next(self) -> str:
        return self._queue.get(timeout=30)


class Timeouts:
    connect_seconds = 1.0
    total_seconds = 3.0


def test_the_sandbox_serves_retailcrm_and_announces_the_sms_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TILL_LOYALTY_API_KEY", raising=False)
    lines, stop, result = Lines(), threading.Event(), []
    args = ["--api", "retailcrm", "--port", "0", "--sms-charge"]
    thread = threading.Thread(target=lambda: result.append(main(args, stdout=lines, stop=stop)))  # type: ignore[arg-type]
    thread.start()
    try:
        found = LISTENING.match(lines.next())
        assert found, "no LISTENING line"
        svc = loyalty_service_for(found.group(1), DEFAULT_KEY, Timeouts)  # type: ignore[arg-type]
        member = svc.identify(Identifier(IdentifierKind.PHONE, ANNA.phone), "001", "01")
        assert member.display_name == ANNA.display_name
        with pytest.raises(ConfirmationRequired):
            svc.reserve("T-cli", member.customer_id, receipt(), Decimal("5.00"))
        code = CODE.match(lines.next())
        assert code, "no CODE line"
        assert svc.reserve("T-cli", member.customer_id, receipt(), Decimal("5.00"), code.group(1)).redeem == Decimal("5.00")
    finally:
        stop.set()
        thread.join(30)
    assert result == [0]
