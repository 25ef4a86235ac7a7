"""`LoyaltyService` over RetailCRM API v5: each till operation mapped onto RetailCRM's calls.

- identify -> GET loyalty/accounts (phone in E.164, or card); the member id is the loyalty
  account's id. program -> GET loyalty/loyalties (levels become tiers). calculate -> POST
  loyalty/calculate.
- RetailCRM's loyalty is order-centric: points are spent on an order. reserve -> the order
  (externalId = the till's transactionId, each line carrying the till's lineNo in `externalIds`)
  then orders/loyalty/apply; when the program confirms charges by SMS, apply sends the code and
  the reserve raises `ConfirmationRequired`; the reserve with the code confirms it
  (verification/sms/confirm). commit -> the order completed (created first for an offline sale).
  cancel -> orders/loyalty/cancel-bonus-operations and the order cancelled.
- Returns: RetailCRM can only reverse all bonus operations of an order. A return of every line
  in full does that (charge given back, accrual taken back; a replay answers the same amounts,
  read from the account's bonus operations); a partial return is refused with `NotSupported`
  rather than silently lost.
- Coupons: RetailCRM's loyalty API has no coupons a till could check or use up; calculate,
  reserve and commit refuse any with `NotSupported` rather than ignore them.
- Exactly once without idempotency keys: every step looks before it writes. The order is looked
  up by externalId before it is created; the charge on the order is compared with the intended
  one before applying; the status is read before it is changed. A replay after a lost answer or a
  crash at any point creates no second order and charges nothing twice.
- Money: RetailCRM's floats become `Decimal` with 2 places at the edge; points <-> money through
  the program's `chargeRate` (money per point).

Lines are sent as free-form items (`productName`), so a retailer's catalogue need not be synced.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Sequence
from urllib.parse import quote

from fiscal.receipt import Receipt
from loyalty_client.errors import (
    ConfirmationInvalid,
    ConfirmationRequired,
    CustomerNotFound,
    InvalidRequest,
    LoyaltyFault,
    NotSupported,
    RefundExceedsPurchase,
    TransactionNotFound,
)
from loyalty_client.identifiers import mask_phone
from loyalty_client.retailcrm.client import NotFoundError, RetailCrmClient
from loyalty_client.types import (
    Balance,
    CancelResult,
    Calculation,
    CommitResult,
    ConfirmationPurpose,
    ConfirmationSent,
    Customer,
    CustomerStatus,
    FiscalDocument,
    Identifier,
    IdentifierKind,
    LineAllocation,
    NextTier,
    Offer,
    Program,
    ProgramTier,
    RefundLine,
    RefundResult,
    Registration,
    Reservation,
    Tier,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
LINE_ID_CODE = "till-line"
"""The `externalIds` code under which each order line carries the till's lineNo."""
COMPLETE_STATUS = "complete"
CANCELLED_STATUS = "cancel-other"
RESERVATION_SECONDS = 900
SMS_CODE_SECONDS = 300
HISTORY_PAGES = 10


def money(value: Any) -> Decimal:
    """A RetailCRM number (a JSON float) as Decimal with 2 places, through its text (never float maths)."""
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)


@dataclass
class _PendingCode:
    check_id: str
    customer_id: str
    phone: str


