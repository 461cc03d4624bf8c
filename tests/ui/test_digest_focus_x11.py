"""Issue 18: a check-in must not take the keyboard from the window the user is typing in.

Qt's offscreen platform activates every window it shows, so this runs a real X server (Xvfb) and
window manager (openbox) and asks X which window is active (xdotool getactivewindow) before and
after the digest opens, then types into whatever has focus."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.harness.dunst import running_xvfb

ROOT = Path(__file__).resolve().parents[2]
NEEDED = ("Xvfb", "openbox", "xdotool", "xprop")

pytestmark = pytest.mark.skipif(
    any(shutil.which(p) is None for p in NEEDED), reason="needs Xvfb, openbox, xdotool and xprop"
)


def test_a_check_in_leaves_the_keyboard_where_it_was(tmp_path: Path) -> None:
    with running_xvfb() as display:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "XDG_RUNTIME_DIR": str(tmp_path),
            "PYTHONPATH": str(ROOT),
        }
        wm = subprocess.Popen(
            ["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:  # openbox owns the screen once it answers EWMH
                probe = subprocess.run(
                    ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env, capture_output=True, text=True
                )
                if "window id" in probe.stdout:
                    break
                time.sleep(0.1)
            done = subprocess.run(
                [sys.executable, "-m", "tests.ui.focus_probe"],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=60,
            )
        finally:
            wm.terminate()
            wm.wait(5)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"] == seen["chat"]  # the chat had the keyboard
    assert seen["digest_visible"]
    assert seen["after"] == seen["chat"]  # and still has it with the digest on screen
    # What the user typed went into the chat; the digest did nothing with it.
    assert seen["chat_text"] == "yes sure, am on my way"
    assert set(seen["posted"]) == {"digest_showing"} and seen["listed"] == 15 and not seen["asking"]
    assert seen["after_open"] == seen["digest"]  # tray -> Open digest does bring it forward
