"""Rules worth proposing, found in how the user answered last week's notifications (issue 20).

notifyzen never decides on what it learned: it proposes a readable rule, says in one sentence
what the user did that suggests it ("Anke: you opened 14 of her 15 messages within 2 minutes"),
and shows what last week would have been under it (core/proposals_replay.py). The user says yes
or no. Three kinds, each the answer to a pattern a person would recognise in their own week:

- **let through**: a person whose messages the user opens at once, and whose held messages they
  said "should have come through", comes through in the focus windows where that was said;
- **hold / mute**: an app whose notifications the user dismisses or lets expire, hardly ever
  opens, and calls "could have waited", waits for the check-in (or, never opened at all, is muted:
  kept in the history, never shown);
- **cooldown**: a conversation whose follow-up pop-ups (within minutes of the one before) the user
  leaves unread comes as one pop-up: the rest waits, and comes together once the thread is quiet.

The evidence is counted here from `Seen` rows (a notification, its decision, when it was shown,
the user's reactions); thresholds are deliberately plain, so the sentence can say them. A learned
score (notifyzen/learn/) may rank and support what the counts found, through `Scorer`; it never
adds a proposal on its own. Pure: no clock, no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from notifyzen.core import kairos
from notifyzen.core.model import Decision, Notification, ShownBy, Verdict
from notifyzen.core.reaction import Reaction, ReactionKind

Kind = Literal["let through", "hold", "mute", "cooldown"]

FAST = timedelta(minutes=2)  # "opened within 2 minutes" of being shown
COOLDOWN = timedelta(minutes=10)  # a follow-up pop-up: within this long of the conversation's last one
OPENING = frozenset({ReactionKind.OPENED, ReactionKind.ACTED, ReactionKind.REPLIED})
LEAVING = frozenset({ReactionKind.DISMISSED, ReactionKind.EXPIRED})
POPPING = frozenset({ShownBy.ARRIVAL, ShownBy.MAX_WAIT, ShownBy.HOLD_UNTIL, ShownBy.DESKTOP})


class Scorer(Protocol):
    """What a learned model offers the core: how much a notification matters to this user (0..1)."""

    def score(self, n: Notification) -> float: ...


@dataclass(frozen=True, slots=True)
class Seen:
    """One notification of the week as the user met it: what was decided, when it was shown, and
    what they did with it (reactions in the order they happened)."""

    n: Notification
    decision: Decision
    shown_at: datetime | None = None
    shown_by: ShownBy | None = None
    reactions: tuple[Reaction, ...] = ()

    @property
    def popped_up(self) -> bool:
        return self.shown_at is not None and self.shown_by in POPPING

    def did(self, kinds: frozenset[ReactionKind]) -> bool:
        return any(r.kind in kinds for r in self.reactions)

    def said(self, kind: ReactionKind) -> bool:
        return any(r.kind is kind for r in self.reactions)

    @property
    def opened_fast(self) -> bool:
        return any(
            r.kind in OPENING and r.after_shown is not None and r.after_shown <= FAST for r in self.reactions
        )

    @property
    def left(self) -> bool:
        """Dismissed or let expire, never opened."""
        return self.did(LEAVING) and not self.did(OPENING)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule the counts suggest, before the replay has had its say."""

    kind: Kind
    subject: str  # the person, app or conversation, as the user calls it
    spec: dict[str, Any]  # a rules.yaml entry: name, why, match, during, action
    evidence: str  # one sentence, with names and numbers
    strength: int  # how many notifications speak for it
    notifications: tuple[Notification, ...] = field(default=(), repr=False)  # the ones it is about
    figures: dict[str, Any] = field(default_factory=dict)  # what `evidence` says, for other languages


def person_of(n: Notification) -> str | None:
    """The person a notification is from, as a rule's `sender:` names them; None for apps and groups."""
    return kairos.sender(n)


