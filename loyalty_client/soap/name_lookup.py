"""Name lookups that give up when the call's deadline passes.

`getaddrinfo` cannot be interrupted and obeys no socket timeout: with the network's resolver
unreachable it blocks for the resolver's own timeouts (seconds, times attempts, times servers),
long past a cashier's one-second call. So a lookup runs on its own daemon thread and the caller
waits for it only until the deadline. A lookup still under way for a name is shared by every call
that needs that name, so a hung resolver costs one thread per name, not one per call.
"""
from __future__ import annotations

import ipaddress
import socket
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as LookupTimeout

__all__ = ["LookupTimeout", "is_address", "lookup_within"]

_lock = threading.Lock()
_pending: dict[tuple[str, int], Future[list[tuple]]] = {}


def is_address(host: str) -> bool:
    """Whether `host` is an IP address literal (nothing to look up)."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def lookup_within(host: str, port: int, seconds: float) -> list[tuple]:
    """`socket.getaddrinfo(host, port, type=SOCK_STREAM)`, or `LookupTimeout` after `seconds`.

    A failed lookup raises its `socket.gaierror` as `getaddrinfo` would.
    """
    key = (host, port)
    with _lock:
        future = _pending.get(key)
        if future is None:
            future = Future()
            _pending[key] = future
            threading.Thread(target=_look_up, args=(key, future), name=f"lookup {host}", daemon=True).start()
    return future.result(timeout=max(seconds, 0.0))


def _look_up(key: tuple[str, int], future: Future[list[tuple]]) -> None:
    try:
        future.set_result(socket.getaddrinfo(key[0], key[1], type=socket.SOCK_STREAM))
    except BaseException as exc:  # handed to every waiting caller
        future.set_exception(exc)
    finally:
        with _lock:
            _pending.pop(key, None)
