"""Pop-ups on a tiling window manager, as its user meets them: real i3 on Xvfb, a real client
window with the keyboard, notifyzen as the notification server on a private bus.

What must hold (issue 23): the window the user types in keeps the keyboard while pop-ups come,
the pop-ups stack in the top-right corner of the focused workspace (below i3bar), one under the
other, and a critical one is still on screen after switching workspaces.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness.i3_desktop import i3_desktop, missing_tools, out, wait_for
from tests.harness.tiling_clients import EDITOR

pytestmark = pytest.mark.skipif(
    bool(missing_tools()), reason=f"needs i3 and its tools: {', '.join(missing_tools())} not installed"
)

SATURDAY = "2026-11-14T12:00:00+01:00"  # no focus window: everything pops up


@pytest.fixture
def i3(session_env: dict[str, str], tmp_path: Path) -> Iterator[dict[str, str]]:
    with i3_desktop(session_env, tmp_path) as env:
        yield env


def active(env: dict[str, str]) -> str:
    return out(env, "xprop", "-root", "_NET_ACTIVE_WINDOW").split()[-1]


def popups(env: dict[str, str]) -> list[tuple[int, int, int, int, str]]:
    """notifyzen's mapped X windows: x, y, width, height, window type; top to bottom."""
    found = []
    for line in out(env, "xwininfo", "-root", "-children").splitlines():
        if '"notifyzen"' not in line:
            continue
        wid = line.split()[0]
        info = out(env, "xwininfo", "-id", wid)
        if "IsViewable" not in info:
            continue
        value = {k.strip(): v.strip() for k, _, v in (li.partition(":") for li in info.splitlines())}
        kind = out(env, "xprop", "-id", wid, "_NET_WM_WINDOW_TYPE").split("=")[-1].strip()
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


def test_popups_on_i3_keep_the_keyboard_where_it_is_and_stack_top_right(
    i3: dict[str, str], tmp_path: Path
) -> None:
    env = i3
    keys = tmp_path / "keys.txt"
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(keys)], env=env)
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "notifyzen",
            "run",
            "--mode",
            "server",
            "--clock",
            "2026-11-14T12:00:00+01:00",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        wait_for(lambda: active(env) not in ("0x0", "found."), "the editor to have the keyboard")
        typing_into = active(env)
        assert app.stdout is not None and "running in server mode" in app.stdout.readline()
        for args in (
            ["-a", "Signal", "Anke", "Are you coming to lunch?"],
            ["-a", "Slack", "#deploys", "v2.4.1 is out"],
            ["-u", "critical", "-a", "Battery", "Battery 5%", "Plug in now"],
        ):
            subprocess.run(["notify-send", *args], env=env, check=True, timeout=10)
            subprocess.run(["xdotool", "type", "x"], env=env, check=True, timeout=10)
        wait_for(lambda: len(popups(env)) == 3, "three pop-ups")
        assert active(env) == typing_into  # no pop-up took the keyboard
        wait_for(lambda: keys.read_text() == "xxx", "the keys to reach the editor")

        workspace = next(w for w in json.loads(out(env, "i3-msg", "-t", "get_workspaces")) if w["focused"])
        rect = workspace["rect"]
        shown = popups(env)
        assert all(p[4].startswith("_NET_WM_WINDOW_TYPE_NOTIFICATION") for p in shown)
        assert shown[0][1] == rect["y"] + 12  # under i3bar, with the margin
        assert all(x + w == rect["x"] + rect["width"] - 12 for x, _, w, _, _ in shown)  # right edge
        assert all(a[1] + a[3] <= b[1] for a, b in itertools.pairwise(shown))  # no overlap

        subprocess.run(["i3-msg", "workspace", "2"], env=env, check=True, capture_output=True)
        wait_for(lambda: len(popups(env)) == 1, "the normal ones to expire", timeout=20)
        assert popups(env)[0][:2] == (rect["width"] - 12 - 380, rect["y"] + 12)  # the critical one, on 2
    finally:
        app.terminate()
        editor.terminate()
        app.wait(timeout=15)
        editor.wait(timeout=10)
