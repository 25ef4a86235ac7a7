"""The request guard's limits hold whichever way a body is parsed: whole (a body that cannot cross
any limit but depth) or fed in chunks with its events counted."""
from __future__ import annotations

import pytest

from loyalty_client.errors import InvalidRequest
from loyalty_client.sandbox.serving import request_guard
from loyalty_client.sandbox.serving.request_guard import (
    MAX_ATTRIBUTES_PER_ELEMENT,
    MAX_DEPTH,
    MAX_ELEMENTS,
    NOT_XML,
    TOO_DEEP,
    TOO_MANY_ATTRIBUTES_HERE,
    TOO_MANY_ELEMENTS,
    parse_within_limits,
)


def nested(depth: int) -> bytes:
    return ("<a>" * depth + "</a>" * depth).encode()


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 200])
def test_a_body_deeper_than_allowed_is_refused_as_too_deep(depth: int) -> None:
    with pytest.raises(InvalidRequest) as refused:
        parse_within_limits(nested(depth))
    assert refused.value.message == TOO_DEEP


@pytest.mark.parametrize("depth", [300, 3000])
def test_a_body_past_the_parsers_own_depth_limit_is_refused(depth: int) -> None:
    with pytest.raises(InvalidRequest) as refused:
        parse_within_limits(nested(depth))
    assert refused.value.message in (TOO_DEEP, NOT_XML)  # libxml2 stops at 256 levels, as broken XML


def test_a_body_as_deep_as_allowed_parses() -> None:
    root = parse_within_limits(nested(MAX_DEPTH))
    assert len(list(root.iter())) == MAX_DEPTH


def test_one_attribute_too_many_on_one_element_is_refused() -> None:
    attributes = " ".join(f'a{n}="1"' for n in range(MAX_ATTRIBUTES_PER_ELEMENT + 1))
    with pytest.raises(InvalidRequest) as refused:
        parse_within_limits(f"<r><x {attributes}/></r>".encode())
    assert refused.value.message == TOO_MANY_ATTRIBUTES_HERE


def test_as_many_attributes_as_allowed_parse() -> None:
    attributes = " ".join(f'a{n}="1"' for n in range(MAX_ATTRIBUTES_PER_ELEMENT))
    root = parse_within_limits(f"<r><x {attributes}/></r>".encode())
    assert len(root[0].attrib) == MAX_ATTRIBUTES_PER_ELEMENT


def test_an_element_too_many_is_refused_and_as_many_as_allowed_parse() -> None:
    assert len(parse_within_limits(b"<r>" + b"<x/>" * (MAX_ELEMENTS - 1) + b"</r>")) == MAX_ELEMENTS - 1
    with pytest.raises(InvalidRequest) as refused:
        parse_within_limits(b"<r>" + b"<x/>" * MAX_ELEMENTS + b"</r>")
    assert refused.value.message == TOO_MANY_ELEMENTS


@pytest.mark.parametrize("body", [b"<r><x></r>", b"<r>", b"<r/><r/>", b"<r>&undefined;</r>", b"<r a='1' a='2'/>"])
def test_broken_xml_is_refused_as_not_xml(body: bytes) -> None:
    with pytest.raises(InvalidRequest) as refused:
        parse_within_limits(body)
    assert refused.value.message == NOT_XML


def test_a_body_that_cannot_cross_a_limit_but_depth_is_parsed_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    counted: list[bytes] = []
    counting = request_guard._parse_counting
    monkeypatch.setattr(request_guard, "_parse_counting", lambda body: counted.append(body) or counting(body))
    parse_within_limits(b'<?xml version="1.0" encoding="utf-8"?><r xmlns="urn:x"><x>a = b</x></r>')
    assert counted == []
    parse_within_limits(b"<r>" + b"<x a='1'/>" * (MAX_ATTRIBUTES_PER_ELEMENT + 1) + b"</r>")
    assert len(counted) == 1