def candidates(week: Sequence[Seen]) -> list[Candidate]:
    """Every rule the week's reactions speak for, strongest first (before any replay)."""
    found = [*_let_through(week), *_hold_apps(week), *_cooldowns(week)]
    # Someone to let through is not also folded: the two would pull their messages both ways.
    through = {c.figures["who"] for c in found if c.kind == "let through"}
    found = [c for c in found if not (c.kind == "cooldown" and c.figures["who"] in through)]
    return sorted(found, key=lambda c: (-c.strength, c.kind, c.subject))


def _let_through(week: Sequence[Seen]) -> Iterable[Candidate]:
    by_person: dict[str, list[Seen]] = defaultdict(list)
    for s in week:
        who = person_of(s.n)
        if who is not None:
            by_person[who].append(s)
    for who, rows in sorted(by_person.items()):
        shown = [s for s in rows if s.shown_at is not None]
        fast = sum(s.opened_fast for s in shown)
        # "Should have come through" said of one that did come at once is a slip of the finger.
        should = [
            s
            for s in rows
            if s.said(ReactionKind.SHOULD_HAVE_COME) and s.decision.verdict is not Verdict.DELIVER
        ]
        # A window is named by two answers at least: one can be a slip of the finger.
        if len(shown) < 5 or fast < 0.6 * len(shown) or len(should) < 2:
            continue
        per_window: dict[str, int] = defaultdict(int)
        for s in should:
            if s.decision.window:
                per_window[s.decision.window] += 1
        windows = sorted(w for w, k in per_window.items() if k >= max(2, len(should) // 4))
        held = [s for s in rows if s.decision.verdict is Verdict.HOLD and s.decision.window in windows]
        # What speaks against it is "could have waited" said of their messages in those windows.
        could = sum(s.said(ReactionKind.COULD_HAVE_WAITED) for s in rows if s.decision.window in windows)
        if not windows or not held or len(should) < 2 * could:
            continue
        where = " or ".join(windows)
        evidence = (
            f"{who}: you opened {fast} of their {len(shown)} messages within 2 minutes, and said "
            f"{len(should)} held ones should have come through"
        )
        spec = {
            "name": f"{who} comes through",
            "why": f"proposed: you open {who}'s messages at once ({fast} of {len(shown)} within 2 min)",
            "match": {"sender": who},
            "during": windows,
            "action": "deliver",
        }
        figures = {"who": who, "fast": fast, "shown": len(shown), "should": len(should), "windows": windows}
        notes = tuple(s.n for s in rows)
        yield Candidate("let through", who, spec, f"{evidence} ({where})", len(should) + fast, notes, figures)


def _hold_apps(week: Sequence[Seen]) -> Iterable[Candidate]:
    """Apps that only ever talk for themselves (no person or conversation in the week): a rule on
    the app cannot hold someone's message by accident."""
    by_app: dict[str, list[Seen]] = defaultdict(list)
    talks: set[str] = set()
    for s in week:
        by_app[s.n.app_name].append(s)
        if s.n.sender or person_of(s.n) is not None:
            talks.add(s.n.app_name)
    for app, rows in sorted(by_app.items()):
        if app in talks:
            continue
        shown = [s for s in rows if s.shown_at is not None]
        popped = [s for s in shown if s.popped_up]
        opened = sum(s.did(OPENING) for s in shown)
        left = sum(s.left for s in shown)
        could = sum(s.said(ReactionKind.COULD_HAVE_WAITED) for s in rows)
        should = sum(s.said(ReactionKind.SHOULD_HAVE_COME) for s in rows)
        if (
            len(popped) < 5
            or opened > 0.1 * len(shown)
            or left < 0.8 * len(shown)
            or could < max(2, 2 * should)
        ):
            continue
        mute = opened == 0 and len(shown) >= 20 and should == 0
        verb = "mute" if mute else "hold"
        evidence = (
            f"{app}: you opened {opened} of its {len(shown)} notifications and dismissed or let "
            f"expire {left}; {could} of them could have waited, you said"
        )
        spec = {
            "name": f"{app} is muted" if mute else f"{app} waits for the check-in",
            "why": f"proposed: you opened {opened} of {len(shown)} from {app} last week",
            # normal: critical (and low, which the presets hold anyway) still go their own way
            "match": {"app": app, "urgency": "normal"},
            "action": verb,
        }
        kind: Kind = "mute" if mute else "hold"
        figures = {"app": app, "opened": opened, "shown": len(shown), "left": left, "could": could}
        yield Candidate(kind, app, spec, evidence, left + could, tuple(s.n for s in rows), figures)


def _conversation(n: Notification) -> str | None:
    who = (n.sender or kairos.sender(n) or "").strip()
    return who or None


def _cooldowns(week: Sequence[Seen]) -> Iterable[Candidate]:
    by_thread: dict[tuple[str, str], list[Seen]] = defaultdict(list)
    for s in week:
        who = _conversation(s.n)
        if who is not None:
            by_thread[(s.n.app_name, who)].append(s)
    for (app, who), rows in sorted(by_thread.items()):
        popped = sorted((s for s in rows if s.popped_up), key=_shown_ts)
        follow: list[Seen] = []
        last: datetime | None = None
        for s in popped:
            assert s.shown_at is not None
            if last is not None and s.shown_at - last <= COOLDOWN:
                follow.append(s)
            last = s.shown_at
        if len(follow) < 5:
            continue
        opened = sum(s.did(OPENING) for s in follow)
        left = sum(s.left for s in follow)
        could = sum(s.said(ReactionKind.COULD_HAVE_WAITED) for s in follow)
        should = sum(s.said(ReactionKind.SHOULD_HAVE_COME) for s in follow)
        if opened > 0.3 * len(follow) or left < 0.6 * len(follow) or could < should:
            continue
        minutes = round(COOLDOWN.total_seconds() / 60)
        evidence = (
            f"{who} ({app}) popped up {len(popped)} times; {len(follow)} of those came within {minutes} "
            f"minutes of the one before, and you left {left} of them unread"
        )
        spec = {
            "name": f"{who} in one pop-up",
            "why": f"proposed: more from {who} within {minutes} min of a pop-up comes as one, once quiet",
            "match": {"app": app, "sender": who, "cooldown": minutes},
            "action": "hold",
        }
        figures = {"who": who, "app": app, "popped": len(popped), "follow": len(follow), "minutes": minutes}
        figures["left"] = left
        notes = tuple(s.n for s in rows)
        yield Candidate("cooldown", f"{who} ({app})", spec, evidence, left + could, notes, figures)


def _shown_ts(s: Seen) -> float:
    return s.shown_at.timestamp() if s.shown_at is not None else 0.0


def support(c: Candidate, scorer: Scorer | None) -> float | None:
    """How much the learned model agrees (0..1): its mean score for a let-through, one minus it
    for what would wait. None without a model."""
    if scorer is None or not c.notifications:
        return None
    mean = sum(scorer.score(n) for n in c.notifications) / len(c.notifications)
    return mean if c.kind == "let through" else 1 - mean


def yaml_text(spec: dict[str, Any]) -> str:
    """The rule as the user's rule file will hold it (flow mappings, JSON-quoted names)."""
    import json

    def scalar(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, list):
            return "[" + ", ".join(scalar(x) for x in v) + "]"
        return json.dumps(str(v), ensure_ascii=False)

    lines = [f"- name: {scalar(spec['name'])}"]
    if spec.get("why"):
        lines.append(f"  why: {scalar(spec['why'])}")
    match = ", ".join(f"{k}: {scalar(v)}" for k, v in spec["match"].items())
    lines.append(f"  match: {{{match}}}")
    if spec.get("during"):
        lines.append(f"  during: {scalar(list(spec['during']))}")
    lines.append(f"  action: {spec['action']}")
    return "\n".join(lines) + "\n"
