"""Delivering the outbox to the loyalty service, and the payloads both sides agree on.

Plain Python, no Qt: the sync worker thread runs it, and so can a host POS without a window.

Writers (the checkout's recorder) build an outbox payload with `commit_payload`, `cancel_payload`
or `refund_payload` and record it with `cache.transactions.journal.Journal`; `OutboxSync` reads it back here,
so the two sides cannot drift apart. `OutboxSync.run_once()` claims one due row (a short
transaction), calls the service outside any transaction, then marks the row done with the
service's answer, schedules a retry with backoff when the service cannot be reached (or says the
fault is retryable), or dead-letters it on a business fault.

With a `batch_size` above 1 and a service that takes batches (contract revision 3,
`DeliverBatch`), `drain()` claims up to that many due rows at once (the head row of each
customer: a customer's next row waits until this one is done), sends them in one request, and
records each row's own outcome in one transaction: a failed row backs off alone, a request whose
answer was lost counts as one lost answer and puts back all its rows. A service that refuses the
batch (an earlier revision) gets one call per row from then on.

Given a `second_service` (another client of the same service), a drain in batches keeps two
requests under way: while the service works on one, the draining thread records the outcomes of
the one before and claims and prepares the next (`app.offline.request_senders` makes the calls;
everything else stays on the draining thread, in the order the requests went out). Rows under way
still head their customers, so a customer's next row is claimed only once the row before it is
recorded done. The second request goes out only after the service answered a batch: a service
that does not know the operation refuses one request, never two.

A row whose answer was lost (a timeout, a dropped connection, a 5xx) backs off alone: the rows of
its customer after it wait for it (`cache.transactions.outbox` keeps the order per customer), the other
customers' rows go on. Only an outage stops a drain: a refused connection, or
`LOST_ANSWERS_FOR_OUTAGE` lost answers in a row, the same proof the connectivity monitor waits for.
"""
from __future__ import annotations

import logging
import random as _random
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Callable, Sequence

from app.checkout.sale_allocation import SaleAllocation
from app.offline.connectivity import LOST_ANSWERS_FOR_OUTAGE, MonitoredService
from app.offline.request_senders import RequestSenders
from cache.transactions.backoff import backoff_delay
from cache.database import Database
from cache.transactions.outbox import Outbox, OutboxItem, utc_now
from cache.tables import Operation
from fiscal.receipt import FiscalDocument, Receipt
from loyalty_client.codec import JsonValue, coupons_from_data, coupons_to_data, from_data, to_data
from loyalty_client.batch import (
    MAX_BATCH_ITEMS,
    BatchAnswer,
    BatchItem,
    CancelItem,
    CommitItem,
    RefundItem,
    deliver_one,
    delivers_batches,
)
from loyalty_client.errors import InvalidRequest, LoyaltyFault, ServiceUnavailable, TransactionNotFound
from loyalty_client.service import LoyaltyService
from loyalty_client.types import CancelResult, CommitResult, RefundLine, RefundResult

log = logging.getLogger(__name__)

PAYLOAD_VERSION = 1
"""Version of the payload layout below; a reader refuses versions it does not know."""

RESULT_TYPES: dict[Operation, type] = {
    Operation.COMMIT: CommitResult,
    Operation.CANCEL: CancelResult,
    Operation.REFUND: RefundResult,
}


class PayloadError(ValueError):
    """An outbox payload that cannot be turned back into a service call."""


