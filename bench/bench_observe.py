"""Observe mode's cost to the sender, measured A/A/B: is it larger than two identical daemons differ?

    python3 bench/bench_observe.py [--n 2000] [--warmup 200] [--gap-ms 0 5] [--json]

Three targets, each dunst 1.9 under Xvfb on its own private dbus-daemon, all up at once and
called in turn (one call to each, then the next round), so a busy neighbour slows them alike:

- A, B: dunst paused with `dunstctl set-paused true` (how observe mode silences dunst), nothing
  watching. A against B is the noise of the measurement: two identical targets.
- dbus-monitor: a paused dunst watched by `dbus-monitor --monitor` (C, output to /dev/null):
  what the bus itself costs a sender for any monitor, the floor observe mode can reach.
- observed: dunst with `notifyzen run --mode observe`, which watches the bus and pauses dunst.

"added" is a target minus the mean of A and B; it is measurable when larger than |A - B|.

Two paces, because they answer different questions:
- `--gap-ms 0`, back to back: the next call follows the reply at once, so notifyzen's work on
  call N (decide, commit, maybe a pop-up) runs during call N+1: the cost under a flood.
- `--gap-ms 5`: a pause after each round, as between real notifications; notifyzen's work is
  done before the next call, so what is left is what a single sender waits for (the bus copying
  the call and the reply to a monitor).
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
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench_roundtrip import (
    NAME,
    Target,
    _stop,
    dunst_observed,
    dunst_paused,
    percentile,
    running_targets,
    timed_notify,
    warmed_clients,
)

A, B, MONITOR, OBSERVED = (
    "dunst paused A",
    "dunst paused B",
    "dunst paused + dbus-monitor",
    "dunst + notifyzen observing",
)


def dunst_monitored(address: str, scratch: Path, stack: ExitStack) -> None:
    dunst_paused(address, scratch, stack)
    rules = ["type='method_call',member='Notify'", f"type='method_return',sender='{NAME}'"]
    argv = ["dbus-monitor", "--address", address, "--monitor", *rules]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    stack.callback(_stop, proc)
    time.sleep(0.5)  # until it has become a monitor


TARGETS: list[tuple[str, Target]] = [
    (A, dunst_paused),
    (B, dunst_paused),
    (MONITOR, dunst_monitored),
    (OBSERVED, dunst_observed),
]


async def measure(addresses: dict[str, str], n: int, warmup: int, gap: float) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in addresses}
    async with warmed_clients(addresses, warmup) as buses:
        names = list(buses)
        for i in range(n):
            k = i % len(names)  # the order rotates so no target always follows the same neighbour
            for name in names[k:] + names[:k]:
                times[name].append(await timed_notify(buses[name], warmup + i))
                if gap:
                    time.sleep(gap)  # blocking on purpose: the client's loop does nothing meanwhile
            if i % 100 == 99:
                gc.collect(1)
    return times


def compare(times: dict[str, list[float]]) -> dict[str, Any]:
    def us(name: str, p: float) -> float:
        return percentile([t * 1e6 for t in times[name]], p)

    out: dict[str, Any] = {}
    for p in (50, 90, 99):
        a, b, m, o = us(A, p), us(B, p), us(MONITOR, p), us(OBSERVED, p)
        out[f"p{p}"] = {
            "A": a,
            "B": b,
            "dbus-monitor": m,
            "observed": o,
            "noise": abs(a - b),
            "monitor_added": m - (a + b) / 2,
            "added": o - (a + b) / 2,
        }
    out["mean_us"] = {name: statistics.fmean(t) * 1e6 for name, t in times.items()}
    return out


def run(n: int, warmup: int, gaps_ms: list[float]) -> dict[str, Any]:
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)  # a bench never touches the real bus
    results: dict[str, Any] = {"n": n, "load_before": os.getloadavg()[0]}
    with running_targets(TARGETS) as addresses:
        for gap in gaps_ms:
            times = asyncio.run(measure(addresses, n, warmup, gap / 1000))
            results[f"gap {gap:g} ms"] = compare(times)
    results["load_after"] = os.getloadavg()[0]
    return results


def print_table(results: dict[str, Any]) -> None:
    print(
        f"{'pace':<12} {'pct':>4} {'paused A':>9} {'paused B':>9} {'|A-B|':>7} "
        f"{'+dbus-monitor':>14} {'+notifyzen':>14}"
    )
    for key, value in results.items():
        if not key.startswith("gap"):
            continue
        for p in ("p50", "p90", "p99"):
            r = value[p]
            print(
                f"{key:<12} {p:>4} {r['A']:>7.0f}µs {r['B']:>7.0f}µs {r['noise']:>5.0f}µs "
                f"{r['dbus-monitor']:>6.0f} ({r['monitor_added']:>+4.0f}) "
                f"{r['observed']:>6.0f} ({r['added']:>+4.0f})"
            )
    print(
        f"{results['n']} calls per target; "
        f"load average {results['load_before']:.1f} → {results['load_after']:.1f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--gap-ms", type=float, nargs="+", default=[0, 5])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.n, args.warmup, args.gap_ms)
    print(json.dumps(results, indent=2) if args.json else "", end="")
    if not args.json:
        print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
