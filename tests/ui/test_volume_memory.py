"""The running app after a digest of 10,000 is worked through one by one (issue 22, item 6).

A user (or a script, or the pop-ups' close buttons) ending notifications one at a time made the
app draw its digest anew for each: every drawing left its rows behind (1.6 GB after 20,000) and
the GUI thread fell hours behind. Here the real app (server mode, offscreen Qt) holds 10,000 in
a focus window, the 10:30 check-in lists them, and each is dismissed with the control
interface's Dismiss, as `notifyzen`'s scripts do: the digest must be empty soon after and the
app no bigger than a generous bound. Speed at volume is bench/bench_volume.py's.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.harness.notifyzen_proc import CONTROL, call, client, control, notify, start, stop

COUNT = 10_000
IN_FOCUS = "2026-11-16T09:05:00+01:00"  # Monday in the default preset's first deep-work block
CHECKED_IN = "2026-11-16T10:31:00+01:00"  # after the 10:30 check-in


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


async def held_then_dismissed(address: str, pid: int) -> tuple[float, float, int]:
    """(RSS with the digest listing COUNT, RSS once all were dismissed, lines left listed)."""
    async with client(address) as bus:
        gate = asyncio.Semaphore(20)

        async def one(i: int) -> int:
            async with gate:
                body = "x" * 2000 if i % 10 == 0 else f"message {i}"
                return await notify(bus, f"message {i}", body, app=f"app{i % 5}")

        ids = await asyncio.gather(*(one(i) for i in range(COUNT)))
        await control(bus, "SetClock", "s", [CHECKED_IN])

        async def listing(count: int) -> int:
            """Lines the digest lists once it lists `count` (the window says so after drawing)."""
            while (listed := len((await control(bus, "Status"))["digest_open"])) != count:
                await asyncio.sleep(0.5)
            return listed

        await asyncio.wait_for(listing(COUNT), 60)  # the check-in lists every held one
        listed = rss_mib(pid)

        async def dismiss(id: int) -> None:
            async with gate:
                await call(bus, CONTROL, "Dismiss", "u", [id], timeout=60)

        await asyncio.gather(*(dismiss(id) for id in ids))
        left = await asyncio.wait_for(listing(0), 120)
        return listed, rss_mib(pid), left


@pytest.mark.slow
def test_a_digest_of_10000_dismissed_one_by_one_empties_without_growing_the_app(
    session_env: dict[str, str], bus_address: str
) -> None:
    proc = start(session_env, "--mode", "server", "--clock", IN_FOCUS, "--clock-stopped")
    try:
        listed, after, left = asyncio.run(held_then_dismissed(bus_address, proc.pid))
    finally:
        stop(proc)
    assert left == 0
    assert after - listed < 100, f"the app grew from {listed:.0f} to {after:.0f} MiB"
