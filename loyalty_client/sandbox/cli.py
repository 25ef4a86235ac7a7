"""`sandbox [--host H] [--port P] [--public-url URL] [--db URL | --db-file PATH] [--no-seed] [--faults SPEC]
[--allow-fault-requests]`: run the sandbox service.

Prints `SANDBOX LISTENING <url>` once it serves, then `SANDBOX CODE <code> <masked phone>
<purpose> <amount>` for every one-time code it 'sends' (amount `-` for a registration) and
`SANDBOX FAULT <operation> <kind>` for every fault it injects, each line flushed, so a parent
process can read them. Runs until interrupted (Ctrl+C or SIGTERM).

`sandbox ledger --db URL [--json]` lists the transactions a sandbox database recorded (a JSON
array with `--json`, one object per transaction) and exits.

`sandbox program --db URL [--store ID [changes] | --store ID --remove]` lists the programs, or
gives a store a program of its own (`loyalty_client.sandbox.commands.program`); stores without
one follow the chain's.

`sandbox load-test --service URL [--tills N] [--sales N] [--db URL]` simulates many tills against
one service and checks its ledger (`loyalty_client.sandbox.commands.load_test`).

The database URL may also come from a file (`--db-file PATH`, first line, readable by its owner
only) or from the environment variable TILL_LOYALTY_SANDBOX_DB: a password given with `--db`
shows in the process list, and is warned about. Bad input (an unusable URL, a busy port) is one
line on stderr and exit status 2.
"""
from __future__ import annotations

import argparse
import errno
import gc
import json
import logging
import os
import signal
import socket
import sys
import threading
from typing import Callable, Sequence, TextIO

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from loyalty_client.endpoints import API_KEY_ENV
from loyalty_client.retailcrm.fake_server import DEFAULT_KEY as DEFAULT_RETAILCRM_KEY
from loyalty_client.retailcrm.fake_server import FakeRetailCrm
from loyalty_client.sandbox.commands.command_line import (
    EXIT_BAD_INPUT,
    OneLineParser,
    add_db_options,
    database_url,
    first_line,
)
from loyalty_client.sandbox.storage.db_url import DB_URL_ENV, DatabaseUrlError, shown
from loyalty_client.sandbox.faults import FaultRule, FaultSpecError, InjectedFault, parse_fault_spec
from loyalty_client.sandbox.logic import SentCode
from loyalty_client.sandbox.serving.server import start_sandbox
from loyalty_client.sandbox.serving.wsgi import check_public_url

DEFAULT_PORT = 8580


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port: use 1 to 65535, or 0 for a free one")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="till-loyalty sandbox", description="Run the sandbox loyalty service.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port, 0 for a free one (default {DEFAULT_PORT})")
    parser.add_argument(
        "--public-url",
        type=_public_url,
        default=None,
        metavar="URL",
        help="the address tills reach the sandbox by, named in the served WSDL (default: the address it "
        "listens on); give it behind a proxy or when listening on 0.0.0.0",
    )
    add_db_options(
        parser,
        "SQLAlchemy database URL, e.g. sqlite:////var/lib/sandbox.db or postgresql://user@host/loyalty "
        "(default: a fresh temporary SQLite file); the schema is created or upgraded and the demo data "
        "seeded if there are no customers yet",
    )
    parser.add_argument("--no-seed", action="store_true", help="do not seed the demo data")
    parser.add_argument(
        "--api",
        choices=("soap", "retailcrm"),
        default="soap",
        help="the API served: the till's SOAP contract (default), or RetailCRM API v5 loyalty with the same "
        "demo members, in memory, on 127.0.0.1 only (its key: $TILL_LOYALTY_API_KEY, else "
        f"'{DEFAULT_RETAILCRM_KEY}')",
    )
    parser.add_argument(
        "--sms-charge",
        action="store_true",
        help="with --api retailcrm: the program confirms every charge of points by an SMS code",
    )
    parser.add_argument(
        "--faults",
        type=_fault_rules,
        default=[],
        metavar="SPEC",
        help="inject faults by a schedule: RULE[;RULE...], RULE = [OPERATION:]KIND[=SECONDS][:every=N][:times=N], "
        "KIND = drop|slow|stall|malformed|http500|soap_fault|refuse "
        "(e.g. 'CommitPurchase:drop:every=3;slow=1.5:every=10'); also lets requests ask for faults "
        "as --allow-fault-requests does",
    )
    parser.add_argument(
        "--allow-fault-requests",
        action="store_true",
        help="let a request ask for a fault in the endpoint's URL query (e.g. ?fault=drop); off by default, "
        "since anyone who can reach the sandbox could then take it off the network",
    )
    return parser


