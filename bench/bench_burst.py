"""Burst: 10,000 Notify calls from 10 concurrent clients; none lost, none refused, all on disk.
Also: another app's round trip while one app floods notifyzen with 1,000 calls.

    python3 bench/bench_burst.py [--clients 10] [--per-client 1000] [--in-flight 20] [--json]

Each client is its own bus connection with up to `in_flight` calls outstanding. The same burst
goes to the do-nothing server (the bus's own ceiling) and to `notifyzen run --mode server`; for
notifyzen every replied id is then looked up in the history file after it stopped. "lost" counts
ids the sender got that are not rows; "errors" counts calls answered with an error or not at all.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from dbus_fast import MessageType
from dbus_fast.aio import MessageBus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_roundtrip import (  # noqa: E402
    do_nothing,
    notify_message,
    notifyzen_env,
    notifyzen_server,
    percentile,
    timed_notify,
)
from tests.harness.busenv import private_bus  # noqa: E402


async def client(address: str, k: int, count: int, in_flight: int) -> tuple[list[int], int]:
    bus = await MessageBus(bus_address=address).connect()
    gate = asyncio.Semaphore(in_flight)
    errors = 0

    async def one(i: int) -> int | None:
        nonlocal errors
        async with gate:
            try:
                reply = await asyncio.wait_for(bus.call(notify_message(k * count + i, f"burst{k}")), 60)
            except (TimeoutError, OSError):
                errors += 1
                return None
            if reply.message_type is not MessageType.METHOD_RETURN:
                errors += 1
                return None
            return int(reply.body[0])

    try:
        ids = await asyncio.gather(*(one(i) for i in range(count)))
    finally:
        bus.disconnect()
    return [i for i in ids if i is not None], errors


async def burst(address: str, clients: int, per_client: int, in_flight: int) -> tuple[list[int], int, float]:
    t0 = time.perf_counter()
    results = await asyncio.gather(*(client(address, k, per_client, in_flight) for k in range(clients)))
    elapsed = time.perf_counter() - t0
    return [i for ids, _ in results for i in ids], sum(e for _, e in results), elapsed


def stored_ids(db: Path) -> set[int]:
    """Ids a sender would know (replaces_id when a row replaced another in place)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        query = "SELECT CASE WHEN replaces_id > 0 THEN replaces_id ELSE id END FROM notification"
        return {int(r[0]) for r in conn.execute(query + " WHERE app_name LIKE 'burst%'")}
    finally:
        conn.close()


def run_one(name: str, clients: int, per_client: int, in_flight: int) -> dict[str, Any]:
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nzburst-")))
        address = stack.enter_context(private_bus())
        with ExitStack() as procs:
            (notifyzen_server if name == "notifyzen" else do_nothing)(address, scratch, procs)
            ids, errors, elapsed = asyncio.run(burst(address, clients, per_client, in_flight))
        sent = clients * per_client
        result: dict[str, Any] = {
            "sent": sent,
            "replied": len(ids),
            "errors": errors,
            "seconds": elapsed,
            "rate_per_s": sent / elapsed,
        }
        if name == "notifyzen":  # stopped by now: the file is complete and closed
            db = Path(notifyzen_env(address, scratch)["XDG_DATA_HOME"]) / "notifyzen" / "notifyzen.db"
            on_disk = stored_ids(db)
            result["distinct_ids"] = len(set(ids))
            result["lost"] = len(set(ids) - on_disk)
            result["rows"] = len(on_disk)
        return result


async def others_during_flood(address: str, flood: int, probes: int) -> dict[str, float]:
    """Another app's round trip, alone and while one app floods (`flood` calls, 50 in flight)."""
    bus = await MessageBus(bus_address=address).connect()
    try:
        for i in range(50):
            await timed_notify(bus, i, "warm-up")
        quiet = [await timed_notify(bus, i, f"other {i % 7}") for i in range(probes)]
        flooding = asyncio.create_task(client(address, 99, flood, 50))
        during: list[float] = []
        while not flooding.done():
            during.append(await timed_notify(bus, len(during), f"other {len(during) % 7}"))
        ids, errors = await flooding
    finally:
        bus.disconnect()
    us = {k: [t * 1e6 for t in v] for k, v in (("quiet", quiet), ("during", during))}
    return {
        "quiet_p50_us": percentile(us["quiet"], 50),
        "quiet_p99_us": percentile(us["quiet"], 99),
        "during_p50_us": percentile(us["during"], 50) if during else float("nan"),
        "during_p99_us": percentile(us["during"], 99) if during else float("nan"),
        "probes_during": len(during),
        "flood_replied": len(ids),
        "flood_errors": errors,
    }


def run_flood(flood: int = 1000, probes: int = 200) -> dict[str, Any]:
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nzflood-")))
        address = stack.enter_context(private_bus())
        with ExitStack() as procs:
            notifyzen_server(address, scratch, procs)
            return asyncio.run(others_during_flood(address, flood, probes))


def run(clients: int = 10, per_client: int = 1000, in_flight: int = 20) -> dict[str, Any]:
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)  # a bench never touches the real bus
    out: dict[str, Any] = {n: run_one(n, clients, per_client, in_flight) for n in ("do-nothing", "notifyzen")}
    out["flood"] = run_flood()
    out["load_average"] = os.getloadavg()[0]
    return out


def print_table(r: dict[str, Any]) -> None:
    floor, nz = r["do-nothing"], r["notifyzen"]
    print(
        f"burst of {nz['sent']:,}: notifyzen {nz['rate_per_s']:,.0f}/s ({nz['seconds']:.1f} s), "
        f"replied {nz['replied']:,}, errors {nz['errors']}, lost {nz['lost']}, rows on disk {nz['rows']:,}; "
        f"do-nothing server {floor['rate_per_s']:,.0f}/s; load average {r['load_average']:.1f}"
    )
    f = r["flood"]
    print(
        f"another app during a 1,000 flood: p50 {f['during_p50_us']:.0f} µs, p99 {f['during_p99_us']:.0f} µs "
        f"({f['probes_during']} calls); alone p50 {f['quiet_p50_us']:.0f} µs, p99 {f['quiet_p99_us']:.0f} µs"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--per-client", type=int, default=1000)
    parser.add_argument("--in-flight", type=int, default=20, help="outstanding calls per client")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.clients, args.per_client, args.in_flight)
    print(json.dumps(results, indent=2)) if args.json else print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
