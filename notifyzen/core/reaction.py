"""What the user did with a notification once it was in front of them (issue 20).

The history already says what notifyzen decided; a Reaction says how the user answered that
decision. Reactions are the only training signal of the learned model and the evidence a
proposal cites ("you opened 14 of Anke's 15 messages within 2 minutes"), so they are facts the
user would recognise, never guesses: each is recorded where it happens (pop-up, digest, history
window, tray) with the time it happened. Two of them are the user's explicit verdict on the
decision itself: "should have come through" and "could have waited".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from notifyzen.core.model import ShownBy


class ReactionKind(StrEnum):
    SHOWN = "shown"  # it reached the user's eyes (how: `shown_by`)
    OPENED = "opened"  # default action / clicked
    ACTED = "acted"  # an action button other than the default
    REPLIED = "replied"  # a typed reply
    DISMISSED = "dismissed"  # closed by the user without opening it
    EXPIRED = "expired"  # left on screen until it went by itself
    # gone from the phone while it waited or showed here: read, swiped away or withdrawn there
    # (KDE Connect does not say which), so neither wanted nor unwanted to the learned model
    REMOVED_ON_PHONE = "removed_on_phone"
    ALWAYS_ALLOW = "always_allow"  # a rule written from it: always let this through
    ALWAYS_MUTE = "always_mute"  # a rule written from it: never show this
    SHOULD_HAVE_COME = "should_have_come"  # the user: this should have come through
    COULD_HAVE_WAITED = "could_have_waited"  # the user: this could have waited


#: The user's own verdict on a decision, as opposed to what they did with the notification.
VERDICTS = frozenset({ReactionKind.SHOULD_HAVE_COME, ReactionKind.COULD_HAVE_WAITED})


@dataclass(frozen=True, slots=True)
class Reaction:
    """One thing the user did with one notification (a history row), at a time (UTC, aware)."""

    notification_id: int
    kind: ReactionKind
    at: datetime
    shown_by: ShownBy | None = None  # for SHOWN: arrival, check-in, breakpoint, ...
    after_shown: timedelta | None = None  # time from being shown to this reaction, when known
    action: str | None = None  # for ACTED: the key of the action button the user chose
