"""The `till-loyalty` command: the demo till, the till, the sandbox, load runs, the outbox queue and
the shift summary.

Bad input (a wrong option value, an unusable settings file, database or address) ends in one line
on stderr and exit status 2; with `-v` the traceback comes first. Values are checked before any
heavy import; see app/cli/checks.py for the rest.
"""
from __future__ import annotations

import argparse
import gc
import logging
import sys
import traceback
from pathlib import Path
from typing import Sequence

from app.cli.checks import (
    CommandLineError,
    check_service_key,
    check_service_setting,
    check_till_database,
    expected_problem,
    service_url,
)
from app.cli.window_arguments import SERVICE_KINDS, WINDOW_COMMANDS, read_window_arguments
from app.settings import LANGUAGES, Settings, SettingsError, default_config_path, load_settings

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (its subcommands' parsers too)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _common_options(suppress_defaults: bool) -> argparse.ArgumentParser:
    """Options every command takes, before or after its name (`till-loyalty demo --language be`)."""
    default = argparse.SUPPRESS if suppress_defaults else None
    common = argparse.ArgumentParser(add_help=False, argument_default=default)
    common.add_argument("--config", type=Path, help=f"settings file (default: {default_config_path()})")
    common.add_argument("--db", help="the till's local database file (overrides the settings)")
    common.add_argument("--service", type=service_url, help="loyalty service URL (overrides the settings)")
    common.add_argument("--language", choices=LANGUAGES, help="interface language")
    common.add_argument("-v", "--verbose", action="store_true", help="log more")
    common.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return common


def _parse(argv: list[str]) -> argparse.Namespace:
    """The command line's arguments; a plain `demo` or `run` line read without building the parser
    (app/cli/window_arguments.py), anything else by the whole parser."""
    return read_window_arguments(argv) or _parser().parse_args(argv)


def _parser() -> argparse.ArgumentParser:
    """The whole command line's parser."""
    parser = _Parser(
        prog="till-loyalty",
        description="Loyalty add-on for the cashier's till.",
        parents=[_common_options(suppress_defaults=False)],
    )
    after = _common_options(suppress_defaults=True)  # given after the command, they win
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = commands.add_parser("demo", parents=[after], help="the demo till with a built-in sandbox loyalty service")
    demo.add_argument(
        "--service-kind",
        choices=SERVICE_KINDS,
        default="soap",
        help="the sandbox speaks the till's SOAP contract (default) or RetailCRM's API (a stand-in)",
    )
    commands.add_parser("run", parents=[after], help="the till with the configured loyalty service")
    commands.add_parser("devices", help="scanners and printers: list, test-print URI, test-scan URI (see `devices --help`)")
    commands.add_parser("sandbox", help="run the sandbox loyalty service (see `sandbox --help`; `sandbox ledger --help`)")
    load = commands.add_parser(
        "load", parents=[after], help="drive complete sales through the checkout with no window (see app/cli/load.py)"
    )
    load.add_argument("--sales", type=_count, required=True, help="how many sales (0: only deliver the queue)")
    load.add_argument("--seed", type=int, help="seed of the random products, customers, voids and refunds")
    load.add_argument("--sync-every", type=_positive, default=5, help="deliver the queue every N sales (default 5)")
    load.add_argument("--customer", action="append", help="identifier to sell to (repeatable; default: demo members)")
    load.add_argument(
        "--crash-at",
        type=_crash_point,
        metavar="STEP:N",
        help="crash tests: SIGKILL this process right after the N-th reservation answer (reserved:N) "
        "or the N-th fiscal document of a sale with a customer (fiscalised:N), before it is recorded",
    )
    host_api = commands.add_parser(
        "host-api", parents=[after], help="the host API for the POS: its token, its OpenAPI document"
    )
    host_actions = host_api.add_subparsers(dest="action", required=True, metavar="ACTION")
    host_actions.add_parser("token", parents=[after], help="print the token a POS sends (Authorization: Bearer ...)")
    openapi = host_actions.add_parser("openapi", parents=[after], help="write the API's OpenAPI document")
    openapi.add_argument("--output", type=Path, help="file to write (default: standard output)")
    service = commands.add_parser(
        "service", parents=[after], help="the loyalty service: store its API key, check the connection"
    )
    service_actions = service.add_subparsers(dest="action", required=True, metavar="ACTION")
    set_key = service_actions.add_parser(
        "set-key", parents=[after], help="store the API key read from standard input (or a prompt without echo)"
    )
    set_key.add_argument("--clear", action="store_true", help="remove the stored key instead")
    service_actions.add_parser(
        "check", parents=[after], help="reach the service: the program found, or exactly what is wrong"
    )
    queue = commands.add_parser("queue", parents=[after], help="the outbox for support staff: status, list, retry, sync")
    actions = queue.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions.add_parser("status", parents=[after], help="rows per state, oldest waiting, next attempt")
    listing = actions.add_parser("list", parents=[after], help="rows not yet delivered, oldest first")
    listing.add_argument("--failed", action="store_true", help="only the dead letters, with their reasons")
    listing.add_argument("--limit", type=_positive, default=100, help="at most this many rows (default 100)")
    retry = actions.add_parser("retry", parents=[after], help="send a dead letter again")
    retry.add_argument("id", type=int, help="the row's id (see `queue list --failed`)")
    actions.add_parser("sync", parents=[after], help="deliver every waiting row now (with the till closed)")
    shift = commands.add_parser(
        "shift", parents=[after], help="the shift's loyalty figures from the till's journal (works offline)"
    )
    shift.add_argument("--from", dest="start", type=_moment, metavar="TIME", help="ISO 8601 with offset (default: local midnight)")
    shift.add_argument("--to", dest="end", type=_moment, metavar="TIME", help="ISO 8601 with offset, excluded (default: the next midnight)")
    shift.add_argument("--json", action="store_true", help="print what GET /v1/shift answers")
    return parser


def _moment(text: str) -> str:
    from app.cli.shift import moment_argument

    return moment_argument(text)


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _crash_point(text: str) -> object:
    from app.cli.load import CrashPoint

    try:
        return CrashPoint.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    changes = {}
    if args.db is not None:
        changes["cache_database"] = args.db
    if args.service:
        changes["service_endpoint"] = args.service
    if args.language:
        changes["ui_language"] = args.language
    return settings.replace(**changes)


def _check_what_the_command_uses(args: argparse.Namespace, settings: Settings) -> None:
    """Refuse a till database or service address the command would use but could not."""
    if args.command == "demo":  # its own temporary database and built-in service
        return
    if args.command == "host-api":  # no database or service: a secret, or a document
        return
    if args.command == "service":  # no database; the key is kept apart from it (its folder is only named)
        if args.action == "check":
            service_source = "--service" if args.service else f"[service] endpoint in {settings.path}"
            check_service_setting(settings.get("service", "endpoint"), service_source)
        return
    database_source = "--db" if args.db is not None else f"[cache] database in {settings.path}"
    database = Path(settings.get("cache", "database"))
    check_till_database(database, database_source)
    if args.command == "shift":  # it only reads the journal: no service, nothing created
        return
    if args.command != "queue":  # the till and a load run create it; made here, a failure is said first
        database.parent.mkdir(parents=True, exist_ok=True)
    if args.command != "queue" or args.action == "sync":
        service_source = "--service" if args.service else f"[service] endpoint in {settings.path}"
        check_service_setting(settings.get("service", "endpoint"), service_source)
        if args.command != "run":  # the window says it to the cashier and the admin instead
            check_service_key(settings, service_source)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a `till-loyalty` command; returns the process exit code (2: bad input, said in one line)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(argv)
    except Exception as exc:
        problem = expected_problem(exc)
        if problem is None:
            raise
        if ("-v" in argv or "--verbose" in argv) and not isinstance(exc, (CommandLineError, SettingsError)):
            traceback.print_exc()
        print(f"till-loyalty: {problem}", file=sys.stderr, flush=True)
        return EXIT_BAD_INPUT


_GLOBAL_OPTIONS_WITH_VALUES = frozenset({"--config", "--db", "--service", "--language"})
_OWN_PARSERS = ("devices", "sandbox")  # commands with their own options: nothing of ours goes before them


def _first_word(argv: list[str]) -> int | None:
    """Where the command is in `argv` once the global options before it are skipped; None if absent."""
    index = 0
    while index < len(argv):
        word = argv[index]
        if not word.startswith("-"):
            return index
        index += 2 if word in _GLOBAL_OPTIONS_WITH_VALUES else 1
    return None


def _run(argv: list[str]) -> int:
    first = _first_word(argv)
    if first is None or argv[first] not in WINDOW_COMMANDS:
        gc.enable()  # off only until a window has painted (app/launch.py)
    if first is not None and first > 0 and argv[first] in _OWN_PARSERS:
        raise CommandLineError(
            f"options before `{argv[first]}` do not apply to it: give only its own, after it "
            f"(see `till-loyalty {argv[first]} --help`)"
        )
    if argv[:1] == ["devices"]:
        from devices.cli import main as devices_main

        return devices_main(argv[1:])
    if argv[:2] == ["sandbox", "ledger"]:
        from loyalty_client.sandbox.cli import ledger_main

        return ledger_main(argv[2:])
    if argv[:1] == ["sandbox"]:
        from loyalty_client.sandbox.cli import main as sandbox_main

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        logging.getLogger("alembic").setLevel(logging.WARNING)  # each migration step is no news to the admin
        from app.demo.sandbox_child import prepare_if_demo_child

        prepare_if_demo_child()
        return sandbox_main(argv[1:])
    args = _parse(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    settings = _settings(args)
    _check_what_the_command_uses(args, settings)
    if args.command == "load":
        from app.cli.load import run_load

        return run_load(
            settings,
            sales=args.sales,
            seed=args.seed,
            sync_every=args.sync_every,
            identifiers=args.customer,
            crash_at=args.crash_at,
        )
    if args.command == "host-api":
        from app.cli.host_api import run_host_api

        return run_host_api(settings, args.action, output=getattr(args, "output", None))
    if args.command == "service":
        from app.cli.service import run_check, run_set_key

        if args.action == "set-key":
            return run_set_key(settings, clear=args.clear)
        return run_check(settings)
    if args.command == "queue":
        from app.cli.queue import run_queue

        return run_queue(
            settings,
            args.action,
            item_id=getattr(args, "id", None),
            failed_only=getattr(args, "failed", False),
            limit=getattr(args, "limit", 100),
        )
    if args.command == "shift":
        from app.cli.shift import run_shift

        return run_shift(settings, args.start, args.end, as_json=args.json)
    gc.disable()  # until the window has painted (app/launch.py); app/gui.py turns it back on
    from app.gui import run_till

    return run_till(
        settings,
        demo=args.command == "demo",
        exit_when_shown=args.exit_when_shown,
        service_kind=getattr(args, "service_kind", "soap"),
    )
