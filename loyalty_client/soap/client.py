"""The loyalty service over SOAP 1.1 with zeep: the till's implementation of `LoyaltyService`.

Failures come out typed (docs/architecture.md §3):
- a SOAP fault with `detail/LoyaltyFault` -> its `LoyaltyFault` subclass (`errors.fault_for`);
- a `soap:Client` fault without that detail, or a request that breaks the XSD (checked before
  sending) -> `InvalidRequest`;
- anything else -> `ServiceUnavailable` with a short reason: no connection, no complete answer
  within the call's total deadline, an HTTP status other than 200/500, a body that is not XML, an
  answer that breaks the XSD, a `soap:Server` fault without detail; and, as its subclass
  `ResponseRefused`, an answer too large, compressed, of too many elements or attributes or
  nested too deep, or with a DTD (refused unread: nothing it names is opened).

Nothing personal is logged: only operation names, outcomes and timings.
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime
from decimal import Decimal
from types import TracebackType
from typing import Any, Callable, Sequence, TypeVar
from urllib.parse import urlparse

import requests
import zeep
from lxml import etree
from urllib3.exceptions import ReadTimeoutError
from zeep.exceptions import (
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
    Fault,
    TransportError,
    ValidationError,
    XMLParseError,
    XMLSyntaxError,
)

from fiscal.receipt import Receipt
from loyalty_client.soap import batch_envelope
from loyalty_client.soap import mapping as wire
from loyalty_client.batch import BatchAnswer, BatchItem, check_batch
from loyalty_client.errors import (
    ConfirmationInvalid,
    InvalidRequest,
    LoyaltyError,
    ServiceUnavailable,
    fault_for,
)
from loyalty_client.soap.contract import (
    BINDING,
    CONTRACT_REVISION,
    NAMESPACE,
    SOAP_ENV_11,
    ContractValidator,
    contract_document,
    contract_settings,
)
from loyalty_client.soap.transport import (
    DEFAULT_MAX_RESPONSE_BYTES,
    ServiceTransport,
    never_connected,
    no_retry_session,
)
from loyalty_client.types import (
    CancelResult,
    Calculation,
    CommitResult,
    ConfirmationPurpose,
    ConfirmationSent,
    Customer,
    FiscalDocument,
    Identifier,
    Offer,
    Program,
    RefundLine,
    RefundResult,
    Registration,
    Reservation,
)

log = logging.getLogger(__name__)

T = TypeVar("T")


class SoapLoyaltyService:
    """`LoyaltyService` over SOAP: one object per thread, never shared between threads.

    It owns one HTTP session (one keep-alive connection) and is not thread-safe; a call made
    while another thread is inside a call on the same object raises `RuntimeError`. Building one
    is cheap: the WSDL is parsed once per process and the parsed document reused, so a worker
    thread simply builds its own. `close()` (or a `with` block) releases the connection.

    `endpoint_url` is the configured http(s) address of the service. `timeout_seconds` is the
    total deadline of every call: connecting, sending and reading the whole answer, whatever the
    server does; past it the call raises `ServiceUnavailable`. `connect_timeout_seconds` may cap
    the connect part within it. `max_response_bytes` caps the answer read. `verify_tls` is True
    (the system CA bundle), a CA bundle path, or False (only for a test bench). `auth` is passed
    to requests (e.g. `(user, password)` from the OS keyring). `plugins` are extra zeep plugins
    (tests use them to see envelopes; a `HistoryPlugin` has no place in production: envelopes
    carry personal data).
    """

    def __init__(
        self,
        endpoint_url: str,
        *,
        timeout_seconds: float,
        verify_tls: bool | str = True,
        connect_timeout_seconds: float | None = None,
        auth: requests.auth.AuthBase | tuple[str, str] | None = None,
        plugins: Sequence[zeep.Plugin] = (),
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        if urlparse(endpoint_url).scheme not in ("http", "https"):
            raise ValueError("the loyalty endpoint must be an http:// or https:// address")
        self.endpoint_url = endpoint_url
        self._session = no_retry_session(verify_tls, auth)
        self._transport = ServiceTransport(
            self._session,
            timeout_seconds=timeout_seconds,
            connect_timeout_seconds=connect_timeout_seconds,
            max_response_bytes=max_response_bytes,
        )
        self._validator = ContractValidator()
        self._client = zeep.Client(
            contract_document(),
            transport=self._transport,
            settings=contract_settings(),
            plugins=[self._validator, *plugins],
        )
        self._service = self._client.create_service(BINDING, endpoint_url)
        self._busy = threading.Lock()

    # ----- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        """Close the HTTP connection; the object must not be used afterwards."""
        self._session.close()

    def __enter__(self) -> "SoapLoyaltyService":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # ----- operations -----------------------------------------------------------------------

    def get_program(self, store_id: str) -> Program:
        """The program's rules and tiers (with the revision-2 offline limit when the service has it)."""
        return wire.program_from(self._call("GetProgram", storeId=store_id, _soapheaders=[_revision_header()]))

    def identify(self, identifier: Identifier, store_id: str, till_id: str) -> Customer:
        """The member behind a phone, card, app QR or coupon."""
        customer = self._call(
            "IdentifyCustomer",
            identifier=wire.identifier_part(identifier),
            storeId=store_id,
            tillId=till_id,
        )
        return wire.customer_from(customer)

    def calculate(
        self,
        customer_id: str,
        receipt: Receipt,
        requested_redeem: Decimal | None = None,
        *,
        coupons: Sequence[str] = (),
    ) -> Calculation:
        """Points to earn, the maximum redeemable, the allocation of `requested_redeem`, and what
        each of `coupons` does (revision 4; a service of an earlier revision refuses coupons with
        `InvalidRequest`)."""
        parts = wire.optional_parts(
            customerId=customer_id,
            receipt=wire.receipt_part(receipt),
            requestedRedeem=None
            if requested_redeem is None
            else wire.decimal_part(requested_redeem),
            coupons=wire.coupons_part(coupons),
        )
        return wire.calculation_from(self._call("CalculatePurchase", **parts, _soapheaders=[_revision_header()]))

    def send_confirmation_code(
        self,
        purpose: ConfirmationPurpose,
        customer_id: str | None = None,
        phone: str | None = None,
        amount: Decimal | None = None,
    ) -> ConfirmationSent:
        """Send a one-time code to the member's phone (or to `phone` for a registration)."""
        parts = wire.optional_parts(
            customerId=customer_id,
            phone=phone,
            purpose=ConfirmationPurpose(purpose).value,
            amount=None if amount is None else wire.decimal_part(amount),
        )
        return wire.confirmation_sent_from(self._call("SendConfirmationCode", **parts))

    def reserve(
        self,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        confirmation_code: str | None = None,
        *,
        coupons: Sequence[str] = (),
    ) -> Reservation:
        """Hold `redeem` points, and the single-use `coupons`, for this receipt before it is fiscalised."""
        parts = wire.optional_parts(
            transactionId=transaction_id,
            customerId=customer_id,
            receipt=wire.receipt_part(receipt),
            redeem=wire.decimal_part(redeem),
            confirmationCode=confirmation_code,
            coupons=wire.coupons_part(coupons),
        )
        return wire.reservation_from(self._call("ReservePurchase", **parts, _soapheaders=[_revision_header()]))

    def commit(
        self,
        transaction_id: str,
        customer_id: str,
        receipt: Receipt,
        redeem: Decimal,
        fiscal: FiscalDocument,
        offline: bool,
        occurred_at: datetime,
        *,
        coupons: Sequence[str] = (),
    ) -> CommitResult:
        """Record the sale: spend the reserved points, use up the coupons, accrue, return offers to print."""
        parts = wire.optional_parts(
            transactionId=transaction_id,
            customerId=customer_id,
            receipt=wire.receipt_part(receipt),
            redeem=wire.decimal_part(redeem),
            fiscal=wire.fiscal_part(fiscal),
            offline=bool(offline),
            occurredAt=wire.as_datetime(occurred_at),
            coupons=wire.coupons_part(coupons),
        )
        return wire.commit_result_from(self._call("CommitPurchase", **parts, _soapheaders=[_revision_header()]))

    def cancel(self, transaction_id: str) -> CancelResult:
        """Release a reservation or reverse a purchase."""
        return wire.cancel_result_from(self._call("CancelPurchase", transactionId=transaction_id))

    def refund(
        self, refund_id: str, original_transaction_id: str, lines: Sequence[RefundLine]
    ) -> RefundResult:
        """Reverse accrual and return spent points in proportion to the returned lines."""
        result = self._call(
            "RefundPurchase",
            refundId=refund_id,
            originalTransactionId=original_transaction_id,
            lines=wire.refund_lines_part(lines),
        )
        return wire.refund_result_from(result)

    def register(self, registration: Registration) -> Customer:
        """Enrol a new member confirmed by a one-time code."""
        customer = self._call("RegisterCustomer", **wire.registration_parts(registration))
        return wire.customer_from(customer)

    def get_offers(self, customer_id: str, store_id: str) -> tuple[Offer, ...]:
        """The member's personalised offers for this store (with their benefit from revision 4 on)."""
        return wire.offers_from(
            self._call("GetOffers", customerId=customer_id, storeId=store_id, _soapheaders=[_revision_header()])
        )

    # ----- revision 3: several items in one request ------------------------------------------

    delivers_batches = True
    """This client can send `DeliverBatch`; a service of an earlier revision refuses it with
    `InvalidRequest` (an unknown operation), and the caller then sends the items one by one."""

    def deliver_batch(self, items: Sequence[BatchItem]) -> list[BatchAnswer]:
        """Commits, cancels and refunds in one `DeliverBatch` request, done by the service in order.

        Returns one answer per item, in order: its result, or the `LoyaltyFault` it got. A
        failure of the request as a whole raises as any call does (`ServiceUnavailable`,
        `InvalidRequest` when the service does not know the operation or refuses the request).
        """
        check_batch(items)
        return self._guarded("DeliverBatch", lambda: self._post_batch(items))

    def _post_batch(self, items: Sequence[BatchItem]) -> list[BatchAnswer]:
        """The batch through the transport, built and read with lxml (`batch_envelope`)."""
        message = batch_envelope.batch_request(items, self._validator.schema)
        response = self._transport.post(
            self.endpoint_url,
            message,
            {"SOAPAction": f'"{batch_envelope.SOAP_ACTION}"', "Content-Type": "text/xml; charset=utf-8"},
        )
        answer = batch_envelope.read_envelope(response.content)
        if answer.tag == f"{{{SOAP_ENV_11}}}Fault":
            code, message_text, detail = batch_envelope.fault_parts(answer)
            raise Fault(message_text, code, detail=detail)
        if response.status_code != 200:
            raise ServiceUnavailable(f"HTTP {response.status_code}: not a SOAP response")
        return batch_envelope.batch_answers(answer, items, self._validator.schema)

    # ----- the one place where calls go out and failures are typed -------------------------

    def _call(self, operation: str, **parts: Any) -> Any:
        """Call `operation` and return zeep's result, or raise a typed `LoyaltyError`."""
        return self._guarded(operation, lambda: getattr(self._service, operation)(**parts))

    def _guarded(self, operation: str, call: Callable[[], T]) -> T:
        """`call()` (which sends `operation`) one thread at a time, its failures typed and logged."""
        if not self._busy.acquire(blocking=False):
            raise RuntimeError("a SoapLoyaltyService is used by one thread at a time")
        started = time.perf_counter()
        posts_before = self._transport.posts
        try:
            result = call()
        except Exception as exc:
            error = typed_failure(exc, sent=self._transport.posts > posts_before)
            if error is None:
                raise  # a programming error: let it surface as it is
            elapsed = (time.perf_counter() - started) * 1000
            if isinstance(error, ServiceUnavailable):
                log.warning("%s: service unavailable (%s) after %.0f ms", operation, error, elapsed)
            else:
                log.info("%s: fault %s after %.0f ms", operation, error.code, elapsed)
            if error is exc:
                raise
            # The cause is kept only where it cannot hold envelope content (personal data).
            raise error from (exc if isinstance(exc, requests.RequestException) else None)
        finally:
            self._busy.release()
        log.debug("%s: ok in %.1f ms", operation, (time.perf_counter() - started) * 1000)
        return result


