"""`sandbox [--host H] [--port P] [--db URL] [--no-seed]`: as a real process and in-process."""
from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

import pytest

from loyalty_client.sandbox.cli import main
from loyalty_client.sandbox.demo import IVAN
from tests.integration.sandbox_soap import Fault, Line, SoapTill, text

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"^SANDBOX LISTENING (http://127\.0\.0\.1:\d+/)$")
WAIT = 60


class Lines:
    """Lines written by the sandbox, readable with a timeout (a text stream for `main`)."""

    def __init__(self) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        self._partial = ""

    def write(self, text: str) -> int:
        self._partial += text
        *lines, self._partial = self._partial.split("\n")
        for line in lines:
            self._queue.put(line)
        return len(text)

    def flush(self) -> None:
        pass

    def pump(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))

    def next(self) -> str:
        return self._queue.get(timeout=WAIT)


def test_process_announces_its_url_and_the_codes_it_sends() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "loyalty_client.sandbox.cli", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    lines = Lines()
    threading.Thread(target=lines.pump, args=(process.stdout,), daemon=True).start()
    try:
        match = LISTENING.match(lines.next())
        assert match, "first line must announce the URL"
        till = SoapTill(match.group(1))
        till.send_code("redeem", customer_id=IVAN.customer_id, amount="30.00")
        code_line = lines.next()
        assert re.fullmatch(r"SANDBOX CODE \d{6} \+7 916 \*\*\*-\*\*-23 redeem 30\.00", code_line), code_line
        till.send_code("register", phone="+375296667788")
        assert re.fullmatch(r"SANDBOX CODE \d{6} \+375 29 \*\*\*-\*\*-88 register -", lines.next())
    finally:
        process.terminate()
        assert process.wait(timeout=WAIT) == 0
        process.stdout.close()  # type: ignore[union-attr]


@contextmanager
def running_main(args: list[str]) -> Iterator[SoapTill]:
    """`main(args)` on a thread until the block ends; yields a till talking to it."""
    lines = Lines()
    stop = threading.Event()
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(main(args, stdout=lines, stop=stop)))  # type: ignore[arg-type]
    thread.start()
    try:
        match = LISTENING.match(lines.next())
        assert match
        yield SoapTill(match.group(1))
    finally:
        stop.set()
        thread.join(WAIT)
        assert result == [0]


def test_db_url_is_created_seeded_once_and_kept(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kept.sqlite'}"
    with running_main(["--port", "0", "--db", url]) as till:
        till.commit("T-1", IVAN.customer_id, (Line(1, "100.00"),), "10.00", offline=True)
    with running_main(["--port", "0", "--db", url]) as till:
        # the second start neither re-created nor re-seeded anything
        assert text(till.identify("card", IVAN.card_number), "tl:customer/tl:balance/tl:spendable") == "830.00"


def test_no_seed_leaves_the_database_empty(tmp_path: Path) -> None:
    with running_main(["--port", "0", "--db", f"sqlite:///{tmp_path / 'empty.sqlite'}", "--no-seed"]) as till:
        with pytest.raises(Fault) as fault:
            till.get_program()
        assert fault.value.code == "INVALID_REQUEST"
        assert "не настроена" in fault.value.message


def test_busy_port_is_reported() -> None:
    with running_main(["--port", "0"]) as till:
        port = till.url.rsplit(":", 1)[1].strip("/")
        assert main(["--port", port]) == 2
