"""Hostile XML against the sandbox over real HTTP: no envelope makes it open a file or a URL.

A FIFO stands for the files an attacker would name (`/proc/self/fd/N`, `/dev/stdin`): opening it
for reading blocks until a writer comes. The watcher below is that writer, so a sandbox that
opens it is caught (and let go) instead of hanging the test.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pytest
import requests
from lxml import etree

from loyalty_client.sandbox import RunningSandbox
from loyalty_client.sandbox.serving import request_guard
from tests.integration.sandbox_soap import TL, Fault, post, read

pytestmark = pytest.mark.integration

GET_PROGRAM = "<tl:GetProgramRequest><tl:storeId>001</tl:storeId></tl:GetProgramRequest>"
ENVELOPE = (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tl="urn:till-loyalty:v1">'
    "<soap:Body>" + GET_PROGRAM + "</soap:Body></soap:Envelope>"
)
DEADLINE = 10  # seconds; the sandbox answers in milliseconds, a hang shows as a timeout


class FifoWatch:
    """A FIFO and a thread that notices (and unblocks) whoever opens it for reading."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path = path
        self.opened = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.005):
            try:
                descriptor = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:  # ENXIO: nobody has it open for reading
                continue
            self.opened += 1
            os.close(descriptor)  # the reader sees end of file and goes on

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)


@contextmanager
def fifo_watch(tmp_path: Path) -> Iterator[FifoWatch]:
    watch = FifoWatch(tmp_path / "pipe")
    try:
        yield watch
    finally:
        watch.close()


def refused(response: requests.Response) -> str:
    """The fixed text of the INVALID_REQUEST fault the sandbox answered with."""
    with pytest.raises(Fault) as raised:
        read(response)
    assert (raised.value.faultcode, raised.value.code) == ("soap:Client", "INVALID_REQUEST")
    return raised.value.message or ""


def still_serves(sandbox: RunningSandbox) -> None:
    answer = read(post(sandbox.url, ENVELOPE.encode()))
    assert answer.tag == f"{{{TL}}}GetProgramResponse"


def doctype(target: str) -> str:
    return f'<!DOCTYPE soap:Envelope SYSTEM "{target}">'


# Each builds a body naming `target` in a DOCTYPE, in one of the disguises a byte check could miss.
DISGUISES: dict[str, Callable[[str], bytes]] = {
    "plain": lambda target: (doctype(target) + ENVELOPE).encode(),
    "after declaration, comment, PI and whitespace": lambda target: (
        '<?xml version="1.0" encoding="utf-8"?>\n  <!-- hello --><?pi x?>\n\t' + doctype(target) + ENVELOPE
    ).encode(),
    "utf-8 BOM": lambda target: b"\xef\xbb\xbf" + (doctype(target) + ENVELOPE).encode(),
    "lower-case keyword": lambda target: (f'<!doctype soap:Envelope SYSTEM "{target}">' + ENVELOPE).encode(),
    "utf-16 with BOM": lambda target: ('<?xml version="1.0" encoding="UTF-16"?>' + doctype(target) + ENVELOPE).encode("utf-16"),
    "utf-16 without BOM": lambda target: (doctype(target) + ENVELOPE).encode("utf-16-le"),
    "utf-32": lambda target: (doctype(target) + ENVELOPE).encode("utf-32"),
    "utf-7 declared": lambda target: (
        '<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE soap:Envelope SYSTEM +ACI-' + target + "+ACI-+AD4-" + ENVELOPE
    ).encode(),
    "parameter entity": lambda target: (
        f'<!DOCTYPE soap:Envelope [<!ENTITY % ext SYSTEM "{target}"> %ext;]>' + ENVELOPE
    ).encode(),
}


@pytest.mark.parametrize("disguise", DISGUISES)
def test_a_doctype_naming_a_pipe_is_refused_without_opening_it(
    sandbox: RunningSandbox, tmp_path: Path, disguise: str
) -> None:
    with fifo_watch(tmp_path) as watch:
        for target in (str(watch.path), watch.path.as_uri()):
            response = requests.post(
                sandbox.url,
                data=DISGUISES[disguise](target),
                headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'},
                timeout=DEADLINE,
            )
            text = refused(response)
            assert str(watch.path) not in text
    assert watch.opened == 0, "the sandbox opened the file the DOCTYPE named"
    still_serves(sandbox)


def test_eight_requests_naming_pipes_at_once_leave_the_sandbox_serving(sandbox: RunningSandbox, tmp_path: Path) -> None:
    with fifo_watch(tmp_path) as watch:
        body = DISGUISES["plain"](str(watch.path))
        results: list[str] = []
        threads = [
            threading.Thread(target=lambda: results.append(refused(post(sandbox.url, body)))) for _ in range(8)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(DEADLINE * 2)
        assert len(results) == 8
    assert watch.opened == 0
    still_serves(sandbox)


def test_the_fault_does_not_tell_whether_a_named_file_exists(sandbox: RunningSandbox, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.dtd"
    garbage.write_text("this is <not a DTD")
    readable = tmp_path / "fine.dtd"
    readable.write_text('<!ELEMENT soap:Envelope ANY>')
    texts = {
        target: refused(post(sandbox.url, DISGUISES[disguise](target)))
        for target in ("/etc/shadow", "/nonexistent/shadow", str(garbage), str(readable), readable.as_uri())
        for disguise in ("plain", "parameter entity")
    }
    assert len(set(texts.values())) == 1, texts
    (text,) = set(texts.values())
    assert "DOCTYPE" in text and "/" not in text
    still_serves(sandbox)


def test_requests_never_reach_the_resolver(
    sandbox: RunningSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = request_guard.RefusingResolver.resolve

    def counted(self: request_guard.RefusingResolver, url: str, public_id: str, context: object) -> object:
        calls.append(url)
        return real(self, url, public_id, context)

    monkeypatch.setattr(request_guard.RefusingResolver, "resolve", counted)
    with fifo_watch(tmp_path) as watch:
        for make in DISGUISES.values():
            refused(post(sandbox.url, make(str(watch.path))))
    still_serves(sandbox)
    assert calls == [], "refused before any parser saw the DOCTYPE"
    assert watch.opened == 0


@pytest.mark.parametrize("option", ["collect_ids", "load_dtd"])
def test_the_parser_opens_nothing_even_when_a_doctype_gets_past_the_checks(tmp_path: Path, option: str) -> None:
    """The net under the byte checks: a parser set to load the external subset still opens nothing."""
    loads_subset = {"collect_ids": False} if option == "collect_ids" else {"load_dtd": True}
    with fifo_watch(tmp_path) as watch:
        for target in (str(watch.path), watch.path.as_uri()):
            root = etree.fromstring((doctype(target) + ENVELOPE).encode(), request_guard.safe_parser(**loads_subset))
            assert root.tag.endswith("Envelope")
    assert watch.opened == 0
