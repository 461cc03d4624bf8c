"""A screen-sharing app, as a video call app is to the portal: asks xdg-desktop-portal's ScreenCast
for a session, starts it, prints `sharing <node ids>` and keeps sharing until stdin closes (or
`--for` seconds), then closes the session. Run with the test's private bus in
DBUS_SESSION_BUS_ADDRESS: `python -m tests.context.share_screen`.

What the portal documents (org.freedesktop.portal.ScreenCast): CreateSession, SelectSources and
Start each return a Request object whose Response signal carries the answer; the request's path
is known before the call from the caller's unique name and its handle_token, so we subscribe first.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

PORTAL = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"


class Client:
    def __init__(self, bus: MessageBus) -> None:
        self.bus = bus
        self.sender = (bus.unique_name or "").lstrip(":").replace(".", "_")
        self.count = 0

    async def request(self, member: str, signature: str, body: list[Any]) -> dict[str, Any]:
        """Call a ScreenCast method whose options end `body`, and wait for its Response."""
        self.count += 1
        token = f"nzshare{self.count}"
        path = f"{PATH}/request/{self.sender}/{token}"
        answer: asyncio.Future[tuple[int, dict[str, Any]]] = asyncio.get_running_loop().create_future()

        def on(msg: Message) -> bool:
            if msg.path == path and msg.member == "Response" and not answer.done():
                answer.set_result((msg.body[0], msg.body[1]))
            return False

        self.bus.add_message_handler(on)
        await self.bus.call(
            Message(
                destination="org.freedesktop.DBus",
                path="/org/freedesktop/DBus",
                interface="org.freedesktop.DBus",
                member="AddMatch",
                signature="s",
                body=[f"type='signal',interface='org.freedesktop.portal.Request',path='{path}'"],
            )
        )
        body[-1]["handle_token"] = Variant("s", token)
        reply = await self.bus.call(
            Message(
                destination=PORTAL,
                path=PATH,
                interface="org.freedesktop.portal.ScreenCast",
                member=member,
                signature=signature,
                body=body,
            )
        )
        if reply is None or reply.message_type is MessageType.ERROR:
            raise RuntimeError(f"{member}: {reply.body if reply else 'no reply'}")
        code, results = await asyncio.wait_for(answer, 30)
        self.bus.remove_message_handler(on)
        if code != 0:
            raise RuntimeError(f"{member}: the portal answered {code}")
        return {k: v.value for k, v in results.items()}


def call_myself(name: str) -> None:
    """Take `name` as the process name (/proc/self/comm), as the app "zoom" has."""
    import ctypes

    ctypes.CDLL(None).prctl(15, name.encode()[:15], 0, 0, 0)  # PR_SET_NAME


async def main(seconds: float | None) -> int:
    bus = await MessageBus().connect()
    client = Client(bus)
    made = await client.request(
        "CreateSession", "a{sv}", [{"session_handle_token": Variant("s", "nzsession")}]
    )
    session = made["session_handle"]
    await client.request(
        "SelectSources", "oa{sv}", [session, {"types": Variant("u", 1), "multiple": Variant("b", False)}]
    )
    started = await client.request("Start", "osa{sv}", [session, "", {}])
    nodes = [str(s[0]) for s in started.get("streams", [])]
    print("sharing", session, *nodes, flush=True)
    if seconds is not None:
        await asyncio.sleep(seconds)
    else:
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await bus.call(
        Message(destination=PORTAL, path=session, interface="org.freedesktop.portal.Session", member="Close")
    )
    print("stopped", flush=True)
    bus.disconnect()
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--for", dest="seconds", type=float, default=None)
    parser.add_argument("--name", default=None, help="the process name to share as (e.g. zoom)")
    args = parser.parse_args()
    if args.name:
        call_myself(args.name)
    sys.exit(asyncio.run(main(args.seconds)))
