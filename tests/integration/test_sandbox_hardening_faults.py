"""Only a sandbox started with fault injection on lets a request ask for a fault in its URL query."""
from __future__ import annotations

import uuid

import pytest
import requests

from loyalty_client import errors
from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.serving.wsgi import HTTP500_BODY
from loyalty_client.soap.client import SoapLoyaltyService
from tests.integration.sandbox_soap import E, Fault, SoapTill, envelope, post, read
from tests.integration.test_sandbox_cli import running_main
from tests.integration.test_sandbox_faults import commit, purchases

pytestmark = pytest.mark.integration

GET_PROGRAM = envelope(E.GetProgramRequest(E.storeId("001")))


def test_a_client_cannot_take_the_sandbox_off_the_network(sandbox: RunningSandbox) -> None:
    attacker = SoapLoyaltyService(f"{sandbox.url}?fault=refuse&delay=600", timeout_seconds=5)
    with pytest.raises(errors.InvalidRequest, match="--allow-fault-requests"):
        attacker.get_program("001")
    assert sandbox.accepting
    assert sandbox.faults.injected == []
    assert SoapLoyaltyService(sandbox.url, timeout_seconds=5).get_program("001").currency == "BYN"


def test_a_refused_fault_request_does_no_work(sandbox: RunningSandbox) -> None:
    client = SoapLoyaltyService(f"{sandbox.url}?fault=drop", timeout_seconds=5)
    transaction_id = str(uuid.uuid4())
    with pytest.raises(errors.InvalidRequest):
        commit(client, transaction_id)
    assert transaction_id not in purchases(sandbox)


def test_other_queries_are_still_served(sandbox: RunningSandbox) -> None:
    assert read(post(f"{sandbox.url}?delay=600&on=GetProgram", GET_PROGRAM)).tag.endswith("GetProgramResponse")


def asked_for_http500(till: SoapTill) -> bool:
    """Whether the sandbox behind `till` failed as `?fault=http500` asks (False: refused it)."""
    response = requests.post(
        f"{till.url}?fault=http500",
        data=GET_PROGRAM,
        headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'},
        timeout=30,
    )
    if response.content == HTTP500_BODY:
        return True
    with pytest.raises(Fault) as raised:
        read(response)
    assert raised.value.code == "INVALID_REQUEST" and "--allow-fault-requests" in (raised.value.message or "")
    return False


@pytest.mark.parametrize(
    "flags, allowed",
    [
        ([], False),
        (["--allow-fault-requests"], True),
        (["--faults", "GetOffers:http500:times=1"], True),
    ],
)
def test_the_command_takes_fault_requests_only_when_fault_injection_is_on(flags: list[str], allowed: bool) -> None:
    with running_main(["--port", "0", *flags]) as till:
        assert asked_for_http500(till) is allowed
        assert till.get_program().tag.endswith("GetProgramResponse")
