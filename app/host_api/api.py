"""The host API's routes (FastAPI): each hands its step to the checkout's worker and waits for the
answer, with a deadline; none touches a widget.

`make_api` builds the ASGI application: the routes of docs/host-api.md under `/v1`, the OpenAPI
document at `/v1/openapi.json`, errors in the contract's shape, behind `RequestGuard`.
"""
from __future__ import annotations

import asyncio
import json
import logging
from concurrent.futures import Future
from decimal import Decimal
from typing import Any, AsyncIterator, Callable, Protocol, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.checkout.host_receipts import HostCallRefused, HostReceipts
from app.checkout.session import CheckoutNotReady, CheckoutState
from app.host_api import errors
from app.host_api.events import StateBroadcaster
from app.host_api.guard import RequestGuard
from app.host_api.models import (
    CodeIn,
    ErrorOut,
    IdentifyIn,
    OpenReceiptOut,
    PaidIn,
    PrinterOut,
    QueueOut,
    ReceiptIn,
    ReceiptStateOut,
    RedeemIn,
    StatusOut,
)
from app.host_api.state import receipt_lines, receipt_state
from app.host_api.till_status import TillStatus
from app.translation import translate
from fiscal.receipt import FiscalDocument

log = logging.getLogger(__name__)

API_VERSION = "1.0"
"""The contract's version, as the OpenAPI document states it."""

DEADLINE_SECONDS = 20.0
"""How long a handler waits for the checkout (a service call, a code) before answering 503."""

HEARTBEAT_SECONDS = 15.0
"""A comment line this often keeps an idle event stream open through proxies and timeouts."""

T = TypeVar("T")


class CheckoutPort(Protocol):
    """Runs a host's step on the checkout's worker (`CheckoutController.call`)."""

    def call(self, step: Callable[[HostReceipts], T]) -> "Future[T]":
        """Queue `step`; its result comes in the future."""
        ...


ReceiptId = Path(min_length=1, max_length=64, pattern=r"^[^\s/]+$", description="The POS's own receipt id")
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut} for status in (401, 404, 409, 413, 421, 422, 503)
}


