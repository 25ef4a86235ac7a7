"""A till that died mid-sale settles, when it starts again, what it left on the service.

The real sandbox on loopback, the till's SQLite file and the demo registrar's fiscal memory on
disk. The till 'dies' at the moment in question (an exception no code of the till catches, as
when the process is killed there); a new till on the same files is the till started again: it
settles its open sales before its first receipt, then delivers.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.checkout.session import CheckoutSession, Phase
from app.demo.host import DEMO_PRODUCTS, DemoReceiptBuilder
from app.checkout.identify_input import identifier_parser
from app.offline.outbox_sync import OutboxSync
from app.checkout.recorder import OutboxRecorder
from app.checkout.recovery import RecoveryReport, recover_open_sales
from cache.database import open_database
from cache.transactions.journal import Journal
from cache.tables import Operation
from fiscal.demo_registrar import DemoRegistrar, fiscal_memory_beside
from fiscal.receipt import FiscalDocument, Receipt
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.demo import ANNA
from loyalty_client.sandbox.faults import FaultKind, FaultRule
from loyalty_client.sandbox.storage.models import ReservationRow, TransactionRow
from loyalty_client.service import LoyaltyService
from loyalty_client.soap.client import SoapLoyaltyService

pytestmark = pytest.mark.integration

COFFEE = DEMO_PRODUCTS[2].sku


class TillDied(BaseException):
    """Stands for the till process ending at that very moment."""


class DiesBeforeRecording(OutboxRecorder):
    """The till dies once the registrar has returned, before the sale is recorded."""

    def record_commit(self, **sale: Any) -> None:
        raise TillDied


class DiesWhilePrinting(DemoRegistrar):
    """The till dies while the registrar prints: nothing reaches its fiscal memory."""

    def fiscalise(self, receipt: Receipt, discounts: Mapping[int, Decimal]) -> FiscalDocument:
        raise TillDied


class Till:
    """A headless till started on `db_path`: open sales settled first, as at the till's start."""

    def __init__(
        self,
        url: str,
        db_path: Path,
        *,
        recorder: type[OutboxRecorder] = OutboxRecorder,
        registrar: type[DemoRegistrar] = DemoRegistrar,
        checkout_timeout: float = 5,
    ) -> None:
        self.database = open_database(db_path)
        self.registrar = registrar(memory=fiscal_memory_beside(db_path))
        self.recovered: RecoveryReport = recover_open_sales(OutboxRecorder(self.database), self.registrar)
        self.host = DemoReceiptBuilder("001", "01")
        self.client: LoyaltyService = SoapLoyaltyService(url, timeout_seconds=checkout_timeout)
        self.checkout = CheckoutSession(
            self.client,
            recorder(self.database),
            self.registrar,
            identifier_parser("BY"),
            store_id="001",
            till_id="01",
            currency="BYN",
        )
        self.checkout.load_program()
        self.sync = OutboxSync(self.database, SoapLoyaltyService(url, timeout_seconds=5))

    def reserve(self, redeem: Decimal) -> None:
        """Anna's receipt closed with `redeem` reserved: awaiting payment."""
        self.checkout.new_receipt(self.host.add(COFFEE))
        self.checkout.identify(ANNA.phone)
        self.checkout.set_redeem(redeem)
        state = self.checkout.close_receipt()
        assert state.phase is Phase.AWAITING_PAYMENT, state.notice

    def close(self) -> None:
        self.database.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "till.sqlite"


def reservation_state(sandbox: RunningSandbox, transaction_id: str) -> str | None:
    with Session(sandbox.engine) as session:
        return session.scalar(select(ReservationRow.state).where(ReservationRow.transaction_id == transaction_id))


def live_reservations(sandbox: RunningSandbox) -> list[str]:
    with Session(sandbox.engine) as session:
        return list(session.scalars(select(ReservationRow.transaction_id).where(ReservationRow.state == "live")))


def purchases(sandbox: RunningSandbox, transaction_id: str) -> list[TransactionRow]:
    with Session(sandbox.engine) as session:
        query = select(TransactionRow).where(TransactionRow.kind == "purchase", TransactionRow.key == transaction_id)
        return list(session.scalars(query))


def spendable(sandbox: RunningSandbox) -> Decimal:
    return sandbox.service.balance_of(ANNA.customer_id).spendable


