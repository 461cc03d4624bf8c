"""Scenarios for issue 16: one phone notification stays one notification, whatever the link does.

Each runs inside its own loopback-only network namespace (tests/phone/kdeconnect_env.py) with the real
kdeconnectd, a simulated phone that behaves like the Android app (it resends its whole shade,
silent and with fresh reply ids, on every connection) and the real Service in server mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from notifyzen.core.phone_match import PhoneKey
from notifyzen.phone.link import ServiceLink
from tests.phone.kdeconnect_env import KdeEnv, wait_until
from tests.phone.kdeconnect_scenarios import default_service, on_bus_thread
from tests.phone.phone import Phone

LUNCH = datetime(2026, 11, 23, 13, 0)  # a Monday between the default preset's blocks: shown at once
ANNA = "0|org.thoughtcrime.securesms|101|null|10234"
MAIL = "0|com.google.android.gm|7|null|10111"
FAMILY = "0|com.whatsapp|3|null|10150"
KUDOS = "0|com.strava|9|null|10200"


def rows(db: Path) -> list[dict[str, Any]]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        columns = "id, origin, external_id, summary, body, state, replaces_id, close_reason"
        query = f"SELECT {columns} FROM notification"
        return [dict(r) for r in con.execute(query + " ORDER BY id")]
    finally:
        con.close()


def link_of(service: Any) -> ServiceLink:
    return next(a for a in service.adapters if isinstance(a, ServiceLink))


async def settled(service: Any, phone: Phone, grace: float = 1.3) -> None:
    """The phone is seen again, its resend read, and the resync grace is over."""
    link = link_of(service)
    await wait_until(
        lambda: (
            link.adapter is not None
            and phone.device_id in link.adapter.devices
            and link.adapter.devices[phone.device_id].reachable
        ),
        10,
        "the phone seen again",
    )
    assert link.adapter is not None
    await on_bus_thread(service, link.adapter.idle)
    await asyncio.sleep(grace)  # past resync_grace: what was not resent is gone
    await on_bus_thread(service, link.adapter.idle)


def ids_by_key(service: Any) -> dict[str, int]:
    return {str(k): v for k, v in link_of(service).ids.items()}


async def reconnect(env: KdeEnv, how: str) -> dict[str, Any]:
    """Four phone notifications shown; Anna's pop-up expired, Kudos dismissed in notifyzen. Then
    the link goes (`how`: kdeconnectd killed, the phone off Wi-Fi, or notifyzen restarted) and,
    while it is down, Mail is swiped away on the phone and the family chat grows. The phone
    reconnects and resends its shade."""
    service, listener, db = default_service(env, LUNCH)
    await asyncio.to_thread(service.start)
    _shorten_grace(service)
    phone = await env.phone("pixel", "Anna's Pixel")
    await env.start_daemon()
    await phone.connect()
    await env.wait_reachable("pixel")
    phone.post(ANNA, "Signal", "Anna de Vries", "Are you coming?", reply_id="r-anna")
    phone.post(MAIL, "Gmail", "Invoice 2026-118", "Due on Friday")
    phone.post(FAMILY, "WhatsApp", "Family", "1 new message", reply_id="r-family")
    phone.post(KUDOS, "Strava", "Kudos", "Bob gave you kudos")
    await wait_until(lambda: len(listener.ids("delivered")) == 4, 10, "four shown")
    first = ids_by_key(service)
    await on_bus_thread(service, service.expire, first[f"pixel/{ANNA}"])  # the pop-up timed out
    await on_bus_thread(service, service.dismiss, first[f"pixel/{KUDOS}"])  # dismissed here
    await phone.wait_for("kdeconnect.notification.request", lambda b: b.get("cancel") == KUDOS)
    shown_before = len(listener.ids("delivered"))

    if how == "kill kdeconnectd":
        env.kill_daemon()
        await wait_until(lambda: not phone.connected, 5, "the link gone with the daemon")
        _while_apart(phone)
        await env.start_daemon()
        await phone.connect()
        await settled(service, phone)
    elif how == "phone off wifi":
        phone.drop()
        link = link_of(service)
        await wait_until(
            lambda: link.adapter is not None and not link.adapter.devices["pixel"].reachable, 10, "phone gone"
        )
        _while_apart(phone)
        await phone.connect()
        await settled(service, phone)
    elif how == "restart notifyzen":
        await asyncio.to_thread(service.stop)
        phone.drop()
        _while_apart(phone)
        service, listener, _ = default_service(env, LUNCH)
        await asyncio.to_thread(service.start)
        _shorten_grace(service)
        shown_before = 0
        await phone.connect()
        await settled(service, phone)
    else:
        raise ValueError(how)

    after = rows(db)
    status = await on_bus_thread(service, service.status)
    out = {
        "first": first,
        "rows": after,
        "shown_after": len(listener.ids("delivered")) - shown_before,
        "live_keys": sorted(ids_by_key(service)),
        "phone_active": sorted(phone.active),
        "kdeconnect": status["kdeconnect"],
    }
    await asyncio.to_thread(service.stop)
    out["reactions"] = reactions(db)  # after the stop: the arrivals' "shown" are written by then
    return out


def reactions(db: Path) -> dict[str, list[str]]:
    """Each history row's reactions (issue 20), by row id (a string: the scenario's result is
    JSON), sorted by kind (on the fake clock they all happen at one moment)."""
    con = sqlite3.connect(db)
    try:
        found: dict[str, list[str]] = {}
        for row, kind in con.execute("SELECT notification_id, kind FROM reaction ORDER BY kind"):
            found.setdefault(str(row), []).append(kind)
        return found
    finally:
        con.close()


def _while_apart(phone: Phone) -> None:
    phone.cancel(MAIL)  # read on the phone while the desktop could not see it
    phone.post(FAMILY, "WhatsApp", "Family", "2 new messages", reply_id="r-family")  # the chat grew


def _shorten_grace(service: Any) -> None:
    """The adapter waits resync_grace (10 s) for a reconnected phone's resend before it takes what
    was not resent for removed; the scenarios wait 1 s."""
    adapter = link_of(service).adapter
    assert adapter is not None
    adapter.resync_grace = 1.0


async def soak(env: KdeEnv, reconnects: int = 24, shade: int = 70) -> dict[str, Any]:
    """Valent issue 1067's day: 70 notifications in the shade, 24 reconnects, each resending all."""
    service, listener, db = default_service(env, LUNCH)
    await asyncio.to_thread(service.start)
    _shorten_grace(service)
    phone = await env.phone("pixel", "Anna's Pixel")
    await env.start_daemon()
    await phone.connect()
    await env.wait_reachable("pixel")
    for i in range(shade):
        phone.post(
            f"0|org.app{i % 7}|{i}|null|10{i:03}", f"App {i % 7}", f"Title {i}", f"text {i}", reply_id=f"r{i}"
        )
    await wait_until(lambda: len(listener.ids("delivered")) == shade, 20, "the shade shown once")
    shown = len(listener.ids("delivered"))
    link = link_of(service)
    assert link.adapter is not None
    devices = link.adapter.devices
    for round in range(reconnects):
        phone.drop()
        await wait_until(lambda: not devices["pixel"].reachable, 10, "phone gone")
        await phone.connect()
        await settled(service, phone, grace=1.3 if round == reconnects - 1 else 0.2)
    all_rows = rows(db)
    await asyncio.to_thread(service.stop)
    return {
        "rows": len(all_rows),
        "distinct_keys": len({r["external_id"] for r in all_rows}),
        "shown_again": len(listener.ids("delivered")) - shown,
        "closed": sum(1 for r in all_rows if r["state"] == "closed"),
    }


