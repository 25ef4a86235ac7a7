"""A stand-in fiscal registrar for the demo till: numbers documents and keeps what it 'printed'."""
from __future__ import annotations

import threading
from datetime import datetime, timezone
from decimal import Decimal
from typing import Mapping

from fiscal.allocation import FiscalLine, fiscal_lines
from fiscal.money import ZERO
from fiscal.receipt import FiscalDocument, Receipt


class DemoRegistrar:
    """Fiscalises in memory: increasing document numbers, the fiscal lines kept for display."""

    def __init__(self, first_number: int = 1) -> None:
        self._next = first_number
        self._lock = threading.Lock()
        self.printed: list[tuple[FiscalDocument, list[FiscalLine]]] = []

    def fiscalise(self, receipt: Receipt, discounts: Mapping[int, Decimal]) -> FiscalDocument:
        """Number the document and keep its fiscal lines (split where a discount needs it)."""
        lines = [part for line in receipt.lines for part in fiscal_lines(line, discounts.get(line.line_no, ZERO))]
        with self._lock:
            number = self._next
            self._next += 1
        document = FiscalDocument(document_number=str(number), closed_at=datetime.now(timezone.utc))
        self.printed.append((document, lines))
        return document