# ----- payloads (written by the till, read by OutboxSync) -------------------------------------------
def commit_payload(
    transaction_id: str,
    customer_id: str,
    receipt: Receipt,
    redeem: Decimal,
    fiscal: FiscalDocument,
    offline: bool,
    occurred_at: datetime,
    *,
    coupons: Sequence[str] = (),
    allocation: SaleAllocation | None = None,
) -> dict[str, JsonValue]:
    """The outbox payload of a sale to commit (the arguments of `LoyaltyService.commit`).

    `coupons` are kept only when there are some, so a sale without coupons is written as before.
    `allocation`, when the till knows it, is kept beside them (the service does not get it): a
    return of the sale is then estimated the way the service reverses it (`app.returns`).
    """
    _check_money(redeem, "redeem")
    extra: dict[str, JsonValue] = {"coupons": coupons_to_data(coupons)} if coupons else {}
    payload: dict[str, JsonValue] = {
        "version": PAYLOAD_VERSION,
        "transaction_id": transaction_id,
        "customer_id": customer_id,
        "receipt": receipt.to_dict(),
        "redeem": str(redeem),
        "fiscal": {
            "document_number": fiscal.document_number,
            "closed_at": _aware(fiscal.closed_at, "fiscal.closed_at").isoformat(),
        },
        "offline": bool(offline),
        "occurred_at": _aware(occurred_at, "occurred_at").isoformat(),
        **extra,
    }
    if allocation is not None:
        payload["allocation"] = allocation.to_dict()
    return payload


def cancel_payload(transaction_id: str) -> dict[str, JsonValue]:
    """The outbox payload of a cancellation (the argument of `LoyaltyService.cancel`)."""
    return {"version": PAYLOAD_VERSION, "transaction_id": transaction_id}


def refund_payload(
    refund_id: str, original_transaction_id: str, lines: Sequence[RefundLine]
) -> dict[str, JsonValue]:
    """The outbox payload of a refund (the arguments of `LoyaltyService.refund`)."""
    for line in lines:
        if not isinstance(line.quantity, Decimal):
            raise TypeError("refund quantities must be Decimal")
    return {
        "version": PAYLOAD_VERSION,
        "refund_id": refund_id,
        "original_transaction_id": original_transaction_id,
        "lines": [{"line_no": line.line_no, "quantity": str(line.quantity)} for line in lines],
    }


def stored_result(item: OutboxItem) -> CommitResult | CancelResult | RefundResult | None:
    """The service's answer kept on a done outbox row, as a domain value (None if there is none)."""
    if item.result is None or "dismissed" in item.result:
        return None
    return from_data(RESULT_TYPES[item.operation], item.result)  # type: ignore[no-any-return]


# ----- delivery -------------------------------------------------------------------------------------
class SyncOutcome(str, Enum):
    """What one delivery attempt came to."""

    IDLE = "idle"  # nothing was due
    DONE = "done"
    RETRY = "retry"
    FAILED = "failed"


@dataclass(frozen=True)
class SyncReport:
    """The outcome of `OutboxSync.run_once()`: which row, what happened, and why."""

    outcome: SyncOutcome
    item_id: int | None = None
    operation: Operation | None = None
    key: str | None = None
    customer_id: str | None = None
    detail: str = ""
    result: CommitResult | CancelResult | RefundResult | None = None
    next_attempt_at: datetime | None = None
    offline: bool = False  # a retry because the call got no usable answer (`ServiceUnavailable`)
    outage: bool = False  # ... and the service is taken to be down: a drain stops here


@dataclass(frozen=True)
class DrainReport:
    """The outcomes of `OutboxSync.drain()`, in order."""

    reports: tuple[SyncReport, ...]

    def _count(self, outcome: SyncOutcome) -> int:
        return sum(1 for report in self.reports if report.outcome is outcome)

    @property
    def done(self) -> int:
        """Rows the service accepted."""
        return self._count(SyncOutcome.DONE)

    @property
    def retried(self) -> int:
        """Rows put back for a later try."""
        return self._count(SyncOutcome.RETRY)

    @property
    def failed(self) -> int:
        """Rows dead-lettered."""
        return self._count(SyncOutcome.FAILED)

    @property
    def lost(self) -> int:
        """Rows put back because their call got no usable answer (a lost answer or the outage)."""
        return sum(1 for report in self.reports if report.offline)

    @property
    def offline(self) -> bool:
        """True when the drain stopped because the service is down (not for a lone lost answer)."""
        return any(report.outage for report in self.reports)


Backoff = Callable[..., timedelta]


