"""The host POS side of the demo till: demo products and the open receipt they build."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from fiscal.money import money
from fiscal.receipt import Receipt, ReceiptLine


@dataclass(frozen=True)
class Product:
    """A product the demo host sells, with the flags a real POS would send."""

    sku: str
    name: str
    price: Decimal
    redeem_allowed: bool = True
    accrual_allowed: bool = True
    min_price: Decimal | None = None


DEMO_PRODUCTS: tuple[Product, ...] = (
    Product("4810001000017", "Молоко 3,2% 1 л", Decimal("2.49")),
    Product("4810001000024", "Хлеб «Бородинский»", Decimal("1.89")),
    Product("4810001000031", "Кофе зерновой 250 г", Decimal("15.90")),
    Product("4810001000048", "Шоколад горький", Decimal("2.99")),
    Product("4810001000055", "Сигареты", Decimal("5.40"), redeem_allowed=False, accrual_allowed=False),
    Product("4810001000062", "Вино столовое 0,75 л", Decimal("12.50"), min_price=Decimal("9.00")),
    Product("4810001000079", "Подарочная карта", Decimal("50.00"), redeem_allowed=False, accrual_allowed=False),
)


class DemoReceiptBuilder:
    """Builds the open receipt as a cashier adds and removes products (same product: quantity + 1)."""

    def __init__(self, store_id: str, till_id: str, products: tuple[Product, ...] = DEMO_PRODUCTS) -> None:
        self._store_id = store_id
        self._till_id = till_id
        self._products = {p.sku: p for p in products}
        self.products = products
        self._count = 0
        self.receipt = self._empty()

    def add(self, sku: str) -> Receipt:
        """Add one unit of a product."""
        product = self._products[sku]
        lines = list(self.receipt.lines)
        for i, line in enumerate(lines):
            if line.sku == sku:
                quantity = line.quantity + 1
                lines[i] = ReceiptLine(
                    line.line_no, sku, line.name, quantity, line.price, money(line.price * quantity),
                    line.redeem_allowed, line.accrual_allowed, line.min_price,
                )
                break
        else:
            number = max((line.line_no for line in lines), default=0) + 1
            lines.append(
                ReceiptLine(
                    number, sku, product.name, Decimal(1), product.price, product.price,
                    product.redeem_allowed, product.accrual_allowed, product.min_price,
                )
            )
        self.receipt = self.receipt.with_lines(lines)
        return self.receipt

    def remove(self, line_no: int) -> Receipt:
        """Remove a whole line."""
        self.receipt = self.receipt.with_lines(line for line in self.receipt.lines if line.line_no != line_no)
        return self.receipt

    def new(self) -> Receipt:
        """Start an empty receipt."""
        self.receipt = self._empty()
        return self.receipt

    def _empty(self) -> Receipt:
        now = datetime.now(timezone.utc)
        self._count += 1
        # Readable for the cashier, unique per till: opening time plus a counter of this run.
        receipt_id = f"{now:%y%m%d-%H%M%S}-{self._count}"
        return Receipt(receipt_id, self._store_id, self._till_id, now, ())
