"""Contract revision 4 (coupons) kept compatible: a till of an earlier revision gets the answers it
knows, zeep still loads the WSDL, and a sale queued with coupons reaches the sandbox with them,
whether the outbox sends it alone or in a batch."""
from __future__ import annotations

import copy
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest
import zeep
from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.offline.outbox_sync import OutboxSync, commit_payload, stored_result
from cache.database import Database, open_database
from cache.tables import OutboxState
from cache.transactions.journal import Journal
from fiscal.receipt import FiscalDocument, Receipt, ReceiptLine
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.demo import ANNA, IVAN, coupon_code
from loyalty_client.sandbox.storage.models import CouponUse
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.soap.contract import wsdl_path, xsd_path
from loyalty_client.types import CommitResult
from tests.integration.sandbox_soap import TL, E, Line, SoapTill, receipt

pytestmark = pytest.mark.integration

COFFEE = "4810001000031"
ANNA_COFFEE_10 = coupon_code(1, 1)
IVAN_2_OFF_FROM_10 = coupon_code(2, 1)
XS = "http://www.w3.org/2001/XMLSchema"
REVISION_4_ELEMENTS = {
    "coupons", "couponDiscount", "pointsDiscount", "kind", "value", "minAmount", "skus", "categories", "personal",
    "validFrom",
}


def revision_3_schema() -> etree.XMLSchema:
    """The contract as a till of revision 3 has it: the XSD without revision 4's optional elements."""
    tree = etree.parse(str(xsd_path()))
    for element in list(tree.iter(f"{{{XS}}}element")):
        if element.get("name") in REVISION_4_ELEMENTS and element.get("minOccurs") == "0":
            element.getparent().remove(element)
    return etree.XMLSchema(tree)


def names(element: etree._Element) -> set[str]:
    return {etree.QName(node).localname for node in element.iter() if isinstance(node.tag, str)}


@pytest.fixture
def client(sandbox: RunningSandbox) -> Iterator[SoapLoyaltyService]:
    with SoapLoyaltyService(sandbox.url, timeout_seconds=10) as made:
        yield made


def test_a_till_of_an_earlier_revision_gets_only_what_it_knows(sandbox: RunningSandbox, client: SoapLoyaltyService) -> None:
    old = SoapTill(sandbox.url)  # no tl:ContractRevision header, no coupons
    schema = revision_3_schema()
    coffee = [Line(1, "15.90", sku=COFFEE), Line(2, "2.49")]
    answers = [
        old.calculate(ANNA.customer_id, coffee, "5.00"),
        old.reserve("T-OLD-1", ANNA.customer_id, coffee, "5.00"),
        old.commit("T-OLD-1", ANNA.customer_id, coffee, "5.00"),
        old.get_offers(IVAN.customer_id),
    ]
    for answer in answers:
        assert names(answer).isdisjoint(REVISION_4_ELEMENTS), etree.tostring(answer)
        assert schema.validate(answer), schema.error_log
    assert answers[2].findtext("tl:redeemed", namespaces={"tl": TL}) == "5.00"
    # the same calculation by a till of revision 4 tells the parts, and they add up to the same
    new = client.calculate(ANNA.customer_id, Receipt("R-1", "001", "01", datetime(2026, 11, 20, 9, tzinfo=timezone.utc), (
        ReceiptLine(1, COFFEE, "Товар 1", Decimal("1"), Decimal("15.90"), Decimal("15.90")),
        ReceiptLine(2, "SKU-2", "Товар 2", Decimal("1"), Decimal("2.49"), Decimal("2.49")),
    )), Decimal("5.00"))
    old_discounts = [Decimal(text) for text in answers[0].xpath("tl:lines/tl:line/tl:discount/text()", namespaces={"tl": TL})]
    assert [line.discount for line in new.lines] == old_discounts
    assert [line.points_discount for line in new.lines] == old_discounts and new.coupons == ()


def test_a_request_with_coupons_is_answered_with_them_even_without_the_revision_header(sandbox: RunningSandbox) -> None:
    request = E.CalculatePurchaseRequest(
        E.customerId(ANNA.customer_id), receipt(Line(1, "15.90", sku=COFFEE)), E.coupons(E.coupon(E.code(ANNA_COFFEE_10)))
    )
    answer = SoapTill(sandbox.url).call(request)
    assert answer.findtext("tl:coupons/tl:coupon/tl:discount", namespaces={"tl": TL}) == "1.59"
    assert answer.findtext("tl:lines/tl:line/tl:couponDiscount", namespaces={"tl": TL}) == "1.59"


def test_the_wsdl_loads_in_zeep_from_the_file_and_as_served(sandbox: RunningSandbox) -> None:
    for source in (str(wsdl_path()), f"{sandbox.url}?wsdl"):
        loaded = zeep.Client(source)
        for operation in ("CalculatePurchase", "ReservePurchase", "CommitPurchase"):
            request = loaded.get_element(f"{{{TL}}}{operation}Request")
            response = loaded.get_element(f"{{{TL}}}{operation}Response")
            assert "coupons" in [name for name, _ in request.type.elements]
            assert "coupons" in [name for name, _ in response.type.elements]
        offer = loaded.get_type(f"{{{TL}}}Offer")
        assert {"kind", "value", "minAmount", "skus", "categories", "personal", "validFrom"} <= {n for n, _ in offer.elements}


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    made = open_database(tmp_path / "till.sqlite")
    yield made
    made.close()


@pytest.mark.parametrize("batch_size", [1, 100], ids=["one by one", "in a batch"])
def test_a_sale_queued_with_coupons_is_delivered_with_them(
    sandbox: RunningSandbox, client: SoapLoyaltyService, database: Database, batch_size: int
) -> None:
    key = str(uuid.uuid4())
    now = datetime.now(timezone.utc)
    sale = Receipt(key[:18], "001", "01", now, (ReceiptLine(1, COFFEE, "Кофе", Decimal("1"), Decimal("15.90"), Decimal("15.90")),))
    payload = commit_payload(key, ANNA.customer_id, sale, Decimal("0.00"), FiscalDocument("7", now), True, now,
                             coupons=(ANNA_COFFEE_10, IVAN_2_OFF_FROM_10))
    assert payload["coupons"] == [ANNA_COFFEE_10, IVAN_2_OFF_FROM_10]
    assert "coupons" not in commit_payload(key, ANNA.customer_id, sale, Decimal("0.00"), FiscalDocument("7", now), True, now)
    Journal(database).record_sale(key, ANNA.customer_id, copy.deepcopy(payload), now)

    sync = OutboxSync(database, client, batch_size=batch_size)
    report = sync.drain(max_items=10)

    assert report.done == 1 and sync.outbox.counts()[OutboxState.DONE] == 1
    with Session(sandbox.engine) as session:
        uses = {use.coupon_code: (use.transaction_id, use.state) for use in session.scalars(select(CouponUse))}
    assert uses == {ANNA_COFFEE_10: (key, "used"), IVAN_2_OFF_FROM_10: (key, "used")}
    (item,) = sync.outbox.items(OutboxState.DONE)
    result = stored_result(item)
    assert isinstance(result, CommitResult)
    assert [(coupon.code, coupon.discount) for coupon in result.coupons] == [
        (ANNA_COFFEE_10, Decimal("1.59")), (IVAN_2_OFF_FROM_10, Decimal("2.00")),
    ]
