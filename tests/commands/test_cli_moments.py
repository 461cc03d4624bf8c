"""`notifyzen focus` and `notifyzen pause`: everything the tray's menu does, from a terminal or a key
binding, for where no bar hosts a tray (issue 23). A real app on a private bus, at Saturday 12:00
(no focus window of the preset's: a normal notification is shown at once).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness.notifyzen_proc import client, control, notify, rows, run, start, stop

DUTCH = {"LANG": "nl_NL.UTF-8"}
ENGLISH = {"LANG": "en_US.UTF-8"}


def notifyzen(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", *args], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def app(session_env: dict[str, str]) -> Iterator[dict[str, str]]:
    env = {k: v for k, v in session_env.items() if not k.startswith(("LANG", "LC_", "LANGUAGE"))} | ENGLISH
    proc = start(env, "--mode", "server")
    try:
        yield env
    finally:
        stop(proc)


def status(env: dict[str, str], address: str) -> dict:
    async def go() -> dict:
        async with client(address) as bus:
            return await control(bus, "Status")

    return run(go())


def send(address: str, summary: str) -> int:
    async def go() -> int:
        async with client(address) as bus:
            return await notify(bus, summary, app="Signal")

    return run(go())


def verdict(env: dict[str, str], id: int) -> str:
    return next(r for r in rows(env) if r["id"] == id)["verdict"]


def test_focus_from_the_command_line_holds_and_ending_it_shows_what_waited(
    app: dict[str, str], bus_address: str
) -> None:
    env = app
    assert verdict(env, send(bus_address, "before")) == "deliver"  # no focus: it comes through
    done = notifyzen(env, "focus", "25m")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Focusing until 12:25; what may not interrupt waits for a check-in."
    held = send(bus_address, "during")
    assert verdict(env, held) == "hold"
    assert "focus window now: focus (yours, until 12:25)" in notifyzen(env, "status").stdout
    ended = notifyzen(env, "focus", "off")
    assert ended.stdout.strip() == "Focus ended; 1 held notification shown now."
    assert next(r for r in rows(env) if r["id"] == held)["state"] == "shown"
    assert not status(env, bus_address)["manual_focus"]

    assert notifyzen(env, "focus", "until", "14:00").stdout.startswith("Focusing until 14:00;")
    assert status(env, bus_address)["manual_focus_until"].startswith("2026-11-14T14:00")
    assert notifyzen(env, "focus", "until", "9:30").stdout.startswith("Focusing until tomorrow 09:30;")
    assert notifyzen(env, "focus", "on").stdout.strip() == "Focusing until you end it (notifyzen focus off)."
    assert status(env, bus_address)["manual_focus_until"] is None


def test_pause_and_resume_from_the_command_line(app: dict[str, str], bus_address: str) -> None:
    env = app
    notifyzen(env, "focus", "1h")
    held = send(bus_address, "during focus")
    paused = notifyzen(env, "pause")
    assert paused.stdout.splitlines() == [
        "Paused: everything comes through until you resume (notifyzen pause off).",
        "1 held notification shown now.",
    ]
    assert next(r for r in rows(env) if r["id"] == held)["state"] == "shown"
    assert verdict(env, send(bus_address, "while paused")) == "deliver"
    assert "paused: everything comes through until you resume" in notifyzen(env, "status").stdout
    assert (
        notifyzen(env, "pause", "off").stdout.strip()
        == "Resumed: notifications are held by your rules again."
    )
    assert not status(env, bus_address)["paused"]
    assert verdict(env, send(bus_address, "after")) == "hold"  # the hour's focus holds again
    assert notifyzen(env, "pause", "30m").stdout.splitlines() == [
        "Paused until 12:30: everything comes through.",
        "1 held notification shown now.",
    ]


def test_bad_input_is_one_clear_line_and_changes_nothing(app: dict[str, str], bus_address: str) -> None:
    env = app
    for args, message in (
        (["focus", "25x"], "not a length of time: 25x (say e.g. 25m, 1h, 1h30m or until 14:00)"),
        (["focus", "until", "25:00"], "not a time of day: 25:00 (say e.g. 14:00)"),
        (["pause", "9999h"], "9999h is not between a minute and a year"),
        (
            ["focus", "25m", "please"],
            "not a length of time: 25m please (say e.g. 25m, 1h, 1h30m or until 14:00)",
        ),
    ):
        done = notifyzen(env, *args)
        assert done.returncode == 2 and done.stderr.strip().endswith(message), done.stderr
        assert "Traceback" not in done.stderr and not done.stdout
    state = status(env, bus_address)
    assert not state["manual_focus"] and not state["paused"]


def test_in_dutch_and_when_nothing_runs(session_env: dict[str, str]) -> None:
    env = {k: v for k, v in session_env.items() if not k.startswith(("LANG", "LC_", "LANGUAGE"))}
    gone = notifyzen(env | DUTCH, "focus", "25m")
    assert gone.returncode == 2
    assert gone.stderr.strip() == "notifyzen: notifyzen draait niet in deze sessie; start hem met `notifyzen`"
    assert "Nu focussen, zoals de Focus-items" in notifyzen(env | DUTCH, "focus", "--help").stdout
    bad = notifyzen(env | DUTCH, "pause", "10x")
    assert bad.stderr.strip().endswith("fout: geen tijdsduur: 10x (zeg bv. 25m, 1h, 1h30m of until 14:00)")
    assert notifyzen(env | DUTCH, "autostart").stdout.strip() == "notifyzen start niet bij het aanmelden."
    proc = start(env | DUTCH, "--mode", "server")
    try:
        assert notifyzen(env | DUTCH, "focus", "25m").stdout.strip() == (
            "Focus tot 12:25; wat niet mag storen wacht op een check-in."
        )
        assert notifyzen(env | DUTCH, "pause", "off").stdout.strip() == (
            "Hervat: meldingen worden weer volgens je regels vastgehouden."
        )
    finally:
        stop(proc)


def test_quit_from_the_command_line(session_env: dict[str, str]) -> None:
    env = {k: v for k, v in session_env.items() if not k.startswith(("LANG", "LC_", "LANGUAGE"))} | ENGLISH
    proc = start(env, "--mode", "server")
    try:
        done = notifyzen(env, "quit")
        assert done.returncode == 0 and done.stdout.strip() == f"notifyzen (pid {proc.pid}) is quitting."
        assert proc.wait(timeout=15) == 0
    finally:
        stop(proc)
    again = notifyzen(env, "quit")
    assert again.returncode == 2
    assert (
        again.stderr.strip()
        == "notifyzen: notifyzen is not running on this session; start it with `notifyzen`"
    )


def test_autostart_from_the_command_line_and_what_sway_needs_instead(session_env: dict[str, str]) -> None:
    env = {k: v for k, v in session_env.items() if not k.startswith(("LANG", "LC_", "LANGUAGE"))} | ENGLISH
    entry = Path(env["XDG_CONFIG_HOME"]) / "autostart" / "io.github.notifyzen.Notifyzen.desktop"
    assert notifyzen(env, "autostart").stdout.strip() == "notifyzen does not start at login."
    on = notifyzen(env, "autostart", "on")
    assert on.stdout.strip() == f"notifyzen starts at login ({entry})."
    assert "Exec=" in entry.read_text()
    assert notifyzen(env, "autostart").stdout.strip() == "notifyzen starts at login."
    sway = notifyzen(env | {"SWAYSOCK": "/run/user/1000/sway-ipc.sock"}, "autostart").stdout.splitlines()
    assert sway[1].startswith(
        "sway and i3 do not start autostart entries themselves; to start notifyzen with them,"
    )
    assert sway[1].endswith(f"put this line in their config: exec {sys.executable} -m notifyzen") or sway[
        1
    ].endswith("/notifyzen")
    assert notifyzen(env, "autostart", "off").stdout.strip() == "notifyzen no longer starts at login."
    assert not entry.exists()
