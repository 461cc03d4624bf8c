"""`notifyzen report --out` from a terminal or cron: stderr carries real errors only, not Qt's
"This plugin does not support propagateSizeHints()" for each widget laid out off screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from notifyzen.desktop.qtquiet import quiet_platform_noise


@pytest.mark.parametrize("name", ["week.png", "week.pdf"])
@pytest.mark.parametrize("platform", [None, "offscreen"])
def test_a_headless_export_says_nothing_on_stderr(tmp_path: Path, name: str, platform: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(
        NOTIFYZEN_DB=str(tmp_path / "notifyzen.db"),  # no history yet: an empty week still renders
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        **({"QT_QPA_PLATFORM": platform} if platform else {}),
    )
    out = tmp_path / name
    args = ["report", "--tz", "Europe/Amsterdam", "--week", "2026-W47", "--out", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, str(out), "")
    assert out.stat().st_size > 0


@pytest.mark.no_qt_log  # Qt's own printing, as in `notifyzen report`, not pytest-qt's capture
def test_other_qt_warnings_still_show(capfd: pytest.CaptureFixture[str]) -> None:
    # Qt's default handler underneath, as in a fresh `notifyzen report`: a handler an earlier test
    # of this process left installed (pytest-qt's, the app's) would otherwise take the warning.
    earlier = qInstallMessageHandler(None)
    try:
        with quiet_platform_noise():
            qWarning("This plugin does not support propagateSizeHints()")
            qWarning("QPainter::begin: Paint device returned engine == 0")
    finally:
        qInstallMessageHandler(earlier)
    assert capfd.readouterr().err == "QPainter::begin: Paint device returned engine == 0\n"
