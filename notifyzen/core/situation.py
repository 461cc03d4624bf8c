"""What is going on at the desk right now (issue 19): the screen shared, a full-screen window in
front, the displays mirrored, the microphone in use by a call app.

The adapters in notifyzen/context/ watch the desktop and say what started and ended; what reaches
the core is only this plain data, so `decide` stays pure and `rules explain` can name it. The
Timeline turns a Situation into a live focus window, shaped like the tray's "Focus for…": it
starts when the situation starts, ends when it ends (a breakpoint check-in), and scheduled
check-ins wait meanwhile, because a digest opening in the middle of a presentation is exactly
what the user shares with the room.

Two kinds of situation, because users ask for two different things:

* **Privacy** (screen sharing, mirrored displays, a full-screen window): the room sees the screen.
  Everything but critical is held, and what is drawn carries no message text (the pop-up and the
  re-delivered copy in observe mode say "1 urgent message from Anke"). Windows 11 and Plasma 6
  switch to Do not disturb in the same situations.
* **A call**: the user is talking to people, as in a meeting. The focus window is named `meeting`,
  so the meeting preset's rules and max wait apply where they are loaded, and the built-in
  repeated contact still lets a second call from the same person through.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

from notifyzen.core.meetings import MEETING

Mode = Literal["off", "hold"]


class Kind(StrEnum):
    SCREEN_SHARE = "screen_share"
    MIRRORED = "mirrored"
    FULLSCREEN = "fullscreen"
    CALL = "call"


PRIVATE = (Kind.SCREEN_SHARE, Kind.MIRRORED, Kind.FULLSCREEN)  # in this order the reason is named


@dataclass(frozen=True, slots=True)
class Presence:
    """One thing going on since `since`; `detail` names it for the user (the call app, the
    full-screen window's app, the sharing app), or is empty when the desktop does not say."""

    kind: Kind
    since: datetime
    detail: str = ""

    def __post_init__(self) -> None:
        if self.since.tzinfo is None:
            raise ValueError("Presence.since must be timezone-aware")


@dataclass(frozen=True, slots=True)
class ContextSettings:
    """config.yaml `context:`: which situations hold notifications (`off`: notifyzen ignores it).
    Mirrored displays count as presenting and follow `screen_share` unless set on their own."""

    screen_share: Mode = "hold"
    fullscreen: Mode = "hold"
    calls: Mode = "hold"
    mirrored: Mode | None = None

    def holds(self, kind: Kind) -> bool:
        mode = {
            Kind.SCREEN_SHARE: self.screen_share,
            Kind.FULLSCREEN: self.fullscreen,
            Kind.CALL: self.calls,
            Kind.MIRRORED: self.mirrored or self.screen_share,
        }[kind]
        return mode == "hold"


@dataclass(frozen=True, slots=True)
class Situation:
    """Everything going on now, as the adapters last reported it."""

    presences: tuple[Presence, ...] = ()

    def narrowed(self, settings: ContextSettings) -> Situation:
        """Only what config.yaml says should hold."""
        return Situation(tuple(p for p in self.presences if settings.holds(p.kind)))

    def first(self, *kinds: Kind) -> Presence | None:
        for kind in kinds:
            for p in self.presences:
                if p.kind is kind:
                    return p
        return None

    @property
    def private(self) -> Presence | None:
        """What makes the screen visible to others now (sharing first), if anything."""
        return self.first(*PRIVATE)

    @property
    def call(self) -> Presence | None:
        return self.first(Kind.CALL)

    @property
    def since(self) -> datetime | None:
        return min((p.since for p in self.presences), default=None)

    @property
    def window(self) -> str | None:
        """The name of the live focus window: `meeting` for a call (the meeting preset's rules
        apply), else the privacy situation's own name."""
        private = self.private
        if private is not None:
            return WINDOW_NAMES[private.kind]
        return MEETING if self.call is not None else None

    def reason(self) -> str | None:
        """What `rules explain` and the log say: "Sharing your screen", "In a call (Zoom)"."""
        shown = self.private or self.call
        return describe(shown) if shown is not None else None


WINDOW_NAMES = {
    Kind.SCREEN_SHARE: "screen sharing",
    Kind.MIRRORED: "presenting",
    Kind.FULLSCREEN: "full screen",
}


def describe(p: Presence) -> str:
    if p.kind is Kind.SCREEN_SHARE:
        return f"Sharing your screen ({p.detail})" if p.detail else "Sharing your screen"
    if p.kind is Kind.MIRRORED:
        return "Presenting on mirrored displays"
    if p.kind is Kind.FULLSCREEN:
        return f"Full screen: {p.detail}" if p.detail else "Full screen"
    return f"In a call ({p.detail})" if p.detail else "In a call"
