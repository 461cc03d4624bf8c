"""Startup to tray, idle wakeups and memory: notifyzen against a bare PySide6 tray app.

    python3 bench/bench_startup.py [--runs 5] [--idle 60] [--json]

Each app runs on its own Xvfb with Debian's `trayer` as the system tray (an XEmbed host) and a
private session bus. "Startup" is the wall time from exec until the tray icon is embedded in
trayer's window and (notifyzen only) the control name io.github.notifyzen.Notifyzen answers on the
bus, whichever comes last. "Idle" then leaves the app alone for `idle` seconds and counts context
switches of all its threads (/proc/PID/task/*/status: voluntary + involuntary), which is what a
wakeup costs a laptop; RSS is VmRSS at the end of the idle period.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.harness.busenv import bus_env, private_bus  # noqa: E402
from tests.harness.dunst import name_has_owner, running_xvfb  # noqa: E402

CONTROL = "io.github.notifyzen.Notifyzen"

BARE_TRAY = """
import sys
from PySide6.QtGui import QIcon, QPixmap, QColor
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
app = QApplication(sys.argv[:1])
app.setQuitOnLastWindowClosed(False)
pixmap = QPixmap(22, 22)
pixmap.fill(QColor("steelblue"))
tray = QSystemTrayIcon(QIcon(pixmap))
tray.show()
sys.exit(app.exec())
"""


@contextmanager
def tray_desktop() -> Iterator[tuple[str, str]]:
    """Xvfb + trayer + private bus; yields (display, bus address)."""
    with ExitStack() as stack:
        display = stack.enter_context(running_xvfb())
        address = stack.enter_context(private_bus())
        env = {**os.environ, "DISPLAY": display}
        for attempt in range(3):  # trayer now and then dies at start on a loaded machine: again
            trayer = subprocess.Popen(
                ["trayer", "--edge", "top", "--width", "10", "--height", "24", "--SetDockType", "true"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            stack.callback(_stop, trayer)
            try:
                _wait(lambda: _trayer_window(display) is not None, 15, "trayer's window")
                break
            except TimeoutError:
                if attempt == 2:
                    raise
                trayer.kill()
        yield display, address


def _stop(proc: subprocess.Popen[Any]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


def _wait(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.005)


def _trayer_window(display: str) -> str | None:
    out = subprocess.run(
        ["xdotool", "search", "--name", "^panel$"],  # trayer's panel: icons are embedded here
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=5,
    )
    ids = out.stdout.split()
    return ids[0] if ids else None


def icons_in_tray(display: str, window: str) -> int:
    """Windows trayer has embedded (each tray icon is one XEmbed child)."""
    out = subprocess.run(
        ["xwininfo", "-children", "-id", window],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=5,
    )
    for line in out.stdout.splitlines():
        words = line.split()
        if len(words) >= 2 and words[1] in ("child:", "children:"):
            return int(words[0])
    return 0


def app_env(display: str, address: str, home: Path) -> dict[str, str]:
    env = bus_env(address, home) | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "TZ": "Europe/Amsterdam"}
    return env


def argv(app: str) -> list[str]:
    if app == "notifyzen":
        return [sys.executable, "-m", "notifyzen", "run", "--mode", "server"]
    return [sys.executable, "-c", BARE_TRAY]


def start_and_time(app: str, display: str, address: str, home: Path) -> tuple[subprocess.Popen[bytes], float]:
    tray = _trayer_window(display)
    assert tray is not None
    before = icons_in_tray(display, tray)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        argv(app),
        env=app_env(display, address, home),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    need_name = app == "notifyzen"

    def ready() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"{app} exited with {proc.returncode} during startup")
        return icons_in_tray(display, tray) > before and (not need_name or name_has_owner(address, CONTROL))

    _wait(ready, 30, f"{app}'s tray icon")
    return proc, time.perf_counter() - t0


def switches(pid: int) -> int:
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            for line in (task / "status").read_text().splitlines():
                if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                    total += int(line.split()[1])
        except OSError:
            continue  # a thread that ended meanwhile
    return total


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(app: str, runs: int, idle: float) -> dict[str, Any]:
    """The first start (a new user: no history yet) is timed on its own; the runs after it start
    on the history it made, as every later login does."""
    times: list[float] = []
    result: dict[str, Any] = {}
    with ExitStack() as home_stack:
        home = Path(home_stack.enter_context(tempfile.TemporaryDirectory(prefix="nzstart-")))
        with tray_desktop() as (display, address):
            proc, result["first_start_s"] = start_and_time(app, display, address, home)
            _stop(proc)
        _measure_runs(app, runs, idle, home, times, result)
    result["startup_median_s"] = statistics.median(times)
    result["startup_min_s"] = min(times)
    result["runs"] = runs
    return result


def _measure_runs(
    app: str, runs: int, idle: float, home: Path, times: list[float], result: dict[str, Any]
) -> None:
    for run in range(runs):
        with tray_desktop() as (display, address):
            proc, seconds = start_and_time(app, display, address, home)
            try:
                times.append(seconds)
                if run == runs - 1 and idle > 0:
                    time.sleep(3)  # let start-up work finish before counting
                    before = switches(proc.pid)
                    time.sleep(idle)
                    woke = switches(proc.pid) - before
                    result["wakeups_per_min"] = woke * 60 / idle
                    result["rss_mib"] = rss_mib(proc.pid)
                    result["threads"] = len(list(Path(f"/proc/{proc.pid}/task").iterdir()))
            finally:
                _stop(proc)


def run(runs: int = 5, idle: float = 60.0) -> dict[str, Any]:
    os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)  # a bench never touches the real bus
    out: dict[str, Any] = {app: measure(app, runs, idle) for app in ("bare PySide6 tray", "notifyzen")}
    out["idle_seconds"] = idle
    out["load_average"] = os.getloadavg()[0]
    return out


def print_table(r: dict[str, Any]) -> None:
    print(
        f"{'app':<20} {'first start':>12} {'startup (median)':>17} {'min':>7} {'wakeups/min idle':>17} "
        f"{'RSS':>9} {'threads':>8}"
    )
    for app in ("bare PySide6 tray", "notifyzen"):
        x = r[app]
        print(
            f"{app:<20} {x['first_start_s'] * 1000:>10.0f}ms "
            f"{x['startup_median_s'] * 1000:>15.0f}ms {x['startup_min_s'] * 1000:>5.0f}ms "
            f"{x.get('wakeups_per_min', float('nan')):>17.0f} {x.get('rss_mib', float('nan')):>6.1f}MiB "
            f"{x.get('threads', 0):>8}"
        )
    print(f"idle period {r['idle_seconds']:.0f} s; load average {r['load_average']:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle to count wakeups over")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.runs, args.idle)
    print(json.dumps(results, indent=2)) if args.json else print_table(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
