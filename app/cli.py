"""The `till-loyalty` command: the demo till, the till, and the sandbox loyalty service."""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Sequence

from app.settings import Settings, SettingsError, default_config_path, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="till-loyalty",
        description="Loyalty add-on for the cashier's till.",
    )
    parser.add_argument("--config", type=Path, help=f"settings file (default: {default_config_path()})")
    parser.add_argument("--db", help="the till's local database file (overrides the settings)")
    parser.add_argument("--service", help="loyalty service URL (overrides the settings)")
    parser.add_argument("--language", choices=("ru", "be", "en"), help="interface language")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("demo", help="the demo till with a built-in sandbox loyalty service")
    commands.add_parser("run", help="the till with the configured loyalty service")
    sandbox = commands.add_parser("sandbox", help="run the sandbox loyalty service", add_help=False)
    sandbox.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(args.config)
    changes = {}
    if args.db:
        changes["cache_database"] = args.db
    if args.service:
        changes["service_endpoint"] = args.service
    if args.language:
        changes["ui_language"] = args.language
    return settings.replace(**changes)


STOP_WITH_PARENT_ENV = "TILL_LOYALTY_STOP_WITH_PARENT"


def _stop_when_stdin_closes() -> None:
    """A child sandbox ends with the demo that started it, even if the demo was killed."""

    def watch() -> None:
        while sys.stdin.buffer.read(4096):
            pass
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: Sequence[str] | None = None) -> int:
    """Run a `till-loyalty` command; returns the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["sandbox"]:
        from loyalty_client.sandbox.cli import main as sandbox_main

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        if os.environ.get(STOP_WITH_PARENT_ENV) == "1":
            _stop_when_stdin_closes()
        return sandbox_main(argv[1:])
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        settings = _settings(args)
    except SettingsError as exc:
        print(f"till-loyalty: {exc}", file=sys.stderr)
        return 2
    from app.gui import run_till

    return run_till(settings, demo=args.command == "demo", exit_when_shown=args.exit_when_shown)