# -- the same message on the desktop and on the phone (an echo), across a restart ----------------

ECHO_CONFIG = """
timezone: Europe/Amsterdam
status_reply:
  people: [Anna de Vries]
"""
MONDAY_0930 = "2026-11-16T09:30:00+01:00"  # the default preset's deep work (09:00-10:30): held


def configured_service(env: KdeEnv, config: str, at: str) -> tuple[Any, Any, Path]:
    """The real Service in server mode with `config` as the user's config.yaml over the shipped
    presets, on a fake clock at `at`; the same history file each time. Not started."""
    from notifyzen.clock import FakeClock
    from notifyzen.core.ruleload import load_active
    from notifyzen.core.timeline import Timeline
    from notifyzen.service.service import Service
    from tests.phone.kdeconnect_env import ROOT
    from tests.phone.kdeconnect_scenarios import Listener

    config_dir = env.home / "nz-config"
    config_dir.mkdir(exist_ok=True)
    (config_dir / "config.yaml").write_text(config)

    def timeline() -> Timeline:
        loaded = load_active(config_dir, ROOT / "rules")
        assert loaded.ok, loaded.errors
        return Timeline(loaded.rules, loaded.config)

    listener = Listener()
    db = env.home / "notifyzen.db"
    service = Service(
        db_path=db,
        clock=FakeClock(datetime.fromisoformat(at)),
        listener=listener,
        mode="server",
        bus_address=env.address,
        timeline_factory=timeline,
    )
    return service, listener, db


