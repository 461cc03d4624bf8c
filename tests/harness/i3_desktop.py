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


@contextmanager
def i3_desktop(session_env: Mapping[str, str], tmp_path: Path) -> Iterator[dict[str, str]]:
    """Xvfb (1280x800) with i3 and i3bar; yields the environment for clients (xcb, I3SOCK)."""
    config = tmp_path / "i3.conf"
    config.write_text("# i3 config file (v4)\nfont pango:DejaVu Sans 10\nbar {\n  position top\n}\n")
    procs: list[subprocess.Popen[bytes]] = []
    read, write = os.pipe()
    try:
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
            pass_fds=(write,),
        )
        procs.append(xvfb)
        os.close(write)
        write = -1
        with os.fdopen(read) as pipe:
            read = -1
            display = pipe.readline().strip()
        env = {**session_env, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
        procs.append(subprocess.Popen(["i3", "-c", str(config)], env=env, stdout=subprocess.DEVNULL))
        wait_for(lambda: out(env, "i3", "--get-socketpath").strip(), "i3's socket")
        env["I3SOCK"] = out(env, "i3", "--get-socketpath").strip()
        wait_for(lambda: '"focused":true' in out(env, "i3-msg", "-t", "get_workspaces"), "a workspace")
        yield env
    finally:
        for fd in (read, write):
            if fd >= 0:
                os.close(fd)
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=10)
