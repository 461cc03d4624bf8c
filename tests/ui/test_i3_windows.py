"""The digest, the history and the report on a tiling window manager (issue 23): a real i3 on Xvfb.

An ordinary toplevel is tiled there: the report took the whole workspace and pushed the user's
windows aside. What must hold: they open floating, centred on the focused workspace, no larger
than it, and close with Esc, as the dialogs they are; the digest a scheduled check-in brings
leaves the keyboard where the user types, the one asked for (`checkin now`, `open digest`, `open
history`: the tray's items where no bar hosts one) takes it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.harness.i3_desktop import i3_desktop, missing_tools, out, tree_windows, wait_for
from tests.harness.tiling_clients import EDITOR, hold_two_then_check_in, report_floats_and_closes_with_esc

pytestmark = pytest.mark.skipif(
    bool(missing_tools()), reason=f"needs i3 and its tools: {', '.join(missing_tools())} not installed"
)

SATURDAY = "2026-11-14T12:00:00+01:00"  # low urgency waits for the 12:30 check-in
DIGEST = "Check-in — notifyzen"
HISTORY = "History — notifyzen"


@pytest.fixture
def i3(session_env: dict[str, str], tmp_path: Path) -> Iterator[dict[str, str]]:
    with i3_desktop(session_env | {"TZ": "Europe/Amsterdam"}, tmp_path) as env:
        yield env


def window(env: dict[str, str], name: str) -> dict[str, Any] | None:
    return next((w for w in tree_windows(env) if w.get("name") == name), None)


def assert_floating_and_centred(env: dict[str, str], name: str, focused: bool = True) -> dict[str, Any]:
    shown = window(env, name)
    assert shown is not None
    area = next(w for w in json.loads(out(env, "i3-msg", "-t", "get_workspaces")) if w["focused"])["rect"]
    rect = shown["rect"]  # with i3's title bar and border
    assert shown["floating"], f"{name} is tiled"
    assert shown["window_type"] == "dialog"
    assert rect["width"] < area["width"] and rect["height"] < area["height"]
    left, right = rect["x"] - area["x"], area["x"] + area["width"] - rect["x"] - rect["width"]
    top, bottom = rect["y"] - area["y"], area["y"] + area["height"] - rect["y"] - rect["height"]
    assert abs(left - right) <= 4 and abs(top - bottom) <= 30, (left, right, top, bottom)  # a title bar
    assert shown["focused"] is focused
    return shown


def open_with_the_command(env: dict[str, str], name: str, word: str, shot: Path) -> None:
    """`notifyzen open WORD`: the window in front, floating, centred, with the keyboard; Esc closes it."""
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "open", word], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    wait_for(lambda: (w := window(env, name)) and w["focused"], f"the {word} to take the keyboard")
    assert_floating_and_centred(env, name)
    subprocess.run(["import", "-window", "root", str(shot)], env=env, timeout=20)
    subprocess.run(["xdotool", "key", "Escape"], env=env, check=True, timeout=10)
    wait_for(lambda: window(env, name) is None, f"Esc to close the {word}")


def test_digest_and_report_float_centred_and_close_with_esc(i3: dict[str, str], tmp_path: Path) -> None:
    env = i3
    keys = tmp_path / "keys.txt"
    keys.touch()
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(keys)], env=env, stderr=subprocess.DEVNULL)
    app = subprocess.Popen(
        [sys.executable, "-m", "notifyzen", "run", "--mode", "server", "--clock", SATURDAY],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert app.stdout is not None and "running in server mode" in app.stdout.readline()
        wait_for(lambda: (w := window(env, "editor")) and w["focused"], "the editor to have the keyboard")
        hold_two_then_check_in(env, wait_for)
        wait_for(lambda: window(env, DIGEST), "the digest")
        assert_floating_and_centred(env, DIGEST, focused=False)
        subprocess.run(["xdotool", "type", "am"], env=env, check=True, timeout=10)
        wait_for(lambda: keys.read_text() == "am", "the keys to reach the editor, not the digest")
        subprocess.run(
            ["import", "-window", "root", str(tmp_path / "i3-digest-scheduled.png")], env=env, timeout=20
        )

        done = subprocess.run(
            [sys.executable, "-m", "notifyzen", "checkin", "now"], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        wait_for(
            lambda: (w := window(env, DIGEST)) and w["focused"], "the digest asked for to take the keyboard"
        )
        assert_floating_and_centred(env, DIGEST)
        subprocess.run(["xdotool", "key", "Escape"], env=env, check=True, timeout=10)
        wait_for(lambda: window(env, DIGEST) is None, "Esc to close the digest")

        # Without a tray: the menu's History… and Open digest from a terminal or a key binding.
        for name, word in ((HISTORY, "history"), (DIGEST, "digest")):
            open_with_the_command(env, name, word, tmp_path / f"i3-{word}.png")
        wait_for(lambda: (w := window(env, "editor")) and w["focused"], "the keyboard back in the editor")

        report_floats_and_closes_with_esc(
            env,
            wait_for,
            lambda name: window(env, name),
            lambda name: assert_floating_and_centred(env, name),
            800 * 0.9 + 30,  # 1240x900 asked: fits the 1280x800 screen
            lambda: subprocess.run(
                ["import", "-window", "root", str(tmp_path / "i3-report.png")], env=env, timeout=20
            ),
            lambda: subprocess.run(["xdotool", "key", "Escape"], env=env, check=True, timeout=10),
        )
    finally:
        app.terminate()
        editor.terminate()
        app.wait(timeout=15)
        editor.wait(timeout=10)
