"""`sandbox program --db URL [--store ID [changes] | --store ID --remove] [--json]`: the programs of a
sandbox database: list them, or give a store a program of its own, change it or remove it.

A store's program starts as a copy of the chain's; the options say what differs (accrual of every
tier or of one, redemption share, point value, the code threshold, the offline limit, days points
stay pending, reservation time). The database is brought to the current schema first, as the
sandbox does when it starts. Prints every program afterwards, one line each (a JSON array with
`--json`). Bad input is one line on stderr and exit status 2.
"""
from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from typing import Sequence, TextIO

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from loyalty_client.sandbox.commands.command_line import (
    EXIT_BAD_INPUT,
    OneLineParser,
    add_db_options,
    database_url,
    first_line,
)
from loyalty_client.sandbox.storage.db_url import DB_URL_ENV, DatabaseUrlError, shown
from loyalty_client.sandbox.storage.store_programs import (
    NoChainProgram,
    ProgramChanges,
    UnknownTier,
    program_summaries,
    remove_store_program,
    set_store_program,
    summary_line,
)

PROG = "till-loyalty sandbox program"


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r}") from None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise argparse.ArgumentTypeError(f"{text} is not an amount of 0 or more with at most 2 decimal places")
    return value.quantize(Decimal("0.01"))


def _percent(text: str) -> Decimal:
    value = _amount(text)
    if value > 100:
        raise argparse.ArgumentTypeError(f"{text} is not a percent from 0 to 100")
    return value


def _tier_percent(text: str) -> tuple[str, Decimal]:
    code, sep, percent = text.partition("=")
    if not sep or not code:
        raise argparse.ArgumentTypeError(f"expected CODE=PERCENT, e.g. gold=12, not {text!r}")
    return code, _percent(percent)


def _whole(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number of 0 or more: {text!r}")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog=PROG, description="List the programs, or set or remove a store's own program.")
    add_db_options(parser, "the sandbox's SQLAlchemy database URL")
    parser.add_argument("--store", metavar="ID", help="the store whose own program to set (or --remove)")
    parser.add_argument("--remove", action="store_true", help="drop the store's program: it follows the chain's again")
    parser.add_argument("--name", help="the program's name as tills show it")
    parser.add_argument("--accrual-percent", type=_percent, metavar="P", help="accrual of every tier, percent")
    parser.add_argument("--tier", type=_tier_percent, action="append", default=[], metavar="CODE=P",
                        help="accrual of one tier, percent (repeat for several)")
    parser.add_argument("--max-redeem-percent", type=_percent, metavar="P", help="share of a receipt points may pay")
    parser.add_argument("--point-value", type=_amount, metavar="AMOUNT", help="what one point is worth")
    parser.add_argument("--confirmation-threshold", type=_amount, metavar="POINTS",
                        help="redemptions from this many points need the customer's one-time code")
    parser.add_argument("--offline-limit", type=_amount, metavar="POINTS",
                        help="points a customer may spend offline a day")
    parser.add_argument("--hold-days", type=_whole, metavar="DAYS", help="days earned points stay pending")
    parser.add_argument("--reservation-seconds", type=_whole, metavar="S", help="how long a reservation holds points")
    parser.add_argument("--json", action="store_true", help="print the programs as a JSON array")
    return parser


def _changes(args: argparse.Namespace) -> ProgramChanges:
    return ProgramChanges(
        name=args.name,
        accrual_percent=args.accrual_percent,
        tier_accruals=dict(args.tier),
        point_value=args.point_value,
        max_redeem_percent=args.max_redeem_percent,
        confirmation_threshold=args.confirmation_threshold,
        offline_redeem_limit=args.offline_limit,
        accrual_hold_days=args.hold_days,
        reservation_ttl_seconds=args.reservation_seconds,
    )


def main(argv: Sequence[str], stdout: TextIO | None = None) -> int:
    """Run `sandbox program`; returns the exit status."""
    from loyalty_client.sandbox.migrate import upgrade
    from loyalty_client.sandbox.storage.database import make_engine

    parser = _parser()
    args = parser.parse_args(list(argv))
    changes = _changes(args)
    if args.store is None and (args.remove or changes != ProgramChanges()):
        parser.error("say which store's program to change: --store ID")
    if args.remove and changes != ProgramChanges():
        parser.error("--remove drops the store's program: give no changes with it")
    try:
        url = database_url(args, "sandbox program", must_exist=True)
    except DatabaseUrlError as exc:
        print(f"sandbox program: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if url is None:
        print(f"sandbox program: no database: give --db URL, --db-file PATH or set {DB_URL_ENV}", file=sys.stderr)
        return EXIT_BAD_INPUT
    engine = make_engine(url)
    try:
        upgrade(engine)
        with Session(engine) as session, session.begin():
            if args.remove:
                if not remove_store_program(session, args.store):
                    print(f"sandbox program: store {args.store} has no program of its own", file=sys.stderr)
            elif args.store is not None:
                set_store_program(session, args.store, changes)
            summaries = program_summaries(session)
    except (NoChainProgram, UnknownTier) as exc:
        print(f"sandbox program: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except SQLAlchemyError as exc:
        print(f"sandbox program: cannot use {shown(url)}: {first_line(exc)}: is it a sandbox database?", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        engine.dispose()
    out = stdout or sys.stdout
    if args.json:
        out.write(json.dumps(summaries, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write("\n".join(summary_line(summary) for summary in summaries) + "\n")
    out.flush()
    return 0
