"""What a replay means to the user: interruptions saved, how long people waited, what changed.

An *interruption* is a moment something is shown outside a check-in while a focus window is on:
a notification shown on arrival, or released at its max wait or a rule's hold-until time. Several
shown at the same instant (someone breaking through brings their held messages along) are one
interruption, since they are one pop-up moment. Pass-through (no notifyzen) interrupts at every
moment a notification arrives in a focus window. `shown_in_focus` counts notifications instead.

*People* are messages from a person or conversation (`rules.is_person`: a sender, or an im/call
category); their wait is arrival to being shown, and a muted one never is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from notifyzen.core.model import ShownBy, Verdict
from notifyzen.core.replay import Outcome, Run
from notifyzen.core.rules import is_person as person_notification

DAYTIME = (time(7), time(22))  # when a person's message ought to reach the user within max wait
NEVER = timedelta(days=7)  # the score of "never shown" when ranking what changed most
INTERRUPTING = (ShownBy.ARRIVAL, ShownBy.MAX_WAIT, ShownBy.HOLD_UNTIL)


def is_person(o: Outcome) -> bool:
    return person_notification(o.notification)


def interrupts(run: Run, o: Outcome) -> bool:
    return o.shown_by in INTERRUPTING and o.shown_at is not None and run.in_focus(o.shown_at) is not None


def interruptions(run: Run, outcomes: Sequence[Outcome]) -> int:
    """Distinct moments at which something in `outcomes` interrupted a focus window."""
    return len({o.shown_at.timestamp() for o in outcomes if o.shown_at is not None and interrupts(run, o)})


def passthrough_interruptions(run: Run, outcomes: Sequence[Outcome]) -> int:
    return len(
        {o.notification.at.timestamp() for o in outcomes if run.in_focus(o.notification.at) is not None}
    )


def percentile(values: Sequence[timedelta], share: float) -> timedelta | None:
    """Nearest rank: the smallest value with at least `share` of all values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


@dataclass(frozen=True, slots=True)
class Waits:
    """How long a group of messages waited to be seen."""

    count: int
    never_shown: int
    within_max_wait: int
    median: timedelta | None
    p95: timedelta | None
    longest: timedelta | None

    @property
    def within_share(self) -> float | None:
        return self.within_max_wait / self.count if self.count else None

    def as_json(self) -> dict[str, Any]:
        share = self.within_share
        return {
            "count": self.count,
            "never_shown": self.never_shown,
            "within_max_wait": self.within_max_wait,
            "within_max_wait_percent": None if share is None else round(100 * share, 1),
            "median_minutes": _minutes(self.median),
            "p95_minutes": _minutes(self.p95),
            "longest_minutes": _minutes(self.longest),
        }


def waits(outcomes: Sequence[Outcome], max_wait: timedelta) -> Waits:
    shown = [w for o in outcomes if (w := o.wait) is not None]
    return Waits(
        count=len(outcomes),
        never_shown=len(outcomes) - len(shown),
        within_max_wait=sum(w <= max_wait for w in shown),
        median=percentile(shown, 0.5),
        p95=percentile(shown, 0.95),
        longest=max(shown, default=None),
    )


@dataclass(frozen=True, slots=True)
class Summary:
    notifications: int
    delivered: int
    held: int
    muted: int
    never_shown_held: int  # held and still not shown when the replay stopped
    interruptions: int
    passthrough_interruptions: int
    shown_in_focus: int  # notifications (not moments) shown outside a check-in in a focus window
    checkins: int
    people: Waits
    people_daytime: Waits  # people's messages arriving 07:00-22:00 local time
    max_wait: timedelta

    @property
    def interruptions_saved(self) -> float | None:
        """The share of focus-window interruptions that pass-through would have had and this did not."""
        if not self.passthrough_interruptions:
            return None
        return 1 - self.interruptions / self.passthrough_interruptions

    def as_json(self) -> dict[str, Any]:
        saved = self.interruptions_saved
        return {
            "notifications": self.notifications,
            "delivered": self.delivered,
            "held": self.held,
            "muted": self.muted,
            "held_never_shown": self.never_shown_held,
            "interruptions_in_focus": self.interruptions,
            "passthrough_interruptions_in_focus": self.passthrough_interruptions,
            "interruptions_saved_percent": None if saved is None else round(100 * saved, 1),
            "notifications_shown_in_focus": self.shown_in_focus,
            "checkins": self.checkins,
            "max_wait_minutes": _minutes(self.max_wait),
            "people": self.people.as_json(),
            "people_daytime": self.people_daytime.as_json(),
        }


