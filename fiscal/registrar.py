"""What the till needs from a fiscal registrar, whichever device or host POS provides it."""
from __future__ import annotations

from typing import Mapping, Protocol

from fiscal.allocation import LineDiscountLike
from fiscal.receipt import FiscalDocument, Receipt


class FiscalRegistrar(Protocol):
    """Prints the fiscal receipt with the loyalty discounts applied and returns its document."""

    def fiscalise(self, receipt: Receipt, discounts: Mapping[int, LineDiscountLike]) -> FiscalDocument:
        """Print the receipt; return the document number and time. A line's discount is a Decimal
        (points alone) or a `LineDiscount` (a coupon's part and the points' part)."""
        ...

    def document_for(self, receipt: Receipt) -> FiscalDocument | None:
        """The document printed for this receipt, or None if it was never fiscalised.

        Asked after a crash about a receipt the till sent to `fiscalise` without hearing back: a
        registrar answers from its fiscal memory. The whole receipt is given, not only its id: a
        host's receipt numbers may start again (a new shift, a restarted program), and the
        registrar may tell two receipts apart by their opening time as well.
        """
        ...
