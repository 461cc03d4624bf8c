"""Two sessions of one user sharing one history (one home, two logins; issue 22, item 7).

Each session has its own notifyzen on its own bus, both writing to the same NOTIFYZEN_DB. Each
reserved the next id from its own memory, so under load they met: 746 of 10,000 Notify calls were
answered `UNIQUE constraint failed: notification.id`. Ids are now read under SQLite's write lock.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from dbus_fast import Message, MessageType

from tests.harness.busenv import bus_env, private_bus
from tests.harness.notifyzen_proc import NOTIFY, run, start, stop

PER_SESSION = 5000
CLIENTS = 5  # per session, each with up to 20 calls in flight


async def _session(address: str, tag: str) -> list[tuple[str, Any]]:
    """PER_SESSION Notify calls from CLIENTS clients; (summary, id or error) for each."""
    from dbus_fast.aio import MessageBus

    results: list[tuple[str, Any]] = []

    async def one_client(k: int) -> None:
        bus = await MessageBus(bus_address=address).connect()
        gate = asyncio.Semaphore(20)

        async def one(i: int) -> None:
            summary = f"{tag} {k}.{i}"
            async with gate:
                msg = Message(
                    destination=NOTIFY[0],
                    path=NOTIFY[1],
                    interface=NOTIFY[2],
                    member="Notify",
                    signature="susssasa{sv}i",
                    body=[f"app{k}", 0, "", summary, "body", [], {}, -1],
                )
                reply = await asyncio.wait_for(bus.call(msg), 60)
            ok = reply.message_type is MessageType.METHOD_RETURN
            results.append((summary, int(reply.body[0]) if ok else f"{reply.error_name}: {reply.body}"))

        try:
            await asyncio.gather(*(one(i) for i in range(PER_SESSION // CLIENTS)))
        finally:
            bus.disconnect()

    await asyncio.gather(*(one_client(k) for k in range(CLIENTS)))
    return results


@pytest.mark.slow
def test_two_sessions_on_one_history_never_refuse_nor_lose(tmp_path: Path) -> None:
    shared = tmp_path / "shared" / "notifyzen.db"
    with private_bus() as first, private_bus() as second:
        envs = [
            bus_env(a, tmp_path / f"home{n}") | {"NOTIFYZEN_DB": str(shared)}
            for n, a in enumerate((first, second))
        ]
        procs = [start(env, "--mode", "server") for env in envs]
        try:

            async def both() -> list[list[tuple[str, Any]]]:
                return list(await asyncio.gather(_session(first, "one"), _session(second, "two")))

            results = [r for session in run(both()) for r in session]
        finally:
            errs = [stop(p)[1] for p in procs]
    refused = [(s, r) for s, r in results if not isinstance(r, int)]
    assert not refused, f"{len(refused)} of {len(results)} refused, e.g. {refused[:3]}"
    ids = [r for _, r in results]
    assert len(set(ids)) == len(ids) == 2 * PER_SESSION, "one id given to two notifications"
    db = sqlite3.connect(f"file:{shared}?mode=ro", uri=True)
    try:
        stored = dict(db.execute("SELECT id, summary FROM notification"))
    finally:
        db.close()
    lost = [(s, i) for s, i in results if stored.get(i) != s]
    assert not lost, f"{len(lost)} acknowledged but not stored as answered, e.g. {lost[:3]}"
    assert not any("Traceback" in e for e in errs)
