"""The sandbox reads a commit's request by the schema's element order: every optional element of a
receipt line, present or not, and whitespace around the values the schema allows."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from itertools import product

from lxml import etree
from lxml.builder import ElementMaker

from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.batch import CommitItem
from loyalty_client.sandbox.operations import read_commit
from loyalty_client.soap.contract import NAMESPACE, contract_schema

E = ElementMaker(namespace=NAMESPACE, nsmap={"tl": NAMESPACE})
MOMENT = datetime(2026, 12, 5, 9, 30, 15, tzinfo=timezone(timedelta(hours=3)))
# Each optional element of a line, absent (None) or given: redeemAllowed, accrualAllowed, minPrice.
OPTIONS = list(product((None, "false", "true"), (None, "false", " 1 "), (None, "\n 0.50\t")))


def line_element(number: int, redeem: str | None, accrual: str | None, min_price: str | None) -> etree._Element:
    optional = [
        E(name, value)
        for name, value in (("redeemAllowed", redeem), ("accrualAllowed", accrual), ("minPrice", min_price))
        if value is not None
    ]
    return E.line(
        E.lineNo(f" {number} "), E.sku(f"SKU-{number}"), E.name(f"Товар {number} & <ко>"), E.quantity(" 1.500 "),
        E.price("2.00"), E.amount("\t3.00\n"), *optional,
    )


def test_every_mix_of_a_lines_optional_elements_reads_as_sent() -> None:
    request = E.CommitPurchaseRequest(
        E.transactionId("T-1"), E.customerId("C-1"),
        E.receipt(
            E.receiptId("R-1"), E.storeId("001"), E.tillId("02"), E.openedAt(MOMENT.isoformat()),
            E.lines(*(line_element(number, *options) for number, options in enumerate(OPTIONS, start=1))),
        ),
        E.redeem(" 0.00 "), E.fiscal(E.documentNumber("FD-9"), E.closedAt(MOMENT.isoformat())),
        E.offline("true"), E.occurredAt(MOMENT.isoformat()),
    )
    assert contract_schema().validate(request), contract_schema().error_log

    lines = tuple(
        ReceiptLine(
            number, f"SKU-{number}", f"Товар {number} & <ко>", Decimal("1.500"), Decimal("2.00"), Decimal("3.00"),
            redeem_allowed=redeem != "false", accrual_allowed=accrual is None or accrual.strip() == "1",
            min_price=None if min_price is None else Decimal("0.50"),
        )
        for number, (redeem, accrual, min_price) in enumerate(OPTIONS, start=1)
    )
    assert read_commit(request) == CommitItem(
        "T-1", "C-1", Receipt("R-1", "001", "02", MOMENT, lines), Decimal("0.00"), FiscalDocument("FD-9", MOMENT), True,
        MOMENT,
    )
