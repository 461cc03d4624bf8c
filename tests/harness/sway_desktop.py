"""A real sway for tests: headless, software-rendered, its own throwaway runtime directory.

sway refuses to run as root ("Unable to drop root"), and CI runs as root on a fresh machine. So
only sway (with swaybar and the Xwayland it starts) runs as an unprivileged uid: `nobody`, which
every Debian has, so no user has to be created and no Python has to be readable by it. Everything
else (notifyzen, the editor standing in for the user's window, notify-send, grim, wtype) runs as
the test's own uid and reaches sway through its sockets: root may open any socket, Wayland and
sway's IPC do not look at the peer's uid, and wlroots starts Xwayland without an auth file, so
local clients of any uid may connect. Run as an ordinary user, sway simply runs as that user.

The runtime directory is made under /tmp (not pytest's tmp_path: that is 0700 root, and
`nobody` could not reach its own config there) and removed afterwards.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TOOLS = (
    "sway",
    "swaymsg",
    "Xwayland",
    "xhost",
    "grim",
    "wtype",
    "setpriv",
    "notify-send",
    "xwininfo",
    "xprop",
)

CONFIG = """\
output HEADLESS-1 resolution 1280x800 bg #334455 solid_color
xwayland enable
bar {{
  position top
  status_command while echo {status}; do sleep 60; done
}}
"""


def missing_tools() -> list[str]:
    """What of sway's set-up is not installed here (the test skips with these names)."""
    return [t for t in TOOLS if shutil.which(t) is None]


def wait_for(check: Callable[[], object], what: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.1)


@dataclass
class Sway:
    """A running sway: `env` reaches it (Wayland, Xwayland, IPC) on top of the test's own bus."""

    env: dict[str, str]
    runtime: Path

    def msg(self, *args: str) -> Any:
        """swaymsg's answer as JSON (a command's answer is a list of {"success": ...})."""
        done = subprocess.run(
            ["swaymsg", "-r", *args], env=self.env, capture_output=True, text=True, timeout=10
        )
        return json.loads(done.stdout or "null")

    def leaves(self) -> list[dict[str, Any]]:
        """Every window in sway's tree, with its workspace's name and whether it floats."""
        found: list[dict[str, Any]] = []

        def walk(node: dict[str, Any], workspace: str | None, floating: bool) -> None:
            if node.get("type") == "workspace":
                workspace = node.get("name")
            if node.get("pid"):
                found.append({**node, "workspace": workspace, "floating": floating})
            for child in node.get("nodes", []):
                walk(child, workspace, floating)
            for child in node.get("floating_nodes", []):
                walk(child, workspace, True)

        walk(self.msg("-t", "get_tree"), None, False)
        return found

    def focused_workspace(self) -> dict[str, Any]:
        return next(w for w in self.msg("-t", "get_workspaces") if w["focused"])

    def screenshot(self, path: Path) -> Path:
        subprocess.run(["grim", str(path)], env=self.env, check=True, capture_output=True, timeout=20)
        return path


def x_windows(env: Mapping[str, str], name: str) -> list[tuple[int, int, int, int, str]]:
    """Mapped X windows (on Xwayland here) named `name`: x, y, width, height, window type; top first."""

    def out(*cmd: str) -> str:
        return subprocess.run(cmd, env=dict(env), capture_output=True, text=True, timeout=10).stdout

    found = []
    for line in out("xwininfo", "-root", "-children").splitlines():
        if f'"{name}"' not in line:
            continue
        wid = line.split()[0]
        info = out("xwininfo", "-id", wid)
        if "IsViewable" not in info:
            continue
        value = {k.strip(): v.strip() for k, _, v in (li.partition(":") for li in info.splitlines())}
        kind = out("xprop", "-id", wid, "_NET_WM_WINDOW_TYPE").split("=")[-1].strip()
        found.append(
            (
                int(value["Absolute upper-left X"]),
                int(value["Absolute upper-left Y"]),
                int(value["Width"]),
                int(value["Height"]),
                kind,
            )
        )
    return sorted(found, key=lambda p: p[1])


