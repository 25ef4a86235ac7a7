"""Fault injection for the sandbox: fail the way networks and services really do, on purpose.

A fault is chosen for each SOAP request, either by the request itself or by a schedule:

- per request: a query on the endpoint URL the till is given, e.g.
  `http://127.0.0.1:8580/?fault=drop`, `?fault=slow&delay=2.5`, `?fault=http500&on=CommitPurchase`
  (`on` limits the fault to one operation; the others are served normally). Only a sandbox
  started with fault injection on (`sandbox --faults SPEC` or `--allow-fault-requests`,
  `start_sandbox(allow_fault_requests=True)`) takes them: otherwise any client could take it
  off the network with `?fault=refuse`; such a request is refused with INVALID_REQUEST;
- by a schedule: rules held by `FaultInjector` (`RunningSandbox.faults`), set by tests or from the
  command line with `sandbox --faults SPEC` (see `parse_fault_spec`), e.g. every third
  CommitPurchase has its answer dropped after the sandbox committed it.

What each kind does, and whether the sandbox did the work before failing:

| kind       | processed | what the till sees                                                  |
|------------|-----------|---------------------------------------------------------------------|
| drop       | yes       | the answer is cut off after its headers: a lost response            |
| slow       | yes       | the answer comes `delay` seconds late (a short timeout gives up)    |
| stall      | yes       | the request waits `delay` seconds before it is processed            |
| malformed  | yes       | HTTP 200 with XML that does not parse                               |
| http500    | no        | HTTP 500 with a plain-text body                                     |
| soap_fault | no        | a soap:Server fault (no business detail)                            |
| refuse     | no        | the connection is cut unanswered and the sandbox stops listening    |
|            |           | for `delay` seconds: new connections are refused                    |

Every injected fault is logged, kept in `FaultInjector.injected`, and passed to the observers.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from enum import Enum
from typing import Callable, Iterable, Mapping, Sequence
from urllib.parse import parse_qs

log = logging.getLogger(__name__)

DEFAULT_DELAY_SECONDS = 2.0
MAX_DELAY_SECONDS = 600.0


class FaultKind(str, Enum):
    """How a request is made to fail (see the module's table)."""

    DROP = "drop"
    SLOW = "slow"
    STALL = "stall"
    MALFORMED = "malformed"
    HTTP500 = "http500"
    SOAP_FAULT = "soap_fault"
    REFUSE = "refuse"

    @property
    def processed(self) -> bool:
        """Whether the sandbox does the work (and commits it) before the fault shows."""
        return self in (FaultKind.DROP, FaultKind.SLOW, FaultKind.STALL, FaultKind.MALFORMED)

    @property
    def timed(self) -> bool:
        """Whether the kind takes a delay in seconds."""
        return self in (FaultKind.SLOW, FaultKind.STALL, FaultKind.REFUSE)


class FaultSpecError(ValueError):
    """A fault rule or URL query that cannot be understood; the message says what is wrong."""


@dataclass(frozen=True)
class FaultRule:
    """One scheduled fault: which operation, what kind, how often, how many times at most.

    `every=3` fires on the 3rd, 6th, 9th... request that matches `operation` (None: any
    operation); `times` caps how often the rule fires (None: no cap).
    """

    kind: FaultKind
    operation: str | None = None
    every: int = 1
    times: int | None = None
    delay: float = DEFAULT_DELAY_SECONDS

    def __post_init__(self) -> None:
        if self.every < 1:
            raise FaultSpecError("every must be 1 or more")
        if self.times is not None and self.times < 1:
            raise FaultSpecError("times must be 1 or more")
        if not 0 <= self.delay <= MAX_DELAY_SECONDS:
            raise FaultSpecError(f"delay must be between 0 and {MAX_DELAY_SECONDS:g} seconds")

    def __str__(self) -> str:
        text = f"{self.operation or '*'}:{self.kind.value}"
        if self.kind.timed:
            text += f"={self.delay:g}"
        if self.every != 1:
            text += f":every={self.every}"
        if self.times is not None:
            text += f":times={self.times}"
        return text


@dataclass(frozen=True)
class InjectedFault:
    """A fault that was applied: to which operation, which rule, and whether a schedule chose it."""

    operation: str
    rule: FaultRule
    scheduled: bool

    @property
    def kind(self) -> FaultKind:
        """The kind of fault applied."""
        return self.rule.kind


OPERATION_NAMES: tuple[str, ...] = (
    "GetProgram",
    "IdentifyCustomer",
    "CalculatePurchase",
    "SendConfirmationCode",
    "ReservePurchase",
    "CommitPurchase",
    "CancelPurchase",
    "RefundPurchase",
    "RegisterCustomer",
    "GetOffers",
)
"""The contract's operations as faults name them (the request element without `Request`)."""


def parse_fault_spec(spec: str, operations: Iterable[str] | None = OPERATION_NAMES) -> list[FaultRule]:
    """Rules from a command-line spec: `RULE[;RULE...]` (`,` separates rules too).

    RULE is `[OPERATION:]KIND[=SECONDS][:every=N][:times=N]`; OPERATION is a contract operation
    name (e.g. `CommitPurchase`) or `*` for any, KIND one of the `FaultKind` values. Examples:
    `CommitPurchase:drop:every=3`, `slow=1.5:every=10`, `ReservePurchase:refuse=5:times=1`.
    Operation names are checked against `operations` (None: not checked).
    """
    known = set(operations) if operations is not None else None
    rules: list[FaultRule] = []
    for text in spec.replace(",", ";").split(";"):
        text = text.strip()
        if text:
            rules.append(_parse_rule(text, known))
    if not rules:
        raise FaultSpecError("no fault rule given")
    return rules


def _parse_rule(text: str, known: set[str] | None) -> FaultRule:
    fields = [field.strip() for field in text.split(":")]
    operation: str | None = None
    if len(fields) > 1 and _kind_of(fields[0]) is None:
        operation = None if fields[0] == "*" else fields[0]
        fields = fields[1:]
        if not fields[0]:
            raise FaultSpecError(f"{text!r}: no fault kind after the operation")
    if operation is not None and known is not None and operation not in known:
        raise FaultSpecError(f"{text!r}: unknown operation {operation!r}")
    head, *options = fields
    kind = _kind_of(head)
    if kind is None:
        raise FaultSpecError(f"{text!r}: unknown fault kind {head!r} (one of {', '.join(k.value for k in FaultKind)})")
    values: dict[str, object] = {"kind": kind, "operation": operation}
    if "=" in head:
        if not kind.timed:
            raise FaultSpecError(f"{text!r}: {kind.value} takes no delay")
        values["delay"] = _number(head.split("=", 1)[1], text)
    for option in options:
        name, _, value = option.partition("=")
        if name not in ("every", "times") or not value:
            raise FaultSpecError(f"{text!r}: unknown option {option!r} (every=N, times=N)")
        values[name] = _count(value, text)
    return FaultRule(**values)  # type: ignore[arg-type]


def _kind_of(field: str) -> FaultKind | None:
    try:
        return FaultKind(field.split("=", 1)[0])
    except ValueError:
        return None


def _number(value: str, text: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise FaultSpecError(f"{text!r}: {value!r} is not a number of seconds") from None


def _count(value: str, text: str) -> int:
    if not value.isdigit():
        raise FaultSpecError(f"{text!r}: {value!r} is not a whole number")
    return int(value)


def asks_for_fault(query: str) -> bool:
    """Whether a URL query asks for a fault (has a `fault` parameter)."""
    return bool(query) and "fault" in parse_qs(query, keep_blank_values=True)


def rule_from_query(query: str) -> FaultRule | None:
    """The per-request fault asked for in a URL query (`fault=KIND[&delay=S][&on=Operation]`)."""
    if not query:
        return None
    values: Mapping[str, Sequence[str]] = parse_qs(query, keep_blank_values=True)
    if "fault" not in values:
        return None
    kind = _kind_of(values["fault"][-1])
    if kind is None:
        raise FaultSpecError(f"unknown fault kind {values['fault'][-1]!r}")
    delay = _number(values["delay"][-1], query) if "delay" in values else DEFAULT_DELAY_SECONDS
    operation = values["on"][-1] if "on" in values else None
    if operation and operation not in OPERATION_NAMES:
        raise FaultSpecError(f"unknown operation {operation!r}")
    return FaultRule(kind, operation=operation or None, delay=delay)


class FaultInjector:
    """The sandbox's fault schedule and switch: decides a fault for each request. Thread-safe.

    `schedule(*rules)` adds rules, `clear()` removes them. For each request `decide(operation,
    query)` returns the fault to apply (the request's own first, then the first scheduled rule
    whose turn it is) or None. Observers (`add_observer`) are called with every injected fault on
    the server thread that handles the request, as soon as it is chosen (before the work); hold
    observers (`add_hold_observer`) when a request or answer starts being held by `slow` (after
    the work: the answer is held back) or `stall` (before it). A test can act at exactly that
    moment, e.g. kill a till between the service's commit and the till hearing of it.
    """

    def __init__(self, rules: Iterable[FaultRule] = ()) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._seen: list[int] = []
        self._fired: list[int] = []
        self._observers: list[Callable[[InjectedFault], None]] = []
        self._hold_observers: list[Callable[[InjectedFault], None]] = []
        self._released = threading.Event()
        self.injected: list[InjectedFault] = []
        self.schedule(*rules)

    # ----- the schedule ------------------------------------------------------------------------
    def schedule(self, *rules: FaultRule) -> None:
        """Add rules to the schedule (each counts its own matching requests from now on)."""
        with self._lock:
            for rule in rules:
                self._rules.append(rule)
                self._seen.append(0)
                self._fired.append(0)

    def clear(self) -> None:
        """Remove every scheduled rule (faults asked for by requests still apply)."""
        with self._lock:
            self._rules.clear()
            self._seen.clear()
            self._fired.clear()

    @property
    def rules(self) -> tuple[FaultRule, ...]:
        """The scheduled rules."""
        with self._lock:
            return tuple(self._rules)

    def add_observer(self, observer: Callable[[InjectedFault], None]) -> None:
        """Call `observer` with every fault injected from now on (from a server thread)."""
        with self._lock:
            self._observers.append(observer)

    def remove_observer(self, observer: Callable[[InjectedFault], None]) -> None:
        """Stop calling `observer`."""
        with self._lock:
            self._observers.remove(observer)

    def add_hold_observer(self, observer: Callable[[InjectedFault], None]) -> None:
        """Call `observer` whenever a slow answer or a stalled request starts being held."""
        with self._lock:
            self._hold_observers.append(observer)

    # ----- per request -------------------------------------------------------------------------
    def decide(self, operation: str, query: str = "") -> InjectedFault | None:
        """The fault for one request of `operation` whose URL query is `query`, or None.

        Raises `FaultSpecError` for a query asking for a fault that does not exist.
        """
        asked = rule_from_query(query)
        with self._lock:
            chosen: InjectedFault | None = None
            if asked is not None and asked.operation in (None, operation):
                chosen = InjectedFault(operation, asked, scheduled=False)
            for index, rule in enumerate(self._rules):
                if rule.operation not in (None, operation):
                    continue
                self._seen[index] += 1
                if chosen is not None or self._seen[index] % rule.every:
                    continue
                if rule.times is not None and self._fired[index] >= rule.times:
                    continue
                self._fired[index] += 1
                chosen = InjectedFault(operation, rule, scheduled=True)
            if chosen is None:
                return None
            self.injected.append(chosen)
            observers = list(self._observers)
        log.warning("Песочница: сбой %s для %s", chosen.rule.kind.value, operation)
        self._tell(observers, chosen)
        return chosen

    def hold(self, fault: InjectedFault) -> None:
        """Hold a request or its answer for the fault's delay (or until `release()`), telling the
        hold observers first."""
        with self._lock:
            observers = list(self._hold_observers)
        self._tell(observers, fault)
        self.wait(fault.rule.delay)

    @staticmethod
    def _tell(observers: list[Callable[[InjectedFault], None]], fault: InjectedFault) -> None:
        for observer in observers:
            try:
                observer(fault)
            except Exception:  # an observer's failure must not change the fault
                log.exception("Наблюдатель сбоев завершился с ошибкой")

    def wait(self, seconds: float) -> None:
        """Hold a request for `seconds`, or until `release()` is called."""
        self._released.wait(seconds)

    def release(self) -> None:
        """Let every request held by slow, stall or refuse go on now (used when stopping)."""
        with self._lock:
            released, self._released = self._released, threading.Event()
        released.set()
