# ruff: noqa: F722, F821
# mypy: disable-error-code="name-defined,valid-type"
# (dbus-fast reads D-Bus signatures from string annotations)
"""A ScreenCast backend for the real xdg-desktop-portal, for machines where no real one can share.

xdg-desktop-portal-wlr 0.7 is the only backend that runs headless here, and it refuses every
Start without a GPU (no DMA-BUF format from pixman: its issue 289; tests/context/test_context_portal.py
shows that refusal on the real pair). This stands in for the backend only: the frontend, the
app's calls and everything notifyzen watches are the real xdg-desktop-portal's. It answers as
org.freedesktop.impl.portal.ScreenCast documents, with one made-up PipeWire node, and ends every
session on SIGUSR1 the way a desktop's "Stop sharing" button does (impl Session.Closed).

Run: `python -m tests.context.portal_backend` with the private bus in DBUS_SESSION_BUS_ADDRESS.
"""

import asyncio
import signal

from dbus_fast import Variant
from dbus_fast.aio import MessageBus
from dbus_fast.service import PropertyAccess, ServiceInterface, dbus_property, method
from dbus_fast.service import signal as dbus_signal

NAME = "org.freedesktop.impl.portal.desktop.nztest"
PORTAL_FILE = f"""[portal]
DBusName={NAME}
Interfaces=org.freedesktop.impl.portal.ScreenCast;
UseIn=nztest
"""


class Session(ServiceInterface):
    def __init__(self, bus: MessageBus, path: str, sessions: "dict[str, Session]") -> None:
        super().__init__("org.freedesktop.impl.portal.Session")
        self.bus, self.path, self.sessions = bus, path, sessions

    @method()
    def Close(self) -> None:
        self.sessions.pop(self.path, None)
        self.bus.unexport(self.path, self)

    @dbus_signal()
    def Closed(self) -> None:
        return None

    @dbus_property(access=PropertyAccess.READ)
    def version(self) -> "u":
        return 1


class ScreenCast(ServiceInterface):
    def __init__(self, bus: MessageBus) -> None:
        super().__init__("org.freedesktop.impl.portal.ScreenCast")
        self.bus = bus
        self.sessions: dict[str, Session] = {}

    @method()
    def CreateSession(self, handle: "o", session_handle: "o", app_id: "s", options: "a{sv}") -> "ua{sv}":
        session = Session(self.bus, session_handle, self.sessions)
        self.sessions[session_handle] = session
        self.bus.export(session_handle, session)
        return [0, {"session_id": Variant("s", session_handle.rsplit("/", 1)[-1])}]

    @method()
    def SelectSources(self, handle: "o", session_handle: "o", app_id: "s", options: "a{sv}") -> "ua{sv}":
        return [0, {}]

    @method()
    def Start(
        self, handle: "o", session_handle: "o", app_id: "s", parent_window: "s", options: "a{sv}"
    ) -> "ua{sv}":
        stream = [42, {"source_type": Variant("u", 1), "size": Variant("(ii)", [1280, 800])}]
        return [0, {"streams": Variant("a(ua{sv})", [stream])}]

    @dbus_property(access=PropertyAccess.READ)
    def AvailableSourceTypes(self) -> "u":
        return 1

    @dbus_property(access=PropertyAccess.READ)
    def AvailableCursorModes(self) -> "u":
        return 1

    @dbus_property(access=PropertyAccess.READ)
    def version(self) -> "u":
        return 4

    def stop_all(self) -> None:
        for path, session in list(self.sessions.items()):
            session.Closed()
            self.sessions.pop(path, None)
            self.bus.unexport(path, session)


async def main() -> None:
    bus = await MessageBus().connect()
    cast = ScreenCast(bus)
    bus.export("/org/freedesktop/portal/desktop", cast)
    await bus.request_name(NAME)
    asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, cast.stop_all)
    print("ready", flush=True)
    await bus.wait_for_disconnect()


if __name__ == "__main__":
    asyncio.run(main())
