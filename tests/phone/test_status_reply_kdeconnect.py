"""Status replies to phone chats through the real kdeconnectd and a simulated phone, offline.

The scenario (`told_once`) runs inside its own network namespace (tests/phone/kdeconnect_env.py) with
the real Service in server mode: notifyzen's config names Bob and Dan for status replies, the
user focuses by hand, and the phone posts chats with reply ids. What the phone receives as
`kdeconnect.notification.reply` packets is what the people would read.
"""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest

from tests.phone.kdeconnect_env import KdeEnv, available, run_scenario, wait_until

pytestmark = [
    pytest.mark.kdeconnect,
    pytest.mark.slow,
    pytest.mark.skipif(available() is not None, reason=str(available())),
]

SATURDAY_NOON = "2026-11-14T12:00:00+01:00"  # no focus window of the default preset: only manual focus
CONFIG = """
timezone: Europe/Amsterdam
status_reply:
  people: [Bob, Dan, Eve-not-this-one]
"""


async def _service(env: KdeEnv, config: str, at: str) -> tuple[Any, Any, Any]:
    """The real Service in server mode on the scenario's bus, with `config` as config.yaml over
    the shipped presets and a fake clock at `at`; started. Returns (service, listener, db)."""
    from tests.phone.kdeconnect_reconnects import configured_service

    service, listener, db = configured_service(env, config, at)
    await asyncio.to_thread(service.start)
    return service, listener, db


async def told_once(env: KdeEnv) -> dict[str, Any]:
    from tests.phone.kdeconnect_scenarios import on_bus_thread

    service, listener, db = await _service(env, CONFIG, SATURDAY_NOON)
    out: dict[str, Any] = {"mode": service.mode}
    phone = await env.phone("pixel", "Alice's Pixel")

    def replies() -> list[dict[str, Any]]:
        return [p["body"] for p in phone.received if p.get("type") == "kdeconnect.notification.reply"]

    async def held(count: int) -> int:
        await wait_until(lambda: len(listener.ids("held")) >= count, 5, f"{count} held")
        return int(listener.ids("held")[count - 1])

    def promise(id: int) -> str:
        release_at = service.live[id].item.decision.release_at
        assert release_at is not None
        return release_at.strftime("%H:%M")

    try:
        await env.start_daemon()  # after the server: kdeconnectd reads its capabilities once
        await phone.connect()
        await env.wait_reachable("pixel")
        await on_bus_thread(service, service.focus, 60)

        phone.post("0|org.signal|1", "Signal", "Bob", "Lunch?", reply_id="r1")
        bob = await held(1)
        out["first_promise"] = promise(bob)
        await phone.wait_for("kdeconnect.notification.reply")
        phone.post("0|org.signal|2", "Signal", "Bob", "12:30 ok?", reply_id="r2")  # same window
        phone.post("0|org.whatsapp|3", "WhatsApp", "Family: Bob", "Dinner Sunday?", reply_id="r3")
        phone.post("0|org.whatsapp|4", "WhatsApp", "WhatsApp", "5 new messages", reply_id="r4")
        phone.post("0|org.signal|5", "Signal", "Eve", "Are you there?", reply_id="r5")  # not chosen
        phone.post("0|org.signal|6", "Signal", "Dan", "Call later?", reply_id="r6")
        await wait_until(lambda: len(replies()) >= 2, 5, "Dan's reply")
        await asyncio.sleep(0.3)  # anything wrongly sent for r2..r5 would have come before Dan's
        out["in_focus"] = replies()
        out["status"] = (await on_bus_thread(service, service.status))["replies"]

        await on_bus_thread(service, service.end_focus)  # ends early: nothing more is sent
        phone.post("0|org.signal|7", "Signal", "Bob", "Never mind", reply_id="r7")
        await wait_until(lambda: len(listener.ids("delivered")) >= 1, 5, "Bob's message shown")
        await on_bus_thread(service, service.focus, 30)  # a new focus window
        before = len(listener.ids("held"))
        phone.post("0|org.signal|8", "Signal", "Bob", "One more thing", reply_id="r8")
        out["second_promise"] = promise(await held(before + 1))
        await wait_until(lambda: len(replies()) >= 3, 5, "Bob told again")
        await asyncio.sleep(0.3)
        out["all"] = replies()
        rows = sqlite3.connect(db).execute(
            "SELECT summary, status_reply_text FROM notification "
            "WHERE status_reply_text IS NOT NULL ORDER BY id"
        )
        out["rows"] = [list(r) for r in rows]
    finally:
        await asyncio.to_thread(service.stop)
    return out


