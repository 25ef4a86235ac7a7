"""The demo's sandbox as a child process: it ends with the demo that started it, and starts fresh.

Qt-free, so the `sandbox` command imports no Qt: the demo (`app.demo.sandbox_process`) sets
`STOP_WITH_PARENT_ENV` in the child's environment and keeps the child's stdin open; the child
watches it and stops when it closes, even if the demo was killed.
"""
from __future__ import annotations

import os
import signal
import sys
import threading

STOP_WITH_PARENT_ENV = "TILL_LOYALTY_STOP_WITH_PARENT"


def prepare_if_demo_child() -> None:
    """In a sandbox started by the demo: stop when stdin closes, and ignore a configured database."""
    if os.environ.get(STOP_WITH_PARENT_ENV) != "1":
        return
    _stop_when_stdin_closes()
    from loyalty_client.sandbox.storage.db_url import DB_URL_ENV

    # the demo's own sandbox starts fresh, not on the database set for a standalone one
    os.environ.pop(DB_URL_ENV, None)


def _stop_when_stdin_closes() -> None:
    def watch() -> None:
        while sys.stdin.buffer.read(4096):
            pass
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
