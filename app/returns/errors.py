"""Why a return is refused: typed, with the values a message needs (`app.returns.texts` words them)."""
from __future__ import annotations

from decimal import Decimal


class ReturnRefused(Exception):
    """A return the till does not take; `code` is the host API's error code for it."""

    code = "INVALID_REQUEST"


class SaleNotFound(ReturnRefused):
    """No sale with this receipt id in this till's journal, and no transaction id to send it by."""

    code = "SALE_NOT_FOUND"

    def __init__(self, receipt_id: str) -> None:
        super().__init__(f"no sale of receipt {receipt_id} in the journal")
        self.receipt_id = receipt_id


class ReturnNotFound(ReturnRefused):
    """No return with this id was made on this till."""

    code = "RETURN_NOT_FOUND"

    def __init__(self, return_id: str) -> None:
        super().__init__(f"no return {return_id}")
        self.return_id = return_id


class NoReturnLines(ReturnRefused):
    """The return lists no line, or a line twice."""

    def __init__(self) -> None:
        super().__init__("a return needs its lines, each line once")


class LineNotSold(ReturnRefused):
    """A returned line number the sale does not have."""

    def __init__(self, line_no: int) -> None:
        super().__init__(f"the sale has no line {line_no}")
        self.line_no = line_no


class QuantityNotPositive(ReturnRefused):
    """A returned quantity of zero or less."""

    def __init__(self, line_no: int) -> None:
        super().__init__(f"line {line_no}: the quantity must be above zero")
        self.line_no = line_no


class ReturnExceedsSale(ReturnRefused):
    """More of a line returned, over all returns of the sale, than was sold."""

    code = "RETURN_EXCEEDS_SALE"

    def __init__(self, line_no: int, sold: Decimal, returned: Decimal, asked: Decimal) -> None:
        super().__init__(f"line {line_no}: sold {sold}, returned before {returned}, asked {asked}")
        self.line_no = line_no
        self.sold = sold
        self.returned = returned
        self.asked = asked


class ReturnIdReused(ReturnRefused):
    """A return id already used for a return with other content."""

    code = "RETURN_CONFLICT"

    def __init__(self, return_id: str) -> None:
        super().__init__(f"return {return_id} was made before with other content")
        self.return_id = return_id
