"""What the till's SOAP client hears of a wrong or expired one-time code (tries left, which code
still works), and a printed card linked at registration: against the sandbox over loopback."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from loyalty_client.errors import ConfirmationInvalid, InvalidRequest
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.demo import ANNA
from loyalty_client.soap.client import SoapLoyaltyService
from loyalty_client.types import ConfirmationPurpose, Identifier, IdentifierKind, Registration

pytestmark = pytest.mark.integration

PHONE = "+375296660011"


@pytest.fixture
def client(sandbox: RunningSandbox) -> Iterator[SoapLoyaltyService]:
    made = SoapLoyaltyService(sandbox.url, timeout_seconds=10)
    yield made
    made.close()


def _send(client: SoapLoyaltyService, sandbox: RunningSandbox, phone: str = PHONE) -> str:
    client.send_confirmation_code(ConfirmationPurpose.REGISTER, phone=phone)
    return sandbox.last_code(phone=phone).code


def _wrong(good: str) -> str:
    return "000000" if good != "000000" else "111111"


def _register(client: SoapLoyaltyService, code: str, phone: str = PHONE, card: str | None = None):
    return client.register(Registration(phone, "Олег", False, code, card_number=card))


def test_a_wrong_code_says_how_many_tries_are_left_down_to_none(client, sandbox) -> None:
    good = _send(client, sandbox)
    heard = []
    for _ in range(5):
        with pytest.raises(ConfirmationInvalid) as fault:
            _register(client, _wrong(good))
        heard.append((fault.value.attempts_left, fault.value.expired))
    assert heard == [(4, False), (3, False), (2, False), (1, False), (0, False)]
    assert "новый код" in fault.value.message
    with pytest.raises(ConfirmationInvalid) as fault:
        _register(client, good)
    assert fault.value.attempts_left == 0, "the right code no longer works once the tries are spent"


def test_an_expired_code_is_told_apart_and_the_newest_still_works(client, sandbox) -> None:
    first = _send(client, sandbox)
    sandbox.clock.advance(200)
    newest = _send(client, sandbox)
    sandbox.clock.advance(150)  # the first code is 350 s old, the newest 150 s
    with pytest.raises(ConfirmationInvalid) as fault:
        _register(client, first)
    if first != newest:  # six random digits: the same code twice says nothing of expiry
        assert fault.value.expired
        assert fault.value.attempts_left == 4
        assert "последнего сообщения" in fault.value.message
        assert _register(client, newest).masked_phone.endswith("11")


def test_when_every_code_expired_the_fault_asks_for_a_new_one(client, sandbox) -> None:
    good = _send(client, sandbox)
    sandbox.clock.advance(301)
    with pytest.raises(ConfirmationInvalid) as fault:
        _register(client, good)
    assert fault.value.expired and fault.value.attempts_left == 0
    assert "новый код" in fault.value.message


def test_a_printed_card_is_linked_at_registration(client, sandbox) -> None:
    card = "2000000099996"
    customer = _register(client, _send(client, sandbox), card=card)
    assert customer.card_number == card
    found = client.identify(Identifier(IdentifierKind.CARD, card), "001", "01")
    assert found.customer_id == customer.customer_id


def test_a_card_already_given_out_or_not_a_card_is_refused_and_nothing_is_saved(client, sandbox) -> None:
    code = _send(client, sandbox)
    with pytest.raises(InvalidRequest):
        _register(client, code, card=ANNA.card_number)
    with pytest.raises(InvalidRequest):
        _register(client, code, card="2000000099992")  # wrong check digit
    assert _register(client, code).card_number is None, "the code was not used by the refusals"
