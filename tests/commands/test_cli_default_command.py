"""`notifyzen` alone runs the app, so its options work without `run` (issue 18, item 8)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.harness.notifyzen_proc import CONTROL, ZONE, answers_status, name_has_owner, stop, wait_for

CLOCK = "2026-11-14T12:00:00+01:00"


def status_json(env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "status", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    state = json.loads(done.stdout)
    assert isinstance(state, dict)
    return state


@pytest.mark.parametrize("mode", ["observe", "server"])
def test_options_of_the_default_command_work_without_run(session_env: dict[str, str], mode: str) -> None:
    """observe is what `--mode auto` would never pick on a bus where the notification name is free,
    so seeing it in status proves the option reached the app, not just that argparse let it by."""
    env = session_env | {"TZ": ZONE}
    proc = subprocess.Popen(
        [sys.executable, "-m", "notifyzen", "--mode", mode, "--clock", CLOCK, "--clock-stopped"],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:

        def up() -> bool:
            if proc.poll() is not None:
                out, err = proc.communicate()
                raise AssertionError(
                    f"`notifyzen --mode {mode}` exited with {proc.returncode}:\n{out}\n{err}"
                )
            return name_has_owner(env, CONTROL[0]) and answers_status(env)

        wait_for(up, 20, "notifyzen to answer on its control interface")
        state = status_json(env)
        assert state["mode"] == mode
        assert str(state["clock"]).startswith("2026-11-14T12:00:00")
    finally:
        stop(proc)


def test_a_mistyped_command_is_still_named_as_one(session_env: dict[str, str]) -> None:
    """Only arguments that start with an option go to `run`: `notifyzen statsu` must not start the
    app or complain about `run`, it says which commands there are."""
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "statsu"],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "statsu" in done.stderr and "status" in done.stderr and "notifyzen run" not in done.stderr


def test_a_wrong_value_is_refused_as_runs_option(session_env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "--mode", "loud"],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--mode" in done.stderr and "loud" in done.stderr and "observe" in done.stderr
