"""Sending a job to a network printer (raw TCP, port 9100) and knowing whether it took it.

`sendall()` returning means only that the bytes are in this computer's send buffer: a printer
that never reads, or drops the connection halfway, looks the same at that point as one that
printed. So a job counts as printed only on evidence that the printer took it:

- `status=query` (the default): the printer is asked for its real-time status (`DLE EOT`)
  before the job, and the job is sent only to a printer that answers that it is ready. The same
  request follows the job's last byte; a printer executes it when it reads it, so an answer
  means it read the whole job, and tells whether paper ran out or the cover was opened on the
  way. No answer within the timeout is a failure: not reading if the printer had not taken all
  the bytes (`devices.printing.tcp_send_queue`), no answer if it had.
- `status=none`, for a printer that never answers status requests: after the job the connection
  is half-closed, and the job counts as printed once the printer acknowledged every byte and the
  end of the job; a printer that then closes its side has read up to that end. One that keeps
  the connection open is given a short while to reset it instead. Where the system cannot count
  unacknowledged bytes (not Linux), the printer must close the connection.

A reset, or the printer closing the connection before it took the job, is always a failure. A
job that failed is not resent here: the caller keeps it for a reprint. A job whose own bytes hold
a real-time request (`DLE EOT n`, which no receipt layout of ours writes) could be answered early.
"""
from __future__ import annotations

import ipaddress
import logging
import os
import socket
import threading
import time
from dataclasses import replace
from typing import Any

from devices.printing.deadline import Deadline
from devices.printing.printer_status import (
    STATUS_QUERY,
    STATUS_REPLY_LENGTH,
    DeliveryProblem,
    PrinterState,
    PrinterStatus,
    StatusReason,
    parse_status_replies,
)
from devices.printing.tcp_send_queue import unacknowledged_bytes
from devices.uris import StatusMode, TcpPrinterConfig

log = logging.getLogger(__name__)

CLOSE_WAIT = 0.5  # how long a printer has to close (or reset) the connection after the job
_DRAIN_POLL = 0.02  # how often the unacknowledged bytes are counted while waiting


