"""The demo data a newcomer meets in the sandbox: one program, three tiers, five members, their
offers (as rules their printed coupons apply when scanned back) and the demo products' categories.

Fixed account numbers and TOTP secrets let tests and the demo make valid app QRs:
`make_app_qr(ANNA.account, ANNA.totp_secret, clock.now())`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal as D

from sqlalchemy.orm import Session

from loyalty_client.codes import make_ean13
from loyalty_client.sandbox.storage.models import (
    CatalogueItem,
    CustomerRow,
    OfferRow,
    PendingPoints,
    PointAccount,
    ProgramRow,
    TierRow,
)
from loyalty_client.types import BarcodeKind, CustomerStatus, OfferKind

DEMO_STORE_ID = "001"
DEMO_TILL_ID = "01"
DEMO_CURRENCY = "BYN"
ACCRUAL_HOLD_DAYS = 14
RESERVATION_TTL_SECONDS = 900
OFFLINE_REDEEM_LIMIT = D("20.00")  # points a day per customer, as the till's default offline cap


@dataclass(frozen=True)
class DemoCustomer:
    """A seeded member and everything a test needs to find them."""

    customer_id: str
    display_name: str
    phone: str
    card_number: str | None
    status: CustomerStatus
    purchases_12m: D
    spendable: D
    account: str
    totp_secret: bytes
    pending: D = D("0.00")
    expiring_amount: D = D("0.00")
    expiring_on: date | None = None


ANNA = DemoCustomer(
    customer_id="C0001",
    display_name="Анна Ковалёва",
    phone="+375291234567",
    card_number="2000000000015",
    status=CustomerStatus.ACTIVE,
    purchases_12m=D("812.40"),
    spendable=D("125.50"),
    pending=D("14.20"),
    expiring_amount=D("30.00"),
    expiring_on=date(2026, 12, 31),
    account="1000000001",
    totp_secret=b"till-loyalty-demo-anna-kovaleva",
)
IVAN = DemoCustomer(
    customer_id="C0002",
    display_name="Иван Петров",
    phone="+79165550123",
    card_number="2000000000022",
    status=CustomerStatus.ACTIVE,
    purchases_12m=D("2315.00"),
    spendable=D("840.00"),
    account="1000000002",
    totp_secret=b"till-loyalty-demo-ivan-petrov",
)
OLGA = DemoCustomer(
    customer_id="C0003",
    display_name="Ольга Сидорович",
    phone="+375337654321",
    card_number=None,
    status=CustomerStatus.ACTIVE,
    purchases_12m=D("0.00"),
    spendable=D("0.00"),
    account="1000000003",
    totp_secret=b"till-loyalty-demo-olga-sidorovich",
)
PETR = DemoCustomer(
    customer_id="C0004",
    display_name="Пётр Заблокированный",
    phone="+375447000001",
    card_number=None,
    status=CustomerStatus.BLOCKED,
    purchases_12m=D("164.00"),
    spendable=D("50.00"),
    account="1000000004",
    totp_secret=b"till-loyalty-demo-petr-blocked",
)
MARIA = DemoCustomer(
    customer_id="C0005",
    display_name="Мария Новикова",
    phone="+375251112233",
    card_number=None,
    status=CustomerStatus.NOT_ACTIVATED,
    purchases_12m=D("333.40"),
    spendable=D("10.00"),
    account="1000000005",
    totp_secret=b"till-loyalty-demo-maria-novikova",
)
DEMO_CUSTOMERS: tuple[DemoCustomer, ...] = (ANNA, IVAN, OLGA, PETR, MARIA)

CATALOGUE: dict[str, str] = {
    # the demo POS's products (app/demo/host.py) -> category
    "4810001000017": "dairy",  # Молоко
    "4810001000024": "bakery",  # Хлеб
    "4810001000031": "coffee",  # Кофе зерновой
    "4810001000048": "sweets",  # Шоколад
    "4810001000055": "tobacco",  # Сигареты
    "4810001000062": "wine",  # Вино
    "4810001000079": "gift_cards",  # Подарочная карта
}


@dataclass(frozen=True)
class DemoOffer:
    """A demo member's offer: what it says, how its coupon is printed, and the rule it applies."""

    title: str
    text: str
    barcode_kind: BarcodeKind
    days_valid: int
    kind: OfferKind
    value: D
    min_amount: D | None = None
    categories: tuple[str, ...] = ()
    skus: tuple[str, ...] = ()
    personal: bool = True


