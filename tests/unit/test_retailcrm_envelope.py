"""RetailCRM's error envelope and its HTML answers map onto the till's typed errors."""
from __future__ import annotations

import pytest

from loyalty_client.errors import AccountNotFound, InvalidCredentials, InvalidRequest, RateLimited, ServiceUnavailable
from loyalty_client.retailcrm.client import NotFoundError, answer, form_fields


@pytest.mark.parametrize(
    ("status", "body", "expected", "text"),
    [
        (403, b'{"success":false,"errorMsg":"\\"apiKey\\" is missing."}', InvalidCredentials, "apiKey"),
        (403, b'{"success":false,"errorMsg":"Wrong \\"apiKey\\" value."}', InvalidCredentials, "Wrong"),
        (403, b'{"success":false,"errorMsg":"Access denied."}', InvalidCredentials, "Access denied"),
        (400, b'{"success":false,"errorMsg":"Account does not exist."}', AccountNotFound, "does not exist"),
        (404, b'{"success":false,"errorMsg":"Not found"}', NotFoundError, "Not found"),
        (400, b'{"success":false,"errorMsg":"Errors in the entity format","errors":{"managerId":"Something went wrong"}}', InvalidRequest, "managerId: Something went wrong"),
        (400, b'{"success":false,"errorMsg":"Validation error","errors":["items[0].offer.id: Offer with id 1 not found."]}', InvalidRequest, "Offer with id 1"),
        (400, b'{"success":false,"errorMsg":"Parameter \'site\' is missing"}', InvalidRequest, "site"),
        (503, b"", ServiceUnavailable, "503"),
        (429, b'{"success":false,"errorMsg":"Too many requests"}', RateLimited, "429"),
        (502, b"<html>Bad gateway</html>", ServiceUnavailable, "502"),
        (200, b"not json", ServiceUnavailable, "not a RetailCRM answer"),
    ],
)
def test_each_answer_is_its_typed_error(status: int, body: bytes, expected: type, text: str) -> None:
    with pytest.raises(expected, match=text.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")) as caught:
        answer(status, "application/json", body)
    assert type(caught.value) is expected


def test_the_html_405_of_an_unknown_account_is_account_not_found() -> None:
    with pytest.raises(AccountNotFound):
        answer(405, "text/html", b"<html><head><title>405 Not Allowed</title></head></html>")


def test_a_success_envelope_is_returned_and_objects_travel_as_json_strings() -> None:
    assert answer(200, "application/json", b'{"success":true,"id":7}') == {"success": True, "id": 7}
    assert form_fields({"site": "s", "bonuses": "5.00", "order": {"externalId": "T-1"}, "none": None}) == {
        "site": "s",
        "bonuses": "5.00",
        "order": '{"externalId":"T-1"}',
    }
