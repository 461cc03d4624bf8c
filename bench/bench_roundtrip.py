"""Notify round trip: what a sender waits for, notifyzen against the bus's floor and dunst, in one run.

    python3 bench/bench_roundtrip.py [--n 2000] [--warmup 200] [--chunk 50] [--json]

Every target gets its own fresh private dbus-daemon (never the session bus) and owns, or watches,
org.freedesktop.Notifications there. All targets are up at the same time and one dbus-fast client
sends them sequential Notify calls in interleaved chunks (`chunk` calls to A, then to B, ...), so a
noisy neighbour slows every target alike and the ratios measured in one run can be compared
(absolute numbers across runs cannot: see docs/performance.md).

Targets:
- do-nothing: a dbus-fast server that answers Notify and does nothing else (the floor of the bus);
- notifyzen bus thread: the Service without Qt (what the intake costs alone);
- notifyzen server: `notifyzen run --mode server`, each row committed before the reply;
- dunst: dunst 1.9 under Xvfb (it draws before it replies);
- dunst paused: dunst after `dunstctl set-paused true`, which is how observe mode silences it;
- dunst + notifyzen observe: dunst with `notifyzen run --mode observe` watching the bus (observe
  mode's cost to the sender, goal none measurable: compare with dunst, and with dunst paused to
  see what the monitor alone adds).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import ExitStack, asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.harness.busenv import bus_env, private_bus  # noqa: E402
from tests.harness.dunst import dunstctl, running_dunst, running_xvfb, wait_for_name  # noqa: E402

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
CONTROL = "io.github.notifyzen.Notifyzen"
SATURDAY_NOON = "2026-11-14T12:00:00+01:00"  # outside every focus window: everything delivered

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

SERVICE_ONLY = f"""
import gc, sys, threading
from datetime import datetime
from pathlib import Path
from notifyzen.clock import FakeClock
from notifyzen.service.service import Service

clock = FakeClock(datetime.fromisoformat("{SATURDAY_NOON}"))
service = Service(db_path=Path(sys.argv[2]), clock=clock, mode="server", bus_address=sys.argv[1])
mode = service.start()
gc.collect(); gc.freeze()  # as notifyzen.app.settle_memory does once the app is up
print(f"running in {{mode}} mode", flush=True)
threading.Event().wait()
"""

Target = Callable[[str, Path, ExitStack], None]  # (bus address, scratch dir, cleanup stack)


def _popen(stack: ExitStack, argv: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    stack.callback(_stop, proc)
    return proc


def _stop(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


def _first_line(proc: subprocess.Popen[str], expect: str) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if expect not in line:
        proc.kill()
        raise RuntimeError(f"expected {expect!r} on start, got {line!r}")


def notifyzen_env(address: str, scratch: Path) -> dict[str, str]:
    return bus_env(address, scratch / "home") | {"TZ": "Europe/Amsterdam"}


def notifyzen_argv(mode: str) -> list[str]:
    return [sys.executable, "-m", "notifyzen", "run", "--mode", mode, "--clock", SATURDAY_NOON]


def do_nothing(address: str, scratch: Path, stack: ExitStack) -> None:
    _first_line(_popen(stack, [sys.executable, "-c", DO_NOTHING, address]), "ready")


def bus_thread(address: str, scratch: Path, stack: ExitStack) -> None:
    argv = [sys.executable, "-c", SERVICE_ONLY, address, str(scratch / "h.db")]
    _first_line(_popen(stack, argv, notifyzen_env(address, scratch)), "running in server mode")


def notifyzen_server(address: str, scratch: Path, stack: ExitStack) -> None:
    proc = _popen(stack, notifyzen_argv("server"), notifyzen_env(address, scratch))
    _first_line(proc, "running in server mode")


def dunst(address: str, scratch: Path, stack: ExitStack) -> None:
    display = stack.enter_context(running_xvfb())
    stack.enter_context(running_dunst(address, display))


def dunst_paused(address: str, scratch: Path, stack: ExitStack) -> None:
    """dunst silenced the way observe mode silences it: what the monitor costs on its own."""
    dunst(address, scratch, stack)
    dunstctl(address, "set-paused", "true")


def dunst_observed(address: str, scratch: Path, stack: ExitStack) -> None:
    dunst(address, scratch, stack)
    proc = _popen(stack, notifyzen_argv("observe"), notifyzen_env(address, scratch))
    _first_line(proc, "running in observe mode")


TARGETS: list[tuple[str, Target]] = [
    ("do-nothing dbus-fast server", do_nothing),
    ("notifyzen bus thread, no Qt", bus_thread),
    ("notifyzen server mode", notifyzen_server),
    ("dunst (Xvfb)", dunst),
    ("dunst paused (dunstctl)", dunst_paused),
    ("dunst + notifyzen observing", dunst_observed),
]
FLOOR, SERVER, DUNST, PAUSED, OBSERVED = (TARGETS[i][0] for i in (0, 2, 3, 4, 5))


def notify_message(i: int, app: str = "bench") -> Message:
    hints = {"urgency": Variant("y", 1), "desktop-entry": Variant("s", "org.example.Bench")}
    body = [app, 0, "", f"message {i}", "a body of ordinary length for a chat message", [], hints, 3000]
    return Message(
        destination=NAME, path=PATH, interface=NAME, member="Notify", signature="susssasa{sv}i", body=body
    )


async def timed_notify(bus: MessageBus, i: int, app: str = "bench") -> float:
    t0 = time.perf_counter()
    reply = await asyncio.wait_for(bus.call(notify_message(i, app)), 30)
    elapsed = time.perf_counter() - t0
    if reply.message_type is not MessageType.METHOD_RETURN:
        raise RuntimeError(f"Notify failed: {reply.body}")
    return elapsed


@asynccontextmanager
async def warmed_clients(addresses: dict[str, str], warmup: int) -> AsyncIterator[dict[str, MessageBus]]:
    """One client connection per target, each target warmed up with `warmup` calls.

    The client's own garbage collections would land in whichever target's call is in flight:
    its start-up objects leave the collector's view, and the caller collects between its rounds."""
    buses = {name: await MessageBus(bus_address=a).connect() for name, a in addresses.items()}
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        for i in range(warmup):
            for bus in buses.values():
                await timed_notify(bus, i)
        yield buses
    finally:
        gc.enable()
        for bus in buses.values():
            bus.disconnect()


