"""A notification as the model sees it: named features a person can read back in an explanation.

Names, not hashes: `rules explain` says "from Anke (+), in Signal (+), 'lunch' (+)", so each
weight must keep the name it belongs to. The set stays small (a dozen to twenty per notification,
a few thousand over a year), so a dict of them costs less than a hashed vector would.
"""

from __future__ import annotations

import re
from datetime import tzinfo

from notifyzen.core import kairos
from notifyzen.core.model import Notification, Source

MAX_WORDS = 12
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP_WORDS = (
    "the and for you your are was with this that have has from not but all can will just its our "
    "der die das und ist ein eine nicht mit het een van voor niet met"
)
_STOP = frozenset(_STOP_WORDS.split(" "))
PERIODS = ((0, "night"), (6, "morning"), (11, "midday"), (14, "afternoon"), (18, "evening"), (23, "night"))


def period(hour: int) -> str:
    found = "night"
    for start, name in PERIODS:
        if hour >= start:
            found = name
    return found


def source_key(n: Notification) -> str:
    """Who or what it is from, for "how the user treated them before"."""
    who = kairos.sender(n)
    return f"person:{who.casefold()}" if who else f"app:{n.app_name.casefold()}"


def features(n: Notification, zone: tzinfo) -> dict[str, float]:
    """The notification's features, each 1.0 (present); the past is added by the model."""
    out = {"bias": 1.0, f"app={n.app_name}": 1.0}
    who = kairos.sender(n)
    if who is not None:
        out[f"person={who}"] = 1.0
    elif n.sender:
        title = kairos.group(n, n.sender)
        out[f"group={title or n.sender}"] = 1.0
        out["group"] = 1.0
    if n.source is Source.PHONE:
        out["phone"] = 1.0
    if n.category:
        out[f"category={n.category.split('.')[0]}"] = 1.0
    local = n.at.astimezone(zone)
    out[f"time={period(local.hour)}"] = 1.0
    if local.weekday() >= 5:
        out["weekend"] = 1.0
    names = {w.casefold() for w in (who or n.sender or "").split()}
    words = 0
    for word in _WORD.findall(f"{n.summary} {n.body}".casefold()):
        if word in _STOP or word in names or f"word={word}" in out:
            continue
        out[f"word={word}"] = 1.0
        words += 1
        if words >= MAX_WORDS:
            break
    return out


def in_words(name: str) -> str:
    """A feature as the explanation says it."""
    kind, _, value = name.partition("=")
    return {
        "app": f"in {value}",
        "person": f"from {value}",
        "group": f"in the group {value}" if value else "a group",
        "category": f"a {value} notification",
        "time": f"in the {value}",
        "word": f"'{value}'",
    }.get(
        kind,
        {
            "phone": "on the phone",
            "weekend": "at the weekend",
            "past": "how you treated them before",
            "group": "a group",
        }.get(kind, name),
    )
