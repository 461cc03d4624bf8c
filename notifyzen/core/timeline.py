"""The day as notifyzen lives it: what is held, when check-ins come, what gets released.

A Timeline is the only stateful part of the core, and it is still plain data: it never reads the
clock and never does I/O. The running app feeds it arrivals and the moments its one Qt timer
fires; `rules simulate` feeds it a past week on a simulated clock. Both therefore agree on every
decision and every release moment.

The promise: a held notification's `Decision.release_at` is when `advance()` will show it, unless
the user brings it forward (a manual check-in, coming back from idle, ending focus, pausing).
It is the earliest of: the next check-in or breakpoint (plain `hold`), the hold_until time, and
for people the max wait. Messages from one person form a conversation: a later message is shown
with the first one's max wait, so the conversation appears at once.

When someone breaks through (repeated contact, critical), their earlier held messages come along:
the next `advance()` returns them as Releases at that moment (shown_by ARRIVAL).

Flood control lives here too (notifyzen/core/flood.py): past a source's burst, what the rules would
show at once waits for the next check-in instead, so `rules simulate` replays a flood as the app
lives it.

Call `advance(now)` before `take`, `active`, `unfocus` at the same moment, and after `take`;
`next_change(now)` says when to call `advance` next.
"""

from __future__ import annotations

import heapq
from collections import OrderedDict, deque
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from notifyzen.core.config import Config
from notifyzen.core.engine import Context, Engine, ManualFocus, Moment, Outcome
from notifyzen.core.flood import FLOOD_RULE, FloodGate
from notifyzen.core.meetings import CalendarFocus, Event
from notifyzen.core.model import Decision, Item, Notification, ShownBy, Verdict
from notifyzen.core.rules import RuleSet, person_key, popup_key
from notifyzen.core.situation import Situation

_REMEMBER_SHOWN = 512  # recently shown items kept so they can be snoozed
_POPUPS_KEPT = timedelta(hours=4)  # a cooldown is at most 240 minutes (core/rulefile.py)


