"""decide(n, ctx, now): which rule decides, what it decides, and until when something waits.

Precedence, first match wins:

1. paused: everything passes (the user switched notifyzen off for a while);
2. built-in "pairing request": KDE Connect asking to pair a phone is always delivered, whatever
   the user's rules say (the request times out on the phone after 30 s: held for a check-in,
   pairing would be impossible in focus time);
3. the user's own rules (~/.config/notifyzen/rules/*.yaml, files by name, rules in file order);
4. built-in break-throughs: "critical" (config critical_passes) and "repeated contact" (the
   Nth message from one sender within M minutes). They come after the user's rules on purpose:
   a rule the user wrote about an app is the user "saying otherwise";
5. in a calendar meeting (core/meetings.py): the `meeting` preset's rules, then
   the active preset's rules, in file order;
6. "default": held inside focus windows, delivered outside (config `unmatched`).

A rule with only `set_urgency` decides nothing: it changes the urgency the following rules see.

While others see the screen (shared, mirrored, a window full screen: `Context.private`, from
core/situation.py) whatever this would show is held, unless critical (after `set_urgency`) or a
pairing request: rule "privacy", whose reason names the rule it overruled.

The engine is pure: the context (recent contacts, manual focus, pause) and the time are
arguments. The Timeline owns that context; the engine only reads it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from types import MappingProxyType

from notifyzen.core import kairos
from notifyzen.core.config import Config
from notifyzen.core.meetings import CalendarFocus, Event
from notifyzen.core.model import Decision, Notification, ShownBy, Urgency, Verdict
from notifyzen.core.rules import (
    PACKAGE_HINT,
    UNTIL_WINDOW_END,
    Action,
    Facts,
    Match,
    Rule,
    RuleSet,
    person_key,
    popup_key,
)
from notifyzen.core.schedule import Schedule, next_clock_time, utc

MANUAL_FOCUS = "focus"
PAIRING_RULE = Rule(
    "pairing request",
    Match(pairing_request=True),
    Action(Verdict.DELIVER),
    why="a phone asking to pair is always shown (the request expires after 30 s)",
    origin="built-in",
)


@dataclass(frozen=True, slots=True)
class ManualFocus:
    """ "Focus for 25 min" from the tray: a focus window that is not on the weekly schedule."""

    since: datetime
    until: datetime | None = None  # None: until the user stops it
    name: str = MANUAL_FOCUS

    def covers(self, t: datetime) -> bool:
        return self.since <= t and (self.until is None or t < self.until)


@dataclass(frozen=True, slots=True)
class Context:
    """What a decision may know besides the notification: who wrote recently, manual focus, pause."""

    recent: Mapping[str, Sequence[datetime]] = field(default_factory=lambda: MappingProxyType({}))
    focus: ManualFocus | None = None
    paused: bool = False
    update: bool = False  # an update in place of a live notification: no new try by its sender
    popups: Mapping[str, datetime] = field(default_factory=lambda: MappingProxyType({}))  # for cooldowns
    private: str | None = None  # others see the screen (core/situation.py): "Sharing your screen"


EMPTY_CONTEXT = Context()


@dataclass(frozen=True, slots=True)
class Moment:
    """A check-in the schedule brings: a scheduled time, or a breakpoint where focus ends."""

    at: datetime
    reason: str  # "scheduled" or "breakpoint"
    breakpoint: bool  # focus ends here (also true when a scheduled check-in coincides)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A decision plus what the Timeline needs to keep the promise in decision.release_at."""

    decision: Decision
    due: datetime | None = None  # an individual release (max wait, hold_until), UTC
    due_by: ShownBy = ShownBy.MAX_WAIT
    by_checkin: bool = False  # released by scheduled, idle and manual check-ins
    by_breakpoint: bool = False  # released where focus ends
    person: str | None = None
    cooled: str | None = None  # held by a cooldown rule: its popup_key, so the next pop-up brings it
    cooldown: timedelta | None = None  # that rule's cooldown: the thread quiet this long, it comes


TRANSIENT_RULE = "transient"
PRIVATE_RULE = "privacy"  # the screen is shared, mirrored or full screen (core/situation.py)


def _now_or_never(n: Notification, outcome: Outcome) -> Outcome:
    """A transient notification (spec hint: the server's persistence is bypassed; a volume or
    Wi-Fi OSD, "screenshot taken") matters only now: one that would be held is not kept for a
    check-in, where it would be stale. It is recorded, like a muted one, and never shown."""
    decision = outcome.decision
    if not n.transient or decision.verdict is not Verdict.HOLD:
        return outcome
    why = f"transient, so it matters only now and is not kept for a check-in ({decision.reason})"
    muted = replace(decision, verdict=Verdict.MUTE, rule=TRANSIENT_RULE, reason=why, release_at=None)
    return Outcome(muted, person=outcome.person)


