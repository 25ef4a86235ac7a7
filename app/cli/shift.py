"""`till-loyalty shift [--from TIME] [--to TIME] [--json]`: the loyalty figures of a shift.

Read from the till's own journal, so it answers with the service down, and may run beside a
running till (it only reads). The window is [from, to): ISO 8601 times with their offset; by
default today, from local midnight. Figures the service has not confirmed yet (operations still
waiting, or refused and waiting for an admin) are marked `*` in the table; `--json` prints what
`GET /v1/shift` answers.

Exit status: 0, or 2 for a bad time or no till database at the path (one line on stderr).
No Qt, no window, no service.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from app.cli.checks import CommandLineError
from app.settings import Settings
from app.shift.window import WindowError, parse_moment, shift_window


def moment_argument(text: str) -> str:
    """argparse type of `--from` and `--to`: an ISO 8601 time with its offset (kept as text)."""
    try:
        parse_moment(text)
    except WindowError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def run_shift(settings: Settings, start: str | None, end: str | None, *, as_json: bool, out: TextIO = sys.stdout) -> int:
    """Print the shift summary of [start, end) (defaults: today); returns the exit status."""
    try:
        window = shift_window(start, end, datetime.now(timezone.utc))
    except WindowError as exc:
        raise CommandLineError(f"{exc}: give --to later than --from") from None
    path = Path(settings.get("cache", "database"))
    if not path.is_file():
        raise CommandLineError(f"shift: no till database at {path}: check --db (or [cache] database in the settings)")
    from app.shift.data import shift_data
    from app.shift.summary import summarise
    from cache.database import open_database

    with open_database(path) as database:
        summary = summarise(database, window)
    if as_json:
        out.write(json.dumps(shift_data(summary), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(shift_table(shift_data(summary)))
    return 0


def shift_table(data: dict) -> str:
    """The summary as a text table for people (`data` as `app.shift.data.shift_data` makes it)."""
    rows: list[tuple[str, str, str, str, bool]] = []

    def count(label: str, figure: dict) -> None:
        rows.append((label, str(figure["count"]), str(figure["count"] - figure["unconfirmed"]),
                     str(figure["unconfirmed"]), figure["confirmed"]))

    def points(label: str, figure: dict) -> None:
        rows.append((label, figure["total"], figure["confirmed"], figure["expected"], figure["fullyConfirmed"]))

    count("sales with a customer", data["sales"])
    points("points earned", data["pointsEarned"])
    points("points spent", data["pointsSpent"])
    count("refunds", data["refunds"])
    points("points taken back", data["pointsReversed"])
    points("points given back", data["pointsReturned"])
    count("coupons used", data["couponsUsed"])
    lines = [f"shift from {data['from']} to {data['to']}",
             f"{'':24} {'total':>10} {'confirmed':>10} {'expected':>10}"]
    lines += [f"{label:24} {total:>10} {confirmed:>10} {expected:>10}{'' if sure else '  *'}"
              for label, total, confirmed, expected, sure in rows]
    deliveries = data["deliveries"]
    lines.append(f"{'deliveries waiting':24} {deliveries['waiting']:>10}")
    lines.append(f"{'deliveries failed':24} {deliveries['failed']:>10}")
    if not data["fullyConfirmed"]:
        lines.append("* not yet confirmed by the loyalty service: the till's own estimate is in 'expected'")
    unknown = max(data[key]["unknown"] for key in ("pointsEarned", "pointsSpent", "pointsReversed", "pointsReturned"))
    if unknown:
        lines.append(f"  {unknown} operation(s) could not be estimated: their points are not in the totals")
    if deliveries["failed"]:
        lines.append("dead letters need attention: till-loyalty queue list --failed")
    return "\n".join(lines) + "\n"
