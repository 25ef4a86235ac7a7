"""The loyalty side of the till: service status, search, customer, code, redemption, totals."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from widgets.checkout.confirmation_panel import ConfirmationPanel
from widgets.checkout.coupon_list import CouponList
from widgets.checkout.customer_card import CustomerCard
from widgets.elided_label import ElidedLabel
from widgets.checkout.identify_panel import IdentifyPanel
from widgets.checkout.message_bar import WARNING, MessageBar
from widgets.checkout.offline_banner import OfflineBanner
from widgets.checkout.redemption_panel import RedemptionPanel
from widgets.checkout.sale_finished import SaleFinishedPanel
from widgets.scrolling import VerticalScrollArea
from widgets.style import restyle
from widgets.checkout.totals_panel import TotalsPanel
from widgets.enum_properties import set_enum_property


class LoyaltyPanel(QFrame):
    """Stacks the loyalty views top to bottom in the order the cashier works through them.

    The parts are public attributes for the application to feed and connect: `identify`,
    `messages`, `customer`, `coupons` (the receipt's coupons, under the card), `confirmation`, `redemption`, `sale_finished` (in place of the
    redemption once the receipt is fiscalised, see `show_sale_finished`), `totals`, and
    `offline_banner` (at the top; hidden while the service answers and nothing waits to be sent,
    and offline while the message line carries a warning, see `_fit_banner`).
    `set_compact(True)` stacks each part's rows for a narrow window (about 420 pixels).
    `set_waiting_for_pos(True)` says "Waiting for the POS" (object name WaitingForPos) on a till
    that has no receipt from the POS yet.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LoyaltyPanel")
        self.identify = IdentifyPanel()
        self.messages = MessageBar()
        self.customer = CustomerCard()
        self.coupons = CouponList()
        self.confirmation = ConfirmationPanel()
        self.redemption = RedemptionPanel()
        self.totals = TotalsPanel()
        self.offline_banner = OfflineBanner()
        self.sale_finished = SaleFinishedPanel()
        self._compact = False
        self._code_asked = False
        self._waiting = QLabel()
        self._waiting.setObjectName("WaitingForPos")
        self._waiting.setProperty("role", "section")
        set_enum_property(self._waiting, "alignment", "AlignCenter")
        self._waiting.setWordWrap(True)
        self._waiting.hide()

        self._status_dot = QLabel("●")
        self._status_dot.setObjectName("ServiceStatusDot")
        self._status_text = ElidedLabel()
        self._status_text.setObjectName("ServiceStatusText")
        status = QHBoxLayout()
        status.setContentsMargins(0, 0, 0, 0)
        status.addWidget(self._status_dot)
        status.addWidget(self._status_text, 1)
        self._status_row = status
        self._online: bool | None = None

        layout = QVBoxLayout(self)
        self._layout = layout
        layout.setSpacing(8)
        layout.addWidget(self.offline_banner)
        layout.addLayout(status)
        layout.addWidget(self._waiting)
        layout.addWidget(self.identify)
        layout.addWidget(self.messages)
        # Only the customer's details scroll when the screen is short: "To pay" stays in view, and
        # so do the customer's name, spendable bonuses and tier (the card's top).
        self._customer_scroll = VerticalScrollArea(self.customer, kept_in_view=self._card_kept_in_view)
        self._customer_scroll.setObjectName("CustomerScroll")
        layout.addWidget(self._customer_scroll, 1)
        layout.addWidget(self.coupons)
        layout.addWidget(self.confirmation)
        layout.addWidget(self.redemption)
        layout.addWidget(self.sale_finished)
        layout.addWidget(self.totals)
        # Once the card shows the customer, an empty message line gives its room to the card.
        self.customer.customer_shown.connect(lambda shown: self.messages.set_keeps_room(not shown))
        self.messages.changed.connect(self._fit_banner)
        self.set_service_status(True, "")
        self.set_compact(False)
        self._retranslate()

    def set_service_status(self, online: bool, text: str) -> None:
        """Show whether the loyalty service answers; *text* explains (e.g. "Offline: 3 queued")."""
        self._online = online
        state = "online" if online else "offline"
        self._status_text.setText(text)
        restyle("service", state, self._status_dot, self._status_text)

    def set_compact(self, compact: bool) -> None:
        """Stack the parts' rows for a narrow window, or lay them out side by side again."""
        self._compact = compact
        for part in (self.customer, self.coupons, self.confirmation, self.redemption, self.totals):
            part.set_compact(compact)
        self.coupons.set_folded(self._code_asked and compact)
        self.messages.set_compact(compact)
        margin = 6 if compact else 9
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self._layout.setSpacing(4 if compact else 8)

    def _fit_banner(self) -> None:
        """Offline, the banner gives way to a warning on the message line: that is the checkout's
        offline warning (or a device's), the status line says "Working offline" all along, and
        on a 768-pixel screen the customer's card needs the banner's room. Sales that need the
        admin stay in view: the banner then shows only that line. The whole banner, with its
        count of sales waiting to be sent, is back once the line is clear."""
        self.offline_banner.set_giving_way(self.messages.severity() == WARNING)

    def set_waiting_for_pos(self, waiting: bool) -> None:
        """Say that no receipt came from the POS yet (True), or take the notice away (False)."""
        self._waiting.setVisible(waiting)

    def is_waiting_for_pos(self) -> bool:
        """Whether the "Waiting for the POS" notice is on."""
        return not self._waiting.isHidden()

    def waiting_text(self) -> str:
        """The text of the "Waiting for the POS" notice."""
        return self._waiting.text()

    def is_compact(self) -> bool:
        """Whether the narrow arrangement is used."""
        return self._compact

    def set_code_asked(self, asked: bool) -> None:
        """While a one-time code is asked the redemption cannot change: it gives its room to the
        code entry, so the customer's card stays readable on a short or narrow screen. In the
        narrow panel the coupons' strip folds away too until the code is settled."""
        self._code_asked = asked
        self.redemption.setVisible(not asked and self.sale_finished.isHidden())
        self.coupons.set_folded(asked and self._compact)

    def _card_kept_in_view(self) -> int:
        """How much of the customer's card stays in view: its top (name, spendable bonuses, tier)
        while the panel has room for it. The coupons' strip shows one coupon at a time to make
        that room; what the other parts need at least is never taken ("To pay" stays whole)."""
        wanted = self.customer.kept_in_view_height()
        room = self._room_for_card()
        coupons = self.coupons
        if coupons.is_short() and room + coupons.room_freed_when_short() >= wanted:
            coupons.set_short(False)
            room -= coupons.room_freed_when_short()
        elif not coupons.is_short() and 0 < room < wanted and not coupons.isHidden():
            coupons.set_short(True)
            room += coupons.room_freed_when_short()
        return max(0, min(wanted, room))

    def _room_for_card(self) -> int:
        """The panel's height less what its other parts need at least and the spacing between."""
        layout = self._layout
        margins = layout.contentsMargins()
        inside = self.contentsRect()
        width = inside.width() - margins.left() - margins.right()
        room = inside.height() - margins.top() - margins.bottom()
        shown = 0
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item.isEmpty():
                continue
            shown += 1
            if item.widget() is self._customer_scroll:
                continue
            need = item.minimumSize().height()
            if item.hasHeightForWidth():
                need = max(need, item.heightForWidth(width))
            room -= need
        return room - layout.spacing() * max(0, shown - 1)

    def is_code_asked(self) -> bool:
        """Whether `set_code_asked(True)` took the redemption away."""
        return self._code_asked

    def show_sale_finished(self, detail: str) -> None:
        """The receipt is fiscalised: "Sale finished" with *detail* replaces the redemption."""
        self.redemption.hide()
        self.sale_finished.show_finished(detail)

    def clear_sale_finished(self) -> None:
        """A receipt is open again: the redemption comes back (unless a code is being asked)."""
        self.sale_finished.hide_panel()
        self.redemption.setVisible(not self._code_asked)

    def add_status_widget(self, widget: QWidget) -> None:
        """Put *widget* at the right end of the service status line (the window's Admin button)."""
        self._status_row.addWidget(widget)  # a button of fixed height: centred in the row

    def is_online(self) -> bool:
        """The service state last set by `set_service_status`."""
        return bool(self._online)

    def service_status_text(self) -> str:
        """The service state text last set."""
        return self._status_text.text()

    def _retranslate(self) -> None:
        self._waiting.setText(self.tr("Waiting for the POS: the receipt shows here when the POS sends it."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
