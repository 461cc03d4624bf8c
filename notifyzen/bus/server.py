"""org.freedesktop.Notifications (Desktop Notifications spec 1.3) for server mode.

The interface is served by one raw message handler rather than a dbus-fast ServiceInterface:
Notify needs the caller's unique name (kept with the row, so signals can be traced to a client),
which ServiceInterface methods do not see, and the handler is the shortest path from the socket
to `Service.take` — the Notify reply waits on it (docs/performance.md).

A malformed call never reaches the service: a wrong signature is answered with InvalidArgs, and
anything the service raises is answered with an error while the server keeps running.

Many calls at once are slowed down, never fatal (issue 22): every call waits in its client's
queue and clients are served in turns, the same turns as the control interface's calls on this
connection (bus/turns.py); serving pauses while replies pile up unwritten, and a client with a
thousand calls waiting has further ones refused with LimitsExceeded and a warning.
"""

from __future__ import annotations

import logging
from typing import Any

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

from notifyzen import __version__
from notifyzen.bus import NOTIFICATIONS_IFACE, NOTIFICATIONS_PATH
from notifyzen.bus.ports import NotificationsPort, NotStored
from notifyzen.bus.turns import Turns
from notifyzen.bus.wire import fallback, from_notify

log = logging.getLogger(__name__)

CAPABILITIES = [
    "actions",
    "body",
    "body-hyperlinks",
    "body-markup",
    "icon-static",
    "persistence",
    "inline-reply",
    # Plasma's hints, read by kdeconnectd at its start: with x-kde-display-appname it keeps a phone
    # notification's title and text apart and names the phone app (bus/wire.py -> as_phone).
    # x-kde-urls is not advertised: file previews are not shown.
    "x-kde-display-appname",
    "x-kde-origin-name",
]
SERVER_INFO = ["notifyzen", "notifyzen", __version__, "1.3"]
NOTIFY_SIGNATURE = "susssasa{sv}i"
INVALID_ARGS = "org.freedesktop.DBus.Error.InvalidArgs"
UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod"
METHODS = ("Notify", "CloseNotification", "GetCapabilities", "GetServerInformation")
INTROSPECTABLE = "org.freedesktop.DBus.Introspectable"
NOT_STORED = "io.github.notifyzen.Error.NotStored"  # history locked or disk full (docs/performance.md)
# An OSD's tag (notify-osd's, dunst's): a new Notify with the same app and tag replaces the last one.
STACK_TAGS = ("x-canonical-private-synchronous", "x-dunst-stack-tag")
STACKS_MAX = 256  # tags remembered; past it, those whose notification has ended are forgotten

INTROSPECTION = f"""<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
<node>
  <interface name="org.freedesktop.DBus.Introspectable">
    <method name="Introspect"><arg name="xml" type="s" direction="out"/></method>
  </interface>
  <interface name="{NOTIFICATIONS_IFACE}">
    <method name="Notify">
      <arg name="app_name" type="s" direction="in"/><arg name="replaces_id" type="u" direction="in"/>
      <arg name="app_icon" type="s" direction="in"/><arg name="summary" type="s" direction="in"/>
      <arg name="body" type="s" direction="in"/><arg name="actions" type="as" direction="in"/>
      <arg name="hints" type="a{{sv}}" direction="in"/><arg name="expire_timeout" type="i" direction="in"/>
      <arg name="id" type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg name="id" type="u" direction="in"/></method>
    <method name="GetCapabilities"><arg name="capabilities" type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg name="name" type="s" direction="out"/><arg name="vendor" type="s" direction="out"/>
      <arg name="version" type="s" direction="out"/><arg name="spec_version" type="s" direction="out"/>
    </method>
    <signal name="NotificationClosed"><arg name="id" type="u"/><arg name="reason" type="u"/></signal>
    <signal name="ActionInvoked"><arg name="id" type="u"/><arg name="action_key" type="s"/></signal>
    <signal name="ActivationToken"><arg name="id" type="u"/><arg name="activation_token" type="s"/></signal>
    <signal name="NotificationReplied"><arg name="id" type="u"/><arg name="text" type="s"/></signal>
  </interface>
</node>
"""


