"""The till window at the sizes a till has: a 420-pixel panel beside the POS, 1024x768, 1366x768.

Geometry is asserted on the real window with the till's stylesheet and Russian texts (the
longest the till ships): the total to pay shows its whole text, the buttons lie inside the
window, and new content never makes the window wider.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QWidget,
)

from app.i18n import install_translator
from widgets.main_window import SIDE_PANEL_WIDTH, TillWindow
from widgets.style import load_stylesheet

SIZES = [(420, 768), (1024, 768), (1366, 768)]
LONG_NAME = "Александра Константиновна Преображенская-Ковалёва"


@pytest.fixture
def russian(qapp):
    install_translator(qapp, "ru")  # the conftest removes it after the test


def make_window(qtbot, width: int, height: int) -> TillWindow:
    window = TillWindow(demo_mode=True)
    window.setStyleSheet(load_stylesheet())
    qtbot.addWidget(window)
    window.host.set_products([("4810001", "Молоко 3,2% 1 л", D("2.49")), ("4810003", "Сыр 200 г", D("6.99"))])
    window.resize(width, height)
    window.show()
    QApplication.processEvents()
    return window


def fill(window: TillWindow, receipt, customer, to_pay: D = D("13.99"), currency: str = "BYN") -> None:
    """A receipt with lines and discounts, a customer, and the figures, as the presenter shows them."""
    window.host.show_receipt(receipt, {1: D("2.55"), 4: D("6.36")})
    panel = window.loyalty
    panel.customer.show_customer(customer, None, currency)
    panel.redemption.set_limits(D("14.70"))
    panel.redemption.set_value(D("14.70"))
    panel.totals.show_totals(D("28.69"), D("14.70"), to_pay, D("0.43"), D("14.70"), currency)
    panel.messages.show_success("Клиент найден")
    QApplication.processEvents()


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def assert_fully_visible(widget: QWidget, window: QWidget) -> None:
    """Shown, and not cut by the window or by any parent on the way (a scroll area, a splitter)."""
    assert widget.isVisible(), widget.objectName()
    assert widget.width() > 0 and widget.height() > 0, widget.objectName()
    parent = widget.parentWidget()
    while parent is not None:
        assert parent.rect().contains(rect_in(widget, parent)), (widget.objectName(), parent.objectName())
        if parent is window:
            break
        parent = parent.parentWidget()
    assert window.rect().contains(rect_in(widget, window)), widget.objectName()


def assert_whole_text(widget: QLabel | QPushButton) -> None:
    advance = widget.fontMetrics().horizontalAdvance(widget.text())
    assert widget.width() >= advance, (widget.objectName(), widget.text(), widget.width(), advance)


def child(window: QWidget, cls, name: str):
    found = window.findChild(cls, name)
    assert found is not None, name
    return found


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_to_pay_and_the_buttons_are_whole_at_every_size(
    qtbot, russian, sample_receipt, sample_customer, width, height
) -> None:
    window = make_window(qtbot, width, height)
    fill(window, sample_receipt, sample_customer)
    assert (window.width(), window.height()) == (width, height)

    qtbot.waitUntil(lambda: everything_whole(window, width), timeout=3000)  # the columns settle


def everything_whole(window: TillWindow, width: int, redemption: bool = True) -> None:
    to_pay = child(window.loyalty, QLabel, "ToPayValue")
    assert to_pay.text() == "13,99\u00a0BYN"
    assert_whole_text(to_pay)
    assert to_pay.shown_font().pointSizeF() == to_pay.font().pointSizeF(), "drawn at the full size"
    assert_fully_visible(to_pay, window)
    assert_fully_visible(child(window.loyalty, QLabel, "ToPayCaption"), window)
    for name in ("RedeemMaximumButton", "RedeemNoneButton", "FindButton")[0 if redemption else 2 :]:
        button = child(window.loyalty, QPushButton, name)
        assert_fully_visible(button, window)
        assert_whole_text(button)
    for name in ("TotalCaption", "DiscountCaption", "WillEarnCaption", "CanRedeemCaption", "DiscountValue"):
        label = child(window.loyalty, QLabel, name)
        assert_fully_visible(label, window)
        assert_whole_text(label)

    if width < 1000:  # beside the POS: the loyalty panel alone
        assert not window.host.isVisible()
        assert window.layout_mode() == ("compact" if width < 700 else "panel")
        assert window.loyalty.is_compact() == (width < 700)
    else:
        assert window.layout_mode() == "side_by_side" and not window.loyalty.is_compact()
        for name in ("CloseReceiptButton", "VoidReceiptButton", "NewReceiptButton"):
            button = child(window.host, QPushButton, name)
            assert_fully_visible(button, window)
            assert_whole_text(button)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_identifying_a_customer_never_widens_the_window(
    qtbot, russian, sample_receipt, sample_customer, width, height
) -> None:
    window = make_window(qtbot, width, height)
    window.host.show_receipt(sample_receipt, {})
    QApplication.processEvents()
    before = window.size()

    long_customer = replace(
        sample_customer,
        display_name=LONG_NAME,
        messages=("Двойные бонусы на всю молочную продукцию до конца месяца, кроме акционных товаров",),
    )
    fill(window, sample_receipt, long_customer)

    def settled() -> None:
        assert_fully_visible(child(window.loyalty, QLabel, "ToPayValue"), window)
        assert_fully_visible(child(window.loyalty, QPushButton, "ResetCustomerButton"), window)
        name = child(window.loyalty, QLabel, "CustomerName")
        assert name.shown_text().endswith("…") and name.toolTip() == LONG_NAME, "elided, whole in the tooltip"
        assert_fully_visible(name, window)

    qtbot.waitUntil(settled, timeout=3000)
    assert window.size() == before
    assert child(window.loyalty, QLabel, "CustomerName").text() == LONG_NAME


def test_a_large_amount_is_drawn_smaller_rather_than_cut_in_the_narrow_panel(
    qtbot, russian, sample_receipt, sample_customer
) -> None:
    window = make_window(qtbot, 420, 768)
    fill(window, sample_receipt, sample_customer, to_pay=D("123456.78"), currency="RUB")
    assert window.width() == 420
    to_pay = child(window.loyalty, QLabel, "ToPayValue")
    assert to_pay.text() == "123\u00a0456,78\u00a0RUB"
    assert_fully_visible(to_pay, window)
    shown = to_pay.shown_font()
    assert shown.pointSizeF() < to_pay.font().pointSizeF()
    assert shown.pointSizeF() >= 0.6 * to_pay.font().pointSizeF(), "still the largest figure"
    assert QFontMetrics(shown).horizontalAdvance(to_pay.text()) <= to_pay.contentsRect().width()


def test_the_layout_follows_the_width_both_ways(qtbot, russian, sample_receipt, sample_customer) -> None:
    window = make_window(qtbot, 1366, 768)
    fill(window, sample_receipt, sample_customer)
    assert window.layout_mode() == "side_by_side" and window.host.isVisible()
    window.resize(420, 768)
    QApplication.processEvents()
    assert window.width() == 420, "the window may be made as narrow as the compact panel"
    assert window.layout_mode() == "compact" and window.loyalty.is_compact() and not window.host.isVisible()
    assert child(window.loyalty, QPushButton, "ResetCustomerButton").accessibleName() == "Сбросить клиента"
    admin = child(window, QToolButton, "AdminButton")
    assert admin.text() != "Администратор" and admin.accessibleName() == "Администратор"
    window.resize(1024, 768)
    QApplication.processEvents()
    assert window.layout_mode() == "side_by_side" and window.host.isVisible() and not window.loyalty.is_compact()
    assert child(window.loyalty, QPushButton, "ResetCustomerButton").text() == "Сбросить клиента"
    assert admin.text() == "Администратор", "the wide window names the Admin button in full"


def test_always_on_top(qtbot) -> None:
    window = TillWindow()
    qtbot.addWidget(window)
    window.show()
    assert not window.isAlwaysOnTop()
    window.set_always_on_top(True)
    assert window.isAlwaysOnTop() and window.isVisible()
    window.set_always_on_top(False)
    assert not window.isAlwaysOnTop() and window.isVisible()


def test_a_real_till_is_a_panel_along_the_screen_s_right_edge(qtbot) -> None:
    window = TillWindow(demo_mode=False)
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    window.place_on_screen(side_panel=True)
    geometry = window.geometry()
    assert geometry.width() == min(SIDE_PANEL_WIDTH, area.width())
    assert (geometry.right(), geometry.top(), geometry.height()) == (area.right(), area.top(), area.height())


def test_the_demo_window_shrinks_to_a_smaller_screen(qtbot) -> None:
    window = TillWindow(demo_mode=True)
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    window.resize(area.width() + 300, area.height() + 200)  # as a 1366×768 window on a smaller screen
    window.place_on_screen(side_panel=False)
    assert window.width() <= area.width() and window.height() <= area.height()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_many_coupons_leave_to_pay_whole_and_their_remove_buttons_reachable(
    qtbot, russian, sample_receipt, sample_customer, width, height
) -> None:
    from widgets.checkout.coupon_list import CouponRow

    window = make_window(qtbot, width, height)
    fill(window, sample_receipt, sample_customer)
    rows = [
        CouponRow("9900001000010", "−10 % на кофе", "−1,59", True),
        CouponRow("9900001000027", "Двойные баллы", "+0,87 бонуса", True),
        CouponRow("9900002000019", "−2,00 на покупку", "действует с покупки от 20,00", False),
        CouponRow("9900004000017", "−5 % на всё", "только для владельца", False),
        CouponRow("9900003000011", "Добро пожаловать", "истёк 30.11", False),
    ]
    window.loyalty.coupons.show_coupons(rows)
    QApplication.processEvents()
    assert (window.width(), window.height()) == (width, height), "coupons never widen the window"

    def settled() -> None:
        everything_whole(window, width)
        buttons = window.loyalty.coupons.findChildren(QPushButton, "RemoveCouponButton")
        assert len(buttons) == len(rows)
        first = buttons[0]
        assert_fully_visible(first, window)
        assert first.accessibleName()

    qtbot.waitUntil(settled, timeout=3000)


SCREENSHOT_COUPONS = [
    ("9900001000010", "−10 % на кофе", "−1,24", True),
    ("9900001000027", "Двойные баллы", "+0,87 бонуса", True),
]
#: What the cashier reads on the card at arm's length: never clipped, whatever else the panel shows.
CARD_AT_A_GLANCE = ("CustomerName", "SpendableCaption", "SpendableValue", "TierName")


def show_two_coupons(window: TillWindow) -> None:
    from widgets.checkout.coupon_list import CouponRow

    window.loyalty.customer.show_offers(["−10 % на кофе, до 04.01", "Двойные баллы, ×2 бонуса, от 20,00, до 19.01"])
    window.loyalty.coupons.show_coupons([CouponRow(*row) for row in SCREENSHOT_COUPONS])
    window.loyalty.messages.clear()  # identified: the checkout shows no notice, the card says it
    QApplication.processEvents()


def card_at_a_glance_whole(window: TillWindow, width: int, redemption: bool = True) -> None:
    for name in CARD_AT_A_GLANCE:
        assert_fully_visible(child(window.loyalty.customer, QLabel, name), window)
    assert child(window.loyalty.customer, QLabel, "SpendableCaption").text().replace("\n", " ") == "Доступно бонусов"
    everything_whole(window, width, redemption)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_card_shows_name_balance_and_tier_whole_beside_two_coupons(
    qtbot, russian, sample_receipt, sample_customer, width, height
) -> None:
    window = make_window(qtbot, width, height)
    fill(window, sample_receipt, sample_customer)
    show_two_coupons(window)
    qtbot.waitUntil(lambda: card_at_a_glance_whole(window, width), timeout=3000)
    assert not window.loyalty.messages.isVisible(), "no empty message line while the card shows the customer"
    assert (window.width(), window.height()) == (width, height)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_card_and_the_code_entry_are_whole_while_a_code_is_asked(
    qtbot, russian, sample_receipt, sample_customer, width, height
) -> None:
    window = make_window(qtbot, width, height)
    fill(window, sample_receipt, sample_customer)
    show_two_coupons(window)
    window.loyalty.set_code_asked(True)
    window.loyalty.confirmation.ask("+375 29 ***-**-67", 300)
    QApplication.processEvents()

    def settled() -> None:
        card_at_a_glance_whole(window, width, redemption=False)
        code_entry = ("ConfirmationPrompt", "ConfirmationCodeInput", "ConfirmCodeButton", "CancelCodeButton")
        for name in (*code_entry, "ResendCodeButton"):
            assert_fully_visible(child(window.loyalty, QWidget, name), window)

    qtbot.waitUntil(settled, timeout=3000)
    window.loyalty.set_code_asked(False)
    window.loyalty.confirmation.hide_panel()
    QApplication.processEvents()
    assert window.loyalty.coupons.isVisible(), "the coupons come back once the code is settled"


def test_the_code_prompt_never_breaks_the_masked_phone(qtbot, russian) -> None:
    from PySide6.QtGui import QTextLayout, QTextOption

    window = make_window(qtbot, 420, 768)
    window.loyalty.set_code_asked(True)
    window.loyalty.confirmation.ask("+375 29 ***-**-67", 300)
    prompt = child(window.loyalty, QLabel, "ConfirmationPrompt")
    qtbot.waitUntil(lambda: assert_fully_visible(prompt, window), timeout=3000)

    drawn = QLabel.text(prompt)  # as laid out, with its no-break characters
    assert prompt.text() == "Код отправлен на +375 29 ***-**-67, действует 5\N{NO-BREAK SPACE}мин"
    layout = QTextLayout(drawn, prompt.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(prompt.contentsRect().width())
        lines.append(drawn[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    shown = ["".join(ch for ch in line if ch not in "\u2060").replace("\u00a0", " ") for line in lines]
    assert len(shown) > 1, "the prompt wraps in the narrow panel"
    assert any("+375 29 ***-**-67" in line for line in shown), shown


def test_the_registration_dialog_fits_the_narrow_panel_and_its_consent_caption_ticks_the_box(
    qtbot, russian
) -> None:
    from widgets.registration.dialog import RegistrationDialog, fit_dialog

    window = make_window(qtbot, 420, 768)
    dialog = RegistrationDialog("+375295556677", window)
    qtbot.addWidget(dialog)
    fit_dialog(dialog, window)
    dialog.show()
    dialog.code_sent("+375 29 ***-**-77", 300, 1)
    QApplication.processEvents()

    assert dialog.width() <= window.width(), "the dialog is no wider than the panel it opens over"
    scroll = child(dialog, QScrollArea, "RegistrationScroll")
    content = scroll.widget()
    assert content.width() <= scroll.viewport().width(), "nothing is pushed out sideways"
    assert scroll.horizontalScrollBar().value() == 0
    for name in ("RegistrationPhone", "RegistrationCard", "ConfirmationCodeInput"):
        field = child(dialog, QLineEdit, name)
        assert content.rect().contains(rect_in(field, content)), name

    box = child(dialog, QCheckBox, "RegistrationConsent")
    caption = box.parentWidget().findChild(QLabel)
    assert caption.wordWrap() and caption.buddy() is box
    assert box.accessibleName() == caption.text() != ""
    qtbot.mouseClick(caption, Qt.MouseButton.LeftButton)
    assert box.isChecked(), "a click on the caption ticks the box, as a check box's own text does"
    qtbot.mouseClick(caption, Qt.MouseButton.LeftButton)
    assert not box.isChecked()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_offline_the_card_shows_name_balance_as_of_and_tier_whole_under_a_two_line_warning(
    qtbot, russian, sample_receipt, sample_customer, width, height
) -> None:
    from datetime import datetime

    window = make_window(qtbot, width, height)
    fill(window, sample_receipt, sample_customer)
    panel = window.loyalty
    panel.customer.show_customer(sample_customer, datetime(2026, 12, 5, 14, 32), "BYN")
    panel.set_service_status(False, "Нет связи с сервисом: 3 продажи в очереди")
    panel.messages.show_warning("Бонусы списать нельзя: нет связи с сервисом")
    QApplication.processEvents()

    def settled() -> None:
        card_at_a_glance_whole(window, width)
        as_of = child(panel.customer, QLabel, "AsOfText")
        assert_fully_visible(as_of, window)
        assert "14:32" in as_of.text()
        text = child(panel.messages, QLabel, "MessageText")
        assert text.height() >= 2 * text.fontMetrics().lineSpacing(), "the warning takes two lines"
        assert_fully_visible(text, window)

    qtbot.waitUntil(settled, timeout=3000)
    assert (window.width(), window.height()) == (width, height)


def test_offline_a_large_balance_leaves_as_of_its_own_row_rather_than_widening_the_narrow_card(
    qtbot, russian, sample_receipt, sample_customer
) -> None:
    from datetime import datetime

    window = make_window(qtbot, 420, 768)
    fill(window, sample_receipt, sample_customer)
    rich = replace(sample_customer, balance=replace(sample_customer.balance, spendable=D("9876.54")))
    panel = window.loyalty
    panel.customer.show_customer(rich, datetime(2026, 12, 5, 14, 32), "BYN")
    QApplication.processEvents()

    scroll = child(panel, QScrollArea, "CustomerScroll")

    def settled() -> None:
        assert panel.customer.width() <= scroll.viewport().width(), "nothing pushed out sideways"
        for name in ("ResetCustomerButton", "SpendableValue", "AsOfText"):
            widget = child(panel.customer, QWidget, name)
            assert panel.customer.rect().contains(rect_in(widget, panel.customer)), name
        value, as_of = child(panel.customer, QLabel, "SpendableValue"), child(panel.customer, QLabel, "AsOfText")
        assert as_of.mapTo(panel.customer, QPoint(0, 0)).y() >= rect_in(value, panel.customer).bottom(), "below"

    qtbot.waitUntil(settled, timeout=3000)
    assert window.width() == 420


#: The service status line's texts, as the till sets them (context "Till"), and whether online.
STATUS_TEXTS = [
    ("Loyalty service online", True),
    ("Working offline", False),
    ("Connecting…", False),
    ("Loyalty service not configured", False),
]


@pytest.mark.parametrize("language", ["ru", "be", "en"])
def test_the_status_line_is_read_whole_beside_a_small_admin_button_in_the_narrow_panel(
    qtbot, qapp, language
) -> None:
    install_translator(qapp, language)
    window = make_window(qtbot, 420, 768)
    status = child(window.loyalty, QLabel, "ServiceStatusText")
    button = child(window, QToolButton, "AdminButton")
    for source, online in STATUS_TEXTS:
        text = QCoreApplication.translate("Till", source)
        window.loyalty.set_service_status(online, text)
        QApplication.processEvents()

        def whole() -> None:
            assert status.shown_text() == text and not status.is_elided(), (status.shown_text(), text)
            assert_whole_text(status)
            assert_fully_visible(status, window)
            assert_fully_visible(button, window)

        qtbot.waitUntil(whole, timeout=3000)
    assert window.width() == 420

    admin = QCoreApplication.translate("TillWindow", "Admin")
    assert admin and button.accessibleName() == admin
    assert button.toolTip().startswith(admin), "the tooltip names the button in full"
    opened: list[bool] = []

    def close_menu() -> None:
        opened.append(True)
        QTimer.singleShot(0, button.menu().close)

    button.menu().aboutToShow.connect(close_menu)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: opened == [True], timeout=3000)  # a click still opens the Admin menu


@pytest.mark.parametrize("grown", [False, True], ids=["shown-rich", "balance-grew"])
def test_a_six_digit_balance_fits_the_narrow_card_its_reset_button_whole(
    qtbot, russian, sample_receipt, sample_customer, grown
) -> None:
    window = make_window(qtbot, 420, 768)
    rich = replace(sample_customer, balance=replace(sample_customer.balance, spendable=D("123456.78")))
    fill(window, sample_receipt, sample_customer if grown else rich)
    panel = window.loyalty
    if grown:  # the same card shown again with the new balance, as after a sale
        panel.customer.show_customer(rich, None, "BYN")
        QApplication.processEvents()
    scroll = child(panel, QScrollArea, "CustomerScroll")
    value = child(panel.customer, QLabel, "SpendableValue")
    caption = child(panel.customer, QLabel, "SpendableCaption")

    def settled() -> None:
        assert panel.customer.width() <= scroll.viewport().width(), "nothing pushed out sideways"
        assert_fully_visible(child(panel.customer, QPushButton, "ResetCustomerButton"), window)
        assert value.text() == "123\u00a0456,78"
        assert_fully_visible(value, window)
        assert_fully_visible(caption, window)
        shown = value.shown_font()  # the font the figure is drawn in at the width it was given
        assert QFontMetrics(shown).horizontalAdvance(value.text()) <= value.contentsRect().width(), "not cut"
        assert shown.pointSizeF() >= 0.6 * value.font().pointSizeF()
        assert shown.pointSizeF() > 1.5 * caption.font().pointSizeF(), "still the card's largest figure"

    qtbot.waitUntil(settled, timeout=3000)
    card_at_a_glance_whole(window, 420)
    assert window.width() == 420
