"""The serial scanner reader on a real pseudo-terminal: framing, noise, overlong codes, unplug, re-plug.

The port list of the system cannot show a pseudo-terminal as a USB device, so where re-finding
by USB serial number is tested the reader gets a port list that describes the live pseudo-
terminals as such; everything else (opening, reading, losing the port) is real.
"""
from __future__ import annotations

import queue
from typing import Any, Callable

import pytest
from serial.tools.list_ports_common import ListPortInfo

from devices.scanner.serial_scanner import ScannerEvent, ScannerStatus, SerialScannerReader
from devices.uris import SerialScannerConfig, Terminator, parse_scanner_uri
from tests.devices.pty_port import PtyPort

pytestmark = pytest.mark.integration

WAIT = 10.0
CARD = b"2000000000015"
COUPON = b"9900000001230"


class Recorder:
    """Collects what the reader reports, for waiting on from the test thread."""

    def __init__(self) -> None:
        self.frames: queue.Queue[bytes] = queue.Queue()
        self.events: queue.Queue[ScannerEvent] = queue.Queue()
        self.overflows: queue.Queue[int] = queue.Queue()

    def reader(self, config: SerialScannerConfig, **kwargs: Any) -> SerialScannerReader:
        kwargs.setdefault("retry_initial", 0.02)
        kwargs.setdefault("retry_max", 0.1)
        return SerialScannerReader(config, self.frames.put, self.events.put, self.overflows.put, **kwargs)

    def frame(self) -> bytes:
        return self.frames.get(timeout=WAIT)

    def event(self, wanted: Callable[[ScannerEvent], bool]) -> ScannerEvent:
        while True:
            event = self.events.get(timeout=WAIT)
            if wanted(event):
                return event


def connected(event: ScannerEvent) -> bool:
    return event.status is ScannerStatus.CONNECTED


def usb_port(path: str, serial_number: str) -> ListPortInfo:
    info = ListPortInfo(path, skip_link_detection=True)
    info.vid, info.pid, info.serial_number = 0x0C2E, 0x0B61, serial_number
    info.description = "Honeywell scanner"
    return info


def test_codes_split_across_writes_with_any_line_end() -> None:
    recorder = Recorder()
    with PtyPort() as device, recorder.reader(SerialScannerConfig(device.path)) as reader:
        recorder.event(connected)
        device.send(b"20000")
        device.send(b"00000015\r")
        device.send(COUPON[:5])
        device.send(COUPON[5:] + b"\r\n" + b"12")
        device.send(b"34\n")
        assert [recorder.frame() for _ in range(3)] == [CARD, COUPON, b"1234"]
        assert reader.status is ScannerStatus.CONNECTED


def test_noise_is_dropped_and_an_overlong_line_is_reported_not_delivered() -> None:
    recorder = Recorder()
    with PtyPort() as device:
        config = parse_scanner_uri(f"serial://{device.path}?terminator=CR&max_length=20")
        with recorder.reader(config):
            recorder.event(connected)
            device.send(b"\x00\x00" + CARD[:6] + b"\x00\n" + CARD[6:] + b"\r")
            device.send(b"9" * 500 + b"\r" + COUPON + b"\r")
            assert recorder.frame() == CARD
            assert recorder.frame() == COUPON
            assert recorder.overflows.get(timeout=WAIT) == 500
            assert recorder.frames.empty()


def test_gap_framing_without_terminator() -> None:
    recorder = Recorder()
    with PtyPort() as device:
        with recorder.reader(SerialScannerConfig(device.path, terminator=Terminator.NONE, gap_ms=30)):
            recorder.event(connected)
            device.send(CARD)
            assert recorder.frame() == CARD


def test_after_an_unplug_the_reader_reopens_the_same_path() -> None:
    recorder = Recorder()
    device = PtyPort()
    path = device.path
    reader = recorder.reader(SerialScannerConfig(path))
    reader.start()
    try:
        recorder.event(connected)
        device.send(CARD + b"\r")
        assert recorder.frame() == CARD
        device.unplug()
        lost = recorder.event(lambda e: e.status is ScannerStatus.DISCONNECTED)
        assert lost.port == path
        recorder.event(lambda e: e.status is ScannerStatus.RECONNECTING)
        with PtyPort() as again:
            if again.path != path:
                pytest.skip(f"the system gave the new pseudo-terminal another path ({again.path})")
            back = recorder.event(connected)
            assert back.port == path
            again.send(COUPON + b"\r")
            assert recorder.frame() == COUPON
    finally:
        device.unplug()
        assert reader.stop()


