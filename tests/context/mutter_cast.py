"""A screen cast straight from GNOME's compositor, as gnome-remote-desktop and GNOME's screen
recorder make one (org.gnome.Mutter.ScreenCast): CreateSession, RecordMonitor (the primary
monitor), Start; prints `casting <node id>` once PipeWire has the stream, then keeps casting until
stdin closes and Stops. Mutter ends a session whose creator leaves the bus, so this stays on it.

Run with the GNOME session's bus in DBUS_SESSION_BUS_ADDRESS: `python -m tests.context.mutter_cast`.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

NAME = "org.gnome.Mutter.ScreenCast"


async def call(
    bus: MessageBus, path: str, iface: str, member: str, signature: str = "", body: list[Any] | None = None
) -> list[Any]:
    message = Message(
        destination=NAME, path=path, interface=iface, member=member, signature=signature, body=body or []
    )
    reply = await bus.call(message)
    if reply is None or reply.message_type is MessageType.ERROR:
        raise RuntimeError(f"{member}: {reply.body if reply else 'no reply'}")
    return reply.body


async def main() -> int:
    bus = await MessageBus().connect()
    [session] = await call(bus, "/org/gnome/Mutter/ScreenCast", NAME, "CreateSession", "a{sv}", [{}])
    [stream] = await call(bus, session, f"{NAME}.Session", "RecordMonitor", "sa{sv}", ["", {}])
    node: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def on(msg: Message) -> bool:
        if msg.path == stream and msg.member == "PipeWireStreamAdded" and not node.done():
            node.set_result(int(msg.body[0]))
        return False

    bus.add_message_handler(on)
    dbus = ("/org/freedesktop/DBus", "org.freedesktop.DBus")
    match = Message(destination=dbus[1], path=dbus[0], interface=dbus[1], member="AddMatch", signature="s",
                    body=[f"type='signal',path='{stream}'"])  # fmt: skip
    await bus.call(match)
    await call(bus, session, f"{NAME}.Session", "Start")
    print("casting", await asyncio.wait_for(node, 30), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await call(bus, session, f"{NAME}.Session", "Stop")
    print("stopped", flush=True)
    bus.disconnect()
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--name":
        from tests.context.share_screen import call_myself

        call_myself(sys.argv[2])  # e.g. gnome-remote-de, as gnome-remote-desktop's process is named
    sys.exit(asyncio.run(main()))
