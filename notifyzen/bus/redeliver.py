"""Observe mode's way back to the desktop's daemon, on notifyzen's *normal* connection (a
monitor may not send).

Notifications that break through are re-sent to the daemon under notifyzen's name with the hint
`x-notifyzen-redelivered`, which the observer skips, so they are not counted twice; a pop-up the
daemon shows is closed by the id the observer saw (`close_on_daemon`).

Where the daemon allows it (Plasma), a break-through is not a copy: the app's own notification is
replaced in place under its own id (`replace_in_place`), so it shows once, with the app's buttons,
and the daemon's ActionInvoked (a broadcast) still reaches the app.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

from notifyzen.bus import wire
from notifyzen.core.model import IMAGE_HINTS, Item

log = logging.getLogger(__name__)

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
REDELIVERED_HINT = "x-notifyzen-redelivered"
NOTIFY_SIGNATURE = "susssasa{sv}i"


def redelivery_args(item: Item) -> list[Any]:
    """The Notify body that shows `item` on the daemon, marked so the observer skips it.

    Only the default action (a click on the body) is kept. The copy is notifyzen's: the daemon
    tells notifyzen, not the app, which button was pressed, and no one can hand that on to the
    app (its ActionInvoked must come from the daemon), so "Accept" or a reply field there would
    do nothing. The app's own notification, with its buttons, stays in the desktop's history."""
    args = wire.to_notify_args(item.notification)
    actions: list[str] = args[5]
    args[5] = [
        t
        for key, label in zip(actions[::2], actions[1::2], strict=False)
        if key == "default"
        for t in (key, label)
    ]
    hints: dict[str, Variant] = args[6]
    if item.decision.urgency is not None:  # a rule raised or lowered it
        hints["urgency"] = Variant("y", int(item.decision.urgency))
    hints[REDELIVERED_HINT] = Variant("b", True)
    return args


CALL_TIMEOUT = 10.0  # a hung daemon must not pile up waiting tasks
TOO_SIMILAR = "org.freedesktop.Notifications.Error.ExcessNotificationGeneration"
# Plasma refuses a Notify identical (app, summary, body, actions, ...) to the one it got last, within
# 1 s of it (server_p.cpp). A copy raised in place is identical but for its urgency: it waits that out.
SIMILAR_WINDOW_S = 1.05
REPLY_KEY = "inline-reply"


async def _call_daemon(
    bus: MessageBus, timeout: float, member: str, signature: str, body: list[Any]
) -> Message | None:
    """A call to whichever daemon owns the name, bounded: a hung one must not pile up tasks."""
    message = Message(
        destination=NAME, path=PATH, interface=NAME, member=member, signature=signature, body=body
    )
    return await asyncio.wait_for(bus.call(message), timeout)


async def redeliver(bus: MessageBus, item: Item, *, timeout: float = CALL_TIMEOUT) -> int:
    """Show `item` through the daemon that owns the name; returns the daemon's id."""
    reply = await _call_daemon(bus, timeout, "Notify", NOTIFY_SIGNATURE, redelivery_args(item))
    if reply is None or reply.message_type is MessageType.ERROR or reply.signature != "u":
        detail = reply.body if reply is not None else "no reply"
        raise ConnectionError(f"the notification daemon refused the redelivery: {detail}")
    return int(reply.body[0])


async def close_on_daemon(bus: MessageBus, external_id: int | str, *, timeout: float = CALL_TIMEOUT) -> None:
    """Close a pop-up the daemon shows (its id as observed). A daemon that no longer knows the
    id is not an error: the pop-up is gone either way."""
    reply = await _call_daemon(bus, timeout, "CloseNotification", "u", [int(external_id)])
    if reply is not None and reply.message_type is MessageType.ERROR:
        log.debug("CloseNotification(%s) answered %s", external_id, reply.error_name)


def in_place_args(args: tuple[Any, ...] | list[Any], daemon_id: int, urgency: int) -> list[Any]:
    """The app's own Notify body (as observed), now replacing `daemon_id` with `urgency`.

    Everything the app sent stays (actions, image, desktop entry, x-kde hints), except the inline
    reply: Plasma hands a typed reply only to the connection that sent the Notify, which is now
    notifyzen's, and no one can pass it on to the app as the daemon's NotificationReplied."""
    body = list(args)
    body[1] = int(daemon_id)
    actions = [str(a) for a in body[5]]
    body[5] = [
        t
        for key, label in zip(actions[::2], actions[1::2], strict=False)
        if key != REPLY_KEY
        for t in (key, label)
    ]
    hints = dict(body[6])
    hints["urgency"] = Variant("y", int(urgency))
    hints[REDELIVERED_HINT] = Variant("b", True)
    body[6] = hints
    return body


def veiled_args(args: tuple[Any, ...] | list[Any], headline: str) -> list[Any]:
    """Privacy mode (issue 19, notifyzen/context/privacy.py): the app's Notify body saying only
    `headline` ("1 urgent message from Anke"): no body, no image, no button but the click."""
    body = list(args)
    body[3], body[4] = headline, ""
    actions = [str(a) for a in body[5]]
    body[5] = [
        t for k, label in zip(actions[::2], actions[1::2], strict=False) if k == "default" for t in (k, label)
    ]
    body[6] = {k: v for k, v in dict(body[6]).items() if k not in IMAGE_HINTS}
    return body


async def replace_in_place(
    bus: MessageBus,
    args: tuple[Any, ...] | list[Any],
    daemon_id: int,
    urgency: int,
    *,
    timeout: float = CALL_TIMEOUT,
) -> None:
    """Replace the daemon's notification `daemon_id` with the app's own words at `urgency`.

    Refused as "too similar" (the app's Notify was the last one, less than a second ago), it is
    sent again once that second is over: the break-through is a second late, never lost."""
    body = in_place_args(args, daemon_id, urgency)
    reply = await _call_daemon(bus, timeout, "Notify", NOTIFY_SIGNATURE, body)
    if reply is not None and reply.message_type is MessageType.ERROR and reply.error_name == TOO_SIMILAR:
        await asyncio.sleep(SIMILAR_WINDOW_S)
        reply = await _call_daemon(bus, timeout, "Notify", NOTIFY_SIGNATURE, body)
    if reply is None or reply.message_type is MessageType.ERROR or reply.signature != "u":
        detail = reply.body if reply is not None else "no reply"
        raise ConnectionError(f"the notification daemon refused the update in place: {detail}")


async def invoke_on_daemon(
    bus: MessageBus, daemon_id: int | str, key: str, *, timeout: float = CALL_TIMEOUT
) -> bool:
    """Run the app's own action `key` on a notification the daemon shows (Plasma's
    org.kde.NotificationManager.InvokeAction: the daemon then sends the app its ActionInvoked, as
    for a click). False where the daemon has no such call."""
    message = Message(
        destination=NAME,
        path=PATH,  # plasmashell serves org.kde.NotificationManager on this one path too
        interface="org.kde.NotificationManager",
        member="InvokeAction",
        signature="us",
        body=[int(daemon_id), key],
    )
    reply = await asyncio.wait_for(bus.call(message), timeout)
    return reply is not None and reply.message_type is not MessageType.ERROR
