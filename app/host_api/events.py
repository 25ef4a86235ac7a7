"""The receipt state for the host API's event stream, handed from the checkout's worker thread
to the server's event loop.

`StateBroadcaster.publish` is called on the checkout's worker after each change (by the API or
by the panel: `CheckoutController.add_state_listener`); each event stream holds a subscription,
an asyncio queue filled on the server's loop. A subscriber that reads too slowly loses the oldest
states, never the newest: each event carries the whole state, so the last one tells all.
"""
from __future__ import annotations

import asyncio
import threading

from app.checkout.session import CheckoutState

QUEUE_SIZE = 16


class StateBroadcaster:
    """Hands each new checkout state to every subscribed event stream; safe from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: dict[asyncio.Queue[CheckoutState | None], asyncio.AbstractEventLoop] = {}
        self._latest: CheckoutState | None = None
        self._closed = False

    @property
    def latest(self) -> CheckoutState | None:
        """The last state published, if any."""
        return self._latest

    def publish(self, state: CheckoutState) -> None:
        """Give `state` to every subscriber (from any thread; returns at once)."""
        with self._lock:
            self._latest = state
            subscribers = list(self._subscribers.items())
        for queue, loop in subscribers:
            try:
                loop.call_soon_threadsafe(_put_newest, queue, state)
            except RuntimeError:  # the loop closed meanwhile
                pass

    def subscribe(self) -> asyncio.Queue[CheckoutState | None]:
        """A queue of the states to come, on the running loop (None: the stream is over)."""
        queue: asyncio.Queue[CheckoutState | None] = asyncio.Queue(QUEUE_SIZE)
        with self._lock:
            if self._closed:
                queue.put_nowait(None)
            else:
                self._subscribers[queue] = asyncio.get_running_loop()
        return queue

    def unsubscribe(self, queue: asyncio.Queue[CheckoutState | None]) -> None:
        """Stop filling `queue`."""
        with self._lock:
            self._subscribers.pop(queue, None)

    def close(self) -> None:
        """End every stream (the server stops)."""
        with self._lock:
            self._closed = True
            subscribers = list(self._subscribers.items())
            self._subscribers.clear()
        for queue, loop in subscribers:
            try:
                loop.call_soon_threadsafe(_put_newest, queue, None)
            except RuntimeError:
                pass


def _put_newest(queue: asyncio.Queue[CheckoutState | None], item: CheckoutState | None) -> None:
    """Put `item`, dropping the oldest when the queue is full."""
    while queue.full():
        queue.get_nowait()
    queue.put_nowait(item)
