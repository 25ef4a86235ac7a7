from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from cache.database import open_database
from cache.program_cache import ProgramCache
from loyalty_client.types import Program, ProgramTier

T0 = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
PROGRAM = Program(
    name="Клуб друзей",
    currency="BYN",
    point_value=Decimal("1.00"),
    max_redeem_percent=Decimal("50.00"),
    confirmation_threshold=Decimal("20.00"),
    tiers=(ProgramTier("bronze", "Бронза", Decimal("3.00"), Decimal("0.00")),),
    version="1",
)


def test_a_program_survives_reopening_the_file_exactly(tmp_path: Path) -> None:
    with open_database(tmp_path / "till.sqlite") as db:
        ProgramCache(db).put("001", PROGRAM, T0)
    with open_database(tmp_path / "till.sqlite") as db:
        assert ProgramCache(db).get("001") == (PROGRAM, T0)
        assert ProgramCache(db).get("002") is None


def test_an_older_fetch_does_not_replace_a_newer_one(tmp_path: Path) -> None:
    newer = Program(**{**PROGRAM.__dict__, "version": "2"})
    with open_database(tmp_path / "till.sqlite") as db:
        cache = ProgramCache(db)
        cache.put("001", newer, T0)
        cache.put("001", PROGRAM, T0 - timedelta(minutes=5))
        assert cache.get("001") == (newer, T0)
