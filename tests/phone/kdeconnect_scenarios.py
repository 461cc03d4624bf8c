"""Bodies of the KDE Connect tests; each runs inside its own network namespace (kdeconnect_env).

Each takes a `KdeEnv`, drives the real kdeconnectd with simulated phones and the adapter, and
returns what a user would have seen as plain data; tests/phone/test_kdeconnect*.py assert on it.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from notifyzen.core.model import Notification
from notifyzen.core.phone_match import PhoneKey, ShadowMatcher, is_phone_popup
from notifyzen.phone.kdeconnect import KdeConnect
from tests.phone.kdeconnect_env import KdeEnv, wait_until
from tests.phone.phone import Phone


@dataclass
class Seen:
    """Everything the adapter reported, in order, with the moment it did."""

    events: list[tuple[str, str, dict[str, Any], float]] = field(default_factory=list)
    available: list[bool] = field(default_factory=list)

    def posted(self, n: Notification, key: PhoneKey) -> None:
        self.events.append(("posted", str(key), describe(n), time.monotonic()))

    def updated(self, n: Notification, key: PhoneKey) -> None:
        self.events.append(("updated", str(key), describe(n), time.monotonic()))

    def removed(self, key: PhoneKey) -> None:
        self.events.append(("removed", str(key), {}, time.monotonic()))

    def of(self, kind: str) -> list[tuple[str, str, dict[str, Any], float]]:
        return [e for e in self.events if e[0] == kind]

    def keys(self, kind: str) -> list[str]:
        return [e[1] for e in self.of(kind)]

    async def wait(self, kind: str, key: str, timeout: float = 5.0) -> None:
        await wait_until(lambda: key in self.keys(kind), timeout, f"{kind} {key}")


def describe(n: Notification) -> dict[str, Any]:
    return {
        "app": n.app_name,
        "sender": n.sender,
        "summary": n.summary,
        "body": n.body,
        "device": n.device,
        "source": n.source.value,
        "actions": [list(a) for a in n.actions],
        "silent": n.hints.get("x-kdeconnect-silent"),
    }


def key(phone: Phone, internal_id: str) -> PhoneKey:
    return PhoneKey(phone.device_id, internal_id)


async def adapter(env: KdeEnv, seen: Seen, **kwargs: Any) -> KdeConnect:
    bus = await env.connect_bus()
    nz = KdeConnect(
        bus,
        on_posted=seen.posted,
        on_updated=seen.updated,
        on_removed=seen.removed,
        on_available=seen.available.append,
        **kwargs,
    )
    await nz.start()
    return nz


async def connected(env: KdeEnv, nz: KdeConnect, *phones: Phone) -> None:
    for p in phones:
        if not p.connected:
            await p.connect()
        await env.wait_reachable(p.device_id)
    await wait_until(
        lambda: all(d in nz.devices and nz.devices[d].reachable for d in (p.device_id for p in phones)),
        10,
        "adapter sees the phones",
    )


async def one_phone(env: KdeEnv) -> dict[str, Any]:
    """Post, update, cancel on the phone; reply, action and dismiss from the desktop."""
    await env.start_notification_server()
    phone = await env.phone("alice_pixel_7", "Alice's Pixel")
    await env.start_daemon()
    seen = Seen()
    nz = await adapter(env, seen)
    await connected(env, nz, phone)
    out: dict[str, Any] = {"available": nz.available}

    chat = key(phone, "0|org.signal|42")
    phone.post(chat.internal_id, "Signal", "Bob", "Lunch at 12?", reply_id="r-42", actions=("Mark as read",))
    await seen.wait("posted", str(chat))
    out["posted"] = seen.of("posted")[0][2]

    phone.post(
        chat.internal_id, "Signal", "Bob", "Lunch at 12:30?", reply_id="r-42", actions=("Mark as read",)
    )
    await seen.wait("updated", str(chat))
    out["updated"] = seen.of("updated")[0][2]

    gone = key(phone, "0|com.mail|7")
    phone.post(gone.internal_id, "Mail", "Carol", "Invoice")
    await seen.wait("posted", str(gone))
    phone.cancel(gone.internal_id)
    await seen.wait("removed", str(gone))

    out["reply_ok"] = await nz.send_reply(chat, "On my way")
    reply = await phone.wait_for("kdeconnect.notification.reply")
    out["reply_packet"] = reply["body"]
    out["action_ok"] = await nz.send_action(chat, "Mark as read")
    out["action_packet"] = (await phone.wait_for("kdeconnect.notification.action"))["body"]

    sticky = key(phone, "0|com.music|1")
    phone.post(sticky.internal_id, "Music", "Now playing", "Song", clearable=False)
    await seen.wait("posted", str(sticky))
    out["dismiss_sticky_ok"] = await nz.dismiss(sticky)
    out["reply_without_reply_id_ok"] = await nz.send_reply(sticky, "hm")

    out["dismiss_ok"] = await nz.dismiss(chat)
    cancel = await phone.wait_for("kdeconnect.notification.request", lambda b: "cancel" in b)
    out["cancel_packet"] = cancel["body"]
    await seen.wait("removed", str(chat))
    await nz.idle()
    out["events"] = [(kind, k) for kind, k, _, _ in seen.events]
    out["status"] = nz.status()
    out["phone_active"] = sorted(phone.active)
    out["adapter_keys"] = sorted(str(k) for k in nz.notes)
    await nz.stop()
    return out


async def burst(env: KdeEnv, count: int = 200) -> dict[str, Any]:
    """Many posts at once: every one arrives once; latency phone send -> adapter callback."""
    server = await env.start_notification_server()
    phone = await env.phone("burst_phone", "Burst Phone")
    await env.start_daemon()
    seen = Seen()
    nz = await adapter(env, seen)
    await connected(env, nz, phone)
    singles = []
    for i in range(20):  # one at a time: the latency a user would feel
        sent = time.monotonic()
        phone.post(f"single|{i}", "Chat", f"Person {i}", f"message {i}")
        await seen.wait("posted", str(key(phone, f"single|{i}")))
        singles.append(seen.of("posted")[-1][3] - sent)
    sent = time.monotonic()
    for i in range(count):
        phone.post(f"burst|{i}", "Chat", f"Person {i}", f"burst {i}")
    await wait_until(lambda: len(seen.of("posted")) == 20 + count, 20, "the whole burst")
    took = seen.of("posted")[-1][3] - sent
    notify_at = {c["body"]: c["t"] for c in server.notifies()}
    # >0: kdeconnectd's pop-up came before the adapter had read the phone object
    popup_lead = [e[3] - notify_at[e[2]["body"]] for e in seen.of("posted")[:20] if e[2]["body"] in notify_at]
    await nz.idle()
    return {
        "posted": len(seen.of("posted")),
        "unique": len(set(seen.keys("posted"))),
        "single_median_ms": statistics.median(singles) * 1000,
        "single_max_ms": max(singles) * 1000,
        "burst_ms": took * 1000,
        "popup_lead_ms": sorted(round(x * 1000, 2) for x in popup_lead),
        "notifies": len(server.notifies()),
    }


async def shadows(env: KdeEnv) -> dict[str, Any]:
    """kdeconnectd's own pop-up for each phone notification is matched to the phone item."""
    server = await env.start_notification_server()
    phone = await env.phone("shadow_phone", "Shadow Phone")
    await env.start_daemon()
    matcher: ShadowMatcher[int] = ShadowMatcher()
    order: list[str] = []
    links: dict[int, str] = {}

    def clock() -> datetime:
        return datetime.now(UTC)

    def on_notify(call: dict[str, Any]) -> None:
        n = Notification(call["app_name"], call["summary"], clock(), body=call["body"], hints=call["hints"])
        if not is_phone_popup(n):
            return
        order.append("notify")
        found = matcher.popup(call["id"], n, clock())
        if found is not None:
            links[call["id"]] = str(found)

    def on_posted(n: Notification, k: PhoneKey) -> None:
        seen.posted(n, k)
        order.append("posted")
        for token in matcher.phone(k, n, clock()):
            links[token] = str(k)

    server.listeners.append(on_notify)
    seen = Seen()
    nz = await adapter(env, seen)
    nz.on_posted = on_posted
    await connected(env, nz, phone)
    texts = [("Signal", "Bob", "Lunch?"), ("Mail", "Carol", "a < b & c"), ("Signal", "Dave", "Lunch?")]
    for i, (app, title, text) in enumerate(texts):
        phone.post(f"s|{i}", app, title, text)
    await wait_until(lambda: len(seen.of("posted")) == 3 and len(server.notifies()) == 3, 5, "3 posts")
    await asyncio.sleep(0.05)
    return {
        "links": {str(k): v for k, v in links.items()},
        "ids": {str(c["id"]): f"shadow_phone/s|{i}" for i, c in enumerate(server.notifies())},
        "pending": list(matcher.pending),
        "order": order,
    }