class OutboxSync:
    """Sends due outbox rows to the loyalty service, one at a time, in queue order.

    Not thread-safe: one sync worker per till drives it. The first call also requeues the rows a
    previous run left in flight (see `recover`). `lost_answers_for_outage` lost answers in a row
    (counted across drains, reset by any answer of the service) make an outage; a `service` that
    reports to a connectivity monitor is set to tell it of lost answers by the same count.

    `second_service`, another client of the same service used by no one else, lets a drain in
    batches keep a second request under way on it (see the module's docstring; a client that
    cannot send batches is not used); the drain's sender threads use the clients only while a
    drain runs.
    """

    def __init__(
        self,
        database: Database,
        service: LoyaltyService,
        clock: Callable[[], datetime] = utc_now,
        *,
        backoff: Backoff = backoff_delay,
        random: Callable[[], float] = _random.random,
        lost_answers_for_outage: int = LOST_ANSWERS_FOR_OUTAGE,
        batch_size: int = 1,
        second_service: LoyaltyService | None = None,
    ) -> None:
        if lost_answers_for_outage < 1:
            raise ValueError("lost_answers_for_outage must be 1 or more")
        if not 1 <= batch_size <= MAX_BATCH_ITEMS:
            raise ValueError(f"batch_size must be 1 to {MAX_BATCH_ITEMS}")
        if isinstance(service, MonitoredService):
            service = service.tolerating_lost_answers(lost_answers_for_outage)  # type: ignore[assignment]
        if isinstance(second_service, MonitoredService):  # its lost answers count with the first's
            second_service = second_service.tolerating_lost_answers(  # type: ignore[assignment]
                lost_answers_for_outage, counted_with=service if isinstance(service, MonitoredService) else None
            )
        self._outbox = Outbox(database, clock)
        self._service = service
        self._clock = clock
        self._backoff = backoff
        self._random = random
        self._recovered = False
        self._lost_answers_for_outage = lost_answers_for_outage
        self._lost_in_a_row = 0
        self._batch_size = batch_size
        self._batches_refused = False
        self._batch_answered = False  # the service answered a batch: a second one may go out beside another
        self._second_service = second_service if delivers_batches(second_service) else None

    @property
    def batching(self) -> bool:
        """True while a drain sends due rows `batch_size` at a time in one request each.

        Off with a batch size of 1, for a service that cannot take batches, and for good once the
        service refused one (a service of an earlier contract revision): one call per row then.
        """
        return self._batch_size > 1 and not self._batches_refused and delivers_batches(self._service)

    @property
    def outbox(self) -> Outbox:
        """The outbox this sync delivers (for counts and the admin list)."""
        return self._outbox

    def recover(self) -> int:
        """Start-up: put rows a crash left in flight back to pending. Returns how many."""
        self._recovered = True
        count = self._outbox.requeue_in_flight()
        if count:
            log.info("requeued %d outbox rows left in flight", count)
        return count

    def run_once(self) -> SyncReport:
        """Claim one due row, call the service for it, and record the outcome on the row."""
        if not self._recovered:
            self.recover()
        item = self._outbox.claim_next(self._clock())
        if item is None:
            return SyncReport(SyncOutcome.IDLE)
        report, data = self._deliver(item)
        if report.outcome is SyncOutcome.DONE:
            self._outbox.mark_done(item.id, data)
        return report

    def drain(self, max_items: int = 100) -> DrainReport:
        """Deliver due rows until none is due, `max_items` were tried, or the service is down.

        Each row is recorded as `run_once` records it; a row accepted by the service is marked
        done in the same transaction that claims the next one. A row whose answer was lost waits
        for its own retry and the drain goes on with the next due row; a refused connection, or
        the last of `lost_answers_for_outage` lost answers in a row, ends it.
        """
        if not self._recovered:
            self.recover()
        if self.batching:
            return self._drain_in_batches(max_items)
        reports: list[SyncReport] = []
        item = self._outbox.claim_next(self._clock()) if max_items > 0 else None
        while item is not None:
            report, data = self._deliver(item)
            reports.append(report)
            more = len(reports) < max_items and not report.outage
            if report.outcome is not SyncOutcome.DONE:  # already recorded as a retry or a dead letter
                item = self._outbox.claim_next(self._clock()) if more else None
            elif more:
                item = self._outbox.mark_done_and_claim_next(item.id, data, self._clock())
            else:
                self._outbox.mark_done(item.id, data)
                item = None
        return DrainReport(tuple(reports))

    # ----- in batches --------------------------------------------------------------------------------
    def _drain_in_batches(self, max_items: int) -> DrainReport:
        """`drain`, claiming up to `batch_size` due rows at a time (each the head of its customer),
        sending them in as few requests as keep within `LINES_PER_REQUEST`, up to two under way,
        and recording each request's outcomes in one transaction, in the order they went out.

        With two under way, the next request is claimed and prepared while the service works, and
        goes out as soon as the oldest one under way is answered, before its outcomes are recorded.
        After an outage no request goes out: those under way are recorded by their own outcome,
        and rows claimed but not sent go back to pending as they were.
        """
        clients = [self._service] if self._second_service is None else [self._service, self._second_service]
        reports: list[SyncReport] = []
        unsent: deque[_Request] = deque()  # claimed and prepared, not sent yet
        under_way: deque[_Request] = deque()
        claimed = 0
        stopping = False

        def claim() -> bool:
            nonlocal claimed
            if claimed >= max_items:
                return False
            items = self._outbox.claim_due(self._clock(), min(self._batch_size, max_items - claimed))
            claimed += len(items)
            unsent.extend(self._request_of(group) for group in _requests_of(items))
            return bool(items)

        with RequestSenders(clients) as senders:
            while True:
                while not stopping and len(under_way) < self._requests_at_once(senders) and (unsent or claim()):
                    under_way.append(self._send(unsent.popleft(), senders))
                if not under_way:
                    break
                if not stopping and self._requests_at_once(senders) > 1 and not unsent:
                    claim()  # ahead: the service has work meanwhile
                oldest = under_way.popleft()
                if unsent and not stopping and _answered_in_full(oldest) and self._requests_at_once(senders) > 1:
                    under_way.append(self._send(unsent.popleft(), senders))  # the oldest's client is free
                request_reports = self._settle_request(oldest, senders, stopping)
                reports.extend(request_reports)
                stopping = stopping or any(report.outage for report in request_reports)
        for request in unsent:  # claimed but not sent: back as they were (an unreadable one stays dead)
            request.settlement.released.extend(item.id for item, _ in request.sendable)
            self._outbox.settle({}, {}, request.settlement.failed, request.settlement.released)
            reports.extend(request.reports)
        return DrainReport(tuple(reports))

    def _requests_at_once(self, senders: RequestSenders) -> int:
        """How many requests may be under way: one until the service answered a batch, and once it
        refused one (its rows then go one call after the other)."""
        return senders.count if self._batch_answered and not self._batches_refused else 1

    def _request_of(self, items: list[OutboxItem]) -> "_Request":
        """Claimed rows made into one request; a row whose payload cannot be read is dead-lettered
        (in the request's settlement)."""
        request = _Request()
        for item in items:
            try:
                request.sendable.append((item, self._batch_item(item)))
            except (PayloadError, KeyError, TypeError, ValueError, InvalidOperation) as exc:
                request.reports.append(self._fail(item, f"BAD_PAYLOAD: {exc}", request.settlement))
        return request

    def _send(self, request: "_Request", senders: RequestSenders) -> "_Request":
        """The request sent as a batch while the service takes batches (else its rows go one call
        each when it is settled)."""
        if request.sendable and self.batching:
            batch = [batch_item for _, batch_item in request.sendable]
            request.answers = senders.submit(lambda service: service.deliver_batch(batch))
        return request

    def _settle_request(self, request: "_Request", senders: RequestSenders, stopping: bool) -> list[SyncReport]:
        """Wait for the request's answers (or send its rows one call each, when the service takes
        no batches, unless `stopping`: they go back unsent), record every row's outcome in one
        transaction and return their reports."""
        reports = request.reports + self._answered(request, senders, stopping) if request.sendable else request.reports
        settlement = request.settlement
        self._outbox.settle(settlement.done, settlement.retries, settlement.failed, settlement.released)
        return reports

    def _answered(self, request: "_Request", senders: RequestSenders, stopping: bool) -> list[SyncReport]:
        """Reports for the request's rows, in order; their outcomes go to its settlement."""
        sendable, settlement = request.sendable, request.settlement
        if request.answers is not None:
            try:
                answers: list[BatchAnswer] = request.answers.result()
            except ServiceUnavailable as exc:
                self._lost_in_a_row += 1
                outage = exc.unreachable or self._lost_in_a_row >= self._lost_answers_for_outage
                error = f"SERVICE_UNAVAILABLE: {exc}"
                return [
                    self._retry(item, error, offline=True, outage=outage, settlement=settlement) for item, _ in sendable
                ]
            except InvalidRequest as exc:
                # An unknown operation to a service of an earlier revision; nothing was done.
                log.info("the service refused a batch (%s): one call per row from now on", exc)
                self._batches_refused = True
            except Exception as exc:
                log.exception("a batch of %d outbox rows raised", len(sendable))
                error = f"{type(exc).__name__}: {exc}"
                return [self._retry(item, error, offline=False, settlement=settlement) for item, _ in sendable]
            else:
                self._lost_in_a_row = 0
                self._batch_answered = True
                return [self._settle_answer(item, answer, settlement) for (item, _), answer in zip(sendable, answers)]
        if stopping:  # the service is down: nothing more goes out
            settlement.released.extend(item.id for item, _ in sendable)
            return []
        return self._deliver_one_by_one(sendable, settlement, senders)

    def _deliver_one_by_one(
        self, sendable: list[tuple[OutboxItem, BatchItem]], settlement: "_Settlement", senders: RequestSenders
    ) -> list[SyncReport]:
        """Claimed rows sent with one call each, one after the other; after an outage the rest go
        back unsent."""
        reports: list[SyncReport] = []
        for number, (item, batch_item) in enumerate(sendable):
            try:
                answer: BatchAnswer = senders.submit(lambda service: deliver_one(service, batch_item)).result()
            except LoyaltyFault as fault:
                answer = fault
            except ServiceUnavailable as exc:
                self._lost_in_a_row += 1
                outage = exc.unreachable or self._lost_in_a_row >= self._lost_answers_for_outage
                report = self._retry(item, f"SERVICE_UNAVAILABLE: {exc}", offline=True, outage=outage, settlement=settlement)
                reports.append(report)
                if outage:
                    settlement.released.extend(rest.id for rest, _ in sendable[number + 1 :])
                    break
                continue
            except Exception as exc:
                log.exception("outbox row %d (%s %s) raised", item.id, item.operation.value, item.idempotency_key)
                reports.append(self._retry(item, f"{type(exc).__name__}: {exc}", offline=False, settlement=settlement))
                continue
            self._lost_in_a_row = 0
            reports.append(self._settle_answer(item, answer, settlement))
        return reports

    def _settle_answer(self, item: OutboxItem, answer: BatchAnswer, settlement: "_Settlement") -> SyncReport:
        """The service's answer to one row: done with its result, or its business fault."""
        if isinstance(answer, LoyaltyFault):
            report, data = self._answered_with(item, answer, settlement)
        else:
            report, data = self._report(item, SyncOutcome.DONE, result=answer), to_data(answer)
        if report.outcome is SyncOutcome.DONE:
            settlement.done[item.id] = data
        return report

    def _batch_item(self, item: OutboxItem) -> BatchItem:
        """The claimed row's payload as a batch item (`PayloadError` and the like when unreadable)."""
        payload = item.payload
        if payload.get("version") != PAYLOAD_VERSION:
            raise PayloadError(f"unknown payload version {payload.get('version')!r}")
        if item.operation is Operation.COMMIT:
            _expect(payload["transaction_id"], item.idempotency_key, "transaction_id")
            _expect(payload["customer_id"], item.customer_id, "customer_id")
            offline = payload["offline"]
            if not isinstance(offline, bool):
                raise PayloadError("offline must be true or false")
            return CommitItem(
                transaction_id=payload["transaction_id"],
                customer_id=payload["customer_id"],
                receipt=Receipt.from_dict(payload["receipt"]),
                redeem=_decimal(payload["redeem"]),
                fiscal=FiscalDocument(
                    document_number=str(payload["fiscal"]["document_number"]),
                    closed_at=_datetime(payload["fiscal"]["closed_at"]),
                ),
                offline=offline,
                occurred_at=_datetime(payload["occurred_at"]),
                coupons=coupons_from_data(payload.get("coupons")),
            )
        if item.operation is Operation.CANCEL:
            _expect(payload["transaction_id"], item.idempotency_key, "transaction_id")
            return CancelItem(payload["transaction_id"])
        if item.operation is Operation.REFUND:
            _expect(payload["refund_id"], item.idempotency_key, "refund_id")
            lines = tuple(RefundLine(int(line["line_no"]), _decimal(line["quantity"])) for line in payload["lines"])
            return RefundItem(payload["refund_id"], str(payload["original_transaction_id"]), lines)
        raise PayloadError(f"unknown operation {item.operation!r}")

    # ----- one at a time -------------------------------------------------------------------------------
    def _deliver(self, item: OutboxItem) -> tuple[SyncReport, JsonValue]:
        """Call the service for a claimed row. A retry or a dead letter is recorded here; a DONE
        report comes with the answer to keep, which the caller records."""
        try:
            call = self._prepare(item)
        except (PayloadError, KeyError, TypeError, ValueError, InvalidOperation) as exc:
            return self._fail(item, f"BAD_PAYLOAD: {exc}"), None
        try:
            result = call()
            data = to_data(result)
        except ServiceUnavailable as exc:
            self._lost_in_a_row += 1
            outage = exc.unreachable or self._lost_in_a_row >= self._lost_answers_for_outage
            return self._retry(item, f"SERVICE_UNAVAILABLE: {exc}", offline=True, outage=outage), None
        except LoyaltyFault as exc:
            self._lost_in_a_row = 0  # an answer: the service is there
            return self._answered_with(item, exc)
        except Exception as exc:  # a fault of ours or of the client: keep the row, try later
            log.exception("outbox row %d (%s %s) raised", item.id, item.operation.value, item.idempotency_key)
            return self._retry(item, f"{type(exc).__name__}: {exc}", offline=False), None
        self._lost_in_a_row = 0
        return self._report(item, SyncOutcome.DONE, result=result), data

    def _answered_with(
        self, item: OutboxItem, fault: LoyaltyFault, settlement: "_Settlement | None" = None
    ) -> tuple[SyncReport, JsonValue]:
        """The service answered a claimed row with a business fault: done (a cancel of nothing),
        a retry (a fault it calls retryable) or a dead letter."""
        text = f"{fault.code}: {fault.message or fault}"
        if isinstance(fault, TransactionNotFound) and item.operation is Operation.CANCEL:
            # Nothing to cancel: the reservation never reached the service, or has expired there.
            # Done, not dead: a dead cancel would hold back every later sale of this customer.
            result = CancelResult(item.idempotency_key, cancelled=False)
            return self._report(item, SyncOutcome.DONE, result=result), to_data(result)
        if fault.retryable and not isinstance(fault, TransactionNotFound):
            return self._retry(item, text, offline=False, settlement=settlement), None
        return self._fail(item, text, settlement), None

    # ----- steps -------------------------------------------------------------------------------------
    def _prepare(self, item: OutboxItem) -> Callable[[], Any]:
        batch_item = self._batch_item(item)
        service = self._service
        return lambda: deliver_one(service, batch_item)

    def _retry(
        self,
        item: OutboxItem,
        error: str,
        *,
        offline: bool,
        outage: bool = False,
        settlement: "_Settlement | None" = None,
    ) -> SyncReport:
        delay = self._backoff(item.attempts, random=self._random)
        next_attempt_at = self._clock() + delay
        if settlement is None:
            self._outbox.schedule_retry(item.id, error, next_attempt_at)
        else:
            settlement.retries[item.id] = (error, next_attempt_at)
        log.info("outbox row %d: %s; next try at %s", item.id, error, next_attempt_at.isoformat())
        return self._report(
            item, SyncOutcome.RETRY, detail=error, next_attempt_at=next_attempt_at, offline=offline, outage=outage
        )

    def _fail(self, item: OutboxItem, reason: str, settlement: "_Settlement | None" = None) -> SyncReport:
        if settlement is None:
            self._outbox.mark_failed(item.id, reason)
        else:
            settlement.failed[item.id] = reason
        log.warning("outbox row %d (%s %s) dead-lettered: %s", item.id, item.operation.value, item.idempotency_key, reason)
        return self._report(item, SyncOutcome.FAILED, detail=reason)

    @staticmethod
    def _report(item: OutboxItem, outcome: SyncOutcome, **details: Any) -> SyncReport:
        return SyncReport(
            outcome,
            item_id=item.id,
            operation=item.operation,
            key=item.idempotency_key,
            customer_id=item.customer_id,
            **details,
        )