class TcpTransport:
    """A network printer (raw TCP / JetDirect); see the module documentation."""

    def __init__(self, config: TcpPrinterConfig) -> None:
        self.config = config
        self.address = f"{config.host}:{config.port}"

    @property
    def asks_status(self) -> bool:
        """Whether the printer is asked for its status around each job."""
        return self.config.status is StatusMode.QUERY

    def send(self, data: bytes, timeout: float) -> PrinterStatus:
        """Send a job within `timeout` seconds; OK only if the printer took it (see the module)."""
        deadline = Deadline(timeout)
        sock = self._connect(deadline)
        if isinstance(sock, PrinterStatus):
            return sock
        with sock:
            if not self.asks_status:
                return self._send_unasked(sock, data, deadline)
            # Half the time for the first answer: a printer busy with another computer's job
            # answers once that job is done; the rest is for this job and the answer after it.
            before = self._ask(sock, Deadline(deadline.left() / 2))
            if not before.ok:
                return before
            return self._send_and_ask(sock, data, deadline)

    def check(self, timeout: float) -> PrinterStatus:
        """Connect and, unless `status=none`, ask the printer how it is; prints nothing."""
        deadline = Deadline(timeout)
        sock = self._connect(deadline)
        if isinstance(sock, PrinterStatus):
            return sock
        with sock:
            if not self.asks_status:
                return PrinterStatus.ready(StatusReason.STATUS_NOT_ASKED, device=self.address)
            return self._ask(sock, deadline)

    # ----- steps ------------------------------------------------------------------------------

    def _connect(self, deadline: Deadline) -> socket.socket | PrinterStatus:
        try:
            addresses = _resolve(self.config.host, self.config.port, deadline)
            if addresses is None:
                return PrinterStatus.offline(StatusReason.NAME_SERVER_SILENT, device=self.config.host)
            family, kind, proto, _, address = addresses[0]
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(max(deadline.left(), 0.001))
                sock.connect(address)
            except BaseException:
                sock.close()
                raise
        except ConnectionRefusedError:
            return PrinterStatus.offline(StatusReason.REFUSED, device=self.address)
        except socket.timeout:
            return PrinterStatus.offline(StatusReason.NO_ANSWER_IN_TIME, device=self.address)
        except socket.gaierror as exc:
            return PrinterStatus.error(StatusReason.UNKNOWN_HOST, device=self.config.host, detail=str(exc.strerror))
        except OSError as exc:
            return PrinterStatus.offline(StatusReason.UNREACHABLE, device=self.address, detail=str(exc.strerror or exc))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def _ask(self, sock: socket.socket, wait: Deadline) -> PrinterStatus:
        """Send the status request and read its answer."""
        failed = self._write(sock, STATUS_QUERY, wait)
        if failed is not None:
            return failed
        return self._answer(sock, wait)

    def _send_and_ask(self, sock: socket.socket, data: bytes, deadline: Deadline) -> PrinterStatus:
        failed = self._write(sock, data + STATUS_QUERY, deadline)
        if failed is not None:
            return failed
        after = self._answer(sock, deadline, after_job=True)
        if not after.ok:
            return after
        _finish(sock, deadline, self.address)
        return PrinterStatus(PrinterState.OK, StatusReason.PRINTED, paper_low=after.paper_low)

    def _send_unasked(self, sock: socket.socket, data: bytes, deadline: Deadline) -> PrinterStatus:
        failed = self._write(sock, data, deadline)
        if failed is not None:
            return failed
        try:
            sock.shutdown(socket.SHUT_WR)  # the end of the job: a printer closes once it read up to it
        except OSError as exc:
            return self._dropped(exc)
        return self._wait_taken(sock, deadline)

    def _write(self, sock: socket.socket, data: bytes, deadline: Deadline) -> PrinterStatus | None:
        """Hand `data` to the system within the deadline; a status if that failed."""
        try:
            left = deadline.left()
            if left <= 0:
                raise socket.timeout
            sock.settimeout(left)
            sock.sendall(data)
        except socket.timeout:
            return self._not_reading(StatusReason.STOPPED_TAKING_DATA)
        except OSError as exc:
            return self._dropped(exc)
        return None

    def _answer(self, sock: socket.socket, wait: Deadline, *, after_job: bool = False) -> PrinterStatus:
        """The printer's answer to the status request just sent, or why there is none."""
        replies = b""
        try:
            while len(replies) < STATUS_REPLY_LENGTH:
                left = wait.left()
                if left <= 0:
                    break
                sock.settimeout(left)
                chunk = sock.recv(STATUS_REPLY_LENGTH - len(replies))
                if not chunk:
                    return self._closed_early()
                replies += chunk
        except socket.timeout:
            pass
        except OSError as exc:
            return self._dropped(exc)
        if len(replies) < STATUS_REPLY_LENGTH:
            if after_job and unacknowledged_bytes(sock):
                return self._not_reading(StatusReason.JOB_NOT_TAKEN)
            return replace(
                PrinterStatus.undelivered(DeliveryProblem.NO_ANSWER, StatusReason.NO_STATUS_ANSWER, device=self.address),
                after_job=after_job,
            )
        status = parse_status_replies(replies)
        if status is None:
            return PrinterStatus.undelivered(
                DeliveryProblem.NO_ANSWER, StatusReason.NOT_A_STATUS, device=self.address, detail=replies.hex(" ")
            )
        if after_job and not status.ok:
            return replace(status, after_job=True)
        return status

    def _wait_taken(self, sock: socket.socket, deadline: Deadline) -> PrinterStatus:
        """After the half-close: OK once the printer acknowledged the whole job and did not reset."""
        grace: Deadline | None = None  # for the printer to close or reset, once all is acknowledged
        peer_closed = False
        while True:
            error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if error:
                return self._dropped(OSError(error, os.strerror(error)))
            unacked = unacknowledged_bytes(sock)
            if peer_closed and not unacked:
                return PrinterStatus.ready()
            if unacked == 0 and grace is None:
                grace = Deadline(min(CLOSE_WAIT, deadline.left()))
            if grace is not None and grace.passed():
                return PrinterStatus.ready(StatusReason.PRINTED_CONNECTION_KEPT)
            if deadline.passed():
                if peer_closed:
                    return self._closed_early()
                return self._not_reading(StatusReason.JOB_NOT_TAKEN)
            if peer_closed:  # its acknowledgements, or a reset, may still be on the way
                time.sleep(min(_DRAIN_POLL, deadline.left()))
                continue
            wait = grace or deadline
            try:
                sock.settimeout(max(0.001, wait.left() if unacked == 0 else min(_DRAIN_POLL, wait.left())))
                peer_closed = not sock.recv(4096)  # anything the printer says is not needed
            except socket.timeout:
                continue
            except OSError as exc:
                return self._dropped(exc)

    # ----- failures ---------------------------------------------------------------------------

    def _not_reading(self, reason: StatusReason) -> PrinterStatus:
        return PrinterStatus.undelivered(DeliveryProblem.NOT_READING, reason, device=self.address)

    def _dropped(self, exc: OSError) -> PrinterStatus:
        return PrinterStatus.undelivered(
            DeliveryProblem.CONNECTION_RESET, StatusReason.DROPPED, device=self.address, detail=str(exc.strerror or exc)
        )

    def _closed_early(self) -> PrinterStatus:
        return PrinterStatus.undelivered(DeliveryProblem.CONNECTION_RESET, StatusReason.CLOSED_EARLY, device=self.address)


def _finish(sock: socket.socket, deadline: Deadline, address: str) -> None:
    """End a job the printer confirmed: half-close, then read until it closes too (or a short while).

    Closing a socket with unread input resets the connection; reading to the printer's end
    avoids that. The job is already confirmed, so a reset now is only logged.
    """
    wait = Deadline(min(deadline.left(), CLOSE_WAIT))
    try:
        sock.shutdown(socket.SHUT_WR)
        while not wait.passed():
            sock.settimeout(max(wait.left(), 0.001))
            if not sock.recv(4096):
                break
    except socket.timeout:
        pass
    except OSError as exc:
        log.info("%s dropped the connection after confirming the job: %s", address, exc)


def _resolve(host: str, port: int, deadline: Deadline) -> list[Any] | None:
    """`getaddrinfo` for a TCP connection, given up after the deadline (None); raises its errors.

    The system resolver has no timeout of its own, so a name is looked up on a helper thread;
    an IP address needs no lookup.
    """
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    outcome: list[Any] = []

    def look_up() -> None:
        try:
            outcome.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            outcome.append(exc)

    helper = threading.Thread(target=look_up, name=f"resolve {host}", daemon=True)
    helper.start()
    helper.join(deadline.left())
    if not outcome:
        return None
    if isinstance(outcome[0], OSError):
        raise outcome[0]
    return outcome[0]
