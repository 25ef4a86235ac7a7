"""Is the loyalty service reachable? Decided from real call outcomes plus a light periodic probe.

Plain Python, no Qt, thread-safe: the checkout's worker and the sync worker report outcomes to one
`ConnectivityMonitor`, and whoever owns the timers (the Qt wiring, a host POS, a test) asks it when
the next probe is due and runs it on a worker:

    monitor = ConnectivityMonitor(program_probe(probe_client, store_id), on_change=show_banner)
    service = MonitoredService(client, monitor, fail_fast=True)        # the checkout's client
    sync = OutboxSync(db, MonitoredService(sync_client, monitor))       # the sync's client
    ...
    timer.start(monitor.seconds_until_probe())   # then, on the worker: monitor.probe_if_due()

- Any answer from the service (a business fault included) means it is reachable; a
  `ServiceUnavailable` (no connection, timeout, nonsense) means it is not. The sync's client
  waits for proof (`OutboxSync` sets it up so): a refused connection is one at once, a lost answer
  (a timeout, a dropped connection, a 5xx) only when `LOST_ANSWERS_FOR_OUTAGE` come in a row, so
  one lost response of a drain does not put the till offline.
- While real calls flow, no probe is needed: one is due only after `online_interval` seconds of
  silence. Offline, the service is probed every `offline_interval` seconds, doubling after each
  failed probe up to `offline_max_interval`, so a till notices the service is back soon without
  hammering it. The probe is one `get_program` call (SOAP GetProgram; with RetailCRM,
  GET loyalty/loyalties).
- Short timeouts (`INTERACTIVE_TIMEOUTS`) make a cashier's call give up within about a second,
  so identification falls back to the cache; with `fail_fast`, a client the monitor knows to be
  offline does not even try until a probe or another call saw the service again.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from loyalty_client import errors
from loyalty_client.service import LoyaltyService

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServiceTimeouts:
    """How long a loyalty call may take: to connect, and in all, from sending to the whole answer (seconds)."""

    connect_seconds: float
    total_seconds: float


INTERACTIVE_TIMEOUTS = ServiceTimeouts(connect_seconds=0.5, total_seconds=1.0)
"""For calls a cashier waits on (identify, calculate, reserve) and for the probe: about a second."""

BACKGROUND_TIMEOUTS = ServiceTimeouts(connect_seconds=2.0, total_seconds=5.0)
"""For the outbox sync: nobody waits on it, so a slow answer may take a few seconds before it is retried."""

LOST_ANSWERS_FOR_OUTAGE = 3
"""Lost answers in a row (timeouts, dropped connections, 5xx) that make an outage for the sync;
fewer may be single lost responses of a service that is up. A refused connection is one alone."""


@dataclass(frozen=True)
class ProbePolicy:
    """When to probe: after `online_interval` s of silence online; offline every `offline_interval` s,
    doubling after each failed probe up to `offline_max_interval` s."""

    online_interval: float = 30.0
    offline_interval: float = 5.0
    offline_max_interval: float = 60.0
    failures_to_go_offline: int = 1

    def __post_init__(self) -> None:
        if min(self.online_interval, self.offline_interval) <= 0 or self.offline_max_interval < self.offline_interval:
            raise ValueError("intervals must be positive, and the offline maximum at least the offline interval")
        if self.failures_to_go_offline < 1:
            raise ValueError("failures_to_go_offline must be 1 or more")


Listener = Callable[[bool], None]


class ConnectivityMonitor:
    """Whether the loyalty service is reachable, from the outcomes of real calls and of probes.

    `online` is None until anything was heard, then True or False. Listeners get every change
    (True/False) in the order the changes happened, called on the thread that reported the
    outcome (keep them short: a Qt listener emits a signal); they may read the monitor.
    `probe` is any call that reaches the service (see `program_probe`); without one, the monitor
    only follows real calls.
    """

    def __init__(
        self,
        probe: Callable[[], object] | None = None,
        *,
        policy: ProbePolicy = ProbePolicy(),
        clock: Callable[[], float] = time.monotonic,
        on_change: Listener | None = None,
    ) -> None:
        self._probe = probe
        self._policy = policy
        self._clock = clock
        self._lock = threading.Lock()
        self._telling = threading.RLock()  # changes are told in the order they happened
        self._probe_lock = threading.Lock()
        self._listeners: list[Listener] = [on_change] if on_change else []
        self._online: bool | None = None
        self._failures = 0  # consecutive failed outcomes
        self._failed_probes = 0  # consecutive failed probes while offline
        self._last_heard = clock()  # last outcome of any kind
        self._last_error: str | None = None
        self._changed_at: float | None = None

    # ----- what is known ---------------------------------------------------------------------------
    @property
    def online(self) -> bool | None:
        """True: the service answered lately; False: it did not; None: nothing heard yet."""
        with self._lock:
            return self._online

    @property
    def last_error(self) -> str | None:
        """Why the last failed call failed (None after a success)."""
        with self._lock:
            return self._last_error

    @property
    def changed_at(self) -> float | None:
        """When (on the monitor's clock) `online` last changed."""
        with self._lock:
            return self._changed_at

    def add_listener(self, listener: Listener) -> None:
        """Call `listener(online)` on every change from now on."""
        with self._lock:
            self._listeners.append(listener)

    # ----- outcomes --------------------------------------------------------------------------------
    def succeeded(self) -> None:
        """A call got an answer (a business fault counts: the service is there)."""
        with self._telling:
            with self._lock:
                self._failures = 0
                self._failed_probes = 0
                self._last_error = None
                self._last_heard = self._clock()
                listeners = self._set(True)
            self._tell(listeners, True)

    def failed(self, reason: str = "") -> None:
        """A call could not reach the service (`ServiceUnavailable`)."""
        with self._telling:
            with self._lock:
                self._failures += 1
                self._last_error = reason or "unavailable"
                self._last_heard = self._clock()
                listeners = self._set(False) if self._failures >= self._policy.failures_to_go_offline else []
            self._tell(listeners, False)

    def observe(self, exc: BaseException | None) -> None:
        """Record the outcome of a call from how it ended: None (answered) or what it raised.

        Failures other than loyalty errors (a bug of ours) say nothing about the service.
        """
        if exc is None or isinstance(exc, errors.LoyaltyFault):
            self.succeeded()
        elif isinstance(exc, errors.ServiceUnavailable):
            self.failed(str(exc))

    # ----- the probe -------------------------------------------------------------------------------
    def seconds_until_probe(self) -> float:
        """How long until a probe is due (0: now). Nothing heard yet: due now."""
        with self._lock:
            return max(0.0, self._next_probe_at() - self._clock())

    def probe_due(self) -> bool:
        """Whether a probe is due now."""
        return self._probe is not None and self.seconds_until_probe() <= 0

    def probe(self) -> bool:
        """Run the probe now (blocking: call it on a worker) and record its outcome; returns `online`.

        Concurrent calls run one probe; the others wait for it and share its outcome.
        """
        if self._probe is None:
            raise RuntimeError("this monitor has no probe")
        with self._probe_lock:
            try:
                self._probe()
            except errors.ServiceUnavailable as exc:
                with self._lock:
                    self._failed_probes += 1
                self.failed(str(exc))
                log.info("loyalty service probe failed: %s", exc)
            except errors.LoyaltyFault:
                self.succeeded()
            else:
                self.succeeded()
        return bool(self.online)

    def probe_if_due(self) -> bool | None:
        """Probe if it is due (returns `online` after it), else None without calling anything."""
        if not self.probe_due():
            return None
        return self.probe()

    # ----- internals -------------------------------------------------------------------------------
    def _next_probe_at(self) -> float:
        policy = self._policy
        if self._online is None:
            return self._last_heard
        if self._online:
            return self._last_heard + policy.online_interval
        wait = policy.offline_interval * 2 ** min(self._failed_probes, 16)
        return self._last_heard + min(wait, policy.offline_max_interval)

    def _set(self, online: bool) -> list[Listener]:
        """Change the state under the lock; the listeners to tell, if it changed."""
        if self._online is online:
            return []
        self._online = online
        self._changed_at = self._clock()
        if online:
            log.info("loyalty service reachable")
        else:
            log.warning("loyalty service unreachable: %s", self._last_error)
        return list(self._listeners)

    @staticmethod
    def _tell(listeners: list[Listener], online: bool) -> None:
        for listener in listeners:
            try:
                listener(online)
            except Exception:  # a listener's failure must not fail the call that reported
                log.exception("connectivity listener failed")


def program_probe(service: LoyaltyService, store_id: str) -> Callable[[], object]:
    """The light probe: one GetProgram call for the store (give it a client of its own thread)."""
    return lambda: service.get_program(store_id)


class LostAnswersInARow:
    """How many calls in a row lost their answer, counted over every client that shares it: the
    drain's two clients, whose requests go out in turn, see one service (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0

    def lost(self) -> int:
        """One more lost answer; how many in a row now."""
        with self._lock:
            self._count += 1
            return self._count

    def answered(self) -> None:
        """An answer came (or a failure that is not a lost answer): the count starts again."""
        with self._lock:
            self._count = 0


class MonitoredService:
    """A `LoyaltyService` that reports the outcome of each of its calls to a `ConnectivityMonitor`.

    With `fail_fast`, while the monitor says offline, calls raise `ServiceUnavailable` at once
    instead of waiting for a timeout: the checkout falls back to the cache immediately, and the
    probe (or another client's call) brings the monitor back online.

    A failure that is not `unreachable` (a lost answer) is told to the monitor only once
    `lost_answers_for_outage` came in a row on this client, or on the clients sharing its
    `lost_answers` count (1 by default: every one, as a cashier waiting on a call needs); a refused
    connection is told at once. Like the client it wraps, it is used by one thread at a time.
    """

    def __init__(
        self,
        service: LoyaltyService,
        monitor: ConnectivityMonitor,
        *,
        fail_fast: bool = False,
        lost_answers_for_outage: int = 1,
        lost_answers: LostAnswersInARow | None = None,
    ) -> None:
        if lost_answers_for_outage < 1:
            raise ValueError("lost_answers_for_outage must be 1 or more")
        self._service = service
        self._monitor = monitor
        self._fail_fast = fail_fast
        self._lost_answers_for_outage = lost_answers_for_outage
        self._lost = lost_answers if lost_answers is not None else LostAnswersInARow()

    @property
    def monitor(self) -> ConnectivityMonitor:
        """The monitor outcomes go to."""
        return self._monitor

    def tolerating_lost_answers(
        self, lost_answers_for_outage: int, *, counted_with: "MonitoredService | None" = None
    ) -> "MonitoredService":
        """The same client and monitor, telling lost answers only once so many came in a row:
        on this client alone, or on it and `counted_with` together."""
        return MonitoredService(
            self._service,
            self._monitor,
            fail_fast=self._fail_fast,
            lost_answers_for_outage=lost_answers_for_outage,
            lost_answers=counted_with._lost if counted_with is not None else None,
        )

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._service, name)
        if not callable(method) or name.startswith("_") or name == "close":
            return method

        def call(*args: Any, **kwargs: Any) -> Any:
            if self._fail_fast and self._monitor.online is False:
                raise errors.ServiceUnavailable(
                    "offline (waiting for the service to answer a probe)", unreachable=True  # nothing sent
                )
            try:
                result = method(*args, **kwargs)
            except errors.LoyaltyError as exc:
                self._observe(exc)
                raise
            self._lost.answered()
            self._monitor.succeeded()
            return result

        return call

    def _observe(self, exc: errors.LoyaltyError) -> None:
        if isinstance(exc, errors.ServiceUnavailable) and not exc.unreachable:
            in_a_row = self._lost.lost()
            if in_a_row < self._lost_answers_for_outage:
                log.info("loyalty call lost its answer (%d in a row): %s", in_a_row, exc)
                return
        else:
            self._lost.answered()
        self._monitor.observe(exc)
