"""A private session bus for tests: nothing here ever touches the user's real session bus.

The config has no <servicedir>, so nothing is activated behind a test's back (an installed dunst
or kdeconnectd would otherwise start when its name is called).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
</busconfig>
"""


@contextmanager
def private_bus(workdir: Path | None = None) -> Iterator[str]:
    """Start a dbus-daemon on a socket in a temporary directory; yield its address."""
    with tempfile.TemporaryDirectory(prefix="nzbus-", dir=workdir) as tmp:
        socket = Path(tmp) / "bus"
        config = Path(tmp) / "bus.conf"
        config.write_text(BUS_CONFIG.format(socket=socket))
        proc = subprocess.Popen(
            ["dbus-daemon", "--nofork", "--print-address", f"--config-file={config}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        address = proc.stdout.readline().strip()
        try:
            yield address
        finally:
            proc.terminate()
            proc.wait(timeout=5)


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