def summarize(run: Run, tz: tzinfo) -> Summary:
    """The figures of one run; `tz` is the zone whose clock says what 07:00-22:00 is."""
    notes = per_notification(run.outcomes)
    verdicts = [o.decision.verdict for o in notes]
    people = [o for o in notes if is_person(o)]
    daytime = [o for o in people if _daytime(o.notification.at, tz)]
    return Summary(
        notifications=len(notes),
        delivered=verdicts.count(Verdict.DELIVER),
        held=verdicts.count(Verdict.HOLD),
        muted=verdicts.count(Verdict.MUTE),
        never_shown_held=sum(o.decision.verdict is Verdict.HOLD and o.shown_at is None for o in notes),
        interruptions=interruptions(run, run.outcomes),
        passthrough_interruptions=passthrough_interruptions(run, run.outcomes),
        shown_in_focus=sum(interrupts(run, o) for o in run.outcomes),
        checkins=sum(c.at.timestamp() <= run.end.timestamp() for c in run.checkins),
        people=waits(people, run.max_wait),
        people_daytime=waits(daytime, run.max_wait),
        max_wait=run.max_wait,
    )


def per_notification(outcomes: Sequence[Outcome]) -> list[Outcome]:
    """One Outcome per notification: an update in place (a progress bar, a chat's "3 new
    messages") is the same notification to the user. It came at its first version's time, its
    fate is its latest version's decision, and it was seen when any version first was (as the
    weekly report counts it). Interruptions still count every moment something popped up."""
    folded: dict[int, Outcome] = {}
    for o in outcomes:
        first = folded.get(o.replaces) if o.replaces is not None else None
        if first is None:
            folded[o.line] = o
            continue
        seen = [(x.shown_at, x.shown_by) for x in (first, o) if x.shown_at is not None]
        shown_at, shown_by = min(seen, key=lambda s: s[0].timestamp()) if seen else (None, None)
        folded[first.line] = replace(
            o,
            line=first.line,
            notification=replace(o.notification, at=first.notification.at),
            shown_at=shown_at,
            shown_by=shown_by,
            replaces=None,
        )
    return list(folded.values())


def _daytime(at: datetime, tz: tzinfo) -> bool:
    local = at.astimezone(tz).time()
    return DAYTIME[0] <= local < DAYTIME[1]


def _minutes(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 60, 1)


# --- what changed between two runs -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FateChange:
    before: Outcome
    after: Outcome

    @property
    def score(self) -> timedelta:
        return abs(_delay(self.after) - _delay(self.before))


def _delay(o: Outcome) -> timedelta:
    wait = o.wait
    return NEVER if wait is None else wait


def _fate(o: Outcome) -> tuple[Verdict, float | None, ShownBy | None]:
    return o.decision.verdict, None if o.shown_at is None else o.shown_at.timestamp(), o.shown_by


def changes(before: Run, after: Run) -> list[FateChange]:
    """Every notification whose fate differs, in input order (both runs replayed the same stream)."""
    return [
        FateChange(b, a) for b, a in zip(before.outcomes, after.outcomes, strict=True) if _fate(b) != _fate(a)
    ]


def most_changed(before: Run, after: Run, limit: int = 5) -> list[FateChange]:
    """The `limit` biggest changes, one per app and sender first so one noisy app cannot fill the
    list; if there are fewer such groups, the next biggest changes fill it up."""
    ranked = sorted(changes(before, after), key=lambda c: (-c.score, not is_person(c.after), c.after.line))
    picked: list[FateChange] = []
    seen: set[tuple[str, str | None]] = set()
    for change in ranked:
        key = (change.after.notification.app_name, change.after.notification.person)
        if key not in seen:
            seen.add(key)
            picked.append(change)
    picked = picked[:limit]
    rest = [c for c in ranked if c not in picked]
    return sorted([*picked, *rest[: limit - len(picked)]], key=lambda c: (-c.score, c.after.line))


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """One app's or one person's week under a rule set."""

    notifications: int
    delivered: int
    held: int
    muted: int
    interruptions: int
    median_wait: timedelta | None

    def as_json(self) -> dict[str, Any]:
        return {
            "notifications": self.notifications,
            "delivered": self.delivered,
            "held": self.held,
            "muted": self.muted,
            "interruptions_in_focus": self.interruptions,
            "median_wait_minutes": _minutes(self.median_wait),
        }


