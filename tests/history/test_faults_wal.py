"""Disk stays bounded under large writes (issue 22, item 6).

A check-in showing 20,000 held notifications wrote one commit per row, each appending its pages to
the WAL, and the WAL was never cut back while notifyzen ran: 252 MiB for 20,000 (1.34 GB for
100,000). Every kind of write now counts towards a checkpoint, and SQLite cuts the WAL back to 4
MiB (journal_size_limit) at the first write after one. Real notifyzen, real file, sampled as it
grows.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from pathlib import Path

import pytest
from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

from tests.harness.notifyzen_proc import NOTIFY, client, control, db_path, run, start, stop, wait_for
from tests.history.test_faults import IN_FOCUS, focus_env

HELD = 20_000
MIB = 1024 * 1024


class Peak:
    """The largest size a file reaches, sampled every 20 ms in a thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(FileNotFoundError):
                self.size = max(self.size, self.path.stat().st_size)
            time.sleep(0.02)

    def reset(self) -> None:
        self.size = 0

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


async def send(address: str, count: int) -> int:
    bus = await MessageBus(bus_address=address).connect()
    gate = asyncio.Semaphore(8)  # dbus-fast as a client takes a full socket buffer for a broken bus

    async def one(i: int) -> bool:
        async with gate:
            msg = Message(
                destination=NOTIFY[0],
                path=NOTIFY[1],
                interface=NOTIFY[2],
                member="Notify",
                signature="susssasa{sv}i",
                body=[f"app{i % 7}", 0, "", f"held {i}", "x" * 2000, [], {}, -1],
            )
            return (await bus.call(msg)).message_type is MessageType.METHOD_RETURN

    try:
        return sum(await asyncio.gather(*(one(i) for i in range(count))))
    finally:
        bus.disconnect()


@pytest.mark.slow
def test_the_wal_stays_bounded_through_a_check_in_of_20000(
    session_env: dict[str, str], bus_address: str
) -> None:
    env = focus_env(session_env)
    proc = start(env, "--mode", "server", "--clock", IN_FOCUS)
    wal = Peak(db_path(env).with_name("notifyzen.db-wal"))
    try:
        assert run(send(bus_address, HELD)) == HELD

        async def status() -> dict:
            async with client(bus_address) as bus:
                return dict(await control(bus, "Status"))

        assert run(status())["held"] == HELD
        intake_peak = wal.size
        wal.reset()

        async def check_in() -> None:
            async with client(bus_address) as bus:
                await control(bus, "CheckIn")

        run(check_in())
        wait_for(lambda: run(status())["held"] == 0, 60, "the check-in to show all held")
        time.sleep(1.5)  # the quiet-moment checkpoint, then the next write cuts the WAL back
        checkin_peak = wal.size
        wait_for(lambda: wal.path.stat().st_size <= 4 * MIB, 90, "the WAL cut back to 4 MiB")
    finally:
        wal.stop()
        stop(proc)
    # 20,000 rows of 2 KB are ~80 MiB of history; the WAL must stay a small part of that
    assert intake_peak < 40 * MIB, f"WAL reached {intake_peak / MIB:.0f} MiB while taking 20,000 in"
    assert checkin_peak < 40 * MIB, f"WAL reached {checkin_peak / MIB:.0f} MiB in the check-in (was 252)"
