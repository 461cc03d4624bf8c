"""Every benchmark of issue 8 in one run, printed as the table docs/performance.md keeps.

    python3 bench/run_all.py [--quick] [--json results.json]

Runs, in this order: Notify round trip (notifyzen, the bus's floor and dunst in one interleaved
run), observe mode's cost to a sender (bench_observe.py, A/A/B), the 10,000 burst, rule decisions
with 200 rules (bench_decide.py), the weekly report over a year of history (bench_report.py),
startup to tray with idle wakeups and RSS (bench_startup.py).
`--quick` shrinks every run (for checking the scripts, not for figures). Nothing here touches the
session bus: every target gets a private dbus-daemon.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import bench_burst, bench_observe, bench_roundtrip, bench_startup  # noqa: E402

Row = tuple[str, str, str, str, str]  # measure, notifyzen, reference, goal, met


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    dunst = subprocess.run(["dunst", "-v"], capture_output=True, text=True).stdout.strip().splitlines()
    return {
        "cpu": f"{cpu} × {os.cpu_count()}",
        "kernel": platform.release(),
        "python": platform.python_version(),
        "pyside6": metadata.version("PySide6"),
        "dbus-fast": metadata.version("dbus-fast"),
        "dunst": dunst[0] if dunst else "?",
        "dbus-daemon": subprocess.run(
            ["dbus-daemon", "--version"], capture_output=True, text=True
        ).stdout.splitlines()[0],
    }


def script_output(name: str, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / name), *args], capture_output=True, text=True, timeout=1800
    )
    if out.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{out.stderr[-2000:]}")
    return out.stdout


def number(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    if found is None:
        raise RuntimeError(f"{pattern!r} not in:\n{text}")
    return float(found.group(1).replace(",", ""))


def yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def roundtrip_rows(r: dict[str, Any]) -> list[Row]:
    floor, server = r[bench_roundtrip.FLOOR], r[bench_roundtrip.SERVER]
    dunst, observed = r[bench_roundtrip.DUNST], r[bench_roundtrip.OBSERVED]
    q = r["ratios"]

    def ms(x: dict[str, float]) -> str:
        return f"{x['p50_us'] / 1000:.2f} / {x['p99_us'] / 1000:.2f} ms"

    return [
        (
            "Notify round trip p50 / p99, server mode (row committed first)",
            ms(server),
            f"floor {ms(floor)}; dunst {ms(dunst)}",
            "p50 ≤ 5× floor, p99 ≤ 2 ms",
            f"p50 {yes(q['server_p50_over_floor'] <= 5)} ({q['server_p50_over_floor']:.1f}×), "
            f"p99 {yes(server['p99_us'] <= 2000)}",
        ),
        (
            "dunst's round trip ÷ notifyzen's",
            f"{q['dunst_p50_over_server']:.1f}× (p50), {q['dunst_p99_over_server']:.1f}× (p99)",
            "same run",
            "≈ 10×",
            yes(q["dunst_p50_over_server"] >= 10),
        ),
        (
            "Observe mode: sender's round trip with dunst",
            ms(observed),
            f"dunst alone {ms(dunst)}",
            "no added latency",
            yes(q["observe_added_p50_us"] <= 0 and q["observe_added_p99_us"] <= 0),
        ),
    ]


def observe_rows(r: dict[str, Any]) -> list[Row]:
    """A/A/B (bench_observe.py): measurable means larger than two identical daemons differ."""
    rows: list[Row] = []
    for pace, label in (("gap 5 ms", "5 ms apart"), ("gap 0 ms", "back to back")):
        p50, p90 = r[pace]["p50"], r[pace]["p90"]
        noise = max(p50["noise"], p90["noise"])
        rows.append(
            (
                f"Observe mode: added to a sender's round trip, calls {label} (p50 / p90)",
                f"{p50['added']:+.0f} / {p90['added']:+.0f} µs",
                f"two paused dunsts differ by {p50['noise']:.0f} / {p90['noise']:.0f} µs; "
                f"dbus-monitor adds {p50['monitor_added']:+.0f} / {p90['monitor_added']:+.0f} µs",
                "not measurable",
                yes(max(p50["added"], p90["added"]) <= noise),
            )
        )
    return rows


def burst_rows(r: dict[str, Any]) -> list[Row]:
    nz, floor = r["notifyzen"], r["do-nothing"]
    ok = nz["errors"] == 0 and nz["lost"] == 0 and nz["rows"] == nz["sent"]
    return [
        (
            f"Burst: {nz['sent']:,} from 10 clients",
            f"{nz['rate_per_s']:,.0f}/s; errors {nz['errors']}, lost {nz['lost']}, on disk {nz['rows']:,}",
            f"do-nothing server {floor['rate_per_s']:,.0f}/s",
            "0 lost, 0 errors, all on disk",
            yes(ok),
        ),
        (
            "Another app's round trip during a 1,000 flood from one app (p50 / p99)",
            f"{r['flood']['during_p50_us'] / 1000:.2f} / {r['flood']['during_p99_us'] / 1000:.2f} ms",
            f"alone {r['flood']['quiet_p50_us'] / 1000:.2f} / {r['flood']['quiet_p99_us'] / 1000:.2f} ms",
            "p50 ≤ 5× alone (the CPU is shared)",
            yes(r["flood"]["during_p50_us"] <= 5 * r["flood"]["quiet_p50_us"]),
        ),
    ]


def decide_rows(text: str) -> list[Row]:
    per = number(r"decide: ([\d.]+) µs", text)  # the script's wording changes; its first figure stays
    take = number(r"advance\+take: ([\d.]+) µs", text)
    return [
        (
            "Rule decision, 200 rules (bench_decide.py, CPU per decision)",
            f"{per:.1f} µs",
            f"Timeline advance+take {take:.1f} µs",
            "≤ 50 µs",
            yes(per <= 50),
        ),
    ]


def report_rows(text: str) -> list[Row]:
    median = number(r"median (\d+) ms, max", text)
    cpu = number(r"CPU time per report: median (\d+) ms", text)
    rows = number(r"history: ([\d,]+) notifications", text)
    return [
        (
            f"Weekly report over a year ({rows:,.0f} rows, bench_report.py)",
            f"{median:.0f} ms (CPU {cpu:.0f} ms)",
            "",
            "< 300 ms",
            yes(median < 300),
        ),
    ]


def startup_rows(r: dict[str, Any]) -> list[Row]:
    nz, bare = r["notifyzen"], r["bare PySide6 tray"]
    return [
        (
            "Startup: exec to tray icon + control name (median)",
            f"{nz['startup_median_s'] * 1000:.0f} ms",
            f"bare PySide6 tray {bare['startup_median_s'] * 1000:.0f} ms",
            "",
            "",
        ),
        (
            f"Idle wakeups (context switches/min over {r['idle_seconds']:.0f} s)",
            f"{nz['wakeups_per_min']:.0f}",
            f"bare PySide6 tray {bare['wakeups_per_min']:.0f}",
            "≈ bare tray",
            yes(nz["wakeups_per_min"] <= bare["wakeups_per_min"] + 5),
        ),
        (
            "RSS after idling",
            f"{nz['rss_mib']:.0f} MiB",
            f"bare PySide6 tray {bare['rss_mib']:.0f} MiB",
            "",
            "",
        ),
    ]


def table(rows: list[Row]) -> str:
    lines = ["| measure | notifyzen | reference (same run) | goal | met |", "|---|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small runs, to check the scripts work")
    parser.add_argument("--json", type=Path, help="also write every raw figure here")
    args = parser.parse_args()
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
    quick = args.quick
    started = time.monotonic()
    raw: dict[str, Any] = {"machine": machine(), "load_before": os.getloadavg()[0]}
    rows: list[Row] = []
    steps: list[tuple[str, Callable[[], Any], Callable[[Any], list[Row]]]] = [
        (
            "roundtrip",
            lambda: bench_roundtrip.run(500 if quick else 2000, 50 if quick else 200),
            roundtrip_rows,
        ),
        (
            "observe",
            lambda: bench_observe.run(300 if quick else 2000, 50 if quick else 200, [5, 0]),
            observe_rows,
        ),
        ("burst", lambda: bench_burst.run(10, 200 if quick else 1000), burst_rows),
        ("decide", lambda: script_output("bench_decide.py"), decide_rows),
        (
            "report",
            lambda: script_output("bench_report.py", *(["--weeks", "8", "--runs", "3"] if quick else [])),
            report_rows,
        ),
        ("startup", lambda: bench_startup.run(2 if quick else 5, 10 if quick else 60), startup_rows),
    ]
    for name, measure, to_rows in steps:
        print(f"… {name}", file=sys.stderr, flush=True)
        raw[name] = measure()
        rows += to_rows(raw[name])
    raw["load_after"] = os.getloadavg()[0]
    print(table(rows))
    m = raw["machine"]
    print(
        f"\n{m['cpu']}; Linux {m['kernel']}; Python {m['python']}, PySide6 {m['pyside6']}, "
        f"dbus-fast {m['dbus-fast']}; {m['dunst']}; {m['dbus-daemon']}. Load average "
        f"{raw['load_before']:.1f} before, {raw['load_after']:.1f} after; "
        f"{time.monotonic() - started:.0f} s in all."
    )
    if args.json:
        args.json.write_text(json.dumps(raw, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