async def not_running(env: KdeEnv) -> dict[str, Any]:
    """No kdeconnectd: the adapter says so, then picks the phone up when the daemon starts."""
    seen = Seen()
    nz = await adapter(env, seen)
    out: dict[str, Any] = {"available_before": nz.available}
    await env.start_notification_server()
    phone = await env.phone("late_phone", "Late Phone")
    await env.start_daemon()
    await connected(env, nz, phone)
    phone.post("1", "Chat", "Eve", "hi")
    await seen.wait("posted", "late_phone/1")
    out["available_after"] = nz.available
    out["available_changes"] = seen.available
    env.kill_daemon()
    await wait_until(lambda: not nz.available, 5, "adapter notices the daemon is gone")
    out["available_killed"] = nz.available
    out["events"] = [(kind, k) for kind, k, _, _ in seen.events]
    return out


async def restarts(env: KdeEnv) -> dict[str, Any]:
    """Two phones; kdeconnectd killed and restarted; a phone leaving and coming back.

    The phones resend everything (silent) on each reconnect: nothing may be posted twice, and
    what was swiped away on the phone meanwhile must be reported removed.
    """
    server = await env.start_notification_server()
    a = await env.phone("phone_a", "Alice's Pixel")
    b = await env.phone("phone_b", "Work Phone")
    await env.start_daemon()
    seen = Seen()
    nz = await adapter(env, seen, resync_grace=1.0)
    await connected(env, nz, a, b)
    same_id = "0|org.signal|1"  # the same phone-side id on two phones: two different items
    a.post(same_id, "Signal", "Bob", "Lunch?", reply_id="ra")
    a.post("0|com.mail|2", "Mail", "Carol", "Invoice")
    a.post("0|com.chat|3", "Chat", "Dan", "ping")
    b.post(same_id, "Signal", "Boss", "Call me")
    await wait_until(lambda: len(seen.of("posted")) == 4, 5, "4 posts")
    notifies_before = len(server.notifies())

    env.kill_daemon()
    await wait_until(lambda: not nz.available and not a.connected and not b.connected, 5, "daemon gone")
    a.cancel("0|com.mail|2")  # swiped away while the desktop could not see it
    down = time.monotonic()
    await env.start_daemon()
    await connected(env, nz, a, b)
    reconnect_s = time.monotonic() - down
    await wait_until(lambda: "phone_a/0|com.mail|2" in seen.keys("removed"), 5, "stale mail removed")
    await nz.idle()
    after_restart = [(kind, k) for kind, k, _, _ in seen.events]

    b.post("0|com.news|4", "News", "Headline", "Something happened")
    await seen.wait("posted", "phone_b/0|com.news|4")
    b.drop()  # the work phone leaves Wi-Fi ...
    await wait_until(lambda: not nz.devices["phone_b"].reachable, 5, "work phone gone")
    dismissed_while_away = await nz.dismiss(PhoneKey("phone_b", "0|com.news|4"))  # ... is dismissed here
    b.post("0|com.cal|9", "Calendar", "Standup", "in 5 min")  # ... shows something while away
    await connected(env, nz, b)  # ... and comes back, resending all
    late_cancel = await b.wait_for("kdeconnect.notification.request", lambda body: "cancel" in body)
    await seen.wait("posted", "phone_b/0|com.cal|9")
    await seen.wait("removed", "phone_b/0|com.news|4")
    await asyncio.sleep(1.2)  # past resync_grace: nothing may be removed by mistake
    await nz.idle()

    dismissed = await nz.dismiss(PhoneKey("phone_a", same_id))  # public ids were renumbered
    cancel = await a.wait_for("kdeconnect.notification.request", lambda body: "cancel" in body)
    replied = await nz.send_reply(PhoneKey("phone_a", same_id), "yes") if dismissed else None
    await nz.idle()
    return {
        "after_restart": after_restart,
        "events": [(kind, k) for kind, k, _, _ in seen.events],
        "silent_resends": sorted(str(k) for k, note in nz.notes.items() if note.silent),
        "notifies_after_restart": len(server.notifies()) - notifies_before,
        "keys": sorted(str(k) for k in nz.notes),
        "dismissed": dismissed,
        "cancel": cancel["body"],
        "reply_after_dismiss": replied,
        "dismissed_while_away": dismissed_while_away,
        "late_cancel": late_cancel["body"],
        "b_active": sorted(b.active),
        "reconnect_s": reconnect_s,
        "available": seen.available,
    }


