"""The background worker runs jobs off the GUI thread and calls back on it, in order."""
import threading

import pytest

from app.workers import BackgroundWorker


@pytest.fixture
def worker(qapp):
    worker = BackgroundWorker("test-worker")
    yield worker
    assert worker.stop()


def test_job_runs_on_the_worker_and_the_callback_on_the_gui_thread(qtbot, worker) -> None:
    seen = {}

    def job():
        seen["job_thread"] = threading.current_thread()
        return 42

    def done(result):
        seen["result"] = result
        seen["callback_thread"] = threading.current_thread()

    worker.submit(job, done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["job_thread"] is not threading.main_thread()
    assert seen["callback_thread"] is threading.main_thread()


def test_a_failing_job_reaches_on_error_and_the_worker_goes_on(qtbot, worker) -> None:
    errors, results = [], []
    worker.submit(lambda: 1 / 0, results.append, errors.append)
    worker.submit(lambda: "after", results.append, errors.append)
    qtbot.waitUntil(lambda: bool(results))
    assert [type(e) for e in errors] == [ZeroDivisionError]
    assert results == ["after"]


def test_jobs_run_in_submission_order_and_busy_is_reported(qtbot, worker) -> None:
    order: list[int] = []
    busy: list[bool] = []
    worker.busy_changed.connect(busy.append)
    release = threading.Event()
    worker.submit(lambda: release.wait(10))
    for i in range(5):
        worker.submit(lambda i=i: i, order.append)
    assert worker.pending == 6
    release.set()
    qtbot.waitUntil(lambda: len(order) == 5)
    assert order == [0, 1, 2, 3, 4]
    assert busy == [True, False]
    assert worker.pending == 0


def test_a_worker_lets_the_gui_thread_have_the_interpreter_back_within_a_millisecond(qtbot) -> None:
    import sys

    from app.workers import SWITCH_INTERVAL_SECONDS

    default = sys.getswitchinterval()
    sys.setswitchinterval(0.005)
    try:
        worker = BackgroundWorker("switch-test")
        try:
            assert sys.getswitchinterval() <= SWITCH_INTERVAL_SECONDS <= 0.001
        finally:
            assert worker.stop()
    finally:
        sys.setswitchinterval(default)
