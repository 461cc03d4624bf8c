"""Starting the tray app where it cannot run, and its first clicks: what the user is told."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from notifyzen.app import TrayActions

ROOT = Path(__file__).resolve().parents[2]


def start(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notifyzen"], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )


def bare_env(tmp_path: Path) -> dict[str, str]:
    """A fresh user with no desktop: no screen variables, a session bus address that leads nowhere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISPLAY", "WAYLAND", "QT_", "XDG_"))}
    env["HOME"] = str(tmp_path / "home")
    env["PYTHONPATH"] = str(ROOT)
    env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={tmp_path / 'no-bus'}"
    return env


def test_without_a_screen_one_line_says_why_and_points_at_the_demo(tmp_path: Path) -> None:
    done = start(bare_env(tmp_path), tmp_path)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr  # not Qt's screenful about xcb plugins and an abort
    assert "DISPLAY" in lines[0] and "notifyzen demo" in lines[0]


def test_without_a_session_bus_the_line_names_the_bus(tmp_path: Path) -> None:
    env = bare_env(tmp_path) | {"QT_QPA_PLATFORM": "offscreen"}
    done = start(env, tmp_path)
    assert done.returncode == 1
    expected = f"notifyzen: cannot reach the session bus (unix:path={tmp_path / 'no-bus'})"
    assert any(line.startswith(expected) for line in done.stderr.splitlines()), done.stderr


def test_edit_rules_names_the_file_when_nothing_can_open_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The offscreen platform, like a window manager without xdg-open, opens nothing: the click must
    still lead somewhere, so the file's path is shown, selectable."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    actions = TrayActions(service=None, digest=None)  # type: ignore[arg-type]  # neither is used here
    actions.edit_rules()
    rules = tmp_path / "config" / "notifyzen" / "rules" / "my-rules.yaml"
    assert rules.is_file()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(shown) == 1
    assert str(rules) in shown[0].text()
    shown[0].close()