class RetailCrmLoyaltyService:
    """The till's `LoyaltyService` against one RetailCRM account and site (see the module's docstring).

    One object per thread, like the SOAP client; `close()` releases the connection.
    """

    def __init__(self, client: RetailCrmClient) -> None:
        self._client = client
        self._program: dict[str, Any] | None = None
        self._charge_rate: Decimal | None = None
        self._customers: dict[str, int] = {}  # loyalty account id -> CRM customer id
        self._phones: dict[str, str] = {}  # loyalty account id -> phone (only to mask it)
        self._pending: dict[str, _PendingCode] = {}  # transactionId -> SMS check of its charge

    def close(self) -> None:
        """Close the HTTP connection."""
        self._client.close()

    def __enter__(self) -> "RetailCrmLoyaltyService":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def site(self) -> str:
        """The RetailCRM site code of this till."""
        return self._client.site

    # ----- program and members ------------------------------------------------------------

    def _loyalty(self) -> dict[str, Any]:
        if self._program is None:
            answer = self._client.get(
                "loyalty/loyalties", {"filter[active]": 1, "filter[sites][]": self.site, "limit": 20}
            )
            programs = [p for p in answer.get("loyalties") or [] if p.get("active") and not p.get("blocked")]
            if not programs:
                raise NotSupported(f"no active loyalty program in RetailCRM for site {self.site}")
            self._program = programs[0]
        return self._program

    def _rate(self) -> Decimal:
        """Money per point: the program's chargeRate (1.00 until a calculation told it)."""
        rate = self._charge_rate or money(self._loyalty().get("chargeRate") or 1)
        return rate if rate > ZERO else Decimal("1.00")

    def get_program(self, store_id: str) -> Program:
        """The active program of the site: name, currency, levels as tiers.

        RetailCRM publishes no redemption cap (each calculation gives its own maximum) and checks
        every charge itself, so the program is published with no offline spending at all:
        offline, points can be earned but not spent.
        """
        self._program = None
        loyalty = self._loyalty()
        levels = sorted(loyalty.get("levels") or [], key=lambda level: money(level.get("sum")))
        return Program(
            name=str(loyalty.get("name") or ""),
            currency=str(loyalty.get("currency") or ""),
            point_value=self._rate(),
            max_redeem_percent=Decimal("100.00"),
            confirmation_threshold=ZERO,  # the code is asked when applying (see `reserve`)
            tiers=tuple(
                ProgramTier(
                    code=str(level.get("id")),
                    name=str(level.get("name") or ""),
                    accrual_percent=money(level.get("privilegeSize")),
                    threshold=money(level.get("sum")),
                )
                for level in levels
            ),
            version=f"retailcrm-{loyalty.get('id')}",
            offline_redeem_limit=ZERO,
        )

    def confirms_charges_by_sms(self) -> bool:
        """Whether the program asks the member for an SMS code before points are charged."""
        return bool(self._loyalty().get("confirmSmsCharge"))

    def identify(self, identifier: Identifier, store_id: str, till_id: str) -> Customer:
        """The loyalty account behind a phone (E.164) or a card number."""
        if identifier.kind is IdentifierKind.PHONE:
            name = "filter[phoneNumber]"
        elif identifier.kind is IdentifierKind.CARD:
            name = "filter[cardNumber]"
        else:
            raise NotSupported("RetailCRM finds members by phone or card only")
        answer = self._client.get("loyalty/accounts", {name: identifier.value, "filter[sites][]": self.site, "limit": 20})
        accounts = answer.get("loyaltyAccounts") or []
        if not accounts:
            raise CustomerNotFound("no RetailCRM loyalty account with this phone or card")
        return self._customer(accounts[0])

    def _account(self, customer_id: str) -> dict[str, Any]:
        try:
            return self._client.get(f"loyalty/account/{_path_part(customer_id)}")["loyaltyAccount"]
        except NotFoundError:
            raise CustomerNotFound("no RetailCRM loyalty account with this id") from None

    def _customer(self, account: dict[str, Any]) -> Customer:
        account_id = str(account.get("id"))
        customer = account.get("customer") or {}
        if customer.get("id") is not None:
            self._customers[account_id] = int(customer["id"])
        phone = str(account.get("phoneNumber") or "")
        self._phones[account_id] = phone
        status = account.get("status")
        if not account.get("active") or status == "deactivated":
            state = CustomerStatus.BLOCKED
        elif status == "not_confirmed":
            state = CustomerStatus.NOT_ACTIVATED
        else:
            state = CustomerStatus.ACTIVE
        level = account.get("level") or {}
        next_tier = None
        if account.get("nextLevelSum") is not None:
            threshold = money(account["nextLevelSum"])
            names = {money(lv.get("sum")): lv for lv in self._loyalty().get("levels") or []}
            upper = names.get(threshold, {})
            next_tier = NextTier(
                code=str(upper.get("id", "")),
                name=str(upper.get("name", "")),
                threshold=threshold,
                remaining=max(ZERO, threshold - money(account.get("ordersSum"))),
            )
        amount = money(account.get("amount"))
        name = " ".join(str(customer.get(k) or "") for k in ("firstName", "lastName")).strip()
        return Customer(
            customer_id=account_id,
            display_name=name or mask_phone(phone),
            masked_phone=mask_phone(phone),
            status=state,
            tier=Tier(code=str(level.get("id", "")), name=str(level.get("name") or ""), accrual_percent=money(level.get("privilegeSize"))),
            balance=Balance(spendable=amount, total=amount, pending=ZERO),
            card_number=account.get("cardNumber") or None,
            next_tier=next_tier,
        )

    def _crm_customer(self, customer_id: str) -> int:
        if customer_id not in self._customers:
            self._customer(self._account(customer_id))
        if customer_id not in self._customers:
            raise CustomerNotFound("the loyalty account has no RetailCRM customer")
        return self._customers[customer_id]

    def _balance(self, customer_id: str) -> Balance:
        amount = money(self._account(customer_id).get("amount"))
        return Balance(spendable=amount, total=amount, pending=ZERO)

    # ----- calculation --------------------------------------------------------------------

    def calculate(
        self,
        customer_id: str,
        receipt: Receipt,
        requested_redeem: Decimal | None = None,
        *,
        coupons: Sequence[str] = (),
    ) -> Calculation:
        """loyalty/calculate: accrual, the maximum redeemable and the allocation of the request."""
        _refuse_coupons(coupons)
        customer = self._crm_customer(customer_id)
        requested = requested_redeem or ZERO
        answer = None
        if requested > ZERO:
            try:
                answer = self._calculate(customer, receipt, self._points(requested))
            except InvalidRequest:
                answer = None  # more than allowed: calculate the maximum, then spend at most that
        if answer is None:
            answer = self._calculate(customer, receipt, ZERO)
            maximum = self._max_redeem(answer)
            if requested > ZERO and maximum > ZERO:
                answer = self._calculate(customer, receipt, self._points(min(requested, maximum)))
        order = answer.get("order") or {}
        lines = _allocations(receipt, order.get("items") or [])
        return Calculation(
            accrual=money(order.get("bonusesCreditTotal")),
            max_redeem=self._max_redeem(answer),
            redeem=money(money(order.get("bonusesChargeTotal")) * self._rate()),
            lines=lines,
            confirmation_required=False,  # RetailCRM sends the code itself when the points are applied
        )

    def _calculate(self, customer: int, receipt: Receipt, bonuses: Decimal) -> dict[str, Any]:
        answer = self._client.post(
            "loyalty/calculate",
            {
                "site": self.site,
                "bonuses": f"{bonuses:.2f}",
                "order": {"customer": {"id": customer}, "privilegeType": "loyalty_level", "items": _items(receipt)},
            },
        )
        rate = (answer.get("loyalty") or {}).get("chargeRate")
        if rate is not None and money(rate) > ZERO:
            self._charge_rate = money(rate)
        return answer

    def _max_redeem(self, answer: dict[str, Any]) -> Decimal:
        calculations = answer.get("calculations") or []
        chosen = [c for c in calculations if c.get("privilegeType") == "loyalty_level"] or [
            c for c in calculations if c.get("maximum")
        ]
        points = money(chosen[0].get("maxChargeBonuses")) if chosen else ZERO
        return money(points * self._rate())

    def _points(self, redeem: Decimal) -> Decimal:
        return (redeem / self._rate()).quantize(CENT, ROUND_HALF_UP)

    # ----- the order behind a sale ----------------------------------------------------------

    def _find_order(self, transaction_id: str) -> dict[str, Any] | None:
        try:
            return self._client.get(f"orders/{_path_part(transaction_id)}", {"by": "externalId", "site": self.site})["order"]
        except NotFoundError:
            return None

    def _order(self, transaction_id: str, customer_id: str, receipt: Receipt, occurred_at: datetime | None = None) -> dict[str, Any]:
        """The sale's order, created when RetailCRM has none with this externalId yet."""
        order = self._find_order(transaction_id)
        if order is not None:
            return order
        data: dict[str, Any] = {
            "externalId": transaction_id,
            "customer": {"id": self._crm_customer(customer_id)},
            "privilegeType": "loyalty_level",
            "items": _items(receipt, for_order=True),
        }
        if occurred_at is not None:
            data["createdAt"] = occurred_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        self._client.post("orders/create", {"site": self.site, "order": data})
        found = self._find_order(transaction_id)
        if found is None:
            raise LoyaltyFault("RetailCRM created the order but does not find it by externalId", retryable=True)
        return found

    def _charged(self, order: dict[str, Any]) -> Decimal:
        return money(money(order.get("bonusesChargeTotal")) * self._rate())

    def _apply(self, transaction_id: str, customer_id: str, redeem: Decimal) -> dict[str, Any]:
        answer = self._client.post(
            "orders/loyalty/apply",
            {"site": self.site, "bonuses": f"{self._points(redeem):.2f}", "order": {"externalId": transaction_id}},
        )
        verification = answer.get("verification") or {}
        if verification.get("checkId") and not verification.get("verifiedAt"):
            self._pending[transaction_id] = _PendingCode(
                str(verification["checkId"]), customer_id, self._phones.get(customer_id, "")
            )
        return answer

    def send_confirmation_code(
        self,
        purpose: ConfirmationPurpose,
        customer_id: str | None = None,
        phone: str | None = None,
        amount: Decimal | None = None,
    ) -> ConfirmationSent:
        """Where the code RetailCRM sent when the points were applied went (it sends it itself)."""
        if purpose is not ConfirmationPurpose.REDEEM:
            raise NotSupported("registration at the till is not supported with RetailCRM")
        for pending in reversed(list(self._pending.values())):
            if pending.customer_id == customer_id:
                return ConfirmationSent(sent_to=mask_phone(pending.phone), expires_in_seconds=SMS_CODE_SECONDS)
        raise InvalidRequest("RetailCRM sends the code when the points are applied to the sale")

    def reserve(
        self,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        confirmation_code: str | None = None,
        *,
        coupons: Sequence[str] = (),
    ) -> Reservation:
        """The sale's order with `redeem` charged on it (after the SMS code when the program asks)."""
        _refuse_coupons(coupons)
        order = self._order(transaction_id, customer_id, receipt)
        if order.get("status") in (COMPLETE_STATUS, CANCELLED_STATUS):
            raise InvalidRequest("this sale is already closed in RetailCRM")
        if self._charged(order) != redeem:
            pending = self._pending.get(transaction_id)
            if confirmation_code and pending is not None:
                self._confirm(pending.check_id, confirmation_code)
                del self._pending[transaction_id]
            else:
                self._apply(transaction_id, customer_id, redeem)
                if transaction_id in self._pending:
                    raise ConfirmationRequired("RetailCRM sent a code to the member's phone")
            order = self._find_order(transaction_id) or order
            if self._charged(order) != redeem:
                raise LoyaltyFault("RetailCRM charged a different amount than asked", retryable=False)
        return Reservation(
            transaction_id=transaction_id,
            redeem=redeem,
            lines=_allocations(receipt, order.get("items") or []),
            expires_at=datetime.now(timezone.utc) + timedelta(seconds=RESERVATION_SECONDS),
        )

    def _confirm(self, check_id: str, code: str) -> None:
        try:
            answer = self._client.post("verification/sms/confirm", {"verification": {"code": code, "checkId": check_id}})
        except InvalidRequest as exc:
            raise ConfirmationInvalid("the SMS code is wrong or expired") from exc
        if not (answer.get("verification") or {}).get("verifiedAt"):
            raise ConfirmationInvalid("the SMS code was not accepted")

    def commit(
        self,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        fiscal: FiscalDocument,
        offline: bool,
        occurred_at: datetime,
        *,
        coupons: Sequence[str] = (),
    ) -> CommitResult:
        """The sale's order completed, with exactly `redeem` charged on it (created if the sale was offline)."""
        _refuse_coupons(coupons)
        order = self._order(transaction_id, customer_id, receipt, occurred_at)
        status = order.get("status")
        if status == CANCELLED_STATUS:
            raise TransactionNotFound("the sale's order was cancelled in RetailCRM")
        if status != COMPLETE_STATUS:
            charged = self._charged(order)
            if charged != redeem:
                if redeem > ZERO:
                    self._apply(transaction_id, customer_id, redeem)
                    if self._pending.pop(transaction_id, None) is not None:
                        self._cancel_operations(transaction_id)
                        raise ConfirmationRequired(
                            "RetailCRM asks for an SMS code for this charge; a sale delivered later cannot give one"
                        )
                elif charged > ZERO:
                    self._cancel_operations(transaction_id)
            self._client.post(
                f"orders/{_path_part(transaction_id)}/edit",
                {"by": "externalId", "site": self.site, "order": {"status": COMPLETE_STATUS}},
            )
            order = self._find_order(transaction_id) or order
        self._pending.pop(transaction_id, None)
        return CommitResult(
            transaction_id=transaction_id,
            accrued=money(order.get("bonusesCreditTotal")),
            redeemed=self._charged(order),
            balance=self._balance(customer_id),
        )

    def _cancel_operations(self, transaction_id: str) -> dict[str, Any]:
        return self._client.post(
            "orders/loyalty/cancel-bonus-operations", {"site": self.site, "order": {"externalId": transaction_id}}
        )

    def cancel(self, transaction_id: str) -> CancelResult:
        """Charge and accrual undone on the sale's order, and the order cancelled."""
        order = self._find_order(transaction_id)
        if order is None:
            raise TransactionNotFound("RetailCRM has no order for this sale")
        pending = self._pending.pop(transaction_id, None)
        if order.get("status") != CANCELLED_STATUS:
            if money(order.get("bonusesChargeTotal")) or money(order.get("bonusesCreditTotal")) or pending:
                self._cancel_operations(transaction_id)
            self._client.post(
                f"orders/{_path_part(transaction_id)}/edit",
                {"by": "externalId", "site": self.site, "order": {"status": CANCELLED_STATUS}},
            )
        account = (order.get("loyaltyAccount") or {}).get("id")
        balance = self._balance(str(account)) if account is not None else None
        return CancelResult(transaction_id=transaction_id, cancelled=True, balance=balance)

    def refund(self, refund_id: str, original_transaction_id: str, lines: Sequence[RefundLine]) -> RefundResult:
        """A return of the whole sale: its charge given back and its accrual taken back.

        RetailCRM reverses the bonus operations of an order only all together, so a partial
        return is refused (`NotSupported`): nothing is changed in RetailCRM for it.
        """
        order = self._find_order(original_transaction_id)
        if order is None:
            raise TransactionNotFound("RetailCRM has no order for this sale")
        bought: dict[int, Decimal] = {}
        for number, item in enumerate(order.get("items") or [], start=1):
            line_no = _line_no(item, number)
            bought[line_no] = bought.get(line_no, ZERO) + Decimal(str(item.get("quantity") or 0))
        returned: dict[int, Decimal] = {}
        for line in lines:
            returned[line.line_no] = returned.get(line.line_no, ZERO) + line.quantity
        if any(qty > bought.get(no, ZERO) for no, qty in returned.items()):
            raise RefundExceedsPurchase("more returned than was bought on this sale")
        if returned != bought:
            raise NotSupported(
                "RetailCRM can take back bonuses only for a whole sale: a partial return is not sent"
            )
        account = str((order.get("loyaltyAccount") or {}).get("id"))
        charge = self._charged(order)
        credit = money(order.get("bonusesCreditTotal")) if order.get("status") == COMPLETE_STATUS else ZERO
        if charge or money(order.get("bonusesCreditTotal")):
            self._cancel_operations(original_transaction_id)
        else:  # reversed before (a replay after a lost answer): what was reversed is in the history
            charge, credit = self._reversed(account, original_transaction_id)
        return RefundResult(refund_id=refund_id, accrual_reversed=credit, redeem_returned=charge, balance=self._balance(account))

    def _reversed(self, account: str, transaction_id: str) -> tuple[Decimal, Decimal]:
        """The charge given back and the accrual taken back on a sale's order, from the account's
        bonus operations (at most `HISTORY_PAGES` pages of them)."""
        charge = credit = ZERO
        for page in range(1, HISTORY_PAGES + 1):
            answer = self._client.get(
                f"loyalty/account/{_path_part(account)}/bonus/operations", {"limit": 100, "page": page}
            )
            for operation in answer.get("bonusOperations") or []:
                if str((operation.get("order") or {}).get("externalId")) != transaction_id:
                    continue
                if operation.get("type") == "cancel_of_charge":
                    charge += abs(money(operation.get("amount")))
                elif operation.get("type") == "cancel_of_credit":
                    credit += abs(money(operation.get("amount")))
            pagination = answer.get("pagination") or {}
            if page >= int(pagination.get("totalPageCount") or 1):
                break
        return money(charge * self._rate()), credit

    def register(self, registration: Registration) -> Customer:
        """Not offered with RetailCRM: members enrol through the retailer's own channels."""
        raise NotSupported("registration at the till is not supported with RetailCRM")

    def get_offers(self, customer_id: str, store_id: str) -> tuple[Offer, ...]:
        """RetailCRM's loyalty API has no personal offers to print: none."""
        return ()


