"""What the bus interfaces need of whoever serves them: the Notifications server (server.py) and
the control interface (control.py) are written against these small protocols, not against the
Service. The Service (notifyzen/service/service.py) fits them, and it is the one that imports
bus/, so the dependency runs one way (service -> bus) and a test can serve either interface
from a stand-in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from notifyzen.clock import Clock
from notifyzen.core.model import Item, Notification
from notifyzen.core.timeline import CheckIn


class NotStored(Exception):
    """The history could not take the row (locked by another program, disk full). The sender is
    told (a D-Bus error instead of an id) rather than given an id for something not on disk."""


class Quits(Protocol):
    def quit(self) -> None: ...


class NotificationsPort(Protocol):
    """What Notify and CloseNotification do, and which ids are still on screen or waiting."""

    @property
    def clock(self) -> Clock: ...

    @property
    def live(self) -> Mapping[int, Any]: ...

    def take(
        self,
        n: Notification,
        *,
        origin: str,
        client: str | None = None,
        external_id: str | None = None,
        replaces_id: int = 0,
        gated: bool | None = None,
    ) -> Item: ...

    def close(self, id: int, reason: int) -> object: ...


class ControlPort(Protocol):
    """What the CLI's calls (io.github.notifyzen.Notifyzen1) do: the tray's and the pop-up's
    actions. `live` maps an id to its record, whose `item` is the Item shown."""

    @property
    def clock(self) -> Clock: ...

    @property
    def live(self) -> Mapping[int, Any]: ...

    @property
    def listener(self) -> Quits: ...

    def status(self, *, full: bool = False) -> dict[str, Any]: ...
    def checkin_now(self) -> CheckIn: ...
    def set_clock(self, instant: datetime) -> None: ...
    def invoke_action(self, id: int, key: str) -> None: ...
    def dismiss(self, id: int) -> None: ...
    def reply(self, id: int, text: str) -> bool: ...
    def focus(self, minutes: float | None = None) -> None: ...
    def end_focus(self) -> CheckIn | None: ...
    def pause(self, minutes: float | None = None) -> CheckIn | None: ...
    def resume(self) -> None: ...
