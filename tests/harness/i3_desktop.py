"""A real i3 on Xvfb for tests: its own display (Xvfb picks a free one), i3bar at the top.

Used by tests/ui/test_i3_popups.py and tests/ui/test_i3_windows.py: what a user of a tiling window
manager sees of notifyzen's pop-ups and windows.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TOOLS = ("Xvfb", "i3", "i3-msg", "xdotool", "xprop", "xwininfo", "notify-send")


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


def wait_for(check: Callable[[], object], what: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def out(env: Mapping[str, str], *cmd: str) -> str:
    return subprocess.run(cmd, env=dict(env), capture_output=True, text=True, timeout=10).stdout


def tree_windows(env: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every client window in i3's tree, with "floating" true for a floating one."""
    found: list[dict[str, Any]] = []

    def walk(node: dict[str, Any], floating: bool) -> None:
        if node.get("window"):
            found.append({**node, "floating": floating})
        for child in node.get("nodes", []):
            walk(child, floating)
        for child in node.get("floating_nodes", []):
            walk(child, True)

    walk(json.loads(out(env, "i3-msg", "-t", "get_tree") or "{}"), False)
    return found


def _i3_socket(env: Mapping[str, str], i3: subprocess.Popen[bytes], log: Path) -> str:
    """i3's IPC socket once i3 listens on it: i3 sets I3_SOCKET_PATH on the root window after it
    has bound the socket, so the property naming an existing socket means i3 is up. An i3 that
    exits (it cannot open the display, a bad config) fails at once, with what it said."""
    if i3.poll() is not None:
        raise RuntimeError(f"i3 exited ({i3.returncode}): {log.read_text(errors='replace')[-2000:]}")
    prop = out(env, "xprop", "-root", "-notype", "I3_SOCKET_PATH")  # I3_SOCKET_PATH = "/run/..."
    path = prop.partition("=")[2].strip().strip('"')
    return path if path and Path(path).exists() else ""


@contextmanager
def i3_desktop(session_env: Mapping[str, str], tmp_path: Path) -> Iterator[dict[str, str]]:
    """Xvfb (1280x800) with i3 and i3bar; yields the environment for clients (xcb, I3SOCK).

    Each step waits for what the next one needs, not for a time: i3's socket named on the root
    window, i3 answering on it, a focused workspace. The deadlines (60 s) only catch a hang; on a
    quiet machine it is up in 0.2 s, and an i3 that exits fails at once with what it said.
    """
    config = tmp_path / "i3.conf"
    config.write_text("# i3 config file (v4)\nfont pango:DejaVu Sans 10\nbar {\n  position top\n}\n")
    log = tmp_path / "i3.log"
    procs: list[subprocess.Popen[bytes]] = []
    read, write = os.pipe()
    try:
        xvfb = subprocess.Popen(
            # -noreset: an X server resets when its last client leaves, and drops a client that
            # connects meanwhile. A probe (xprop, `i3 --get-socketpath`) leaving before i3 had
            # connected made i3 fail with "Cannot open display" (3 start-ups in 20 under load).
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,),
        )
        procs.append(xvfb)
        os.close(write)
        write = -1
        with os.fdopen(read) as pipe:
            read = -1
            display = pipe.readline().strip()
        if not display:
            raise RuntimeError(f"Xvfb reported no display (exit code {xvfb.wait(timeout=10)})")
        env = {**session_env, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
        with log.open("wb") as sink:
            i3 = subprocess.Popen(["i3", "-c", str(config)], env=env, stdout=sink, stderr=subprocess.STDOUT)
        procs.append(i3)
        socket = ""

        def named() -> str:
            nonlocal socket
            socket = _i3_socket(env, i3, log)
            return socket

        wait_for(named, "i3 to name its socket on the root window", timeout=60)
        env["I3SOCK"] = socket
        wait_for(lambda: '"human_readable"' in out(env, "i3-msg", "-t", "get_version"), "i3 to answer", 60)
        wait_for(lambda: '"focused":true' in out(env, "i3-msg", "-t", "get_workspaces"), "a workspace", 60)
        yield env
    finally:
        for fd in (read, write):
            if fd >= 0:
                os.close(fd)
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=10)
