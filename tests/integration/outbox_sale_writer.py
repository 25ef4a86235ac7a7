"""Child process for the durability test: records sales one after another, forever.

    python outbox_sale_writer.py DB_PATH PREFIX

Prints "ready" once the store is open, then the transaction id of each sale, only after
`Journal.record_sale` has returned (the sale and its outbox row are committed). The parent kills
it with SIGKILL at some point of that stream.
"""
from __future__ import annotations

import sys
from datetime import datetime, timezone
from decimal import Decimal

from app.offline.outbox_sync import commit_payload
from cache.database import open_database
from cache.transactions.journal import Journal
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine


def main(path: str, prefix: str) -> None:
    """Record sales until killed."""
    journal = Journal(open_database(path))
    print("ready", flush=True)
    number = 0
    while True:
        number += 1
        key = f"{prefix}-{number}"
        now = datetime.now(timezone.utc)
        receipt = Receipt(
            key,
            "S-1",
            "K-1",
            now,
            (ReceiptLine(1, "4810001", "Кофе зерновой", Decimal("3"), Decimal("29.99"), Decimal("89.97")),),
        )
        payload = commit_payload(key, f"C-{number % 7}", receipt, Decimal("1.00"), FiscalDocument(key, now), True, now)
        journal.record_sale(key, f"C-{number % 7}", payload, now)
        print(key, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
