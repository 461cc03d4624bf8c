"""The control interface does only what the user could (issue 22): it invokes only an action the
app offered, and refuses a focus or pause no clock can end, leaving everything as it was."""

from __future__ import annotations

import json
import math

from dbus_fast import Message, MessageType

from tests.harness.notifyzen_proc import (
    CONTROL,
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


def test_invoke_action_reaches_the_app_only_with_a_key_it_offered(
    session_env: dict[str, str], bus_address: str
) -> None:
    async def go() -> tuple[list[bool], list[list], int, int]:
        async with client(bus_address) as app:
            invoked = await collect_signals(app, "ActionInvoked")
            offered = ["archive", "Archive", "inline-reply", "Reply"]
            mail = await notify(app, "Invoice 114", actions=offered, timeout=0)
            other = await notify(app, "Build failed", actions=["retry", "Retry"], timeout=0)
            answers = [
                await control(app, "InvokeAction", "us", [mail, "delete-everything"]),
                await control(app, "InvokeAction", "us", [mail, "inline-reply"]),  # Reply's field
                await control(app, "InvokeAction", "us", [mail, "Archive"]),  # a label, not a key
                await control(app, "InvokeAction", "us", [other, "retry"]),
            ]
            # Signals come in the order they were sent: anything the refused calls had sent is
            # in before the one the offered key sends.
            await until(lambda: bool(invoked), what="ActionInvoked for the offered key")
            return answers, invoked, mail, other

    proc = start(session_env, "--mode", "server")
    try:
        answers, invoked, mail, other = run(go())
    finally:
        stop(proc)
    assert answers == [False, False, False, True]
    assert invoked == [[other, "retry"]]
    states = {r["id"]: r["state"] for r in rows(session_env)}
    assert states[mail] == "shown", "a refused action still ended the notification"


BAD = [
    ("Pause", 1e12),
    ("Pause", math.nan),
    ("Pause", -math.inf),
    ("Pause", math.inf),
    ("Focus", 1e12),
    ("Focus", math.nan),
    ("Focus", math.inf),
    ("Focus", -math.inf),
]


def moments(status: dict) -> tuple:
    return status["paused"], status["manual_focus"], status["manual_focus_until"], status["focus_window"]


def test_a_focus_or_pause_no_clock_can_end_is_refused_and_changes_nothing(
    session_env: dict[str, str], bus_address: str
) -> None:
    async def refuse_all() -> tuple[dict, list[tuple[str, float, Message]], dict]:
        async with client(bus_address) as bus:
            before = await control(bus, "Status")
            replies = [(m, x, await call(bus, CONTROL, m, "d", [x])) for m, x in BAD]
            return before, replies, await control(bus, "Status")

    async def status() -> dict:
        async with client(bus_address) as bus:
            return dict(await control(bus, "Status"))

    proc = start(session_env, "--mode", "server")
    try:
        before, replies, after = run(refuse_all())
    finally:
        stop(proc)
    for member, minutes, reply in replies:
        assert reply.message_type is MessageType.ERROR, f"{member}({minutes}) was accepted"
        assert reply.error_name == "org.freedesktop.DBus.Error.InvalidArgs", (member, minutes, reply.body)
        assert "525600" in reply.body[0] and "or 0 or less" in reply.body[0], reply.body
    assert not before["paused"] and not before["manual_focus"]
    assert moments(after) == moments(before)
    proc = start(session_env, "--mode", "server")
    try:
        assert moments(run(status())) == moments(before), "a refused pause or focus came back after a restart"
    finally:
        stop(proc)


def test_the_longest_pause_still_ends(session_env: dict[str, str], bus_address: str) -> None:
    async def go() -> dict:
        async with client(bus_address) as bus:
            await control(bus, "Pause", "d", [525_600.0])
            return dict(await control(bus, "Status"))

    proc = start(session_env, "--mode", "server")
    try:
        status = run(go())
    finally:
        stop(proc)
    assert status["paused"] is True
    kept = json.loads(db_path(session_env).with_name("notifyzen.db.moments").read_text())
    assert kept["pause"]["until"].startswith("2027-11-14T11:00"), kept  # a year from Saturday noon
