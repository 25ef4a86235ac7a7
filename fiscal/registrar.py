"""What the till needs from a fiscal registrar, whichever device or host POS provides it."""
from __future__ import annotations

from decimal import Decimal
from typing import Mapping, Protocol

from fiscal.receipt import FiscalDocument, Receipt


class FiscalRegistrar(Protocol):
    """Prints the fiscal receipt with the loyalty discounts applied and returns its document."""

    def fiscalise(self, receipt: Receipt, discounts: Mapping[int, Decimal]) -> FiscalDocument:
        """Print the receipt; return the document number and time."""
        ...
