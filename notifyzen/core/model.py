"""The things a user talks about: a Notification, and what notifyzen decided about it.

A Notification is immutable: intake builds it once from whatever arrived (a Notify call, an
observed call, a phone notification, a line of a JSONL replay) and nothing changes it after.
Decisions are separate values that name the rule which made them, so history can explain itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum
from types import MappingProxyType
from typing import Any


class Urgency(IntEnum):
    """The spec's urgency byte (0, 1, 2)."""

    LOW = 0
    NORMAL = 1
    CRITICAL = 2

    @classmethod
    def parse(cls, value: object) -> Urgency:
        """Accept the byte, its name, or junk (which counts as normal, as every daemon does)."""
        if isinstance(value, str):
            try:
                return cls[value.strip().upper()]
            except KeyError:
                return cls.NORMAL
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2:
            return cls(value)
        return cls.NORMAL

    @property
    def label(self) -> str:
        return self.name.lower()


class Source(StrEnum):
    DESKTOP = "desktop"
    PHONE = "phone"


class Verdict(StrEnum):
    """What happens to a notification now."""

    DELIVER = "deliver"  # shown at once
    HOLD = "hold"  # waits for a check-in (or its release time)
    MUTE = "mute"  # kept in history, never shown


class ShownBy(StrEnum):
    """Why a notification reached the user's eyes when it did."""

    ARRIVAL = "arrival"
    CHECKIN = "checkin"
    MAX_WAIT = "max_wait"
    BREAKPOINT = "breakpoint"
    HOLD_UNTIL = "hold_until"  # a rule held it until a clock time
    DESKTOP = "desktop"  # the desktop showed it itself (the user lifted its Do not disturb)


EMPTY_HINTS: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Notification:
    """One notification as the user would describe it: who, from which app, saying what.

    `hints` keeps the sender's hints as plain Python values (bytes for byte arrays, image data
    reduced to its metadata) so that x-kde-* and unknown hints survive a round trip through the
    store. `sender` is the person or conversation, when known (phone conversation title, or the
    summary of a chat app's notification).
    """

    app_name: str
    summary: str
    at: datetime
    body: str = ""
    source: Source = Source.DESKTOP
    urgency: Urgency = Urgency.NORMAL
    category: str | None = None
    desktop_entry: str | None = None
    sender: str | None = None
    device: str | None = None
    app_icon: str = ""
    actions: tuple[tuple[str, str], ...] = ()
    hints: Mapping[str, Any] = field(default_factory=lambda: EMPTY_HINTS)
    expire_timeout: int = -1
    time_sensitive: bool = False
    transient: bool = False
    resident: bool = False

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("Notification.at must be timezone-aware")

    @property
    def person(self) -> str | None:
        """The person or conversation this came from, if it is a person at all."""
        return self.sender or None

    @property
    def action_keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.actions)


@dataclass(frozen=True, slots=True)
class Decision:
    """What the rules decided about one notification, and why, in one line.

    `rule` is the name of the deciding rule ("default" when nothing matched). `release_at` is,
    for a held notification, the latest moment it will be shown (next check-in, max wait, or a
    hold_until time); None means "at the next check-in, whenever that is" or "never" for mute.
    """

    verdict: Verdict
    rule: str
    reason: str
    release_at: datetime | None = None
    urgency: Urgency | None = None  # set by a set_urgency action; None = unchanged
    window: str | None = None  # the focus window active at arrival, if any
    reply: bool = False  # the deciding rule asks for an honest status reply (issue 11)

    def explain(self) -> str:
        where = f" during {self.window!r}" if self.window else ""
        until = f" until {self.release_at.isoformat(timespec='minutes')}" if self.release_at else ""
        return f"{self.verdict.value}{until} by rule {self.rule!r}{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Item:
    """A notification as notifyzen holds it: its history id, what arrived, what was decided."""

    id: int
    notification: Notification
    decision: Decision


DELIVER_BY_DEFAULT = Decision(Verdict.DELIVER, "default", "no rule matched")

# Every hint that draws a picture: spec 1.3's "image-data" and "image-path", and the older names
# apps still send ("image_data", "image_path" from 1.1, "icon_data" from 1.0). Privacy mode drops
# them all, whoever draws the pop-up.
IMAGE_HINTS = ("image-data", "image_data", "image-path", "image_path", "icon_data")