def make_api(
    checkout: CheckoutPort,
    token: str,
    broadcaster: StateBroadcaster,
    status: Callable[[], TillStatus],
    *,
    deadline_seconds: float = DEADLINE_SECONDS,
) -> RequestGuard:
    """The host API as an ASGI application."""
    api = FastAPI(
        title="till-loyalty host API",
        version=API_VERSION,
        description="The till's local API for the POS beside it: see docs/host-api.md.",
        openapi_url="/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    bearer = HTTPBearer(auto_error=False, description="The till's token: `till-loyalty host-api token`")
    router = APIRouter(prefix="/v1", dependencies=[Depends(bearer)], responses=_ERRORS)

    async def run(step: Callable[[HostReceipts], CheckoutState]) -> ReceiptStateOut:
        future = checkout.call(step)
        try:
            state = await asyncio.wait_for(asyncio.wrap_future(future), deadline_seconds)
        except TimeoutError:
            raise _Refused(
                errors.SERVICE_UNAVAILABLE,
                translate("HostApi", "The till did not answer in time; repeat the call."),
                True,
            ) from None
        except CheckoutNotReady:
            raise _Refused(
                errors.SERVICE_UNAVAILABLE, translate("HostApi", "The till is starting; repeat the call shortly."), True
            ) from None
        except HostCallRefused as exc:
            raise _Refused(exc.code, exc.message, exc.retryable) from None
        except Exception as exc:  # a bug: said in the log, answered in the contract's shape
            log.error("a host API step failed", exc_info=exc)
            text = translate("HostApi", "Unexpected error in the till; the receipt is kept. Repeat the call.")
            raise _Refused(errors.INTERNAL_ERROR, text, True) from None
        return receipt_state(state)

    @router.get("/status", response_model=StatusOut, summary="The till at a glance")
    async def get_status() -> StatusOut:
        till = status()
        latest = broadcaster.latest
        return StatusOut(
            version=till.version,
            online=till.online,
            queue=QueueOut(waiting=till.waiting, failed=till.failed),
            printer=PrinterOut(state=till.printer_state, text=till.printer_text),
            receipt=None
            if latest is None
            else OpenReceiptOut(receiptId=latest.receipt.receipt_id, phase=latest.phase.value),
        )

    @router.put("/receipts/{receiptId}", response_model=ReceiptStateOut, summary="Hand over or change the receipt")
    async def put_receipt(body: ReceiptIn, receiptId: str = ReceiptId) -> ReceiptStateOut:
        lines = receipt_lines(body.lines)
        log.info("receipt %s: %d lines", receiptId, len(lines))
        return await run(lambda host: host.put(receiptId, lines, body.storeId, body.tillId))

    @router.get("/receipts/{receiptId}", response_model=ReceiptStateOut, summary="The receipt's state")
    async def get_receipt(receiptId: str = ReceiptId) -> ReceiptStateOut:
        return await run(lambda host: host.get(receiptId))

    @router.post("/receipts/{receiptId}/customer", response_model=ReceiptStateOut, summary="Identify the customer")
    async def identify(body: IdentifyIn, receiptId: str = ReceiptId) -> ReceiptStateOut:
        answer = await run(lambda host: host.identify(receiptId, body.identifier))
        found = answer.customer.maskedPhone if answer.customer else "nobody"
        log.info("receipt %s: customer %s", receiptId, found)  # masked: never the identifier itself
        return answer

    @router.delete("/receipts/{receiptId}/customer", response_model=ReceiptStateOut, summary="Take the customer off")
    async def forget_customer(receiptId: str = ReceiptId) -> ReceiptStateOut:
        return await run(lambda host: host.forget_customer(receiptId))

    @router.post("/receipts/{receiptId}/redeem", response_model=ReceiptStateOut, summary="Points to spend")
    async def redeem(body: RedeemIn, receiptId: str = ReceiptId) -> ReceiptStateOut:
        amount = Decimal(body.amount)
        return await run(lambda host: host.redeem(receiptId, amount))

    @router.post(
        "/receipts/{receiptId}/close",
        response_model=ReceiptStateOut,
        summary="Close: awaiting_code, awaiting_approval, or awaiting_payment with the final fiscal lines",
    )
    async def close(receiptId: str = ReceiptId) -> ReceiptStateOut:
        return await run(lambda host: host.close(receiptId))

    @router.post("/receipts/{receiptId}/code", response_model=ReceiptStateOut, summary="The one-time code")
    async def code(body: CodeIn, receiptId: str = ReceiptId) -> ReceiptStateOut:
        return await run(lambda host: host.code(receiptId, body.code))

    @router.post("/receipts/{receiptId}/paid", response_model=ReceiptStateOut, summary="Paid and fiscalised")
    async def paid(body: PaidIn, receiptId: str = ReceiptId) -> ReceiptStateOut:
        document = FiscalDocument(body.fiscal.documentNumber, body.fiscal.closedAt)
        log.info("receipt %s: paid, fiscal document %s", receiptId, document.document_number)
        return await run(lambda host: host.paid(receiptId, document))

    @router.post("/receipts/{receiptId}/void", response_model=ReceiptStateOut, summary="Void; release the reservation")
    async def void(receiptId: str = ReceiptId) -> ReceiptStateOut:
        log.info("receipt %s: void", receiptId)
        return await run(lambda host: host.void(receiptId))

    @router.get(
        "/events",
        summary="Server-sent events: the receipt state whenever it changes",
        response_class=StreamingResponse,
        responses={200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}}},
    )
    async def events(request: Request) -> StreamingResponse:
        return StreamingResponse(
            _event_stream(broadcaster),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    api.include_router(router)
    _error_handlers(api)
    return RequestGuard(api, token)


class _Refused(Exception):
    """A call answered with an error in the contract's shape."""

    def __init__(self, code: str, message: str, retryable: bool = False) -> None:
        super().__init__(code)
        self.code, self.message, self.retryable = code, message, retryable


def _error_handlers(api: FastAPI) -> None:
    async def refused(request: Request, exc: Exception) -> Any:
        assert isinstance(exc, _Refused)
        log.info("%s %s refused: %s", request.method, request.url.path, exc.code)
        return errors.error_response(exc.code, exc.message, exc.retryable)

    async def invalid(request: Request, exc: Exception) -> Any:
        assert isinstance(exc, RequestValidationError)
        return errors.error_response(errors.INVALID_REQUEST, errors.validation_message(exc.errors()))

    async def http_error(request: Request, exc: Exception) -> Any:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 404:
            text = translate("HostApi", "No such path in the host API: see /v1/openapi.json.")
        elif exc.status_code == 405:
            text = translate("HostApi", "This path does not take that method: see /v1/openapi.json.")
        else:
            text = str(exc.detail)
        return errors.error_response(errors.INVALID_REQUEST, text, status=exc.status_code)

    api.add_exception_handler(_Refused, refused)
    api.add_exception_handler(RequestValidationError, invalid)
    api.add_exception_handler(StarletteHTTPException, http_error)


async def _event_stream(broadcaster: StateBroadcaster) -> AsyncIterator[str]:
    """The receipt state now, then at every change; a comment line when nothing happens."""
    queue = broadcaster.subscribe()
    number = 0
    try:
        state = broadcaster.latest
        while True:
            if state is not None:
                number += 1
                data = json.dumps(receipt_state(state).model_dump(), ensure_ascii=False)
                yield f"id: {number}\nevent: receipt\ndata: {data}\n\n"
            try:
                state = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
            except TimeoutError:
                state = None
                yield ": still here\n\n"
                continue
            if state is None:
                return
    finally:
        broadcaster.unsubscribe(queue)
