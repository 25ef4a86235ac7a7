"""A sale or a return the loyalty service refuses for good still gets its slip: the till's own
figures, marked as not confirmed (real window, sandbox, loopback printer, the POS over the host
API; no translation installed, so the slip speaks the English source words)."""
from __future__ import annotations

from decimal import Decimal

import httpx
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.offline.connectivity import ServiceTimeouts
from app.service.factory import service_for
from fiscal.money import format_money
from loyalty_client.sandbox.storage.models import CustomerRow
from loyalty_client.types import RefundLine
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.escpos_decoder import decode
from tests.gui.test_cashier_flow import make_till

ANNA = "C0001"
SALE = {
    "lines": [
        {"lineNo": 1, "sku": "4810001000031", "name": "Кофе", "quantity": "2", "price": "15.90", "amount": "31.80"},
    ]
}
REFUSED_SALE = "Not confirmed: the loyalty program refused this sale."
REFUSED_RETURN = "Not confirmed: the loyalty program refused this return."


def ok(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text
    return response.json()


def fiscal(number: str) -> dict:
    return {"documentNumber": number, "closedAt": "2026-11-20T15:05:00+03:00"}


def slip_lines(qtbot, printer: LoopbackPrinter) -> list[str]:
    qtbot.waitUntil(lambda: not printer.jobs.empty(), timeout=15_000)
    return decode(printer.next_job(timeout=1)).text.splitlines()


def has_row(lines: list[str], label: str, value: str) -> bool:
    return any(line.startswith(label) and line.endswith(value.replace("\u00a0", " ")) for line in lines)


def started(qtbot, tmp_path, sandbox, printer: LoopbackPrinter):
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2, devices_printer=printer.uri("width=80"))
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    qtbot.waitUntil(lambda: till.host_api is not None and till.controller.state.from_host, timeout=15_000)
    return till


def pos_for(till) -> httpx.Client:
    token = till.read_host_api_token()
    return httpx.Client(base_url=till.host_api.url, headers={"Authorization": f"Bearer {token}"}, timeout=20)


def sell_to_anna(pos: httpx.Client, receipt_id: str, before_paid=lambda: None) -> dict:
    ok(pos.put(f"/v1/receipts/{receipt_id}", json=SALE))
    ok(pos.post(f"/v1/receipts/{receipt_id}/customer", json={"identifier": "+375 29 123-45-67"}))
    ok(pos.post(f"/v1/receipts/{receipt_id}/redeem", json={"amount": "6.00"}))
    assert ok(pos.post(f"/v1/receipts/{receipt_id}/close"))["phase"] == "awaiting_payment"
    before_paid()
    paid = ok(pos.post(f"/v1/receipts/{receipt_id}/paid", json={"fiscal": fiscal("000620")}))
    assert paid["phase"] == "closed"
    return paid


def test_a_sale_the_service_refuses_prints_the_till_s_figures_marked_not_confirmed(qtbot, tmp_path, sandbox) -> None:
    def block_anna() -> None:  # the back office blocks the card while the customer pays
        with Session(sandbox.engine) as session, session.begin():
            session.execute(update(CustomerRow).where(CustomerRow.id == ANNA).values(status="blocked"))

    with LoopbackPrinter(status=READY) as printer:
        till = started(qtbot, tmp_path, sandbox, printer)
        try:
            with pos_for(till) as pos:
                expected = Decimal(sell_to_anna(pos, "POS-62", block_anna)["accrualExpected"])
            lines = slip_lines(qtbot, printer)
        finally:
            till.shutdown()
    text = " ".join(lines)
    assert REFUSED_SALE in text, lines
    assert expected > 0
    assert has_row(lines, "Bonuses earned", "+" + format_money(expected))
    assert has_row(lines, "Bonuses spent", "-" + format_money(Decimal("6.00")))
    assert "Bonus balance" not in text, "the till does not know the balance after a refused sale"


def test_a_return_the_service_refuses_prints_the_till_s_figures_marked_not_confirmed(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = started(qtbot, tmp_path, sandbox, printer)
        try:
            with pos_for(till) as pos:
                sale = sell_to_anna(pos, "POS-63")
                assert "Bonuses earned" in " ".join(slip_lines(qtbot, printer))  # the sale's, confirmed
                # Both coffees come back at another till, straight to the service: this till's
                # journal does not know, and its return of one more is refused when delivered.
                other_till = service_for(sandbox.url, None, ServiceTimeouts(connect_seconds=2.0, total_seconds=5.0))
                other_till.refund("other-till-refund", sale["transactionId"], [RefundLine(1, Decimal("2"))])
                line = {"lineNo": 1, "quantity": "1"}
                body = {"originalReceiptId": "POS-63", "fiscal": fiscal("R-000621"), "lines": [line]}
                queued = ok(pos.put("/v1/returns/RET-63", json=body))
                assert queued["confirmed"] is False
                lines = slip_lines(qtbot, printer)
                answer = ok(pos.get("/v1/returns/RET-63"))
        finally:
            till.shutdown()
    assert answer["state"] == "failed"
    text = " ".join(lines)
    assert REFUSED_RETURN in text, lines
    assert has_row(lines, "Bonuses taken back", "-" + format_money(Decimal(queued["pointsReversed"])))
    assert has_row(lines, "Bonuses given back", "+" + format_money(Decimal(queued["pointsReturned"])))
    assert "provisional" not in text and "Bonus balance" not in text
