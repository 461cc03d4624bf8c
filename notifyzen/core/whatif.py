"""A rule set tried on a stream: the real Timeline, its schedule's focus windows, its max wait.

This is the one place that knows how to build a Timeline for a replay, so the command, the
digest's "always mute/allow" buttons and the report's suggestions all measure the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from notifyzen.core.config import Config
from notifyzen.core.meetings import CalendarFocus
from notifyzen.core.model import Notification
from notifyzen.core.replay import Entry, FocusSpan, Presence, Run, replay
from notifyzen.core.replay_summary import Impact, impact
from notifyzen.core.rules import Rule, RuleSet
from notifyzen.core.schedule import Schedule
from notifyzen.core.stream import DeskChange
from notifyzen.core.timeline import CheckIn, Release, Timeline


def focus_spans(schedule: Schedule, start: datetime, end: datetime) -> Iterator[FocusSpan]:
    """Every occurrence of every focus window that overlaps [start, end], in the schedule's zone."""
    zone = schedule.zone
    day = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date()
    while day <= last:
        for window in schedule.windows:
            for s, e in window.occurrences(day, zone):
                if s < end and e > start:
                    yield FocusSpan(window.name, s.astimezone(zone), e.astimezone(zone))
        day += timedelta(days=1)
    for s, e, window in schedule.dated:  # a calendar's meetings (core/meetings.py)
        if s < end and e > start:
            yield FocusSpan(window.name, s.astimezone(zone), e.astimezone(zone))


def simulate(
    entries: Sequence[Entry],
    rules: RuleSet,
    config: Config,
    *,
    span: tuple[datetime, datetime] | None = None,
    label: str = "",
    follow_timer: bool = False,
    calendar: CalendarFocus | None = None,
) -> Run:
    """Replay `entries` under `rules` and `config` with a fresh Timeline: deterministic per input.
    `calendar`: the meetings of that span as focus windows, as the app lived them."""
    timeline = Timeline(rules, config, calendar=calendar)
    schedule = timeline.engine.schedule

    def presence(p: Presence) -> list[Release | CheckIn]:
        if isinstance(p, DeskChange):  # screen shared, a call, as the history recorded it (issue 19)
            change = timeline.set_situation(p.at, p.situation)
            return [change] if change is not None else []
        if p.idle:
            timeline.idle(p.at)
            return []
        checkin = timeline.active(p.at)
        return [checkin] if checkin is not None else []

    return replay(
        entries,
        timeline,
        max_wait=config.max_wait,
        focus=lambda s, e: focus_spans(schedule, s, e),
        presence=presence,
        span=span,
        label=label,
        follow_timer=follow_timer,
    )


def rule_from_spec(spec: Mapping[str, Any], origin: str = "suggestion") -> Rule:
    """A rule written as a rules.yaml entry (`{"name": ..., "match": {...}, "action": "mute"}`),
    built by the loader's own steps so a button's rule and the saved file's rule are the same.
    Raises ValueError (pydantic's ValidationError is one) when the spec is not a valid rule."""
    from notifyzen.core.rulefile import RuleModel
    from notifyzen.core.ruleload import _rule

    return _rule(RuleModel.model_validate(dict(spec)), origin)


def with_rule(rules: RuleSet, rule: Rule) -> RuleSet:
    """The rule set with one more user rule in front, as an "always mute/allow" button adds it."""
    return RuleSet(user=(rule, *rules.user), preset=rules.preset, windows=rules.windows, files=rules.files)


def rule_impact(
    events: Sequence[Entry | Notification], rules: RuleSet, config: Config, extra: Rule
) -> Impact:
    """What adding `extra` would have changed over `events` (e.g. last week's history).

    `Impact.sentence()` reads "would have held 143 notifications last week, 0 of them from people".
    """
    entries = [e if isinstance(e, Entry) else Entry(i + 1, e) for i, e in enumerate(events)]
    span = _span(entries)
    if span is None:
        return Impact(0, 0, 0, 0, 0, 0, 0, 0, 0)
    before = simulate(entries, rules, config, span=span)
    after = simulate(entries, with_rule(rules, extra), config, span=span)
    return impact(before, after)


def _span(entries: Sequence[Entry]) -> tuple[datetime, datetime] | None:
    if not entries:
        return None
    times = [e.event.at.astimezone(UTC) for e in entries]
    return min(times), max(times)
