"""Hot reload with the real app on a private bus: a saved rule file is in force without a
restart, and a broken one keeps the last good rules while status names file:line:col."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.harness.notifyzen_proc import start, stop, wait_for

MUTE_SPAM = """\
rules:
  - name: no spam
    match: {app: Spam}
    action: mute
"""
BROKEN = """\
rules:
  - name: no spam
    match: {app: Spam
    action: mute
"""


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", *args], env=env, capture_output=True, text=True, timeout=30
    )


def send(env: dict[str, str], summary: str) -> int:
    done = subprocess.run(
        ["notify-send", "--print-id", "--app-name=Spam", summary],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def history(env: dict[str, str]) -> dict[int, dict[str, Any]]:
    done = cli(env, "history", "--json")
    assert done.returncode == 0, done.stderr
    return {int(r["id"]): r for r in json.loads(done.stdout)}


@pytest.fixture
def app(session_env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    proc = start(session_env, "--mode", "server")
    yield proc
    stop(proc)


@pytest.mark.slow
def test_a_saved_rule_applies_at_once_and_a_broken_file_keeps_the_last_good_rules(
    app: object, session_env: dict[str, str]
) -> None:
    rules_dir = Path(session_env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules"
    before = send(session_env, "before the rule")
    assert history(session_env)[before]["verdict"] == "deliver"

    rules_dir.mkdir(parents=True)
    rule_file = rules_dir / "spam.yaml"
    rule_file.write_text(MUTE_SPAM)
    saved = time.monotonic()

    def muted() -> bool:
        id = send(session_env, "after the rule")
        return bool(history(session_env)[id]["verdict"] == "mute")

    wait_for(muted, 10, "the new rule to mute Spam")
    print(f"muted {time.monotonic() - saved:.2f} s after the save (with the probes themselves)")
    row = history(session_env)[max(history(session_env))]
    assert row["rule"] == "no spam"

    rule_file.write_text(BROKEN)

    def reported() -> bool:
        errors = json.loads(cli(session_env, "status", "--json").stdout)["rules_errors"]
        return bool(errors)

    wait_for(reported, 10, "status to report the broken file")
    (first, *_) = json.loads(cli(session_env, "status", "--json").stdout)["rules_errors"]
    assert re.match(rf"{re.escape(str(rule_file))}:\d+:\d+: ", first), first
    still = send(session_env, "with a broken file")
    assert (history(session_env)[still]["verdict"], history(session_env)[still]["rule"]) == (
        "mute",
        "no spam",
    )

    rule_file.write_text(MUTE_SPAM.replace("mute\n", "deliver\n"))
    wait_for(lambda: not reported(), 10, "the fixed file to clear the error")
    fixed = send(session_env, "fixed")
    rows = history(session_env)
    assert rows[fixed]["verdict"] == "deliver", rows
