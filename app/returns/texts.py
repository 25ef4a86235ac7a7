"""The till's words for why a return is refused, in the user interface language (context "Returns").

Qt-free like the rest of `app.returns`: `app.translation` hands the texts to Qt's translator once
the till has one, so the host API and the panel's dialog say the same thing.
"""
from __future__ import annotations

import re
from decimal import Decimal

from app.returns.errors import (
    LineNotSold,
    NoReturnLines,
    QuantityNotPositive,
    ReturnExceedsSale,
    ReturnIdReused,
    ReturnNotFound,
    ReturnRefused,
    SaleNotFound,
)
from app.translation import translate


def refusal_text(refusal: ReturnRefused) -> str:
    """One sentence saying why the till refuses the return, and what to do."""
    if isinstance(refusal, SaleNotFound):
        return translate(
            "Returns",
            "No sale of receipt %1 with a customer on this till. For a sale made on another till, give its"
            " original transaction id.",
        ).replace("%1", refusal.receipt_id)
    if isinstance(refusal, ReturnExceedsSale):
        return _fill(
            translate("Returns", "Line %1: %2 sold, %3 returned before; %4 more cannot be returned."),
            str(refusal.line_no),
            _quantity(refusal.sold),
            _quantity(refusal.returned),
            _quantity(refusal.asked),
        )
    if isinstance(refusal, LineNotSold):
        return translate("Returns", "The sale has no line %1.").replace("%1", str(refusal.line_no))
    if isinstance(refusal, QuantityNotPositive):
        return translate("Returns", "Line %1: the quantity returned must be above zero.").replace(
            "%1", str(refusal.line_no)
        )
    if isinstance(refusal, NoReturnLines):
        return translate("Returns", "List the lines returned, each line once.")
    if isinstance(refusal, ReturnIdReused):
        return translate("Returns", "Return %1 was made before with other lines or another receipt.").replace(
            "%1", refusal.return_id
        )
    if isinstance(refusal, ReturnNotFound):
        return translate("Returns", "No return %1 on this till.").replace("%1", refusal.return_id)
    return translate("Returns", "The return cannot be made.")


def _fill(text: str, *values: str) -> str:
    """`text` with %1, %2... replaced in one pass (a value may itself hold "%2")."""
    return re.sub(r"%([1-9])", lambda match: values[int(match.group(1)) - 1], text)


def _quantity(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