def _revision_header() -> etree._Element:
    """The `tl:ContractRevision` SOAP header block: the service then sends this revision's elements."""
    revision = etree.Element(f"{{{NAMESPACE}}}ContractRevision")
    revision.text = str(CONTRACT_REVISION)
    return revision


def typed_failure(exc: Exception, *, sent: bool) -> LoyaltyError | None:
    """The typed failure for whatever a zeep call raised (None for a programming error).

    `sent` tells whether the request had gone out: a zeep `ValidationError` before that is a
    request the contract refuses, after it an answer that makes no sense.
    """
    if isinstance(exc, LoyaltyError):
        return exc  # raised by the transport or the contract validator
    if isinstance(exc, Fault):
        return fault_error(exc)
    if isinstance(exc, requests.Timeout) or (
        isinstance(exc, requests.ConnectionError)
        and any(isinstance(arg, ReadTimeoutError) for arg in exc.args)
    ):
        return ServiceUnavailable("timed out", unreachable=isinstance(exc, requests.ConnectTimeout))
    if isinstance(exc, requests.ConnectionError):
        return ServiceUnavailable("cannot connect", unreachable=never_connected(exc))
    if isinstance(exc, requests.RequestException):
        return ServiceUnavailable(f"HTTP failure: {type(exc).__name__}")
    if isinstance(exc, (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden)):
        return ServiceUnavailable("response with a DTD or entities refused")
    if isinstance(exc, TransportError):
        return ServiceUnavailable(f"HTTP {exc.status_code}: not a SOAP response")
    if isinstance(exc, ValidationError) and not sent:
        path = ".".join(str(part) for part in exc.path)
        return InvalidRequest(f"request breaks the contract at {path or '?'}")
    if isinstance(exc, (XMLSyntaxError, XMLParseError, ValidationError, etree.LxmlError)):
        return ServiceUnavailable("malformed response")
    if isinstance(exc, zeep.exceptions.Error):
        return ServiceUnavailable(f"unreadable response: {type(exc).__name__}")
    return None



