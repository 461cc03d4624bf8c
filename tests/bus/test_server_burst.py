"""Bursts of calls slow notifyzen down, they never end it (issue 22); only the bus closing does.

Before, a few hundred small replies filled notifyzen's socket faster than dbus-daemon read it,
dbus-fast took the full buffer for a broken connection and notifyzen quit with status 0. Here a
real `notifyzen run --mode server` on a private bus takes 5 clients with 50 calls in flight each,
one client with 250, and one with 5,000 that never reads its replies while others go on using it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

from notifyzen.bus.patient import keep_writing_when_full
from tests.harness.notifyzen_proc import DBUS, NOTIFY, call, client, control, notify, rows, run, start, stop

NOTIFY_ARGS = "susssasa{sv}i"


def a_call(i: int, app: str) -> Message:
    """Every fifth call a Notify (its reply is an id that must be in the history), else
    GetCapabilities, the call of the report: cheap to answer, so its replies come fastest."""
    if i % 5:
        return Message(destination=NOTIFY[0], path=NOTIFY[1], interface=NOTIFY[2], member="GetCapabilities")
    body = [app, 0, "", f"{app} {i}", "", [], {}, -1]
    return Message(
        destination=NOTIFY[0],
        path=NOTIFY[1],
        interface=NOTIFY[2],
        member="Notify",
        signature=NOTIFY_ARGS,
        body=body,
    )


async def keep_in_flight(
    bus: MessageBus, app: str, in_flight: int, calls: int
) -> tuple[list[int], list[str]]:
    """`calls` calls with `in_flight` outstanding at all times: the Notify ids, and the errors."""
    gate = asyncio.Semaphore(in_flight)
    ids: list[int] = []
    errors: list[str] = []

    async def one(i: int) -> None:
        async with gate:
            msg = a_call(i, app)
            try:
                reply = await asyncio.wait_for(bus.call(msg), 30)
            except Exception as exc:
                errors.append(repr(exc))
                return
            if reply.message_type is not MessageType.METHOD_RETURN:
                errors.append(str(reply.error_name))
            elif msg.member == "Notify":
                ids.append(int(reply.body[0]))

    await asyncio.gather(*(one(i) for i in range(calls)))
    return ids, errors


async def burst(address: str, clients: int, in_flight: int, calls: int) -> tuple[list[int], list[str]]:
    async def one_client(k: int) -> tuple[list[int], list[str]]:
        async with client(address) as bus:
            # The clients are dbus-fast too: without this, a client's own full socket can end it.
            return await keep_in_flight(keep_writing_when_full(bus), f"burst {k}", in_flight, calls)

    results = await asyncio.gather(*(one_client(k) for k in range(clients)))
    return [i for ids, _ in results for i in ids], [e for _, errors in results for e in errors]


def daemon_pid(address: str) -> int:
    async def ask() -> int:
        async with client(address) as bus:
            return int((await call(bus, DBUS, "GetConnectionUnixProcessID", "s", [DBUS[0]])).body[0])

    return int(run(ask()))


def the_bus_goes_and_notifyzen_quits(address: str, proc: subprocess.Popen[str]) -> str:
    """Kill dbus-daemon (the session ending); notifyzen must quit on its own. Its stderr."""
    os.kill(daemon_pid(address), signal.SIGKILL)
    try:
        _, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        stop(proc)
        raise AssertionError("notifyzen did not quit when the bus went away") from None
    assert "the session bus closed the connection" in err, err[-3000:]
    return err


def still_answers(address: str) -> dict:
    async def status() -> dict:
        async with client(address) as bus:
            return dict(await control(bus, "Status"))

    return dict(run(status()))


@pytest.mark.parametrize(
    ("clients", "in_flight", "calls"), [(5, 50, 2000), (1, 250, 2500)], ids=["5x50", "1x250"]
)
def test_many_calls_in_flight_are_all_answered_and_notifyzen_stays(
    session_env: dict[str, str], bus_address: str, clients: int, in_flight: int, calls: int
) -> None:
    proc = start(session_env, "--mode", "server")
    try:
        ids, errors = run(burst(bus_address, clients, in_flight, calls))
        assert proc.poll() is None, "notifyzen quit during the burst"
        assert errors == []
        assert len(ids) == clients * calls // 5
        assert still_answers(bus_address)["taken_in_today"] == len(ids)
        assert set(ids) <= {r["id"] for r in rows(session_env)}, (
            "an acknowledged Notify is not in the history"
        )
        the_bus_goes_and_notifyzen_quits(bus_address, proc)
    finally:
        stop(proc)


@contextmanager
def deaf_client(address: str) -> Iterator[socket.socket]:
    """A connection that says Hello and then never reads a byte: its replies pile up in the bus."""
    path = address.removeprefix("unix:path=").split(",")[0]
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
        sock.sendall(b"\0AUTH EXTERNAL " + str(os.getuid()).encode().hex().encode() + b"\r\n")
        line = b""
        while not line.endswith(b"\r\n"):
            line += sock.recv(1)
        assert line.startswith(b"OK "), line
        sock.sendall(b"BEGIN\r\n")
        hello = Message(destination=DBUS[0], path=DBUS[1], interface=DBUS[2], member="Hello", serial=1)
        sock.sendall(bytes(hello._marshall(False)))
        yield sock
    finally:
        sock.close()


FLOOD = 5000
PROBE_EVERY = 0.02
AFTER_FLOOD = 3.0  # seconds the others go on once the flood is on the bus


async def deaf_flood_and_others(address: str) -> tuple[list[float], list[int], int]:
    """The probe's GetServerInformation round trips (s), the chat's acknowledged Notify ids, and
    how many calls the deaf client sent."""
    latencies: list[float] = []
    chatted: list[int] = []
    flood_sent = asyncio.Event()

    async def probe() -> None:
        async with client(address) as bus:
            while True:
                began = time.perf_counter()
                reply = await call(bus, NOTIFY, "GetServerInformation")
                latencies.append(time.perf_counter() - began)
                assert reply.message_type is MessageType.METHOD_RETURN, reply.body
                if flood_sent.is_set() and time.perf_counter() > stop_at:
                    return
                await asyncio.sleep(PROBE_EVERY)

    async def chat() -> None:
        async with client(address) as bus:
            while not flood_sent.is_set() or time.perf_counter() < stop_at:
                chatted.append(await notify(bus, f"lunch? {len(chatted)}", app="Chat"))
                await asyncio.sleep(0.1)

    # Made before the others start: marshalling 5,000 calls holds this process's GIL for a while.
    wire = b"".join(bytes(_serial(a_call(i, "Flood"), i + 2)._marshall(False)) for i in range(FLOOD))
    stop_at = float("inf")
    with deaf_client(address) as sock:
        others = asyncio.gather(probe(), chat())
        await asyncio.sleep(0.3)  # the probe is going before the flood comes
        await asyncio.to_thread(sock.sendall, wire)
        stop_at = time.perf_counter() + AFTER_FLOOD
        flood_sent.set()
        await others
    return latencies, chatted, FLOOD


def _serial(msg: Message, serial: int) -> Message:
    msg.serial = serial
    return msg


@pytest.mark.slow
def test_a_client_that_never_reads_its_replies_slows_nobody_down(
    session_env: dict[str, str], bus_address: str
) -> None:
    proc = start(session_env, "--mode", "server")
    try:
        latencies, chatted, _ = run(deaf_flood_and_others(bus_address))
        assert proc.poll() is None, "notifyzen quit during the flood"
        worst = max(latencies)
        assert worst < 0.1, f"GetServerInformation took up to {worst * 1000:.0f} ms during the flood"
        assert len(latencies) >= AFTER_FLOOD / (PROBE_EVERY + 0.1)
        assert set(chatted) <= {r["id"] for r in rows(session_env)}, (
            "an acknowledged Notify is not in the history"
        )
        assert still_answers(bus_address)["mode"] == "server"
        err = the_bus_goes_and_notifyzen_quits(bus_address, proc)
        assert "calls waiting; refusing more until it has caught up" in err
    finally:
        stop(proc)