class Engine:
    """Rules + schedule + config, ready to decide. Build one per loaded rule set."""

    def __init__(
        self,
        rules: RuleSet | None = None,
        config: Config | None = None,
        calendar: CalendarFocus | None = None,
    ) -> None:
        self.ruleset = rules or RuleSet()
        self.config = config or Config()
        self.calendar = calendar  # meetings as dated focus windows, with the meeting preset's rules
        c = self.config
        dated = calendar.spans() if calendar is not None else ()
        self.schedule = Schedule(self.ruleset.windows, c.checkins, c.zone, dated=dated)
        self.rules: tuple[Rule, ...] = (
            PAIRING_RULE,
            *self.ruleset.user,
            *self._builtins(),
            *(calendar.rules if calendar is not None else ()),  # only `during` a meeting
            *self.ruleset.preset,
        )
        self._fitting: dict[tuple[object, ...], tuple[Rule, ...]] = {}
        self._window_wait = {w.name: w.max_wait for w in self.ruleset.windows}
        for window in calendar.windows if calendar is not None else ():
            self._window_wait.setdefault(window.name, window.max_wait)
        self._reasons = {id(r): r.why or r.match.describe() for r in self.rules}
        self._checkin_cache: tuple[ManualFocus | None, datetime, Moment | None] | None = None

    def _builtins(self) -> tuple[Rule, ...]:
        c, out = self.config, []
        if c.critical_passes:
            why = "critical urgency always breaks through"
            out.append(
                Rule(
                    "critical",
                    Match(urgency=frozenset({Urgency.CRITICAL})),
                    Action(Verdict.DELIVER),
                    why=why,
                    origin="built-in",
                )
            )
        if c.repeated_count > 0:
            minutes = round(c.repeated_within.total_seconds() / 60)
            what = "a call after contact" if c.repeated_of == "calls" else "messages"
            why = f"{what} from this sender: {c.repeated_count} within {minutes} min"
            out.append(
                Rule(
                    "repeated contact",
                    Match(repeated=True),
                    Action(Verdict.DELIVER),
                    why=why,
                    origin="built-in",
                )
            )
        return tuple(out)

    def _candidates(self, n: Notification, person: bool) -> tuple[Rule, ...]:
        """The rules whose who-and-where conditions fit, in order; cached per origin, since a
        user has a few dozen origins (app, person, phone) and hundreds of notifications from each."""
        key = (
            n.app_name,
            n.desktop_entry,
            n.sender,
            n.category,
            n.source,
            n.device,
            n.hints.get(PACKAGE_HINT),
            n.time_sensitive,
            person,
        )
        found = self._fitting.get(key)
        if found is None:
            if len(self._fitting) > 4096:
                self._fitting.clear()
            found = tuple(r for r in self.rules if r.match.fits(n, person))
            self._fitting[key] = found
        return found

    # --- focus ---

    def window_at(self, now: datetime, ctx: Context = EMPTY_CONTEXT) -> str | None:
        """The name of the focus window `now` is in, manual focus first."""
        if ctx.focus is not None and ctx.focus.covers(now):
            return ctx.focus.name
        window = self.schedule.window_at(now)
        return window.name if window is not None else None

    def meeting_at(self, now: datetime, ctx: Context = EMPTY_CONTEXT) -> Event | None:
        """The calendar's meeting that makes `now` a focus window (not under manual focus)."""
        if self.calendar is None or (ctx.focus is not None and ctx.focus.covers(now)):
            return None
        return self.calendar.at(now)

    def in_focus(self, t: datetime, ctx: Context = EMPTY_CONTEXT) -> bool:
        return (ctx.focus is not None and ctx.focus.covers(t)) or self.schedule.in_focus(t)

    def next_breakpoint(self, after: datetime, ctx: Context = EMPTY_CONTEXT) -> datetime | None:
        """The next moment focus ends (the union of windows and manual focus)."""
        focus = ctx.focus
        candidates = []
        until = focus.until if focus is not None else None
        if until is not None and until > after and not self.schedule.in_focus(until):
            candidates.append(until)
        for end in self.schedule.focus_ends(after):
            if focus is None or not focus.covers(end):
                candidates.append(end)
                break
        return min(candidates, default=None)

    def focus_end(self, now: datetime, ctx: Context = EMPTY_CONTEXT) -> datetime | None:
        return self.next_breakpoint(now, ctx) if self.in_focus(now, ctx) else None

    def next_checkin(self, after: datetime, ctx: Context = EMPTY_CONTEXT) -> Moment | None:
        """The next check-in strictly after `after`: scheduled (unless in manual focus) or breakpoint."""
        after = utc(after)
        hit = self._checkin_cache
        # The answer holds for every `after` from where it was computed up to the moment itself.
        if (
            hit is not None
            and hit[0] == ctx.focus
            and hit[1] <= after
            and (hit[2] is None or after < hit[2].at)
        ):
            return hit[2]
        moment = self._next_checkin(after, ctx)
        self._checkin_cache = (ctx.focus, after, moment)
        return moment

    def _next_checkin(self, after: datetime, ctx: Context) -> Moment | None:
        scheduled = self.schedule.next_scheduled_checkin(after)
        focus = ctx.focus
        while scheduled is not None and focus is not None and focus.covers(scheduled):
            # scheduled check-ins wait while the user focuses by hand; its end is the breakpoint
            scheduled = None if focus.until is None else self.schedule.next_scheduled_checkin(scheduled)
        brk = self.next_breakpoint(after, ctx)
        if scheduled is None and brk is None:
            return None
        if brk is None or (scheduled is not None and scheduled < brk):
            assert scheduled is not None
            return Moment(scheduled, "scheduled", False)
        return Moment(brk, "scheduled" if scheduled == brk else "breakpoint", True)

    def next_change(self, now: datetime, ctx: Context = EMPTY_CONTEXT) -> datetime | None:
        """The next focus-window edge or check-in after `now`: when the app must look again."""
        now = utc(now)
        moments = [self.schedule.next_boundary(now)]
        checkin = self.next_checkin(now, ctx)
        moments.append(checkin.at if checkin else None)
        if ctx.focus is not None and ctx.focus.until is not None and ctx.focus.until > now:
            moments.append(ctx.focus.until)
        found = min((m for m in moments if m is not None), default=None)
        return found.astimezone(self.config.zone) if found else None

    # --- deciding ---

    def decide(self, n: Notification, ctx: Context = EMPTY_CONTEXT, now: datetime | None = None) -> Decision:
        return self.evaluate(n, ctx, now).decision

    def evaluate(self, n: Notification, ctx: Context = EMPTY_CONTEXT, now: datetime | None = None) -> Outcome:
        outcome = self._evaluate(n, ctx, now)
        if ctx.private is None:
            return outcome
        return self._in_private(n, ctx, ctx.private, outcome, utc(now or n.at))

    def _in_private(
        self, n: Notification, ctx: Context, why: str, outcome: Outcome, now: datetime
    ) -> Outcome:
        """While others see the screen only critical (after the rules' set_urgency) and a phone's
        pairing request come through; what a rule would have shown is held, and says which rule."""
        d = outcome.decision
        if d.verdict is not Verdict.DELIVER or d.rule in (PAIRING_RULE.name, "paused"):
            return outcome
        if (d.urgency or n.urgency) is Urgency.CRITICAL:
            return outcome
        rule = Rule(PRIVATE_RULE, Match(), Action(Verdict.HOLD))
        reason = f"{why}: only critical comes through (else: {d.rule}, {d.reason})"
        held = self._outcome(rule, rule.action, reason, d.window, d.urgency, person_key(n), ctx, now)
        return _now_or_never(n, held)

    def _evaluate(self, n: Notification, ctx: Context, now: datetime | None) -> Outcome:
        now = utc(now or n.at)
        if ctx.paused:
            return Outcome(Decision(Verdict.DELIVER, "paused", "notifyzen is paused: everything passes"))
        if self.calendar is not None and not n.time_sensitive and self.calendar.reminder_of(n, now):
            n = replace(n, time_sensitive=True)  # a reminder of an event still ahead cannot wait
        window = self.window_at(now, ctx)
        key = person_key(n)
        signals = self._signals(n, now)
        who = kairos.sender(n)
        if who is not None and not n.sender:
            n = replace(n, sender=who)  # `sender: [Mum]` matches Signal's "Mum" without im category
        popped = ctx.popups.get(popup_key(n)) if ctx.popups else None
        since = now - popped if popped is not None and popped <= now else None
        repeated = self._repeated(n, key, ctx, now, signals)
        facts = Facts(n, n.urgency, key is not None, repeated, signals, since)
        set_urgency: Urgency | None = None
        folded = window.casefold() if window is not None else None
        for rule in self._candidates(n, facts.person):
            if (rule.during is not None and not rule.applies_in(folded)) or not rule.match.holds(facts):
                continue
            cooldown = rule.match.cooldown
            if cooldown is not None and self._cooling_into_focus(cooldown, window, ctx, now):
                continue
            action = rule.action
            if action.set_urgency is not None:
                set_urgency = action.set_urgency
                facts = Facts(n, set_urgency, facts.person, facts.repeated, signals, since)
            if action.verdict is not None:
                reason = self._reasons.get(id(rule)) or rule.why or rule.match.describe()
                recognised = rule.match.signal(facts)
                if recognised is not None:
                    reason = f"{recognised}; {reason}"
                outcome = self._outcome(rule, action, reason, window, set_urgency, key, ctx, now)
                if rule.match.cooldown is not None:
                    outcome = replace(outcome, cooled=popup_key(n), cooldown=rule.match.cooldown)
                return _now_or_never(n, outcome)
        verdict = self.config.unmatched_in_focus if window else self.config.unmatched_outside
        where = "in a focus window" if window else "outside focus windows"
        default = Rule("default", Match(), Action(verdict))
        return _now_or_never(
            n,
            self._outcome(
                default, default.action, f"no rule matched {where}", window, set_urgency, key, ctx, now
            ),
        )

    def _cooling_into_focus(self, cooldown: timedelta, window: str | None, ctx: Context, t: datetime) -> bool:
        """Outside focus a cooldown holds a thread only while its quiet moment is outside focus
        too: what a cooldown held must not come as a pop-up in the focus window that follows."""
        return window is None and self.in_focus(t + cooldown, ctx)

    def _signals(self, n: Notification, now: datetime) -> kairos.Signals:
        """Reminder, code and call (core/kairos.py); a reminder counts only while its event is ahead."""
        signals = kairos.read(n, self.config.zone)
        if signals.reminder is not None and not signals.reminder.ahead(now):
            return replace(signals, reminder=None)
        return signals

    def _repeated(
        self, n: Notification, key: str | None, ctx: Context, now: datetime, signals: kairos.Signals
    ) -> bool:
        count = self.config.repeated_count
        if key is None or count <= 0:
            return False
        if self.config.repeated_of == "calls" and signals.call is None:
            return False  # a call in any language ("Gemiste oproep"), not only the call category
        since = now - self.config.repeated_within
        earlier = sum(1 for t in ctx.recent.get(key, ()) if since <= t <= now)
        return earlier + (0 if ctx.update else 1) >= count

    def _outcome(
        self,
        rule: Rule,
        action: Action,
        reason: str,
        window: str | None,
        urgency: Urgency | None,
        key: str | None,
        ctx: Context,
        now: datetime,
    ) -> Outcome:
        verdict = action.verdict or Verdict.DELIVER
        base = Decision(verdict, rule.name, reason, None, urgency, window, rule.reply)
        if verdict is not Verdict.HOLD:
            return Outcome(base, person=key)
        wait = self._wait_due(key, window, now)
        if action.until is None:
            checkin = self.next_checkin(now, ctx)
            moments = [t for t in (checkin.at if checkin else None, wait) if t is not None]
            return self._held(base, min(moments, default=None), wait, ShownBy.MAX_WAIT, True, True, key)
        if action.until == UNTIL_WINDOW_END:
            if window is None:
                return Outcome(
                    replace(base, verdict=Verdict.DELIVER, reason=f"{reason}; no focus window now"),
                    person=key,
                )
            end = self.focus_end(now, ctx)
            moments = [t for t in (end, wait) if t is not None]
            return self._held(base, min(moments, default=None), wait, ShownBy.MAX_WAIT, False, True, key)
        assert isinstance(action.until, time)
        # at or after now: arriving at 17:30:00 under "hold until 17:30" is not held for a day
        until = next_clock_time(action.until, now - timedelta(microseconds=1), self.config.zone)
        if wait is not None and wait < until:
            return self._held(base, wait, wait, ShownBy.MAX_WAIT, False, False, key)
        return self._held(base, until, until, ShownBy.HOLD_UNTIL, False, False, key)

    def _held(
        self,
        base: Decision,
        release_at: datetime | None,
        due: datetime | None,
        due_by: ShownBy,
        by_checkin: bool,
        by_breakpoint: bool,
        key: str | None,
    ) -> Outcome:
        local = release_at.astimezone(self.config.zone) if release_at else None
        b = base
        decision = Decision(b.verdict, b.rule, b.reason, local, b.urgency, b.window, b.reply)
        return Outcome(decision, due, due_by, by_checkin, by_breakpoint, key)

    def _wait_due(self, key: str | None, window: str | None, now: datetime) -> datetime | None:
        """When a person's held message must be shown at the latest; None for app noise."""
        if key is None:
            return None
        wait = self._window_wait.get(window) if window is not None else None
        if wait is None:
            wait = self.config.max_wait
        return now + wait if wait > timedelta(0) else None