async def pairing(env: KdeEnv) -> dict[str, Any]:
    """An untrusted phone asks to pair: kdeconnectd's request pop-up; accepted over D-Bus."""
    server = await env.start_notification_server()
    phone = await env.phone("new_phone", "New Phone", trusted=False)
    await env.start_daemon()
    seen = Seen()
    nz = await adapter(env, seen)
    await phone.connect()
    phone.request_pairing()
    await wait_until(
        lambda: any(c["hints"].get("x-kde-eventId") == "pairingRequest" for c in server.notifies()),
        5,
        "pairing pop-up",
    )
    popup = next(c for c in server.notifies() if c["hints"].get("x-kde-eventId") == "pairingRequest")
    await env.call("/modules/kdeconnect/devices/new_phone", "org.kde.kdeconnect.device", "acceptPairing")
    await asyncio.wait_for(phone.paired.wait(), 5)
    await connected(env, nz, phone)
    phone.post("1", "Chat", "Eve", "paired!")
    await seen.wait("posted", "new_phone/1")
    await env.call("/modules/kdeconnect/devices/new_phone", "org.kde.kdeconnect.device", "unpair")
    await seen.wait("removed", "new_phone/1")
    n = Notification(
        popup["app_name"], popup["summary"], datetime.now(UTC), body=popup["body"], hints=popup["hints"]
    )
    from notifyzen.core.phone_match import is_pairing_request

    return {
        "pairing_popup": is_pairing_request(n),
        "actions": popup["actions"],
        "events": [(kind, k) for kind, k, _, _ in seen.events],
    }


