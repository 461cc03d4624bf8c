"""The processes the demo starts and always stops again: notifyzen itself on the demo's bus, and the
report. Each runs in a session of its own, so a Ctrl-C reaches only the demo, which then stops them
in order."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time as wallclock
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from notifyzen.demo.clients import CONTROL, Bus
from notifyzen.demo.day import DemoError

REPORT_NAME = "notifyzen-demo-report.html"
START_TIMEOUT = 60.0  # a loaded 2-core machine takes a while to import Qt


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def demo_env(address: str, directory: Path, display: bool) -> dict[str, str]:
    """The private bus, throwaway XDG dirs, the demo's own history file, the screen if there is one.

    The user's locale passes through, so notifyzen and its report speak the language the demo does."""
    from notifyzen.devbus import bus_env

    env = bus_env(address, directory / "home")
    env["NOTIFYZEN_DB"] = str(directory / "notifyzen.db")  # never the user's, even if they set one
    # No system bus either: a suspend of the real machine is not part of the demo's day.
    env["DBUS_SYSTEM_BUS_ADDRESS"] = f"unix:path={directory / 'no-system-bus'}"
    package_root = str(Path(__file__).resolve().parents[2])  # the directory holding notifyzen/
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
    if display:
        env.pop("QT_QPA_PLATFORM", None)
        if os.environ.get("QT_QPA_PLATFORM"):
            env["QT_QPA_PLATFORM"] = os.environ["QT_QPA_PLATFORM"]
        if os.environ.get("DISPLAY"):
            env["DISPLAY"] = os.environ["DISPLAY"]
            xauth = os.environ.get("XAUTHORITY") or str(Path.home() / ".Xauthority")
            if Path(xauth).exists():
                env["XAUTHORITY"] = xauth  # HOME is a throwaway one: X needs the real cookie
        wayland = os.environ.get("WAYLAND_DISPLAY")
        if wayland:
            runtime = os.environ.get("XDG_RUNTIME_DIR", "")
            env["WAYLAND_DISPLAY"] = wayland if os.path.isabs(wayland) else os.path.join(runtime, wayland)
    return env


@contextmanager
def interrupt_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP end the demo like Ctrl-C does, so its clean-up always runs."""

    def interrupt(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = {s: signal.signal(s, interrupt) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def start_app(env: dict[str, str], clock: datetime, log: Path) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "notifyzen", "run", "--mode", "server", "--clock", clock.isoformat()]
    with open(log, "ab") as fh:
        return subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=fh, stderr=fh, start_new_session=True
        )


def stop(proc: subprocess.Popen[bytes] | None, timeout: float = 10.0) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def tail(path: Path, lines: int = 8) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


async def wait_until_up(bus: Bus, app: subprocess.Popen[bytes], log: Path) -> dict[str, Any]:
    deadline = wallclock.monotonic() + START_TIMEOUT
    while True:
        if app.poll() is not None:
            raise DemoError(f"notifyzen exited with status {app.returncode} while starting:\n{tail(log)}")
        try:
            status = await bus.call(CONTROL, "Status")
            if isinstance(status, dict):
                return status
        except DemoError:
            pass
        if wallclock.monotonic() > deadline:
            raise DemoError(f"notifyzen did not answer within {START_TIMEOUT:.0f} s:\n{tail(log)}")
        await asyncio.sleep(0.1)


def render_report(env: dict[str, str], week: str, out: Path, log: Path) -> Path:
    argv = [sys.executable, "-m", "notifyzen", "report", "--week", week, "--out", str(out)]
    with open(log, "ab") as fh:
        done = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=fh, stderr=fh, timeout=180)
    if done.returncode != 0 or not out.exists():
        raise DemoError(f"the report could not be written (status {done.returncode}):\n{tail(log)}")
    return out


def open_report(env: dict[str, str], week: str, log: Path) -> subprocess.Popen[bytes]:
    argv = [sys.executable, "-m", "notifyzen", "report", "--week", week]
    with open(log, "ab") as fh:
        return subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=fh, stderr=fh, start_new_session=True
        )