def focusing(until: str) -> str:
    return f"I'm focusing until {until} and will read your message then. Urgent? Call twice."


def test_phone_chats_are_told_once_per_focus_window() -> None:
    out = run_scenario("tests.phone.test_status_reply_kdeconnect:told_once")
    assert out["mode"] == "server"
    first = focusing(out["first_promise"])
    assert out["first_promise"] == "13:00"  # manual focus for 60 min from 12:00: shown at its end
    assert out["in_focus"] == [
        {"requestReplyId": "r1", "message": first},
        {"requestReplyId": "r6", "message": first},
    ]
    assert out["status"] == {
        "count": 2,
        "until": "13:00",
        "text": "2 people told you're focusing until 13:00",
    }
    assert out["second_promise"] == "12:30"  # the new focus: 30 min from 12:00 on the fake clock
    second = focusing(out["second_promise"])
    assert out["all"][2:] == [{"requestReplyId": "r8", "message": second}]
    assert out["rows"] == [["Bob", first], ["Dan", first], ["Bob", second]]


GROUPS_CONFIG = """
timezone: Europe/Amsterdam
status_reply:
  people: [Bob]
  apps: [WhatsApp]
"""
MONDAY_0930 = "2026-11-16T09:30:00+01:00"  # in the default preset's deep work block (09:00-10:30)


async def groups_and_removed(env: KdeEnv) -> dict[str, Any]:
    """WhatsApp chosen as an app: its group titled 'Family' must not hear from us, and Dan's chat,
    removed on the phone the moment it came (read there), must not be counted as told."""
    from tests.phone.kdeconnect_scenarios import on_bus_thread

    service, listener, db = await _service(env, GROUPS_CONFIG, MONDAY_0930)
    out: dict[str, Any] = {"mode": service.mode}
    phone = await env.phone("pixel", "Alice's Pixel")

    def replies() -> list[dict[str, Any]]:
        return [p["body"] for p in phone.received if p.get("type") == "kdeconnect.notification.reply"]

    try:
        await env.start_daemon()
        await phone.connect()
        await env.wait_reachable("pixel")
        phone.post("0|com.whatsapp|1", "WhatsApp", "Family", "Anke: Dinner Sunday?", reply_id="r1")
        phone.post("0|com.whatsapp|2", "WhatsApp", "Family (3 messages)", "Anke: ok", reply_id="r2")
        await wait_until(lambda: len(listener.ids("held")) >= 2, 5, "the group's messages held")
        await asyncio.sleep(0.5)
        phone.post("0|com.whatsapp|3", "WhatsApp", "Dan", "are you there?", reply_id="r3")
        phone.cancel("0|com.whatsapp|3")
        await asyncio.sleep(1.5)  # kdeconnectd's own pop-up of Dan's chat comes meanwhile
        phone.post("0|org.signal|4", "Signal", "Bob", "Lunch?", reply_id="r4")
        await wait_until(lambda: len(replies()) >= 1, 5, "Bob's reply")
        await asyncio.sleep(0.5)
        out["replies"] = replies()
        out["status"] = (await on_bus_thread(service, service.status))["replies"]
        rows = sqlite3.connect(db).execute(
            "SELECT summary, status_reply_text FROM notification "
            "WHERE status_reply_text IS NOT NULL ORDER BY id"
        )
        out["rows"] = [list(r) for r in rows]
        taken = sqlite3.connect(db).execute("SELECT summary, origin FROM notification ORDER BY id")
        out["taken"] = [list(r) for r in taken]
    finally:
        await asyncio.to_thread(service.stop)
    return out


def test_groups_and_chats_removed_on_the_phone_are_not_told() -> None:
    out = run_scenario("tests.phone.test_status_reply_kdeconnect:groups_and_removed")
    assert out["mode"] == "server"
    # Dan's chat came only as kdeconnectd's own pop-up (with its inline-reply), which the app
    # answered through NotificationReplied to kdeconnectd: recorded as told, heard by nobody.
    assert ["Dan", "server"] in out["taken"], out["taken"]
    told = focusing("10:30")
    assert out["replies"] == [{"requestReplyId": "r4", "message": told}]
    assert out["rows"] == [["Bob", told]]  # Dan's chat is not recorded as answered
    assert out["status"]["count"] == 1
