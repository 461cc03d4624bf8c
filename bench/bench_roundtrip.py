"""Notify round trip: what a sender waits for, against a do-nothing server and notifyzen.

    python bench/bench_roundtrip.py [--n 2000] [--warmup 200] [--json]

Each target runs alone on a fresh private dbus-daemon (never the session bus) and owns
org.freedesktop.Notifications; one dbus-fast client sends `n` sequential Notify calls after
`warmup` unmeasured ones and records each call's wall time. Compare ratios within one run only:
these machines are noisy (see docs/performance.md).

Targets are (name, start) pairs in TARGETS; a start function gets the bus address and a scratch
directory and returns the process to stop. Add another daemon (dunst, ...) by adding a pair.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.busenv import bus_env, private_bus  # noqa: E402

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"

DO_NOTHING = f"""
import asyncio, sys
from dbus_fast import Message, MessageType, NameFlag
from dbus_fast.aio import MessageBus

async def main():
    bus = await MessageBus(bus_address=sys.argv[1]).connect()
    def handle(msg):
        if msg.message_type is MessageType.METHOD_CALL and msg.member == "Notify":
            return Message.new_method_return(msg, "u", [1])
        return None
    bus.add_message_handler(handle)
    await bus.request_name("{NAME}", NameFlag.DO_NOT_QUEUE)
    print("ready", flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"""

Start = Callable[[str, Path], subprocess.Popen[str]]


def start_do_nothing(address: str, scratch: Path) -> subprocess.Popen[str]:
    """The floor: a dbus-fast server that answers Notify and does nothing else."""
    proc = subprocess.Popen([sys.executable, "-c", DO_NOTHING, address], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    proc.stdout.readline()
    return proc


def start_notifyzen(address: str, scratch: Path) -> subprocess.Popen[str]:
    """notifyzen in server mode, offscreen Qt, a throwaway history; Saturday noon, so every
    normal-urgency notification is delivered (a pop-up is made for each)."""
    env = bus_env(address, scratch / "home") | {"TZ": "Europe/Amsterdam"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "notifyzen",
            "run",
            "--mode",
            "server",
            "--clock",
            "2026-11-14T12:00:00+01:00",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if "running in server mode" not in line:
        proc.kill()
        raise RuntimeError(f"notifyzen did not start in server mode: {line!r}")
    return proc


SERVICE_ONLY = """
import sys, threading
from datetime import datetime
from pathlib import Path
from notifyzen.clock import FakeClock
from notifyzen.service import Service

clock = FakeClock(datetime.fromisoformat("2026-11-14T12:00:00+01:00"))
service = Service(db_path=Path(sys.argv[2]), clock=clock, mode="server", bus_address=sys.argv[1])
print(f"running in {service.start()} mode", flush=True)
threading.Event().wait()
"""


def start_service_only(address: str, scratch: Path) -> subprocess.Popen[str]:
    """The same Service without Qt: what the bus thread costs alone, and what Qt adds."""
    env = bus_env(address, scratch / "home") | {"TZ": "Europe/Amsterdam"}
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVICE_ONLY, address, str(scratch / "h.db")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    return proc


TARGETS: list[tuple[str, Start]] = [
    ("do-nothing dbus-fast server", start_do_nothing),
    ("notifyzen bus thread, no Qt", start_service_only),
    ("notifyzen server mode", start_notifyzen),
]


async def measure(address: str, n: int, warmup: int) -> list[float]:
    bus = await MessageBus(bus_address=address).connect()
    hints = {"urgency": Variant("y", 1), "desktop-entry": Variant("s", "org.example.Bench")}
    times: list[float] = []
    try:
        for i in range(warmup + n):
            msg = Message(
                destination=NAME,
                path=PATH,
                interface=NAME,
                member="Notify",
                signature="susssasa{sv}i",
                body=[
                    "bench",
                    0,
                    "",
                    f"message {i}",
                    "a body of ordinary length for a chat message",
                    [],
                    hints,
                    3000,
                ],
            )
            t0 = time.perf_counter()
            reply = await bus.call(msg)
            elapsed = time.perf_counter() - t0
            if reply.message_type is not MessageType.METHOD_RETURN:
                raise RuntimeError(f"Notify failed: {reply.body}")
            if i >= warmup:
                times.append(elapsed)
    finally:
        bus.disconnect()
    return times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_target(start: Start, n: int, warmup: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="nzbench-") as tmp, private_bus() as address:
        proc = start(address, Path(tmp))
        try:
            times = asyncio.run(measure(address, n, warmup))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    us = [t * 1e6 for t in times]
    return {
        "p50_us": percentile(us, 50),
        "p99_us": percentile(us, 99),
        "mean_us": statistics.fmean(us),
        "max_us": max(us),
        "n": len(us),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)  # a bench never touches the real bus
    results = {name: run_target(start, args.n, args.warmup) for name, start in TARGETS}
    floor = results[TARGETS[0][0]]["p50_us"]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'target':<32} {'p50':>9} {'p99':>9} {'max':>9}  p50/floor")
    for name, r in results.items():
        print(
            f"{name:<32} {r['p50_us']:>7.0f}µs {r['p99_us']:>7.0f}µs {r['max_us']:>7.0f}µs  "
            f"{r['p50_us'] / floor:>8.2f}×"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