class NotificationServer:
    """Answers the spec's methods and sends its signals, on the service's bus thread."""

    def __init__(self, bus: MessageBus, service: NotificationsPort, turns: Turns | None = None) -> None:
        self.bus = bus
        self.service = service
        self.turns = turns or Turns(bus)  # fair turns per client, shared with the control interface
        self._stacks: dict[tuple[str, str], int] = {}  # (app name, OSD tag) -> its id, see _stack

    def attach(self) -> None:
        self.bus.add_message_handler(self._handle)

    def detach(self) -> None:
        self.bus.remove_message_handler(self._handle)

    # -- methods ----------------------------------------------------------------------------
    def _handle(self, msg: Message) -> bool | None:
        if msg.message_type is not MessageType.METHOD_CALL or msg.path != NOTIFICATIONS_PATH:
            return None
        ours = msg.interface in (NOTIFICATIONS_IFACE, None) and msg.member in METHODS
        if ours or (msg.interface == INTROSPECTABLE and msg.member == "Introspect"):
            return self.turns.take(msg, self._answer)
        return None  # unknown members get dbus-fast's UnknownMethod error

    def _answer(self, msg: Message) -> Message:
        try:
            return self._dispatch(msg) or Message.new_error(msg, UNKNOWN_METHOD, str(msg.member))
        except Exception as exc:  # every queued call gets an answer, whatever happened
            log.exception("%s from %s failed", msg.member, msg.sender)
            return Message.new_error(msg, "org.freedesktop.DBus.Error.Failed", str(exc))

    def _dispatch(self, msg: Message) -> Message | None:
        member = msg.member
        if member == "Notify":
            return self._notify(msg)
        if member == "CloseNotification":
            if msg.signature != "u":
                return _invalid(msg, "CloseNotification takes (u)")
            self.service.close(msg.body[0], 3)
            return Message.new_method_return(msg)
        if member == "GetCapabilities":
            return Message.new_method_return(msg, "as", [CAPABILITIES])
        if member == "GetServerInformation":
            return Message.new_method_return(msg, "ssss", SERVER_INFO)
        if member == "Introspect":
            return Message.new_method_return(msg, "s", [INTROSPECTION])
        return None

    def _notify(self, msg: Message) -> Message:
        if msg.signature != NOTIFY_SIGNATURE:
            return _invalid(msg, f"Notify takes ({NOTIFY_SIGNATURE}), not ({msg.signature})")
        app_name, replaces_id, app_icon, summary, body, actions, hints, timeout = msg.body
        now = self.service.clock.now()
        try:
            n = from_notify(app_name, app_icon, summary, body, actions, hints, timeout, at=now)
        except Exception:  # hostile input must still be taken in, in some form
            log.exception("could not read a Notify call from %s; keeping what can be kept", msg.sender)
            n = fallback(summary, at=now, why="the notification could not be read")
        stack = _stack_tag(n.app_name, n.hints)
        if stack is not None and not replaces_id:
            stacked = self._stacks.get(stack, 0)
            replaces_id = stacked if stacked in self.service.live else 0  # an ended OSD: a new one
        try:
            item = self.service.take(n, origin="server", client=msg.sender, replaces_id=replaces_id)
        except NotStored as exc:
            return Message.new_error(msg, NOT_STORED, f"not stored, so not shown: {exc}")
        if stack is not None:
            self._stack(stack, item.id)
        return Message.new_method_return(msg, "u", [item.id])

    def _stack(self, stack: tuple[str, str], id: int) -> None:
        """Volume and brightness scripts (sway, i3) send no replaces_id, only a tag, and expect one
        OSD that updates: without this, holding a volume key stacked pop-ups until the flood gate
        held the rest for the digest. dunst and notify-osd replace by the tag the same way."""
        self._stacks[stack] = id
        if len(self._stacks) > STACKS_MAX:
            live = self.service.live
            self._stacks = {key: i for key, i in self._stacks.items() if i in live}

    # -- signals ----------------------------------------------------------------------------
    def _signal(self, member: str, signature: str, body: list[Any]) -> None:
        self.bus.send(Message.new_signal(NOTIFICATIONS_PATH, NOTIFICATIONS_IFACE, member, signature, body))

    def closed(self, id: int, reason: int) -> None:
        self._signal("NotificationClosed", "uu", [id, reason])

    def action_invoked(self, id: int, key: str) -> None:
        self._signal("ActionInvoked", "us", [id, key])

    def activation_token(self, id: int, token: str) -> None:
        self._signal("ActivationToken", "us", [id, token])

    def replied(self, id: int, text: str) -> None:
        self._signal("NotificationReplied", "us", [id, text])


def _stack_tag(app_name: str, hints: Any) -> tuple[str, str] | None:
    for key in STACK_TAGS:
        tag = hints.get(key)
        if isinstance(tag, str) and tag:
            return app_name, tag
    return None


def _invalid(msg: Message, text: str) -> Message:
    return Message.new_error(msg, INVALID_ARGS, text)