# ----- helpers ----------------------------------------------------------------------------------------
LINES_PER_REQUEST = 500
"""Receipt and refund lines one DeliverBatch request carries at most (a single row may carry more,
alone): 100 rows of a few lines each go together, 100 long receipts go in several requests, so
that a request stays well inside the service's limits on elements and bytes (about 12 elements
and at most 1.6 KB a line; the sandbox takes 20 000 elements and 1 MB)."""


def _requests_of(items: list[OutboxItem]) -> list[list[OutboxItem]]:
    """Claimed rows split, in order, into groups of at most `LINES_PER_REQUEST` lines."""
    groups: list[list[OutboxItem]] = []
    lines = 0
    for item in items:
        size = _lines_of(item.payload)
        if not groups or lines + size > LINES_PER_REQUEST:
            groups.append([])
            lines = 0
        groups[-1].append(item)
        lines += size
    return groups


@dataclass
class _Request:
    """Claimed rows going out in one request: those that can be sent, the reports and outcomes of
    those that could not, and the answers once the request is sent as a batch (None: the rows go
    one call each when the request is settled)."""

    sendable: list[tuple[OutboxItem, BatchItem]] = field(default_factory=list)
    reports: list[SyncReport] = field(default_factory=list)
    settlement: "_Settlement" = field(default_factory=lambda: _Settlement())
    answers: "Future[list[BatchAnswer]] | None" = None


