"""The returns core as the panel's return dialog reads it: a sale found by the POS's receipt id with
what each line earned and was paid with points, today's sales to pick from, the estimate of a
return before it is made. Sales are made for real through the host API against the sandbox."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from app.returns.errors import ReturnExceedsSale, SaleNotFound
from app.returns.model import ReturnLine, ReturnRequest
from app.returns.service import ReturnsService
from cache.tables import Operation
from fiscal.money import ZERO
from fiscal.receipt import FiscalDocument
from tests.integration.host_api_till import start_api_till
from tests.integration.test_host_api_returns import ok, sell

pytestmark = pytest.mark.integration


@pytest.fixture
def till(qtbot, sandbox, tmp_path: Path):
    running = start_api_till(qtbot, sandbox.url, tmp_path / "till.sqlite")
    yield running
    running.stop()


def test_a_sale_shows_its_lines_points_and_returns_and_todays_sales_list_it(till, sandbox) -> None:
    with till.client() as pos:
        first = sell(pos, "R-6001", redeem="5.00", document="000601")
        second = sell(pos, "R-6002", redeem="0.00", document="000602")
    returns = ReturnsService(till.database, till="001/01")
    sale = returns.find_sale("R-6001")
    assert (sale.transaction_id, sale.fiscal_document, sale.receipt_id) == (first["transactionId"], "000601", "R-6001")
    assert [(line.line_no, line.name, line.quantity) for line in sale.lines] == [
        (1, "Кофе", Decimal("3")), (2, "Хлеб", Decimal("3"))
    ]
    assert sum(line.paid_with_points for line in sale.lines) == Decimal("5.00") == sale.redeem
    assert sale.earned == Decimal(first["accrualExpected"])
    assert sale.allocation_known and all(line.returned == ZERO for line in sale.lines)

    estimate = returns.estimate(sale, [ReturnLine(1, Decimal("3")), ReturnLine(2, Decimal("3"))])
    assert estimate == (sale.earned, Decimal("5.00")), "a full return reverses everything"
    with pytest.raises(ReturnExceedsSale):
        returns.estimate(sale, [ReturnLine(2, Decimal("3.5"))])

    document = FiscalDocument("R-1", sale.recorded_at)
    returns.make_return(ReturnRequest("V-1", "R-6001", document, (ReturnLine(2, Decimal("1.5")),)))
    again = returns.find_sale("R-6001")
    assert [line.returnable for line in again.lines] == [Decimal("3"), Decimal("1.5")]

    today = returns.todays_sales()
    assert [view.transaction_id for view in today] == [second["transactionId"], first["transactionId"]]
    with pytest.raises(SaleNotFound):
        returns.find_sale("R-6999")
    with till.client() as pos:
        assert ok(pos.get("/v1/returns/V-1"))["state"] == "queued", "the API sees the panel's return"


def test_a_return_the_admin_set_aside_no_longer_counts_against_the_sale(till, sandbox) -> None:
    with till.client() as pos:
        sell(pos, "R-6101")
        assert till.sync.drain().done == 1
        whole = {"originalReceiptId": "R-6101", "fiscal": {"documentNumber": "V1", "closedAt": "2026-11-20T16:00:00+03:00"},
                 "lines": [{"lineNo": 1, "quantity": "3"}]}
        ok(pos.put("/v1/returns/V-61", json=whole))
        assert pos.put("/v1/returns/V-62", json=whole).status_code == 422, "all of line 1 is returned already"
        outbox = till.sync.outbox
        item = outbox.claim_next(datetime.now(timezone.utc))
        assert item is not None and item.operation is Operation.REFUND
        outbox.mark_failed(item.id, "REFUND_EXCEEDS_PURCHASE: refused")
        assert ok(pos.get("/v1/returns/V-61"))["state"] == "failed"
        assert pos.put("/v1/returns/V-62", json=whole).status_code == 422, "a failed return may be sent again"
        outbox.dismiss_failed(item.id, "the customer kept the goods")
        assert ok(pos.get("/v1/returns/V-61"))["state"] == "failed"
        assert ok(pos.put("/v1/returns/V-62", json=whole))["state"] == "queued"
