"""What the till knows of itself besides the receipt, as the host API's status route tells it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TillStatus:
    """What the till knows of itself besides the receipt (kept by the GUI side, read here)."""

    version: str
    online: bool | None = None
    waiting: int = 0
    failed: int = 0
    printer_state: str = "none"
    printer_text: str = ""
