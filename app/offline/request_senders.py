"""Sending the outbox drain's requests on threads of their own, each call on a client no other thread uses.

Plain Python, no Qt. A SOAP client serves one thread at a time (`loyalty_client.soap.client`), so
the senders hold one client per thread: a call takes a free client, makes the call with it and
gives it back. With one client there is no thread at all: the call runs at once on the caller's.
The senders only make calls: what an answer or a failure means is the caller's to decide, from
the future each call returns.
"""
from __future__ import annotations

import queue
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Any, Callable, Sequence, TypeVar

T = TypeVar("T")


class RequestSenders:
    """Up to `len(services)` calls under way at once, each on a service client of its own.

    Use it in a `with` block: leaving it waits for the calls under way (each ends within its
    client's deadline) and ends the threads.
    """

    def __init__(self, services: Sequence[Any]) -> None:
        if not services:
            raise ValueError("at least one service client is needed")
        self._free: queue.SimpleQueue[Any] = queue.SimpleQueue()
        for service in services:
            self._free.put(service)
        self._count = len(services)
        self._pool = (
            ThreadPoolExecutor(max_workers=self._count, thread_name_prefix="outbox-sender") if self._count > 1 else None
        )

    @property
    def count(self) -> int:
        """How many calls may be under way at once."""
        return self._count

    def submit(self, call: Callable[[Any], T]) -> "Future[T]":
        """`call(client)` on a free client; its outcome (a result or an exception) in the future.

        With a single client the call is made before this returns, on the caller's thread.
        """
        if self._pool is not None:
            return self._pool.submit(self._on_a_free_client, call)
        future: Future[T] = Future()
        try:
            future.set_result(self._on_a_free_client(call))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def close(self) -> None:
        """Wait for the calls under way, then end the threads."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)

    def __enter__(self) -> "RequestSenders":
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def _on_a_free_client(self, call: Callable[[Any], T]) -> T:
        # Never empty: there are no more threads than clients, and each call gives its client back.
        service = self._free.get_nowait()
        try:
            return call(service)
        finally:
            self._free.put(service)