async def measure(addresses: dict[str, str], n: int, warmup: int, chunk: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in addresses}
    async with warmed_clients(addresses, warmup) as buses:
        sent = 0
        while sent < n:
            k = min(chunk, n - sent)
            for name, bus in buses.items():
                for i in range(sent, sent + k):
                    times[name].append(await timed_notify(bus, warmup + i))
                gc.collect(1)
            sent += k
    return times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(seconds: list[float]) -> dict[str, float]:
    us = [t * 1e6 for t in seconds]
    return {
        "p50_us": percentile(us, 50),
        "p99_us": percentile(us, 99),
        "mean_us": statistics.fmean(us),
        "max_us": max(us),
        "n": len(us),
    }


@contextmanager
def running_targets(targets: list[tuple[str, Target]]) -> Iterator[dict[str, str]]:
    """Every target up on its own private bus; yields name -> bus address."""
    with ExitStack() as stack:
        addresses: dict[str, str] = {}
        for name, start in targets:
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nzbench-")))
            address = stack.enter_context(private_bus())
            start(address, scratch, stack)
            _wait_settled(address, name)
            addresses[name] = address
        yield addresses


def _wait_settled(address: str, name: str, timeout: float = 20.0) -> None:
    """Observe mode answers nothing itself: wait until its control name is on the bus."""
    if "notifyzen" not in name or "observ" not in name:
        return
    wait_for_name(address, CONTROL, timeout)


def run(n: int = 2000, warmup: int = 200, chunk: int = 50) -> dict[str, Any]:
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)  # a bench never touches the real bus
    with running_targets(TARGETS) as addresses:
        times = asyncio.run(measure(addresses, n, warmup, chunk))
    results: dict[str, Any] = {name: summary(t) for name, t in times.items()}
    floor, server, plain, paused, observed = (results[k] for k in (FLOOR, SERVER, DUNST, PAUSED, OBSERVED))
    results["ratios"] = {
        "server_p50_over_floor": server["p50_us"] / floor["p50_us"],
        "dunst_p50_over_server": plain["p50_us"] / server["p50_us"],
        "dunst_p99_over_server": plain["p99_us"] / server["p99_us"],
        "observe_added_p50_us": observed["p50_us"] - plain["p50_us"],
        "observe_added_p99_us": observed["p99_us"] - plain["p99_us"],
        "monitor_added_p50_us": observed["p50_us"] - paused["p50_us"],
        "monitor_added_p99_us": observed["p99_us"] - paused["p99_us"],
    }
    results["load_average"] = os.getloadavg()[0]
    return results


def print_table(results: dict[str, Any]) -> None:
    floor = results[FLOOR]["p50_us"]
    print(f"{'target':<30} {'p50':>9} {'p99':>9} {'max':>9}  p50/floor")
    for name, _ in TARGETS:
        r = results[name]
        print(
            f"{name:<30} {r['p50_us']:>7.0f}µs {r['p99_us']:>7.0f}µs {r['max_us']:>7.0f}µs  "
            f"{r['p50_us'] / floor:>8.2f}×"
        )
    q = results["ratios"]
    print(
        f"server p50 = {q['server_p50_over_floor']:.1f}× the floor (goal ≤ 5×), "
        f"p99 {results[SERVER]['p99_us'] / 1000:.2f} ms (goal ≤ 2 ms); "
        f"dunst is {q['dunst_p50_over_server']:.1f}× slower at p50, {q['dunst_p99_over_server']:.1f}× at p99"
    )
    print(
        f"observe mode changes dunst's round trip by {q['observe_added_p50_us']:+.0f} µs at p50, "
        f"{q['observe_added_p99_us']:+.0f} µs at p99 (it pauses dunst, which then draws nothing); "
        f"against a paused dunst the monitor adds {q['monitor_added_p50_us']:+.0f} µs at p50, "
        f"{q['monitor_added_p99_us']:+.0f} µs at p99; load average {results['load_average']:.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--chunk", type=int, default=50, help="calls per target before switching")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.n, args.warmup, args.chunk)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