def _refuse_coupons(coupons: Sequence[str]) -> None:
    """Refuse coupons: RetailCRM would apply none of them, and the sale must not look as if it did."""
    if coupons:
        raise NotSupported(
            f"coupons are not supported with RetailCRM: {len(coupons)} coupon(s) not applied; remove them from the receipt"
        )


def _items(receipt: Receipt, *, for_order: bool = False) -> list[dict[str, Any]]:
    """The receipt's lines as RetailCRM items. An order's lines carry their name and the till's
    lineNo; loyalty/calculate takes only price and quantity (its item has no other fields in the
    SDK) and answers the items in the order sent."""
    items: list[dict[str, Any]] = []
    for line in receipt.lines:
        item: dict[str, Any] = {"initialPrice": f"{line.price:.2f}", "quantity": f"{line.quantity}"}
        if for_order:
            item["productName"] = line.name
            item["externalIds"] = [{"code": LINE_ID_CODE, "value": str(line.line_no)}]
        items.append(item)
    return items


def _line_no(item: dict[str, Any], fallback: int) -> int:
    for ref in item.get("externalIds") or []:
        if ref.get("code") == LINE_ID_CODE and str(ref.get("value", "")).isdigit():
            return int(ref["value"])
    return fallback


def _allocations(receipt: Receipt, items: list[dict[str, Any]]) -> tuple[LineAllocation, ...]:
    """Each receipt line's bonus discount (money, line total) and accrual, matched by lineNo."""
    by_line: dict[int, dict[str, Any]] = {}
    for number, item in enumerate(items, start=1):
        by_line[_line_no(item, receipt.lines[number - 1].line_no if number <= len(receipt.lines) else number)] = item
    result = []
    for line in receipt.lines:
        item = by_line.get(line.line_no, {})
        discount = sum(
            (money(d.get("amount")) for d in item.get("discounts") or [] if d.get("type") == "bonus_charge"), ZERO
        )
        result.append(LineAllocation(line_no=line.line_no, discount=discount, accrual=money(item.get("bonusesCreditTotal"))))
    return tuple(result)


def _path_part(value: str) -> str:
    """An id as one path segment (a transactionId with a slash stays one segment)."""
    return quote(str(value), safe="")
