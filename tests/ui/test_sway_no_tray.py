"""Where no bar hosts a tray, notifyzen says so once, and what to use instead (issue 23).

A real sway whose swaybar cannot host a tray (it has no session bus here, as a swaybar without
`tray_output`), notifyzen as the notification server: some seconds after start a notice names
the commands that do what the menu does; it is on screen and in the history. The next start
logs it again but shows nothing: the user has been told.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.harness.notifyzen_proc import rows
from tests.harness.sway_desktop import missing_tools, sway_desktop, wait_for, x_windows

pytestmark = pytest.mark.skipif(
    bool(missing_tools()), reason=f"needs sway and its tools: {', '.join(missing_tools())} not installed"
)

SATURDAY = "2026-11-14T12:00:00+01:00"
LOGGED = "no bar hosts a tray icon here"


def start(env: dict[str, str], log: Path) -> subprocess.Popen[str]:
    app = subprocess.Popen(
        [sys.executable, "-m", "notifyzen", "run", "--mode", "server", "--clock", SATURDAY],
        env=env,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        text=True,
    )
    assert app.stdout is not None and "running in server mode" in app.stdout.readline()
    return app


def stop(app: subprocess.Popen[str]) -> None:
    app.terminate()
    app.communicate(timeout=15)


def test_without_a_tray_notifyzen_says_once_what_to_use_instead(
    session_env: dict[str, str], tmp_path: Path
) -> None:
    with sway_desktop(session_env, told_no_tray=False) as sway:
        env = sway.env
        first, second = tmp_path / "first.log", tmp_path / "second.log"
        app = start(env, first)
        try:
            wait_for(lambda: len(x_windows(env, "notifyzen")) == 1, "the notice", timeout=25)
            sway.screenshot(tmp_path / "sway-no-tray-notice.png")
        finally:
            stop(app)
        assert LOGGED in first.read_text()
        (notice,) = [r for r in rows(env) if r["app_name"] == "notifyzen"]
        assert notice["summary"] == "notifyzen runs without a tray icon"
        body = notice["body"]
        assert body.startswith("No bar here shows tray icons. From a terminal or a key binding: notifyzen ")
        for command in ("status", "focus 25m", "focus off", "pause", "checkin now", "report"):
            assert f" {command}," in body or body.endswith(f" {command}")

        app = start(env, second)
        try:
            wait_for(lambda: LOGGED in second.read_text(), "the check after the grace period", timeout=25)
            time.sleep(1.5)  # the first notice was on screen well within this
            assert x_windows(env, "notifyzen") == []
        finally:
            stop(app)
        assert [r["summary"] for r in rows(env) if r["app_name"] == "notifyzen"] == [notice["summary"]]
