"""io.github.notifyzen.Notifyzen1: how the CLI (and tests) talk to the running app.

Owned under the name io.github.notifyzen.Notifyzen with DO_NOT_QUEUE, which is also what makes
notifyzen one instance per session. Answers are JSON strings so the CLI can print them with
--json as they are and fields can be added without changing the D-Bus signature.

InvokeAction, Dismiss and Reply do exactly what a click in a pop-up does; they exist so scripts
and tests can drive a running notifyzen without a screen. Like a click, they reach only what the
pop-up offers: InvokeAction a key the app sent as an action, nothing else (issue 22).

Any client may call these, as fast as it likes: each call waits its client's turn with every
other call notifyzen answers on the connection (`serve_in_turns`, bus/turns.py), so a storm of
calls from one client (250 in flight) costs another client one call's time, not the storm's.
"""

import asyncio
import json
import logging
import math
from typing import Any, Protocol, runtime_checkable

from dbus_fast import BusType, DBusError, Message, MessageType
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method

from notifyzen.bus import CONTROL_IFACE, CONTROL_NAME, CONTROL_PATH
from notifyzen.bus.ports import ControlPort
from notifyzen.bus.redeliver import REPLY_KEY
from notifyzen.bus.turns import Turns
from notifyzen.clock import parse_instant

# No `from __future__ import annotations` here: dbus-fast reads the D-Bus signatures ("s", "u")
# from the annotations themselves.

log = logging.getLogger(__name__)

ERROR = "io.github.notifyzen.Error"
INVALID_ARGS = "org.freedesktop.DBus.Error.InvalidArgs"
WINDOWS = ("digest", "history")  # what Open brings forward
MINUTES_MAX = 525_600  # a year: Focus and Pause for longer are "until I end it" (minutes <= 0)
NOT_RUNNING_ERRORS = (
    "org.freedesktop.DBus.Error.ServiceUnknown",
    "org.freedesktop.DBus.Error.NameHasNoOwner",
)


@runtime_checkable
class Windows(Protocol):
    """A Service listener with windows: the Qt bridge (notifyzen/app.py), which queues the call to
    the GUI thread. The Service's own Listener has no such member: its other listeners (tests,
    runs without a UI) have no windows, and Open answers false there."""

    def open(self, window: str) -> bool: ...


