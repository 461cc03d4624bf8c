"""A notification updated in place is one notification: the tray's count, `history`, `--jsonl`.

A real `notifyzen run --mode server` on a private bus gets a file copy's progress as Dolphin sends
it: one Notify, then 50 more with the first one's id as replaces_id. The history keeps every
version (51 rows), but the tray's "Taken in today" (Status taken_in_today) says 2 after one more
notification, not 52; the replay export keeps every version, each update pointing at its first.
"""

from __future__ import annotations

import json
import subprocess
import sys

from notifyzen.core.model import Notification
from notifyzen.core.stream import parse_lines
from tests.harness.notifyzen_proc import client, control, notify, rows, run, start, stop


def history(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "history", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_copy_progress_updated_50_times_is_taken_in_once(
    session_env: dict[str, str], bus_address: str
) -> None:
    async def go() -> tuple[int, list[int], dict]:
        async with client(bus_address) as bus:
            first = await notify(bus, "Copying 0%", app="Dolphin", timeout=0)
            again = [
                await notify(bus, f"Copying {2 * i}%", app="Dolphin", replaces_id=first, timeout=0)
                for i in range(1, 51)
            ]
            await notify(bus, "Invoice", app="Mail", timeout=0)
            return first, again, await control(bus, "Status")

    proc = start(session_env, "--mode", "server")
    try:
        first, again, status = run(go())
    finally:
        stop(proc)
    assert set(again) == {first}  # the sender kept its one id
    assert status["taken_in_today"] == 2
    stored = rows(session_env)
    assert len(stored) == 52  # every version kept, for --explain and the audit
    assert [r["state"] for r in stored[:50]] == ["replaced"] * 50

    lines = history(session_env, "--jsonl").splitlines()
    assert len(lines) == 52
    marks = [json.loads(line).get("replaces_line") for line in lines]
    assert marks == [None, *[1] * 50, None]
    events = [e.event for e in parse_lines(lines, "history")]
    assert [e.summary for e in events if isinstance(e, Notification)][-2:] == ["Copying 100%", "Invoice"]

    table = history(session_env, "--limit", "100")
    assert "these 52 rows are 2 notifications" in table
    assert table.count("↻ Copying") == 50
