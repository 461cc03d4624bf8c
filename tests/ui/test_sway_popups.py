"""Pop-ups on sway, as its user meets them: a real sway 1.7 (headless, software-rendered), a real
Wayland client with the keyboard, notifyzen as the notification server on a private bus.

What must hold (issue 23): the window the user types in keeps the keyboard while five
notifications arrive, the pop-ups stack without overlapping in the corner config.yaml names (of
the focused workspace, so clear of swaybar), they are drawn on the output (grim sees them), and
a critical one is still on screen after switching workspaces. sway runs as `nobody` when the
test runs as root (tests/harness/sway_desktop.py says why that works).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.harness.sway_desktop import Sway, missing_tools, sway_desktop, wait_for, x_windows
from tests.harness.tiling_clients import EDITOR

pytestmark = pytest.mark.skipif(
    bool(missing_tools()), reason=f"needs sway and its tools: {', '.join(missing_tools())} not installed"
)

SATURDAY = "2026-11-14T12:00:00+01:00"  # no focus window: everything pops up
BACKGROUND = QColor("#334455")  # sway_desktop's output colour
CONFIG = "popups:\n  corner: bottom-right\n  margin: 20\n  width: 360\n"


@pytest.fixture
def sway(session_env: dict[str, str]) -> Iterator[Sway]:
    with sway_desktop(session_env) as desktop:
        yield desktop


def type_keys(sway: Sway, text: str) -> None:
    """Keys as the user types them (a virtual keyboard; -s lets sway take its keymap first)."""
    subprocess.run(["wtype", "-s", "300", text], env=sway.env, check=True, timeout=10)


def editor_window(sway: Sway) -> dict[str, object]:
    return next(w for w in sway.leaves() if w.get("app_id") == "editor")


def drawn(before: QImage | QColor, after: QImage, rect: tuple[int, int, int, int]) -> bool:
    """Whether most of `rect` on screen changed from `before` (a screenshot, or a bare output)."""
    x, y, w, h = rect
    points = [(x + 2 + i * (w - 4) // 9, y + 2 + j * (h - 4) // 9) for i in range(10) for j in range(10)]

    def was(px: int, py: int) -> QColor:
        return before if isinstance(before, QColor) else before.pixelColor(px, py)

    return sum(after.pixelColor(px, py) != was(px, py) for px, py in points) > len(points) // 2


def test_popups_on_sway_keep_the_keyboard_and_stack_in_the_chosen_corner(sway: Sway, tmp_path: Path) -> None:
    env = sway.env
    config = Path(env["XDG_CONFIG_HOME"]) / "notifyzen" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(CONFIG)
    keys = tmp_path / "keys.txt"
    keys.touch()
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(keys)],
        env={**env, "QT_QPA_PLATFORM": "wayland"},
        stderr=subprocess.DEVNULL,
    )
    app = subprocess.Popen(
        [sys.executable, "-m", "notifyzen", "run", "--mode", "server", "--clock", SATURDAY],
        env=env,  # no QT_QPA_PLATFORM: notifyzen itself must choose Xwayland on sway
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        wait_for(
            lambda: any(w.get("app_id") == "editor" and w["focused"] for w in sway.leaves()), "the editor"
        )
        type_keys(sway, "ab")
        wait_for(lambda: keys.read_text() == "ab", "the first keys to reach the editor")
        assert app.stdout is not None and "running in server mode" in app.stdout.readline()
        before = QImage(str(sway.screenshot(tmp_path / "sway-before.png")))
        for args in (
            ["-t", "4000", "-a", "Signal", "Anke", "Are you coming to lunch?"],
            ["-t", "4000", "-a", "Thunderbird", "-i", "mail-unread", "3 new messages", "From: Bram"],
            ["-t", "4000", "-a", "Slack", "#deploys", "v2.4.1 is out"],
            ["-u", "critical", "-a", "Battery", "Battery 5%", "Plug in now"],
            ["-t", "4000", "-a", "Firefox", "Download complete", "report.pdf"],
        ):
            subprocess.run(["notify-send", *args], env=env, check=True, timeout=10)
        wait_for(lambda: len(x_windows(env, "notifyzen")) == 5, "five pop-ups")
        type_keys(sway, "cd")
        wait_for(lambda: keys.read_text() == "abcd", "the keys typed under the pop-ups to reach the editor")
        assert editor_window(sway)["focused"]  # the user's window still has the keyboard
        assert [w.get("app_id") for w in sway.leaves()] == ["editor"]  # no pop-up in the tiling tree

        area = sway.focused_workspace()["rect"]
        shown = x_windows(env, "notifyzen")
        assert all(kind.startswith("_NET_WM_WINDOW_TYPE_NOTIFICATION") for *_, kind in shown)
        assert all(x + w == area["x"] + area["width"] - 20 and w == 360 for x, _, w, _, _ in shown)
        bottom = shown[-1]
        assert bottom[1] + bottom[3] == area["y"] + area["height"] - 20  # the first one in the corner
        assert all(a[1] + a[3] <= b[1] for a, b in itertools.pairwise(shown))  # one above the other
        five = QImage(str(sway.screenshot(tmp_path / "sway-five.png")))
        assert all(drawn(before, five, p[:4]) for p in shown)  # on the output, not only in Xwayland

        sway.msg("workspace", "2")
        wait_for(lambda: sway.focused_workspace()["name"] == "2", "workspace 2")
        wait_for(lambda: len(x_windows(env, "notifyzen")) == 1, "the normal ones to expire", timeout=20)
        critical = x_windows(env, "notifyzen")[0]
        assert critical[0] == area["x"] + area["width"] - 20 - 360  # moved into the corner
        assert critical[1] + critical[3] == area["y"] + area["height"] - 20
        on_two = QImage(str(sway.screenshot(tmp_path / "sway-critical-ws2.png")))
        assert drawn(BACKGROUND, on_two, critical[:4])
        assert not editor_window(sway)["visible"]  # it really is another workspace
    finally:
        app.terminate()
        editor.terminate()
        app.wait(timeout=15)
        editor.wait(timeout=10)
