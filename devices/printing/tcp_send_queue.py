"""How many bytes of a TCP connection's output the peer has not acknowledged yet.

`sendall()` returning only means the bytes are in this computer's send buffer. Whether a network
printer took them is told by the kernel: on Linux `SIOCOUTQ` (the same number as `TIOCOUTQ`)
gives the bytes written but not yet acknowledged by the peer (sent or not), the closing FIN
included. Zero means the printer's network stack received everything; a printer that stopped
reading leaves its receive window shut and the count stays above zero.
"""
from __future__ import annotations

import socket
import sys


def unacknowledged_bytes(sock: socket.socket) -> int | None:
    """Bytes written to `sock` that the peer has not acknowledged; None where the system cannot tell."""
    if sys.platform != "linux":
        return None
    try:
        import array
        import fcntl
        import termios

        count = array.array("i", [0])
        fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, count, True)
    except (ImportError, OSError, AttributeError):
        return None
    return count[0]
