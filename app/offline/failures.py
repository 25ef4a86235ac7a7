"""A delivery failure as the outbox keeps it, read back: its code and its message.

The outbox keeps a failure as "CODE: message" (`app.offline.outbox_sync`): a fault code of the
contract (`CUSTOMER_BLOCKED`, `REFUND_EXCEEDS_PURCHASE`, ...), `SERVICE_UNAVAILABLE` or
`BAD_PAYLOAD`, or the name of an exception raised in the till itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_FAULT_CODE = re.compile(r"^([A-Z][A-Z0-9_]*):\s*")
_EXCEPTION_NAME = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*(Error|Exception|Exit)):\s*")
TILL_ERROR = "TILL_ERROR"
UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class Failure:
    """A stored failure: its code ("" for none) and its message (the service's words as it gave them)."""

    code: str
    message: str


def read_failure(last_error: str) -> Failure:
    """The code and message of a stored failure.

    A failure raised inside the till itself (a Python exception's name) is `TILL_ERROR` with the
    whole text as its message; a text with no code at all is `UNKNOWN`; an empty one has no code.
    """
    text = last_error.strip()
    if not text:
        return Failure("", "")
    fault = _FAULT_CODE.match(text)
    if fault:
        return Failure(fault.group(1), text[fault.end():].strip())
    if _EXCEPTION_NAME.match(text):
        return Failure(TILL_ERROR, text)
    return Failure(UNKNOWN, text)