class Listener:
    """The UI's view of the Service, recorded (called on the service's bus thread)."""

    def __init__(self) -> None:
        self.log: list[tuple[str, Any]] = []

    def delivered(self, item: Any) -> None:
        self.log.append(("delivered", item.id))

    def held(self, item: Any) -> None:
        self.log.append(("held", item.id))

    def closed(self, id: int, reason: int) -> None:
        self.log.append(("closed", id))

    def checkin(self, checkin: Any, items: list[Any]) -> None:
        self.log.append(("checkin", sorted(i.id for i in items)))

    def status(self, status: dict[str, Any]) -> None:
        pass

    def quit(self) -> None:
        pass

    def ids(self, kind: str) -> list[Any]:
        return [v for k, v in self.log if k == kind]


async def on_bus_thread(service: Any, fn: Any, *args: Any) -> Any:
    """Run fn(*args) on the service's bus thread (awaiting it if it is a coroutine function)."""

    async def run() -> Any:
        result = fn(*args)
        return await result if asyncio.iscoroutine(result) else result

    return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(run(), service.loop))


def default_service(env: KdeEnv, at: datetime, mode: str = "server") -> tuple[Any, Listener, Path]:
    """The real Service as notifyzen runs out of the box (default preset), on the scenario's bus
    with a fake clock at `at` (local wall time); not started. Returns (service, listener, db)."""
    from notifyzen.clock import FakeClock
    from notifyzen.service.service import Service

    listener = Listener()
    db = env.home / "notifyzen.db"
    service = Service(
        db_path=db,
        clock=FakeClock(at.astimezone()),
        listener=listener,
        mode=mode,
        bus_address=env.address,
        timeline_factory=lambda: default_rules(env),
    )
    return service, listener, db


CONTROL = ("/io/github/notifyzen/Notifyzen", "io.github.notifyzen.Notifyzen1")
MONDAY_IN_DEEP_WORK = datetime(2026, 11, 23, 9, 30)  # the default preset's first block, 09:00-10:30


def default_rules(env: KdeEnv) -> Any:
    """The Timeline notifyzen runs on out of the box (default preset, no config of the user's)."""
    from notifyzen.core.ruleload import load_active
    from notifyzen.core.timeline import Timeline
    from tests.phone.kdeconnect_env import ROOT

    loaded = load_active(env.home / "no-config", ROOT / "rules")
    assert loaded.ok, loaded.errors
    return Timeline(loaded.rules, loaded.config)


async def control(env: KdeEnv, member: str, signature: str = "", body: list[Any] | None = None) -> Any:
    """What the tray, the digest and `notifyzen` itself call on the running app."""
    (answer,) = await env.call(*CONTROL, member, signature, body, destination="io.github.notifyzen.Notifyzen")
    return answer


