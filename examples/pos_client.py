"""A minimal POS client for the till's host API: runs one sale end to end (standard library only).

    TILL_TOKEN=$(till-loyalty host-api token) python examples/pos_client.py --phone "+375 29 123-45-67"

It hands over a two-line receipt, identifies the customer, asks to spend points, closes; when the
till asks for the customer's one-time code it reads it from the keyboard; then it "prints" the
fiscal receipt (here: shows the fiscal lines with their discounts) and reports it paid with the
fiscal document's number. `--void` voids instead of paying. See docs/host-api.md.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timezone
from typing import Any


class TillError(Exception):
    """The till refused a call: its code, message and whether to retry."""

    def __init__(self, status: int, error: dict[str, Any]) -> None:
        super().__init__(f"HTTP {status} {error.get('code')}: {error.get('message')}")
        self.code = error.get("code")
        self.retryable = bool(error.get("retryable"))


class Till:
    """Calls the host API with the till's token."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        """One call; the answer's JSON, or TillError."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as exc:
            raise TillError(exc.code, json.load(exc).get("error", {})) from None


def main() -> int:
    """Run one sale; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8766", help="the till's host API")
    parser.add_argument("--token", default=os.environ.get("TILL_TOKEN"), help="or TILL_TOKEN in the environment")
    parser.add_argument("--phone", default="+375 29 123-45-67", help="the customer's phone or card number")
    parser.add_argument("--redeem", default="5.00", help="points to spend")
    parser.add_argument("--void", action="store_true", help="void the receipt instead of paying")
    args = parser.parse_args()
    if not args.token:
        parser.error("give the token: --token, or TILL_TOKEN=$(till-loyalty host-api token)")
    till = Till(args.url, args.token)
    receipt_id = f"POS-{uuid.uuid4().hex[:8]}"  # the POS's own receipt id: every call is safe to repeat
    lines = [
        {"lineNo": 1, "sku": "4810001000031", "name": "Кофе зерновой 250 г", "quantity": "2",
         "price": "15.90", "amount": "31.80"},
        {"lineNo": 2, "sku": "4810001000055", "name": "Сигареты", "quantity": "1", "price": "5.40",
         "amount": "5.40", "redeemAllowed": False, "accrualAllowed": False},
    ]
    status = till.call("GET", "/v1/status")
    print(f"till {status['version']}, service online: {status['online']}, queue: {status['queue']}")
    state = till.call("PUT", f"/v1/receipts/{receipt_id}", {"lines": lines})
    print(f"receipt {receipt_id}: total {state['total']}")
    try:
        state = till.call("POST", f"/v1/receipts/{receipt_id}/customer", {"identifier": args.phone})
        customer = state["customer"]
        print(f"customer {customer['displayName']} {customer['maskedPhone']}, {customer['tier']},"
              f" balance {customer['balance']}; earns {state['calculation']['accrual']},"
              f" may spend up to {state['calculation']['maxRedeem']}")
        state = till.call("POST", f"/v1/receipts/{receipt_id}/redeem", {"amount": args.redeem})
    except TillError as exc:
        print(f"no loyalty on this sale: {exc}")
    state = till.call("POST", f"/v1/receipts/{receipt_id}/close")
    while state["phase"] == "awaiting_code":
        code = input("one-time code from the customer's phone: ").strip()
        try:
            state = till.call("POST", f"/v1/receipts/{receipt_id}/code", {"code": code})
        except TillError as exc:
            print(exc)
    if state["phase"] != "awaiting_payment":
        print(f"the till says: {state['phase']}: {state['notice']}")
        till.call("POST", f"/v1/receipts/{receipt_id}/void")
        return 1
    if args.void:
        state = till.call("POST", f"/v1/receipts/{receipt_id}/void")
        print(f"voided: {state['notice']['text'] if state['notice'] else ''}")
        return 0
    print(f"to pay {state['toPay']}; fiscal lines:")
    for line in state["lines"]:
        print(f"  {line['lineNo']}: {line['quantity']} x {line['price']} = {line['amount']} (discount {line['discount']})")
    fiscal = {"documentNumber": str(uuid.uuid4().int % 1_000_000).zfill(6),
              "closedAt": datetime.now(timezone.utc).astimezone().isoformat()}
    state = till.call("POST", f"/v1/receipts/{receipt_id}/paid", {"fiscal": fiscal})
    print(f"closed: transaction {state['transactionId']}, fiscal document {state['fiscalDocumentNumber']},"
          f" points expected {state['accrualExpected']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
