"""Simulated users: the proof that proposals help (issue 20), on generated weeks.

Each user has preferences notifyzen does not see: people who must come through in deep work,
apps they never read, chatty conversations whose follow-up pop-ups annoy them. They live a week
under some rules (the replay shows them what notifyzen would), and react the way their
preferences say, with noise: open at once, dismiss, let expire, and now and then answer "should
have come through" / "could have waited". Those reactions are all the proposals get to see.

What is measured is what the preferences say, not what the user happened to click:

- **could have waited**: a pop-up (outside a check-in) the user did not want then: from an app
  they never read, a chatty conversation's follow-up within minutes of its last pop-up, or,
  inside a focus window, anything that is not theirs-at-once (a must-come person, a reminder,
  code, ringing call or critical);
- **should have come through**: something they wanted at once (a must-come person outside sleep,
  or what cannot wait) that was not shown within 2 minutes.

Pure and seeded: `random.Random(seed)` is the only chance.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from notifyzen.core import kairos
from notifyzen.core.config import Config
from notifyzen.core.model import Notification, ShownBy, Urgency, Verdict
from notifyzen.core.proposals import COOLDOWN, FAST, Scorer, Seen, person_of
from notifyzen.core.reaction import Reaction, ReactionKind
from notifyzen.core.replay import Entry, Outcome, Run
from notifyzen.core.replay_summary import INTERRUPTING, summarize
from notifyzen.core.rules import RuleSet

SLEEP = "sleep"


@dataclass(frozen=True, slots=True)
class Preferences:
    """What the user wants, unknown to notifyzen."""

    must_come: frozenset[str] = frozenset()  # people wanted at once, in deep work too (not asleep)
    never_read: frozenset[str] = frozenset()  # apps
    chatty: frozenset[str] = frozenset()  # conversations (group or person) whose follow-ups annoy
    noise: float = 0.05  # a verdict clicked for no reason, per notification seen
    answers: float = 0.4  # how often the user gives a verdict when they have one


@dataclass(frozen=True, slots=True)
class Tally:
    """One week as the user's preferences judge it."""

    could_have_waited: int
    should_have_come: int
    people_within: int  # people's daytime messages shown within max wait (the report's figure)
    people: int
    notifications: int
    outcomes: int  # one per notification: nothing lost from the replay
    never_shown_held: int


