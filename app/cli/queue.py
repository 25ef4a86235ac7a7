"""`till-loyalty queue status|list [--failed]|retry ID|sync`: the till's outbox for support staff.

- `status`: how many rows are in each state, when the next retry is due, the oldest waiting row.
- `list [--failed] [--limit N]`: the rows not yet delivered (or only the dead letters), oldest
  first, with their attempts, next try and last error (a dead letter's reason).
- `retry ID`: send a dead letter again (after its cause was fixed).
- `sync`: deliver every waiting row now, whatever its backoff said; rows a crashed till left in
  flight are sent again (the service is idempotent on their keys), and first the sales it left
  open are settled (`app.checkout.recovery`: reservations cancelled, fiscalised sales recorded). A
  row whose answer was lost waits for its retry while the others go on; only an outage (refused,
  or several lost answers in a row) stops the sync. Rows go out in batches (up to 100 a request)
  to a service that takes them, as the running till sends them; a lost answer to a batch puts
  back all its rows. Meant for a till that is not running: a running till's own sync would find
  its row taken over, and its sale under way would be taken for one a crash left open.

Exit status: 0 on success (for `sync`: no open sale left unsettled, nothing left waiting and no
dead letters), 2 when there is no till database at the path, 1 otherwise.
No Qt, no window: it only opens the till's database (and, for `sync`, the service).
"""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TextIO

from app.offline.connectivity import ServiceTimeouts
from app.service.api_key import read_api_key
from app.service.factory import service_for
from app.offline.outbox_sync import OutboxSync, SyncOutcome
from loyalty_client.batch import MAX_BATCH_ITEMS
from app.checkout.recorder import OutboxRecorder
from app.checkout.recovery import recover_open_sales
from app.settings import Settings
from cache.database import Database, open_database
from cache.errors import OutboxStateError
from cache.transactions.outbox import Outbox
from cache.tables import OutboxState
from fiscal.demo_registrar import DemoRegistrar, fiscal_memory_beside

ACTIONS = ("status", "list", "retry", "sync")
_DRAIN_ROWS = 500  # rows one drain tries: as many as the running till's (app.offline.sync_controller)
_DRAINS = 1000
_STATUS_SCAN = 1000  # pending rows looked at for the next attempt


def _when(moment: datetime | None) -> str:
    return "-" if moment is None else moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def queue_status(outbox: Outbox, out: TextIO) -> int:
    """Print the count of rows per state, the oldest waiting row and the next retry."""
    counts = outbox.counts()
    for state in OutboxState:
        out.write(f"{state.value:10} {counts[state]:>7}\n")
    pending = outbox.items(OutboxState.PENDING, limit=_STATUS_SCAN)
    waiting = sorted([*pending[:1], *outbox.items(OutboxState.IN_FLIGHT, limit=1)], key=lambda item: item.id)
    if waiting:
        out.write(f"oldest waiting: #{waiting[0].id}, recorded {_when(waiting[0].created_at)}\n")
    if pending:
        out.write(f"next attempt:   {_when(min(item.next_attempt_at for item in pending))}\n")
    if counts[OutboxState.FAILED]:
        out.write("dead letters need attention: till-loyalty queue list --failed\n")
    return 0


def queue_list(outbox: Outbox, out: TextIO, *, failed_only: bool = False, limit: int = 100) -> int:
    """Print the undelivered rows (or only the dead letters), oldest first."""
    states = (OutboxState.FAILED,) if failed_only else (OutboxState.PENDING, OutboxState.IN_FLIGHT, OutboxState.FAILED)
    items = sorted((item for state in states for item in outbox.items(state, limit=limit)), key=lambda item: item.id)
    items = items[:limit]
    if not items:
        out.write("no dead letters\n" if failed_only else "nothing waiting\n")
        return 0
    out.write(f"{'id':>6}  {'state':9}  {'operation':9}  {'key':36}  {'customer':10}  {'tries':>5}  {'next attempt':23}  last error\n")
    for item in items:
        next_try = _when(item.next_attempt_at) if item.state is OutboxState.PENDING else "-"
        out.write(
            f"{item.id:>6}  {item.state.value:9}  {item.operation.value:9}  {item.idempotency_key:36}  "
            f"{item.customer_id:10}  {item.attempts:>5}  {next_try:23}  {item.last_error or ''}\n"
        )
    return 0


