"""Guards against defects of the Qt binding that the till cannot work around."""
import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(object)


def test_emitting_a_signal_keeps_reference_counts_intact() -> None:
    # PySide6 6.12.0 returned True from emit() without a reference: a long-running till
    # crashed with "deallocating True" after a few hundred signals.
    emitter = _Emitter()
    received: list[object] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(200):
        emitter.changed.emit(i)
    assert received == list(range(200))
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