def _tail(path: Path) -> str:
    return path.read_text(errors="replace")[-2000:] if path.exists() else ""


def _as_user() -> tuple[list[str], int, int]:
    """The command prefix that runs sway unprivileged, and that uid and gid."""
    if os.geteuid() != 0:
        return [], os.getuid(), os.getgid()
    nobody = pwd.getpwnam("nobody")
    ids = [f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
    return ["setpriv", *ids], nobody.pw_uid, nobody.pw_gid


@contextmanager
def sway_desktop(
    session_env: Mapping[str, str], status: str = "notifyzen-test", *, told_no_tray: bool = True
) -> Iterator[Sway]:
    """Start sway (well under a second), yield it, and stop it with everything it started.

    swaybar here hosts no tray (it cannot reach the test's bus), so notifyzen would send its
    one-time "no tray" notice some seconds after start, into the middle of a test about
    something else; `told_no_tray` marks it as already given (tests/ui/test_sway_no_tray.py
    passes False)."""
    if told_no_tray and session_env.get("XDG_STATE_HOME"):
        marker = Path(session_env["XDG_STATE_HOME"]) / "notifyzen" / "no-tray-noticed"
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text("given before this test\n")
    prefix, uid, gid = _as_user()
    runtime = Path(tempfile.mkdtemp(prefix="nzsway-"))
    proc: subprocess.Popen[bytes] | None = None
    try:
        for sub in ("home", "config", "data", "cache"):
            (runtime / sub).mkdir()
        config = runtime / "sway.conf"
        config.write_text(CONFIG.format(status=status))
        for path in [runtime, *runtime.iterdir()]:
            os.chown(path, uid, gid)
        runtime.chmod(0o700)
        sway_env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": str(runtime / "home"),
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_CONFIG_HOME": str(runtime / "config"),
            "XDG_DATA_HOME": str(runtime / "data"),
            "XDG_CACHE_HOME": str(runtime / "cache"),
            "WLR_BACKENDS": "headless",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "WLR_RENDERER": "pixman",
            "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/sway-has-no-bus-in-tests",
        }
        log = open(runtime / "sway.log", "wb")  # noqa: SIM115  # closed with sway below
        proc = subprocess.Popen(
            [*prefix, "sway", "-c", str(config)],
            env=sway_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

        def socket() -> Path | None:
            found = sorted(runtime.glob("sway-ipc.*.sock"))
            return found[0] if found and (runtime / "wayland-1").exists() else None

        wait_for(lambda: socket() or proc.poll() is not None, "sway's sockets")
        sock = socket()
        if sock is None:
            raise RuntimeError(f"sway did not start: {_tail(runtime / 'sway.log')}")
        env = {k: v for k, v in session_env.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
        env.update(
            WAYLAND_DISPLAY=str(runtime / "wayland-1"),
            SWAYSOCK=str(sock),
            XDG_CURRENT_DESKTOP="sway",
            XDG_SESSION_TYPE="wayland",
        )
        sway = Sway(env, runtime)
        # Xwayland lets in only its own uid (local user scope); a client sway starts (as that
        # uid) lets ours in too, which starts Xwayland, whose display only sway then knows.
        display_file = runtime / "display"
        me = pwd.getpwuid(os.geteuid()).pw_name
        sway.msg(
            "exec", f"xhost +si:localuser:{me} >{runtime}/xhost.log 2>&1 && echo $DISPLAY > {display_file}"
        )
        try:
            wait_for(lambda: display_file.exists() and display_file.read_text().strip(), "Xwayland's display")
        except TimeoutError as exc:
            raise RuntimeError(
                f"no Xwayland: {_tail(runtime / 'xhost.log')}{_tail(runtime / 'sway.log')}"
            ) from exc
        env["DISPLAY"] = display_file.read_text().strip()
        wait_for(lambda: sway.focused_workspace(), "a workspace")
        yield sway
    finally:
        if proc is not None:
            os.killpg(proc.pid, 15)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait()
        shutil.rmtree(runtime, ignore_errors=True)
