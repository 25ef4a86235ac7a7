"""The one-time code of a redemption through the real window, against the sandbox over loopback:
"Send again" and its countdown, a wrong code's tries left, an expired code, cancelling, and the
customer's card staying readable while the code is asked at 420 px."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from app.checkout.session import Phase
from loyalty_client.sandbox.demo import ANNA
from widgets.style import BASE_POINT_SIZE, load_stylesheet
from tests.gui.test_cashier_flow import COFFEE, MILK, add_products, child, click, identify, idle, make_till, phase, type_and_enter


@pytest.fixture
def till(qtbot, sandbox, tmp_path):
    till = make_till(qtbot, tmp_path, sync_interval_seconds=0.2, ui_code_resend_seconds=1)
    with qtbot.waitSignal(till.controller.ready, timeout=15_000):
        till.connect_service(sandbox.url)
    yield till
    till.shutdown()


def ask_for_code(qtbot, till) -> None:
    add_products(qtbot, till, COFFEE, COFFEE, COFFEE, COFFEE, MILK)
    identify(qtbot, till, "+375 29 123-45-67")
    till.window.host.request_close()
    qtbot.waitUntil(lambda: till.window.loyalty.confirmation.is_asking() and idle(till), timeout=10_000)


def codes_to_anna(sandbox) -> list[str]:
    return [sent.code for sent in sandbox.codes if sent.customer_id == ANNA.customer_id]


def wrong(good: str) -> str:
    return "000000" if good != "000000" else "111111"


def test_send_again_counts_down_then_sends_a_new_code_that_works(qtbot, sandbox, till) -> None:
    ask_for_code(qtbot, till)
    panel = till.window.loyalty
    resend = child(panel, QPushButton, "ResendCodeButton")
    assert not resend.isEnabled(), "not before the countdown ends"
    assert "1" in resend.text()
    qtbot.waitUntil(resend.isEnabled, timeout=5_000)  # the panel's timer enables it
    click(qtbot, resend)
    assert not resend.isEnabled(), "pressed, it counts down again"
    qtbot.waitUntil(lambda: len(codes_to_anna(sandbox)) == 2 and idle(till), timeout=10_000)
    assert "newest" in panel.messages.text()
    assert phase(till) is Phase.AWAITING_CODE
    qtbot.waitUntil(resend.isEnabled, timeout=5_000)
    type_and_enter(qtbot, child(panel, QLineEdit, "ConfirmationCodeInput"), codes_to_anna(sandbox)[-1])
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT, timeout=10_000)


def test_a_wrong_code_says_how_many_tries_are_left(qtbot, sandbox, till) -> None:
    ask_for_code(qtbot, till)
    panel = till.window.loyalty
    good = codes_to_anna(sandbox)[-1]
    field = child(panel, QLineEdit, "ConfirmationCodeInput")
    type_and_enter(qtbot, field, wrong(good))
    qtbot.waitUntil(lambda: "Tries left: 4" in panel.confirmation.error_text() and idle(till), timeout=10_000)
    type_and_enter(qtbot, field, wrong(good))
    qtbot.waitUntil(lambda: "Tries left: 3" in panel.confirmation.error_text() and idle(till), timeout=10_000)
    assert phase(till) is Phase.AWAITING_CODE
    type_and_enter(qtbot, field, good)
    qtbot.waitUntil(lambda: phase(till) is Phase.AWAITING_PAYMENT, timeout=10_000)


def test_when_every_code_expired_the_cashier_is_told_to_send_again(qtbot, sandbox, till) -> None:
    ask_for_code(qtbot, till)
    panel = till.window.loyalty
    sandbox.clock.advance(301)
    type_and_enter(qtbot, child(panel, QLineEdit, "ConfirmationCodeInput"), codes_to_anna(sandbox)[-1])
    qtbot.waitUntil(lambda: "Send again" in panel.confirmation.error_text() and idle(till), timeout=10_000)
    assert phase(till) is Phase.AWAITING_CODE


def test_cancelling_the_code_says_nothing_will_be_spent(qtbot, sandbox, till) -> None:
    ask_for_code(qtbot, till)
    panel = till.window.loyalty
    click(qtbot, child(panel, QPushButton, "CancelCodeButton"))
    qtbot.waitUntil(lambda: phase(till) is Phase.IDENTIFIED and idle(till), timeout=10_000)
    assert "no bonuses will be spent" in panel.messages.text()
    assert till.controller.state.redeem == 0


@pytest.mark.parametrize("size", [(420, 768), (1024, 768)], ids=["420x768", "1024x768"])
def test_the_customer_stays_readable_while_the_code_is_asked(qtbot, sandbox, till, size) -> None:
    window = till.window
    window.setStyleSheet(load_stylesheet())  # the till's look and large text, as a real till has them
    font = QFont(window.font())
    font.setPointSize(BASE_POINT_SIZE)
    window.setFont(font)
    ask_for_code(qtbot, till)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    panel = window.loyalty

    def cut() -> list[str]:
        """The parts not wholly in view, or squeezed below their minimum."""
        problems = []
        for name in ("CustomerName", "CustomerPhone"):
            label = child(panel, QLabel, name)
            shown = label.visibleRegion().boundingRect()
            if shown.height() != label.height() or shown.width() == 0:
                problems.append(name)
        for name in ("ConfirmationCodeInput", "ConfirmCodeButton", "CancelCodeButton", "ResendCodeButton"):
            part = panel.findChild(QLineEdit, name) or child(panel, QPushButton, name)
            shown = part.visibleRegion().boundingRect()
            if (shown.width(), shown.height()) != (part.width(), part.height()):
                problems.append(name)
            elif part.height() < part.minimumSizeHint().height():
                problems.append(f"{name} squeezed")
        return problems

    # The layout settles in the event loop after the resize: wait for it, then say what is cut.
    try:
        qtbot.waitUntil(lambda: panel.confirmation.isVisible() and not cut(), timeout=3_000)
    except qtbot.TimeoutError:
        pytest.fail(f"cut at {size}: {cut()}")
    assert not panel.redemption.isVisible(), "the redemption, locked meanwhile, gives its room to the code"
