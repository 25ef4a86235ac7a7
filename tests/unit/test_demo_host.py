from decimal import Decimal

from app.demo.host import DEMO_PRODUCTS, DemoReceiptBuilder


def test_same_product_twice_raises_quantity_and_amount() -> None:
    host = DemoReceiptBuilder("001", "01")
    coffee = DEMO_PRODUCTS[2]
    host.add(coffee.sku)
    receipt = host.add(coffee.sku)
    assert len(receipt.lines) == 1
    assert receipt.lines[0].quantity == 2
    assert receipt.lines[0].amount == Decimal("31.80")


def test_flags_of_excluded_products_reach_the_receipt() -> None:
    host = DemoReceiptBuilder("001", "01")
    by_name = {p.name: p for p in DEMO_PRODUCTS}
    host.add(by_name["Сигареты"].sku)
    receipt = host.add(by_name["Вино столовое 0,75 л"].sku)
    cigarettes, wine = receipt.lines
    assert (cigarettes.redeem_allowed, cigarettes.accrual_allowed) == (False, False)
    assert wine.min_price == Decimal("9.00")


def test_removing_a_line_keeps_the_others_numbers() -> None:
    host = DemoReceiptBuilder("001", "01")
    for product in DEMO_PRODUCTS[:3]:
        host.add(product.sku)
    receipt = host.remove(2)
    assert [line.line_no for line in receipt.lines] == [1, 3]
    assert host.add(DEMO_PRODUCTS[4].sku).lines[-1].line_no == 4
    assert host.new().lines == ()
