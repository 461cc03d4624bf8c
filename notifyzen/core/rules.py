"""Kairos: what a rule looks for in a notification, and what it then does.

A `Match` is a flat run of early returns over fields that were given (None = don't care); its
patterns were compiled when the file was loaded, for RE2 (core/textpattern.py): a notification's
text comes from anyone, so no pattern may take longer than a pass over it. An `Action` is
separate: a rule that only sets the urgency decides nothing and lets the next rule see the new
urgency, so a user can demote an app that marks everything critical before the built-in
"critical" rule looks at it.

Who counts as a *person* is defined here once (`is_person`), because max wait, repeated contact,
the simulator's "person-to-person" measure and the digest all depend on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time, timedelta
from typing import Literal

from notifyzen.core import kairos
from notifyzen.core.model import Notification, Source, Urgency, Verdict
from notifyzen.core.phone_match import is_pairing_request
from notifyzen.core.schedule import FocusWindow
from notifyzen.core.textpattern import TextPattern

PERSON_CATEGORIES = ("im", "call")


def category_in(category: str | None, families: Iterable[str]) -> bool:
    """'im' matches 'im' and 'im.received'; 'im.received' matches only itself."""
    if not category:
        return False
    return any(category == f or category.startswith(f + ".") for f in families)


def is_conversation(n: Notification) -> bool:
    """A person or a conversation (a group chat too) wrote it: who a status reply may answer."""
    return bool(n.sender) or category_in(n.category, PERSON_CATEGORIES) or kairos.sender(n) is not None


def is_person(n: Notification) -> bool:
    """A message from a person, as opposed to an app talking, a broadcast, a group or a channel.

    Recognised by kairos.sender in any language: a sender, a caller, or a messenger's summary
    (with or without the `im` category); not "#team-backend" or a family group chat, and not a
    phone's calendar reminder whose title KDE Connect put where a sender goes (issue 17)."""
    return kairos.sender(n) is not None


def person_key(n: Notification) -> str | None:
    """Who, for repeated contact and for grouping a held conversation; None for app noise.

    The person, not the app they used: Priya's missed call on the phone (KDE Connect names the
    caller as the sender) and her message in Signal Desktop (no sender hint, her name in the
    summary) are the same person coming back, as a phone's "repeated calls" would count them.
    Keying the summary-derived name by app once made those two strangers ("priya" and
    "signal:priya")."""
    who = kairos.sender(n)
    return who.casefold() if who is not None else None


def popup_key(n: Notification) -> str:
    """Where a pop-up comes from, for a cooldown: the app and the conversation in it (a person or a
    group chat), or the app alone. Groups count here: folding a chatty group is the point."""
    who = (n.sender or kairos.sender(n) or "").strip().casefold()
    return f"{n.app_name.casefold()}\x1f{who}"


@dataclass(frozen=True, slots=True)
class Facts:
    """What a decision computes once about a notification, so rules need not recompute it."""

    n: Notification
    urgency: Urgency
    person: bool
    repeated: bool
    signals: kairos.Signals | None = None  # reminder, code, call (engine.evaluate reads them once)
    since_popup: timedelta | None = None  # since this conversation last popped up (None: not lately)


# The Android package of a phone notification (KDE Connect's key "0|com.whatsapp|1|tag|10123"): a
# name that does not change with the phone's language, where the app name does ("Google Agenda").
PACKAGE_HINT = "x-android-package"


