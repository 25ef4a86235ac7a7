"""`sandbox [--host H] [--port P] [--db URL] [--no-seed]`: run the sandbox loyalty service.

Prints `SANDBOX LISTENING <url>` once it serves, then `SANDBOX CODE <code> <masked phone>
<purpose> <amount>` for every one-time code it 'sends' (amount `-` for a registration), each line
flushed, so a parent process can read them. Runs until interrupted (Ctrl+C or SIGTERM).
"""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from typing import Sequence, TextIO

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
        help="SQLAlchemy database URL (default: a fresh temporary SQLite file); the schema is created "
        "if missing and the demo data seeded if there are no customers yet",
    )
    parser.add_argument("--no-seed", action="store_true", help="do not seed the demo data")
    return parser


def code_line(sent: SentCode) -> str:
    """The stdout line announcing a sent code."""
    amount = "-" if sent.amount is None else f"{sent.amount:f}"
    return f"SANDBOX CODE {sent.code} {sent.masked_phone} {sent.purpose.value} {amount}"


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stop: threading.Event | None = None) -> int:
    """Run the sandbox until interrupted (or until `stop` is set); returns the exit status."""
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
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
            args.db, seed=not args.no_seed, host=args.host, port=args.port, on_code=lambda sent: emit(code_line(sent))
        )
    except OSError as exc:
        print(f"sandbox: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
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
