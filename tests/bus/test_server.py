"""Server mode against real clients on a private bus: what a sender and the history see."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbus_fast import Message, MessageType, Variant

from tests.harness.notifyzen_proc import (
    NOTIFY,
    call,
    client,
    collect_signals,
    control,
    db_path,
    notify,
    rows,
    run,
    start,
    stop,
    until,
)


@pytest.fixture
def server(session_env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    proc = start(session_env, "--mode", "server")
    yield proc
    stop(proc)


def notify_send(env: dict[str, str], *args: str, timeout: float = 10) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["notify-send", *args], env=env, capture_output=True, text=True, timeout=timeout)


def test_notify_send_lands_in_history_with_its_fields(server: object, session_env: dict[str, str]) -> None:
    done = notify_send(
        session_env,
        "--print-id",
        "--urgency=critical",
        "--app-name=Chat",
        "--category=im.received",
        "--hint=string:desktop-entry:org.example.Chat",
        "--hint=string:x-kde-origin-name:Alice",
        "--expire-time=4000",
        "Alice",
        "lunch? <b>now</b>",
    )
    assert done.returncode == 0, done.stderr
    id = int(done.stdout.strip())
    (row,) = [r for r in rows(session_env) if r["id"] == id]
    assert (row["app_name"], row["summary"], row["body"]) == ("Chat", "Alice", "lunch? <b>now</b>")
    assert (row["urgency"], row["category"], row["desktop_entry"]) == (2, "im.received", "org.example.Chat")
    assert row["expire_timeout"] == 4000
    assert row["origin"] == "server" and row["client"].startswith(":")
    assert json.loads(row["hints_json"])["x-kde-origin-name"] == "Alice"
    assert row["state"] == "shown" and row["verdict"] == "deliver"


def test_ids_are_never_zero_and_increase(server: object, bus_address: str) -> None:
    async def go() -> list[int]:
        async with client(bus_address) as bus:
            return [await notify(bus, f"n{i}") for i in range(5)]

    ids = run(go())
    assert 0 not in ids and ids == sorted(set(ids))


def test_capabilities_and_server_information(server: object, bus_address: str) -> None:
    async def go() -> tuple[list[str], list[str]]:
        async with client(bus_address) as bus:
            caps = (await call(bus, NOTIFY, "GetCapabilities")).body[0]
            info = (await call(bus, NOTIFY, "GetServerInformation")).body
            return caps, info

    caps, info = run(go())
    assert {"actions", "body", "body-markup", "body-hyperlinks", "persistence", "inline-reply"} <= set(caps)
    assert info[0] == "notifyzen" and info[3] == "1.3"


def test_close_notification_signals_reason_3(server: object, bus_address: str, session_env: dict) -> None:
    async def go() -> tuple[int, list[list[object]]]:
        async with client(bus_address) as bus:
            closed = await collect_signals(bus, "NotificationClosed")
            id = await notify(bus, "close me", timeout=0)
            await call(bus, NOTIFY, "CloseNotification", "u", [id])
            await until(lambda: bool(closed), what="NotificationClosed")
            return id, closed

    id, closed = run(go())
    assert closed == [[id, 3]]
    (row,) = [r for r in rows(session_env) if r["id"] == id]
    assert (row["state"], row["close_reason"]) == ("closed", 3)


def test_replaces_id_is_the_id_given_back_live_ended_or_never_given_out(
    server: object, bus_address: str, session_env: dict
) -> None:
    """Spec 1.3: a non-zero replaces_id is the id Notify returns. A script that keeps its own id
    (`notify-send -r 4242`) or an app that replaces a notification that ended must get that id,
    else its next update, close or action goes to a number notifyzen does not know."""

    async def go() -> tuple[int, ...]:
        async with client(bus_address) as bus:
            first = await notify(bus, "progress 10%", timeout=0)
            again = await notify(bus, "progress 50%", replaces_id=first, timeout=0)
            await call(bus, NOTIFY, "CloseNotification", "u", [first])
            ended = await notify(bus, "progress 90%", replaces_id=first, timeout=0)
            chosen = await notify(bus, "backup", replaces_id=4242, timeout=0)
            fresh = await notify(bus, "mail", timeout=0)
            return first, again, ended, chosen, fresh

    first, again, ended, chosen, fresh = run(go())
    assert again == ended == first and chosen == 4242
    assert fresh > 4242  # a new id never meets one a sender chose: they follow it
    summaries = [r["summary"] for r in rows(session_env)]
    assert summaries == ["progress 10%", "progress 50%", "progress 90%", "backup", "mail"]  # all kept
    status = run(_status(bus_address))
    assert sorted(status["on_screen"]) == sorted([first, 4242, fresh])


async def _status(bus_address: str) -> dict:
    async with client(bus_address) as bus:
        return dict(await control(bus, "Status"))


def test_a_chosen_id_is_closed_by_that_id_and_new_ids_go_around_a_live_one(
    server: object, bus_address: str, session_env: dict
) -> None:
    """The largest ids a sender can choose are kept as the id of a newer row (the row ids stay
    where libnotify's gint can hold them); a new id that reaches one still on screen skips it."""
    above = 2**30 + 1

    async def go() -> tuple[list[int], list[list[object]]]:
        async with client(bus_address) as bus:
            closed = await collect_signals(bus, "NotificationClosed")
            ids = [
                await notify(bus, "far", replaces_id=above, timeout=0),
                await notify(bus, "near", replaces_id=above - 1, timeout=0),  # the next new id: above
                await notify(bus, "new", timeout=0),
                await notify(bus, "huge", replaces_id=4_000_000_000, timeout=0),
            ]
            await call(bus, NOTIFY, "CloseNotification", "u", [above])
            await call(bus, NOTIFY, "CloseNotification", "u", [4_000_000_000])
            await until(lambda: len(closed) == 2, what="NotificationClosed twice")
            return ids, closed

    ids, closed = run(go())
    assert ids[:2] == [above, above - 1] and ids[3] == 4_000_000_000
    assert ids[2] not in ids[:2] and ids[2] > above - 1
    assert closed == [[above, 3], [4_000_000_000, 3]]
    by_summary = {r["summary"]: r for r in rows(session_env)}
    assert (by_summary["far"]["state"], by_summary["far"]["close_reason"]) == ("closed", 3)
    assert by_summary["new"]["state"] == "shown"  # the new one was not closed in its place
    assert sorted(run(_status(bus_address))["on_screen"]) == sorted([above - 1, ids[2]])


def test_new_ids_after_a_restart_follow_a_chosen_one(session_env: dict[str, str], bus_address: str) -> None:
    async def one(replaces_id: int = 0) -> int:
        async with client(bus_address) as bus:
            return await notify(bus, "n", replaces_id=replaces_id, timeout=0)

    proc = start(session_env, "--mode", "server")
    chosen = run(one(4242))
    stop(proc)
    proc = start(session_env, "--mode", "server")
    try:
        after = run(one())
    finally:
        stop(proc)
    assert chosen == 4242 and after > 4242


def test_ids_survive_a_restart(session_env: dict[str, str], bus_address: str) -> None:
    async def one() -> int:
        async with client(bus_address) as bus:
            return await notify(bus, "before", timeout=0)

    proc = start(session_env, "--mode", "server")
    before = run(one())
    stop(proc)
    proc = start(session_env, "--mode", "server")
    try:
        after = run(one())
    finally:
        stop(proc)
    assert after > before
    first = next(r for r in rows(session_env) if r["id"] == before)
    assert (first["state"], first["close_reason"]) == ("closed", 4)  # its pop-up went with that run


def test_second_instance_says_so_and_exits_0(server: object, session_env: dict[str, str]) -> None:
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "run", "--mode", "server"],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0
    assert "already running" in done.stdout + done.stderr
    assert "notifyzen: notifyzen" not in done.stdout + done.stderr  # one clear line, said once