def test_a_scanner_back_under_another_path_is_found_by_its_usb_serial_number() -> None:
    recorder = Recorder()
    plugged: list[ListPortInfo] = []
    first = PtyPort()
    second = PtyPort()  # opened now, so it cannot get the first one's path
    try:
        plugged.append(usb_port(first.path, "SCN-0042"))
        config = parse_scanner_uri(f"serial://{first.path}?serial_number=SCN-0042")
        with recorder.reader(config, list_ports=lambda: list(plugged)) as reader:
            recorder.event(connected)
            plugged.clear()
            first.unplug()
            recorder.event(lambda e: e.status is ScannerStatus.DISCONNECTED)
            plugged.append(usb_port(second.path, "SCN-0042"))
            back = recorder.event(connected)
            assert back.port == second.path and reader.port == second.path
            second.send(CARD + b"\r")
            assert recorder.frame() == CARD
    finally:
        first.unplug()
        second.unplug()


def test_the_usb_identity_is_learnt_when_the_uri_has_none() -> None:
    recorder = Recorder()
    first, second = PtyPort(), PtyPort()
    plugged = [usb_port(first.path, "LEARNT-1"), usb_port(second.path, "SOMEONE-ELSE")]
    try:
        with recorder.reader(SerialScannerConfig(first.path), list_ports=lambda: list(plugged)):
            recorder.event(connected)
            third = PtyPort()
            try:
                plugged[:] = [usb_port(second.path, "SOMEONE-ELSE")]
                first.unplug()
                recorder.event(lambda e: e.status is ScannerStatus.DISCONNECTED)
                plugged.append(usb_port(third.path, "LEARNT-1"))
                assert recorder.event(connected).port == third.path
                third.send(COUPON + b"\n")
                assert recorder.frame() == COUPON
            finally:
                third.unplug()
    finally:
        first.unplug()
        second.unplug()


def test_a_missing_port_is_reported_and_retried_until_stopped() -> None:
    recorder = Recorder()
    reader = recorder.reader(SerialScannerConfig("/dev/till-loyalty-no-such-port"))
    reader.start()
    first = recorder.event(lambda e: True)
    assert first.status is ScannerStatus.RECONNECTING and first.attempt == 1
    assert "cannot open /dev/till-loyalty-no-such-port" in first.message
    second = recorder.event(lambda e: e.status is ScannerStatus.RECONNECTING)
    assert second.attempt == 2
    assert reader.stop(timeout=2.0)
    assert recorder.event(lambda e: e.status is ScannerStatus.STOPPED)
    assert not reader.running


def test_stop_while_reading_ends_the_thread_promptly() -> None:
    recorder = Recorder()
    with PtyPort() as device:
        reader = recorder.reader(SerialScannerConfig(device.path))
        reader.start()
        recorder.event(connected)
        assert reader.stop(timeout=2.0)
        assert recorder.event(lambda e: e.status is ScannerStatus.STOPPED).port == device.path


def test_a_failing_callback_does_not_stop_the_reader() -> None:
    frames: queue.Queue[bytes] = queue.Queue()
    events: queue.Queue[ScannerEvent] = queue.Queue()

    def on_frame(data: bytes) -> None:
        frames.put(data)
        if data == b"boom":
            raise RuntimeError("a bug in the receiver")

    with PtyPort() as device:
        with SerialScannerReader(SerialScannerConfig(device.path), on_frame, events.put):
            while events.get(timeout=WAIT).status is not ScannerStatus.CONNECTED:
                pass
            device.send(b"boom\r" + CARD + b"\r")
            assert frames.get(timeout=WAIT) == b"boom"
            assert frames.get(timeout=WAIT) == CARD