async def digest(env: KdeEnv) -> dict[str, Any]:
    """Issue 5's proof, with the real Service in server mode on an injected clock (Monday 09:30, in
    the default preset's deep work): a phone notification is held, released at the check-in where
    the block ends, dismissed as the digest does it (control interface Dismiss -> Service.dismiss)
    and the phone gets the cancel. Then: one removed on the phone leaves the queue but stays in
    history; a reply typed on the desktop reaches the phone; a chat on phone and desktop is one item
    whichever copy comes first; a phone dropping off changes nothing."""
    import sqlite3

    from notifyzen.phone.link import ServiceLink

    service, listener, db = default_service(env, MONDAY_IN_DEEP_WORK)
    out: dict[str, Any] = {"mode": await asyncio.to_thread(service.start)}
    try:
        # The Service starts the KDE Connect link itself (notifyzen.phone.link.start).
        link = next(a for a in service.adapters if isinstance(a, ServiceLink))
        phone = await env.phone("pixel", "Alice's Pixel")
        await env.start_daemon()  # after the server: kdeconnectd reads its capabilities once
        await phone.connect()
        await env.wait_reachable("pixel")

        phone.post("0|org.signal|1", "Signal", "Bob", "Lunch?", reply_id="r1")
        await wait_until(lambda: len(listener.ids("held")) == 1, 5, "the phone notification held")
        await asyncio.sleep(1.2)  # longer than the shadow window: kdeconnectd's pop-up is answered
        (held,) = listener.ids("held")
        live = service.live[held]
        out["held"] = describe(live.item.notification)
        out["held_window"] = live.item.decision.window
        out["rows_after_post"] = (
            sqlite3.connect(db).execute("SELECT count(*) FROM notification").fetchone()[0]
        )
        out["shadowed"] = link.shadowed
        status = json.loads(await control(env, "Status"))
        out["status_kdeconnect"] = status["kdeconnect"]

        # The block ends at 10:30: the clock is moved there, the check-in shows what waited.
        await control(
            env, "SetClock", "s", [MONDAY_IN_DEEP_WORK.replace(hour=10, minute=30).astimezone().isoformat()]
        )
        await wait_until(lambda: bool(listener.ids("checkin")), 5, "the check-in at 10:30")
        out["checkins"] = listener.ids("checkin")
        out["phone_active_in_digest"] = sorted(phone.active)

        out["dismissed"] = await control(env, "Dismiss", "u", [held])  # what the digest's Dismiss does
        out["cancel"] = (await phone.wait_for("kdeconnect.notification.request", lambda b: "cancel" in b))[
            "body"
        ]
        out["phone_active_after_dismiss"] = sorted(phone.active)

        # The second block (11:00-12:30): more phone notifications wait.
        await control(
            env, "SetClock", "s", [MONDAY_IN_DEEP_WORK.replace(hour=11, minute=5).astimezone().isoformat()]
        )
        phone.post("0|com.mail|2", "Mail", "Carol", "Invoice")
        await wait_until(lambda: len(listener.ids("held")) == 2, 5, "a second one held")
        mail = listener.ids("held")[1]
        phone.cancel("0|com.mail|2")  # read on the phone
        await wait_until(lambda: mail in listener.ids("closed"), 5, "removed on the phone")
        out["mail_still_held"] = mail in service.timeline.held

        phone.post("0|org.signal|3", "Signal", "Dan", "Coffee?", reply_id="r3")
        await wait_until(lambda: len(listener.ids("held")) == 3, 5, "a third one held")
        chat = listener.ids("held")[2]
        await control(env, "Reply", "us", [chat, "Sure, 3pm"])  # typed in the digest
        out["reply"] = (await phone.wait_for("kdeconnect.notification.reply"))["body"]

        # The same chat shown by the desktop app first, then by the phone: one item.
        (desktop_id,) = await env.call(
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications",
            "Notify",
            "susssasa{sv}i",
            ["Signal", 0, "", "Erin", "See you!", [], {}, -1],
            destination="org.freedesktop.Notifications",
        )
        phone.post("0|org.signal|4", "Signal", "Erin", "See you!")
        echo = PhoneKey("pixel", "0|org.signal|4")
        await wait_until(lambda: echo in link.ids, 5, "the phone copy linked")
        out["echo"] = {"desktop_id": desktop_id, "phone_item": link.ids[echo]}

        # The phone drops off Wi-Fi: kdeconnectd closes its pop-ups, but the phone still shows the
        # notification, so it stays held; coming back (and resending) adds nothing.
        # (a shopping list, not a calendar: the default preset shows calendar reminders in deep work)
        phone.post("0|com.cal|5", "Keep Notes", "Shopping", "milk, bread")
        await wait_until(lambda: len(listener.ids("held")) == 5, 5, "the note held")
        cal = listener.ids("held")[4]
        phone.drop()
        assert link.adapter is not None
        adapter = link.adapter
        await wait_until(lambda: not adapter.devices["pixel"].reachable, 5, "phone gone")
        await asyncio.sleep(0.3)
        out["away"] = {"cal_held": cal in service.timeline.held, "closed": cal in listener.ids("closed")}
        await phone.connect()
        await env.wait_reachable("pixel")
        await wait_until(lambda: adapter.devices["pixel"].reachable, 5, "phone back")
        await asyncio.sleep(0.3)
        out["back"] = {"cal_held": cal in service.timeline.held, "held_count": len(listener.ids("held"))}

        # The other order: the phone's copy first, the desktop app's a moment later: one item.
        phone.post("0|org.signal|6", "Signal", "Frank", "On the train")
        await wait_until(lambda: len(listener.ids("held")) == 6, 5, "Frank's message held")
        frank = listener.ids("held")[5]
        (desktop_frank,) = await env.call(
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications",
            "Notify",
            "susssasa{sv}i",
            ["Signal", 0, "", "Frank", "On the train", [], {}, -1],
            destination="org.freedesktop.Notifications",
        )
        out["echo_after_phone"] = {"phone_item": frank, "desktop_id": desktop_frank}

        # One of the phone's own buttons, clicked here (control interface InvokeAction, as a pop-up
        # does): the phone is asked to run it.
        phone.post("0|org.signal|7", "Signal", "Gina", "Running late", actions=("Mark as read",))
        await wait_until(lambda: len(listener.ids("held")) >= 7, 5, "Gina's message held")
        gina = listener.ids("held")[6]
        await control(env, "InvokeAction", "us", [gina, "Mark as read"])
        out["action"] = (await phone.wait_for("kdeconnect.notification.action"))["body"]

        await asyncio.sleep(0.2)
        rows = (
            sqlite3.connect(db)
            .execute("SELECT app_name, origin, external_id, state FROM notification ORDER BY id")
            .fetchall()
        )
        out["rows"] = [list(r) for r in rows]
        out["log"] = listener.log
        out["held_ids"] = [held, mail, chat]
    finally:
        await asyncio.to_thread(service.stop)
    return out


