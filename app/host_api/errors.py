"""The host API's error answers: `{"error": {"code", "message", "retryable"}}` with a 4xx/5xx status.

Messages are in the till's language (`app.translation`, context "HostApi").
"""
from __future__ import annotations

from typing import Any, Sequence

from starlette.responses import JSONResponse

from app.translation import translate

UNAUTHORIZED = "UNAUTHORIZED"
INVALID_REQUEST = "INVALID_REQUEST"
RECEIPT_NOT_FOUND = "RECEIPT_NOT_FOUND"
WRONG_PHASE = "WRONG_PHASE"
SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
INTERNAL_ERROR = "INTERNAL_ERROR"
SALE_NOT_FOUND = "SALE_NOT_FOUND"
RETURN_NOT_FOUND = "RETURN_NOT_FOUND"
RETURN_EXCEEDS_SALE = "RETURN_EXCEEDS_SALE"
RETURN_CONFLICT = "RETURN_CONFLICT"

_STATUS = {
    UNAUTHORIZED: 401,
    INVALID_REQUEST: 422,
    RECEIPT_NOT_FOUND: 404,
    WRONG_PHASE: 409,
    SERVICE_UNAVAILABLE: 503,
    INTERNAL_ERROR: 500,
    SALE_NOT_FOUND: 404,
    RETURN_NOT_FOUND: 404,
    RETURN_EXCEEDS_SALE: 422,
    RETURN_CONFLICT: 409,
}
BUSINESS_FAULT_STATUS = 422
"""The status of a loyalty fault (CUSTOMER_NOT_FOUND, CONFIRMATION_INVALID, ...)."""


def status_of(code: str) -> int:
    """The HTTP status the API answers a code with."""
    return _STATUS.get(code, BUSINESS_FAULT_STATUS)


def error_response(
    code: str, message: str, retryable: bool = False, status: int | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """An error answer in the contract's shape."""
    body = {"error": {"code": code, "message": message, "retryable": retryable}}
    return JSONResponse(body, status_code=status or status_of(code), headers=headers)


def validation_message(errors: Sequence[Any]) -> str:
    """One sentence for what pydantic refused: where, and what kind of fault (a receipt too long
    is said plainly)."""
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part != "body"]
        if error.get("type") == "too_long" and location[-1:] == ["lines"]:
            return translate("HostApi", "A receipt may have at most 1000 lines.")
        if error.get("type") == "json_invalid":
            return translate("HostApi", "The body is not valid JSON.")
    first = errors[0] if errors else {}
    where = ".".join(str(part) for part in first.get("loc", ()) if part != "body") or "body"
    kind = str(first.get("type", "invalid"))
    return (
        translate("HostApi", "The request is not valid: %1 (%2).").replace("%1", where).replace("%2", kind)
    )
