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
from datetime import datetime, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any, AsyncIterator, Callable, Protocol, TypeVar

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
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
    CouponIn,
    ErrorOut,
    IdentifyIn,
    OpenReceiptOut,
    PaidIn,
    PrinterOut,
    QueueOut,
    ReceiptIn,
    ReceiptStateOut,
    RedeemIn,
    ReturnIn,
    ReturnOut,
    ShiftOut,
    StatusOut,
)
from app.host_api.returns import return_request, return_state
from app.returns.errors import ReturnRefused
from app.returns.texts import refusal_text
from app.host_api.state import receipt_lines, receipt_state
from app.host_api.till_status import TillStatus
from app.shift.data import shift_data
from app.shift.window import ShiftWindow, WindowError, shift_window
from app.translation import translate
from fiscal.receipt import FiscalDocument

if TYPE_CHECKING:
    from app.returns.model import ReturnAnswer
    from app.returns.service import ReturnsService

log = logging.getLogger(__name__)

API_VERSION = "1.0"
"""The contract's version, as the OpenAPI document states it."""

DEADLINE_SECONDS = 20.0
"""How long a handler waits for the checkout (a service call, a code) before answering 503."""

HEARTBEAT_SECONDS = 15.0
"""A comment line this often keeps an idle event stream open through proxies and timeouts."""

T = TypeVar("T")


class ReturnsPort(Protocol):
    """Runs a return's step on a worker of the till (`app.returns.worker.ReturnsOnWorker`)."""

    def call(self, step: Callable[[ReturnsService], T]) -> "Future[T]":
        """Queue `step`; its result comes in the future."""
        ...


ShiftPort = Callable[[ShiftWindow], Any]
"""Reads the shift summary of a window from the till's journal (`app.shift.reader.ShiftReader`)."""


class CheckoutPort(Protocol):
    """Runs a host's step on the checkout's worker (`CheckoutController.call`)."""

    def call(self, step: Callable[[HostReceipts], T]) -> "Future[T]":
        """Queue `step`; its result comes in the future."""
        ...


ReceiptId = Path(min_length=1, max_length=64, pattern=r"^[^\s/]+$", description="The POS's own receipt id")
CouponCode = Path(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z]+$", description="The coupon's code")
ReturnId = Path(min_length=1, max_length=64, pattern=r"^[^\s/]+$", description="The POS's own return id")
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut} for status in (401, 404, 409, 413, 421, 422, 503)
}


def make_api(
    checkout: CheckoutPort,
    token: str,
    broadcaster: StateBroadcaster,
    status: Callable[[], TillStatus],
    *,
    returns: ReturnsPort | None = None,
    shift: ShiftPort | None = None,
    deadline_seconds: float = DEADLINE_SECONDS,
) -> RequestGuard:
    """The host API as an ASGI application (`returns`: where returns are made; `shift`: where
    `GET /v1/shift` reads its figures; without them those paths answer SERVICE_UNAVAILABLE)."""
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

    async def run_return(step: Callable[[ReturnsService], ReturnAnswer]) -> ReturnOut:
        if returns is None:
            raise _Refused(errors.SERVICE_UNAVAILABLE, translate("HostApi", "This till takes no returns."), False)
        try:
            answer = await asyncio.wait_for(asyncio.wrap_future(returns.call(step)), deadline_seconds)
        except TimeoutError:
            raise _Refused(
                errors.SERVICE_UNAVAILABLE,
                translate("HostApi", "The till did not answer in time; repeat the call."),
                True,
            ) from None
        except ReturnRefused as exc:
            raise _Refused(exc.code, refusal_text(exc), False) from None
        except Exception as exc:  # a bug: said in the log, answered in the contract's shape
            log.error("a host API return failed", exc_info=exc)
            text = translate("HostApi", "Unexpected error in the till; the return was not made. Repeat the call.")
            raise _Refused(errors.INTERNAL_ERROR, text, True) from None
        return return_state(answer)

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
        "/receipts/{receiptId}/coupons",
        response_model=ReceiptStateOut,
        summary="Add an offer's coupon (identifies its owner when no customer is yet); refused offline",
    )
    async def add_coupon(body: CouponIn, receiptId: str = ReceiptId) -> ReceiptStateOut:
        log.info("receipt %s: coupon", receiptId)
        return await run(lambda host: host.add_coupon(receiptId, body.code))

    @router.delete(
        "/receipts/{receiptId}/coupons/{code}", response_model=ReceiptStateOut, summary="Take a coupon off the receipt"
    )
    async def remove_coupon(receiptId: str = ReceiptId, code: str = CouponCode) -> ReceiptStateOut:
        return await run(lambda host: host.remove_coupon(receiptId, code))

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

    @router.put("/returns/{returnId}", response_model=ReturnOut, summary="Return goods of a sale; the refund is queued")
    async def put_return(body: ReturnIn, returnId: str = ReturnId) -> ReturnOut:
        request = return_request(returnId, body)
        log.info("return %s of receipt %s: %d lines", returnId, body.originalReceiptId, len(body.lines))
        return await run_return(lambda service: service.make_return(request))

    @router.get("/returns/{returnId}", response_model=ReturnOut, summary="The return's state")
    async def get_return(returnId: str = ReturnId) -> ReturnOut:
        return await run_return(lambda service: service.get(returnId))

    @router.get("/shift", response_model=ShiftOut, summary="The shift's loyalty figures, from the till's journal")
    async def get_shift(
        start: str | None = Query(
            None, alias="from", max_length=64, description="ISO 8601 with offset; default: local midnight today"
        ),
        end: str | None = Query(
            None, alias="to", max_length=64, description="ISO 8601 with offset, excluded; default: the next midnight"
        ),
    ) -> ShiftOut:
        try:
            window = shift_window(start, end, datetime.now(timezone.utc))
        except WindowError as exc:
            raise _Refused(errors.INVALID_REQUEST, _window_refusal(exc)) from None
        if shift is None:
            raise _Refused(
                errors.SERVICE_UNAVAILABLE, translate("HostApi", "The till is starting; repeat the call shortly."), True
            )
        try:  # on a thread: the journal is read off the event loop
            summary = await asyncio.wait_for(asyncio.to_thread(shift, window), deadline_seconds)
        except TimeoutError:
            raise _Refused(
                errors.SERVICE_UNAVAILABLE, translate("HostApi", "The till did not answer in time; repeat the call."), True
            ) from None
        except Exception as exc:
            log.error("the shift summary failed", exc_info=exc)
            text = translate("HostApi", "Unexpected error in the till. Repeat the call.")
            raise _Refused(errors.INTERNAL_ERROR, text, True) from None
        return ShiftOut.model_validate(shift_data(summary))

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


def _window_refusal(exc: WindowError) -> str:
    """What the POS is told of a shift window it cannot have, in the till's language."""
    if exc.value is None:
        return translate("HostApi", "The shift must end after it starts: give \"to\" later than \"from\".")
    text = translate("HostApi", "\"%1\" is not a time in ISO 8601 with its UTC offset, e.g. 2026-12-05T08:00:00+03:00.")
    return text.replace("%1", exc.value)


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