async def icon(env: KdeEnv) -> dict[str, Any]:
    """A phone notification with an icon: kdeconnectd fetches it; the item points at the file."""
    import base64
    import pathlib

    server = await env.start_notification_server()
    phone = await env.phone("icon_phone", "Icon Phone")
    await env.start_daemon()
    seen = Seen()
    nz = await adapter(env, seen)
    await connected(env, nz, phone)
    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
    )
    await phone.post_with_icon("0|org.photos|1", "Photos", "Bob", "sent you a picture", png)
    await seen.wait("posted", "icon_phone/0|org.photos|1")
    n = nz.notification(PhoneKey("icon_phone", "0|org.photos|1"))
    assert n is not None
    path = pathlib.Path(n.app_icon) if n.app_icon else None
    await wait_until(lambda: len(server.notifies()) == 1, 5, "the pop-up")
    return {
        "icon_is_the_phones": path is not None and path.is_file() and path.read_bytes() == png,
        "popup_image": server.notifies()[0]["hints"].get("image_data"),
    }


async def notifyzen_restart(env: KdeEnv) -> dict[str, Any]:
    """notifyzen restarts while a phone notification is held: it stays one item with its id."""
    import sqlite3

    from notifyzen.clock import RealClock
    from notifyzen.core.timeline import Timeline
    from notifyzen.phone.link import ServiceLink
    from notifyzen.service.service import Service

    def focused() -> Timeline:
        timeline = Timeline()
        timeline.focus(datetime.now(UTC), minutes=60)
        return timeline

    db = env.home / "notifyzen.db"

    def service(listener: Listener) -> Service:
        return Service(
            db_path=db,
            clock=RealClock(),
            listener=listener,
            mode="server",
            bus_address=env.address,
            timeline_factory=focused,
        )

    first = Listener()
    one = service(first)
    await asyncio.to_thread(one.start)
    phone = await env.phone("pixel", "Alice's Pixel")
    await env.start_daemon()
    await phone.connect()
    await env.wait_reachable("pixel")
    phone.post("0|org.signal|1", "Signal", "Bob", "Lunch?")
    await wait_until(lambda: len(first.ids("held")) == 1, 5, "held")
    await asyncio.to_thread(one.stop)

    second = Listener()
    two = service(second)
    await asyncio.to_thread(two.start)
    try:
        link = next(a for a in two.adapters if isinstance(a, ServiceLink))
        await wait_until(
            lambda: (
                link.adapter is not None
                and "pixel" in link.adapter.devices
                and link.adapter.devices["pixel"].reachable
            ),
            5,
            "the phone seen again",
        )
        assert link.adapter is not None
        await on_bus_thread(two, link.adapter.idle)
        rows = sqlite3.connect(db).execute("SELECT id, external_id, state FROM notification").fetchall()
        return {
            "first_id": first.ids("held")[0],
            "mapped": link.ids.get(PhoneKey("pixel", "0|org.signal|1")),
            "held_after": sorted(two.timeline.held),
            "rows": [list(r) for r in rows],
        }
    finally:
        await asyncio.to_thread(two.stop)


