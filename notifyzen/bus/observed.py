"""What observe mode reports: one small value per thing seen on the bus.

`notifyzen.bus.observer.Observer` turns the monitored stream into these; the observe session
(notifyzen/dnd/session.py) turns them into notifyzen's intake. They carry the call's own words
(`Notified.args` is the Notify body as sent), so the stream's parsing and the intake's
conversion (`notification()`, through notifyzen/bus/wire.py) stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any

from notifyzen.bus import wire
from notifyzen.core.model import Notification, Urgency


@dataclass(frozen=True, slots=True)
class Notified:
    """A Notify call and the daemon's answer. `args` is the call's body as it came off the bus
    (app_name, replaces_id, app_icon, summary, body, actions, hints, expire_timeout) for the
    intake's converter. `daemon_id` is None when the daemon answered with an error (`error`) or
    not at all within the reply timeout."""

    client: str
    args: tuple[Any, ...]
    daemon_id: int | None
    at: datetime
    error: str | None = None
    refused: bool = False  # the daemon answered with a D-Bus error: the sender got no notification

    @property
    def replaces_id(self) -> int:
        return int(self.args[1])

    def notification(self) -> Notification:
        app_name, _replaces, icon, summary, body, actions, hints, timeout = self.args
        return wire.from_notify(app_name, icon, summary, body, actions, hints, timeout, at=self.at)


_GTK_URGENCY = {"low": Urgency.LOW, "urgent": Urgency.CRITICAL}


@dataclass(frozen=True, slots=True)
class GtkNotified:
    """A GApplication notification: AddNotification(app_id, id, notification). `data` has the
    a{sv} unwrapped to plain values (title, body, priority, icon, buttons, default-action...)."""

    client: str
    app_id: str
    notification_id: str
    data: dict[str, Any]
    at: datetime

    def notification(self) -> Notification:
        """GLib's priorities: "high" is for time-sensitive things (chats, alarms), "urgent"
        must get through whatever mode the desktop is in."""
        d = self.data
        priority = d.get("priority")
        icon = d.get("icon")
        app_icon = ""
        if isinstance(icon, list) and len(icon) == 2 and icon[0] in ("themed", "file"):
            names = icon[1]
            app_icon = str(names[0] if isinstance(names, list) and names else names)[: wire.FIELD_MAX]
        buttons = d.get("buttons")
        actions: list[str] = []
        if isinstance(buttons, list):
            for button in buttons[: wire.ACTIONS_MAX]:
                if isinstance(button, dict):
                    actions += [str(button.get("action", "")), str(button.get("label", ""))]
        title, body, category = d.get("title"), d.get("body"), d.get("category")
        return Notification(
            app_name=self.app_id[: wire.FIELD_MAX],
            summary=wire.cap(title, wire.SUMMARY_MAX) if isinstance(title, str) else "",
            at=self.at,
            body=wire.cap(body, wire.BODY_MAX) if isinstance(body, str) else "",
            urgency=_GTK_URGENCY.get(str(priority), Urgency.NORMAL),
            category=category[: wire.FIELD_MAX] if isinstance(category, str) and category else None,
            desktop_entry=self.app_id[: wire.FIELD_MAX] or None,
            app_icon=app_icon,
            actions=wire._actions(actions),
            hints=MappingProxyType({**d, "x-gtk-notification-id": self.notification_id[: wire.FIELD_MAX]}),
            time_sensitive=priority in ("high", "urgent"),
        )


@dataclass(frozen=True, slots=True)
class GtkWithdrawn:
    client: str
    app_id: str
    notification_id: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Closed:
    """The daemon's NotificationClosed signal: reason 1 expired, 2 dismissed, 3 closed by call."""

    daemon_id: int
    reason: int
    at: datetime


@dataclass(frozen=True, slots=True)
class ActionInvoked:
    daemon_id: int
    action_key: str
    at: datetime


@dataclass(frozen=True, slots=True)
class CloseRequested:
    """A client asked the daemon to close one of its notifications (CloseNotification)."""

    client: str
    daemon_id: int
    at: datetime


@dataclass(frozen=True, slots=True)
class OwnerChanged:
    """Who owns org.freedesktop.Notifications changed; new_owner "" means nobody does now
    (the daemon died: server mode could take over)."""

    old_owner: str
    new_owner: str
    at: datetime


@dataclass(frozen=True, slots=True)
class ModesSet:
    """Someone set mako's modes (`makoctl mode`, fr.emersion.Mako.SetModes): the user switching its
    do-not-disturb, or notifyzen itself. Only a hint to read the modes again."""

    client: str
    modes: tuple[str, ...]
    at: datetime


Event = (
    Notified | GtkNotified | GtkWithdrawn | Closed | ActionInvoked | CloseRequested | OwnerChanged | ModesSet
)
