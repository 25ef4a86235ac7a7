"""The checkout driven by a host POS by its own receipt ids, against the real sandbox and the
till's SQLite file; restarts are new tills on the same file.

No HTTP here: this is what the host API's handlers run on the checkout's worker.
"""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Mapping

import pytest

from app.checkout.host_receipts import HostCallRefused, HostReceipts
from app.checkout.identify_input import identifier_parser
from app.checkout.recorder import OutboxRecorder
from app.checkout.recovery import recover_open_sales
from app.checkout.session import CheckoutSession, Phase
from app.offline.outbox_sync import OutboxSync
from cache.database import open_database
from cache.transactions.journal import Journal
from cache.tables import Operation
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import Identifier, IdentifierKind

pytestmark = pytest.mark.integration

ANNA = "+375 29 123-45-67"
PAID_AT = datetime(2026, 11, 20, 12, 5, tzinfo=timezone.utc)


class NoRegistrar:
    """The host fiscalises: the till must never ask a registrar of its own."""

    def fiscalise(self, receipt: Receipt, discounts: Mapping[int, Decimal]) -> FiscalDocument:
        raise AssertionError("the till fiscalised a host's receipt")

    def document_for(self, receipt: Receipt) -> FiscalDocument | None:
        raise AssertionError("the till asked a registrar about a host's receipt")


def lines(*amounts: str) -> list[ReceiptLine]:
    return [
        ReceiptLine(number, f"SKU{number}", f"Товар {number}", Decimal(1), Decimal(amount), Decimal(amount))
        for number, amount in enumerate(amounts, start=1)
    ]


class Till:
    """A headless till on `db_path`, started as the till starts: recovery, then the host's receipts."""

    def __init__(self, url: str, db_path: Path) -> None:
        self.database = open_database(db_path)
        recorder = OutboxRecorder(self.database)
        self.recovered = recover_open_sales(recorder, NoRegistrar())
        session = CheckoutSession(
            SoapLoyaltyService(url, timeout_seconds=5),
            recorder,
            NoRegistrar(),
            identifier_parser("BY"),
            store_id="001",
            till_id="01",
            currency="BYN",
        )
        session.load_program()
        self.host = HostReceipts(session, recorder)
        self.resumed = self.host.resume()
        self.journal = Journal(self.database)
        self.sync = OutboxSync(self.database, SoapLoyaltyService(url, timeout_seconds=5))

    def close(self) -> None:
        self.database.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "till.sqlite"


def spendable(sandbox) -> Decimal:
    return sandbox.service.identify(Identifier(IdentifierKind.PHONE, "+375291234567"), "001", "01").balance.spendable


def awaiting_payment(till: Till, receipt_id: str, redeem: str = "10.00") -> None:
    till.host.put(receipt_id, lines("15.90", "15.90"))
    till.host.identify(receipt_id, ANNA)
    till.host.redeem(receipt_id, Decimal(redeem))
    state = till.host.close(receipt_id)
    assert state.phase is Phase.AWAITING_PAYMENT, state.notice


def test_a_hosts_sale_is_recorded_with_its_fiscal_document_and_every_call_repeats(sandbox, db_path) -> None:
    till = Till(sandbox.url, db_path)
    state = till.host.put("R-1", lines("15.90", "15.90"))
    assert till.host.put("R-1", lines("15.90", "15.90")) == state, "the same lines again change nothing"
    till.host.identify("R-1", ANNA)
    state = till.host.redeem("R-1", Decimal("10.00"))
    assert state.redeem == Decimal("10.00") and sum(state.discounts.values()) == Decimal("10.00")
    assert till.host.close("R-1").phase is Phase.AWAITING_PAYMENT
    assert till.host.close("R-1").phase is Phase.AWAITING_PAYMENT, "a repeated close changes nothing"
    assert spendable(sandbox) == Decimal("115.50"), "reserved"

    with pytest.raises(HostCallRefused) as refused:
        till.host.put("R-2", lines("1.00"))
    assert refused.value.code == "WRONG_PHASE"

    document = FiscalDocument("000451", PAID_AT)
    closed = till.host.paid("R-1", document)
    assert closed.phase is Phase.CLOSED
    assert till.host.paid("R-1", document) == closed, "a repeated paid answers the same"
    with pytest.raises(HostCallRefused) as refused:
        till.host.paid("R-1", FiscalDocument("000999", PAID_AT))
    assert refused.value.code == "WRONG_PHASE"
    with pytest.raises(HostCallRefused) as refused:
        till.host.void("R-1")
    assert refused.value.code == "WRONG_PHASE"

    [entry] = till.journal.sales_of_receipt("R-1")
    assert (entry.key, entry.fiscal_document) == (closed.sale.transaction_id, "000451")
    assert till.sync.drain().done == 1
    assert spendable(sandbox) == Decimal("115.50")

    till.host.put("R-2", lines("2.49"))  # the next receipt; the paid one is still answered
    assert till.host.get("R-1") == closed
    assert till.host.paid("R-1", document) == closed
    with pytest.raises(HostCallRefused) as refused:
        till.host.get("R-3")
    assert refused.value.code == "RECEIPT_NOT_FOUND"
    till.close()


