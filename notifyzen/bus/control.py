"""io.github.notifyzen.Notifyzen1: how the CLI (and tests) talk to the running app.

Owned under the name io.github.notifyzen.Notifyzen with DO_NOT_QUEUE, which is also what makes
notifyzen one instance per session. Answers are JSON strings so the CLI can print them with
--json as they are and fields can be added without changing the D-Bus signature.

InvokeAction, Dismiss and Reply do exactly what a click in a pop-up does; they exist so scripts
and tests can drive a running notifyzen without a screen.
"""

import json
from typing import TYPE_CHECKING

from dbus_fast import DBusError
from dbus_fast.service import ServiceInterface, method

from notifyzen.bus import CONTROL_IFACE, CONTROL_PATH
from notifyzen.clock import parse_instant

if TYPE_CHECKING:
    from notifyzen.service import Service
# No `from __future__ import annotations` here: dbus-fast reads the D-Bus signatures ("s", "u")
# from the annotations themselves.

ERROR = "io.github.notifyzen.Error"


class ControlInterface(ServiceInterface):
    PATH = CONTROL_PATH

    def __init__(self, service: "Service") -> None:
        super().__init__(CONTROL_IFACE)
        self.service = service

    @method()
    def Status(self) -> "s":  # type: ignore[name-defined] # noqa: F821
        return json.dumps(self.service.status())

    @method()
    def CheckIn(self) -> "s":  # type: ignore[name-defined] # noqa: F821
        checkin = self.service.checkin_now()
        return json.dumps(
            {"at": checkin.at.isoformat(timespec="seconds"), "reason": checkin.reason,
             "released": list(checkin.released)}
        )

    @method()
    def SetClock(self, instant: "s") -> "s":  # type: ignore[name-defined] # noqa: F821
        try:
            self.service.set_clock(parse_instant(instant))
        except ValueError as exc:
            raise DBusError(f"{ERROR}.InvalidTime", str(exc)) from exc
        except PermissionError as exc:
            raise DBusError(f"{ERROR}.NotAllowed", str(exc)) from exc
        return self.service.clock.now().isoformat(timespec="seconds")

    @method()
    def InvokeAction(self, id: "u", key: "s") -> "b":  # type: ignore[name-defined] # noqa: F821
        known = id in self.service.live
        self.service.invoke_action(id, key)
        return known

    @method()
    def Dismiss(self, id: "u") -> "b":  # type: ignore[name-defined] # noqa: F821
        return self.service.close(id, 2)

    @method()
    def Reply(self, id: "u", text: "s") -> "b":  # type: ignore[name-defined] # noqa: F821
        known = id in self.service.live
        self.service.reply(id, text)
        return known

    @method()
    def Quit(self) -> "":  # type: ignore[valid-type] # noqa: F722
        self.service.listener.quit()