@dataclass(frozen=True, slots=True)
class GroupChange:
    name: str
    before: GroupFigures
    after: GroupFigures


def _figures(run: Run, outcomes: list[Outcome]) -> GroupFigures:
    verdicts = [o.decision.verdict for o in outcomes]
    return GroupFigures(
        notifications=len(outcomes),
        delivered=verdicts.count(Verdict.DELIVER),
        held=verdicts.count(Verdict.HOLD),
        muted=verdicts.count(Verdict.MUTE),
        interruptions=interruptions(run, outcomes),
        median_wait=percentile([w for o in outcomes if (w := o.wait) is not None], 0.5),
    )


def by_group(before: Run, after: Run, key: Callable[[Outcome], str | None]) -> list[GroupChange]:
    """Per app or per person, the groups whose figures differ, most notifications first."""
    groups: dict[str, list[int]] = {}
    for index, o in enumerate(before.outcomes):
        name = key(o)
        if name is not None:
            groups.setdefault(name, []).append(index)
    out = []
    for name, indexes in groups.items():
        b = _figures(before, [before.outcomes[i] for i in indexes])
        a = _figures(after, [after.outcomes[i] for i in indexes])
        if a != b:
            out.append(GroupChange(name, b, a))
    return sorted(out, key=lambda g: (-g.before.notifications, g.name))


def per_app(before: Run, after: Run) -> list[GroupChange]:
    return by_group(before, after, lambda o: o.notification.app_name)


def per_person(before: Run, after: Run) -> list[GroupChange]:
    return by_group(before, after, lambda o: o.notification.person)


# --- one candidate rule, in one sentence ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Impact:
    """What a candidate rule set would have done differently: counts of verdicts it changed.

    `held` counts notifications that the candidate holds and the active set did not (likewise
    `muted`, `delivered`); `people_*` are those with a sender.
    """

    notifications: int
    held: int
    muted: int
    delivered: int
    people_held: int
    people_muted: int
    people_delivered: int
    interruptions_before: int
    interruptions_after: int

    def sentence(self, period: str = "last week") -> str:
        """E.g. "would have held 143 notifications last week, 0 of them from people"."""
        parts = [
            f"would have {verb} {_count(n)} {period}, {people} of them from people"
            for verb, n, people in (
                ("held", self.held, self.people_held),
                ("muted", self.muted, self.people_muted),
                ("shown at once", self.delivered, self.people_delivered),
            )
            if n
        ]
        return "; ".join(parts) if parts else f"would have changed nothing {period}"

    def as_json(self) -> dict[str, Any]:
        return {
            "notifications": self.notifications,
            "held": self.held,
            "muted": self.muted,
            "delivered": self.delivered,
            "people_held": self.people_held,
            "people_muted": self.people_muted,
            "people_delivered": self.people_delivered,
            "interruptions_before": self.interruptions_before,
            "interruptions_after": self.interruptions_after,
            "sentence": self.sentence(),
        }


def _count(n: int) -> str:
    return f"{n} notification" if n == 1 else f"{n} notifications"


def impact(before: Run, after: Run) -> Impact:
    """The difference a candidate rule set (`after`) makes to the active one (`before`)."""
    became: dict[Verdict, list[Outcome]] = {v: [] for v in Verdict}
    for b, a in zip(before.outcomes, after.outcomes, strict=True):
        if a.decision.verdict is not b.decision.verdict:
            became[a.decision.verdict].append(a)

    def people(v: Verdict) -> int:
        return sum(is_person(o) for o in became[v])

    return Impact(
        notifications=len(after.outcomes),
        held=len(became[Verdict.HOLD]),
        muted=len(became[Verdict.MUTE]),
        delivered=len(became[Verdict.DELIVER]),
        people_held=people(Verdict.HOLD),
        people_muted=people(Verdict.MUTE),
        people_delivered=people(Verdict.DELIVER),
        interruptions_before=interruptions(before, before.outcomes),
        interruptions_after=interruptions(after, after.outcomes),
    )
