"""Settling the sales a crash left open, before the till takes its next receipt.

For each open sale (`cache.transactions.open_sales`), oldest first:

- `reserving`: a reservation may be held on the service and no receipt was fiscalised: its cancel
  is recorded (a cancel the service does not find is done all the same);
- `fiscalising`: the registrar is asked whether it printed the receipt. If it did, the sale's
  commit is recorded with that document; if not, the reservation is cancelled, or the open sale
  dropped when nothing was reserved;
- `awaiting_payment`: a host POS's receipt, closed on the till, whose payment the host reports.
  It is left as it is (`RecoveryReport.awaiting`): the host may still report it paid, and the
  checkout shows it again as the open receipt until the host says paid or void
  (`app/checkout/host_receipts.py`).

Each sale is settled in one transaction (recording its commit or cancel closes the open sale),
and the journal's keys make a replay change nothing: a crash during recovery leaves the rest
for the next start, and nothing twice. Runs at the till's start on the checkout's worker, in
`till-loyalty load` before its first sale and in `till-loyalty queue sync`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from app.checkout.recorder import OutboxRecorder
from cache.transactions.open_sales import OpenSale
from cache.tables import OpenSaleStage
from fiscal.receipt import Receipt
from fiscal.registrar import FiscalRegistrar
from loyalty_client.codec import coupons_from_data

log = logging.getLogger(__name__)


@dataclass
class RecoveryReport:
    """What recovery did with the open sales it found, by transaction id."""

    recorded: list[str] = field(default_factory=list)  # fiscalised: the sale's commit recorded
    cancelled: list[str] = field(default_factory=list)  # the reservation's cancel recorded
    dropped: list[str] = field(default_factory=list)  # never fiscalised, nothing reserved
    left: list[str] = field(default_factory=list)  # not settled now (see the log): tried again next time
    awaiting: list[str] = field(default_factory=list)  # a host's receipt awaiting its payment: kept

    @property
    def settled(self) -> int:
        """How many open sales were settled."""
        return len(self.recorded) + len(self.cancelled) + len(self.dropped)

    def line(self) -> str:
        """One line for people."""
        text = (
            f"open sales settled {self.settled}: recorded {len(self.recorded)}, "
            f"cancelled {len(self.cancelled)}, dropped {len(self.dropped)}"
        )
        text += f"; left {len(self.left)}" if self.left else ""
        return text + (f"; awaiting the host's payment {len(self.awaiting)}" if self.awaiting else "")


def recover_open_sales(recorder: OutboxRecorder, registrar: FiscalRegistrar | None) -> RecoveryReport:
    """Settle every open sale a crash left behind; returns what was done."""
    report = RecoveryReport()
    for sale in recorder.open_sales.all():
        if sale.stage is OpenSaleStage.AWAITING_PAYMENT:
            report.awaiting.append(sale.transaction_id)
            continue
        if sale.stage is OpenSaleStage.FISCALISING and registrar is None:
            log.error("open sale %s was being fiscalised and no registrar can say if it printed", sale.transaction_id)
            report.left.append(sale.transaction_id)
            continue
        try:
            _settle(sale, recorder, registrar, report)
        except Exception:  # one sale that cannot be settled now must not keep the till from selling
            log.exception("open sale %s not settled; it is tried again at the next start", sale.transaction_id)
            report.left.append(sale.transaction_id)
    if report.settled or report.left or report.awaiting:
        log.warning("after a crash: %s", report.line())
    return report


def _settle(sale: OpenSale, recorder: OutboxRecorder, registrar: FiscalRegistrar, report: RecoveryReport) -> None:
    if sale.stage is OpenSaleStage.FISCALISING and sale.sale is not None:
        receipt = Receipt.from_dict(sale.sale["receipt"])
        document = registrar.document_for(receipt)
        if document is not None:
            recorder.record_commit(
                transaction_id=sale.transaction_id,
                customer_id=sale.customer_id,
                receipt=receipt,
                redeem=Decimal(sale.sale["redeem"]),
                fiscal=document,
                offline=bool(sale.sale["offline"]),
                occurred_at=document.closed_at,
                coupons=coupons_from_data(sale.sale.get("coupons")),
            )
            report.recorded.append(sale.transaction_id)
            return
    if sale.reserved:
        recorder.record_cancel(transaction_id=sale.transaction_id, customer_id=sale.customer_id)
        report.cancelled.append(sale.transaction_id)
    else:
        recorder.open_sales.forget(sale.transaction_id)
        report.dropped.append(sale.transaction_id)


