"""The connectivity monitor: online/offline from real call outcomes, and when to probe."""
from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from app.offline.connectivity import (
    LOST_ANSWERS_FOR_OUTAGE,
    ConnectivityMonitor,
    MonitoredService,
    ProbePolicy,
    program_probe,
)
from loyalty_client import errors


class Clock:
    """Monotonic seconds the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Probe:
    """A probe whose next outcomes the test scripts (None: the service answers)."""

    def __init__(self) -> None:
        self.outcomes: list[BaseException | None] = []
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            raise outcome
        return "program"


POLICY = ProbePolicy(online_interval=30, offline_interval=5, offline_max_interval=40)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def probe() -> Probe:
    return Probe()


@pytest.fixture
def changes() -> list[bool]:
    return []


@pytest.fixture
def monitor(clock: Clock, probe: Probe, changes: list[bool]) -> ConnectivityMonitor:
    return ConnectivityMonitor(probe, policy=POLICY, clock=clock, on_change=changes.append)


def test_nothing_is_known_until_something_is_heard_and_a_probe_is_due_at_once(monitor: ConnectivityMonitor) -> None:
    assert monitor.online is None
    assert monitor.seconds_until_probe() == 0
    assert monitor.probe_due()


def test_real_outcomes_switch_the_state_and_listeners_hear_each_change_once(
    monitor: ConnectivityMonitor, changes: list[bool]
) -> None:
    monitor.succeeded()
    monitor.succeeded()
    monitor.failed("timed out")
    monitor.failed("cannot connect")
    assert monitor.online is False and monitor.last_error == "cannot connect"
    monitor.succeeded()
    assert monitor.online is True and monitor.last_error is None
    assert changes == [True, False, True]


def test_a_business_fault_means_the_service_is_there_and_a_bug_of_ours_says_nothing(
    monitor: ConnectivityMonitor, changes: list[bool]
) -> None:
    monitor.observe(errors.ServiceUnavailable("HTTP 502"))
    monitor.observe(errors.CustomerNotFound("no such member"))
    monitor.observe(ValueError("a bug"))
    monitor.observe(errors.ServiceUnavailable("timed out"))
    monitor.observe(None)
    assert changes == [False, True, False, True]


def test_online_a_probe_is_due_only_after_a_silence(monitor: ConnectivityMonitor, clock: Clock, probe: Probe) -> None:
    monitor.succeeded()
    clock.now += 29
    assert monitor.seconds_until_probe() == pytest.approx(1)
    assert monitor.probe_if_due() is None and probe.calls == 0
    monitor.succeeded()  # real traffic keeps it fresh
    clock.now += 29
    assert not monitor.probe_due()
    clock.now += 1
    assert monitor.probe_if_due() is True and probe.calls == 1


def test_offline_the_probe_backs_off_and_brings_the_till_back(
    monitor: ConnectivityMonitor, clock: Clock, probe: Probe, changes: list[bool]
) -> None:
    monitor.failed("cannot connect")
    waits = []
    probe.outcomes = [errors.ServiceUnavailable("cannot connect")] * 4
    for _ in range(4):
        waits.append(monitor.seconds_until_probe())
        clock.now += waits[-1]
        assert monitor.probe_if_due() is False
    assert waits == [5, 10, 20, 40], "doubling up to the maximum"
    assert monitor.seconds_until_probe() == 40
    clock.now += 40
    assert monitor.probe_if_due() is True
    assert changes == [False, True]
    assert monitor.seconds_until_probe() == 30, "online again: the quiet interval"


def test_a_probe_answered_with_a_fault_still_means_online(monitor: ConnectivityMonitor, probe: Probe) -> None:
    probe.outcomes = [errors.InvalidRequest("program not configured")]
    assert monitor.probe() is True


def test_going_offline_can_wait_for_several_failures(clock: Clock, probe: Probe) -> None:
    monitor = ConnectivityMonitor(probe, policy=ProbePolicy(failures_to_go_offline=2), clock=clock)
    monitor.succeeded()
    monitor.failed("blip")
    assert monitor.online is True
    monitor.failed("again")
    assert monitor.online is False


def test_a_monitor_without_probe_only_follows_calls(clock: Clock) -> None:
    monitor = ConnectivityMonitor(clock=clock)
    assert not monitor.probe_due()
    assert monitor.probe_if_due() is None
    with pytest.raises(RuntimeError):
        monitor.probe()


@pytest.mark.parametrize(
    "policy",
    [
        dict(online_interval=0),
        dict(offline_interval=10, offline_max_interval=5),
        dict(failures_to_go_offline=0),
    ],
)
def test_nonsense_policies_are_refused(policy: dict) -> None:
    with pytest.raises(ValueError):
        ProbePolicy(**policy)


class FakeService:
    """Answers get_program; identify raises what it is told to."""

    def __init__(self) -> None:
        self.identify_raises: BaseException | None = None
        self.calls: list[str] = []
        self.closed = False

    def get_program(self, store_id: str) -> str:
        self.calls.append(f"get_program {store_id}")
        return "program"

    def identify(self, *args: object) -> str:
        self.calls.append("identify")
        if self.identify_raises is not None:
            raise self.identify_raises
        return "customer"

    def close(self) -> None:
        self.closed = True


def test_a_monitored_service_reports_every_call(monitor: ConnectivityMonitor, changes: list[bool]) -> None:
    fake = FakeService()
    service = MonitoredService(fake, monitor)  # type: ignore[arg-type]
    assert service.identify("x") == "customer"
    fake.identify_raises = errors.ServiceUnavailable("timed out")
    with pytest.raises(errors.ServiceUnavailable):
        service.identify("x")
    fake.identify_raises = errors.CustomerBlocked("blocked")
    with pytest.raises(errors.CustomerBlocked):
        service.identify("x")
    fake.identify_raises = KeyError("a bug")
    with pytest.raises(KeyError):
        service.identify("x")
    assert changes == [True, False, True]
    service.close()
    assert fake.closed and monitor.online is True, "closing is not a call to the service"


def test_a_client_tolerating_lost_answers_reports_an_outage_not_a_lone_lost_answer(
    monitor: ConnectivityMonitor, changes: list[bool]
) -> None:
    fake = FakeService()
    service = MonitoredService(fake, monitor).tolerating_lost_answers(LOST_ANSWERS_FOR_OUTAGE)  # type: ignore[arg-type]
    assert service.identify("x") == "customer"
    for _ in range(LOST_ANSWERS_FOR_OUTAGE - 1):  # lost answers, each after an answer: no outage
        fake.identify_raises = errors.ServiceUnavailable("timed out")
        with pytest.raises(errors.ServiceUnavailable):
            service.identify("x")
        fake.identify_raises = None
        service.identify("x")
    assert monitor.online is True and changes == [True]
    fake.identify_raises = errors.ServiceUnavailable("timed out")
    for _ in range(LOST_ANSWERS_FOR_OUTAGE - 1):
        with pytest.raises(errors.ServiceUnavailable):
            service.identify("x")
    assert changes == [True], "fewer lost answers in a row than make an outage"
    with pytest.raises(errors.ServiceUnavailable):
        service.identify("x")
    assert changes == [True, False] and monitor.last_error == "timed out"
    fake.identify_raises = errors.CustomerBlocked("blocked")  # an answer: back, and the count starts again
    with pytest.raises(errors.CustomerBlocked):
        service.identify("x")
    fake.identify_raises = errors.ServiceUnavailable("cannot connect", unreachable=True)
    with pytest.raises(errors.ServiceUnavailable):
        service.identify("x")
    assert changes == [True, False, True, False], "a refused connection is an outage at once"


def test_two_clients_counting_together_report_an_outage_once_their_lost_answers_make_one_in_a_row(
    monitor: ConnectivityMonitor, changes: list[bool]
) -> None:
    first_fake, second_fake = FakeService(), FakeService()
    first = MonitoredService(first_fake, monitor).tolerating_lost_answers(LOST_ANSWERS_FOR_OUTAGE)  # type: ignore[arg-type]
    second = MonitoredService(second_fake, monitor).tolerating_lost_answers(  # type: ignore[arg-type]
        LOST_ANSWERS_FOR_OUTAGE, counted_with=first
    )
    alone = MonitoredService(FakeService(), monitor).tolerating_lost_answers(LOST_ANSWERS_FOR_OUTAGE)  # type: ignore[arg-type]
    assert first.identify("x") == "customer"
    for fake in (first_fake, second_fake):
        fake.identify_raises = errors.ServiceUnavailable("timed out")
    clients = [first, second] * LOST_ANSWERS_FOR_OUTAGE
    for client in clients[: LOST_ANSWERS_FOR_OUTAGE - 1]:  # the requests go out in turn, each answer lost
        with pytest.raises(errors.ServiceUnavailable):
            client.identify("x")
    assert changes == [True], "fewer lost answers in a row than make an outage"
    assert alone.identify("x") == "customer", "a client counting on its own does not reset theirs"
    with pytest.raises(errors.ServiceUnavailable):
        clients[LOST_ANSWERS_FOR_OUTAGE - 1].identify("x")
    assert changes == [True, False], "down at the lost answer that made it so many in a row, whichever client"


def test_fail_fast_skips_the_network_while_offline_until_a_probe_sees_the_service(
    clock: Clock, changes: list[bool]
) -> None:
    fake = FakeService()
    monitor = ConnectivityMonitor(program_probe(fake, "001"), policy=POLICY, clock=clock, on_change=changes.append)  # type: ignore[arg-type]
    service = MonitoredService(fake, monitor, fail_fast=True)  # type: ignore[arg-type]
    monitor.failed("cannot connect")
    with pytest.raises(errors.ServiceUnavailable, match="offline"):
        service.identify("x")
    assert "identify" not in fake.calls
    clock.now += monitor.seconds_until_probe()
    assert monitor.probe_if_due() is True
    assert fake.calls == ["get_program 001"]
    assert service.identify("x") == "customer"


def test_outcomes_from_many_threads_leave_a_consistent_state(monitor: ConnectivityMonitor, changes: list[bool]) -> None:
    def report(ok: bool) -> None:
        for _ in range(500):
            monitor.succeeded() if ok else monitor.failed("x")

    threads = [threading.Thread(target=report, args=(n % 2 == 0,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    monitor.succeeded()
    assert monitor.online is True
    assert all(a != b for a, b in zip(changes, changes[1:])), "every reported change is a change"
    assert changes[-1] is True


def test_the_monitor_runs_in_a_process_without_qt() -> None:
    code = (
        "import sys, app.offline.connectivity, app.cli.queue\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
