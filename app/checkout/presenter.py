"""Binds the till window to the checkout: widget intents go to the controller, states to widgets."""
from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog

from app.checkout import coupon_texts
from app.checkout.session import CheckoutState, Phase
from app.checkout.controller import CheckoutController
from app.demo.pos import DemoPos
from app.checkout.notices import Notice, Severity
from fiscal.money import ZERO, format_money
from fiscal.receipt import Receipt
from loyalty_client.types import Balance, CommitResult
from widgets.checkout.coupon_list import CouponRow
from widgets.main_window import TillWindow
from widgets.checkout.receipt_prompts import confirm_new_receipt, confirm_void


class TillPresenter(QObject):
    """Keeps the window in step with the checkout state; owns no I/O.

    `pos` is the demo's POS behind the demo host panel: it drives the till through the host API,
    as a real POS does, while the cashier's side (identify, redeem, code) goes to the controller.
    None on a real till, whose receipts come from the POS (the panel waits until one does).
    """

    def __init__(
        self,
        window: TillWindow,
        controller: CheckoutController,
        pos: DemoPos | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._controller = controller
        self._pos = pos
        self._host = pos.builder if pos is not None else None
        self._last_sale_id: str | None = None
        # The service's balance after the last sale, once delivered: a closed state published
        # again (F8 pressed twice, a late re-render) still carries the customer as identified.
        self._balance_after_sale: Balance | None = None
        self._state: CheckoutState | None = None
        self.return_dialog: QDialog | None = None  # the demo POS's Return, last opened
        self._waiting_scan: str | None = None  # scanned while the demo POS hands over its receipt
        panel = window.loyalty
        if pos is not None:
            host = pos.builder
            host_panel = window.host
            host_panel.set_products([(p.sku, p.name, p.price) for p in host.products])
            host_panel.show_receipt(host.receipt, {})
            host_panel.product_added.connect(self._add_product)
            host_panel.line_removed.connect(self._remove_line)
            host_panel.close_requested.connect(self._close)
            host_panel.void_requested.connect(self._void)
            host_panel.new_receipt_requested.connect(self._new_receipt)
            host_panel.return_requested.connect(self._open_return)
            pos.call_failed.connect(panel.messages.show_error)
            pos.return_made.connect(self._return_made)
            pos.handed_over.connect(self._identify_waiting_scan)
        panel.set_waiting_for_pos(pos is None)
        panel.identify.identify_requested.connect(self._identify)
        panel.customer.reset_requested.connect(controller.reset_customer)
        panel.coupons.remove_requested.connect(controller.remove_coupon)
        panel.redemption.redeem_changed.connect(controller.set_redeem)
        panel.confirmation.code_entered.connect(controller.confirm_code)
        panel.confirmation.cancelled.connect(controller.cancel_code)
        panel.confirmation.resend_requested.connect(controller.resend_code)
        controller.state_changed.connect(self.show_state)
        controller.identify_finished.connect(self._identify_finished)

    def identify_scanned(self, value: str) -> None:
        """A scanner read a customer's code: identify them, wherever the focus was.

        While the demo POS hands its receipt over (or before the checkout is ready to take it),
        the scan waits and is applied on that receipt: made now, the receipt arriving after
        it would start over without the customer.
        """
        self._window.loyalty.identify.clear()
        if self._pos is not None and (self._pos.handing_over or not self._controller.is_ready):
            self._waiting_scan = value  # the last scan counts
            self._window.loyalty.identify.set_busy(True)
            return
        self._identify(value)

    def _identify_waiting_scan(self) -> None:
        value, self._waiting_scan = self._waiting_scan, None
        if value is not None:
            self._identify(value)

    def coupon_scanned(self, code: str) -> None:
        """A scanner read an offer's coupon: it joins the open receipt. In the demo the POS hands it
        to the till through the host API, as a real POS does with a coupon scanned at its side."""
        state = self._state
        host = self._host
        if (
            self._pos is not None
            and host is not None
            and state is not None
            and self._is_shown(host.receipt)
            and state.phase not in (Phase.CLOSED, Phase.VOIDED)
        ):
            self._pos.add_coupon(host.receipt.receipt_id, code)
        else:
            self._controller.add_coupon(code)

    def _identify(self, text: str) -> None:
        self._window.loyalty.identify.set_busy(True)
        self._controller.identify(text)

    def _identify_finished(self) -> None:
        identify = self._window.loyalty.identify
        identify.set_busy(False)
        state = self._controller.state
        found = state is not None and state.customer is not None
        failed = state is not None and state.notice is not None and state.notice.severity is Severity.ERROR
        if found and not failed:
            identify.clear()  # the typed phone must not stay on screen once the customer is found

    # ----- host intents: the demo POS sends them through the host API --------------------
    def start_pos(self) -> None:
        """The checkout is ready: the demo POS hands over its open receipt (a customer found in the
        panel then stays with it as products are added)."""
        state = self._state
        kept = state is not None and state.from_host and state.phase is Phase.AWAITING_PAYMENT
        # (a receipt kept from before a restart is paid or voided first)
        if not kept and self._pos is not None and self._host is not None and not self._finished():
            self._pos.send_receipt(self._host.receipt)
        elif self._pos is not None and not self._pos.handing_over:
            self._identify_waiting_scan()  # nothing to hand over: a scan that waited goes now

    def _add_product(self, sku: str) -> None:
        assert self._host is not None
        if self._finished():
            self._host.new()
        self._receipt_changed(self._host.add(sku))

    def _remove_line(self, line_no: int) -> None:
        assert self._host is not None
        self._receipt_changed(self._host.remove(line_no))

    def _receipt_changed(self, receipt: Receipt) -> None:
        assert self._pos is not None
        self._window.host.show_receipt(receipt, {})
        self._pos.send_receipt(receipt)

    def _close(self) -> None:
        """Close receipt (F8), or "Payment received" once the till awaits the payment."""
        assert self._pos is not None and self._host is not None
        receipt, state = self._host.receipt, self._state
        if self._is_shown(receipt) and state is not None and state.phase is Phase.AWAITING_PAYMENT:
            self._pos.pay(receipt, state.fiscal_discounts())
        else:
            self._pos.close_receipt(receipt.receipt_id)

    def _is_shown(self, receipt: Receipt) -> bool:
        """Whether the checkout's state is of this receipt of the demo POS."""
        state = self._state
        return state is not None and state.from_host and state.receipt.receipt_id == receipt.receipt_id

    def _finished(self) -> bool:
        state = self._state
        return state is not None and state.from_host and state.phase in (Phase.CLOSED, Phase.VOIDED)

    def _receipt_in_progress(self) -> bool:
        """Whether an open (not fiscalised) receipt has lines or a customer that would be lost."""
        assert self._host is not None
        if self._finished():
            return False
        state = self._state
        customer = state is not None and state.customer is not None
        return bool(self._host.receipt.lines) or customer

    def _void(self) -> None:
        """Void the open receipt; the till shows it voided until the POS's next receipt."""
        assert self._host is not None
        if not self._receipt_in_progress() or not confirm_void(self._window):
            return
        self._drop_open_receipt()
        self._window.host.show_receipt(self._host.new(), {})

    def _new_receipt(self) -> None:
        """Drop the open receipt (asked first if it has something) and hand over an empty one."""
        assert self._host is not None and self._pos is not None
        if self._receipt_in_progress() and not confirm_new_receipt(self._window):
            return
        self._drop_open_receipt()
        receipt = self._host.new()
        self._window.host.show_receipt(receipt, {})
        self._pos.send_receipt(receipt)

    def _drop_open_receipt(self) -> None:
        """Void the open receipt on the till, releasing what it held; a customer the cashier found
        before any receipt of the POS is reset."""
        assert self._pos is not None and self._host is not None
        if self._finished():
            return
        if self._is_shown(self._host.receipt):
            self._pos.void(self._host.receipt.receipt_id)
        elif self._state is not None and not self._state.from_host and self._state.customer is not None:
            self._controller.reset_customer()

    def _open_return(self) -> None:
        """The demo POS's Return: pick one of its paid receipts and the lines coming back."""
        assert self._pos is not None
        from widgets.registration.dialog import fit_dialog
        from widgets.demo.return_dialog import DemoReturnDialog

        pos = self._pos
        receipts = {receipt.receipt_id: receipt for receipt in pos.sold_receipts()}
        dialog = DemoReturnDialog(list(receipts.values()), self._window)
        dialog.return_requested.connect(
            lambda receipt_id, lines: pos.return_goods(f"demo-{uuid.uuid4().hex[:16]}", receipts[receipt_id], lines)
        )
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.return_dialog = dialog
        fit_dialog(dialog, self._window)
        dialog.open()

    def _return_made(self, answer: dict) -> None:
        """The till took the demo POS's return: say what it does to the customer's points."""
        taken, given = answer.get("pointsReversed"), answer.get("pointsReturned")
        if taken is None or given is None:
            text = QCoreApplication.translate(
                "Till", "Return receipt No. %1 printed; the loyalty program counts the bonuses."
            ).replace("%1", str(answer.get("fiscalDocumentNumber", "")))
        else:
            text = (
                QCoreApplication.translate("Till", "Return receipt No. %1 printed; bonuses taken back %2, given back %3.")
                .replace("%1", str(answer.get("fiscalDocumentNumber", "")))
                .replace("%2", format_money(Decimal(taken)))
                .replace("%3", format_money(Decimal(given)))
            )
        self._window.host.show_fiscal_result(text)
        self._window.loyalty.messages.show_info(text)

    # ----- states ------------------------------------------------------------------------
    def show_state(self, state: CheckoutState) -> None:
        """Render one checkout state into the widgets."""
        self._state = state
        panel = self._window.loyalty
        currency = state.currency
        if self._host is None:
            panel.set_waiting_for_pos(not state.from_host and not state.receipt.lines)
        elif (state.receipt.receipt_id, state.receipt.lines) == (
            self._host.receipt.receipt_id,
            self._host.receipt.lines,
        ) or state.phase is Phase.CLOSED:
            self._window.host.show_receipt(state.receipt, dict(state.discounts))
        closed = state.phase is Phase.CLOSED and state.sale is not None
        delivered = self._balance_after_sale if closed and state.sale.transaction_id == self._last_sale_id else None
        # An empty message line gives its room to a customer's card: a customer's notice is put
        # on the line before the card appears, so the line is not hidden and shown again.
        if state.customer is not None:
            self._show_notice(state.notice)
        if state.customer is None:
            panel.customer.clear()
        elif delivered is not None:
            panel.customer.show_customer(replace(state.customer, balance=delivered), None, currency)
        else:
            panel.customer.show_customer(state.customer, state.customer_as_of, currency)
        if state.customer is not None:
            panel.customer.show_offers([coupon_texts.offer_text(offer) for offer in state.offers])
        panel.coupons.show_coupons(
            [
                CouponRow(
                    coupon.code,
                    coupon_texts.title_text(coupon),
                    coupon_texts.detail_text(coupon),
                    coupon.applied,
                )
                for coupon in state.coupons
            ]
        )
        calculation = state.calculation
        panel.totals.show_totals(
            state.total,
            state.discount,
            state.to_pay,
            calculation.accrual if calculation else ZERO,
            calculation.max_redeem if calculation else ZERO,
            currency,
            with_coupons=state.coupon_discount > ZERO,
        )
        panel.redemption.set_limits(calculation.max_redeem if calculation else ZERO)
        panel.redemption.set_value(state.redeem)
        panel.redemption.set_enabled(state.can_redeem)
        panel.set_code_asked(state.phase is Phase.AWAITING_CODE and state.confirmation is not None)
        if state.phase is Phase.AWAITING_CODE and state.confirmation is not None:
            panel.confirmation.ask(
                state.confirmation.sent_to, state.confirmation.expires_in_seconds, state.codes_sent
            )
            if state.notice is not None and state.notice.severity is Severity.ERROR:
                panel.confirmation.show_error(state.notice.text)
        else:
            panel.confirmation.hide_panel()
        # Offline too: pressed, Register says why it cannot be done now (`app/registration/screen.py`).
        may_register = state.phase in (Phase.NO_CUSTOMER, Phase.IDENTIFIED)
        panel.identify.offer_registration(state.unknown_phone if may_register else None)
        if self._host is not None:  # a real till has no host column: asked for, it would be made
            self._window.host.set_locked(state.phase in (Phase.AWAITING_CODE, Phase.AWAITING_APPROVAL))
            self._window.host.set_awaiting_payment(state.phase is Phase.AWAITING_PAYMENT)
            self._window.host.set_finished(state.phase is Phase.CLOSED)
        if state.customer is None:
            self._show_notice(state.notice)
        if closed:
            if state.sale.transaction_id != self._last_sale_id:
                self._balance_after_sale = None
            self._last_sale_id = state.sale.transaction_id
            panel.show_sale_finished(self._sale_finished_detail(state))
            if self._host is not None:
                self._window.host.show_fiscal_result(
                    QCoreApplication.translate("Till", "Fiscal receipt No. %1 printed").replace(
                        "%1", state.sale.fiscal.document_number
                    )
                )
        else:
            panel.clear_sale_finished()
        if state.phase is Phase.NO_CUSTOMER and state.notice is None:
            panel.identify.focus_input()

    def _sale_finished_detail(self, state: CheckoutState) -> str:
        """What became of the customer's bonuses, as far as the till knows yet."""
        if state.customer is None:
            return ""
        if self._balance_after_sale is not None:
            return QCoreApplication.translate("Till", "Balance now: %1").replace(
                "%1", format_money(self._balance_after_sale.spendable, state.currency)
            )
        if state.customer_as_of is not None:
            return QCoreApplication.translate("Till", "Bonuses will be credited when the connection is back.")
        return QCoreApplication.translate("Till", "Waiting for the service to confirm the bonuses…")

    def show_delivery(self, transaction_id: str, result: CommitResult) -> None:
        """A committed sale reached the service: show what it earned and the balance after."""
        if transaction_id != self._last_sale_id or self._state is None:
            return
        currency = self._state.currency
        text = (
            QCoreApplication.translate("Till", "Bonuses earned: %1, spent: %2. Balance now: %3.")
            .replace("%1", format_money(result.accrued))
            .replace("%2", format_money(result.redeemed))
            .replace("%3", format_money(result.balance.spendable, currency))
        )
        self._window.loyalty.messages.show_success(text)
        self._balance_after_sale = result.balance
        customer = self._state.customer
        if customer is not None:
            self._window.loyalty.customer.show_customer(replace(customer, balance=result.balance), None, currency)
        if self._state.phase is Phase.CLOSED:
            self._window.loyalty.show_sale_finished(self._sale_finished_detail(self._state))

    def _show_notice(self, notice: Notice | None) -> None:
        bar = self._window.loyalty.messages
        if notice is None:
            bar.clear()
            return
        if notice.severity is Severity.WARNING:
            bar.show_warning(notice.text, notice.short)
            return
        {
            Severity.ERROR: bar.show_error,
            Severity.INFO: bar.show_info,
            Severity.SUCCESS: bar.show_success,
        }[notice.severity](notice.text)
