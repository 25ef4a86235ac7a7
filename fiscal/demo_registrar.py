"""A stand-in fiscal registrar for the demo till: numbers documents and keeps what it 'printed'.

Like a real registrar it may keep a fiscal memory: an append-only file of JSON lines, one per
document, written and flushed to disk (fsync) before `fiscalise` returns. Numbering goes on from
the memory's last document, and `document_for` answers from it after a crash. A last line cut
short by a crash (never acknowledged) is dropped when the memory is first read. The memory stays
on disk: a till that sells all day keeps only its next number and its latest documents in memory.
"""
from __future__ import annotations

import json
import os
import threading
from collections import deque
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from fiscal.allocation import FiscalLine, LineDiscount, LineDiscountLike, fiscal_lines
from fiscal.money import ZERO, money
from fiscal.receipt import FiscalDocument, Receipt


PRINTED_KEPT = 100
"""How many of the latest documents and their fiscal lines `printed` keeps for display."""


def fiscal_memory_beside(database_path: Path) -> Path:
    """The fiscal memory file a till keeps for its demo registrar next to its database file."""
    return database_path.with_name(database_path.name + ".fiscal-memory.jsonl")


class DemoRegistrar:
    """Fiscalises in memory, and in a fiscal memory file when given one (`memory`).

    Increasing document numbers; the fiscal lines of this run's latest documents kept for display
    (`printed`, the last `PRINTED_KEPT`). The memory is read on first use, on whichever thread
    fiscalises, not when it is built.
    """

    def __init__(self, first_number: int = 1, *, memory: Path | None = None) -> None:
        self._next = first_number
        self._lock = threading.Lock()
        self._memory = memory
        self._numbered = False  # numbering goes on from the memory's last document, once read
        self._kept: list[dict[str, Any]] = []  # the documents, when there is no memory file
        self.printed: deque[tuple[FiscalDocument, list[FiscalLine]]] = deque(maxlen=PRINTED_KEPT)

    def fiscalise(self, receipt: Receipt, discounts: Mapping[int, LineDiscountLike]) -> FiscalDocument:
        """Number the document, keep it in the fiscal memory, and keep its fiscal lines (split
        where a discount needs it, each with its coupon and points parts)."""
        lines = [part for line in receipt.lines for part in fiscal_lines(line, discounts.get(line.line_no, ZERO))]
        with self._lock:
            self._continue_numbering()
            number = self._next
            self._next += 1
            document = FiscalDocument(document_number=str(number), closed_at=datetime.now(timezone.utc))
            record = {
                "document_number": document.document_number,
                "closed_at": document.closed_at.isoformat(),
                "receipt_id": receipt.receipt_id,
                "opened_at": receipt.opened_at.isoformat(),
                "total": str(receipt.total),
                "discount": str(money(sum((_total(d) for d in discounts.values()), ZERO))),
            }
            if self._memory is not None:
                _append(self._memory, record)
            else:
                self._kept.append(record)
        self.printed.append((document, lines))
        return document

    def fiscalise_return(self, return_id: str, original: Receipt, quantities: Mapping[int, Decimal]) -> FiscalDocument:
        """Number and keep the fiscal document of a return of goods (`quantities` by line number of
        the `original` receipt); the same return id again gives the document printed before."""
        with self._lock:
            self._continue_numbering()
            for record in self._kept if self._memory is None else _load(self._memory):
                if record.get("return_id") == return_id:
                    return FiscalDocument(record["document_number"], datetime.fromisoformat(record["closed_at"]))
            number = self._next
            self._next += 1
            document = FiscalDocument(document_number=str(number), closed_at=datetime.now(timezone.utc))
            prices = {line.line_no: line.price for line in original.lines}
            record = {
                "document_number": document.document_number,
                "closed_at": document.closed_at.isoformat(),
                "return_id": return_id,
                "return_of": original.receipt_id,
                "total": str(money(sum((prices[no] * quantity for no, quantity in quantities.items()), ZERO))),
            }
            if self._memory is not None:
                _append(self._memory, record)
            else:
                self._kept.append(record)
        return document

    def document_for(self, receipt: Receipt) -> FiscalDocument | None:
        """The sale document printed for this receipt (same id, opened at the same moment), or None."""
        opened_at = receipt.opened_at.isoformat()
        with self._lock:
            self._continue_numbering()
            for record in self._kept if self._memory is None else _load(self._memory):
                if record.get("receipt_id") == receipt.receipt_id and record.get("opened_at") == opened_at:
                    return FiscalDocument(record["document_number"], datetime.fromisoformat(record["closed_at"]))
        return None

    def _continue_numbering(self) -> None:
        """On first use (under the lock): number on after the memory's last document."""
        if self._numbered:
            return
        self._numbered = True
        documents = [] if self._memory is None else _load(self._memory)
        if documents:
            self._next = max(self._next, int(documents[-1]["document_number"]) + 1)


def _load(path: Path) -> list[dict[str, Any]]:
    """The fiscal memory's documents; a last line without its newline is cut off the file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    complete = data[: data.rfind(b"\n") + 1]
    if len(complete) != len(data):
        with path.open("r+b") as file:
            file.truncate(len(complete))
            os.fsync(file.fileno())
    return [json.loads(line) for line in complete.decode("utf-8").splitlines() if line.strip()]


def _append(path: Path, record: Mapping[str, Any]) -> None:
    """Add one document to the memory and wait until it is on disk."""
    created = not path.exists()
    line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
    with path.open("ab") as file:
        file.write(line.encode("utf-8"))
        file.flush()
        os.fsync(file.fileno())
    if created:  # the new file's name must be on disk too
        descriptor = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _total(discount: LineDiscountLike) -> Decimal:
    return discount.total if isinstance(discount, LineDiscount) else discount
