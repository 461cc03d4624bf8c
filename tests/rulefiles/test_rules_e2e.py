"""Issue 3 end to end: the user's rule file on disk, notifyzen on a private bus at 09:30 on a
Monday (inside the default preset's "deep work" window, on an injected clock), notify-send from
several apps, and the decisions as `notifyzen history` shows them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness.notifyzen_proc import start, stop

IN_DEEP_WORK = "2026-11-16T09:30:00+01:00"  # Monday; deep work is 09:00-10:30 on weekdays
ZONE = "Europe/Amsterdam"

MINE = """\
rules:
  - name: no games
    why: games never need me
    match: {app: Steam}
    action: mute
  - name: Anke
    why: she only writes when it matters
    match: {sender: Anke}
    action: deliver
"""

# (notify-send arguments, verdict, rule)
SENT = [
    (["-a", "Steam", "Summer sale", "90% off"], "mute", "no games"),
    (["-a", "Signal", "-c", "im.received", "Anke", "can you call me?"], "deliver", "Anke"),
    (["-a", "Signal", "-c", "im.received", "Bob", "lunch?"], "hold", "default"),
    (["-a", "Thunderbird", "-c", "email.arrived", "Invoice 2026-114", "due in 14 days"], "hold", "default"),
    (["-a", "Power Management", "-u", "critical", "Battery low", "9% remaining"], "deliver", "critical"),
    (["-a", "Discover", "-u", "low", "Updates available", "12 packages"], "hold", "low urgency"),
]


def notifyzen(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", *args], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.slow
def test_rules_on_disk_decide_what_notify_send_sends_in_a_focus_window(session_env: dict[str, str]) -> None:
    env = {**session_env, "TZ": ZONE}
    rules = Path(env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules"
    rules.mkdir(parents=True)
    (rules / "mine.yaml").write_text(MINE)
    assert notifyzen(env, "rules", "check").stdout.startswith("ok: ")

    proc = start(env, "--mode", "server", "--clock", IN_DEEP_WORK)
    try:
        ids = []
        for args, _, _ in SENT:
            sent = subprocess.run(
                ["notify-send", "-p", *args], env=env, capture_output=True, text=True, timeout=10
            )
            assert sent.returncode == 0, sent.stderr
            ids.append(int(sent.stdout))
    finally:
        stop(proc)

    rows = json.loads(notifyzen(env, "history", "--json").stdout)
    assert [r["id"] for r in rows] == ids
    assert [(r["app_name"], r["verdict"], r["rule"]) for r in rows] == [
        (args[1], verdict, rule) for args, verdict, rule in SENT
    ]
    assert {r["window"] for r in rows} == {"deep work"}
    assert [r["state"] for r in rows] == ["muted", "shown", "held", "held", "shown", "held"]

    why = notifyzen(env, "history", "--explain", str(ids[0])).stdout.splitlines()
    assert why[0].startswith(f"#{ids[0]}  2026-11-16T09:30") and why[0].endswith("Steam: Summer sale")
    assert why[1] == "mute by rule 'no games' during 'deep work': games never need me"
    anke = notifyzen(env, "history", "--explain", str(ids[1])).stdout.splitlines()[1]
    assert anke == "deliver by rule 'Anke' during 'deep work': she only writes when it matters"
    # held until the window ends at 10:30 (a breakpoint), and `rules explain` says the same
    bob = notifyzen(env, "history", "--explain", str(ids[2])).stdout.splitlines()[1]
    held = "hold until 2026-11-16T10:30+01:00 by rule 'default' during 'deep work'"
    assert bob == f"{held}: no rule matched in a focus window"
    asked = notifyzen(
        env,
        "rules",
        "explain",
        "--app",
        "Signal",
        "--category",
        "im.received",
        "--summary",
        "Bob",
        "--sender",
        "Bob",
        "--at",
        IN_DEEP_WORK,
    ).stdout.strip()
    assert asked == bob


HEAVY = ("PySide6", "shiboken6", "sqlalchemy", "sqlmodel", "sqlite3", "dbus_fast", "apscheduler")
LOADED = """
import contextlib, io, json, sys
from notifyzen import cli
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    cli.main(sys.argv[1:])
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["rules", "check"], ["rules", "explain", "--app", "Slack", "--at", "09:30"]],
    ids=" ".join,
)
def test_rules_commands_start_without_qt_dbus_or_the_database(args: list[str], tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"), TZ=ZONE)
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert not loaded & set(HEAVY)
    if args == ["--help"]:
        assert not loaded & {"pydantic", "yaml"}  # --help only lists the commands


@pytest.mark.slow
def test_started_with_a_typo_in_config_yaml_the_rules_still_hold_focus(session_env: dict[str, str]) -> None:
    """A typo in config.yaml at start used to leave notifyzen with no rules at all: everything
    came through in deep work. Now the broken file is named and the rest applies."""
    env = {**session_env, "TZ": ZONE}
    config = Path(env["XDG_CONFIG_HOME"]) / "notifyzen"
    (config / "rules").mkdir(parents=True)
    (config / "config.yaml").write_text("max_wiat: 30\n")
    (config / "rules" / "mine.yaml").write_text(MINE)
    proc = start(env, "--mode", "server", "--clock", IN_DEEP_WORK)
    try:
        for argv, _, _ in SENT[:3]:
            subprocess.run(["notify-send", *argv], env=env, check=True, timeout=10)
        status = json.loads(notifyzen(env, "status", "--json").stdout)
        rows = json.loads(notifyzen(env, "history", "--json").stdout)
    finally:
        stop(proc)
    assert status["focus_window"] == "deep work"  # the default preset's window
    assert [e.split(":")[0].rsplit("/", 1)[-1] for e in status["rules_errors"]] == ["config.yaml"]
    assert [(r["verdict"], r["rule"]) for r in rows] == [(v, r) for _, v, r in SENT[:3]]
