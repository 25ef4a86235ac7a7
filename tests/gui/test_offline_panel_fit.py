"""A real till offline, at the sizes a till has: what the cashier reads stays whole.

The till identifies a customer it has seen before while the sandbox refuses connections, and
serves them from its cache: the status line says it works offline, the message line says what
that means for the sale, and the customer's card shows name, spendable bonuses, "as of" and
tier under it, with "To pay" whole below, in Russian (the longest texts the till ships).
"""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton

from app.checkout.offline_texts import offline_coupon_text
from app.demo.host import DEMO_PRODUCTS
from app.i18n import install_translator
from cache.database import open_database
from cache.transactions.journal import Journal
from cache.transactions.outbox import Outbox
from loyalty_client.sandbox.demo import coupon_code
from tests.gui.test_cashier_flow import COFFEE, MILK, add_products, child, click, identify, idle
from tests.gui.test_offline_and_admin import make_till  # noqa: F401 (the fixture)
from tests.gui.test_panel_layout import CARD_AT_A_GLANCE, assert_fully_visible, assert_whole_text
from widgets.style import load_stylesheet

SIZES = [(420, 768), (1024, 768), (1366, 768)]
ANNA_COFFEE_10 = coupon_code(1, 1)  # −10 % on coffee, Anna's


#: The store's offline policy: nothing spent offline, or up to 20 a day with the admin's PIN.
POLICIES = {"none": {}, "capped": {"offline_redemption": "capped", "offline_redeem_limit_per_day": Decimal("20")}}


def offline_with_a_cached_customer(qtbot, qapp, sandbox, make_till, width: int, height: int, policy: str):
    """A till at *width* x *height* whose customer, seen once online, is to be found in its cache."""
    install_translator(qapp, "ru")  # the conftest removes it after the test
    till = make_till(**POLICIES[policy])
    window = till.window
    window.setStyleSheet(load_stylesheet())
    window.resize(1366, 768)  # the demo POS's buttons, to sell
    add_products(qtbot, till, COFFEE, MILK)
    identify(qtbot, till, "+375 29 123-45-67")  # seen once online: cached
    click(qtbot, child(window.loyalty, QPushButton, "ResetCustomerButton"))
    window.resize(width, height)
    return till


def shown_whole(window, width: int) -> None:
    panel = window.loyalty
    card = panel.customer
    for name in (*CARD_AT_A_GLANCE, "AsOfText"):
        assert_fully_visible(child(card, QLabel, name), window)
    assert child(card, QLabel, "SpendableCaption").text().replace("\n", " ") == "Доступно бонусов"
    assert child(card, QLabel, "SpendableValue").text().startswith("125,50")
    assert child(card, QLabel, "AsOfText").text().startswith("Баланс на ")
    for name in ("ToPayCaption", "ToPayValue"):
        label = child(panel.totals, QLabel, name)
        assert_fully_visible(label, window)
        assert_whole_text(label)
    assert child(panel.totals, QLabel, "ToPayValue").shown_font().pointSizeF() == (
        child(panel.totals, QLabel, "ToPayValue").font().pointSizeF()
    ), "drawn at the full size"
    message = child(panel.messages, QLabel, "MessageText")
    assert_fully_visible(message, window)
    assert message.height() >= message.heightForWidth(message.width()), "the warning is not cut"
    assert (window.width(), window.height()) == (width, 768)


@pytest.mark.parametrize("policy", sorted(POLICIES))
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_offline_the_card_the_warning_and_to_pay_are_whole_at_every_size(
    qtbot, qapp, sandbox, make_till, width, height, policy
) -> None:
    till = offline_with_a_cached_customer(qtbot, qapp, sandbox, make_till, width, height, policy)
    window, panel = till.window, till.window.loyalty
    with sandbox.refusing():
        identify(qtbot, till, "80291234567")
        qtbot.waitUntil(lambda: not panel.is_online() and till.controller.state.calculation is not None, timeout=20_000)
        assert child(panel.customer, QLabel, "CustomerName").text() == "Анна Ковалёва"
        assert panel.messages.severity() == "warning"
        assert ("PIN" in panel.messages.text()) == (policy == "capped"), "what may be spent, and how"
        qtbot.waitUntil(lambda: shown_whole(window, width), timeout=5000)
        assert "Баланс на" not in panel.messages.text(), (
            "the card says since when its balance is known, the warning does not repeat it"
        )
        assert panel.offline_banner.mode() == "offline" and not panel.offline_banner.isVisible(), (
            "the status line and the warning say it: the banner gives their room to the card"
        )
        if width < 700:
            assert panel.messages.shown_text() != panel.messages.text(), "the short form in the narrow panel"
            assert child(panel.messages, QLabel, "MessageText").toolTip() == panel.messages.text()
        else:
            assert panel.messages.shown_text() == panel.messages.text(), "the whole warning where it fits"

        click(qtbot, child(panel.messages, QToolButton, "MessageCloseButton"))
        qtbot.waitUntil(panel.offline_banner.isVisible)  # the line clear: the banner is back, with its count
        assert panel.offline_banner.text().startswith("Нет связи")


