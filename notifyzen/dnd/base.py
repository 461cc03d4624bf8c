"""What every do-not-disturb driver promises: silence the desktop's pop-ups, and undo it.

A driver is small on purpose: `engage` silences, `release` undoes, `release_now` undoes without an
event loop (for signal handlers and atexit). Drivers whose change outlives notifyzen (a gsettings
key, a paused dunst, a mako mode) write what to undo to a state file *before* changing anything
(see notifyzen.dnd.undo); the Plasma driver needs none, as Plasma drops an inhibition when the
connection that asked for it goes away.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from notifyzen.core.model import Urgency


@dataclass(frozen=True, slots=True)
class DaemonInfo:
    """Who owns org.freedesktop.Notifications: enough to pick a driver and to recognise later
    whether it is still the same daemon process."""

    owner: str  # unique bus name
    pid: int | None = None
    comm: str = ""  # /proc/PID/comm: plasmashell, gnome-shell, dunst, mako, swaync
    server: str = ""  # GetServerInformation: name
    vendor: str = ""
    version: str = ""


class DndDriver(ABC):
    """Silences one desktop's pop-ups while notifyzen holds notifications back.

    `breakthrough_urgency`: the urgency a redelivered notification needs to show while the driver
    is engaged (Plasma and GNOME still show critical ones); None when nothing gets through (a
    paused dunst 1.9 queues everything until it is unpaused).
    """

    name: ClassVar[str]
    breakthrough_urgency: ClassVar[Urgency | None] = Urgency.CRITICAL
    # Whether the desktop pops up, once its DND is off, what it kept back meanwhile (Plasma: every
    # one younger than 3 minutes; dunst: its whole queue). Those are closed there before release,
    # as the check-in lists them. GNOME shows none of them (docs/gnome-facts.md): left alone, they
    # stay in its message list.
    shows_kept_back: ClassVar[bool] = True
    # Whether nothing gets through the DND at all, so a break-through lifts it for its pop-up time
    # and the daemon shows the app's own notification (mako's mode hides critical ones too;
    # StatefulDriver.lift_now/drop_now, ObserveSession._lift).
    lifts_for_breakthrough: ClassVar[bool] = False

    def __init__(self) -> None:
        self.engaged = False

    @abstractmethod
    async def engage(self) -> None:
        """Silence pop-ups. Raises if the desktop refused; then nothing was changed."""

    @abstractmethod
    async def release(self) -> None:
        """Undo `engage`; a no-op when not engaged. Never raises for 'already undone'."""

    async def daemon_left(self) -> None:
        """The daemon this driver silenced left the bus (another may own the name already).
        Undo what outlives it and stop being engaged; connection-bound drivers override this,
        as the new daemon must not be asked to undo what it never did."""
        await self.release()

    def release_now(self) -> None:  # noqa: B027 - deliberately a no-op for connection-bound drivers
        """Undo without an event loop (signal handlers, atexit). Connection-bound drivers need
        nothing: their change dies with the process."""

    def describe(self) -> str:
        return f"{self.name} ({'engaged' if self.engaged else 'idle'})"