@dataclass(frozen=True, slots=True)
class Release:
    """A held notification shown now, and why now."""

    id: int
    at: datetime
    shown_by: ShownBy


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A moment the user chose to be distracted: everything held is shown in one digest."""

    at: datetime
    reason: str  # "scheduled", "breakpoint", "manual", "missed"
    released: tuple[int, ...] = ()

    @property
    def shown_by(self) -> ShownBy:
        """Why what it releases is shown now: the history and the replay record the same."""
        return ShownBy.BREAKPOINT if self.reason == "breakpoint" else ShownBy.CHECKIN


@dataclass(slots=True)
class _Held:
    item: Item
    arrived: datetime
    outcome: Outcome
    due: datetime | None
    due_by: ShownBy = ShownBy.MAX_WAIT

    @property
    def id(self) -> int:
        return self.item.id


class Timeline:
    """Held notifications plus the user's state (manual focus, pause, idle) over one rule set."""

    def __init__(
        self,
        rules: RuleSet | None = None,
        config: Config | None = None,
        flood: FloodGate | None = None,
        calendar: CalendarFocus | None = None,
    ) -> None:
        self.engine = Engine(rules, config, calendar)
        self.flood = flood or FloodGate()
        self.held: dict[int, Item] = {}
        self._held: dict[int, _Held] = {}
        self._dues: list[tuple[datetime, int]] = []  # heap of (due, id); stale entries skipped lazily
        self._shown: OrderedDict[int, Item] = OrderedDict()
        self._recent: dict[str, deque[datetime]] = {}
        self._cursor: datetime | None = None
        self._focus: ManualFocus | None = None
        self._paused_until: datetime | None = None
        self._paused = False
        self._idle_since: datetime | None = None
        self._pending: list[Release] = []  # shown along with a message that broke through
        self._popups: dict[str, datetime] = {}  # the last pop-up per conversation, for cooldown rules
        self._situation = Situation()  # screen shared, full screen, a call (core/situation.py)
        self._situated: tuple[object, ManualFocus | None, str | None] | None = None  # in_situation's

    @property
    def config(self) -> Config:
        return self.engine.config

    def _ctx(self) -> Context:
        return self.in_situation(Context(self._recent, self._focus, self._paused))

    def in_situation(self, ctx: Context) -> Context:
        """`ctx` in the desk's situation (core/situation.py; `rules explain --while` asks too): it
        is focus until it ends, as "Focus" without an end; manual focus under it resumes
        afterwards if its time is not up."""
        if not self._situation.presences:
            return ctx
        key = (self._situation, self.config.context, ctx.focus)
        if self._situated is None or self._situated[0] != key:  # asked several times per arrival
            live = self._situation.narrowed(self.config.context)
            since, window = live.since, live.window
            if since is None or window is None:
                self._situated = (key, None, None)
            else:
                if ctx.focus is not None:
                    since = min(since, ctx.focus.since)
                why = live.reason() if live.private is not None else None
                self._situated = (key, ManualFocus(since, None, window), why)
        _, focus, why = self._situated
        return ctx if focus is None else replace(ctx, focus=focus, private=why)

    def _local(self, t: datetime) -> datetime:
        return t.astimezone(self.config.zone)

    def _not_before_reported(self, now: datetime) -> datetime:
        """`now`, unless the wall clock was stepped back (NTP) behind what `advance` reported:
        those check-ins happened and come not again, so promises start from there."""
        now = now.astimezone(UTC)
        return now if self._cursor is None or now >= self._cursor else self._cursor

    # --- arrivals ---

    def take(
        self, id: int, n: Notification, now: datetime, gated: bool = True, update: bool = False
    ) -> Decision:
        """Decide about an arriving notification; held ones are remembered until released.

        `gated=False` for what opens no pop-up of ours whatever we decide (an update of a live
        notification, one the desktop's own daemon shows): flood control does not count it.
        `update=True` for an update in place of a live one (the caller forgot the old version):
        a call notification rewritten or a chat's "3 new messages" is no new try by its sender,
        so it neither counts as repeated contact nor makes the next one count."""
        now = self._not_before_reported(now)
        if self._cursor is None:
            self._cursor = now
        self._expire(now)
        ctx = replace(self._ctx(), update=update, popups=self._popups)
        outcome = self.engine.evaluate(n, ctx, now)
        if not update:
            self._note_contact(person_key(n), now)
        decision = outcome.decision
        # Paused means everything comes through, a burst too: the pop-ups queue up (PopupStack),
        # and the user asked for exactly that.
        counted = decision.verdict is Verdict.DELIVER and gated and not self._paused
        if counted and not self.flood.admit(n, now):
            why = f"more than {self.flood.burst} at once from this app; held for the next check-in"
            # A person's burst still keeps the max-wait promise: a chat of twenty lines is not
            # held for hours because the first ten came through.
            person = person_key(n)
            wait = self._conversation_due(person, now + self.config.max_wait) if person else None
            return self._hold_to_checkin(id, n, now, FLOOD_RULE, why, wait)
        if decision.verdict is Verdict.HOLD:
            decision = self._hold(id, n, now, outcome)
        elif decision.verdict is Verdict.DELIVER:
            self._remember_shown(Item(id, n, decision))
            self._release_conversation(outcome.person, now)
            self._note_popup(n, now)
        return decision

    def _note_popup(self, n: Notification, now: datetime) -> None:
        """A pop-up now: what a cooldown rule measures from. Bounded by the longest cooldown."""
        key = popup_key(n)
        self._popups[key] = now
        # What a cooldown held of this conversation comes along: the thread is one pop-up.
        for h in [h for h in self._held.values() if h.outcome.cooled == key]:
            self._pending.append(Release(h.id, self._local(now), ShownBy.ARRIVAL))
            self._drop(h.id)
        if len(self._popups) > 256:
            horizon = now - _POPUPS_KEPT
            for k in [k for k, t in self._popups.items() if t < horizon]:
                del self._popups[k]

    def _release_conversation(self, person: str | None, now: datetime) -> None:
        """Someone broke through: what they wrote before and is still held comes along now."""
        if person is None:
            return
        for h in [h for h in self._held.values() if h.outcome.person == person and h.outcome.by_checkin]:
            self._pending.append(Release(h.id, self._local(now), ShownBy.ARRIVAL))
            self._drop(h.id)

    def _hold(self, id: int, n: Notification, now: datetime, outcome: Outcome) -> Decision:
        decision, due, due_by = outcome.decision, outcome.due, outcome.due_by
        if due is not None and outcome.person is not None and outcome.due_by is ShownBy.MAX_WAIT:
            together = self._conversation_due(outcome.person, due)
            if together < due:
                due = together
                if decision.release_at is None or due < decision.release_at:
                    decision = replace(decision, release_at=self._local(due))
        if outcome.cooled is not None and outcome.cooldown is not None:
            # Brought forward, like a check-in the user asks for: `release_at` keeps the promise
            # it was made with (the check-in or max wait), which a later message cannot move.
            due, due_by = self._quiet(outcome.cooled, now + outcome.cooldown, due, due_by)
        item = Item(id, n, decision)
        self._held[id] = _Held(item, now, replace(outcome, decision=decision), due, due_by)
        self._push_due(id, due)
        self.held[id] = item
        return decision

    def _quiet(
        self, key: str, quiet: datetime, due: datetime | None, due_by: ShownBy
    ) -> tuple[datetime | None, ShownBy]:
        """A cooldown's thread comes as one pop-up once it has been quiet for the cooldown (unless
        its next pop-up, a check-in or a person's max wait comes first): each new message moves
        what the thread holds to the new quiet moment, never past an earlier max-wait promise.
        A quiet moment inside a focus window is no moment for a pop-up: the thread then waits for
        the window's end (a breakpoint check-in) like anything else held there."""
        if self.engine.in_focus(quiet, self._ctx()):
            for h in self._held.values():
                if h.outcome.cooled == key and h.due != h.outcome.due:
                    h.due, h.due_by = h.outcome.due, h.outcome.due_by
                    self._push_due(h.id, h.due)
            return due, due_by
        for h in self._held.values():
            if h.outcome.cooled == key:
                h.due = quiet if h.outcome.due is None else min(quiet, h.outcome.due)
                h.due_by = ShownBy.HOLD_UNTIL if h.due == quiet else h.outcome.due_by
                self._push_due(h.id, h.due)
        if due is not None and due < quiet:
            return due, due_by
        return quiet, ShownBy.HOLD_UNTIL

    def _conversation_due(self, person: str, due: datetime) -> datetime:
        """A conversation is shown together, at its first held message's max wait."""
        earlier = [
            h.due
            for h in self._held.values()
            if h.outcome.person == person and h.due_by is ShownBy.MAX_WAIT and h.due is not None
        ]
        return min([*earlier, due])

    def _note_contact(self, key: str | None, now: datetime) -> None:
        if key is None or self.config.repeated_count <= 0:
            return
        times = self._recent.setdefault(key, deque())
        times.append(now)
        horizon = now - self.config.repeated_within
        for k in [k for k, v in self._recent.items() if v and v[-1] < horizon]:
            del self._recent[k]
        while times and times[0] < horizon:
            times.popleft()

    # --- time passing ---

    def advance(self, now: datetime) -> list[Release | CheckIn]:
        """Everything that became due up to `now`, in time order."""
        now = now.astimezone(UTC)
        if self._cursor is None:
            self._cursor = now
        out: list[Release | CheckIn] = [*self._pending]
        self._pending.clear()
        while True:
            self._expire(self._cursor)
            moment = self.engine.next_checkin(self._cursor, self._ctx())
            times = [t for t in (moment.at if moment else None, self._earliest_due()) if t is not None]
            t = min(times, default=None)
            if t is None or t > now:
                break
            t = max(t, self._cursor)  # a restored promise already past is kept as soon as possible
            at_checkin = moment if moment is not None and moment.at == t else None
            out.extend(self._release_due(t, at_checkin))
            if at_checkin is not None:
                out.append(self._checkin(t, at_checkin.reason, self._ids_for(at_checkin, t)))
            self._cursor = t
        self._cursor = max(self._cursor, now)
        self._expire(now)
        return out

    def _release_due(self, t: datetime, moment: Moment | None) -> list[Release]:
        out = []
        for h in sorted(
            (h for h in self._held.values() if h.due is not None and h.due <= t), key=lambda h: (h.due, h.id)
        ):
            if moment is not None and self._released_by(h, moment):
                continue  # the check-in at this very moment shows it
            out.append(Release(h.id, self._local(t), h.due_by))
            self._drop(h.id)
        return out

    @staticmethod
    def _released_by(h: _Held, moment: Moment) -> bool:
        return h.outcome.by_checkin or (moment.breakpoint and h.outcome.by_breakpoint)

    def _ids_for(self, moment: Moment, t: datetime) -> tuple[int, ...]:
        return tuple(h.id for h in self._held.values() if h.arrived < t and self._released_by(h, moment))

    def _checkin(self, t: datetime, reason: str, ids: Iterable[int]) -> CheckIn:
        released = tuple(ids)
        for id in released:
            self._drop(id)
        return CheckIn(self._local(t), reason, released)

    def _push_due(self, id: int, due: datetime | None) -> None:
        if due is not None:
            heapq.heappush(self._dues, (due, id))

    def _earliest_due(self) -> datetime | None:
        """The earliest promise among held items without scanning them all (a flood holds
        thousands, and advance runs twice per arrival): entries whose item left or whose due
        changed are dropped as they surface."""
        while self._dues:
            due, id = self._dues[0]
            h = self._held.get(id)
            if h is not None and h.due == due:
                return due
            heapq.heappop(self._dues)
        return None

    def _drop(self, id: int) -> None:
        h = self._held.pop(id, None)
        self.held.pop(id, None)
        if h is not None:
            self._remember_shown(h.item)

    def _expire(self, t: datetime) -> None:
        """End a timed pause or manual focus that ran out by `t`."""
        if self._paused_until is not None and self._paused_until <= t:
            self._paused, self._paused_until = False, None
        if self._focus is not None and self._focus.until is not None and self._focus.until <= t:
            self._focus = None

    def next_change(self, now: datetime) -> datetime | None:
        """The next moment anything can change (check-in, window edge, max wait), or None."""
        now = self._not_before_reported(now)
        if self._pending:
            return self._local(now)
        moments = [self.engine.next_change(now, self._ctx()), self._paused_until]
        earliest = self._earliest_due()
        if earliest is not None and earliest <= now:  # overdue ones are skipped: look at them all
            moments += [h.due for h in self._held.values() if h.due is not None]
        else:
            moments.append(earliest)
        found = min((m for m in moments if m is not None and m > now), default=None)
        return self._local(found) if found else None

    def planned_between(self, start: datetime, end: datetime) -> list[datetime]:
        """The scheduled check-ins planned after `start` up to `end` (e.g. the ones that fell while
        notifyzen was not running): the history records each as planned, so the report's
        planned/kept figures count them. A year at most, so an old last-run time stays cheap."""
        end = end.astimezone(UTC)
        out: list[datetime] = []
        t = self.engine.schedule.next_scheduled_checkin(max(start.astimezone(UTC), end - timedelta(days=366)))
        while t is not None and t <= end:
            out.append(self._local(t))
            t = self.engine.schedule.next_scheduled_checkin(t)
        return out

    @property
    def advanced_to(self) -> datetime | None:
        """How far `advance` has reported: a caller that was not running since (a suspend)
        asks `missed` from here, so nothing that fell due in between is lost or shown twice."""
        return self._cursor

    def next_checkin(self, now: datetime) -> datetime | None:
        """When the next check-in (scheduled, or the breakpoint where focus ends) comes."""
        moment = self.engine.next_checkin(self._not_before_reported(now), self._ctx())
        return self._local(moment.at) if moment else None

    def active_window(self, now: datetime) -> str | None:
        """The name of the focus window in force at `now` (manual focus included), for the tray."""
        return self.engine.window_at(now.astimezone(UTC), self._ctx())

    def focus_end(self, now: datetime) -> datetime | None:
        """Where the focus in force at `now` ends (None outside focus, or manual focus until ended)."""
        end = self.engine.focus_end(self._not_before_reported(now), self._ctx())
        return self._local(end) if end is not None else None

    def silences(self, now: datetime) -> bool:
        """Whether the desktop's own Do not disturb should be on at `now` (observe mode).

        Only inside a focus window (a scheduled one, sleep, or manual focus) and not paused: there
        the rules hold what arrives, and the desktop must not pop it up first. Outside focus the
        desktop shows what comes as it would without notifyzen (issue 15: a desktop silenced all
        day and fed copies is worse than the desktop alone). The edges are in `next_change`, so the
        one timer wakes the app exactly when this answer flips."""
        now = self._not_before_reported(now)
        return not self._paused and self.engine.in_focus(now, self._ctx())

    # --- the user's own moments ---

    def checkin_now(self, now: datetime) -> CheckIn:
        """The user asked to see everything held (hold_until ones too)."""
        return self._checkin(now.astimezone(UTC), "manual", list(self._held))

    def forget(self, id: int) -> None:
        """The item left the queue some other way (dismissed, removed on the phone)."""
        self._held.pop(id, None)
        self.held.pop(id, None)
        self._shown.pop(id, None)

    def idle(self, now: datetime) -> None:
        """The user went idle (screen saver, no input)."""
        if self._idle_since is None:
            self._idle_since = now.astimezone(UTC)

    def active(self, now: datetime) -> CheckIn | None:
        """Back from idle: after config.idle_breakpoint away, a breakpoint check-in (None if nothing held)."""
        now, since = now.astimezone(UTC), self._idle_since
        self._idle_since = None
        limit = self.config.idle_breakpoint
        if since is None or limit <= timedelta(0) or now - since < limit:
            return None
        ids = [h.id for h in self._held.values() if h.outcome.by_checkin]
        return self._checkin(now, "breakpoint", ids) if ids else None

    def focus(self, now: datetime, minutes: float | None = None, name: str = "focus") -> None:
        """Start manual focus ("Focus for 25 min"); None minutes: until `unfocus`."""
        now = now.astimezone(UTC)
        until = now + timedelta(minutes=minutes) if minutes is not None else None
        self._focus = ManualFocus(now, until, name)

    def unfocus(self, now: datetime) -> CheckIn | None:
        """Stop manual focus early. Where that ends focus it is a breakpoint check-in."""
        now = now.astimezone(UTC)
        if self._focus is None:
            return None
        self._focus = None
        if self.engine.in_focus(now, self._ctx()):
            return None
        moment = Moment(now, "breakpoint", True)
        return self._checkin(now, "breakpoint", self._ids_for(moment, now + timedelta(microseconds=1)))

    def set_situation(self, now: datetime, situation: Situation) -> CheckIn | None:
        """What is going on at the desk changed (notifyzen/context/). Where its end ends focus,
        it is a breakpoint check-in, as when the user ends focus by hand."""
        now = now.astimezone(UTC)
        was = self.engine.in_focus(now, self._ctx())
        self._situation = situation
        if not was or self.engine.in_focus(now, self._ctx()):
            return None
        moment = Moment(now, "breakpoint", True)
        return self._checkin(now, "breakpoint", self._ids_for(moment, now + timedelta(microseconds=1)))

    @property
    def situation(self) -> Situation:
        """What is going on as config.yaml's `context:` counts it (for the tray and `status`)."""
        return self._situation.narrowed(self.config.context)

    def private(self, now: datetime) -> str | None:
        """Why nothing with message text may be drawn now ("Sharing your screen"), or None."""
        return self._ctx().private

    @property
    def focused(self) -> ManualFocus | None:
        return self._focus

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def paused_until(self) -> datetime | None:
        """When a pause with an end ends (None: no pause, or one until Resume)."""
        return self._paused_until

    def pause(self, now: datetime, minutes: float | None = None) -> CheckIn | None:
        """Let everything through for a while (or until `resume`); what was held is shown now."""
        now = now.astimezone(UTC)
        until = now + timedelta(minutes=minutes) if minutes is not None else None  # may raise: first
        self._paused, self._paused_until = True, until
        return self._checkin(now, "manual", list(self._held)) if self._held else None

    def resume(self, now: datetime) -> None:
        self._paused, self._paused_until = False, None

    def snooze(self, id: int, now: datetime, n: Notification | None = None) -> Decision:
        """Put a shown notification back until the next check-in (the user chose; no max wait)."""
        now = self._not_before_reported(now)
        known = self._shown.pop(id, None) or self.held.get(id)
        if n is None:
            if known is None:
                raise KeyError(f"unknown notification {id}; pass it as n")
            n = known.notification
        return self._hold_to_checkin(id, n, now, "snoozed", "snoozed until the next check-in")

    def _hold_to_checkin(
        self, id: int, n: Notification, now: datetime, rule: str, why: str, due: datetime | None = None
    ) -> Decision:
        """Held until the next check-in or breakpoint, or `due` (a max wait) if that comes first."""
        moment = self.engine.next_checkin(now, self._ctx())
        at = min((t for t in (moment.at if moment else None, due) if t is not None), default=None)
        window = self.engine.window_at(now, self._ctx())
        decision = Decision(Verdict.HOLD, rule, why, self._local(at) if at else None, window=window)
        outcome = Outcome(decision, due, ShownBy.MAX_WAIT, True, True, person_key(n))
        item = Item(id, n, decision)
        self._held[id] = _Held(item, now, outcome, due)
        self._push_due(id, due)
        self.held[id] = item
        return decision

    def _remember_shown(self, item: Item) -> None:
        self._shown[item.id] = item
        while len(self._shown) > _REMEMBER_SHOWN:
            self._shown.popitem(last=False)

    # --- reload and restart ---

    def replace_rules(self, rules: RuleSet, config: Config | None = None) -> None:
        """Hot reload: new rules and check-ins from now on; held items keep their promised time.
        The calendar's meetings stay (they come from the calendar adapter, not the rule files)."""
        self._swap_engine(Engine(rules, config or self.config, self.engine.calendar))

    def set_calendar(self, calendar: CalendarFocus | None) -> None:
        """New meetings (a calendar file changed, or the horizon moved on): focus windows from now
        on follow them; held items keep their promised time, as after a rule reload."""
        self._swap_engine(Engine(self.engine.ruleset, self.config, calendar))

    def meeting(self, now: datetime) -> Event | None:
        """The calendar meeting that makes `now` a focus window, for the tray and `status`."""
        return self.engine.meeting_at(self._not_before_reported(now), self._ctx())

    def _swap_engine(self, engine: Engine) -> None:
        self.engine = engine
        for h in self._held.values():
            promise = h.item.decision.release_at
            if promise is not None and (h.due is None or promise.astimezone(UTC) < h.due):
                h.due, h.due_by = promise.astimezone(UTC), ShownBy.CHECKIN
                self._push_due(h.id, h.due)

    def restore(self, items: Item | Iterable[Item], now: datetime | None = None) -> None:
        """After a restart: hold again what the history says is still held.

        Each keeps its stored release_at as its promise; check-ins may show it earlier (a stored
        Decision does not say whether it was a hold_until).
        """
        for item in [items] if isinstance(items, Item) else items:
            if item.decision.verdict is not Verdict.HOLD:
                continue
            key = person_key(item.notification)
            due = item.decision.release_at.astimezone(UTC) if item.decision.release_at else None
            due_by = ShownBy.MAX_WAIT if key is not None else ShownBy.HOLD_UNTIL
            outcome = Outcome(item.decision, due, due_by, True, True, key)
            arrived = item.notification.at.astimezone(UTC)
            if now is not None:
                arrived = min(arrived, now.astimezone(UTC))
            self._held[item.id] = _Held(item, arrived, outcome, due, due_by)
            self._push_due(item.id, due)
            self.held[item.id] = item

    def missed(self, last_run: datetime, now: datetime) -> CheckIn | None:
        """notifyzen was not running from `last_run` to `now`: every check-in, breakpoint and max
        wait missed meanwhile becomes ONE check-in now (None when nothing was missed)."""
        last_run, now = last_run.astimezone(UTC), now.astimezone(UTC)
        self._cursor = now
        moment = self.engine.next_checkin(last_run, self._ctx())
        was_due = any(h.due is not None and h.due <= now for h in self._held.values())
        if not was_due and (moment is None or moment.at > now):
            return None
        return self._checkin(now, "missed", list(self._held))
