"""The digest, the history and the report on sway (issue 23): a real sway 1.7, headless.

An ordinary toplevel is tiled there (and on native Wayland cannot even ask to float), and sway
focuses every window it maps. What must hold: they open floating, centred on the focused
workspace, no larger than it, and close with Esc; the digest a scheduled check-in brings leaves
the keyboard with the window the user types in (single keys act in the digest: "a" would write
an allow rule); the one the user asks for (`notifyzen checkin now`, `open digest`, `open history`:
the tray's items where no bar hosts one) takes it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.harness.sway_desktop import Sway, missing_tools, sway_desktop, wait_for
from tests.harness.tiling_clients import EDITOR, hold_two_then_check_in, report_floats_and_closes_with_esc

pytestmark = pytest.mark.skipif(
    bool(missing_tools()), reason=f"needs sway and its tools: {', '.join(missing_tools())} not installed"
)

SATURDAY = "2026-11-14T12:00:00+01:00"  # low urgency waits for the 12:30 check-in
DIGEST = "Check-in — notifyzen"
HISTORY = "History — notifyzen"


@pytest.fixture
def sway(session_env: dict[str, str]) -> Iterator[Sway]:
    with sway_desktop(session_env | {"TZ": "Europe/Amsterdam"}) as desktop:
        yield desktop


def window(sway: Sway, name: str) -> dict[str, Any] | None:
    return next((w for w in sway.leaves() if w.get("name") == name), None)


def assert_floating_and_centred(sway: Sway, name: str, focused: bool = True) -> dict[str, Any]:
    shown = window(sway, name)
    assert shown is not None
    area = sway.focused_workspace()["rect"]
    rect = shown["rect"]  # with sway's title bar and border
    assert shown["floating"], f"{name} is tiled"
    assert shown["window_properties"]["window_type"] == "dialog"
    assert rect["width"] < area["width"] and rect["height"] < area["height"]
    left, right = rect["x"] - area["x"], area["x"] + area["width"] - rect["x"] - rect["width"]
    top, bottom = rect["y"] - area["y"], area["y"] + area["height"] - rect["y"] - rect["height"]
    assert abs(left - right) <= 4 and abs(top - bottom) <= 30, (left, right, top, bottom)  # a title bar
    assert shown["focused"] is focused
    return shown


def open_with_the_command(sway: Sway, name: str, word: str, shot: Path) -> None:
    """`notifyzen open WORD`: the window in front, floating, centred, with the keyboard; Esc closes it."""
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "open", word], env=sway.env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    wait_for(lambda: (w := window(sway, name)) and w["focused"], f"the {word} to take the keyboard")
    assert_floating_and_centred(sway, name)
    sway.screenshot(shot)
    subprocess.run(["wtype", "-s", "300", "-k", "Escape"], env=sway.env, check=True, timeout=10)
    wait_for(lambda: window(sway, name) is None, f"Esc to close the {word}")


def test_digest_and_report_float_centred_and_close_with_esc_on_sway(sway: Sway, tmp_path: Path) -> None:
    env = sway.env
    keys = tmp_path / "keys.txt"
    keys.touch()
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR, str(keys)],
        env={**env, "QT_QPA_PLATFORM": "wayland"},
        stderr=subprocess.DEVNULL,
    )
    app = subprocess.Popen(
        [sys.executable, "-m", "notifyzen", "run", "--mode", "server", "--clock", SATURDAY],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert app.stdout is not None and "running in server mode" in app.stdout.readline()
        wait_for(lambda: (w := window(sway, "editor")) and w["focused"], "the editor to have the keyboard")
        hold_two_then_check_in(env, wait_for)
        wait_for(lambda: window(sway, DIGEST), "the digest")
        assert_floating_and_centred(sway, DIGEST, focused=False)
        assert window(sway, "editor")["focused"]  # type: ignore[index]
        subprocess.run(["wtype", "-s", "300", "am"], env=env, check=True, timeout=10)
        wait_for(lambda: keys.read_text() == "am", "the keys to reach the editor, not the digest")
        assert not (Path(env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules" / "00-digest.yaml").exists()
        sway.screenshot(tmp_path / "sway-digest-scheduled.png")

        done = subprocess.run(
            [sys.executable, "-m", "notifyzen", "checkin", "now"], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        wait_for(
            lambda: (w := window(sway, DIGEST)) and w["focused"],
            "the digest the user asked for to take the keyboard",
        )
        assert_floating_and_centred(sway, DIGEST)
        subprocess.run(["wtype", "-s", "300", "-k", "Escape"], env=env, check=True, timeout=10)
        wait_for(lambda: window(sway, DIGEST) is None, "Esc to close the digest")

        # Without a tray (swaybar here hosts none): the menu's History… and Open digest from a
        # terminal or a key binding, in front with the keyboard.
        for name, word in ((HISTORY, "history"), (DIGEST, "digest")):
            open_with_the_command(sway, name, word, tmp_path / f"sway-{word}.png")
        wait_for(lambda: (w := window(sway, "editor")) and w["focused"], "the keyboard back in the editor")

        report_floats_and_closes_with_esc(
            env,
            wait_for,
            lambda name: window(sway, name),
            lambda name: assert_floating_and_centred(sway, name),
            sway.focused_workspace()["rect"]["height"] * 0.9 + 30,
            lambda: sway.screenshot(tmp_path / "sway-report.png"),
            lambda: subprocess.run(["wtype", "-s", "300", "-k", "Escape"], env=env, check=True, timeout=10),
        )
    finally:
        app.terminate()
        editor.terminate()
        app.wait(timeout=15)
        editor.wait(timeout=10)
