"""Each proposal's proof: last week replayed with the rule added, and dropped if it is worse.

The replay is the one `rules simulate` and the digest's buttons use (core/whatif.py): the real
Timeline on a simulated clock. What the user reads is the difference, by name: pop-ups before and
after, interruptions in focus, people's messages within max wait, and what happens to whom.

"Worse" is what the user was promised never to lose: fewer people's messages within max wait,
something left never shown, a reminder, code, call or critical notification no longer shown on
arrival, or (for a rule that holds) no pop-up saved at all. Such a rule is never proposed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from notifyzen.core import kairos
from notifyzen.core.config import Config
from notifyzen.core.model import Notification, ShownBy, Urgency
from notifyzen.core.proposals import Candidate, Scorer, Seen, candidates, person_of, support, yaml_text
from notifyzen.core.replay import Entry, Outcome, Run
from notifyzen.core.replay_summary import INTERRUPTING, GroupChange, by_group, interruptions, summarize
from notifyzen.core.rules import RuleSet
from notifyzen.core.whatif import rule_from_spec, simulate, with_rule


@dataclass(frozen=True, slots=True)
class Replay:
    """Last week without and with the proposed rule."""

    popups: tuple[int, int]  # moments something popped up outside a check-in, any time of day
    in_focus: tuple[int, int]  # of those, inside a focus window (the report's interruptions)
    people_within: tuple[int, int]  # people's daytime messages shown within max wait
    people: int  # people's daytime messages
    never_shown: tuple[int, int]  # held and never shown by the end of the replay
    changes: tuple[str, ...]  # what happens to whom, one line each, biggest first
    groups: tuple[dict[str, Any], ...] = ()  # the same as figures: name, before, after (GroupFigures)

    def sentence(self) -> str:
        (pb, pa), (fb, fa), (wb, wa) = self.popups, self.in_focus, self.people_within
        people = f"people's messages within max wait {wb}/{self.people} → {wa}/{self.people}"
        return f"pop-ups {pb} → {pa} ({fb} → {fa} in focus); {people}"

    def as_json(self) -> dict[str, Any]:
        return {
            "popups": list(self.popups),
            "interruptions_in_focus": list(self.in_focus),
            "people_within_max_wait": list(self.people_within),
            "people": self.people,
            "never_shown": list(self.never_shown),
            "changes": list(self.changes),
            "groups": list(self.groups),
            "sentence": self.sentence(),
        }


@dataclass(frozen=True, slots=True)
class Proposal:
    """A rule the user may accept with one click: the rule, why, and what last week would have been."""

    candidate: Candidate
    replay: Replay
    support: float | None = None  # the learned model's agreement, 0..1 (None: no model yet)

    @property
    def spec(self) -> dict[str, Any]:
        return self.candidate.spec

    @property
    def name(self) -> str:
        return str(self.candidate.spec["name"])

    @property
    def evidence(self) -> str:
        return self.candidate.evidence

    @property
    def yaml(self) -> str:
        return yaml_text(self.candidate.spec)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.candidate.kind,
            "subject": self.candidate.subject,
            "name": self.name,
            "evidence": self.evidence,
            "figures": self.candidate.figures,
            "rule": self.spec,
            "yaml": self.yaml,
            "replay": self.replay.as_json(),
            "model_support": None if self.support is None else round(self.support, 2),
        }


def propose(
    week: Sequence[Seen],
    entries: Sequence[Entry],
    rules: RuleSet,
    config: Config,
    *,
    span: tuple[datetime, datetime] | None = None,
    scorer: Scorer | None = None,
    limit: int = 8,
) -> list[Proposal]:
    """The week's proposals that the replay of `entries` (the same week's stream, with presence)
    shows to be no worse, best first. Rules already in `rules` are not proposed again."""
    found = [c for c in candidates(week) if c.spec["name"] not in {r.name for r in rules.user}]
    if not found or not entries:
        return []
    before = simulate(entries, rules, config, span=span)
    out: list[Proposal] = []
    for c in found:
        try:
            rule = rule_from_spec(c.spec, origin="proposal")
        except ValueError:
            continue  # a name no rule file could hold; never shown half-made
        after = simulate(entries, with_rule(rules, rule), config, span=span)
        replay = compare(before, after, config)
        if not worse(c, before, after, replay, config):
            out.append(Proposal(c, replay, support(c, scorer)))
    out.sort(key=lambda p: (-(p.support if p.support is not None else 0.5) * p.candidate.strength, p.name))
    return out[:limit]


def compare(before: Run, after: Run, config: Config) -> Replay:
    sb, sa = summarize(before, config.zone), summarize(after, config.zone)
    groups = by_group(before, after, _who)[:6]
    return Replay(
        popups=(popups(before), popups(after)),
        in_focus=(interruptions(before, before.outcomes), interruptions(after, after.outcomes)),
        people_within=(sb.people_daytime.within_max_wait, sa.people_daytime.within_max_wait),
        people=sb.people_daytime.count,
        never_shown=(sb.never_shown_held, sa.never_shown_held),
        changes=tuple(_words(g) for g in groups),
        groups=tuple(
            {"name": g.name, "before": g.before.as_json(), "after": g.after.as_json()} for g in groups
        ),
    )


def popups(run: Run) -> int:
    """Distinct moments something popped up outside a check-in, at any time of day."""
    return len(
        {
            o.shown_at.timestamp()
            for o in run.outcomes
            if o.shown_at is not None and o.shown_by in INTERRUPTING
        }
    )


def worse(c: Candidate, before: Run, after: Run, replay: Replay, config: Config) -> bool:
    if replay.people_within[1] < replay.people_within[0] or replay.never_shown[1] > replay.never_shown[0]:
        return True
    for b, a in zip(before.outcomes, after.outcomes, strict=True):
        if b.shown_by is ShownBy.ARRIVAL and a.shown_by is not ShownBy.ARRIVAL and _cannot_wait(b, config):
            return True
    if c.kind == "let through":
        return not any(_waited_less(b, a) for b, a in zip(before.outcomes, after.outcomes, strict=True))
    return replay.popups[1] >= replay.popups[0]


def _cannot_wait(o: Outcome, config: Config) -> bool:
    n = o.notification
    if n.urgency is Urgency.CRITICAL or n.time_sensitive:
        return True
    s = kairos.read(n, config.zone)
    return (
        (s.reminder is not None and s.reminder.ahead(n.at))
        or s.code is not None
        or (s.call is not None and s.call.ringing)
    )


def _waited_less(b: Outcome, a: Outcome) -> bool:
    wb, wa = b.wait, a.wait
    return wa is not None and (wb is None or wa < wb)


def _who(o: Outcome) -> str:
    n: Notification = o.notification
    who = person_of(n) or n.sender
    return f"{who} ({n.app_name})" if who and person_of(n) is None else who or n.app_name


def _words(g: GroupChange) -> str:
    b, a = g.before, g.after
    parts = []
    if a.delivered != b.delivered:
        parts.append(f"shown at once {b.delivered} → {a.delivered} of {b.notifications}")
    if a.muted != b.muted:
        parts.append(f"muted {b.muted} → {a.muted}")
    elif a.held != b.held:
        parts.append(f"waiting for a check-in {b.held} → {a.held}")
    if a.interruptions != b.interruptions:
        parts.append(f"interruptions in focus {b.interruptions} → {a.interruptions}")
    if a.median_wait != b.median_wait:
        parts.append(f"median wait {_minutes(b.median_wait)} → {_minutes(a.median_wait)}")
    return f"{g.name}: " + ", ".join(parts or ["shown at other moments"])


def _minutes(t: timedelta | None) -> str:
    # from the tenth of a minute the figures carry (GroupFigures.as_json), so both words agree
    return "never" if t is None else f"{round(round(t.total_seconds() / 60, 1))} min"
