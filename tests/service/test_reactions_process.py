"""Reactions through the running app as a user meets it (issue 20): `notifyzen run` on a private
bus, a sender, the control interface's Dismiss and InvokeAction (what a pop-up's ✕ and buttons
do), a check-in on the injected clock, then `notifyzen history --json` reading what was recorded."""

from __future__ import annotations

import json
import subprocess
import sys

from dbus_fast import Variant

from tests.harness.notifyzen_proc import client, control, notify, run, start, stop, until

LOW = {"urgency": Variant("y", 0)}


def history_json(env: dict[str, str]) -> dict[str, list[tuple[str, str | None]]]:
    out = subprocess.run(
        [sys.executable, "-m", "notifyzen", "history", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    return {
        row["summary"]: [(r["kind"], r["shown_by"] or r["action"]) for r in row["reactions"]]
        for row in json.loads(out)
    }


def test_the_running_app_records_and_the_cli_exports(session_env: dict[str, str], bus_address: str) -> None:
    proc = start(session_env, "--mode", "server")
    try:

        async def go() -> None:
            async with client(bus_address) as bus:
                parcel = await notify(bus, "Your parcel", app="Shop")
                build = await notify(bus, "Build failed", app="CI", actions=["rerun", "Rerun"])
                await notify(bus, "Newsletter", app="Mail", hints=LOW)  # Saturday noon: held
                assert await control(bus, "Dismiss", "u", [parcel]) is True
                assert await control(bus, "InvokeAction", "us", [build, "rerun"]) is True
                await control(bus, "CheckIn")

        run(go())
        until_ok = lambda: len(history_json(session_env).get("Newsletter", [])) == 1  # noqa: E731
        run(until(until_ok, timeout=10, what="the check-in's shown reaction"))
        assert history_json(session_env) == {
            "Your parcel": [("shown", "arrival"), ("dismissed", None)],
            "Build failed": [("shown", "arrival"), ("acted", "rerun")],
            "Newsletter": [("shown", "checkin")],
        }
    finally:
        stop(proc)
