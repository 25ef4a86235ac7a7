"""CommitPurchase spends only what was reserved online, and offline only within the program's limit.

The sandbox over loopback HTTP with the till's own SOAP client: online, a commit that spends
points needs a reservation of the same transaction, customer, receipt and amount; offline, the
program's daily limit applies per customer and the purchase is kept for review.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal as D
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import requests
from lxml import etree

from app.offline.outbox_sync import OutboxSync, SyncOutcome
from app.checkout.recorder import OutboxRecorder
from cache.database import open_database
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.errors import InsufficientBalance, InvalidRequest, LoyaltyFault, RedeemLimitExceeded
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.demo import ANNA, IVAN, OFFLINE_REDEEM_LIMIT, OLGA
from loyalty_client.sandbox.storage.transaction_log import ledger_lines, recorded_transactions
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.soap.contract import xsd_path
from loyalty_client.types import CommitResult, ConfirmationPurpose

pytestmark = pytest.mark.integration

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
TL = "urn:till-loyalty:v1"


@pytest.fixture
def service(sandbox: RunningSandbox) -> Iterator[SoapLoyaltyService]:
    client = SoapLoyaltyService(sandbox.url, timeout_seconds=10)
    yield client
    client.close()


def sale(total: str = "100.00") -> Receipt:
    line = ReceiptLine(1, "4810001", "Сыр", D("1"), D(total), D(total))
    return Receipt(f"R-{uuid.uuid4().hex[:8]}", "001", "01", datetime(2026, 11, 20, 11, 0, tzinfo=timezone.utc), (line,))


def tx() -> str:
    return str(uuid.uuid4())


def commit(
    service: SoapLoyaltyService,
    sandbox: RunningSandbox,
    key: str,
    customer_id: str,
    receipt: Receipt,
    redeem: str,
    *,
    offline: bool = False,
    occurred_at: datetime | None = None,
) -> CommitResult:
    moment = occurred_at or sandbox.clock.now()
    return service.commit(key, customer_id, receipt, D(redeem), FiscalDocument("7", moment), offline, moment)


def refused(call: Callable[[], Any], kind: type[LoyaltyFault]) -> LoyaltyFault:
    with pytest.raises(LoyaltyFault) as caught:
        call()
    assert type(caught.value) is kind, caught.value
    assert not caught.value.retryable
    return caught.value


def spendable(sandbox: RunningSandbox, customer_id: str) -> D:
    return sandbox.service.balance_of(customer_id).spendable


def purchases(sandbox: RunningSandbox) -> dict[str, dict[str, Any]]:
    return {entry["transactionId"]: entry for entry in recorded_transactions(sandbox.engine) if entry["kind"] == "purchase"}


def code_for(service: SoapLoyaltyService, sandbox: RunningSandbox, customer_id: str, amount: str) -> str:
    service.send_confirmation_code(ConfirmationPurpose.REDEEM, customer_id=customer_id, amount=D(amount))
    return sandbox.last_code(customer_id=customer_id).code


# ----- online: only what was reserved ---------------------------------------------------------------


def test_spending_50_without_a_reservation_is_refused(service: SoapLoyaltyService, sandbox: RunningSandbox) -> None:
    key = tx()
    fault = refused(lambda: commit(service, sandbox, key, IVAN.customer_id, sale(), "50.00"), InvalidRequest)
    assert "без резерва" in fault.message
    assert spendable(sandbox, IVAN.customer_id) == IVAN.spendable
    assert key not in purchases(sandbox)


def test_a_commit_must_spend_exactly_what_was_reserved(service: SoapLoyaltyService, sandbox: RunningSandbox) -> None:
    key, receipt = tx(), sale()
    service.reserve(key, IVAN.customer_id, receipt, D("5.00"))  # below the code threshold: no code
    refused(lambda: commit(service, sandbox, key, IVAN.customer_id, receipt, "50.00"), InvalidRequest)
    refused(lambda: commit(service, sandbox, key, IVAN.customer_id, receipt, "4.00"), InvalidRequest)
    assert spendable(sandbox, IVAN.customer_id) == IVAN.spendable - D("5.00"), "still held, nothing spent"
    assert commit(service, sandbox, key, IVAN.customer_id, receipt, "5.00").redeemed == D("5.00")


def test_another_customers_reservation_cannot_be_committed(service: SoapLoyaltyService, sandbox: RunningSandbox) -> None:
    key, receipt = tx(), sale()
    service.reserve(key, ANNA.customer_id, receipt, D("10.00"))
    fault = refused(lambda: commit(service, sandbox, key, IVAN.customer_id, receipt, "10.00"), InvalidRequest)
    assert "другого клиента" in fault.message
    assert spendable(sandbox, IVAN.customer_id) == IVAN.spendable
    assert spendable(sandbox, ANNA.customer_id) == ANNA.spendable - D("10.00")


def test_reserve_then_commit_and_its_replay_spend_once(service: SoapLoyaltyService, sandbox: RunningSandbox) -> None:
    key, receipt = tx(), sale()
    service.reserve(key, IVAN.customer_id, receipt, D("50.00"), code_for(service, sandbox, IVAN.customer_id, "50.00"))
    moment = sandbox.clock.now()
    first = commit(service, sandbox, key, IVAN.customer_id, receipt, "50.00", occurred_at=moment)
    again = commit(service, sandbox, key, IVAN.customer_id, receipt, "50.00", occurred_at=moment)
    assert again == first and first.redeemed == D("50.00")
    assert spendable(sandbox, IVAN.customer_id) == IVAN.spendable - D("50.00")
    assert purchases(sandbox)[key]["review"] is False


def test_a_sale_closed_after_its_reservation_expired_is_refused(service: SoapLoyaltyService, sandbox: RunningSandbox) -> None:
    key, receipt = tx(), sale()
    service.reserve(key, IVAN.customer_id, receipt, D("10.00"))
    later = sandbox.clock.advance(timedelta(minutes=16))
    fault = refused(lambda: commit(service, sandbox, key, IVAN.customer_id, receipt, "10.00", occurred_at=later), InvalidRequest)
    assert "истёк" in fault.message
    assert spendable(sandbox, IVAN.customer_id) == IVAN.spendable


def test_a_sale_closed_in_time_but_delivered_late_still_goes_through(
    service: SoapLoyaltyService, sandbox: RunningSandbox
) -> None:
    key, receipt = tx(), sale()
    service.reserve(key, IVAN.customer_id, receipt, D("10.00"))
    closed = sandbox.clock.advance(timedelta(minutes=5))
    sandbox.clock.advance(timedelta(hours=2))  # the till lost the service after payment
    refused(lambda: commit(service, sandbox, key, IVAN.customer_id, receipt, "50.00", occurred_at=closed), InvalidRequest)
    assert commit(service, sandbox, key, IVAN.customer_id, receipt, "10.00", occurred_at=closed).redeemed == D("10.00")
    refused(lambda: commit(service, sandbox, tx(), IVAN.customer_id, receipt, "10.00", occurred_at=closed), InvalidRequest)


def test_a_cancelled_reservation_cannot_be_committed(service: SoapLoyaltyService, sandbox: RunningSandbox) -> None:
    key, receipt = tx(), sale()
    service.reserve(key, IVAN.customer_id, receipt, D("10.00"))
    service.cancel(key)
    refused(lambda: commit(service, sandbox, key, IVAN.customer_id, receipt, "10.00"), InvalidRequest)
    assert spendable(sandbox, IVAN.customer_id) == IVAN.spendable


def test_an_accrual_only_commit_needs_no_reservation(service: SoapLoyaltyService, sandbox: RunningSandbox) -> None:
    key = tx()
    result = commit(service, sandbox, key, IVAN.customer_id, sale(), "0.00")
    assert result.redeemed == D("0.00") and result.accrued == D("10.00")
    assert purchases(sandbox)[key]["review"] is False


# ----- offline: within the program's daily limit, kept for review -----------------------------------


def test_offline_spending_within_the_limit_is_accepted_and_marked_for_review(
    service: SoapLoyaltyService, sandbox: RunningSandbox
) -> None:
    spent, earned = tx(), tx()
    assert commit(service, sandbox, spent, ANNA.customer_id, sale(), "20.00", offline=True).redeemed == D("20.00")
    commit(service, sandbox, earned, ANNA.customer_id, sale(), "0.00", offline=True)
    assert spendable(sandbox, ANNA.customer_id) == ANNA.spendable - D("20.00")
    recorded = purchases(sandbox)
    assert (recorded[spent]["offline"], recorded[spent]["review"]) == (True, True)
    assert (recorded[earned]["offline"], recorded[earned]["review"]) == (True, False), "nothing spent, nothing to check"
    text = ledger_lines(recorded_transactions(sandbox.engine))
    assert [line.endswith(" offline review") for line in text if spent in line or earned in line] == [True, False]


def test_offline_spending_above_the_limit_in_one_sale_is_refused(service: SoapLoyaltyService, sandbox: RunningSandbox) -> None:
    key = tx()
    fault = refused(lambda: commit(service, sandbox, key, IVAN.customer_id, sale(), "20.01", offline=True), RedeemLimitExceeded)
    assert "20,00" in fault.message and "в день" in fault.message
    assert spendable(sandbox, IVAN.customer_id) == IVAN.spendable
    assert key not in purchases(sandbox)


def test_offline_spending_adds_up_over_the_day_and_not_over_the_next(
    service: SoapLoyaltyService, sandbox: RunningSandbox
) -> None:
    # the till's day: Minsk time, 20.11 from 00:00 to 24:00 (21:00 UTC the day before to 21:00 UTC)
    minsk = timezone(timedelta(hours=3))
    morning = datetime(2026, 11, 20, 0, 30, tzinfo=minsk)
    evening = datetime(2026, 11, 20, 23, 30, tzinfo=minsk)
    next_day = datetime(2026, 11, 21, 0, 30, tzinfo=minsk)
    first, first_receipt = tx(), sale()
    answer = commit(service, sandbox, first, IVAN.customer_id, first_receipt, "15.00", offline=True, occurred_at=morning)
    fault = refused(
        lambda: commit(service, sandbox, tx(), IVAN.customer_id, sale(), "5.01", offline=True, occurred_at=evening),
        RedeemLimitExceeded,
    )
    assert "20.11.2026" in fault.message and "15,00" in fault.message
    commit(service, sandbox, tx(), IVAN.customer_id, sale(), "5.00", offline=True, occurred_at=evening)
    commit(service, sandbox, tx(), IVAN.customer_id, sale(), "20.00", offline=True, occurred_at=next_day)
    # a replay of the first sale answers what it answered then and spends nothing more
    replay = commit(service, sandbox, first, IVAN.customer_id, first_receipt, "15.00", offline=True, occurred_at=morning)
    assert replay == answer
    assert spendable(sandbox, IVAN.customer_id) == IVAN.spendable - D("40.00")
    assert [entry["review"] for entry in purchases(sandbox).values()] == [True, True, True]


def test_offline_spending_never_goes_beyond_the_balance(service: SoapLoyaltyService, sandbox: RunningSandbox) -> None:
    refused(lambda: commit(service, sandbox, tx(), OLGA.customer_id, sale(), "5.00", offline=True), InsufficientBalance)
    assert spendable(sandbox, OLGA.customer_id) == D("0.00")


def test_a_till_dead_letters_an_offline_sale_above_the_limit_with_the_programs_reason(
    service: SoapLoyaltyService, sandbox: RunningSandbox, tmp_path: Path
) -> None:
    database = open_database(tmp_path / "till.sqlite")
    try:
        moment = sandbox.clock.now()
        OutboxRecorder(database).record_commit(
            transaction_id=tx(), customer_id=IVAN.customer_id, receipt=sale(), redeem=D("25.00"),
            fiscal=FiscalDocument("8", moment), offline=True, occurred_at=moment,
        )
        report = OutboxSync(database, service).run_once()
        assert report.outcome is SyncOutcome.FAILED, "the sale happened: the admin decides, no endless retries"
        assert report.detail.startswith("REDEEM_LIMIT_EXCEEDED: ")
        assert "20,00 баллов в день" in report.detail and "администратор" in report.detail
    finally:
        database.close()
    assert spendable(sandbox, IVAN.customer_id) == IVAN.spendable


# ----- GetProgram: the limit for tills that read revision 2 ------------------------------------------


def get_program_raw(sandbox: RunningSandbox, revision: str | None) -> etree._Element:
    header = "" if revision is None else f"<soap:Header><tl:ContractRevision>{revision}</tl:ContractRevision></soap:Header>"
    envelope = (
        f'<soap:Envelope xmlns:soap="{SOAP_ENV}" xmlns:tl="{TL}">{header}'
        "<soap:Body><tl:GetProgramRequest><tl:storeId>001</tl:storeId></tl:GetProgramRequest></soap:Body></soap:Envelope>"
    )
    headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'}
    answer = requests.post(sandbox.url, data=envelope.encode(), headers=headers, timeout=10)
    assert answer.status_code == 200, answer.text
    (payload,) = etree.fromstring(answer.content).find(f"{{{SOAP_ENV}}}Body")
    return payload


def revision_1_schema() -> etree.XMLSchema:
    """The contract XSD as a till of revision 1 has it: without the revision-2 element."""
    tree = etree.parse(str(xsd_path()))
    (added,) = tree.iterfind(".//{http://www.w3.org/2001/XMLSchema}element[@name='offlineRedeemLimit']")
    added.getparent().remove(added)
    return etree.XMLSchema(tree)


def test_the_till_reads_the_programs_offline_limit(service: SoapLoyaltyService) -> None:
    assert service.get_program("001").offline_redeem_limit == OFFLINE_REDEEM_LIMIT == D("20.00")


def test_a_revision_1_till_gets_a_program_its_own_schema_accepts(sandbox: RunningSandbox) -> None:
    old_schema = revision_1_schema()
    for asked in (None, "1", "x"):
        answer = get_program_raw(sandbox, asked)
        assert answer.find(f"{{{TL}}}offlineRedeemLimit") is None
        assert old_schema.validate(etree.ElementTree(answer)), old_schema.error_log
    newer = get_program_raw(sandbox, "2")
    assert newer.findtext(f"{{{TL}}}offlineRedeemLimit") == "20.00"
    assert not old_schema.validate(etree.ElementTree(newer)), "what a revision-1 till would refuse"