async def echo_service(env: KdeEnv) -> tuple[Any, Any, Path]:
    """The echo scenarios' Service (status replies for Anna, Monday in deep work), started, with
    the 1 s resync grace; the same history file each time, so a second call is a restart."""
    service, listener, db = configured_service(env, ECHO_CONFIG, MONDAY_0930)
    await asyncio.to_thread(service.start)
    _shorten_grace(service)
    return service, listener, db


async def phone_back(env: KdeEnv, service: Any, phone: Phone) -> None:
    """kdeconnectd started again and the phone reconnected and resent its shade, settled."""
    await env.start_daemon()
    await phone.connect()
    await settled(service, phone)


async def notify_send(env: KdeEnv, app: str, summary: str, body: str) -> int:
    """What Signal Desktop does, as the real notify-send does it; returns the id it was given."""
    proc = await asyncio.create_subprocess_exec(
        "notify-send", "-a", app, "-p", summary, body, env=env.env, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    assert proc.returncode == 0, f"notify-send exited {proc.returncode}"
    return int(out.decode().strip())


async def echo_restart(env: KdeEnv, order: str, ending: str, grown: bool = False) -> dict[str, Any]:
    """Anna's Signal message reaches notifyzen twice, from Signal Desktop and from the phone
    (`order`: which copy first), in deep work, and is one held item. It ends (`ending`: dismissed
    in the digest while the phone is away, or closed by Signal Desktop: read there). notifyzen
    is restarted, kdeconnectd is killed and started again, and the phone, reconnecting, resends
    its shade, in which Anna's notification still is (with `grown`: it grew meanwhile, "2 new
    messages"). Returns what the user would see afterwards."""
    from tests.phone.kdeconnect_scenarios import control

    service, listener, db = await echo_service(env)
    phone = await env.phone("pixel", "Anna's Pixel")
    await env.start_daemon()  # after the server: kdeconnectd reads its capabilities once
    await phone.connect()
    await env.wait_reachable("pixel")
    link = link_of(service)
    key = PhoneKey("pixel", ANNA)

    def replies() -> list[dict[str, Any]]:
        return [p["body"] for p in phone.received if p.get("type") == "kdeconnect.notification.reply"]

    if order == "desktop first":
        desktop = await notify_send(env, "Signal", "Anna de Vries", "Are you coming?")
        phone.post(ANNA, "Signal", "Anna de Vries", "Are you coming?", reply_id="r-anna")
        await wait_until(lambda: key in link.ids, 5, "the phone's copy linked")
        item = link.ids[key]
    else:
        phone.post(ANNA, "Signal", "Anna de Vries", "Are you coming?", reply_id="r-anna")
        await wait_until(lambda: key in link.ids, 5, "the phone's notification taken")
        item = link.ids[key]
        await wait_until(lambda: len(replies()) == 1, 5, "Anna told once")
        desktop = await notify_send(env, "Signal", "Anna de Vries", "Are you coming?")
    # kdeconnectd's own pop-up of it answered with the same item
    await wait_until(lambda: link.shadowed == 1, 5, "kdeconnectd's pop-up placed")
    out: dict[str, Any] = {
        "item": item,
        "desktop": desktop,
        "held_before": listener.ids("held"),
        "replies_before": len(replies()),
    }
    if ending == "dismissed":  # in the digest, while the phone is off Wi-Fi (it cannot be told)
        phone.drop()
        assert link.adapter is not None
        adapter = link.adapter
        await wait_until(lambda: not adapter.devices["pixel"].reachable, 10, "phone gone")
        await control(env, "Dismiss", "u", [item])
    elif ending == "dismissed, the phone there":  # its copy is dismissed on the phone at once
        await control(env, "Dismiss", "u", [item])
        with contextlib.suppress(TimeoutError):
            await phone.wait_for("kdeconnect.notification.request", lambda b: b.get("cancel") == ANNA, 3)
        out["cancelled_at_once"] = len(cancels(phone))
    elif ending == "closed by the app":  # read in Signal Desktop, which withdraws its notification
        await env.call(
            "/org/freedesktop/Notifications",
            "org.freedesktop.Notifications",
            "CloseNotification",
            "u",
            [desktop],
            destination="org.freedesktop.Notifications",
        )
    else:
        raise ValueError(ending)
    await wait_until(lambda: item not in service.live, 5, "the item ended")
    await asyncio.to_thread(service.stop)
    phone.drop()
    env.kill_daemon()
    if grown:
        phone.post(ANNA, "Signal", "Anna de Vries", "2 new messages", reply_id="r-anna")
    cancels_before = len(cancels(phone))

    service, listener, _ = await echo_service(env)
    await phone_back(env, service, phone)
    if ending == "dismissed":  # dismissed here while it was away: the phone is told now
        with contextlib.suppress(TimeoutError):
            await phone.wait_for("kdeconnect.notification.request", lambda b: b.get("cancel") == ANNA, 3)
    status = await on_bus_thread(service, service.status)
    out.update(
        {
            "rows": rows(db),
            "held_after": listener.ids("held"),
            "shown_after": listener.ids("delivered"),
            "replies_after": replies()[out["replies_before"] :],
            "cancels_after": len(cancels(phone)) - cancels_before,
            "phone_active": sorted(phone.active),
            "taken_in_today": status["taken_in_today"],
            "kdeconnect": status["kdeconnect"],
        }
    )
    await asyncio.to_thread(service.stop)
    return out


def cancels(phone: Phone) -> list[Any]:
    """The desktop's requests to the phone to dismiss Anna's notification."""
    return [p for p in phone.received if p.get("body", {}).get("cancel") == ANNA]


async def as_the_user_sees_it(env: KdeEnv) -> dict[str, Any]:
    """`notifyzen status` and `notifyzen history`, run as the user runs them, after a day like
    issue 16's: Anna's message on Signal Desktop and on the phone (one item), a mail read on the
    phone while it waited here, Anna's item dismissed in the digest while the phone was away,
    notifyzen and kdeconnectd restarted, and the phone's resend with Anna's chat grown."""
    from tests.phone.kdeconnect_scenarios import control

    service, _, db = await echo_service(env)
    phone = await env.phone("pixel", "Anna's Pixel")
    await env.start_daemon()
    await phone.connect()
    await env.wait_reachable("pixel")
    link = link_of(service)
    anna, mail = PhoneKey("pixel", ANNA), PhoneKey("pixel", MAIL)
    item = await notify_send(env, "Signal", "Anna de Vries", "Are you coming?")
    phone.post(ANNA, "Signal", "Anna de Vries", "Are you coming?", reply_id="r-anna")
    phone.post(MAIL, "Gmail", "Invoice 2026-118", "Due on Friday")
    await wait_until(lambda: anna in link.ids and mail in link.ids, 5, "both on the desktop")
    phone.cancel(MAIL)  # read on the phone
    await wait_until(lambda: mail not in link.ids, 5, "the mail gone")
    phone.drop()
    assert link.adapter is not None
    adapter = link.adapter
    await wait_until(lambda: not adapter.devices["pixel"].reachable, 10, "phone gone")
    await control(env, "Dismiss", "u", [item])
    await asyncio.to_thread(service.stop)
    env.kill_daemon()
    phone.post(ANNA, "Signal", "Anna de Vries", "2 new messages", reply_id="r-anna")

    service, _, _ = await echo_service(env)
    await phone_back(env, service, phone)
    user = {**env.env, "NOTIFYZEN_DB": str(db), "TZ": "Europe/Amsterdam", "LANGUAGE": "en", "LANG": "C.UTF-8"}

    async def notifyzen(*args: str) -> str:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "notifyzen", *args, env=user, stdout=asyncio.subprocess.PIPE
        )
        out, _ = await proc.communicate()
        assert proc.returncode == 0, f"notifyzen {' '.join(args)} exited {proc.returncode}"
        return out.decode()

    try:
        return {
            "item": item,
            "status": await notifyzen("status"),
            "history": await notifyzen("history"),
        }
    finally:
        await asyncio.to_thread(service.stop)
