"""Subscribing to signals: dbus-fast delivers a signal to a connection only after an AddMatch
rule asked for it (the bus filters), so every adapter that listens (idle, the observe session's
watch on Plasma and dconf) says what it wants through this one call."""

from __future__ import annotations

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus


async def add_match(bus: MessageBus, rule: str) -> None:
    """Ask the bus for the signals `rule` describes; raises if the bus refuses the rule."""
    reply = await bus.call(
        Message(
            destination="org.freedesktop.DBus",
            path="/org/freedesktop/DBus",
            interface="org.freedesktop.DBus",
            member="AddMatch",
            signature="s",
            body=[rule],
        )
    )
    if reply is not None and reply.message_type is MessageType.ERROR:
        raise ConnectionError(f"AddMatch {rule!r}: {reply.body}")
