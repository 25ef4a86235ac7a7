"""What every request passes before the API sees it: the Host header, the bearer token, the size.

An ASGI middleware, so that it covers every path (unknown ones and the OpenAPI document too):

- the Host header must name this computer's loopback (`127.0.0.1`, `localhost`, `[::1]`, with
  any port): a web page open on the till that reached the API by DNS rebinding carries its own
  host name and is refused with 421;
- `Authorization: Bearer <token>` must carry the till's token, compared in constant time
  (`hmac.compare_digest`), or 401;
- a body over `MAX_BODY` is refused with 413, whether its Content-Length says so or it streams
  past the limit; a body within it is read whole before the API parses it. The rest of a body
  too large is read and dropped, up to `MAX_DRAINED`, before the answer goes, so that the client
  reads the answer instead of a reset connection; past that the connection is closed.
"""
from __future__ import annotations

import hmac
import re
from typing import Any, Awaitable, Callable, MutableMapping

from app.host_api.errors import INVALID_REQUEST, UNAUTHORIZED, error_response
from app.translation import translate

MAX_BODY = 1024 * 1024
"""The largest request body accepted, in bytes (1 MiB)."""

MAX_DRAINED = 8 * MAX_BODY
"""The most of a refused body read (and dropped) so that its sender can read the refusal."""

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

_LOOPBACK_HOST = re.compile(r"^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$", re.IGNORECASE)


def loopback_host(value: str) -> bool:
    """Whether a Host header names this computer's loopback."""
    return bool(_LOOPBACK_HOST.match(value.strip()))


class RequestGuard:
    """Refuses requests with a foreign Host header, without the token, or with too large a body."""

    def __init__(self, app: App, token: str) -> None:
        self._app = app
        self._token = token.encode("ascii")

    @property
    def api(self) -> Any:
        """The application behind the guard (its OpenAPI document, for one)."""
        return self._app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        headers = {name.decode("latin-1").lower(): value for name, value in scope["headers"]}
        host = headers.get("host", b"").decode("latin-1")
        if not loopback_host(host):
            text = translate("HostApi", "This API answers only requests to 127.0.0.1, localhost or [::1].")
            await error_response(INVALID_REQUEST, text, status=421)(scope, receive, send)
            return
        if not self._authorised(headers.get("authorization", b"")):
            text = translate("HostApi", "Give the till's token: Authorization: Bearer <token>.")
            response = error_response(UNAUTHORIZED, text, headers={"WWW-Authenticate": "Bearer"})
            await response(scope, receive, send)
            return
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
            if declared.isdigit() and int(declared) <= MAX_DRAINED:
                await _drain(receive)
            await self._too_large(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:
            await _drain(receive)
            await self._too_large(scope, receive, send)
            return
        await self._app(scope, _replay(body, receive), send)

    def _authorised(self, header: bytes) -> bool:
        scheme, _, given = header.partition(b" ")
        if scheme.lower() != b"bearer":
            return False
        return hmac.compare_digest(given.strip(), self._token)

    @staticmethod
    async def _too_large(scope: Scope, receive: Receive, send: Send) -> None:
        text = translate("HostApi", "The request is too large: at most 1 MiB.")
        response = error_response(INVALID_REQUEST, text, status=413, headers={"Connection": "close"})
        await response(scope, receive, send)


async def _read_body(receive: Receive) -> bytes | None:
    """The whole body, or None once it passes `MAX_BODY` (the rest is not read)."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(parts)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts)


async def _drain(receive: Receive) -> None:
    """Read and drop what is left of the body, up to `MAX_DRAINED` bytes."""
    size = 0
    while size <= MAX_DRAINED:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body read already, then waits on the real one (for a disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
