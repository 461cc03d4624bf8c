"""`notifyzen rules explain --while ...` (issue 19): the rule that decides while the screen is
shared or in a call, named as the running app would name it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def explain(tmp_path: Path, *args: str) -> str:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"), "TZ": "UTC"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "rules", "explain", "--at", "2026-12-07T13:30", *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_explain_names_screen_sharing_and_the_rule_it_overrules(tmp_path: Path) -> None:
    code = ("--app", "GitHub", "--summary", "GitHub authentication code: 905 117")
    assert explain(tmp_path, *code).startswith("deliver by rule 'login code'")
    shared = explain(tmp_path, *code, "--while", "screen_share", "--using", "Zoom")
    assert shared.startswith("hold by rule 'privacy' during 'screen sharing': Sharing your screen (Zoom)")
    assert "(else: login code" in shared  # a code on a shared screen is a leak
    critical = explain(tmp_path, "--app", "Monitoring", "--summary", "disk full", "--urgency", "critical",
                       "--while", "fullscreen", "--using", "mpv")  # fmt: skip
    assert critical.startswith("deliver by rule 'critical' during 'full screen'")


def test_explain_in_a_call_is_as_in_a_meeting(tmp_path: Path) -> None:
    said = explain(tmp_path, "--app", "Signal", "--summary", "Priya", "--body", "quick question",
                   "--while", "call", "--using", "Zoom")  # fmt: skip
    assert said.startswith("hold until") and "during 'meeting'" in said
