"""Full screen and mirrored outputs on a real sway, through its IPC (issue 19).

A real headless sway (tests/harness/sway_desktop.py), a real app window on it (Xwayland) that goes full
screen as on F11, and a second output made with `create_output` and moved onto the first, as a
projector in "duplicate" mode: notifyzen/context/sway.py must say so, and say when it ends.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from notifyzen.context.sway import SwayWatch, focused_fullscreen, mirrored_outputs
from notifyzen.core.situation import Kind
from tests.context.watched import Watched
from tests.harness.sway_desktop import Sway, missing_tools, sway_desktop

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
needs_sway = pytest.mark.skipif(bool(missing_tools()), reason=f"not installed: {missing_tools()}")


@pytest.fixture
def sway(session_env: dict[str, str]) -> Iterator[Sway]:
    with sway_desktop(session_env) as running:
        yield running


@needs_sway
def test_full_screen_and_mirrored_outputs_on_sway(sway: Sway) -> None:
    env = {**sway.env, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    watched = Watched(SwayWatch(env))
    app = subprocess.Popen(
        [sys.executable, "-m", "tests.context.window", "slides"], env=env, cwd=ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert app.stdout is not None and app.stdout.readline().startswith("shown")
        watched.wait_for({})
        assert app.stdin is not None
        app.stdin.write("full\n")
        app.stdin.flush()
        watched.wait_for({Kind.FULLSCREEN: "slides"})
        app.stdin.write("normal\n")
        app.stdin.flush()
        watched.wait_for({})

        sway.msg("create_output")  # a projector: HEADLESS-2, placed beside the screen
        sway.msg("output HEADLESS-1 position 0 0")  # placed by hand, sway lets outputs overlap:
        sway.msg("output HEADLESS-2 resolution 1280x800 position 0 0")  # both show the same
        watched.wait_for({Kind.MIRRORED: "HEADLESS-1 = HEADLESS-2"})
        sway.msg("output HEADLESS-2 position 1280 0")  # extended again
        watched.wait_for({})
    finally:
        app.kill()
        app.wait()
        watched.close()


def test_the_tree_and_outputs_as_sway_gives_them() -> None:
    tree = {"type": "root", "nodes": [{"type": "workspace", "nodes": [
        {"type": "con", "focused": True, "fullscreen_mode": 1, "app_id": None,
         "window_properties": {"class": "libreoffice-impress"}},
    ]}]}  # fmt: skip
    assert focused_fullscreen(tree) == "libreoffice-impress"
    tree["nodes"][0]["nodes"][0]["fullscreen_mode"] = 0  # type: ignore[index]
    assert focused_fullscreen(tree) is None
    outputs = [
        {"name": "eDP-1", "active": True, "rect": {"x": 0, "y": 0}},
        {"name": "HDMI-A-1", "active": False, "rect": {"x": 0, "y": 0}},
    ]
    assert mirrored_outputs(outputs) == []