async def notifyzen_restart_shown(env: KdeEnv) -> dict[str, Any]:
    """notifyzen restarts while a phone notification it already showed is still on the phone: the
    phone's resend is known from the history (Store.find_external), so no second row, no second
    pop-up."""
    import sqlite3

    from notifyzen.clock import FakeClock
    from notifyzen.phone.link import ServiceLink
    from notifyzen.service.service import Service

    db = env.home / "notifyzen.db"
    lunch = MONDAY_IN_DEEP_WORK.replace(hour=13).astimezone()  # between blocks: shown at once

    def service(listener: Listener) -> Service:
        return Service(
            db_path=db,
            clock=FakeClock(lunch),
            listener=listener,
            mode="server",
            bus_address=env.address,
            timeline_factory=lambda: default_rules(env),
        )

    first = Listener()
    one = service(first)
    await asyncio.to_thread(one.start)
    phone = await env.phone("pixel", "Alice's Pixel")
    await env.start_daemon()
    await phone.connect()
    await env.wait_reachable("pixel")
    phone.post("0|org.signal|1", "Signal", "Bob", "Lunch?")
    await wait_until(lambda: len(first.ids("delivered")) == 1, 5, "shown")
    await asyncio.sleep(1.2)  # kdeconnectd's own pop-up answered (the shadow window)
    await asyncio.to_thread(one.stop)

    second = Listener()
    two = service(second)
    await asyncio.to_thread(two.start)
    try:
        link = next(a for a in two.adapters if isinstance(a, ServiceLink))
        await wait_until(
            lambda: link.adapter is not None and PhoneKey("pixel", "0|org.signal|1") in link.adapter.notes,
            5,
            "the phone's notification read again",
        )
        assert link.adapter is not None
        await on_bus_thread(two, link.adapter.idle)
        await asyncio.sleep(0.3)
        rows = sqlite3.connect(db).execute("SELECT id, external_id, state FROM notification").fetchall()
        out = {
            "first_shown": first.ids("delivered"),
            "mapped": link.ids.get(PhoneKey("pixel", "0|org.signal|1")),
            "second_log": list(second.log),
            "rows": [list(r) for r in rows],
        }
        # Read on the phone, then Bob writes again: Signal reuses the chat's id for the new message.
        phone.cancel("0|org.signal|1")
        await wait_until(lambda: PhoneKey("pixel", "0|org.signal|1") not in link.ids, 5, "removed")
        phone.post("0|org.signal|1", "Signal", "Bob", "Still hungry?")
        await wait_until(lambda: len(second.ids("delivered")) == 1, 5, "the new message shown")
        rows = sqlite3.connect(db).execute("SELECT id, body, state FROM notification").fetchall()
        out["rows_after_new_message"] = [list(r) for r in rows]
        return out
    finally:
        await asyncio.to_thread(two.stop)


async def observe_mode(env: KdeEnv) -> dict[str, Any]:
    """Observe mode next to the real dunst: kdeconnectd's pop-up of a phone notification reaches
    dunst (and notifyzen's monitor), but only the KDE Connect link's phone item is taken; an
    ordinary desktop notification is still observed."""
    import os
    import sqlite3

    from tests.harness.dunst import dunstctl, running_dunst, running_xvfb

    # This process is the scenario's own: the observer's DND driver CLIs read this environment.
    os.environ.update({k: v for k, v in env.env.items() if k.startswith(("XDG_", "HOME", "DBUS_"))})
    os.environ["NOTIFYZEN_DND"] = "none"  # dunst shows everything: the routing is what is tested
    with running_xvfb() as display, running_dunst(env.address, display, env.env):
        service, _listener, db = default_service(env, MONDAY_IN_DEEP_WORK, mode="auto")
        out: dict[str, Any] = {"mode": await asyncio.to_thread(service.start)}
        try:
            phone = await env.phone("pixel", "Alice's Pixel")
            await env.start_daemon()  # after dunst: kdeconnectd reads its capabilities once
            await phone.connect()
            await env.wait_reachable("pixel")
            phone.post("0|org.signal|1", "Signal", "Bob", "Lunch?")
            await env.call(
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                "Notify",
                "susssasa{sv}i",
                ["Mail", 0, "", "Invoice", "from Carol", [], {}, -1],
                destination="org.freedesktop.Notifications",
            )

            def rows() -> list[list[Any]]:
                con = sqlite3.connect(db)
                found = con.execute("SELECT app_name, origin FROM notification ORDER BY id").fetchall()
                return [list(r) for r in found]

            def dunst_got() -> int:
                counts = [dunstctl(env.address, "count", k) for k in ("displayed", "waiting", "history")]
                return sum(int(c) for c in counts)

            await wait_until(lambda: len(rows()) >= 2 and dunst_got() >= 2, 5, "both taken in")
            await asyncio.sleep(1.0)  # room for a second copy of the phone notification to show up
            out["rows"] = rows()
            out["dunst_got"] = dunst_got()
        finally:
            await asyncio.to_thread(service.stop)
    return out


def _rows(db: Any) -> list[dict[str, Any]]:
    import sqlite3

    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    query = "SELECT id, origin, external_id, app_name, summary, sender, category, verdict, rule, state"
    return [dict(r) for r in con.execute(query + " FROM notification ORDER BY id")]