def _answered_in_full(request: _Request) -> bool:
    """Whether the request went out as a batch and came back with its answers (waits for them)."""
    return request.answers is not None and request.answers.exception() is None


def _lines_of(payload: dict[str, Any]) -> int:
    """How many receipt or refund lines a payload carries (0 when it cannot tell)."""
    try:
        lines = payload["receipt"]["lines"] if "receipt" in payload else payload.get("lines", ())
        return len(lines) if isinstance(lines, list) else 0
    except (KeyError, TypeError):
        return 0


@dataclass
class _Settlement:
    """Outcomes of rows claimed together, recorded by `Outbox.settle` in one transaction."""

    done: dict[int, JsonValue] = field(default_factory=dict)
    retries: dict[int, tuple[str, datetime]] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)
    released: list[int] = field(default_factory=list)


def _expect(found: Any, wanted: str, name: str) -> None:
    if found != wanted:
        raise PayloadError(f"payload {name} {found!r} does not match the outbox row ({wanted!r})")


def _decimal(text: Any) -> Decimal:
    if not isinstance(text, str):
        raise PayloadError(f"expected a decimal string, got {text!r}")
    value = Decimal(text)
    if not value.is_finite():
        raise PayloadError(f"not a finite decimal: {text!r}")
    return value


def _datetime(text: Any) -> datetime:
    if not isinstance(text, str):
        raise PayloadError(f"expected an ISO date and time, got {text!r}")
    return _aware(datetime.fromisoformat(text), "time")


def _aware(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must carry a timezone")
    return moment


def _check_money(value: Any, name: str) -> None:
    if not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal")