def _public_url(url: str) -> str:
    try:
        return check_public_url(url)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _fault_rules(spec: str) -> list[FaultRule]:
    try:
        return parse_fault_spec(spec)
    except FaultSpecError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _ledger_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="till-loyalty sandbox ledger", description="List the transactions a sandbox database recorded.")
    add_db_options(parser, "the sandbox's SQLAlchemy database URL")
    parser.add_argument("--json", action="store_true", help="a JSON array, one object per transaction")
    return parser


def ledger_main(argv: Sequence[str], stdout: TextIO | None = None) -> int:
    """`sandbox ledger --db URL [--json]`: print the recorded transactions; returns the exit status."""
    from loyalty_client.sandbox.storage.database import make_engine
    from loyalty_client.sandbox.storage.transaction_log import ledger_lines, recorded_transactions

    args = _ledger_parser().parse_args(list(argv))
    out = stdout or sys.stdout
    try:
        url = database_url(args, "sandbox ledger", must_exist=True)  # SQLite would create an empty file
    except DatabaseUrlError as exc:
        print(f"sandbox ledger: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if url is None:
        print(f"sandbox ledger: no database: give --db URL, --db-file PATH or set {DB_URL_ENV}", file=sys.stderr)
        return EXIT_BAD_INPUT
    engine = make_engine(url)
    try:
        entries = recorded_transactions(engine)
    except SQLAlchemyError as exc:
        reason = first_line(exc)
        print(f"sandbox ledger: cannot read {shown(url)}: {reason}: is it a sandbox database?", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        engine.dispose()
    if args.json:
        out.write(json.dumps(entries, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write("\n".join(ledger_lines(entries)) + "\n")
    out.flush()
    return 0


def _start_problem(exc: OSError, host: str, port: int) -> str:
    """What went wrong starting the server, and what to change."""
    if exc.filename is not None:
        return f"cannot use {exc.filename}: {exc.strerror or exc}"
    where = f"cannot listen on {host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return f"{where}: the port is in use: choose another --port (0: any free one)"
    if exc.errno == errno.EACCES:
        return f"{where}: not allowed (ports below 1024 need privileges): choose another --port"
    if isinstance(exc, socket.gaierror):
        return f"{where}: unknown address ({exc.strerror}): check --host"
    return f"{where}: {exc.strerror or exc}: check --host and --port"


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
    if argv[:1] == ["program"]:
        from loyalty_client.sandbox.commands import program

        return program.main(argv[1:], stdout)
    if argv[:1] == ["load-test"]:
        from loyalty_client.sandbox.commands import load_test

        return load_test.main(argv[1:], stdout)
    args = _parser().parse_args(argv)
    try:
        db_url = database_url(args, "sandbox", must_exist=False)
    except DatabaseUrlError as exc:
        print(f"sandbox: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    out = stdout or sys.stdout
    out_lock = threading.Lock()
    stop = stop or threading.Event()
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    def emit(line: str) -> None:
        with out_lock:
            out.write(line + "\n")
            out.flush()

    if args.api == "retailcrm":
        return _serve_retailcrm(args, emit, stop)
    try:
        running = start_sandbox(
            db_url,
            seed=not args.no_seed,
            host=args.host,
            port=args.port,
            on_code=lambda sent: emit(code_line(sent)),
            faults=args.faults,
            allow_fault_requests=args.allow_fault_requests or bool(args.faults),
            public_url=args.public_url,
        )
    except OSError as exc:
        print(f"sandbox: {_start_problem(exc, args.host, args.port)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OperationalError as exc:
        print(f"sandbox: cannot open the database {shown(db_url or '')}: {first_line(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if threading.current_thread() is threading.main_thread():  # the process is the sandbox's own
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        # What is alive now (modules, the schema, SQLAlchemy's and lxml's structures) lives as long
        # as the process: left out of the collector's full passes, which would walk it again and again.
        gc.freeze()
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


def _serve_retailcrm(args: argparse.Namespace, emit: Callable[[str], None], stop: threading.Event) -> int:
    """Serve the fake RetailCRM (the demo members, in memory) until `stop` is set or interrupted."""
    if args.host not in ("127.0.0.1", "localhost"):
        print("sandbox: --api retailcrm listens on 127.0.0.1 only", file=sys.stderr)
        return EXIT_BAD_INPUT
    fake = FakeRetailCrm(
        api_key=os.environ.get(API_KEY_ENV) or DEFAULT_RETAILCRM_KEY,
        confirm_sms_charge=args.sms_charge,
        on_code=lambda code, masked_phone, bonuses: emit(f"SANDBOX CODE {code} {masked_phone} redeem {bonuses}"),
    )
    try:
        fake.start(args.port)
    except OSError as exc:
        print(f"sandbox: {_start_problem(exc, '127.0.0.1', args.port)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    emit(f"SANDBOX LISTENING {fake.url}")
    try:
        while not stop.wait(3600):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