@pytest.mark.parametrize("policy", sorted(POLICIES))
@pytest.mark.parametrize("language", ["ru", "be", "en"])
def test_offline_with_a_coupon_on_the_receipt_the_warning_is_short_and_narrow_keeps_to_two_lines(
    qtbot, qapp, sandbox, make_till, language, policy
) -> None:
    install_translator(qapp, language)  # the conftest removes it after the test
    till = make_till(**POLICIES[policy])
    window, panel = till.window, till.window.loyalty
    window.setStyleSheet(load_stylesheet())
    window.resize(1366, 768)  # the demo POS's buttons, to sell
    add_products(qtbot, till, COFFEE, MILK)
    identify(qtbot, till, "+375 29 123-45-67")
    identify(qtbot, till, ANNA_COFFEE_10)
    qtbot.waitUntil(lambda: idle(till) and till.controller.state.coupon_discounts != {}, timeout=10_000)
    window.resize(420, 768)
    with sandbox.refusing():  # mid-sale the service stops answering: the next line is priced offline
        third = next(p.sku for p in DEMO_PRODUCTS if p.sku not in (COFFEE, MILK))
        click(qtbot, window.host.product_button(third))
        qtbot.waitUntil(
            lambda: idle(till) and till.controller.state.customer_as_of is not None and not panel.is_online(),
            timeout=20_000,
        )
        whole = panel.messages.text()
        assert panel.messages.severity() == "warning" and whole.endswith(offline_coupon_text()), whole
        assert ("PIN" in whole) == (policy == "capped"), "what may be spent, and how"
        message = child(panel.messages, QLabel, "MessageText")

        def two_lines() -> None:
            assert panel.messages.shown_text() != whole, "the short form in the narrow panel"
            spacing = message.fontMetrics().lineSpacing()
            assert message.heightForWidth(message.width()) < 3 * spacing, (
                f"{panel.messages.shown_text()!r} takes more than two lines at {message.width()} px"
            )
            assert message.height() >= message.heightForWidth(message.width()), "the warning is not cut"
            assert_fully_visible(message, window)

        qtbot.waitUntil(two_lines, timeout=5000)
        assert message.toolTip() == whole, "the whole explanation, coupons too, in the tooltip"

        for width in (1024, 1366):  # the whole would take five lines or more there too
            window.resize(width, 768)

            def short_with_the_card_in_view() -> None:
                assert panel.messages.shown_text() != whole and message.toolTip() == whole
                assert message.height() >= message.heightForWidth(message.width()), "the warning is not cut"
                for name in ("CustomerName", "SpendableCaption", "SpendableValue"):
                    assert_fully_visible(child(panel.customer, QLabel, name), window)

            qtbot.waitUntil(short_with_the_card_in_view, timeout=5000)


def a_sale_that_needs_the_admin(database_path) -> None:
    """Leave in the till's database a sale the service refused for good (a dead letter)."""
    database = open_database(database_path)
    try:
        now = datetime.now(timezone.utc)
        entry = Journal(database).record_sale("T-REFUSED-1", "C-GONE", {"transaction_id": "T-REFUSED-1"}, now)
        outbox = Outbox(database)
        claimed = outbox.claim_next(now)
        assert claimed is not None and claimed.id == entry.outbox_id
        outbox.mark_failed(entry.outbox_id, "CUSTOMER_BLOCKED: the card is blocked")
    finally:
        database.close()


def in_view_with_the_banner(window) -> None:
    """Under the banner's attention line the narrow card keeps the name and the bonuses in view
    (the rows under them scroll), "To pay" and the warning whole."""
    panel = window.loyalty
    for name in ("CustomerName", "SpendableCaption", "SpendableValue"):
        assert_fully_visible(child(panel.customer, QLabel, name), window)
    for name in ("ToPayCaption", "ToPayValue"):
        label = child(panel.totals, QLabel, name)
        assert_fully_visible(label, window)
        assert_whole_text(label)
    message = child(panel.messages, QLabel, "MessageText")
    assert_fully_visible(message, window)
    assert message.height() >= message.heightForWidth(message.width()), "the warning is not cut"


def test_offline_the_warning_leaves_the_sales_that_need_the_admin_in_view(
    qtbot, qapp, sandbox, make_till, tmp_path
) -> None:
    a_sale_that_needs_the_admin(tmp_path / "till.sqlite")  # the till's own database file
    till = offline_with_a_cached_customer(qtbot, qapp, sandbox, make_till, 420, 768, "none")
    window, panel = till.window, till.window.loyalty
    banner = panel.offline_banner
    with sandbox.refusing():
        identify(qtbot, till, "80291234567")
        qtbot.waitUntil(lambda: not panel.is_online() and till.controller.state.calculation is not None, timeout=20_000)
        assert panel.messages.severity() == "warning"

        def attention_only() -> None:
            assert banner.isVisible(), "a sale needs the admin: that stays in view"
            assert banner.mode() == "attention"
            assert banner.text() == "Требуют внимания администратора: 1", "the offline sentence gives way"
            assert child(banner, QLabel, "OfflineBannerIcon").text() == "✖"
            background = banner.grab().toImage().pixelColor(4, banner.height() // 2)
            assert background.red() > background.green() and background.red() > background.blue(), "in red"
            assert_fully_visible(child(banner, QLabel, "OfflineBannerText"), window)

        qtbot.waitUntil(attention_only, timeout=10_000)
        qtbot.waitUntil(lambda: in_view_with_the_banner(window), timeout=5000)

        click(qtbot, child(panel.messages, QToolButton, "MessageCloseButton"))
        qtbot.waitUntil(lambda: banner.mode() == "offline")  # the line clear: the whole banner again
        assert banner.text().startswith("Нет связи") and banner.text().endswith("администратора: 1")
