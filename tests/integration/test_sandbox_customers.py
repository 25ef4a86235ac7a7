"""The sandbox over real HTTP: program, identification, one-time codes, registration, offers."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from loyalty_client.codes import is_coupon_code, make_app_qr
from loyalty_client.sandbox import RunningSandbox, SandboxClock
from loyalty_client.sandbox.demo import ANNA, IVAN, MARIA, OLGA, PETR, coupon_code
from tests.backends import ON_EVERY_DATABASE
from tests.integration.sandbox_soap import Fault, SoapTill, amount, text

pytestmark = [pytest.mark.integration, ON_EVERY_DATABASE]

DEMO_NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
TL = {"tl": "urn:till-loyalty:v1"}


@pytest.fixture
def sandbox_clock() -> SandboxClock:
    return SandboxClock(DEMO_NOW)


@pytest.fixture
def till(sandbox: RunningSandbox) -> SoapTill:
    return SoapTill(sandbox.url)


def test_get_program_publishes_the_demo_rules(till: SoapTill) -> None:
    program = till.get_program()
    assert text(program, "tl:name") == "Клуб друзей"
    assert text(program, "tl:currency") == "BYN"
    assert amount(program, "tl:pointValue") == D("1.00")
    assert amount(program, "tl:maxRedeemPercent") == D("50.00")
    assert amount(program, "tl:confirmationThreshold") == D("20.00")
    tiers = [
        (t.findtext("tl:code", namespaces=TL), t.findtext("tl:name", namespaces=TL),
         D(t.findtext("tl:accrualPercent", namespaces=TL)), D(t.findtext("tl:threshold", namespaces=TL)))
        for t in program.iterfind("tl:tiers/tl:tier", TL)
    ]
    assert tiers == [
        ("bronze", "Бронза", D("3.00"), D("0.00")),
        ("silver", "Серебро", D("5.00"), D("500.00")),
        ("gold", "Золото", D("10.00"), D("1500.00")),
    ]


def test_identify_anna_by_phone_shows_the_seeded_customer(till: SoapTill) -> None:
    customer = till.identify("phone", "+375291234567").find("tl:customer", TL)
    assert text(customer, "tl:customerId") == ANNA.customer_id
    assert text(customer, "tl:displayName") == "Анна Ковалёва"
    assert text(customer, "tl:maskedPhone") == "+375 29 ***-**-67"
    assert text(customer, "tl:cardNumber") == "2000000000015"
    assert text(customer, "tl:status") == "active"
    assert text(customer, "tl:tier/tl:name") == "Серебро"
    assert amount(customer, "tl:tier/tl:accrualPercent") == D("5.00")
    assert text(customer, "tl:nextTier/tl:name") == "Золото"
    assert amount(customer, "tl:nextTier/tl:remaining") == D("687.60")
    assert amount(customer, "tl:balance/tl:spendable") == D("125.50")
    assert amount(customer, "tl:balance/tl:pending") == D("14.20")
    assert amount(customer, "tl:balance/tl:total") == D("139.70")
    assert amount(customer, "tl:balance/tl:expiringAmount") == D("30.00")
    assert text(customer, "tl:balance/tl:expiringOn") == "2026-12-31"
    messages = [m.text for m in customer.iterfind("tl:messages/tl:message", TL)]
    assert not [m for m in messages if "сгор" in m], "the expiry is in the balance; the till shows it from there"


@pytest.mark.parametrize("typed", ["+375291234567", "80291234567", "291234567", "+375 29 123-45-67"])
def test_identify_accepts_usual_phone_forms(till: SoapTill, typed: str) -> None:
    assert text(till.identify("phone", typed), "tl:customer/tl:customerId") == ANNA.customer_id


def test_identify_ivan_by_card_is_gold_at_the_top(till: SoapTill) -> None:
    customer = till.identify("card", "2000000000022").find("tl:customer", TL)
    assert text(customer, "tl:customerId") == IVAN.customer_id
    assert text(customer, "tl:maskedPhone") == "+7 916 ***-**-23"
    assert text(customer, "tl:tier/tl:code") == "gold"
    assert customer.find("tl:nextTier", TL) is None
    assert amount(customer, "tl:balance/tl:spendable") == D("840.00")


def test_identify_olga_a_new_member_without_card(till: SoapTill) -> None:
    customer = till.identify("phone", "+375337654321").find("tl:customer", TL)
    assert text(customer, "tl:displayName") == "Ольга Сидорович"
    assert customer.find("tl:cardNumber", TL) is None
    assert text(customer, "tl:tier/tl:code") == "bronze"
    assert amount(customer, "tl:balance/tl:spendable") == D("0.00")
    assert amount(customer, "tl:nextTier/tl:remaining") == D("500.00")


def test_identify_blocked_member_is_a_fault(till: SoapTill) -> None:
    with pytest.raises(Fault) as fault:
        till.identify("phone", PETR.phone)
    assert (fault.value.faultcode, fault.value.code, fault.value.retryable) == ("soap:Client", "CUSTOMER_BLOCKED", False)
    assert "заблокирована" in fault.value.message


def test_identify_not_activated_member_comes_with_a_message(till: SoapTill) -> None:
    customer = till.identify("phone", MARIA.phone).find("tl:customer", TL)
    assert text(customer, "tl:status") == "not_activated"
    assert amount(customer, "tl:balance/tl:spendable") == D("10.00")
    assert any("не активирована" in m.text for m in customer.iterfind("tl:messages/tl:message", TL))


@pytest.mark.parametrize(
    ("kind", "value"),
    [("phone", "+375290000000"), ("phone", "+375291234568"), ("card", "2000000000039"), ("coupon", "9900000000000"),
     ("qr", "1" * 23), ("phone", "сыр")],
)
def test_identify_unknown_is_customer_not_found(till: SoapTill, kind: str, value: str) -> None:
    with pytest.raises(Fault) as fault:
        till.identify(kind, value)
    assert fault.value.code == "CUSTOMER_NOT_FOUND"
    assert fault.value.message


def test_identify_by_app_qr_once_only(sandbox: RunningSandbox, till: SoapTill) -> None:
    qr = make_app_qr(ANNA.account, ANNA.totp_secret, sandbox.clock.now())
    assert text(till.identify("qr", qr), "tl:customer/tl:customerId") == ANNA.customer_id
    with pytest.raises(Fault) as fault:
        till.identify("qr", qr)
    assert fault.value.code == "CONFIRMATION_INVALID"
    assert "уже использован" in fault.value.message
    sandbox.clock.advance(30)
    fresh = make_app_qr(ANNA.account, ANNA.totp_secret, sandbox.clock.now())
    assert text(till.identify("qr", fresh), "tl:customer/tl:customerId") == ANNA.customer_id


def test_identify_refuses_a_stale_or_forged_app_qr(sandbox: RunningSandbox, till: SoapTill) -> None:
    stale = make_app_qr(IVAN.account, IVAN.totp_secret, sandbox.clock.now() - timedelta(minutes=5))
    forged = make_app_qr(IVAN.account, b"not the secret", sandbox.clock.now())
    for qr in (stale, forged):
        with pytest.raises(Fault) as fault:
            till.identify("qr", qr)
        assert fault.value.code == "CONFIRMATION_INVALID"
    unknown_account = make_app_qr("9999999999", IVAN.totp_secret, sandbox.clock.now())
    with pytest.raises(Fault) as fault:
        till.identify("qr", unknown_account)
    assert fault.value.code == "CUSTOMER_NOT_FOUND"


def test_identify_by_coupon_finds_its_owner(till: SoapTill) -> None:
    assert text(till.identify("coupon", coupon_code(2, 1)), "tl:customer/tl:customerId") == IVAN.customer_id


def test_get_offers_two_per_demo_customer(sandbox: RunningSandbox, till: SoapTill) -> None:
    for demo in (ANNA, IVAN, OLGA, MARIA):
        offers = till.get_offers(demo.customer_id).findall("tl:offers/tl:offer", TL)
        assert len(offers) == 2
        kinds = set()
        for offer in offers:
            code = text(offer, "tl:couponCode")
            assert code.startswith("99") and is_coupon_code(code)
            assert date.fromisoformat(text(offer, "tl:validUntil")) >= sandbox.clock.now().date()
            assert text(offer, "tl:title") and text(offer, "tl:text")
            kinds.add(text(offer, "tl:barcodeKind"))
            assert text(till.identify("coupon", code), "tl:customer/tl:customerId") == demo.customer_id
        assert kinds <= {"ean13", "qr"}


def test_get_offers_faults(till: SoapTill) -> None:
    with pytest.raises(Fault) as fault:
        till.get_offers("C9999")
    assert fault.value.code == "CUSTOMER_NOT_FOUND"
    with pytest.raises(Fault) as fault:
        till.get_offers(PETR.customer_id)
    assert fault.value.code == "CUSTOMER_BLOCKED"


def test_offers_past_their_date_are_not_offered(sandbox: RunningSandbox, till: SoapTill) -> None:
    sandbox.clock.advance(timedelta(days=31))  # Olga's offers: 30 and 14 days
    assert till.get_offers(OLGA.customer_id).findall("tl:offers/tl:offer", TL) == []
    olga = till.identify("coupon", coupon_code(3, 1)).find("tl:customer", TL)
    assert any("истёк" in m.text for m in olga.iterfind("tl:messages/tl:message", TL))


def test_send_redeem_code_goes_to_the_customer(sandbox: RunningSandbox, till: SoapTill) -> None:
    sent = till.send_code("redeem", customer_id=IVAN.customer_id, amount="30.00")
    assert text(sent, "tl:sentTo") == "+7 916 ***-**-23"
    assert text(sent, "tl:expiresInSeconds") == "300"
    code = sandbox.last_code()
    assert code.customer_id == IVAN.customer_id and code.phone == IVAN.phone
    assert code.masked_phone == "+7 916 ***-**-23"
    assert code.amount == D("30.00") and code.purpose.value == "redeem"
    assert len(code.code) == 6 and code.code.isdigit()


@pytest.mark.parametrize(
    ("kwargs", "fault_code"),
    [
        ({"customer_id": "C9999", "amount": "30.00"}, "CUSTOMER_NOT_FOUND"),
        ({"customer_id": PETR.customer_id, "amount": "30.00"}, "CUSTOMER_BLOCKED"),
        ({"customer_id": MARIA.customer_id, "amount": "30.00"}, "NOT_ACTIVATED"),
        ({"customer_id": IVAN.customer_id}, "INVALID_REQUEST"),
        ({"amount": "30.00"}, "INVALID_REQUEST"),
    ],
)
def test_send_redeem_code_faults(sandbox: RunningSandbox, till: SoapTill, kwargs: dict, fault_code: str) -> None:
    with pytest.raises(Fault) as fault:
        till.send_code("redeem", **kwargs)
    assert fault.value.code == fault_code
    assert sandbox.codes == []


def test_register_a_new_member_with_a_code(sandbox: RunningSandbox, till: SoapTill) -> None:
    phone = "+375296667788"
    assert text(till.send_code("register", phone=phone), "tl:sentTo") == "+375 29 ***-**-88"
    code = sandbox.last_code(phone=phone)
    assert code.purpose.value == "register" and code.amount is None and code.customer_id is None
    customer = till.register(phone, "Светлана", code.code, birth_date="1990-05-17").find("tl:customer", TL)
    assert text(customer, "tl:displayName") == "Светлана"
    assert text(customer, "tl:status") == "active"
    assert text(customer, "tl:tier/tl:code") == "bronze"
    assert amount(customer, "tl:balance/tl:spendable") == D("0.00")
    new_id = text(customer, "tl:customerId")
    assert text(till.identify("phone", phone), "tl:customer/tl:customerId") == new_id
    # a replay of the same registration returns the same member and creates nobody
    again = till.register(phone, "Светлана", code.code, birth_date="1990-05-17")
    assert text(again, "tl:customer/tl:customerId") == new_id
    with pytest.raises(Fault) as fault:
        till.send_code("register", phone=phone)
    assert fault.value.code == "INVALID_REQUEST"
    assert len(till.get_offers(new_id).findall("tl:offers/tl:offer", TL)) == 1


def test_register_refuses_a_wrong_missing_or_expired_code(sandbox: RunningSandbox, till: SoapTill) -> None:
    phone = "+375296667799"
    with pytest.raises(Fault) as fault:
        till.register(phone, "Олег", "123456")
    assert fault.value.code == "CONFIRMATION_INVALID"
    till.send_code("register", phone=phone)
    good = sandbox.last_code(phone=phone).code
    wrong = "000000" if good != "000000" else "111111"
    with pytest.raises(Fault) as fault:
        till.register(phone, "Олег", wrong)
    assert fault.value.code == "CONFIRMATION_INVALID"
    sandbox.clock.advance(301)
    with pytest.raises(Fault) as fault:
        till.register(phone, "Олег", good)
    assert fault.value.code == "CONFIRMATION_INVALID"
    with pytest.raises(Fault) as fault:
        till.identify("phone", phone)
    assert fault.value.code == "CUSTOMER_NOT_FOUND"


def test_register_code_is_burnt_after_five_wrong_attempts(sandbox: RunningSandbox, till: SoapTill) -> None:
    phone = "+375296667700"
    till.send_code("register", phone=phone)
    good = sandbox.last_code(phone=phone).code
    wrong = "000000" if good != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(Fault):
            till.register(phone, "Олег", wrong)
    with pytest.raises(Fault) as fault:
        till.register(phone, "Олег", good)
    assert fault.value.code == "CONFIRMATION_INVALID"


def test_register_refuses_a_registered_phone(sandbox: RunningSandbox, till: SoapTill) -> None:
    with pytest.raises(Fault) as fault:
        till.send_code("register", phone=ANNA.phone)
    assert fault.value.code == "INVALID_REQUEST"
    with pytest.raises(Fault) as fault:
        till.register(ANNA.phone, "Анна", "123456")
    assert fault.value.code == "INVALID_REQUEST"


def test_points_mature_and_expire_with_time(sandbox: RunningSandbox, till: SoapTill) -> None:
    sandbox.clock.advance(timedelta(days=14))  # the seeded pending 14.20 becomes spendable
    balance = till.identify("card", ANNA.card_number).find("tl:customer/tl:balance", TL)
    assert (amount(balance, "tl:spendable"), amount(balance, "tl:pending")) == (D("139.70"), D("0.00"))
    sandbox.clock.advance(timedelta(days=60))  # past 2026-12-31: the 30.00 expire
    balance = till.identify("card", ANNA.card_number).find("tl:customer/tl:balance", TL)
    assert amount(balance, "tl:spendable") == D("109.70")
    assert balance.find("tl:expiringAmount", TL) is None
