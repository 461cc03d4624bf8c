"""`notifyzen rules check|schema|explain` as a user runs them, with their own XDG config dir."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from notifyzen.core.rulefile import rules_json_schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    path = tmp_path / "config" / "notifyzen"
    path.mkdir(parents=True)
    return path


def notifyzen(config_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(
        XDG_CONFIG_HOME=str(config_dir.parent), HOME=str(config_dir.parent.parent), TZ="Europe/Amsterdam"
    )
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", "rules", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )


def test_check_the_default_set(config_dir: Path) -> None:
    result = notifyzen(config_dir, "check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok: 5 rules, 2 focus windows\n", "")


def test_check_reports_the_users_mistakes_with_file_line_col(config_dir: Path) -> None:
    mine = config_dir / "rules" / "mine.yaml"
    mine.parent.mkdir()
    mine.write_text(
        "rules:\n  - name: standup\n    match: {app: Slack, urgncy: low}\n    action: hold\n"
        "  - name: ci\n    action: mte\n"
    )
    result = notifyzen(config_dir, "check")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f'{mine}:3:25: rule "standup": unknown key "urgncy" (did you mean "urgency"?)',
        f"{mine}:6:13: rule \"ci\": action.do: expected 'deliver', 'hold', 'hold_until' or 'mute', got 'mte' "
        '(did you mean "mute"?)',
        "2 errors; notifyzen keeps using its last good rules",
    ]


@pytest.mark.slow
def test_check_named_files_and_directories(config_dir: Path, tmp_path: Path) -> None:
    good = tmp_path / "try" / "good.yaml"
    good.parent.mkdir()
    good.write_text("rules:\n  - {name: a, during: deep work, match: {app: Slack}, action: hold}\n")
    assert notifyzen(config_dir, "check", str(good)).stdout == "ok: 6 rules, 2 focus windows\n"
    assert notifyzen(config_dir, "check", str(good.parent)).returncode == 0
    (good.parent / "bad.yaml").write_text("windows: [{name: w, days: funday}]\n")
    result = notifyzen(config_dir, "check", str(good.parent))
    assert (
        result.returncode == 1 and "bad.yaml:1:27: window \"w\": days: unknown day 'funday'" in result.stderr
    )
    assert notifyzen(config_dir, "check", str(ROOT / "rules" / "evening.yaml")).returncode == 0


def test_schema_is_json_from_the_models(config_dir: Path) -> None:
    result = notifyzen(config_dir, "schema")
    assert result.returncode == 0 and json.loads(result.stdout) == rules_json_schema()
    config_schema = json.loads(notifyzen(config_dir, "schema", "--config").stdout)
    assert {"checkins", "max_wait", "preset", "repeated_contact"} <= set(config_schema["properties"])


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["--app", "Signal", "--sender", "Anke", "--summary", "hi", "--at", "2026-03-30T09:15"],
            "hold until 2026-03-30T10:30+02:00 by rule 'default' during 'deep work': "
            "no rule matched in a focus window\n",
        ),
        (
            ["--app", "Signal", "--sender", "Anke", "--at", "2026-03-30T13:15"],
            "deliver by rule 'default': no rule matched outside focus windows\n",
        ),
        (
            [
                "--app",
                "Monitor",
                "--summary",
                "Disk full",
                "--urgency",
                "critical",
                "--at",
                "2026-03-29T03:00",
            ],
            "deliver by rule 'critical' during 'sleep': critical urgency always breaks through  [built-in]\n",
        ),
        (
            [
                "--app",
                "Phone",
                "--sender",
                "Mum",
                "--category",
                "call.unanswered",
                "--previous",
                "1",
                "--at",
                "2026-03-30T23:00",
            ],
            "deliver by rule 'repeated contact' during 'sleep': "
            "a call after contact from this sender: 2 within 3 min  [built-in]\n",
        ),
    ],
)
def test_explain(config_dir: Path, args: list[str], line: str) -> None:
    result = notifyzen(config_dir, "explain", *args)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == line


def test_explain_names_the_users_rule_and_where_it_is(config_dir: Path, tmp_path: Path) -> None:
    rules = tmp_path / "candidate.yaml"
    rules.write_text(
        "rules:\n  - name: standups\n    why: the daily standup bot\n"
        "    match: {app: Slack, summary: standup}\n    action: mute\n"
    )
    config = tmp_path / "config.yaml"
    config.write_text("preset: evening\n")
    result = notifyzen(
        config_dir,
        "explain",
        "--app",
        "slack",
        "--summary",
        "Standup in 5",
        "--at",
        "2026-03-30T19:00",
        "--rules",
        str(rules),
        "--config",
        str(config),
    )
    assert result.stdout == (
        f"mute by rule 'standups' during 'evening': the daily standup bot  [{rules}:2]\n"
    )


def test_explain_with_broken_rules_says_why_and_fails(config_dir: Path) -> None:
    (config_dir / "config.yaml").write_text("max_wait: soon\n")
    result = notifyzen(config_dir, "explain", "--app", "x")
    assert result.returncode == 1
    assert f"{config_dir / 'config.yaml'}:1:11: max_wait: " in result.stderr


def test_explain_rejects_a_time_it_cannot_read(config_dir: Path) -> None:
    result = notifyzen(config_dir, "explain", "--app", "x", "--at", "tomorrow-ish")
    assert result.returncode == 2
    assert result.stderr == "notifyzen: --at: expected HH:MM or an ISO date and time, got 'tomorrow-ish'\n"
