"""The sandbox migrates its database itself, on SQLite and PostgreSQL, keeping every row it holds."""
from __future__ import annotations

import threading
from datetime import datetime, timezone
from decimal import Decimal as D
from typing import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.orm import Session

from fiscal.receipt import Receipt, ReceiptLine
from loyalty_client.sandbox import SandboxClock, start_sandbox
from loyalty_client.sandbox.storage.database import make_engine
from loyalty_client.sandbox.demo import DEMO_STORE_ID, IVAN, coupon_code, seed_demo
from loyalty_client.sandbox.logic import SandboxLoyalty
from loyalty_client.sandbox.migrate import (
    BEFORE_MIGRATIONS,
    SchemaTooNew,
    current_revision,
    downgrade,
    head_revision,
    upgrade,
)
from loyalty_client.sandbox.storage.models import Base, CustomerRow, LedgerEntry, OfferRow, PointAccount, TransactionRow
from loyalty_client.types import CouponRefusal, FiscalDocument
from tests.backends import ON_EVERY_DATABASE

pytestmark = [pytest.mark.integration, ON_EVERY_DATABASE]

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
TABLES = {table.name for table in Base.metadata.sorted_tables}


@pytest.fixture
def engine(sandbox_db_url: str) -> Iterator[Engine]:
    made = make_engine(sandbox_db_url)
    yield made
    made.dispose()


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def _seed(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        seed_demo(session, NOW)


def _sell(engine: Engine, transaction_id: str) -> None:
    """A purchase with redemption, recorded the way a till's commit records it."""
    receipt = Receipt(
        f"R-{transaction_id}", DEMO_STORE_ID, "01", NOW,
        (ReceiptLine(1, "SKU-1", "Кофе", D("1"), D("100.00"), D("100.00")),),
    )
    SandboxLoyalty(engine, SandboxClock(NOW)).commit(
        transaction_id, IVAN.customer_id, receipt, D("10.00"), FiscalDocument("FD-1", NOW), True, NOW
    )


def _contents(engine: Engine) -> tuple[object, ...]:
    with engine.connect() as connection:
        return (
            connection.execute(
                select(TransactionRow.kind, TransactionRow.key, TransactionRow.paid).order_by(TransactionRow.id)
            ).all(),
            connection.execute(
                select(LedgerEntry.kind, LedgerEntry.amount, LedgerEntry.reference).order_by(LedgerEntry.id)
            ).all(),
            connection.execute(
                select(PointAccount.customer_id, PointAccount.spendable).order_by(PointAccount.customer_id)
            ).all(),
            connection.scalar(select(func.count()).select_from(CustomerRow)),
        )


def test_a_new_database_gets_exactly_the_tables_the_code_uses(engine: Engine) -> None:
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert _tables(engine) == TABLES | {"alembic_version"}
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_a_database_made_before_migrations_is_upgraded_with_its_ledger(sandbox_db_url: str, engine: Engine) -> None:
    # what the sandbox did before it had migrations: create_all, the demo data, then sales.
    # (The models as they are: such a database may already have revision 0002's columns.)
    Base.metadata.create_all(engine)
    _seed(engine)
    _sell(engine, "T-OLD-1")
    before = _contents(engine)
    assert current_revision(engine) is None

    running = start_sandbox(sandbox_db_url, clock=SandboxClock(NOW))  # upgrades, and must not seed again
    try:
        assert current_revision(running.engine) == head_revision()
        assert _contents(running.engine) == before
        assert running.service.balance_of(IVAN.customer_id).spendable == IVAN.spendable - D("10.00")
        _sell(running.engine, "T-NEW-1")  # and the upgraded database goes on working
    finally:
        running.stop()
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(TransactionRow)) == 2


def test_a_database_made_before_migrations_with_the_first_schema_gets_the_newer_columns(engine: Engine) -> None:
    upgrade(engine, BEFORE_MIGRATIONS)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrading_again_changes_nothing(engine: Engine) -> None:
    upgrade(engine)
    _seed(engine)
    _sell(engine, "T-1")
    before = _contents(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert _contents(engine) == before


def test_down_to_nothing_and_up_again(engine: Engine) -> None:
    upgrade(engine)
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert _tables(engine) == {"alembic_version"}
    upgrade(engine)
    assert _tables(engine) == TABLES | {"alembic_version"}


def test_a_database_from_a_newer_sandbox_is_left_alone(engine: Engine) -> None:
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'f00d'"))
    with pytest.raises(SchemaTooNew):
        upgrade(engine)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "f00d"


def test_sandboxes_starting_at_once_on_a_new_database_migrate_it_once(sandbox_db_url: str) -> None:
    count = 3
    start = threading.Barrier(count)
    errors: list[BaseException] = []
    revisions: list[str | None] = []

    def work() -> None:
        own = make_engine(sandbox_db_url)  # a process of its own would have its own engine
        try:
            start.wait(30)
            upgrade(own)
            revisions.append(current_revision(own))
        except BaseException as exc:
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert revisions == [head_revision()] * count


def test_upgrading_from_0002_keeps_the_ledger_and_offers_stored_before_get_no_rule(engine: Engine) -> None:
    upgrade(engine)
    _seed(engine)
    _sell(engine, "T-BEFORE-RULES")
    downgrade(engine, "0002")  # the schema a sandbox of revision 0002 left, with its rows
    assert current_revision(engine) == "0002"
    assert {"coupon_uses", "catalogue"}.isdisjoint(_tables(engine))
    before = _contents(engine)

    upgrade(engine)

    assert current_revision(engine) == head_revision()
    assert _contents(engine) == before
    with Session(engine) as session:
        offers = session.scalars(select(OfferRow)).all()
    assert offers and all(offer.kind is None and offer.personal and offer.single_use for offer in offers)
    service = SandboxLoyalty(engine, SandboxClock(NOW))
    coupon = coupon_code(2, 1)
    sale = Receipt("R-C", DEMO_STORE_ID, "01", NOW, (ReceiptLine(1, "SKU-1", "Кофе", D("1"), D("100.00"), D("100.00")),))
    (result,) = service.calculate(IVAN.customer_id, sale, coupons=(coupon,)).coupons
    assert (result.applied, result.reason) == (False, CouponRefusal.NO_ELIGIBLE_LINES)  # identifies, gives nothing
    _sell(engine, "T-AFTER-RULES")