def test_history_file_is_private(server: object, session_env: dict[str, str]) -> None:
    notify_send(session_env, "secret")
    path = db_path(session_env)
    for file in [path, *path.parent.glob(path.name + "-*")]:
        assert stat.S_IMODE(os.stat(file).st_mode) == 0o600, file


def test_status_reports_server_mode_and_count(server: object, bus_address: str) -> None:
    async def go() -> dict:
        async with client(bus_address) as bus:
            await notify(bus, "one", hints={"urgency": Variant("y", 0)})
            await notify(bus, "two")
            return await control(bus, "Status")

    status = run(go())
    assert status["mode"] == "server"
    assert status["taken_in_today"] == 2
    assert status["held"] == 1  # the default preset holds low urgency for the next check-in
    assert status["next_checkin"] is not None


MUTE_SPAM = "rules:\n  - name: no spam\n    match: {app: Spam}\n    action: mute\n"


def test_a_muted_notification_is_closed_for_its_sender(session_env: dict[str, str], bus_address: str) -> None:
    """A muted notification is never shown, so nothing would ever close it: `notify-send --wait`
    (and an app keeping state until NotificationClosed) waited forever. It is closed at once, after
    the reply, as dismissed by the user's rule; an update that is muted ends its live pop-up too."""
    rules = Path(session_env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules"
    rules.mkdir(parents=True)
    (rules / "mine.yaml").write_text(MUTE_SPAM)
    proc = start(session_env, "--mode", "server")
    try:
        waited = notify_send(session_env, "--wait", "--app-name=Spam", "buy now", timeout=15)
        assert waited.returncode == 0, waited.stderr

        async def go() -> tuple[int, list[list[object]], dict]:
            async with client(bus_address) as bus:
                closed = await collect_signals(bus, "NotificationClosed")
                id = await notify(bus, "live", app="Chat", timeout=0)
                assert await notify(bus, "now spam", app="Spam", replaces_id=id, timeout=0) == id
                await until(lambda: bool(closed), what="NotificationClosed")
                return id, closed, await control(bus, "Status")

        id, closed, status = run(go())
    finally:
        stop(proc)
    assert closed == [[id, 2]]
    assert id not in status["on_screen"]


def test_an_update_refused_by_a_locked_history_leaves_the_waiting_one_waiting(
    server: object, bus_address: str, session_env: dict[str, str]
) -> None:
    """The update is refused (NotStored), so the sender's notification is still the one before it:
    it must still come at the check-in, not sit in limbo, counted nowhere and never shown."""
    import sqlite3

    async def go() -> tuple[int, Message, dict]:
        async with client(bus_address) as bus:
            id = await notify(bus, "3 new mails", hints={"urgency": Variant("y", 0)})  # low: waits
            other = sqlite3.connect(db_path(session_env), isolation_level=None)
            other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
            try:
                refused = await call(
                    bus,
                    NOTIFY,
                    "Notify",
                    "susssasa{sv}i",
                    ["test", id, "", "4 new mails", "", [], {"urgency": Variant("y", 0)}, -1],
                    timeout=30,
                )
            finally:
                other.execute("ROLLBACK")
                other.close()
            return id, refused, await control(bus, "CheckIn")

    id, refused, checkin = run(go())
    assert refused.message_type is MessageType.ERROR
    assert checkin["released"] == [id]


def test_an_updated_call_is_no_second_try(session_env: dict[str, str], bus_address: str) -> None:
    """A softphone rewrites its missed-call notification in place ("… (voicemail)"): that is the
    same call, not a second one, so it stays held in deep work; a real second call breaks through."""
    proc = start(session_env, "--mode", "server", clock="2026-11-16T09:30:00+01:00")  # Monday, deep work
    try:

        async def go() -> list[str]:
            async with client(bus_address) as bus:
                call_hints = {"category": Variant("s", "call.unanswered")}
                first = await notify(bus, "Ada", "Missed call", app="Linphone", hints=call_hints)
                await notify(
                    bus, "Ada", "Missed call (voicemail)", app="Linphone", hints=call_hints, replaces_id=first
                )
                await notify(bus, "Ada", "Missed call", app="Linphone", hints=call_hints)
                await control(bus, "Status")
                return [r["rule"] for r in rows(session_env)]

        assert run(go()) == ["default", "default", "repeated contact"]
    finally:
        stop(proc)
