"""A return made by the POS through the till's host API prints its slip on the network printer,
with the loyalty service's figures once the refund was delivered (real window, sandbox, loopback printer;
the test till has no translation installed, so the slip speaks the English source words)."""
from __future__ import annotations

from decimal import Decimal

import httpx

from fiscal.money import format_money
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.escpos_decoder import decode
from tests.gui.test_cashier_flow import make_till

SALE = {
    "lines": [
        {"lineNo": 1, "sku": "4810001000031", "name": "Кофе", "quantity": "2", "price": "15.90", "amount": "31.80"},
    ]
}
FISCAL = {"documentNumber": "000610", "closedAt": "2026-11-20T15:05:00+03:00"}


def ok(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def test_a_return_from_the_pos_prints_the_points_taken_back_given_back_and_the_balance(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2, devices_printer=printer.uri("width=80"))
        try:
            with qtbot.waitSignal(till.controller.ready, timeout=15_000):
                till.connect_service(sandbox.url)
            qtbot.waitUntil(lambda: till.host_api is not None, timeout=15_000)
            qtbot.waitUntil(lambda: till.controller.state.from_host, timeout=15_000)
            token = till.read_host_api_token()
            with httpx.Client(base_url=till.host_api.url, headers={"Authorization": f"Bearer {token}"}, timeout=20) as pos:
                ok(pos.put("/v1/receipts/POS-61", json=SALE))
                ok(pos.post("/v1/receipts/POS-61/customer", json={"identifier": "+375 29 123-45-67"}))
                ok(pos.post("/v1/receipts/POS-61/redeem", json={"amount": "6.00"}))
                assert ok(pos.post("/v1/receipts/POS-61/close"))["phase"] == "awaiting_payment"
                assert ok(pos.post("/v1/receipts/POS-61/paid", json={"fiscal": FISCAL}))["phase"] == "closed"
                qtbot.waitUntil(lambda: not printer.jobs.empty(), timeout=15_000)  # the sale's slip
                assert "Bonuses earned" in decode(printer.next_job(timeout=1)).text

                body = {
                    "originalReceiptId": "POS-61",
                    "fiscal": {"documentNumber": "R-000611", "closedAt": "2026-11-20T16:00:00+03:00"},
                    "lines": [{"lineNo": 1, "quantity": "1"}],
                }
                queued = ok(pos.put("/v1/returns/RET-61", json=body))
                assert queued["confirmed"] is False
                qtbot.waitUntil(lambda: not printer.jobs.empty(), timeout=15_000)  # once delivered
                slip = decode(printer.next_job(timeout=1)).text
                answer = ok(pos.get("/v1/returns/RET-61"))
        finally:
            till.shutdown()
    assert (answer["state"], answer["confirmed"]) == ("delivered", True)
    assert (answer["pointsReversed"], answer["pointsReturned"]) == (queued["pointsReversed"], queued["pointsReturned"])
    lines = slip.splitlines()
    assert "Bonus program return" in lines
    for label, value in (
        ("Return receipt", "R-000611"),
        ("Sale receipt", "POS-61"),
        ("Bonuses taken back", "-" + format_money(Decimal(answer["pointsReversed"]))),
        ("Bonuses given back", "+" + format_money(Decimal(answer["pointsReturned"]))),
        ("Bonus balance", format_money(Decimal(answer["newBalance"]))),
    ):
        assert any(line.startswith(label) and line.endswith(value.replace("\u00a0", " ")) for line in lines), (label, value, lines)
    assert "provisional" not in slip
