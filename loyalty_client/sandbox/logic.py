"""The sandbox's business logic: every operation of the contract over the sandbox database.

`SandboxLoyalty` implements `loyalty_client.service.LoyaltyService` with domain types in and out,
and raises `loyalty_client.errors` faults with messages meant for the cashier. The SOAP layer
(`loyalty_client.sandbox.serving.wsgi`) only translates.

Consistency is kept by the database, never by a lock in this process, so several sandbox
processes may serve one database (PostgreSQL; READ COMMITTED, its default). Each operation is
one unit of work in its own transaction (a DeliverBatch does all its items in one, see
`batch_delivery`), and each rule holds by one of these:

- A member's points (never spent twice, never below zero, holds of other tills counted): every
  operation that changes them first locks the member's account row (`SELECT ... FOR UPDATE`,
  `ledger.load_account`), reads what depends on it only then, and always writes the row back with
  its version bumped and checked (`ledger.touch`). On PostgreSQL the row lock queues racing tills
  and the one that waited reads the new balance; on SQLite, which has no row locks, the version
  check makes the loser fail (`StaleDataError`). Readers that only settle matured points skip the
  lock and rely on the version check alone.
- Counters that concurrent units add to without the account lock, or whose row may have been read
  before it (the member's 12-month purchase sum, a one-time code's wrong attempts), are changed by
  one `UPDATE ... SET x = x + n` statement, never written back from a value read earlier.
- Whatever must exist once (a purchase, refund or cancel per key; a reservation per transaction;
  an app QR step per member; a phone, card or account number) has a unique constraint: the
  loser of a race gets `IntegrityError`.
- A unit that fails so (version conflict, unique violation, deadlock or serialisation failure) is
  rolled back and run again from the start against the new state (`_work`): the replay of a
  purchase then finds it recorded and returns the stored result.

(The one lock in this process, `_one_at_a_time`, only keeps units from sharing the single
connection of an in-memory SQLite database at once.)

Idempotency: reservations, purchases, cancels and refunds are stored with a fingerprint of their
request and their full result. A replay with the same id and content returns the stored result
and changes nothing; the same id with other content is refused (INVALID_REQUEST).
"""
from __future__ import annotations

import contextlib
import hmac
import json
import logging
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Callable, NamedTuple, Sequence, TypeVar

