"""Admin > Service speaks the till's language for every outcome of "Check connection", a bad
address and a bad key: with the Russian translation loaded no English sentence of the till (nor
the English detail a check carries for the command line) is left in what the admin reads.

The shipped Russian translation is loaded, as the till loads it.
"""
from __future__ import annotations

import re
import socket
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton

from app.admin.service_texts import check_result_text
from app.i18n import install_translator
from app.service.check import CheckOutcome, CheckReport, Level
from loyalty_client.endpoint_problems import EndpointProblem
from tests.gui.test_cashier_flow import child, click, make_till
from tests.gui.test_retailcrm_till import open_service_screen

# What may stay in Latin letters in a Russian sentence: names, addresses and their placeholders,
# and a site code quoted.
KEPT_LATIN = re.compile(r"\S*://\S*|\?site=\S*|RetailCRM|API|SMS|CODE|ACCOUNT|https|«[^»]*»")


def english_left(text: str) -> list[str]:
    """The English words in `text`, once names and addresses are taken out."""
    return re.findall(r"[A-Za-z]{2,}", KEPT_LATIN.sub(" ", text))


@pytest.fixture
def russian(qapp):
    install_translator(qapp, "ru")
    yield


REPORTS = [
    CheckReport(CheckOutcome.OK, "soap", "Клуб друзей", "BYN", (Level("Серебро", Decimal("100"), Decimal("5")),), True),
    CheckReport(CheckOutcome.OK, "retailcrm", "Клуб друзей", "BYN", (), False),
    CheckReport(CheckOutcome.NO_KEY, "retailcrm"),
    *[
        CheckReport(CheckOutcome.BAD_ENDPOINT, detail="is not a usable RetailCRM endpoint: whatever", endpoint_problem=p)
        for p in [*EndpointProblem, None]
    ],
    CheckReport(CheckOutcome.UNREACHABLE, "soap", detail="cannot connect", no_connection=True),
    CheckReport(CheckOutcome.UNREACHABLE, "soap", detail="HTTP 502: not a SOAP response"),
    CheckReport(CheckOutcome.BAD_KEY, "retailcrm", detail="Wrong apiKey value"),
    CheckReport(CheckOutcome.UNKNOWN_ACCOUNT, "retailcrm", detail="HTML 405"),
    CheckReport(CheckOutcome.NO_SUCH_SITE, "retailcrm", detail="main"),
    CheckReport(CheckOutcome.NO_PROGRAM, "retailcrm", detail="main"),
    CheckReport(CheckOutcome.REFUSED, "soap", detail="Программа лояльности не настроена"),
]


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: f"{r.outcome.value}-{r.endpoint_problem}-{r.no_connection}")
def test_every_outcome_of_the_check_reads_in_russian(russian, report: CheckReport) -> None:
    text = check_result_text(report)
    assert re.search("[а-яА-ЯёЁ]", text), text
    assert english_left(text) == [], text


@pytest.fixture
def dialog(qtbot, tmp_path, monkeypatch, russian):
    monkeypatch.delenv("TILL_LOYALTY_API_KEY", raising=False)
    till = make_till(qtbot, tmp_path, demo=False, host_api_enabled=False)
    try:
        yield open_service_screen(qtbot, till)
    finally:
        till.shutdown()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again: a connection to it is refused


@pytest.mark.parametrize(
    ("endpoint", "key", "said"),
    [
        ("ftp://shop.example/", "", "это не адрес http:// или https://"),
        ("http://127.0.0.1:99999/", "", "порт не является числом"),
        ("retailcrm+https://shop.retailcrm.ru/", "", "не указан магазин"),
        ("retailcrm+https://user:key@shop.retailcrm.ru/?site=main", "", "не указывают в адресе"),
        ("retailcrm+http://shop.retailcrm.ru/?site=main", "", "без https"),
        ("retailcrm+https://shop.retailcrm.ru/?site=main", "two words", "нет пробелов"),
        ("http://127.0.0.1:{port}/", "", "не удалось установить соединение"),
    ],
)
def test_the_dialog_tells_what_is_wrong_in_russian(qtbot, dialog, endpoint: str, key: str, said: str) -> None:
    child(dialog, QLineEdit, "ServiceEndpointInput").setText(endpoint.format(port=free_port()))
    child(dialog, QLineEdit, "ServiceKeyInput").setText(key)
    click(qtbot, child(dialog, QPushButton, "ServiceCheckButton"))
    qtbot.waitUntil(lambda: dialog.check_ok() is False, timeout=15_000)
    text = dialog.result_text()
    assert said in text, text
    assert english_left(text) == [], text
