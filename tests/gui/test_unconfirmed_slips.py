"""The customer leaves with a slip when the loyalty service's figures do not come soon: the
delivery put off for a retry, the till gone offline, or the slip's wait over. The slip has the
till's own figures, marked as not yet confirmed; the delivery that comes later prints nothing
more (real window, sandbox with injected faults, loopback printer, the POS over the host API; no
translation installed, so the slip speaks the English source words)."""
from __future__ import annotations

import threading
from decimal import Decimal

from fiscal.money import format_money
from loyalty_client.sandbox.faults import FaultKind, FaultRule
from tests.devices.loopback_printer import READY, LoopbackPrinter
from tests.escpos_decoder import decode
from tests.gui.test_cashier_flow import make_till
from tests.gui.test_refused_slips import SALE, fiscal, has_row, ok, pos_for, sell_to_anna

PENDING_SALE = "Not yet confirmed by the loyalty program: the figures above are the till's own."
PROVISIONAL_RETURN = "Figures are provisional: the loyalty program confirms them once it receives the return."
LONG_WAIT = 120.0  # longer than any of these tests: the slip's own wait is not what prints it


def started(qtbot, tmp_path, sandbox, printer: LoopbackPrinter, slip_wait_seconds: float):
    till = make_till(
        qtbot,
        tmp_path,
        sync_interval_seconds=0.2,
        devices_printer=printer.uri("width=80"),
        devices_slip_wait_seconds=slip_wait_seconds,
    )
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    qtbot.waitUntil(lambda: till.host_api is not None and till.controller.state.from_host, timeout=15_000)
    return till


def next_slip(qtbot, printer: LoopbackPrinter, timeout_ms: int = 15_000) -> list[str]:
    qtbot.waitUntil(lambda: not printer.jobs.empty(), timeout=timeout_ms)
    return decode(printer.next_job(timeout=1)).text.splitlines()


def heard(signal) -> list[tuple]:
    """Every emission of `signal` from now on, with its arguments."""
    seen: list[tuple] = []
    signal.connect(lambda *args: seen.append(args))
    return seen


def held_deliveries(sandbox) -> threading.Event:
    """The sandbox holds the next batch delivery until released; the event is set once it does."""
    held = threading.Event()
    sandbox.faults.add_hold_observer(lambda fault: held.set())
    sandbox.faults.schedule(FaultRule(FaultKind.STALL, "DeliverBatch", times=1, delay=60))
    return held


def assert_nothing_more_printed(qtbot, till, printer: LoopbackPrinter, slip: list[str]) -> None:
    """Reprint the last slip: the next job on paper is that slip again, so nothing came between
    (the device worker prints in order) and the last slip is still the unconfirmed one."""
    till.devices.reprint_last()
    assert next_slip(qtbot, printer) == slip


def released_and_delivered_without_a_second_slip(qtbot, till, sandbox, printer, delivered, paid, lines) -> None:
    """Let the held delivery go: the sale is delivered later and its slip is not printed again."""
    sandbox.faults.release()
    qtbot.waitUntil(lambda: any(key == paid["transactionId"] for key, _ in delivered), timeout=30_000)
    assert_nothing_more_printed(qtbot, till, printer, lines)


def assert_till_s_sale_figures(lines: list[str], paid: dict) -> None:
    text = " ".join(lines)
    assert PENDING_SALE in text, lines
    expected = Decimal(paid["accrualExpected"])
    assert expected > 0
    assert has_row(lines, "Bonuses earned", "+" + format_money(expected))
    assert has_row(lines, "Bonuses spent", "-" + format_money(Decimal("6.00")))
    assert "Bonus balance" not in text, "the till does not know the balance before the service's answer"


def test_a_sale_whose_delivery_is_put_off_prints_the_till_s_figures_at_once_and_nothing_when_delivered(
    qtbot, tmp_path, sandbox
) -> None:
    # The service commits the sale but its answer is lost: the delivery is put off for a retry.
    sandbox.faults.schedule(FaultRule(FaultKind.DROP, "DeliverBatch", times=1))
    with LoopbackPrinter(status=READY) as printer:
        till = started(qtbot, tmp_path, sandbox, printer, LONG_WAIT)
        delivered, put_off = heard(till.sync.delivered), heard(till.sync.put_off)
        try:
            with pos_for(till) as pos:
                paid = sell_to_anna(pos, "POS-71")
            lines = next_slip(qtbot, printer)
            assert not delivered, "printed before the service's figures came"
            assert_till_s_sale_figures(lines, paid)
            qtbot.waitUntil(lambda: any(key == paid["transactionId"] for key, _ in delivered), timeout=30_000)
            assert (paid["transactionId"],) in put_off, "the lost answer put the delivery off for a retry"
            assert_nothing_more_printed(qtbot, till, printer, lines)
        finally:
            till.shutdown()


