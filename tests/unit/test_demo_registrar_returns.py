"""The demo registrar prints a return's fiscal document once per return id, numbered with the
sales, kept in the fiscal memory file apart from the sales' documents."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal

from fiscal.demo_registrar import DemoRegistrar
from fiscal.receipt import Receipt, ReceiptLine

SALE = Receipt(
    "R-1", "001", "01", datetime(2026, 12, 5, 10, 0, tzinfo=timezone.utc),
    (ReceiptLine(1, "4810001000031", "Кофе", Decimal(2), Decimal("15.90"), Decimal("31.80")),),
)


def test_a_return_document_is_numbered_with_the_sales_and_printed_once_per_return_id(tmp_path) -> None:
    memory = tmp_path / "fiscal.jsonl"
    registrar = DemoRegistrar(memory=memory)
    sale = registrar.fiscalise(SALE, {})
    first = registrar.fiscalise_return("RET-1", SALE, {1: Decimal(1)})
    assert int(first.document_number) == int(sale.document_number) + 1
    again = DemoRegistrar(memory=memory)  # after a restart too
    assert again.fiscalise_return("RET-1", SALE, {1: Decimal(1)}) == first
    assert again.document_for(SALE) == sale, "a return is not the sale's document"
    other = again.fiscalise_return("RET-2", SALE, {1: Decimal(1)})
    assert int(other.document_number) == int(first.document_number) + 1
    records = [json.loads(line) for line in memory.read_text(encoding="utf-8").splitlines()]
    assert [(r.get("return_id"), r.get("return_of"), r["total"]) for r in records] == [
        (None, None, "31.80"), ("RET-1", "R-1", "15.90"), ("RET-2", "R-1", "15.90")
    ]