@dataclass(slots=True)
class SimUser:
    prefs: Preferences
    seed: int = 0
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    # --- what the preferences say ---

    def wanted_now(self, o: Outcome, run: Run, zone_config: Config) -> bool | None:
        """True: wanted at once; False: could wait; None: either is fine (outside focus)."""
        n = o.notification
        span = run.in_focus(n.at)
        if cannot_wait(n, zone_config):
            return True
        if n.app_name in self.prefs.never_read:
            return False
        if person_of(n) in self.prefs.must_come and (span is None or span.name != SLEEP):
            return True
        return False if span is not None else None

    def follow_ups(self, run: Run) -> set[int]:
        """Lines of chatty conversations' pop-ups within the cooldown of the one before."""
        last: dict[tuple[str, str], float] = {}
        out: set[int] = set()
        popped = [o for o in run.outcomes if o.shown_at is not None and o.shown_by in INTERRUPTING]
        for o in sorted(popped, key=lambda o: (o.shown_at.timestamp(), o.line)):  # type: ignore[union-attr]
            who = o.notification.sender or kairos.sender(o.notification)
            if who not in self.prefs.chatty:
                continue
            key, t = (o.notification.app_name, who), o.shown_at.timestamp()  # type: ignore[union-attr]
            if key in last and t - last[key] <= COOLDOWN.total_seconds():
                out.add(o.line)
            last[key] = t
        return out

    def tally(self, run: Run, config: Config) -> Tally:
        follow = self.follow_ups(run)
        could = should = 0
        for o in run.outcomes:
            want = self.wanted_now(o, run, config)
            popped = o.shown_at is not None and o.shown_by in INTERRUPTING
            if popped and (want is False or (o.line in follow and want is not True)):
                could += 1
            if want is True and (o.wait is None or o.wait > FAST):
                should += 1
        s = summarize(run, config.zone)
        return Tally(
            could,
            should,
            s.people_daytime.within_max_wait,
            s.people_daytime.count,
            s.notifications,
            len(run.outcomes),
            s.never_shown_held,
        )

    # --- what the user does ---

    def react(self, run: Run, config: Config) -> list[Seen]:
        """The week as the history would record it: decisions, showings, the user's reactions."""
        follow = self.follow_ups(run)
        return [
            Seen(o.notification, o.decision, o.shown_at, o.shown_by, self._reactions(o, run, config, follow))
            for o in run.outcomes
        ]

    def _reactions(self, o: Outcome, run: Run, config: Config, follow: set[int]) -> tuple[Reaction, ...]:
        if o.shown_at is None:
            return ()
        rng, p, n = self.rng, self.prefs, o.notification
        want = self.wanted_now(o, run, config)
        popped = o.shown_by in INTERRUPTING
        shown = o.shown_at
        out = [Reaction(o.line, ReactionKind.SHOWN, shown, o.shown_by)]

        def did(kind: ReactionKind, after: timedelta) -> None:
            out.append(Reaction(o.line, kind, shown + after, after_shown=after))

        def leave() -> None:
            kind = ReactionKind.DISMISSED if rng.random() < 0.6 else ReactionKind.EXPIRED
            did(kind, timedelta(seconds=rng.uniform(2, 20)))

        if n.app_name in p.never_read:
            leave()
            if popped and rng.random() < p.answers:
                did(ReactionKind.COULD_HAVE_WAITED, timedelta(seconds=5))
        elif o.line in follow and want is not True:
            if rng.random() < 0.85:
                leave()
            else:
                did(ReactionKind.OPENED, timedelta(minutes=rng.uniform(3, 20)))
            if rng.random() < p.answers:
                did(ReactionKind.COULD_HAVE_WAITED, timedelta(seconds=5))
        elif person_of(n) in p.must_come:
            seconds = rng.uniform(10, 100) if rng.random() < 0.9 else rng.uniform(180, 1800)
            did(ReactionKind.OPENED, timedelta(seconds=seconds))
        elif rng.random() < 0.55:
            did(ReactionKind.OPENED, timedelta(seconds=rng.expovariate(1 / 720)))
        else:
            leave()
        late = o.wait is None or o.wait > FAST
        if want is True and late and o.decision.verdict is not Verdict.DELIVER and rng.random() < p.answers:
            did(ReactionKind.SHOULD_HAVE_COME, timedelta(seconds=8))
        elif want is False and popped and n.app_name not in p.never_read and rng.random() < p.answers / 2:
            did(ReactionKind.COULD_HAVE_WAITED, timedelta(seconds=5))
        if rng.random() < p.noise:
            verdict = rng.choice((ReactionKind.SHOULD_HAVE_COME, ReactionKind.COULD_HAVE_WAITED))
            did(verdict, timedelta(seconds=9))
        return tuple(out)


def cannot_wait(n: Notification, config: Config) -> bool:
    """What every user wants at once: critical, time-sensitive, a reminder of what is still ahead,
    a one-time code, a ringing call."""
    if n.urgency is Urgency.CRITICAL or n.time_sensitive:
        return True
    s = kairos.read(n, config.zone)
    ahead = s.reminder is not None and s.reminder.ahead(n.at)
    return ahead or s.code is not None or (s.call is not None and s.call.ringing)


def shown_on_arrival(outcomes: Sequence[Outcome]) -> int:
    return sum(o.shown_by is ShownBy.ARRIVAL for o in outcomes)


@dataclass(frozen=True, slots=True)
class Week:
    """One simulated week: the rules lived under, what the defaults would have done, what was proposed."""

    lived: Tally
    defaults: Tally
    proposed: tuple[str, ...]  # names of the rules accepted at the end of this week


def live_weeks(
    user: SimUser,
    defaults: RuleSet,
    config: Config,
    weeks: Sequence[Sequence[Entry]],
    scorer: Scorer | None = None,
) -> list[Week]:
    """The user lives each week under the rules so far; at its end every proposal is accepted.
    The evidence is the reactions of the last two weeks (someone who wrote twice in deep work in
    one week may write five times over two); the replay is the week just lived."""
    from notifyzen.core.proposals_replay import propose
    from notifyzen.core.whatif import rule_from_spec, simulate, with_rule

    rules, out, earlier = defaults, [], list[Seen]()
    for entries in weeks:
        lived = simulate(entries, rules, config)
        base = lived if rules is defaults else simulate(entries, defaults, config)
        seen = user.react(lived, config)
        accepted = propose([*earlier, *seen], entries, rules, config, scorer=scorer)
        earlier = seen
        for p in accepted:
            rules = with_rule(rules, rule_from_spec(p.spec, origin="proposal"))
        out.append(Week(user.tally(lived, config), user.tally(base, config), tuple(p.name for p in accepted)))
    return out