_FAULT_TAG = f"{{{NAMESPACE}}}LoyaltyFault"


def fault_error(fault: Fault) -> LoyaltyError:
    """The typed failure for a SOAP fault (see the module's docstring)."""
    detail = fault.detail if etree.iselement(fault.detail) else None
    node = None
    if detail is not None:
        node = detail if detail.tag == _FAULT_TAG else detail.find(_FAULT_TAG)
    if node is not None:
        code = (node.findtext(f"{{{NAMESPACE}}}code") or "").strip()
        if code:
            message = (node.findtext(f"{{{NAMESPACE}}}message") or "").strip()
            retryable = (node.findtext(f"{{{NAMESPACE}}}retryable") or "").strip()
            error = fault_for(code, message, retryable in ("true", "1"))
            if isinstance(error, ConfirmationInvalid):
                _read_code_detail(node, error)
            return error
    fault_code = (fault.code or "").rpartition(":")[2]
    if fault_code.startswith("Client"):
        return InvalidRequest(fault.message or "", False)
    return ServiceUnavailable("server fault")


def _read_code_detail(node: etree._Element, error: ConfirmationInvalid) -> None:
    """What a wrong-code fault says of the tries left and of an expired code (when it says)."""
    left = (node.findtext(f"{{{NAMESPACE}}}attemptsLeft") or "").strip()
    if left.isdigit():
        error.attempts_left = int(left)
    error.expired = (node.findtext(f"{{{NAMESPACE}}}codeExpired") or "").strip() in ("true", "1")
