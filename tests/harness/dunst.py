"""A real dunst on a private bus, drawing on its own Xvfb: the reference daemon for observe mode.

Usable from pytest, bench scripts and a shell alike:

    with running_xvfb() as display, running_dunst(bus_address, display) as proc:
        ...  # dunst owns org.freedesktop.Notifications on bus_address

dunst gets `notification_limit = 20` (with Debian's default of 0 it draws every pop-up at once and
slows down past a few hundred) and a long timeout so pop-ups stay while a test looks at them.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from notifyzen.devbus import stop_process

DUNSTRC = """[global]
    notification_limit = 20
    font = DejaVu Sans 9
    width = 300
    origin = top-right
    offset = 10x10
    idle_threshold = 0
    show_indicators = no
    history_length = 200

[urgency_low]
    timeout = 60
[urgency_normal]
    timeout = 60
[urgency_critical]
    timeout = 0
"""


@contextmanager
def running_xvfb(size: str = "1280x800x24") -> Iterator[str]:
    """An Xvfb on a free display number; yields ":N". `-noreset`: an X server resets when its
    last client leaves and drops a client that connects meanwhile, so a probe that comes and goes
    just before the window manager or the app connects made it fail under load (i3 said "Cannot
    open display" in a full run)."""
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", size, "-nolisten", "tcp", "-noreset"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not report a display")
        yield f":{number}"
    finally:
        stop_process(proc)


def name_has_owner(bus_address: str, name: str) -> bool:
    out = subprocess.run(
        [
            "dbus-send",
            f"--bus={bus_address}",
            "--print-reply=literal",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            f"string:{name}",
        ],
        capture_output=True,
        text=True,
        timeout=5,
    )
    return "true" in out.stdout


def wait_for_name(bus_address: str, name: str, timeout: float = 10.0, owned: bool = True) -> None:
    deadline = time.monotonic() + timeout
    while name_has_owner(bus_address, name) != owned:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{name} {'never appeared' if owned else 'never went away'} on the bus")
        time.sleep(0.05)


def dunst_env(bus_address: str, display: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(base if base is not None else os.environ)
    env.update(DBUS_SESSION_BUS_ADDRESS=bus_address, DISPLAY=display)
    env.pop("WAYLAND_DISPLAY", None)
    return env


@contextmanager
def running_dunst(
    bus_address: str, display: str, env: Mapping[str, str] | None = None, extra_config: str = ""
) -> Iterator[subprocess.Popen[bytes]]:
    """dunst owning org.freedesktop.Notifications on `bus_address`; stopped (and waited for) after."""
    with tempfile.TemporaryDirectory(prefix="nzdunst-") as tmp:
        config = Path(tmp) / "dunstrc"
        config.write_text(DUNSTRC + extra_config)
        log = (Path(tmp) / "dunst.log").open("wb")
        proc = subprocess.Popen(
            ["dunst", "-config", str(config)],
            env=dunst_env(bus_address, display, env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            try:
                wait_for_name(bus_address, "org.freedesktop.Notifications")
            except TimeoutError:
                proc.kill()
                raise RuntimeError(f"dunst did not start: {Path(log.name).read_text()[-2000:]}") from None
            yield proc
        finally:
            stop_process(proc)
            log.close()


def dunstctl(bus_address: str, *args: str) -> str:
    """Run the real dunstctl against the private bus; its stdout, stripped."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DBUS_")}
    env["DBUS_SESSION_BUS_ADDRESS"] = bus_address
    out = subprocess.run(["dunstctl", *args], env=env, capture_output=True, text=True, timeout=10, check=True)
    return out.stdout.strip()