def test_a_sale_whose_figures_do_not_come_within_the_wait_prints_the_till_s_figures(qtbot, tmp_path, sandbox) -> None:
    held = held_deliveries(sandbox)
    with LoopbackPrinter(status=READY) as printer:
        till = started(qtbot, tmp_path, sandbox, printer, 1.0)
        delivered, put_off = heard(till.sync.delivered), heard(till.sync.put_off)
        offline = heard(till.connectivity_changed)
        try:
            with pos_for(till) as pos:
                paid = sell_to_anna(pos, "POS-72")
            qtbot.waitUntil(held.is_set, timeout=15_000)
            lines = next_slip(qtbot, printer)
            # The sync's call is still held (its deadline is 5 s): only the slip's wait printed it.
            assert not delivered and not put_off and (False,) not in offline
            assert_till_s_sale_figures(lines, paid)
            released_and_delivered_without_a_second_slip(qtbot, till, sandbox, printer, delivered, paid, lines)
        finally:
            sandbox.faults.release()
            till.shutdown()


def test_a_sale_waiting_for_its_figures_prints_the_till_s_when_the_till_goes_offline(qtbot, tmp_path, sandbox) -> None:
    held = held_deliveries(sandbox)
    with LoopbackPrinter(status=READY) as printer:
        till = started(qtbot, tmp_path, sandbox, printer, LONG_WAIT)
        delivered, put_off = heard(till.sync.delivered), heard(till.sync.put_off)
        offline = heard(till.connectivity_changed)
        try:
            with pos_for(till) as pos:
                paid = sell_to_anna(pos, "POS-73")
                qtbot.waitUntil(held.is_set, timeout=15_000)
                assert printer.jobs.empty(), "the slip waits for the service's figures"
                # The next customer's identification gets no answer: the till is offline.
                sandbox.faults.schedule(FaultRule(FaultKind.DROP, "IdentifyCustomer", times=1))
                ok(pos.put("/v1/receipts/POS-74", json=SALE))
                pos.post("/v1/receipts/POS-74/customer", json={"identifier": "+375 29 123-45-67"})
            qtbot.waitUntil(lambda: (False,) in offline, timeout=15_000)
            lines = next_slip(qtbot, printer)
            assert not delivered and not put_off, "printed because the till went offline"
            assert_till_s_sale_figures(lines, paid)
            released_and_delivered_without_a_second_slip(qtbot, till, sandbox, printer, delivered, paid, lines)
        finally:
            sandbox.faults.release()
            till.shutdown()


def test_a_return_whose_refund_is_put_off_prints_the_till_s_figures_as_provisional_once(qtbot, tmp_path, sandbox) -> None:
    with LoopbackPrinter(status=READY) as printer:
        till = started(qtbot, tmp_path, sandbox, printer, LONG_WAIT)
        refunds = heard(till.sync.refund_delivered)
        try:
            with pos_for(till) as pos:
                sell_to_anna(pos, "POS-75")
                assert "Bonus balance" in " ".join(next_slip(qtbot, printer))  # the sale's, confirmed
                # The service takes the refund but its answer is lost: the delivery is put off.
                sandbox.faults.schedule(FaultRule(FaultKind.DROP, "DeliverBatch", times=1))
                line = {"lineNo": 1, "quantity": "1"}
                body = {"originalReceiptId": "POS-75", "fiscal": fiscal("R-000751"), "lines": [line]}
                queued = ok(pos.put("/v1/returns/RET-75", json=body))
                assert queued["confirmed"] is False
                lines = next_slip(qtbot, printer)
                assert not refunds, "printed before the service's figures came"
                qtbot.waitUntil(lambda: ok(pos.get("/v1/returns/RET-75"))["state"] == "delivered", timeout=30_000)
            qtbot.waitUntil(lambda: bool(refunds), timeout=15_000)
            assert_nothing_more_printed(qtbot, till, printer, lines)
        finally:
            till.shutdown()
    text = " ".join(lines)
    assert PROVISIONAL_RETURN in text, lines
    assert has_row(lines, "Bonuses taken back", "-" + format_money(Decimal(queued["pointsReversed"])))
    assert has_row(lines, "Bonuses given back", "+" + format_money(Decimal(queued["pointsReturned"])))
    assert "Bonus balance" not in text