import phonenumbers
from sqlalchemy import ColumnElement, Engine, Row, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from fiscal.money import CENT, ZERO, format_money, money
from fiscal.receipt import Receipt
from loyalty_client import rules
from loyalty_client.codes import is_card_number, make_ean13, parse_app_qr, verify_app_qr
from loyalty_client.errors import (
    ConfirmationInvalid,
    ConfirmationRequired,
    CustomerNotFound,
    InsufficientBalance,
    InvalidRequest,
    NotActivated,
    RefundExceedsPurchase,
    TransactionNotFound,
)
from loyalty_client.identifiers import mask_phone
from loyalty_client.refund_share import SoldLine, return_share
from loyalty_client.batch import BatchAnswer, BatchItem, CommitItem
from loyalty_client.sandbox.batch_delivery import BatchDelivery
from loyalty_client.sandbox.member_status import usable_status
from loyalty_client.sandbox.program_in_force import program_in_force
from loyalty_client.sandbox.storage import ledger, store
from loyalty_client.sandbox.clock import SandboxClock
from loyalty_client.sandbox.storage.database import is_single_connection, session_factory
from loyalty_client.sandbox.storage.models import (
    CustomerRow,
    OfferRow,
    OneTimeCode,
    UsedQrStep,
)
from loyalty_client.sandbox import offer_rules
from loyalty_client.sandbox.offer_rules import CouponCheck, OfferRule
from loyalty_client.sandbox.results import dump_result, fingerprint, load_result
from loyalty_client.sandbox.purchase_record import (
    MSG_NOT_FOUND,
    canon_receipt as _canon_receipt,
    commit_prints,
    coupons_print,
    number as _number,
    offer_of,
    purchase_lines_json,
    utc as _utc,
)
from loyalty_client.types import (
    Balance,
    BarcodeKind,
    CancelResult,
    Calculation,
    CommitResult,
    ConfirmationPurpose,
    ConfirmationSent,
    CouponRefusal,
    CouponResult,
    Customer,
    CustomerStatus,
    FiscalDocument,
    Identifier,
    IdentifierKind,
    Offer,
    OfferKind,
    Program,
    RefundLine,
    RefundResult,
    Registration,
    Reservation,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

CODE_TTL_SECONDS = 300
CODE_MAX_ATTEMPTS = 5
_UNIT_ATTEMPTS = 10

MSG_CODE_INVALID = "Неверный код подтверждения"
MSG_CODE_EXPIRED = "Срок действия кода истёк; действует код из последнего сообщения"
MSG_NO_ATTEMPTS_LEFT = "Попытки ввода кода исчерпаны или срок его действия истёк; запросите новый код"


@dataclass(frozen=True)
class SentCode:
    """A one-time code the sandbox 'sent' by SMS: what the customer would read on their phone."""

    code: str
    purpose: ConfirmationPurpose
    masked_phone: str
    phone: str
    customer_id: str | None
    amount: Decimal | None
    expires_at: datetime


class Reversal(NamedTuple):
    """What a refund or cancel reversed of a purchase."""

    accrual: Decimal  # accrual taken back
    points: Decimal  # spent points given back
    paid: Decimal  # money given back


class _WrongCode(Exception):
    """A one-time code did not match: counted as a failed attempt once the unit is rolled back."""

    def __init__(self, purpose: ConfirmationPurpose, customer_id: str | None, phone: str | None, code: str) -> None:
        super().__init__(purpose.value)
        self.purpose = purpose
        self.customer_id = customer_id
        self.phone = phone
        self.code = code


def normalise_phone(value: str) -> str | None:
    """The E.164 form of a BY or RU phone number, or None when it is not one.

    National forms must be valid numbers; an international form (`+...`) only has to be possible,
    since numbering plans lag behind real allocations (`+375 25 ...` ranges, for one).
    """
    for region in ("BY", "RU"):
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if value.strip().startswith("+"):
        try:
            number = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def _start_of_day(moment: datetime) -> datetime:
    """Midnight starting the calendar day of `moment` in its own UTC offset (naive: UTC).

    A till that sends its sales' local time has its offline limit reckoned by its own days.
    """
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
    return aware.replace(hour=0, minute=0, second=0, microsecond=0)




class SandboxLoyalty:
    """The loyalty service over a database: the reference behaviour of every contract operation."""

    def __init__(
        self,
        engine: Engine,
        clock: SandboxClock | None = None,
        on_code: Callable[[SentCode], None] | None = None,
    ) -> None:
        self.engine = engine
        self.clock = clock or SandboxClock()
        self._sessions = session_factory(engine)
        self._observers: list[Callable[[SentCode], None]] = [on_code] if on_code else []
        self._observers_lock = threading.Lock()
        # One shared connection (in-memory SQLite) would mix the transactions of parallel units.
        self._one_at_a_time: threading.Lock | contextlib.nullcontext[None] = (
            threading.Lock() if is_single_connection(engine) else contextlib.nullcontext()
        )

    def add_code_observer(self, observer: Callable[[SentCode], None]) -> None:
        """Call `observer` with every one-time code sent from now on (from a server thread)."""
        with self._observers_lock:
            self._observers.append(observer)

    # ----- units of work -------------------------------------------------------------------------

    def _work(self, unit: Callable[[Session], T]) -> T:
        """Run `unit` in one transaction; rerun it from scratch when a concurrent writer won."""
        for attempt in range(1, _UNIT_ATTEMPTS + 1):
            session = self._sessions()
            try:
                with self._one_at_a_time, session.begin():
                    return unit(session)
            except (StaleDataError, IntegrityError, OperationalError) as exc:
                if attempt == _UNIT_ATTEMPTS:
                    raise
                log.debug("Конфликт параллельной записи, повтор %d: %s", attempt, exc.__class__.__name__)
            finally:
                session.close()
        raise AssertionError("unreachable")

    def _with_code(self, unit: Callable[[Session], T]) -> T:
        """Run a unit that may check a one-time code; a wrong code counts as an attempt."""
        try:
            return self._work(unit)
        except _WrongCode as wrong:
            raise self._work(lambda session, error=wrong: self._count_wrong_code(session, error)) from None

    # ----- shared reads --------------------------------------------------------------------------

    @staticmethod
    def _customer(session: Session, customer_id: str | None) -> Row[Any]:
        customer = store.customer(session, customer_id) if customer_id else None
        if customer is None:
            raise CustomerNotFound(MSG_NOT_FOUND)
        return customer

    @staticmethod
    def _account(
        session: Session, customer: Row[Any] | CustomerRow, now: datetime, lock: bool = True
    ) -> ledger.Account:
        account = ledger.load_account(session, customer.id, lock)
        ledger.settle(session, account, now)
        return account

    @staticmethod
    def _transaction(session: Session, kind: str, key: str) -> Row[Any] | None:
        return store.transaction(session, kind, key)

    def _owner(self, session: Session, transaction_id: str) -> str | None:
        """The member a purchase or reservation belongs to."""
        purchase = self._transaction(session, "purchase", transaction_id)
        if purchase is not None:
            return purchase.customer_id
        reservation = self._reservation(session, transaction_id)
        return None if reservation is None else reservation.customer_id

    @staticmethod
    def _reservation(session: Session, transaction_id: str) -> Row[Any] | None:
        return store.reservation(session, transaction_id)

    @staticmethod
    def _offers(session: Session, customer_id: str, now: datetime) -> tuple[Offer, ...]:
        return tuple(offer_of(row) for row in store.offers(session, [customer_id], now.date())[customer_id])

    # ----- coupons -------------------------------------------------------------------------------

    @staticmethod
    def _offer_rule(row: Row[Any]) -> OfferRule:
        return OfferRule(
            offer_id=row.id,
            title=row.title,
            coupon_code=row.coupon_code,
            owner_id=row.customer_id,
            kind=None if row.kind is None else OfferKind(row.kind),
            value=row.value,
            valid_until=row.valid_until,
            valid_from=row.valid_from,
            min_amount=row.min_amount,
            skus=frozenset(row.skus.split()),
            categories=frozenset(row.categories.split()),
            personal=row.personal,
            single_use=row.single_use,
        )

    def _coupon_checks(
        self, session: Session, codes: Sequence[str], transaction_id: str | None, now: datetime
    ) -> list[CouponCheck]:
        """Each coupon's offer and whether another transaction holds it (live) or used it up.

        A hold or use by `transaction_id` itself, and a hold that lapsed, leave the coupon free.
        """
        checks = []
        for code in codes:
            row = store.offer_by_code(session, code)
            rule = None if row is None else self._offer_rule(row)
            state = None
            use = store.coupon_use(session, code) if rule is not None and rule.single_use else None
            if use is not None and use.transaction_id != transaction_id:
                if use.state == "used":
                    state = CouponRefusal.USED
                elif use.held_until > now:
                    state = CouponRefusal.HELD
            elif use is not None and use.state == "used":
                state = CouponRefusal.USED  # this very purchase used it: only a replay, answered before
            checks.append(CouponCheck(code, rule, state))
        return checks

    def _calculate(
        self,
        session: Session,
        program: Program,
        customer: Row[Any] | CustomerRow,
        receipt: Receipt,
        spendable: Decimal,
        requested: Decimal | None,
        status: CustomerStatus,
        coupons: Sequence[str],
        transaction_id: str | None,
        now: datetime,
    ) -> tuple[Calculation, list[CouponCheck]]:
        """The calculation of a receipt, with its coupons applied first when it has some."""
        tier = rules.tier_for(program, customer.purchases_12m)
        if not coupons:
            return rules.calculate(program, receipt, tier, spendable, requested, status), []
        checks = self._coupon_checks(session, coupons, transaction_id, now)
        categories = store.categories(session, [line.sku for line in receipt.lines])
        calc = offer_rules.calculate(
            program, receipt, tier, spendable, requested, status, checks, customer.id, now.date(), categories
        )
        return calc, checks

    @staticmethod
    def _take_coupons(
        session: Session,
        checks: Sequence[CouponCheck],
        results: Sequence[CouponResult],
        transaction_id: str,
        customer_id: str,
        state: str,
        held_until: datetime,
        now: datetime,
    ) -> None:
        """Hold or use up the single-use coupons that applied; a race lost makes the unit run again."""
        for check, result in zip(checks, results):
            if not result.applied or check.rule is None or not check.rule.single_use:
                continue
            exists = store.coupon_use(session, check.code) is not None
            if not store.take_coupon(
                session, check.code, check.rule.offer_id, transaction_id, customer_id, state, held_until, now, exists
            ):
                raise StaleDataError(f"coupon {check.code} changed hands")

    @staticmethod
    def _refused_coupons(results: Sequence[CouponResult]) -> None:
        """Refuse a purchase whose coupons do not all apply (the till took them off the price)."""
        refused = [result for result in results if not result.applied]
        if refused:
            described = ", ".join(f"{result.code} ({result.reason.value if result.reason else '?'})" for result in refused)
            raise InvalidRequest(f"Купоны не применимы к покупке: {described}")

    def _view(
        self,
        session: Session,
        program: Program,
        customer: Row[Any] | CustomerRow,
        account: ledger.Account,
        now: datetime,
        messages: Sequence[str] = (),
    ) -> Customer:
        """The member as the till shows them."""
        status = CustomerStatus(customer.status)
        balance = ledger.balance(session, account, now)
        notes = list(messages)
        if status is CustomerStatus.NOT_ACTIVATED:
            notes.append(rules.MSG_NOT_ACTIVATED)
        return Customer(
            customer_id=customer.id,
            display_name=customer.display_name,
            masked_phone=mask_phone(customer.phone),
            status=status,
            tier=rules.as_tier(rules.tier_for(program, customer.purchases_12m)),
            balance=balance,
            card_number=customer.card_number,
            next_tier=rules.next_tier(program, customer.purchases_12m),
            messages=tuple(notes),
        )

    # ----- one-time codes ------------------------------------------------------------------------

    @staticmethod
    def _live(
        purpose: ConfirmationPurpose, customer_id: str | None, phone: str | None, now: datetime
    ) -> tuple[ColumnElement[bool], ...]:
        """The conditions of a code still usable for `purpose` by the member (or phone)."""
        target = OneTimeCode.customer_id == customer_id if customer_id else OneTimeCode.phone == phone
        return (
            target,
            OneTimeCode.purpose == purpose.value,
            OneTimeCode.used_at.is_(None),
            OneTimeCode.expires_at > now,
            OneTimeCode.attempts < CODE_MAX_ATTEMPTS,
        )

    def _live_codes(
        self, session: Session, purpose: ConfirmationPurpose, customer_id: str | None, phone: str | None, now: datetime
    ) -> list[OneTimeCode]:
        return list(session.scalars(select(OneTimeCode).where(*self._live(purpose, customer_id, phone, now))).all())

    def _use_code(
        self,
        session: Session,
        purpose: ConfirmationPurpose,
        code: str,
        now: datetime,
        customer_id: str | None = None,
        phone: str | None = None,
        amount: Decimal | None = None,
    ) -> OneTimeCode:
        """Mark the matching live code used, or raise `_WrongCode`."""
        for row in self._live_codes(session, purpose, customer_id, phone, now):
            if hmac.compare_digest(row.code.encode(), code.encode()) and (amount is None or row.amount == amount):
                row.used_at = now
                return row
        raise _WrongCode(purpose, customer_id, phone, code)

    def _count_wrong_code(self, session: Session, wrong: _WrongCode) -> ConfirmationInvalid:
        """Count a failed attempt on the live codes; the fault says what still works."""
        now = self.clock.now()
        # One statement counts on what the row holds when written: wrong guesses sent at once
        # must each count (read-then-write would lose some under READ COMMITTED).
        session.execute(
            update(OneTimeCode)
            .where(*self._live(wrong.purpose, wrong.customer_id, wrong.phone, now))
            .values(attempts=OneTimeCode.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        target = OneTimeCode.customer_id == wrong.customer_id if wrong.customer_id else OneTimeCode.phone == wrong.phone
        sent = session.scalars(
            select(OneTimeCode)
            .where(target, OneTimeCode.purpose == wrong.purpose.value, OneTimeCode.used_at.is_(None))
            .order_by(OneTimeCode.id.desc())
        ).all()
        expired = any(
            row.expires_at <= now and hmac.compare_digest(row.code.encode(), wrong.code.encode()) for row in sent
        )
        newest = sent[0] if sent else None
        live = newest is not None and newest.expires_at > now and newest.attempts < CODE_MAX_ATTEMPTS
        left = CODE_MAX_ATTEMPTS - newest.attempts if live and newest is not None else 0
        if expired:
            message = MSG_CODE_EXPIRED if left else MSG_CODE_EXPIRED + "; запросите новый код"
        elif left:
            message = f"{MSG_CODE_INVALID}: осталось попыток {left}"
        else:
            message = MSG_NO_ATTEMPTS_LEFT
        return ConfirmationInvalid(message, attempts_left=left, expired=expired)

    def _notify(self, sent: SentCode) -> None:
        log.info(
            "Код %s отправлен на %s (%s, %s)",
            sent.code,
            sent.masked_phone,
            sent.purpose.value,
            "-" if sent.amount is None else sent.amount,
        )
        with self._observers_lock:
            observers = list(self._observers)
        for observer in observers:
            try:
                observer(sent)
            except Exception:  # an observer's failure must not fail the operation
                log.exception("Наблюдатель кодов завершился с ошибкой")

    # ----- operations ----------------------------------------------------------------------------

    def get_program(self, store_id: str) -> Program:
        """The rules and tiers of the store's program (its own, else the chain's)."""
        return self._work(lambda session: program_in_force(session, store_id)[0])

    def identify(self, identifier: Identifier, store_id: str, till_id: str) -> Customer:
        """The member behind a phone, card, app QR (checked, never twice) or offer coupon."""

        def unit(session: Session) -> Customer:
            now = self.clock.now()
            program, _ = program_in_force(session, store_id)
            customer, messages = self._find(session, identifier, now)
            usable_status(customer.status)
            account = self._account(session, customer, now, lock=False)
            return self._view(session, program, customer, account, now, messages)

        return self._work(unit)

    def _find(self, session: Session, identifier: Identifier, now: datetime) -> tuple[CustomerRow, list[str]]:
        value = identifier.value.strip()
        messages: list[str] = []
        customer: CustomerRow | None = None
        if identifier.kind is IdentifierKind.PHONE:
            phone = normalise_phone(value)
            if phone is not None:
                customer = session.scalars(select(CustomerRow).where(CustomerRow.phone == phone)).first()
        elif identifier.kind is IdentifierKind.CARD:
            customer = session.scalars(select(CustomerRow).where(CustomerRow.card_number == value)).first()
        elif identifier.kind is IdentifierKind.COUPON:
            offer = session.scalars(select(OfferRow).where(OfferRow.coupon_code == value)).first()
            if offer is not None:
                customer = session.get(CustomerRow, offer.customer_id)
                if offer.valid_until < now.date():
                    messages.append(f"Срок действия купона «{offer.title}» истёк {offer.valid_until:%d.%m.%Y}")
        elif identifier.kind is IdentifierKind.QR:
            customer = self._find_by_app_qr(session, value, now)
        if customer is None:
            raise CustomerNotFound(MSG_NOT_FOUND)
        return customer, messages

    @staticmethod
    def _find_by_app_qr(session: Session, value: str, now: datetime) -> CustomerRow:
        qr = parse_app_qr(value)
        if qr is None:
            raise CustomerNotFound("QR-код не распознан: попросите клиента открыть код в приложении")
        customer = session.scalars(select(CustomerRow).where(CustomerRow.account == qr.account)).first()
        if customer is None:
            raise CustomerNotFound(MSG_NOT_FOUND)
        counter = verify_app_qr(qr, bytes.fromhex(customer.totp_secret), now)
        if counter is None:
            raise ConfirmationInvalid("QR-код устарел: попросите клиента обновить код в приложении")
        if session.get(UsedQrStep, (customer.id, counter)) is not None:
            raise ConfirmationInvalid("QR-код уже использован: попросите клиента обновить код в приложении")
        session.add(UsedQrStep(customer_id=customer.id, counter=counter, used_at=now))
        return customer

    def calculate(
        self,
        customer_id: str,
        receipt: Receipt,
        requested_redeem: Decimal | None = None,
        *,
        coupons: Sequence[str] = (),
    ) -> Calculation:
        """Points to earn, the redeemable maximum (after other tills' holds) and the allocation,
        with the coupons applied first (`offer_rules`); a coupon held by a reservation is HELD."""

        def unit(session: Session) -> Calculation:
            now = self.clock.now()
            program, _ = program_in_force(session, receipt.store_id)
            customer = self._customer(session, customer_id)
            status = usable_status(customer.status)
            account = self._account(session, customer, now, lock=False)
            spendable = ledger.available(session, account, now)
            return self._calculate(
                session, program, customer, receipt, spendable, requested_redeem, status, coupons, None, now
            )[0]

        return self._work(unit)

    def send_confirmation_code(
        self,
        purpose: ConfirmationPurpose,
        customer_id: str | None = None,
        phone: str | None = None,
        amount: Decimal | None = None,
    ) -> ConfirmationSent:
        """'Send' a 6-digit code valid 300 s: to the member for a redemption, to `phone` to register."""

        def unit(session: Session) -> SentCode:
            now = self.clock.now()
            if purpose is ConfirmationPurpose.REDEEM:
                if not customer_id:
                    raise InvalidRequest("Для кода списания укажите клиента (customerId)")
                customer = self._customer(session, customer_id)
                if usable_status(customer.status) is CustomerStatus.NOT_ACTIVATED:
                    raise NotActivated(rules.MSG_NOT_ACTIVATED)
                if amount is None or amount <= ZERO or amount != amount.quantize(CENT):
                    raise InvalidRequest("Для кода списания укажите сумму списания")
                target_phone, target_customer, tied_amount = customer.phone, customer.id, amount
            else:
                target_phone = normalise_phone(phone or "")
                if target_phone is None:
                    raise InvalidRequest("Для регистрации укажите действительный номер телефона")
                if session.scalars(select(CustomerRow).where(CustomerRow.phone == target_phone)).first():
                    raise InvalidRequest("Этот номер уже зарегистрирован в программе")
                target_customer, tied_amount = None, None
            code = f"{secrets.randbelow(10**6):06d}"
            expires_at = now + timedelta(seconds=CODE_TTL_SECONDS)
            session.add(
                OneTimeCode(
                    code=code,
                    customer_id=target_customer,
                    phone=target_phone,
                    purpose=purpose.value,
                    amount=tied_amount,
                    expires_at=expires_at,
                    used_at=None,
                    attempts=0,
                )
            )
            return SentCode(code, purpose, mask_phone(target_phone), target_phone, target_customer, tied_amount, expires_at)

        sent = self._work(unit)
        self._notify(sent)
        return ConfirmationSent(sent_to=sent.masked_phone, expires_in_seconds=CODE_TTL_SECONDS)

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
        """Hold the points for `redeem`, and the single-use coupons that apply, on this receipt
        until it is committed, cancelled or expires. A coupon that does not apply (another
        receipt holds it: HELD) is answered so and neither held nor taken off the price."""
        canon = _canon_receipt(receipt)
        receipt_print = fingerprint(canon)
        request_print = fingerprint(
            {"customer": customer_id, "receipt": canon, "redeem": _number(redeem), **coupons_print(coupons)}
        )

        def unit(session: Session) -> Reservation:
            now = self.clock.now()
            customer = self._customer(session, customer_id)
            account = self._account(session, customer, now)  # first: everything below depends on it
            existing = self._reservation(session, transaction_id)
            if existing is not None:
                if existing.fingerprint != request_print:
                    raise InvalidRequest(f"Резерв {transaction_id} уже создан для другого чека или суммы")
                if existing.state == "cancelled":
                    raise InvalidRequest(f"Резерв {transaction_id} отменён")
                if existing.state == "committed" or existing.expires_at > now:
                    return load_result(Reservation, existing.result_json)
                # the same reservation asked again after it expired: reserve afresh below
            if self._transaction(session, "purchase", transaction_id) is not None:
                raise InvalidRequest(f"Покупка {transaction_id} уже проведена")
            if self._transaction(session, "cancel", transaction_id) is not None:
                raise InvalidRequest(f"Покупка {transaction_id} отменена")
            program, program_row = program_in_force(session, receipt.store_id)
            status = usable_status(customer.status)
            spendable = ledger.available(session, account, now, exclude=transaction_id)
            self._check_balance(program, status, spendable, redeem)
            calc, checks = self._calculate(
                session, program, customer, receipt, spendable, redeem, status, coupons, transaction_id, now
            )
            if calc.confirmation_required:
                if not confirmation_code:
                    raise ConfirmationRequired(
                        f"Списание от {format_money(program.confirmation_threshold)} баллов подтверждается "
                        "кодом: отправьте код клиенту и введите его"
                    )
                self._use_code(
                    session, ConfirmationPurpose.REDEEM, confirmation_code, now, customer_id=customer.id,
                    amount=calc.redeem,
                )
            result = Reservation(
                transaction_id=transaction_id,
                redeem=calc.redeem,
                lines=calc.lines,
                expires_at=now + timedelta(seconds=program_row.reservation_ttl_seconds),
                coupons=calc.coupons,
            )
            self._take_coupons(
                session, checks, calc.coupons, transaction_id, customer.id, "held", result.expires_at, now
            )
            fields = dict(
                customer_id=customer.id,
                fingerprint=request_print,
                receipt_fingerprint=receipt_print,
                redeem=calc.redeem,
                points=rules.points_for_redeem(program, calc.redeem),
                state="live",
                expires_at=result.expires_at,
                created_at=now,
                lines_json=dump_result(calc.lines),
                result_json=dump_result(result),
            )
            store.save_reservation(session, transaction_id, existing is not None, **fields)
            ledger.touch(session, account, now)
            return result

        return self._with_code(unit)

    @staticmethod
    def _check_balance(program: Program, status: CustomerStatus, spendable: Decimal, redeem: Decimal) -> None:
        if redeem <= ZERO:
            return
        if status is CustomerStatus.NOT_ACTIVATED:
            raise NotActivated(rules.MSG_NOT_ACTIVATED)
        if program.point_value > ZERO and redeem == redeem.quantize(CENT):
            if rules.points_for_redeem(program, redeem) > spendable:
                raise InsufficientBalance(f"Недостаточно баллов: доступно {format_money(spendable)}")

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
        """Record a fiscalised sale: spend the reserved points, use up the coupons, credit the
        accrual as pending, count what was paid towards the tier.

        Points are spent only as reserved for this transaction (see `_check_unreserved`), except
        offline: then within the program's offline limit for the day, and marked for review.
        With a live reservation the coupons must be the ones it was made with, and those it held
        are used up with the discounts it gave; otherwise each coupon is checked afresh and one
        that no longer applies refuses the purchase (INVALID_REQUEST).
        """
        item = CommitItem(transaction_id, customer_id, receipt, redeem, fiscal, offline, occurred_at, tuple(coupons))
        return self._work(self.commit_unit(item))

    def commit_unit(self, item: CommitItem) -> Callable[[Session], CommitResult]:
        """The unit of work of `commit`, to run in a transaction of its own or of a batch."""
        receipt_print, request_print = commit_prints(item)
        transaction_id, receipt, redeem, coupons = item.transaction_id, item.receipt, item.redeem, item.coupons

        def unit(session: Session) -> CommitResult:
            now = self.clock.now()
            customer = self._customer(session, item.customer_id)
            account = self._account(session, customer, now)  # first: everything below depends on it
            existing = self._transaction(session, "purchase", transaction_id)
            if existing is not None:
                if existing.fingerprint != request_print:
                    raise InvalidRequest(f"Покупка {transaction_id} уже проведена с другим чеком")
                return load_result(CommitResult, existing.result_json)
            if self._transaction(session, "cancel", transaction_id) is not None:
                raise InvalidRequest(f"Покупка {transaction_id} отменена: провести её нельзя")
            program, program_row = program_in_force(session, receipt.store_id)
            status = usable_status(customer.status)
            reservation = self._reservation(session, transaction_id)
            if reservation is not None and reservation.customer_id != customer.id:
                raise InvalidRequest(f"Резерв {transaction_id} сделан для другого клиента")
            review = False
            if reservation is not None and reservation.state == "live" and reservation.expires_at > now:
                self._check_matches(reservation, receipt_print, redeem)
                reserved = load_result(Reservation, reservation.result_json)
                if sorted(coupons) != sorted(result.code for result in reserved.coupons):
                    raise InvalidRequest(f"Купоны покупки {transaction_id} не совпадают с резервом")
                lines = reserved.lines
                by_code = {result.code: result for result in reserved.coupons}
                coupon_results = tuple(by_code[code] for code in coupons)
                checks = self._coupon_checks(session, coupons, transaction_id, now)
                points = reservation.points
                store.set_reservation_state(session, transaction_id, "committed")
            else:
                if reservation is not None and reservation.state == "live":
                    store.set_reservation_state(session, transaction_id, "expired")
                spendable = ledger.available(session, account, now, exclude=transaction_id)
                self._check_balance(program, status, spendable, redeem)
                if redeem > ZERO and not item.offline:
                    self._check_unreserved(transaction_id, reservation, receipt_print, redeem, item.occurred_at)
                if redeem > ZERO and item.offline:
                    since = _start_of_day(item.occurred_at)
                    spent = store.offline_points(session, customer.id, since, since + timedelta(days=1))
                    rules.check_offline_redeem(program, redeem, spent, f"{since:%d.%m.%Y}")
                    review = True
                calc, checks = self._calculate(
                    session, program, customer, receipt, spendable, redeem, status, coupons, transaction_id, now
                )
                self._refused_coupons(calc.coupons)
                lines, coupon_results = calc.lines, calc.coupons
                points = rules.points_for_redeem(program, redeem)
            self._take_coupons(session, checks, coupon_results, transaction_id, customer.id, "used", now, now)
            if points > ZERO:
                ledger.spend(session, account, points, transaction_id, now)
            accrued = sum((line.accrual for line in lines), ZERO)
            ledger.accrue(session, account, accrued, transaction_id, now, program_row.accrual_hold_days)
            coupon_discount = sum((line.coupon_discount for line in lines), ZERO)
            paid = max(ZERO, receipt.total - redeem - coupon_discount)
            store.add_purchases(session, customer.id, paid)
            result = CommitResult(
                transaction_id=transaction_id,
                accrued=accrued,
                redeemed=money(redeem),
                balance=ledger.balance(session, account, now),
                offers=self._offers(session, customer.id, now),
                coupons=coupon_results,
            )
            allocation = {line.line_no: line for line in lines}
            store.record(
                session,
                kind="purchase",
                key=transaction_id,
                original_key=None,
                customer_id=customer.id,
                fingerprint=request_print,
                state="committed",
                redeem=money(redeem),
                points=points,
                accrual=accrued,
                paid=paid,
                offline=item.offline,
                review=review,
                occurred_at=_utc(item.occurred_at),
                created_at=now,
                lines_json=purchase_lines_json(receipt.lines, allocation),
                result_json=dump_result(result),
            )
            return result

        return unit

    @staticmethod
    def _check_matches(reservation: Row[Any], receipt_print: str, redeem: Decimal) -> None:
        if reservation.receipt_fingerprint != receipt_print or reservation.redeem != redeem:
            raise InvalidRequest("Чек или сумма списания не совпадают с резервом")

    @staticmethod
    def _check_unreserved(
        transaction_id: str,
        reservation: Row[Any] | None,
        receipt_print: str,
        redeem: Decimal,
        occurred_at: datetime,
    ) -> None:
        """Refuse an online redemption that no reservation of this transaction covers.

        Online, points are spent only through ReservePurchase, which asks for the customer's
        one-time code from the program's threshold on. A reservation that lapsed after the sale
        was closed still covers it (the commit came late: the till lost the service after
        payment), when it is for this receipt and amount; the balance is checked again then.
        INVALID_REQUEST, not CONFIRMATION_REQUIRED: a commit carries no code, and nothing the
        till can do for this commit would make it valid.
        """
        if reservation is None:
            raise InvalidRequest(
                f"Списание {format_money(redeem)} без резерва: списывать баллы можно только по резерву "
                "(ReservePurchase) этой покупки"
            )
        if reservation.state == "cancelled":
            raise InvalidRequest(f"Резерв {transaction_id} отменён: списание не подтверждено")
        if _utc(occurred_at) > reservation.expires_at:
            raise InvalidRequest(
                f"Резерв {transaction_id} истёк {reservation.expires_at:%d.%m.%Y %H:%M} UTC, до закрытия чека: "
                "списание не подтверждено"
            )
        SandboxLoyalty._check_matches(reservation, receipt_print, redeem)

    def cancel(self, transaction_id: str) -> CancelResult:
        """Release a reservation, or reverse a committed purchase (what is left of it after refunds)."""
        return self._work(self.cancel_unit(transaction_id))

    def cancel_unit(self, transaction_id: str) -> Callable[[Session], CancelResult]:
        """The unit of work of `cancel`, to run in a transaction of its own or of a batch."""

        def unit(session: Session) -> CancelResult:
            now = self.clock.now()
            done = self._transaction(session, "cancel", transaction_id)
            if done is not None:
                return load_result(CancelResult, done.result_json)
            owner = self._owner(session, transaction_id)
            if owner is None:
                raise TransactionNotFound(f"Покупка или резерв {transaction_id} не найдены")
            customer = self._customer(session, owner)
            account = self._account(session, customer, now)  # then read again what depends on it
            done = self._transaction(session, "cancel", transaction_id)
            if done is not None:
                return load_result(CancelResult, done.result_json)
            purchase = self._transaction(session, "purchase", transaction_id)
            reservation = self._reservation(session, transaction_id)
            quantities: dict[int, Decimal] = {}
            reversed_ = Reversal(ZERO, ZERO, ZERO)
            if purchase is not None:
                returned_before = self._returned(session, purchase.key)
                quantities = {
                    line["line_no"]: Decimal(line["quantity"]) - returned_before.get(line["line_no"], ZERO)
                    for line in json.loads(purchase.lines_json)
                }
                reversed_ = self._reverse(
                    session, purchase, account, customer, returned_before, quantities, f"cancel:{transaction_id}", now
                )
                store.set_transaction_state(session, "purchase", transaction_id, "cancelled")
                store.release_coupons(session, transaction_id, "used", valid_on=now.date())
            elif reservation is not None:
                store.set_reservation_state(session, transaction_id, "cancelled")
                store.release_coupons(session, transaction_id, "held")
                ledger.touch(session, account, now)
            result = CancelResult(transaction_id=transaction_id, cancelled=True, balance=ledger.balance(session, account, now))
            self._record_return(
                session,
                "cancel",
                transaction_id,
                transaction_id if purchase is not None else None,
                customer.id,
                fingerprint({"cancel": transaction_id}),
                reversed_,
                quantities,
                result,
                now,
            )
            return result

        return unit

    def refund(self, refund_id: str, original_transaction_id: str, lines: Sequence[RefundLine]) -> RefundResult:
        """Return goods of a purchase: reverse accrual and give back spent points in proportion."""
        return self._work(self.refund_unit(refund_id, original_transaction_id, lines))

    def refund_unit(
        self, refund_id: str, original_transaction_id: str, lines: Sequence[RefundLine]
    ) -> Callable[[Session], RefundResult]:
        """The unit of work of `refund`, to run in a transaction of its own or of a batch."""
        numbers = [line.line_no for line in lines]
        request_print = fingerprint(
            {"original": original_transaction_id, "lines": sorted([line.line_no, _number(line.quantity)] for line in lines)}
        )

        def unit(session: Session) -> RefundResult:
            now = self.clock.now()
            existing = self._transaction(session, "refund", refund_id)
            if existing is not None:
                if existing.fingerprint != request_print:
                    raise InvalidRequest(f"Возврат {refund_id} уже проведён с другими позициями")
                return load_result(RefundResult, existing.result_json)
            if not lines or len(set(numbers)) != len(numbers):
                raise InvalidRequest("Позиции возврата не указаны или повторяются")
            purchase = self._transaction(session, "purchase", original_transaction_id)
            if purchase is None:
                raise TransactionNotFound(f"Покупка {original_transaction_id} не найдена")
            customer = self._customer(session, purchase.customer_id)
            account = self._account(session, customer, now)  # then read again what depends on it
            purchase = self._transaction(session, "purchase", original_transaction_id)
            assert purchase is not None  # purchases are never deleted
            if purchase.state == "cancelled":
                raise RefundExceedsPurchase(f"Покупка {original_transaction_id} отменена: возвращать нечего")
            bought = {line["line_no"]: Decimal(line["quantity"]) for line in json.loads(purchase.lines_json)}
            returned_before = self._returned(session, purchase.key)
            quantities: dict[int, Decimal] = {}
            for line in lines:
                if line.line_no not in bought:
                    raise InvalidRequest(f"В покупке нет позиции {line.line_no}")
                if line.quantity <= ZERO:
                    raise InvalidRequest(f"Позиция {line.line_no}: количество должно быть больше нуля")
                already = returned_before.get(line.line_no, ZERO)
                if already + line.quantity > bought[line.line_no]:
                    raise RefundExceedsPurchase(
                        f"Позиция {line.line_no}: куплено {_number(bought[line.line_no])}, "
                        f"уже возвращено {_number(already)}, к возврату {_number(line.quantity)}"
                    )
                quantities[line.line_no] = line.quantity
            reversed_ = self._reverse(session, purchase, account, customer, returned_before, quantities, refund_id, now)
            if all(returned_before.get(no, ZERO) + quantities.get(no, ZERO) >= qty for no, qty in bought.items()):
                store.release_coupons(session, purchase.key, "used", valid_on=now.date())
            result = RefundResult(
                refund_id=refund_id,
                accrual_reversed=reversed_.accrual,
                redeem_returned=reversed_.points,
                balance=ledger.balance(session, account, now),
            )
            self._record_return(
                session, "refund", refund_id, purchase.key, customer.id, request_print, reversed_, quantities, result, now
            )
            return result

        return unit

    delivers_batches = True
    """Several commits, cancels and refunds are done in one go (`deliver_batch`)."""

    def deliver_batch(self, items: Sequence[BatchItem]) -> list[BatchAnswer]:
        """Commits, cancels and refunds done in order in one transaction, each answered on its own
        with its result or its business fault, as its own operation would answer it (see
        `batch_delivery`)."""

        def unit(session: Session) -> list[BatchAnswer]:
            if session.get_bind().dialect.name == "sqlite":
                # The write lock from the start: a batch writes anyway, and a read snapshot upgraded
                # to a write late would fail whenever another writer went first (savepoints, too,
                # need the transaction the driver would otherwise open only at the first write).
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            return BatchDelivery(self, session).run(items)

        return self._work(unit)

    @staticmethod
    def _returned(session: Session, purchase_key: str) -> dict[int, Decimal]:
        """Quantities per line already returned by refunds (and a cancel) of a purchase."""
        totals: dict[int, Decimal] = {}
        for lines_json in store.returns_of(session, purchase_key):
            for no, qty in json.loads(lines_json).items():
                totals[int(no)] = totals.get(int(no), ZERO) + Decimal(qty)
        return totals

    @staticmethod
    def _record_return(
        session: Session,
        kind: str,
        key: str,
        original_key: str | None,
        customer_id: str,
        request_print: str,
        reversed_: Reversal,
        quantities: dict[int, Decimal],
        result: CancelResult | RefundResult,
        now: datetime,
    ) -> None:
        """Record a refund or a cancel with what it reversed and the quantities it returned."""
        store.record(
            session,
            kind=kind,
            key=key,
            original_key=original_key,
            customer_id=customer_id,
            fingerprint=request_print,
            state="done",
            redeem=ZERO,
            points=reversed_.points,
            accrual=reversed_.accrual,
            paid=reversed_.paid,
            offline=False,
            occurred_at=now,
            created_at=now,
            lines_json=json.dumps({str(no): str(qty) for no, qty in quantities.items()}),
            result_json=dump_result(result),
        )

    @staticmethod
    def _reverse(
        session: Session,
        purchase: Row[Any],
        account: ledger.Account,
        customer: Row[Any],
        returned_before: dict[int, Decimal],
        quantities: dict[int, Decimal],
        reference: str,
        now: datetime,
    ) -> Reversal:
        """Reverse the share of a purchase for `quantities`: accrual taken back, points given back,
        money given back.

        Shares are cumulative (everything returned so far, minus what earlier returns took), so
        returning a purchase in several parts reverses exactly what a single full return would.
        """
        lines = [
            SoldLine(
                line["line_no"],
                Decimal(line["quantity"]),
                Decimal(line["amount"]),
                Decimal(line["discount"]),
                Decimal(line["accrual"]),
                # a purchase recorded before coupons existed had points as its only discount
                Decimal(line.get("points_discount", line["discount"])),
            )
            for line in json.loads(purchase.lines_json)
        ]
        shares = return_share(lines, purchase.points, purchase.redeem, returned_before, quantities)
        points = shares.points
        if points > ZERO:
            ledger.give_back(session, account, points, reference, now)
        taken = ledger.reverse_accrual(session, account, shares.accrual, purchase.key, reference, now)
        store.add_purchases(session, customer.id, -shares.paid)
        return Reversal(taken, points, shares.paid)

    def register(self, registration: Registration) -> Customer:
        """Enrol a new member whose phone was confirmed by a register code (a replay returns them)."""

        def unit(session: Session) -> Customer:
            now = self.clock.now()
            program, _ = program_in_force(session)
            phone = normalise_phone(registration.phone)
            if phone is None:
                raise InvalidRequest("Неверный номер телефона")
            existing = session.scalars(select(CustomerRow).where(CustomerRow.phone == phone)).first()
            if existing is not None:
                used = session.scalars(
                    select(OneTimeCode).where(
                        OneTimeCode.customer_id == existing.id,
                        OneTimeCode.purpose == ConfirmationPurpose.REGISTER.value,
                        OneTimeCode.used_at.is_not(None),
                    )
                ).all()
                if any(hmac.compare_digest(row.code.encode(), registration.confirmation_code.encode()) for row in used):
                    return self._view(session, program, existing, self._account(session, existing, now), now)
                raise InvalidRequest("Этот номер уже зарегистрирован в программе")
            card = registration.card_number
            if card is not None:
                if not is_card_number(card):
                    raise InvalidRequest("Неверный номер карты")
                if session.scalars(select(CustomerRow).where(CustomerRow.card_number == card)).first():
                    raise InvalidRequest("Эта карта уже выдана другому участнику")
            code = self._use_code(session, ConfirmationPurpose.REGISTER, registration.confirmation_code, now, phone=phone)
            customer = CustomerRow(
                id=f"C{secrets.token_hex(6).upper()}",
                display_name=registration.first_name.strip() or "Новый участник",
                phone=phone,
                card_number=card,
                status=CustomerStatus.ACTIVE.value,
                account=f"2{secrets.randbelow(10**9):09d}",
                totp_secret=secrets.token_bytes(20).hex(),
                purchases_12m=ZERO,
                birth_date=registration.birth_date,
                marketing_consent=registration.marketing_consent,
                created_at=now,
            )
            session.add(customer)
            session.flush()
            account = ledger.open_account(session, customer.id, now)
            code.customer_id = customer.id
            session.add(
                OfferRow(
                    id=f"OF-{customer.id}-1",
                    customer_id=customer.id,
                    title="Добро пожаловать",
                    text="Двойные баллы на первую покупку",
                    coupon_code=make_ean13(f"99{secrets.randbelow(10**10):010d}"),
                    valid_until=now.date() + timedelta(days=30),
                    barcode_kind=BarcodeKind.QR.value,
                    kind=OfferKind.EXTRA_POINTS_MULTIPLIER.value,
                    value=Decimal("2.00"),
                    valid_from=now.date(),
                )
            )
            session.flush()
            return self._view(session, program, customer, account, now, (f"Добро пожаловать в «{program.name}»",))

        return self._with_code(unit)

    def get_offers(self, customer_id: str, store_id: str) -> tuple[Offer, ...]:
        """The member's offers still valid today."""

        def unit(session: Session) -> tuple[Offer, ...]:
            customer = self._customer(session, customer_id)
            usable_status(customer.status)
            return self._offers(session, customer.id, self.clock.now())

        return self._work(unit)

    # ----- for tests and the demo ----------------------------------------------------------------

    def balance_of(self, customer_id: str) -> Balance:
        """The member's balance now, read directly (no identification, no QR step used)."""

        def unit(session: Session) -> Balance:
            now = self.clock.now()
            customer = self._customer(session, customer_id)
            return ledger.balance(session, self._account(session, customer, now, lock=False), now)

        return self._work(unit)
