"""A full socket buffer is a pause, not the end of the session: dbus-fast's writer, made patient.

dbus-fast's asyncio writer (5.2.0: `aio/message_bus.py`, `_MessageWriter.write_callback`) writes
with a plain `sock.send` on the bus's non-blocking socket and takes every exception for a broken
connection. So `BlockingIOError` (EAGAIN: the kernel's send buffer is full because dbus-daemon has
not read it yet) goes to `bus._finalize`, which closes the socket: notifyzen lost its names and
quit with "lost the session bus: [Errno 11] Resource temporarily unavailable". A client with a
few hundred calls in flight was enough, as each small reply holds about 1 KiB of the socket's
208 KiB. python-dbus-next, which dbus-fast forked, has the same bug (altdesktop/python-dbus-next
issue 153, fix in pull request 154, never merged); no dbus-fast issue about it was found.

The writer already knows how to wait: after a short write it keeps the rest of the message and
stays registered with `loop.add_writer`, so it goes on when the socket is writable again. Here
the writer gets a view of the socket on which a full buffer is a write of 0 bytes, a short write;
all else stays dbus-fast's own code. tests/bus/test_bus_writer.py pins both halves on a stopped
dbus-daemon: the installed dbus-fast alone still drops the connection (when that test fails,
dbus-fast has fixed it and this module can go), and with this it does not.

Every connection notifyzen opens that writes as fast as others make it (answers to any client,
redelivered copies) is made with `connect`: the Service's own (notifyzen/service/start.py) and
the observe session's tool (`python -m notifyzen.dnd`). The others write a call or two and are
listed with why in tests/bus/test_patient_connections.py, which fails on a new connection made
any other way.
"""

from __future__ import annotations

import logging
import socket
from typing import Any

from dbus_fast import BusType
from dbus_fast.aio import MessageBus

log = logging.getLogger(__name__)


class FullIsShort:
    """The socket as dbus-fast's writer sees it: `send` on a full buffer writes 0 bytes.

    Only `send` changes. `sendmsg` (used only when Unix fds are negotiated, which notifyzen never
    does) and everything else go to the socket as they are."""

    __slots__ = ("sock",)

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def send(self, data: bytes | memoryview) -> int:
        try:
            return self.sock.send(data)
        except BlockingIOError:  # EAGAIN: the bus has not read what we sent yet
            return 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.sock, name)


def keep_writing_when_full(bus: MessageBus) -> MessageBus:
    """Give a connected bus's writer the patient view of its socket; returns the bus.

    A dbus-fast whose writer looks different (a compiled one hides its attributes) is left as it
    is, with a warning: the connection then works as before, only a flood can end it again."""
    writer = getattr(bus, "_writer", None)
    sock = getattr(writer, "sock", None)
    if isinstance(sock, FullIsShort):
        return bus
    if not isinstance(sock, socket.socket):
        log.warning("dbus-fast's writer is not the one notifyzen knows: a full socket may end the connection")
        return bus
    writer.sock = FullIsShort(sock)  # type: ignore[union-attr]
    return bus


async def connect(bus_address: str | None = None, bus_type: BusType = BusType.SESSION) -> MessageBus:
    """A connection to `bus_address` (else the session bus, or `bus_type`) whose writer waits
    for a full socket instead of ending the connection."""
    bus = MessageBus(bus_address=bus_address, bus_type=bus_type)
    return keep_writing_when_full(await bus.connect())
