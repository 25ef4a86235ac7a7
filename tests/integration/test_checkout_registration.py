"""Registration in the checkout core, with no window: the path the till's controller runs on its
worker, against the real sandbox over HTTP."""
from __future__ import annotations

from decimal import Decimal

import pytest

from app.registration.enrolment import RegistrationForm, RegistrationRefused
from app.checkout.session import Phase
from loyalty_client.sandbox.storage.transaction_log import recorded_transactions
from tests.integration.test_checkout_flow import Till

NEW = "8 029 555-66-78"  # typed the national way: sent as +375295556678


@pytest.fixture
def till(sandbox, tmp_path):
    till = Till(sandbox.url, tmp_path / "till.sqlite")
    yield till
    till.database.close()


def test_an_unknown_phone_registers_earns_on_the_receipt_and_the_sale_is_delivered(sandbox, till) -> None:
    till.sell("Кофе зерновой 250 г")
    state = till.checkout.identify(NEW)
    assert state.unknown_phone == "+375295556678" and state.customer is None
    sent = till.checkout.send_registration_code(NEW)
    assert sent.sent_to.endswith("78")
    code = sandbox.last_code(phone="+375295556678").code
    state = till.checkout.register_customer(RegistrationForm(NEW, "  Вера ", False), code)
    assert state.phase is Phase.IDENTIFIED and state.unknown_phone is None
    assert state.customer.display_name == "Вера"
    assert state.calculation.accrual > Decimal("0.00")
    state = till.checkout.close_receipt()
    state = till.checkout.close_receipt()  # payment received
    assert state.phase is Phase.CLOSED
    assert till.sync.drain().done == 1
    [sale] = [row for row in recorded_transactions(sandbox.engine) if row["customerId"] == state.customer.customer_id]
    assert Decimal(sale["accrual"]) == state.calculation.accrual


def test_a_refused_registration_changes_nothing(sandbox, till) -> None:
    till.sell("Молоко 3,2% 1 л")
    till.checkout.identify(NEW)
    before = till.checkout.state
    with pytest.raises(RegistrationRefused) as refused:
        till.checkout.register_customer(RegistrationForm(NEW, "", False), "123456")
    assert "first name" in refused.value.text
    with pytest.raises(RegistrationRefused) as refused:
        till.checkout.send_registration_code("+375 29 123-45-67")  # Anna's: registered already
    assert "уже зарегистрирован" in refused.value.text
    with pytest.raises(RegistrationRefused) as refused:
        till.checkout.send_registration_code("2000000000015")  # a card, not a phone
    assert "phone" in refused.value.text
    assert till.checkout.state is before


def test_offline_registration_is_refused_before_any_call(sandbox, till) -> None:
    till.sell("Молоко 3,2% 1 л")
    with sandbox.refusing():
        state = till.checkout.identify("+375 29 123-45-67")  # the till learns the service is gone
    assert state.online is False
    # The service is back, but the till has not heard it yet: it refuses without asking.
    served = sum(sandbox.served().values())
    with pytest.raises(RegistrationRefused) as refused:
        till.checkout.send_registration_code(NEW)
    assert "cannot be reached" in refused.value.text and "Nothing was saved" in refused.value.text
    assert sum(sandbox.served().values()) == served, "nothing was asked of the service"
    assert not [sent for sent in sandbox.codes if sent.phone == "+375295556678"]
