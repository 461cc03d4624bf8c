"""The CLI on top of a running notifyzen: status, history (live and after exit), checkin."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.harness.notifyzen_proc import client, notify, run, start, stop


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", *args], env=env, capture_output=True, text=True, timeout=30
    )


@pytest.mark.slow
def test_status_and_history_while_running_and_after(session_env: dict[str, str], bus_address: str) -> None:
    async def send() -> list[int]:
        async with client(bus_address) as bus:
            return [
                await notify(bus, "Build green", "all 312 tests", app="CI"),
                await notify(bus, "Alice", "lunch?\x1b[31m", app="Chat"),
            ]

    proc = start(session_env, "--mode", "server")
    try:
        ids = run(send())
        status = cli(session_env, "status", "--json")
        assert status.returncode == 0, status.stderr
        state = json.loads(status.stdout)
        assert state["running"] and state["mode"] == "server"
        assert state["taken_in_today"] == 2 and state["held"] == 0
        assert {"next_checkin", "focus_window"} <= state.keys()
        text = cli(session_env, "status")
        assert "server mode" in text.stdout and "taken in today: 2" in text.stdout
        live = cli(session_env, "history", "--json")
        assert [r["summary"] for r in json.loads(live.stdout)] == ["Build green", "Alice"]
    finally:
        stop(proc)
    table = cli(session_env, "history", "--app", "chat")
    assert table.returncode == 0, table.stderr
    assert "Alice" in table.stdout and "Build green" not in table.stdout
    assert "\x1b" not in table.stdout  # another program's text cannot drive the terminal
    why = cli(session_env, "history", "--explain", str(ids[0]))
    assert "deliver by rule 'default'" in why.stdout and "Build green" in why.stdout
    lines = cli(session_env, "history", "--jsonl").stdout.splitlines()
    assert [json.loads(line)["summary"] for line in lines] == ["Build green", "Alice"]
    assert json.loads(lines[0])["app_name"] == "CI"
    # the clock started on Saturday 14 November 2026: ISO week 46
    assert len(cli(session_env, "history", "--jsonl", "--week", "2026-W46").stdout.splitlines()) == 2
    assert cli(session_env, "history", "--jsonl", "--week", "2026-W47").stdout == ""


def test_status_when_not_running(session_env: dict[str, str]) -> None:
    done = cli(session_env, "status", "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout) == {"running": False}


def test_checkin_now_asks_the_running_app(session_env: dict[str, str]) -> None:
    proc = start(session_env, "--mode", "server")
    try:
        done = cli(session_env, "checkin", "now", "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["reason"] == "manual"
    finally:
        stop(proc)
    db = cli(session_env, "history", "--json")
    assert db.returncode == 0


def test_history_rejects_a_bad_since(session_env: dict[str, str]) -> None:
    proc = start(session_env, "--mode", "server")
    stop(proc)
    done = cli(session_env, "history", "--since", "last tuesday-ish")
    assert done.returncode == 2 and "--since" in done.stderr
