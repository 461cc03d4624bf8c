"""`preset: []` in config.yaml with no rules of one's own loads fine and holds nothing: notifyzen
runs on it, and says so (rules check, the tray, notifyzen status) instead of looking broken."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from notifyzen.clock import FakeClock
from notifyzen.commands.status import describe
from notifyzen.desktop import i18n
from notifyzen.service.service import Service
from notifyzen.ui.tray import Tray
from tests.commands.test_rules_cli import notifyzen

WARNING = (
    "warning: preset: [] and no rules of your own: nothing is held, only during focus you start "
    "yourself (name a preset, e.g. preset: default, or add a file to rules/)"
)


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    path = tmp_path / "config" / "notifyzen"
    path.mkdir(parents=True)
    (path / "config.yaml").write_text("checkins: ['10:30']\npreset: []\n")
    return path


def test_rules_check_warns_and_passes(config_dir: Path) -> None:
    result = notifyzen(config_dir, "check")
    assert (result.returncode, result.stdout) == (0, "ok: 0 rules, 0 focus windows\n")
    assert result.stderr.splitlines() == [f"{config_dir / 'config.yaml'}:2:9: {WARNING}"]


def test_a_rule_of_ones_own_is_enough(config_dir: Path) -> None:
    (config_dir / "rules").mkdir()
    (config_dir / "rules" / "news.yaml").write_text(
        "rules:\n  - {name: hold news, match: {app: BBC News}, action: hold}\n"
    )
    result = notifyzen(config_dir, "check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok: 1 rule, 0 focus windows\n", "")


def test_unmatched_held_outside_focus_is_enough(config_dir: Path) -> None:
    (config_dir / "config.yaml").write_text("preset: []\nunmatched: {outside: hold}\n")
    result = notifyzen(config_dir, "check")
    assert (result.returncode, result.stderr) == (0, "")


def test_the_running_app_says_it_in_the_tray_and_status(
    qapp: QApplication, config_dir: Path, bus_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_dir.parent))
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    service = Service(
        db_path=tmp_path / "h.db",
        clock=FakeClock(datetime.fromisoformat("2026-11-16T09:30:00+01:00")),
        mode="server",
        bus_address=bus_address,
    )
    assert service.start() == "server"  # it runs
    try:
        status = service.status()
    finally:
        service.stop()
    assert status["rules_errors"] == []
    assert status["rules_warnings"] == [f"{config_dir / 'config.yaml'}:2:9: {WARNING[9:]}"]
    assert f"  rules: warning: {status['rules_warnings'][0]}" in describe(status).splitlines()
    tray = Tray()
    try:
        tray.update(status)
        assert tray.rules_action.isVisible()
        assert tray.rules_action.text() == "Rules: no preset and no rules of your own, nothing is held"
        opened: list[str] = []
        tray.open_file_requested.connect(opened.append)
        tray.rules_action.trigger()  # the line opens config.yaml, where the empty list is
        assert opened == [str(config_dir / "config.yaml")]
        i18n.install(qapp, "nl")
        try:
            tray.update(status)
            dutch = tray.rules_action.text()
        finally:
            i18n.install(qapp, "en")
        assert dutch == "Regels: geen preset en geen eigen regels, er wordt niets vastgehouden"
    finally:
        tray.hide()
