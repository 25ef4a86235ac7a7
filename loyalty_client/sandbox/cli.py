"""`sandbox [--host H] [--port P] [--db URL] [--no-seed] [--faults SPEC]`: run the sandbox service.

Prints `SANDBOX LISTENING <url>` once it serves, then `SANDBOX CODE <code> <masked phone>
<purpose> <amount>` for every one-time code it 'sends' (amount `-` for a registration) and
`SANDBOX FAULT <operation> <kind>` for every fault it injects, each line flushed, so a parent
process can read them. Runs until interrupted (Ctrl+C or SIGTERM).

`sandbox ledger --db URL [--json]` lists the transactions a sandbox database recorded (a JSON
array with `--json`, one object per transaction) and exits.
"""
from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Sequence, TextIO

from sqlalchemy import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from loyalty_client.sandbox.faults import FaultRule, FaultSpecError, InjectedFault, parse_fault_spec
from loyalty_client.sandbox.logic import SentCode
from loyalty_client.sandbox.server import start_sandbox

DEFAULT_PORT = 8580


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="till-loyalty sandbox", description="Run the sandbox loyalty service.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port, 0 for a free one (default {DEFAULT_PORT})")
    parser.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="SQLAlchemy database URL, e.g. sqlite:////var/lib/sandbox.db or postgresql://user@host/loyalty "
        "(default: a fresh temporary SQLite file); the schema is created or upgraded and the demo data "
        "seeded if there are no customers yet",
    )
    parser.add_argument("--no-seed", action="store_true", help="do not seed the demo data")
    parser.add_argument(
        "--faults",
        type=_fault_rules,
        default=[],
        metavar="SPEC",
        help="inject faults by a schedule: RULE[;RULE...], RULE = [OPERATION:]KIND[=SECONDS][:every=N][:times=N], "
        "KIND = drop|slow|stall|malformed|http500|soap_fault|refuse "
        "(e.g. 'CommitPurchase:drop:every=3;slow=1.5:every=10')",
    )
    return parser


def _fault_rules(spec: str) -> list[FaultRule]:
    try:
        return parse_fault_spec(spec)
    except FaultSpecError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _ledger_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="till-loyalty sandbox ledger", description="List the transactions a sandbox database recorded."
    )
    parser.add_argument("--db", required=True, metavar="URL", help="the sandbox's SQLAlchemy database URL")
    parser.add_argument("--json", action="store_true", help="a JSON array, one object per transaction")
    return parser


def ledger_main(argv: Sequence[str], stdout: TextIO | None = None) -> int:
    """`sandbox ledger --db URL [--json]`: print the recorded transactions; returns the exit status."""
    from loyalty_client.sandbox.database import make_engine
    from loyalty_client.sandbox.transaction_log import ledger_lines, recorded_transactions

    args = _ledger_parser().parse_args(list(argv))
    out = stdout or sys.stdout
    try:
        url = make_url(args.db)
    except ArgumentError:
        print(f"sandbox ledger: not a database URL: {args.db}", file=sys.stderr)
        return 2
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        if not Path(url.database).is_file():  # SQLite would create an empty file
            print(f"sandbox ledger: no database at {url.database}", file=sys.stderr)
            return 1
    engine = make_engine(args.db)
    try:
        entries = recorded_transactions(engine)
    except SQLAlchemyError as exc:
        print(f"sandbox ledger: cannot read {args.db}: {type(exc).__name__}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    if args.json:
        out.write(json.dumps(entries, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write("\n".join(ledger_lines(entries)) + "\n")
    out.flush()
    return 0


def fault_line(fault: InjectedFault) -> str:
    """The stdout line announcing an injected fault."""
    return f"SANDBOX FAULT {fault.operation} {fault.kind.value}"


def code_line(sent: SentCode) -> str:
    """The stdout line announcing a sent code."""
    amount = "-" if sent.amount is None else f"{sent.amount:f}"
    return f"SANDBOX CODE {sent.code} {sent.masked_phone} {sent.purpose.value} {amount}"


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stop: threading.Event | None = None) -> int:
    """Run the sandbox until interrupted (or until `stop` is set); returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["ledger"]:
        return ledger_main(argv[1:], stdout)
    args = _parser().parse_args(argv)
    out = stdout or sys.stdout
    out_lock = threading.Lock()
    stop = stop or threading.Event()
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    def emit(line: str) -> None:
        with out_lock:
            out.write(line + "\n")
            out.flush()

    try:
        running = start_sandbox(
            args.db,
            seed=not args.no_seed,
            host=args.host,
            port=args.port,
            on_code=lambda sent: emit(code_line(sent)),
            faults=args.faults,
        )
    except OSError as exc:
        print(f"sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    running.faults.add_observer(lambda fault: emit(fault_line(fault)))
    emit(f"SANDBOX LISTENING {running.url}")
    try:
        while not stop.wait(3600):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