@dataclass(frozen=True, slots=True)
class Match:
    """Conditions that must all hold; a field left None is not looked at. Names are casefolded."""

    app: frozenset[str] | None = None
    desktop_entry: frozenset[str] | None = None
    sender: frozenset[str] | None = None
    category: tuple[str, ...] | None = None
    urgency: frozenset[Urgency] | None = None
    source: Source | None = None
    device: frozenset[str] | None = None
    package: frozenset[str] | None = None  # a phone notification's Android package
    summary: TextPattern | None = None
    body: TextPattern | None = None
    text: TextPattern | None = None
    person: bool | None = None
    repeated: bool | None = None
    time_sensitive: bool | None = None
    pairing_request: bool | None = None  # built-in only (engine.PAIRING_RULE); not in rule files
    reminder: bool | None = None  # a reminder of an event still ahead (core/kairos.py)
    code: bool | None = None  # a one-time code
    call: bool | Literal["ringing", "missed"] | None = None  # a call; "ringing": ringing now
    cooldown: timedelta | None = None  # its conversation popped up within this long (a chatty thread)

    def matches(self, f: Facts) -> bool:
        return self.fits(f.n, f.person) and self.holds(f)

    def fits(self, n: Notification, person: bool) -> bool:
        """The conditions on who and where from: the same for every notification of that origin,
        so the engine checks them once per origin and caches the rules that fit."""
        if self.app is not None and n.app_name.casefold() not in self.app:
            return False
        if self.desktop_entry is not None and (n.desktop_entry or "").casefold() not in self.desktop_entry:
            return False
        if self.sender is not None and (n.sender or "").strip().casefold() not in self.sender:
            return False
        if self.category is not None and not category_in(n.category, self.category):
            return False
        if self.source is not None and n.source is not self.source:
            return False
        if self.device is not None and (n.device or "").casefold() not in self.device:
            return False
        if self.package is not None and str(n.hints.get(PACKAGE_HINT, "")).casefold() not in self.package:
            return False
        if self.person is not None and person is not self.person:
            return False
        return self.time_sensitive is None or n.time_sensitive is self.time_sensitive

    def holds(self, f: Facts) -> bool:
        """The conditions on this very notification: urgency (after set_urgency), text, repeats."""
        n = f.n
        if self.urgency is not None and f.urgency not in self.urgency:
            return False
        if self.summary is not None and not self.summary.search(n.summary):
            return False
        if self.body is not None and not self.body.search(n.body):
            return False
        if self.text is not None and not (self.text.search(n.summary) or self.text.search(n.body)):
            return False
        # Here, not in fits(): a pairing request is told apart by hints, which the per-origin
        # cache of fitting rules does not key on.
        if self.pairing_request is not None and is_pairing_request(n) is not self.pairing_request:
            return False
        if (self.reminder, self.code, self.call) != (None, None, None) and not self._signals_hold(f):
            return False
        if self.cooldown is not None and (f.since_popup is None or f.since_popup > self.cooldown):
            return False
        return self.repeated is None or f.repeated is self.repeated

    def _signals_hold(self, f: Facts) -> bool:
        s = f.signals
        if self.reminder is not None and (s is not None and s.reminder is not None) is not self.reminder:
            return False
        if self.code is not None and (s is not None and s.code is not None) is not self.code:
            return False
        if self.call is None:
            return True
        found = s.call if s is not None else None
        if isinstance(self.call, bool):
            return (found is not None) is self.call
        return found is not None and found.ringing is (self.call == "ringing")

    def signal(self, f: Facts) -> str | None:
        """What recognised `f` for this rule, in words, for explain and the history."""
        s = f.signals
        if s is None:
            return None
        if self.reminder and s.reminder is not None:
            return s.reminder.why
        if self.code and s.code is not None:
            return s.code
        if self.call and s.call is not None:
            return s.call.why
        return None

    def describe(self) -> str:
        """The conditions in words, for `explain` when a rule gives no `why`."""
        parts: list[str] = []
        for name in ("app", "desktop_entry", "sender", "device", "package"):
            values = getattr(self, name)
            if values is not None:
                parts.append(f"{name.replace('_', '-')} is {' or '.join(sorted(values))}")
        if self.category is not None:
            parts.append(f"category is {' or '.join(self.category)}")
        if self.urgency is not None:
            parts.append(f"urgency is {' or '.join(u.label for u in sorted(self.urgency))}")
        if self.source is not None:
            parts.append(f"from the {self.source.value}")
        for name in ("summary", "body", "text"):
            pattern = getattr(self, name)
            if pattern is not None:
                parts.append(f"{name} matches /{pattern.pattern}/")
        for name, yes, no in (
            ("person", "from a person", "not from a person"),
            ("repeated", "repeated contact", "not a repeated contact"),
            ("time_sensitive", "time-sensitive", "not time-sensitive"),
            ("pairing_request", "a phone asking to pair", "not a pairing request"),
            ("reminder", "a reminder of an event still ahead", "not a reminder"),
            ("code", "a one-time code", "not a one-time code"),
        ):
            value = getattr(self, name)
            if value is not None:
                parts.append(yes if value else no)
        if self.call is not None:
            call = self.call
            parts.append(f"a {call} call" if isinstance(call, str) else "a call" if call else "not a call")
        if self.cooldown is not None:
            minutes = round(self.cooldown.total_seconds() / 60)
            parts.append(f"within {minutes} min of the last pop-up from the same conversation")
        return ", ".join(parts) or "matches everything"


UNTIL_WINDOW_END = "end of window"


@dataclass(frozen=True, slots=True)
class Action:
    """What a matching rule does. `verdict` None: only `set_urgency`, then the next rule decides.

    `until` (with HOLD) is a hold_until: a clock time, or UNTIL_WINDOW_END.
    """

    verdict: Verdict | None = None
    until: time | Literal["end of window"] | None = None
    set_urgency: Urgency | None = None

    @property
    def name(self) -> str:
        if self.verdict is None:
            return f"set_urgency {self.set_urgency.label if self.set_urgency is not None else ''}"
        if self.until is not None:
            return "hold_until"
        return self.verdict.value


During = frozenset[str] | Literal["any", "none"] | None


@dataclass(frozen=True, slots=True)
class Rule:
    """name + match + action. `during`: only within these focus windows ("any"/"none"), None = always.

    `origin` is "file:line" so explain and the history can point at the rule's text.
    """

    name: str
    match: Match
    action: Action
    during: During = None
    reply: bool = False
    why: str | None = None
    origin: str = ""

    def applies_in(self, window: str | None) -> bool:
        if self.during is None:
            return True
        if self.during == "any":
            return window is not None
        if self.during == "none":
            return window is None
        return window is not None and window.casefold() in self.during


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules in precedence order (user files, then the active preset), and the focus windows.

    Built-in break-through rules are not part of a RuleSet: the engine inserts them between the
    user's rules and the preset's (see engine.py), from the config.
    """

    user: tuple[Rule, ...] = ()
    preset: tuple[Rule, ...] = ()
    windows: tuple[FocusWindow, ...] = ()
    files: tuple[str, ...] = field(default=())

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.user + self.preset