def test_a_sale_awaiting_the_hosts_payment_outlives_a_restart_and_is_paid_after_it(sandbox, db_path) -> None:
    till = Till(sandbox.url, db_path)
    awaiting_payment(till, "R-7")
    till.close()  # the till stops (or dies) here

    again = Till(sandbox.url, db_path)
    assert again.recovered.cancelled == [] and len(again.recovered.awaiting) == 1, "recovery leaves it"
    assert again.resumed.phase is Phase.AWAITING_PAYMENT
    assert again.resumed.receipt.receipt_id == "R-7" and again.resumed.redeem == Decimal("10.00")
    assert again.resumed.customer.display_name == "Анна Ковалёва"
    with pytest.raises(HostCallRefused) as refused:
        again.host.put("R-8", lines("1.00"))
    assert refused.value.code == "WRONG_PHASE", "the host must say paid or void first"

    closed = again.host.paid("R-7", FiscalDocument("000452", PAID_AT))
    assert closed.phase is Phase.CLOSED
    assert again.sync.drain().done == 1
    assert spendable(sandbox) == Decimal("115.50")
    assert again.journal.get(Operation.COMMIT, closed.sale.transaction_id).receipt_id == "R-7"
    again.close()

    third = Till(sandbox.url, db_path)  # the answer to paid was lost: the host asks again
    assert third.resumed.phase is Phase.NO_CUSTOMER
    repeated = third.host.paid("R-7", FiscalDocument("000452", PAID_AT))
    assert repeated.phase is Phase.CLOSED
    assert repeated.sale.transaction_id == closed.sale.transaction_id
    assert repeated.discounts == closed.discounts
    assert third.sync.drain().done == 0, "nothing recorded twice"
    third.close()


def test_a_sale_awaiting_payment_voided_after_a_restart_releases_the_points(sandbox, db_path) -> None:
    till = Till(sandbox.url, db_path)
    awaiting_payment(till, "R-9")
    till.close()

    again = Till(sandbox.url, db_path)
    voided = again.host.void("R-9")
    assert voided.phase is Phase.VOIDED
    assert again.host.void("R-9") == voided, "a repeated void answers the same"
    assert again.sync.drain().done == 1
    assert spendable(sandbox) == Decimal("125.50")
    assert again.host.put("R-10", lines("1.00")).phase is Phase.NO_CUSTOMER
    again.close()


def test_a_customer_found_before_the_hosts_first_receipt_stays_with_it(sandbox, db_path) -> None:
    till = Till(sandbox.url, db_path)
    found = till.host.session.identify(ANNA)  # typed in the panel before the POS sent anything
    assert found.customer is not None and not found.from_host
    state = till.host.put("R-FIRST", lines("15.90", "15.90"))
    assert state.from_host and state.receipt.receipt_id == "R-FIRST"
    assert state.customer is not None and state.customer.customer_id == found.customer.customer_id
    assert state.phase is Phase.IDENTIFIED and state.calculation is not None
    nxt = till.host.put("R-NEXT", lines("2.49"))
    assert nxt.customer is None, "the next receipt of the POS starts with nobody"
    till.close()


def test_recovery_without_a_registrar_leaves_a_sale_being_fiscalised_and_cancels_a_reservation(
    sandbox, db_path, caplog
) -> None:
    till = Till(sandbox.url, db_path)
    recorder = OutboxRecorder(till.database)
    receipt = Receipt("OWN-1", "001", "01", PAID_AT, tuple(lines("15.90")))
    recorder.reserving(transaction_id="t-reserving", customer_id="c-1", receipt=receipt)
    recorder.fiscalising(
        transaction_id="t-fiscalising", customer_id="c-1", receipt=receipt, redeem=Decimal("0.00"),
        offline=False, reserved=False,
    )
    report = recover_open_sales(recorder, None)
    assert report.left == ["t-fiscalising"], "nobody can say whether it printed: kept for later"
    assert not [record for record in caplog.records if record.exc_info], "said plainly, not as a failure"
    assert report.cancelled == ["t-reserving"]
    assert {sale.transaction_id for sale in recorder.open_sales.all()} == {"t-fiscalising"}
    till.close()
