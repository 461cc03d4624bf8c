"""A full socket buffer must not end a connection: pinned against the installed dbus-fast.

dbus-daemon is stopped (SIGSTOP) for a moment, as a busy bus is, while one connection sends
more than its socket holds; then it runs again. dbus-fast's own writer drops the connection on
the first EAGAIN (notifyzen/bus/patient.py says why); with `keep_writing_when_full` everything
sent arrives, in order, once the bus reads again.
"""

from __future__ import annotations

import asyncio
import os
import signal

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

from notifyzen.bus.patient import keep_writing_when_full
from tests.harness.notifyzen_proc import DBUS, call, client, until

SIGNALS = 1000  # 1 KiB each: about five times what the socket holds
IFACE = "io.github.notifyzen.Test"


async def send_while_the_bus_sleeps(address: str, patient: bool) -> tuple[BaseException | None, list[int]]:
    """What ended the sender's connection (None: nothing did), and the numbers that arrived.
    A sender still connected must also still get answers."""
    got: list[int] = []
    async with client(address) as receiver, client(address) as sender:
        if patient:
            keep_writing_when_full(sender)
        await call(receiver, DBUS, "AddMatch", "s", [f"type='signal',interface='{IFACE}'"])
        receiver.add_message_handler(lambda m: got.append(m.body[0]) if m.interface == IFACE else None)
        daemon = (await call(receiver, DBUS, "GetConnectionUnixProcessID", "s", [DBUS[0]])).body[0]
        os.kill(daemon, signal.SIGSTOP)
        try:
            for i in range(SIGNALS):
                try:
                    sender.send(Message.new_signal("/t", IFACE, "Tick", "us", [i, "x" * 1024]))
                except OSError:  # dbus-fast alone: the send that dropped the connection says so too
                    break
            await asyncio.sleep(0.2)
        finally:
            os.kill(daemon, signal.SIGCONT)
        ended = await _ended(sender)
        if ended is None:
            await until(lambda: len(got) == SIGNALS, what="every signal to arrive")
            reply = await call(sender, DBUS, "GetId")
            assert reply.message_type is MessageType.METHOD_RETURN, reply.body
    return ended, got


async def _ended(bus: MessageBus) -> BaseException | None:
    if bus.connected:
        return None
    try:
        await bus.wait_for_disconnect()
    except Exception as exc:
        return exc
    return None


def test_dbus_fast_alone_still_drops_the_connection_on_a_full_socket(bus_address: str) -> None:
    """When this fails, dbus-fast has fixed its writer and notifyzen/bus/patient.py can go."""
    ended, got = asyncio.run(send_while_the_bus_sleeps(bus_address, patient=False))
    assert isinstance(ended, BlockingIOError), ended
    assert len(got) < SIGNALS


def test_a_patient_writer_waits_for_the_bus_and_loses_nothing(bus_address: str) -> None:
    ended, got = asyncio.run(send_while_the_bus_sleeps(bus_address, patient=True))
    assert ended is None
    assert got == list(range(SIGNALS))