def test_a_till_killed_after_its_reservation_releases_the_points_when_it_starts_again(
    sandbox: RunningSandbox, db_path: Path
) -> None:
    first = Till(sandbox.url, db_path)
    first.reserve(Decimal("3.00"))
    (transaction_id,) = live_reservations(sandbox)
    assert spendable(sandbox) == ANNA.spendable - Decimal("3.00")
    first.close()  # the till is killed while the customer pays

    again = Till(sandbox.url, db_path)
    assert again.recovered.cancelled == [transaction_id]
    assert again.sync.drain().done == 1
    assert reservation_state(sandbox, transaction_id) == "cancelled"
    assert spendable(sandbox) == ANNA.spendable
    again.close()


def test_a_till_killed_after_fiscalising_records_the_sale_with_its_document_when_it_starts_again(
    sandbox: RunningSandbox, db_path: Path
) -> None:
    first = Till(sandbox.url, db_path, recorder=DiesBeforeRecording)
    first.reserve(Decimal("3.00"))
    (transaction_id,) = live_reservations(sandbox)
    with pytest.raises(TillDied):
        first.checkout.payment_received()
    (printed, _lines), = first.registrar.printed
    first.close()

    again = Till(sandbox.url, db_path)
    assert again.recovered.recorded == [transaction_id]
    entry = Journal(again.database).get(Operation.COMMIT, transaction_id)
    assert entry is not None and entry.payload["fiscal"]["document_number"] == printed.document_number
    assert entry.payload["redeem"] == "3.00"
    assert again.sync.drain().done == 1
    (purchase,) = purchases(sandbox, transaction_id)
    assert purchase.redeem == Decimal("3.00")
    assert reservation_state(sandbox, transaction_id) == "committed"
    assert spendable(sandbox) == ANNA.spendable - Decimal("3.00"), "the discount given is paid for in points"
    again.close()


def test_a_till_killed_before_the_registrar_printed_releases_the_reservation(
    sandbox: RunningSandbox, db_path: Path
) -> None:
    first = Till(sandbox.url, db_path, registrar=DiesWhilePrinting)
    first.reserve(Decimal("3.00"))
    (transaction_id,) = live_reservations(sandbox)
    with pytest.raises(TillDied):
        first.checkout.payment_received()
    first.close()

    again = Till(sandbox.url, db_path)
    assert (again.recovered.recorded, again.recovered.cancelled) == ([], [transaction_id])
    assert again.sync.drain().done == 1
    assert purchases(sandbox, transaction_id) == []
    assert live_reservations(sandbox) == []
    again.close()


def test_a_reservation_whose_answer_came_too_late_is_cancelled(sandbox: RunningSandbox, db_path: Path) -> None:
    till = Till(sandbox.url, db_path, checkout_timeout=1)
    till.checkout.new_receipt(till.host.add(COFFEE))
    till.checkout.identify(ANNA.phone)
    till.checkout.set_redeem(Decimal("3.00"))
    sandbox.faults.schedule(FaultRule(FaultKind.SLOW, "ReservePurchase", times=1, delay=30))
    state = till.checkout.close_receipt()
    sandbox.faults.release()
    assert state.phase is Phase.IDENTIFIED and state.customer_as_of is not None, "offline after the timeout"
    (held,) = live_reservations(sandbox)  # the service did reserve: only its answer was lost

    assert till.sync.drain().done == 1
    assert reservation_state(sandbox, held) == "cancelled"
    assert spendable(sandbox) == ANNA.spendable
    till.close()


def test_a_reservation_that_never_left_the_till_leaves_nothing_to_cancel(
    sandbox: RunningSandbox, db_path: Path
) -> None:
    till = Till(sandbox.url, db_path, checkout_timeout=1)
    till.checkout.new_receipt(till.host.add(COFFEE))
    till.checkout.identify(ANNA.phone)
    till.checkout.set_redeem(Decimal("3.00"))
    sandbox.refuse_connections()  # the service is off the network: the connection is refused
    state = till.checkout.close_receipt()
    assert state.phase is Phase.IDENTIFIED and state.customer_as_of is not None, "offline at once"
    assert Journal(till.database).entries() == [], "no cancel for a request that was never sent"
    assert recover_open_sales(OutboxRecorder(till.database), till.registrar) == RecoveryReport()
    till.close()