def queue_retry(outbox: Outbox, item_id: int, out: TextIO) -> int:
    """Put a dead letter back in the queue, due now."""
    try:
        outbox.requeue_failed(item_id)
    except OutboxStateError as exc:
        print(f"queue retry: {exc}", file=sys.stderr)
        return 1
    out.write(f"#{item_id} will be sent again at the next sync\n")
    return 0


def queue_sync(sync: OutboxSync, out: TextIO) -> int:
    """Deliver everything waiting now (in batches, as the running till does, where the service
    takes them); print what happened; 0 when nothing is left to deliver."""
    requeued = sync.recover()
    hastened = sync.outbox.make_pending_due()
    done = retried = lost = failed = 0
    offline = False
    for _ in range(_DRAINS):
        drained = sync.drain(_DRAIN_ROWS)
        for report in drained.reports:
            if report.outcome is SyncOutcome.DONE:
                done += 1
            elif report.outcome is SyncOutcome.FAILED:
                failed += 1
                operation = report.operation.value if report.operation else ""
                out.write(f"dead letter #{report.item_id} {operation} {report.key}: {report.detail}\n")
            else:
                retried += 1
                lost += report.offline
                out.write(f"not sent #{report.item_id} {report.key}: {report.detail}\n")
        offline = drained.offline
        if offline or len(drained.reports) < _DRAIN_ROWS:  # the service is down, or nothing more is due
            break
    counts = sync.outbox.counts()
    waiting = counts[OutboxState.PENDING] + counts[OutboxState.IN_FLIGHT]
    out.write(
        f"sent {done}, dead-lettered {failed}, to retry {retried} ({lost} without an answer) "
        f"(resumed {requeued} left in flight, {hastened} brought forward); "
        f"waiting {waiting}, dead letters {counts[OutboxState.FAILED]}"
        + (" - the service is unreachable\n" if offline else "\n")
    )
    return 0 if waiting == 0 and counts[OutboxState.FAILED] == 0 else 1


def run_queue(
    settings: Settings,
    action: str,
    *,
    item_id: int | None = None,
    failed_only: bool = False,
    limit: int = 100,
    out: TextIO | None = None,
) -> int:
    """Run one `queue` action on the configured till database; returns the exit status."""
    out = out or sys.stdout
    if action not in ACTIONS:
        raise ValueError(f"unknown queue action {action!r}")
    path = Path(settings.get("cache", "database"))
    if not path.is_file():
        print(f"queue: no till database at {path}: check --db (or [cache] database in the settings)", file=sys.stderr)
        return 2
    database: Database = open_database(path)
    try:
        outbox = Outbox(database)
        if action == "status":
            out.write(f"queue of {path}\n")
            return queue_status(outbox, out)
        if action == "list":
            return queue_list(outbox, out, failed_only=failed_only, limit=limit)
        if action == "retry":
            if item_id is None:
                raise ValueError("retry needs the row's id")
            return queue_retry(outbox, item_id, out)
        timeout = settings.get("service", "timeout_seconds")
        client = service_for(
            settings.get("service", "endpoint"),
            read_api_key(settings),
            ServiceTimeouts(min(2.0, timeout), timeout),
            verify_tls=settings.get("service", "verify_tls"),
        )
        try:
            recovery = recover_open_sales(OutboxRecorder(database), DemoRegistrar(memory=fiscal_memory_beside(path)))
            if recovery.settled or recovery.left:
                out.write(recovery.line() + "\n")
            delivered = queue_sync(OutboxSync(database, client, batch_size=MAX_BATCH_ITEMS), out)
            return 1 if recovery.left else delivered
        finally:
            client.close()
    finally:
        out.flush()
        database.close()