_OFFERS: dict[str, tuple[DemoOffer, ...]] = {
    ANNA.customer_id: (
        DemoOffer("−10 % на кофе", "Скидка 10 % на кофе", BarcodeKind.QR, 30, OfferKind.PERCENT_OFF, D("10.00"),
                  categories=("coffee",)),
        DemoOffer("Двойные баллы", "Двойные баллы за покупку от 20,00", BarcodeKind.EAN13, 45,
                  OfferKind.EXTRA_POINTS_MULTIPLIER, D("2.00"), min_amount=D("20.00")),
    ),
    IVAN.customer_id: (
        DemoOffer("−2,00 на покупку", "Скидка 2,00 на покупку от 10,00 — можно подарить другу", BarcodeKind.EAN13,
                  30, OfferKind.AMOUNT_OFF, D("2.00"), min_amount=D("10.00"), personal=False),
        DemoOffer("+10 баллов за вино", "10 баллов за бутылку вина", BarcodeKind.QR, 60,
                  OfferKind.EXTRA_POINTS_FIXED, D("10.00"), categories=("wine",)),
    ),
    OLGA.customer_id: (
        DemoOffer("Добро пожаловать", "50 приветственных баллов за покупку от 30,00", BarcodeKind.QR, 30,
                  OfferKind.EXTRA_POINTS_FIXED, D("50.00"), min_amount=D("30.00")),
        DemoOffer("−20 % на хлеб", "Скидка 20 % на хлеб и выпечку", BarcodeKind.EAN13, 14, OfferKind.PERCENT_OFF,
                  D("20.00"), categories=("bakery",)),
    ),
    PETR.customer_id: (
        DemoOffer("−5 % на всё", "Скидка 5 % на чек", BarcodeKind.EAN13, 30, OfferKind.PERCENT_OFF, D("5.00")),
        DemoOffer("−15 % на кофе", "Скидка 15 % на кофе", BarcodeKind.QR, 30, OfferKind.PERCENT_OFF, D("15.00"),
                  categories=("coffee",)),
    ),
    MARIA.customer_id: (
        DemoOffer("Активируйте карту", "Активируйте карту в приложении и получите 30 баллов", BarcodeKind.QR, 30,
                  OfferKind.EXTRA_POINTS_FIXED, D("30.00")),
        DemoOffer("−10 % на молоко", "Скидка 10 % на молоко", BarcodeKind.EAN13, 30, OfferKind.PERCENT_OFF,
                  D("10.00"), categories=("dairy",)),
    ),
}


def coupon_code(customer_number: int, offer_number: int) -> str:
    """The EAN-13 coupon code (starting with 99) of a member's offer."""
    return make_ean13(f"99{customer_number:05d}{offer_number:05d}")


def seed_demo(session: Session, now: datetime) -> None:
    """Insert the demo program, tiers, members, balances and offers (dates relative to `now`)."""
    program = ProgramRow(
        name="Клуб друзей",
        currency=DEMO_CURRENCY,
        point_value=D("1.00"),
        max_redeem_percent=D("50.00"),
        confirmation_threshold=D("20.00"),
        offline_redeem_limit=OFFLINE_REDEEM_LIMIT,
        version="2026.1",
        accrual_hold_days=ACCRUAL_HOLD_DAYS,
        reservation_ttl_seconds=RESERVATION_TTL_SECONDS,
    )
    session.add(program)
    session.flush()
    for code, name, percent, threshold in (
        ("bronze", "Бронза", "3.00", "0.00"),
        ("silver", "Серебро", "5.00", "500.00"),
        ("gold", "Золото", "10.00", "1500.00"),
    ):
        session.add(TierRow(program_id=program.id, code=code, name=name, accrual_percent=D(percent), threshold=D(threshold)))
    today = now.date()
    for number, demo in enumerate(DEMO_CUSTOMERS, start=1):
        session.add(
            CustomerRow(
                id=demo.customer_id,
                display_name=demo.display_name,
                phone=demo.phone,
                card_number=demo.card_number,
                status=demo.status.value,
                account=demo.account,
                totp_secret=demo.totp_secret.hex(),
                purchases_12m=demo.purchases_12m,
                birth_date=None,
                marketing_consent=True,
                created_at=now,
            )
        )
        session.flush()
        session.add(
            PointAccount(
                customer_id=demo.customer_id,
                spendable=demo.spendable,
                expiring_amount=demo.expiring_amount,
                expiring_on=demo.expiring_on,
                updated_at=now,
            )
        )
        if demo.pending:
            session.add(
                PendingPoints(
                    customer_id=demo.customer_id,
                    transaction_id=None,
                    amount=demo.pending,
                    available_on=today + timedelta(days=ACCRUAL_HOLD_DAYS),
                )
            )
        for offer_number, offer in enumerate(_OFFERS[demo.customer_id], start=1):
            session.add(
                OfferRow(
                    id=f"OF-{demo.customer_id}-{offer_number}",
                    customer_id=demo.customer_id,
                    title=offer.title,
                    text=offer.text,
                    coupon_code=coupon_code(number, offer_number),
                    valid_until=today + timedelta(days=offer.days_valid),
                    barcode_kind=offer.barcode_kind.value,
                    kind=offer.kind.value,
                    value=offer.value,
                    min_amount=offer.min_amount,
                    skus=" ".join(offer.skus),
                    categories=" ".join(offer.categories),
                    personal=offer.personal,
                    single_use=True,
                    valid_from=today,
                )
            )
    for sku, category in CATALOGUE.items():
        session.add(CatalogueItem(sku=sku, category=category))