async def android_shapes(env: KdeEnv) -> dict[str, Any]:
    """Shapes real Android phones send, through the real Service in the default preset's deep work:
    missed calls in Dutch and German from the dialers' packages, a ringing call, a notification
    without a title, WhatsApp's growing group title, a download's progress that cannot be swiped
    away. Returns the history rows after each step (keyed by what was posted)."""
    service, listener, db = default_service(env, MONDAY_IN_DEEP_WORK)
    out: dict[str, Any] = {"mode": await asyncio.to_thread(service.start)}
    try:
        phone = await env.phone("pixel", "Alice's Pixel")
        await env.start_daemon()  # after the server: kdeconnectd reads its capabilities once
        await phone.connect()
        await env.wait_reachable("pixel")

        async def post(name: str, id: str, app: str, title: str, text: str, **kw: Any) -> None:
            phone.post(id, app, title, text, **kw)
            await wait_until(lambda: any(r["external_id"] == f"pixel/{id}" for r in _rows(db)), 5, name)

        await post(
            "nl 1", "0|com.google.android.dialer|1|MissedCall|10146", "Telefoon", "Gemiste oproep", "Anke"
        )
        await post(
            "nl 2", "0|com.google.android.dialer|2|MissedCall|10146", "Telefoon", "Gemiste oproep", "Anke"
        )
        await post("de 1", "0|com.samsung.android.dialer|7|null|10090", "Telefon", "+49 170 1234567", "Anruf")
        await post("de 2", "0|com.samsung.android.dialer|8|null|10090", "Telefon", "+49 170 1234567", "Anruf")
        await post(
            "ringing",
            "0|com.google.android.dialer|3|incall|10146",
            "Phone",
            "Bob",
            "Incoming call",
            clearable=False,
        )
        await post("no title", "0|com.example.app|4|null|10200", "Foo", "", "no title here")
        await post("group", "0|com.whatsapp|1|Family|10300", "WhatsApp", "Family (3 messages)", "Anke: hi")
        await post(
            "download",
            "0|com.android.providers.downloads|5|null|10010",
            "Downloads",
            "file.zip",
            "10%",
            clearable=False,
        )
        await post(
            "markup", "0|org.signal|6|null|10400", "Signal", "Dave", "<b>x</b> & <a href='http://e'>y</a>"
        )
        await asyncio.sleep(1.2)  # longer than the shadow window: every kdeconnectd pop-up answered
        out["deep_work"] = _rows(db)
        out["markup_body"] = next(
            live.item.notification.body
            for live in service.live.values()
            if live.item.notification.sender == "Dave"
        )

        # After the block (13:00): the download shows, the user closes its pop-up; its progress
        # ticks on the phone (the same id resent with a new text) and must not come back each time.
        await control(env, "SetClock", "s", [MONDAY_IN_DEEP_WORK.replace(hour=13).astimezone().isoformat()])
        await asyncio.sleep(0.2)
        (download,) = [
            r["id"] for r in _rows(db) if r["app_name"] == "Downloads" and r["state"] != "replaced"
        ]
        out["download_dismissed"] = await control(env, "Dismiss", "u", [download])
        before = len(_rows(db))
        for p in (20, 30, 40):
            phone.post(
                "0|com.android.providers.downloads|5|null|10010",
                "Downloads",
                "file.zip",
                f"{p}%",
                clearable=False,
            )
            await asyncio.sleep(0.1)
        phone.post("0|org.signal|9|null|10400", "Signal", "Carol", "done")  # a marker: all read
        await wait_until(lambda: any(r["sender"] == "Carol" for r in _rows(db)), 5, "Carol")
        out["after_ticks"] = _rows(db)[before:]
        out["log"] = listener.log
    finally:
        await asyncio.to_thread(service.stop)
    return out


async def phone_flood(env: KdeEnv) -> dict[str, Any]:
    """A chat's backlog arriving at once (a phone back online, a busy group): outside focus, the
    flood gate gives the first ten pop-ups and holds the rest for the check-in, as it does for a
    desktop app and as `rules simulate` replays it; another sender is not held with them."""
    lunch = MONDAY_IN_DEEP_WORK.replace(hour=13)  # no focus window
    service, listener, db = default_service(env, lunch)
    await asyncio.to_thread(service.start)
    try:
        phone = await env.phone("pixel", "Alice's Pixel")
        await env.start_daemon()
        await phone.connect()
        await env.wait_reachable("pixel")
        for i in range(30):
            phone.post(f"0|com.whatsapp|{i}", "WhatsApp", "Family", f"message {i}")
        phone.post("0|org.signal|99", "Signal", "Bob", "Lunch?")
        await wait_until(lambda: len(_rows(db)) >= 31, 10, "the backlog and Bob")
        await asyncio.sleep(0.3)
        rows = _rows(db)
        return {
            "family": [[r["verdict"], r["rule"]] for r in rows if r["sender"] == "Family"],
            "bob": [[r["verdict"], r["rule"]] for r in rows if r["sender"] == "Bob"],
            "popups": len(listener.ids("delivered")),
        }
    finally:
        await asyncio.to_thread(service.stop)
