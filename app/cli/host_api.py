"""`till-loyalty host-api token|openapi`: what a retailer's IT person needs to plug a POS in.

`token` prints the bearer token the POS sends (made on first use, kept like the till's other
secrets); `openapi` writes the API's OpenAPI document, the one the till serves at
`/v1/openapi.json` and keeps in `resources/openapi/host-api.json`.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from app.settings import Settings

KEPT_DOCUMENT = Path(__file__).resolve().parents[2] / "resources" / "openapi" / "host-api.json"
"""Where the repository keeps the OpenAPI document (regenerate: scripts/update-openapi.sh)."""


def openapi_document() -> dict[str, Any]:
    """The host API's OpenAPI document, as the till serves it."""
    from app.host_api.api import TillStatus, make_api
    from app.host_api.events import StateBroadcaster

    guard = make_api(_NoCheckout(), "0" * 64, StateBroadcaster(), lambda: TillStatus("-"))
    return guard.api.openapi()


def openapi_text() -> str:
    """The document as kept in the repository: indented, keys in order, a final newline."""
    return json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def run_host_api(settings: Settings, action: str, *, output: Path | None = None) -> int:
    """Run `host-api ACTION`; returns the exit status."""
    if action == "token":
        from app.host_api.token import host_api_token

        print(host_api_token(settings))
        return 0
    text = openapi_text()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    return 0


class _NoCheckout:
    """The document needs routes, not a checkout."""

    def call(self, step: Any) -> Any:
        raise RuntimeError("no checkout behind the document")
