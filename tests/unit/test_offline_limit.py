"""The program's offline limit: what the service refuses above it, and what the till offers below it."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from app.offline.redemption import OfflineRedemptionPolicy, allowance
from loyalty_client import rules
from loyalty_client.codec import from_data, to_data
from loyalty_client.errors import RedeemLimitExceeded
from loyalty_client.types import Program, ProgramTier

PROGRAM = Program(
    name="Клуб друзей",
    currency="BYN",
    point_value=D("1.00"),
    max_redeem_percent=D("50.00"),
    confirmation_threshold=D("20.00"),
    tiers=(ProgramTier("bronze", "Бронза", D("3.00"), D("0.00")),),
    version="1",
    offline_redeem_limit=D("15.00"),
)
TILL_CAP = OfflineRedemptionPolicy(True, D("20.00"))


def test_the_till_offers_no_more_offline_than_the_program_allows() -> None:
    assert allowance(TILL_CAP, PROGRAM, D("100.00"), [], []) == D("15.00")
    assert allowance(TILL_CAP, PROGRAM, D("100.00"), [], [D("10.00")]) == D("5.00")
    assert allowance(OfflineRedemptionPolicy(True, D("10.00")), PROGRAM, D("100.00"), [], []) == D("10.00")
    assert allowance(TILL_CAP, PROGRAM, D("7.00"), [], []) == D("7.00"), "nor more than the cached balance"


def test_without_a_published_limit_the_tills_own_cap_applies() -> None:
    assert allowance(TILL_CAP, replace(PROGRAM, offline_redeem_limit=None), D("100.00"), [], []) == D("20.00")


def test_a_program_cached_before_the_limit_existed_still_reads() -> None:
    older = {key: value for key, value in to_data(PROGRAM).items() if key != "offline_redeem_limit"}
    assert from_data(Program, older).offline_redeem_limit is None


def test_the_limit_counts_points_not_money() -> None:
    tenth = replace(PROGRAM, point_value=D("0.10"))  # 1.50 off costs 15.00 points
    rules.check_offline_redeem(tenth, D("1.50"), D("0.00"), "20.11.2026")
    rules.check_offline_redeem(tenth, D("0.10"), D("14.00"), "20.11.2026")  # 1.00 point: exactly the limit
    with pytest.raises(RedeemLimitExceeded) as refused:
        rules.check_offline_redeem(tenth, D("0.20"), D("14.00"), "20.11.2026")  # 2.00 points
    assert "20.11.2026" in refused.value.message and "14,00" in refused.value.message
    assert rules.offline_points_left(tenth, D("16.00")) == D("0.00")
