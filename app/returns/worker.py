"""Returns run on a worker thread of the till: the host API (and the panel) hand their steps here."""
from __future__ import annotations

from concurrent.futures import Future
from typing import Any, Callable, TypeVar

from app.returns.service import ReturnsService

T = TypeVar("T")


class ReturnsOnWorker:
    """Runs steps on a returns service one at a time on a worker (the checkout's: a return then
    never overlaps a sale being recorded), building the service there at its first step."""

    def __init__(self, run: Callable[[Callable[[], Any]], "Future[Any]"], make: Callable[[], ReturnsService]) -> None:
        self._run = run
        self._make = make
        self._service: ReturnsService | None = None

    def call(self, step: Callable[[ReturnsService], T]) -> "Future[T]":
        """From any thread: run `step(service)` on the worker; its result comes in the future."""

        def job() -> T:
            if self._service is None:
                self._service = self._make()
            return step(self._service)

        return self._run(job)