class ControlInterface(ServiceInterface):
    PATH = CONTROL_PATH

    def __init__(self, service: ControlPort) -> None:
        super().__init__(CONTROL_IFACE)
        self.service = service

    @method()
    def Status(self) -> "s":  # type: ignore[name-defined] # noqa: F821
        return json.dumps(self.service.status(full=True))

    @method()
    def CheckIn(self) -> "s":  # type: ignore[name-defined] # noqa: F821
        checkin = self.service.checkin_now()
        return json.dumps(
            {
                "at": checkin.at.isoformat(timespec="seconds"),
                "reason": checkin.reason,
                "released": list(checkin.released),
            }
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
        """A click on one of the actions the app offered; false, and nothing sent, for any other key.

        The app acts on ActionInvoked as on the user's click (it may delete, send, accept), so a
        key it never offered must not reach it. The inline-reply field is Reply's, not a button."""
        live = self.service.live.get(id)
        if live is None or key == REPLY_KEY or key not in live.item.notification.action_keys:
            return False
        self.service.invoke_action(id, key)
        return True

    @method()
    def Dismiss(self, id: "u") -> "b":  # type: ignore[name-defined] # noqa: F821
        known = id in self.service.live
        self.service.dismiss(id)  # as the pop-up and the digest do: the desktop or the phone is told
        return known

    @method()
    def Reply(self, id: "u", text: "s") -> "b":  # type: ignore[name-defined] # noqa: F821
        """False when the reply cannot reach anyone (no inline-reply, the phone away)."""
        return self.service.reply(id, text)

    @method()
    def Focus(self, minutes: "d") -> "s":  # type: ignore[name-defined] # noqa: F821
        """What the tray's "Focus for …" does; minutes <= 0: until EndFocus."""
        self.service.focus(_minutes(minutes, "EndFocus"))
        return json.dumps(self.service.status())

    @method()
    def EndFocus(self) -> "s":  # type: ignore[name-defined] # noqa: F821
        checkin = self.service.end_focus()
        return json.dumps({"released": list(checkin.released) if checkin else []})

    @method()
    def Pause(self, minutes: "d") -> "s":  # type: ignore[name-defined] # noqa: F821
        """Let everything through; minutes <= 0: until Resume."""
        checkin = self.service.pause(_minutes(minutes, "Resume"))
        return json.dumps({"released": list(checkin.released) if checkin else []})

    @method()
    def Resume(self) -> "s":  # type: ignore[name-defined] # noqa: F821
        self.service.resume()
        return json.dumps(self.service.status())

    @method()
    def Open(self, window: "s") -> "b":  # type: ignore[name-defined] # noqa: F821
        """What the tray's Open digest and History… do: that window in front, with the keyboard.

        For where no bar hosts the tray (issue 23). False when this notifyzen has no windows."""
        if window not in WINDOWS:
            raise DBusError(INVALID_ARGS, f"no such window: {window!r}; these open: {', '.join(WINDOWS)}")
        listener = self.service.listener
        return listener.open(window) if isinstance(listener, Windows) else False

    @method()
    def Quit(self) -> "":  # type: ignore[valid-type] # noqa: F722
        self.service.listener.quit()


def serve_in_turns(bus: MessageBus, interface: ServiceInterface, turns: Turns) -> None:
    """Answer `interface`'s calls (exported on `bus` at its PATH) in their clients' turns.

    dbus-fast's own dispatch answers every call it read at once, in one go: a client with 250
    Status calls in flight held another client's call for 0.7 s (observe mode) and the server's
    GetServerInformation for up to 5 s (issue 22). Here the calls of the interface's methods are
    taken before dbus-fast dispatches them and answered by the same methods, through `turns`.
    Anything else (introspection, an unknown member or signature) is left to dbus-fast."""
    path = getattr(interface, "PATH", CONTROL_PATH)
    try:
        methods = {
            (m.name, m.in_signature): m for m in ServiceInterface._get_methods(interface) if not m.disabled
        }
    except AttributeError:  # a dbus-fast that hides them: answered at once, as before
        log.warning(
            "dbus-fast's methods are not the ones notifyzen knows: control calls are not taken in turns"
        )
        return

    def answer(msg: Message) -> Message:
        found = methods[(msg.member or "", msg.signature)]
        try:
            result = found.fn(interface, *msg.body)
        except DBusError as exc:
            return Message.new_error(msg, exc.type, exc.text)
        if not found.out_signature:
            return Message.new_method_return(msg)
        return Message.new_method_return(msg, found.out_signature, [result])

    def handle(msg: Message) -> bool | None:
        if msg.message_type is not MessageType.METHOD_CALL or msg.path != path:
            return None
        if msg.interface not in (interface.name, None) or (msg.member, msg.signature) not in methods:
            return None
        return turns.take(msg, answer)

    bus.add_message_handler(handle)


def _minutes(minutes: float, ended_by: str) -> float | None:
    """Focus's and Pause's minutes, checked before anything changes: > 0 is a duration, <= 0 until
    `ended_by`. Pause(1e12) used to pause first and then fail to compute the end (OverflowError),
    leaving notifyzen paused with no end, across restarts; NaN and infinities are no durations."""
    if not math.isfinite(minutes) or minutes > MINUTES_MAX:
        raise DBusError(
            INVALID_ARGS,
            f"minutes must be a number from 0 (exclusive) to {MINUTES_MAX} (a year), "
            f"or 0 or less for until {ended_by}; not {minutes!r}",
        )
    return minutes if minutes > 0 else None


def call_control(
    member: str,
    signature: str = "",
    body: list[Any] | None = None,
    *,
    bus_address: str | None = None,
    timeout: float = 10.0,
) -> Any:
    """Call the running app from a short-lived CLI process; None if no notifyzen runs here.

    JSON answers come back parsed. D-Bus errors other than "nobody owns the name" are raised as
    RuntimeError with the error's text.
    """
    return asyncio.run(_call(member, signature, body or [], bus_address, timeout))


async def _call(member: str, signature: str, body: list[Any], address: str | None, timeout: float) -> Any:
    unconnected = MessageBus(bus_address=address) if address else MessageBus(bus_type=BusType.SESSION)
    bus = await asyncio.wait_for(unconnected.connect(), timeout)
    try:
        msg = Message(
            destination=CONTROL_NAME,
            path=CONTROL_PATH,
            interface=CONTROL_IFACE,
            member=member,
            signature=signature,
            body=body,
        )
        reply = await asyncio.wait_for(bus.call(msg), timeout)
    finally:
        bus.disconnect()
    if reply.message_type is MessageType.ERROR:
        if reply.error_name in NOT_RUNNING_ERRORS:
            return None
        raise RuntimeError(str(reply.body[0]) if reply.body else str(reply.error_name))
    value = reply.body[0] if reply.body else None
    return json.loads(value) if isinstance(value, str) and value[:1] in "{[" else value
