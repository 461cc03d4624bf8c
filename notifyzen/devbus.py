"""A private session bus: a dbus-daemon of our own, so a demo or a test never touches the real one.

`notifyzen demo` and the tests both run notifyzen and its clients on such a bus. The config lets
everyone talk to everyone (monitoring/eavesdropping included, which observe mode needs) and has
no <servicedir>, so nothing is activated behind our back: an installed dunst or kdeconnectd would
otherwise start the moment its name is called. A client may have 50,000 calls in flight, as on a
real session bus (session.conf; dbus-daemon's own default is 128).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
    <allow user="*"/>
  </policy>
  <limit name="max_message_size">134217728</limit>
  <limit name="max_incoming_bytes">268435456</limit>
  <limit name="max_outgoing_bytes">268435456</limit>
  <limit name="max_replies_per_connection">50000</limit>
</busconfig>
"""


class BusUnavailable(RuntimeError):
    """dbus-daemon is missing or did not start."""


@contextmanager
def private_bus(workdir: Path | None = None, *, quiet: bool = False) -> Iterator[str]:
    """Start a dbus-daemon on a socket in a temporary directory; yield its address.

    The daemon is stopped (and its directory removed) however the block ends, Ctrl-C included.
    It runs in a session of its own, so a Ctrl-C in the terminal reaches only our process, which
    then stops its children in order. `quiet` drops the daemon's own warnings (as root it says it
    cannot raise its fd limit), which mean nothing to someone watching the demo.
    """
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        raise BusUnavailable("dbus-daemon is not installed (Debian/Ubuntu: apt install dbus)")
    with tempfile.TemporaryDirectory(prefix="nzbus-", dir=workdir) as tmp:
        socket = Path(tmp) / "bus"
        config = Path(tmp) / "bus.conf"
        config.write_text(BUS_CONFIG.format(socket=socket))
        proc = subprocess.Popen(
            [daemon, "--nofork", "--print-address", f"--config-file={config}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL if quiet else None,
            text=True,
            start_new_session=True,
        )
        try:
            assert proc.stdout is not None
            address = proc.stdout.readline().strip()
            if not address:
                raise BusUnavailable(f"dbus-daemon exited with status {proc.wait(timeout=5)}")
            yield address
        finally:
            stop_process(proc)


def stop_process(proc: subprocess.Popen[Any], timeout: float = 5) -> None:
    """SIGTERM, then SIGKILL if it has not gone within `timeout`; reaped, its pipes closed.

    One way to end a child for the bus daemons here and the desktops the tests bring up: a
    process that ignores SIGTERM must not outlive the session that started it."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()


def bus_env(address: str, home: Path) -> dict[str, str]:
    """An environment for a child process: the private bus, throwaway XDG dirs, no display."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "XDG_", "DISPLAY", "WAYLAND"))}
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(
        DBUS_SESSION_BUS_ADDRESS=address,
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(runtime),
        QT_QPA_PLATFORM="offscreen",
    )
    return env
