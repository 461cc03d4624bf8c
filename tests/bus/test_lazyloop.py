"""The monitor's lazy reads (notifyzen/bus/lazyloop.py): later, in one go, and nothing lost."""

from __future__ import annotations

import socket
import time

from notifyzen.bus.lazyloop import LazyReadingLoop


def test_what_arrives_while_waiting_is_read_in_one_go_and_reading_goes_on() -> None:
    loop = LazyReadingLoop(0.05)
    ours, theirs = socket.socketpair()
    ours.setblocking(False)
    reads: list[tuple[float, bytes]] = []

    def reader() -> None:
        reads.append((time.monotonic(), ours.recv(4096)))

    loop.add_reader(ours.fileno(), reader)
    loop.read_lazily()
    started = time.monotonic()
    theirs.send(b"call ")
    loop.call_later(0.01, theirs.send, b"reply ")  # the daemon's answer, while we wait
    loop.call_later(0.2, theirs.send, b"next")  # a later notification: read again
    loop.call_later(0.4, loop.stop)
    loop.run_forever()
    assert [data for _, data in reads] == [b"call reply ", b"next"]
    assert reads[0][0] - started >= 0.05  # not at once: after the delay
    loop.close()
    ours.close()
    theirs.close()


def test_a_connection_closed_while_waiting_is_not_read() -> None:
    """dbus-fast removes its reader when the connection ends; the pending read must not run."""
    loop = LazyReadingLoop(0.05)
    ours, theirs = socket.socketpair()
    ours.setblocking(False)
    reads: list[bytes] = []
    loop.add_reader(ours.fileno(), lambda: reads.append(ours.recv(4096)))
    loop.read_lazily()
    theirs.send(b"call")
    loop.call_later(0.01, loop.remove_reader, ours.fileno())
    loop.call_later(0.2, loop.stop)
    loop.run_forever()
    assert reads == []
    loop.close()
    ours.close()
    theirs.close()


def test_a_flood_is_read_whole_at_the_late_read_not_a_buffer_per_delay() -> None:
    """dbus-fast's reader takes one buffer's worth per call; a flood waiting in the socket is
    read in full when the read comes, so a burst is never drip-fed at a buffer per delay."""
    loop = LazyReadingLoop(0.05)
    ours, theirs = socket.socketpair()
    ours.setblocking(False)
    got = bytearray()

    def reader() -> None:  # like dbus-fast's: one 4 KiB buffer per call
        got.extend(ours.recv(4096))

    loop.add_reader(ours.fileno(), reader)
    loop.read_lazily()
    theirs.sendall(b"x" * 100_000)
    loop.call_later(0.08, loop.stop)  # one late read has come, not two
    loop.run_forever()
    assert len(got) == 100_000
    loop.close()
    ours.close()
    theirs.close()
