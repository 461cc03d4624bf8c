"""The day as notifyzen lives it: what is held, when check-ins come, what gets released.

A Timeline is the only stateful part of the core, and it is still plain data: it never reads the
clock and never does I/O. The running app feeds it arrivals and the moments its one Qt timer
fires; `rules simulate` feeds it a past week on a simulated clock. Both therefore agree on every
decision and every release moment.

STUB (issue 2): until the rules engine lands every notification is delivered on arrival. The
signatures here are the contract the daemon, the simulator and the digest code against.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from notifyzen.core.model import DELIVER_BY_DEFAULT, Decision, Item, Notification, ShownBy, Verdict


@dataclass(frozen=True, slots=True)
class Release:
    """A held notification shown now, and why now."""

    id: int
    at: datetime
    shown_by: ShownBy


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A moment the user chose to be distracted: everything held is shown in one digest."""

    at: datetime
    reason: str  # "scheduled", "breakpoint", "manual", "missed"
    released: tuple[int, ...] = ()


class Timeline:
    def __init__(self) -> None:
        self.held: dict[int, Item] = {}

    def take(self, id: int, n: Notification, now: datetime) -> Decision:
        """Decide about an arriving notification; held ones are remembered."""
        decision = DELIVER_BY_DEFAULT
        if decision.verdict is Verdict.HOLD:
            self.held[id] = Item(id, n, decision)
        return decision

    def advance(self, now: datetime) -> list[Release | CheckIn]:
        """Everything that became due up to `now`, in time order."""
        return []

    def next_change(self, now: datetime) -> datetime | None:
        """The next moment anything can change (check-in, window edge, max wait), or None."""
        return None

    def checkin_now(self, now: datetime) -> CheckIn:
        released = tuple(self.held)
        self.held.clear()
        return CheckIn(now, "manual", released)

    def forget(self, id: int) -> None:
        """The item left the queue some other way (dismissed, removed on the phone)."""
        self.held.pop(id, None)
