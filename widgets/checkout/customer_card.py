"""The identified customer at a glance: who, status, tier, progress and balances."""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from widgets.elided_label import ElidedLabel
from widgets.enum_properties import set_enum_property
from widgets.fitting_label import FittingLabel
from widgets.wrapping_label import WrappingLabel
from widgets.formatting import (
    format_amount,
    format_date,
    format_moment,
    format_percent,
    format_points,
)
from widgets.style import restyle

if TYPE_CHECKING:
    from datetime import datetime

    from loyalty_client.types import Customer

_PROGRESS_STEPS = 1000


def _label(
    name: str, role: str | None = None, wrap: bool = False, elide: bool = False, fit: bool = False
) -> QLabel:
    label = ElidedLabel() if elide else WrappingLabel() if wrap else FittingLabel() if fit else QLabel()
    label.setObjectName(name)
    if role:
        label.setProperty("role", role)
    set_enum_property(label, "textInteractionFlags", "NoTextInteraction")
    return label


class CustomerCard(QFrame):
    """Shows one loyalty customer (or "No customer") and offers "Reset customer".

    Feed it with `show_customer`; it never fetches anything itself. Labels carry object names
    (CustomerName, CustomerPhone, CustomerCardNumber, CustomerStatus, TierName, TierBenefit,
    NextTierText, SpendableValue, BalanceTotalValue, BalancePendingValue, ExpiringText,
    AsOfText, MessagesText) so the application and tests can find them.
    """

    reset_requested = Signal()
    customer_shown = Signal(bool)  # a customer is shown (True) or the placeholder again (False)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CustomerCard")
        self._shown: tuple[Customer, datetime | None, str] | None = None
        self._compact = False
        self._as_of_beside = False  # narrow, and "as of" fits beside the spendable bonuses

        self._pages = QStackedWidget()
        self._pages.addWidget(self._build_placeholder())
        self._pages.addWidget(self._build_details())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pages)
        self._reset.clicked.connect(self.reset_requested)
        self._retranslate()
        self.show_offers(())
        self._turn_to(0)

    # -- building -----------------------------------------------------------------------------

    def _build_placeholder(self) -> QWidget:
        page = QWidget()
        self._placeholder = _label("NoCustomerText", "placeholder")
        set_enum_property(self._placeholder, "alignment", "AlignCenter")
        self._placeholder_hint = _label("NoCustomerHint", "hint", wrap=True)
        set_enum_property(self._placeholder_hint, "alignment", "AlignCenter")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self._placeholder)
        layout.addWidget(self._placeholder_hint)
        layout.addStretch(1)
        return page

    def _build_details(self) -> QWidget:
        page = QWidget()
        self._name = _label("CustomerName", "name", elide=True)
        self._reset = QPushButton()
        self._reset.setObjectName("ResetCustomerButton")
        set_enum_property(self._reset, "focusPolicy", "TabFocus")
        self._phone = _label("CustomerPhone")
        self._card_number = _label("CustomerCardNumber", "muted", elide=True)
        self._status = _label("CustomerStatus", "status", wrap=True)
        self._tier = _label("TierName", "tier")
        self._benefit = _label("TierBenefit", "benefit")
        self._progress = QProgressBar()
        self._progress.setObjectName("TierProgress")
        self._progress.setRange(0, _PROGRESS_STEPS)
        self._progress.setTextVisible(False)
        self._next_tier = _label("NextTierText", "muted")
        self._spendable_caption = _label("SpendableCaption", "caption")
        # A six-digit balance would not fit the narrow card beside its caption at full size: it is
        # drawn smaller rather than cut or pushing the Reset button out of the card.
        self._spendable = _label("SpendableValue", "figure", fit=True)
        self._total_caption = _label("BalanceTotalCaption", "caption")
        self._total = _label("BalanceTotalValue", "value")
        self._pending_caption = _label("BalancePendingCaption", "caption")
        self._pending = _label("BalancePendingValue", "value")
        self._expiring = _label("ExpiringText", "warning-text", wrap=True)
        self._as_of = _label("AsOfText", "stale", wrap=True)
        self._messages = _label("MessagesText", "service-message", wrap=True)
        self._offers_caption = _label("OffersCaption", "caption")
        self._offers = _label("OffersText", "muted", wrap=True)
        self._offer_lines: tuple[str, ...] = ()
        self._offers_applied = False
        for value in (self._total, self._pending):
            set_enum_property(value, "alignment", "AlignRight|AlignVCenter")

        head = QHBoxLayout()
        head.addWidget(self._name, 1)
        reset_column = QVBoxLayout()  # the button at the top of a name that wraps
        reset_column.addWidget(self._reset)
        reset_column.addStretch(1)
        head.addLayout(reset_column)
        # Rows that turn vertical in the compact arrangement (see set_compact).
        self._ids = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._ids.setSpacing(16)
        self._ids.addWidget(self._phone)
        self._ids.addWidget(self._card_number, 1)
        tier = QHBoxLayout()
        self._tier_row = tier
        tier.addWidget(self._tier)
        tier.addSpacing(10)
        tier.addWidget(self._benefit)
        tier.addStretch(1)
        self._progress_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._progress_row.setSpacing(10)
        self._progress_row.addWidget(self._progress, 1)
        self._progress_row.addWidget(self._next_tier)

        others = QGridLayout()
        others.setHorizontalSpacing(10)
        others.setVerticalSpacing(0)
        others.addWidget(self._total_caption, 0, 0)
        others.addWidget(self._total, 0, 1)
        others.addWidget(self._pending_caption, 1, 0)
        others.addWidget(self._pending, 1, 1)
        self._others = others
        self._others_row = QHBoxLayout()  # narrow: the total and pending bonuses on their own row, to the left
        self._others_row.addStretch(1)
        spendable = QHBoxLayout()
        spendable.addWidget(self._spendable_caption)  # labels: their texts centred in the row's height
        spendable.addSpacing(10)
        spendable.addWidget(self._spendable)
        spendable.addStretch(1)
        self._spendable_row = spendable
        # The spendable bonuses, and beside them (wide) the total and pending ones.
        self._balances = QHBoxLayout()
        self._balances.setSpacing(4)
        self._balances.addLayout(spendable, 1)
        self._balances.addLayout(others)
        self._head = head

        self._page_layout = QVBoxLayout(page)
        self._page_layout.setContentsMargins(0, 0, 0, 0)
        self._page_layout.setSpacing(4)
        self._place_rows()
        return page

    def _rows(self) -> list[QWidget | QBoxLayout | QGridLayout]:
        """The rows top to bottom; the tier's row ends what must stay in view (see
        `kept_in_view_height`). Wide: name, phone and card, status, balances, tier. Narrow: the
        name, status, spendable bonuses and tier come first, so that a card squeezed by the
        coupons and the code still shows them; the phone, card and other balances follow, scrolled.
        Narrow, "as of" sits beside the spendable bonuses where it fits (see `_fit_as_of`)."""
        if self._compact:
            as_of = [] if self._as_of_beside else [self._as_of]
            return [
                self._head, self._status, self._balances, *as_of, self._tier_row,
                self._ids, self._others_row, self._progress_row,
                self._expiring, self._messages, self._offers_caption, self._offers,
            ]
        return [
            self._head, self._ids, self._status, self._balances, self._as_of, self._tier_row,
            self._progress_row, self._expiring, self._messages, self._offers_caption, self._offers,
        ]

    def _place_rows(self) -> None:
        layout = self._page_layout
        while layout.count():
            layout.takeAt(0)
        # The total and pending bonuses sit beside the spendable ones when wide, on their own below.
        if self._compact:
            self._balances.removeItem(self._others)
            if self._others_row.indexOf(self._others) < 0:
                self._others_row.insertLayout(0, self._others)
        elif self._balances.indexOf(self._others) < 0:
            self._others_row.removeItem(self._others)
            self._balances.addLayout(self._others)
        if self._as_of_beside:
            self._spendable_row.insertWidget(3, self._as_of)
        else:
            self._spendable_row.removeWidget(self._as_of)
        for row in self._rows():
            if isinstance(row, QWidget):
                layout.addWidget(row)
            else:
                layout.addLayout(row)
        layout.addStretch(1)

    def _fit_as_of(self) -> None:
        """Narrow, a short "as of" goes beside the spendable bonuses: on a row of its own it would
        take the room that keeps the tier in view above a two-line message. A balance too wide
        to leave it room there puts it back on its own row, rather than widening the card."""
        beside = self._compact and self._as_of_fits_beside()
        if beside != self._as_of_beside:
            self._as_of_beside = beside
            self._place_rows()

    def _as_of_fits_beside(self) -> bool:
        row = self._spendable_row
        spacing = max(0, row.spacing())
        needed = (
            self._spendable_caption.sizeHint().width() + 10 + self._spendable.sizeHint().width()
            + 2 * spacing + self._as_of.minimumSizeHint().width()
        )
        return needed <= self._pages.width()

    def kept_in_view_height(self) -> int:
        """The height that shows the customer's name, status, spendable bonuses (with their
        caption), "as of" and tier whole, from the card's top: what the cashier must read at a glance.
        0 while no customer is shown."""
        if self._shown is None:
            return 0
        layout = self._page_layout
        width = self._pages.width()
        height = 0
        rows = 0
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if not item.isEmpty():
                if item.hasHeightForWidth() and width > 0:
                    height += item.heightForWidth(width)
                else:
                    height += item.sizeHint().height()
                rows += 1
            if item.layout() is self._tier_row:
                break
        inside = self.contentsRect()  # within the stylesheet's border and padding
        frame = inside.top() + self.rect().bottom() - inside.bottom()
        return height + layout.spacing() * max(0, rows - 1) + frame

    # -- public API ---------------------------------------------------------------------------

    def show_customer(
        self, customer: Customer, as_of: datetime | None = None, currency: str = "BYN"
    ) -> None:
        """Show *customer*; *as_of* marks cached data ("balance as of 14:32")."""
        shown = (customer, as_of, currency)
        if shown == self._shown:
            return  # the checkout publishes every state: the same customer again changes nothing
        first = self._shown is None
        self._shown = shown
        self._render()
        self._show_page(1)
        if first:
            self.customer_shown.emit(True)

    def clear(self) -> None:
        """Forget the customer and show the "No customer" placeholder."""
        if self._shown is None and self._pages.currentIndex() == 0 and not self._offer_lines:
            return
        had_customer = self._shown is not None
        self._shown = None
        self.show_offers(())
        self._show_page(0)
        if had_customer:
            self.customer_shown.emit(False)

    def show_offers(self, lines: Sequence[str]) -> None:
        """The member's current offers, one line each (none: the section hides)."""
        lines = tuple(lines)
        if lines == self._offer_lines and self._offers_applied:
            return
        self._offers_applied = True
        self._offer_lines = lines
        self._offers.setText("\n".join(f"• {line}" for line in self._offer_lines))
        self._offers.setVisible(bool(self._offer_lines))
        self._offers_caption.setVisible(bool(self._offer_lines))

    def offer_lines(self) -> tuple[str, ...]:
        """The offers shown."""
        return self._offer_lines

    def set_compact(self, compact: bool) -> None:
        """Narrow arrangement: phone and card, balances, and progress each stacked; a short Reset."""
        if compact == self._compact:
            return
        self._compact = compact
        self._as_of_beside = False
        vertical, horizontal = QBoxLayout.Direction.TopToBottom, QBoxLayout.Direction.LeftToRight
        for row in (self._ids, self._progress_row):
            row.setDirection(vertical if compact else horizontal)
        self._ids.setSpacing(0 if compact else 16)
        self._place_rows()
        self._retranslate()

    def is_compact(self) -> bool:
        """Whether the narrow arrangement is used."""
        return self._compact

    def has_customer(self) -> bool:
        """Whether a customer is shown."""
        return self._shown is not None

    def request_reset(self) -> None:
        """Ask to reset the customer, as the button does (used by the Esc key)."""
        self.reset_requested.emit()

    # -- rendering ----------------------------------------------------------------------------

    def _show_page(self, index: int) -> None:
        if self._pages.currentIndex() != index:
            self._turn_to(index)

    def _turn_to(self, index: int) -> None:
        # Only the current page counts for the height, so "No customer" needs no scrolling. Both
        # count for the width: turning the page then leaves the panel's width, and the window's
        # layout, alone.
        for page_index in range(self._pages.count()):
            page = self._pages.widget(page_index)
            height = QSizePolicy.Policy.Preferred if page_index == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(QSizePolicy.Policy.Preferred, height)
        self._pages.setCurrentIndex(index)

    def _render(self) -> None:
        if self._shown is None:
            return
        # Imported here, not with the module: the contract's types stay off the first paint.
        from loyalty_client.types import CustomerStatus

        customer, as_of, currency = self._shown
        balance = customer.balance

        self._name.setText(customer.display_name or "—")
        self._phone.setText(customer.masked_phone)
        self._card_number.setVisible(bool(customer.card_number))
        self._card_number.setText(self.tr("Card {number}").format(number=customer.card_number or ""))

        if customer.status is CustomerStatus.BLOCKED:
            self._status.setText(self.tr("Card blocked: bonuses cannot be earned or spent"))
            restyle("status", "blocked", self._status)
        elif customer.status is CustomerStatus.NOT_ACTIVATED:
            self._status.setText(self.tr("Card not activated: bonuses cannot be spent yet"))
            restyle("status", "not_activated", self._status)
        else:
            self._status.setText("")
            restyle("status", "active", self._status)
        self._status.setVisible(customer.status is not CustomerStatus.ACTIVE)
        # Bonuses that cannot be spent are not shown as if they could.
        restyle("dimmed", customer.status is not CustomerStatus.ACTIVE, self._spendable)

        self._tier.setText(customer.tier.name)
        self._benefit.setText(
            self.tr("{percent} bonuses").format(percent=format_percent(customer.tier.accrual_percent))
        )
        self._render_next_tier(customer, currency)

        self._spendable.setText(format_points(balance.spendable))
        self._total.setText(format_points(balance.total))
        self._pending.setText(format_points(balance.pending))
        pending_shown = balance.pending != 0
        self._pending.setVisible(pending_shown)
        self._pending_caption.setVisible(pending_shown)

        expiring = balance.expiring_amount
        if expiring and balance.expiring_on is not None:
            self._expiring.setText(
                self.tr("{amount} expire on {date}").format(
                    amount=format_points(expiring), date=format_date(balance.expiring_on)
                )
            )
            self._expiring.show()
        else:
            self._expiring.hide()

        if as_of is not None:
            moment = format_moment(as_of)
            if self._compact:  # narrow: the offline notice's own words, one short line
                text = QCoreApplication.translate("Checkout", "Balance as of %1.").replace("%1", moment)
            else:
                text = self.tr("Balance as of {time} (saved data)").format(time=moment)
            self._as_of.setText(text)
            self._as_of.show()
            self._fit_as_of()
        else:
            self._as_of.hide()

        self._messages.setText("\n".join(f"• {message}" for message in customer.messages))
        self._messages.setVisible(bool(customer.messages))

    def _render_next_tier(self, customer: Customer, currency: str) -> None:
        next_tier = customer.next_tier
        if next_tier is None:
            self._progress.hide()
            self._next_tier.setText(self.tr("Highest tier"))
            set_enum_property(self._next_tier, "alignment", "AlignLeft|AlignVCenter")
            return
        threshold = next_tier.threshold
        done = threshold - next_tier.remaining
        ratio = done / threshold if threshold > 0 else Decimal(1)
        steps = int(max(Decimal(0), min(Decimal(1), ratio)) * _PROGRESS_STEPS)
        self._progress.setValue(steps)
        self._progress.show()
        side = "AlignLeft" if self._compact else "AlignRight"
        set_enum_property(self._next_tier, "alignment", f"{side}|AlignVCenter")
        self._next_tier.setText(
            self.tr("{amount} to {tier}").format(
                amount=format_amount(next_tier.remaining, currency), tier=next_tier.name
            )
        )

    def _retranslate(self) -> None:
        self._placeholder.setText(self.tr("No customer"))
        self._placeholder_hint.setText(self.tr("Scan the card or type the phone number (F2)"))
        reset = self.tr("Reset customer")
        # Narrow: a cross leaves the name its room; the tooltip and accessible name say what it does.
        self._reset.setText("✕" if self._compact else reset)
        self._reset.setAccessibleName(reset)
        self._reset.setToolTip(self.tr("Remove the customer from this receipt (Esc)"))
        self._spendable_caption.setText(self.tr("Available\nbonuses"))
        self._total_caption.setText(self.tr("Total"))
        self._pending_caption.setText(self.tr("Pending"))
        self._offers_caption.setText(self.tr("Offers"))
        self._progress.setAccessibleName(self.tr("Progress to the next tier"))
        self._render()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """A new width: see whether "as of" still fits beside the spendable bonuses."""
        super().resizeEvent(event)
        if self._compact and self._shown is not None and self._shown[1] is not None:
            self._fit_as_of()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Re-translate the texts when the application language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
