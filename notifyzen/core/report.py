"""The weekly focus report, as numbers: what a week of notifications cost and what was saved.

Aggregation works on plain `ReportRow`s (the few history columns it needs, never the body unless
the user asked) so it can be tested against hand-computed weeks and fed by the database, the
week generator or a replay alike. Time comes in as data: a week, a zone, and the focus spans the
schedule had that week, since the history only knows *that* a notification arrived in a window,
not when the windows were.

Two clocks on purpose: week and day boundaries and focus spans follow the report's zone `tz`
(a real zone, so a DST week has a 25- or 23-hour Sunday), while "what hour was it" follows each
row's own `tz_offset`, the clock the user lived when it arrived.
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise
from typing import Any, NamedTuple, TypeVar

from notifyzen.core import kairos
from notifyzen.core.isoweek import IsoWeek, midnight
from notifyzen.core.replay import FocusSpan  # the replay's type: a window as it was in force
from notifyzen.core.report_meetings import meetings_by_day, stretches
from notifyzen.core.rules import PERSON_CATEGORIES, category_in
from notifyzen.core.runs import Gap, Ran, Run, Stretch, not_running, overlap, ran, union

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TOP_N = 8
MUTE_MIN_SENT = 20  # below this an unopened app is not worth a rule
MUTE_MAX_OPEN_SHARE = 0.02
BREAKTHROUGH_MIN = 5  # times a sender interrupted a focus window before we suggest holding them
# Windows for sleeping: their time counts as time in focus windows, but a night's sleep is not a
# focus stretch (it would be the "longest" every day). The presets and status replies name it so.
SLEEP_WINDOWS = frozenset({"sleep"})


class ReportRow(NamedTuple):
    """One notification as the report sees it: the columns of schema.NotificationRow it needs
    (its versions, when it was updated in place, folded into one by notifyzen.report.data).

    Times are UTC epoch seconds like the history's. `body` stays None unless the user turned
    on show_bodies; the database side does not even select it otherwise. A NamedTuple because a
    year of history is read a week at a time, and building tuples costs a quarter of a frozen
    dataclass.
    """

    at: float
    tz_offset: int = 0  # minutes east of UTC at arrival
    source: str = "desktop"
    app_name: str = ""
    sender: str | None = None
    verdict: str = "deliver"  # deliver | hold | mute
    rule: str = "default"
    window: str | None = None  # the focus window it arrived in
    shown_at: float | None = None
    shown_by: str | None = None
    opened: bool = False
    release_at: float | None = None
    status_reply_at: float | None = None  # notifyzen answered for the user; a typed reply is not here
    category: str | None = None  # the spec's category: im and call are people (core.rules.is_person)
    body: str | None = None


class ReportCheckIn(NamedTuple):
    """One check-in (schema.CheckInRow): planned ones have `planned_at`; "missed" = not kept."""

    at: float
    tz_offset: int = 0
    reason: str = "scheduled"
    planned_at: float | None = None
    released: int = 0
    opened: bool = False


ROW_COLUMNS = tuple(name for name in ReportRow._fields if name != "body")
CHECKIN_COLUMNS = ReportCheckIn._fields


_T = TypeVar("_T", "ReportRow", "ReportCheckIn")
SpanLike = FocusSpan | tuple[str, datetime, datetime]
WhatIf = Callable[[Mapping[str, Any]], str | None]


@dataclass(frozen=True, slots=True)
class DayStats:
    day: date
    delivered: int = 0
    held: int = 0
    muted: int = 0
    avoided: int = 0  # held or muted while a focus window was on
    broke_through: int = 0  # delivered while a focus window was on
    focus: timedelta = timedelta(0)  # time inside focus windows (their union) while notifyzen ran
    longest_focus: timedelta = timedelta(0)  # longest stretch of a window but sleep, uninterrupted
    sleep: timedelta = timedelta(0)  # the part of `focus` in a sleep window and no other
    meetings: timedelta = timedelta(0)  # time in your calendars' meetings (their union) while notifyzen ran
    checkins_planned: int = 0
    checkins_kept: int = 0
    checkins_extra: int = 0  # manual or breakpoint check-ins nobody planned
    observed: bool = False  # something was recorded that day (a notification, a check-in held)
    to_come: bool = False  # the day had not begun when the report was made: "not yet", not 0

    @property
    def total(self) -> int:
        return self.delivered + self.held + self.muted


@dataclass(frozen=True, slots=True)
class Tally:
    """How often one app or person reached the user, and through which device."""

    name: str
    sent: int = 0
    opened: int = 0
    desktop: int = 0
    phone: int = 0
    muted: int = 0
    broke_through: int = 0


@dataclass(frozen=True, slots=True)
class WaitStats:
    """How long people waited for a held message to be seen, against the promised max wait."""

    count: int = 0
    median: timedelta | None = None
    p95: timedelta | None = None
    longest: timedelta | None = None
    max_wait: timedelta | None = None
    over_max: int = 0
    unseen: int = 0  # held person messages not shown by the end of the data


@dataclass(frozen=True, slots=True)
class Totals:
    notifications: int = 0
    delivered: int = 0
    held: int = 0
    muted: int = 0
    desktop: int = 0
    phone: int = 0
    opened: int = 0
    avoided: int = 0
    broke_through: int = 0
    focus: timedelta = timedelta(0)
    longest_focus: timedelta = timedelta(0)
    sleep: timedelta = timedelta(0)
    meetings: timedelta = timedelta(0)
    checkins_planned: int = 0
    checkins_kept: int = 0
    replies: int = 0
    promises_kept: int = 0

    @property
    def promises_share(self) -> float | None:
        return self.promises_kept / self.replies if self.replies else None


@dataclass(frozen=True, slots=True)
class Change:
    """One figure against last week's, for "−12% vs 2026-W46"."""

    now: float
    before: float

    @property
    def delta(self) -> float:
        return self.now - self.before

    @property
    def percent(self) -> float | None:
        return None if not self.before else 100.0 * self.delta / self.before


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A rule the week argues for; `rule` is the hint the rules writer turns into YAML."""

    kind: str  # "mute_app" | "hold_sender"
    subject: str
    text: str
    rule: Mapping[str, Any]
    what_if: str | None = None  # the simulator's figure for this rule over the week, if known
    example: str | None = None  # a body, only with show_bodies
    # the figures `text` states, for a UI that words them in another language
    sent: int = 0  # mute_app: the app's notifications not from a person
    opened: int = 0  # mute_app: of those, how many the user opened
    people: int = 0  # mute_app: the app's notifications from people, which the rule leaves alone
    broke_through: int = 0  # hold_sender
    via_rule: str | None = None  # hold_sender: the rule that let them through, if not the default


@dataclass(frozen=True, slots=True)
class WeeklyReport:
    week: IsoWeek
    start: datetime
    end: datetime
    days: tuple[DayStats, ...]
    heatmap: tuple[tuple[int, ...], ...]  # [weekday Mon..Sun][local hour 0..23] arrivals
    top_apps: tuple[Tally, ...]
    top_people: tuple[Tally, ...]
    waits: WaitStats
    totals: Totals
    previous: Totals | None = None
    suggestions: tuple[Suggestion, ...] = ()
    show_bodies: bool = False
    # when notifyzen was not running (core.runs): nothing could be recorded then, so a low count
    # there is no quiet time; empty for a week from before the run log
    not_running: tuple[Gap, ...] = ()

    @property
    def empty(self) -> bool:
        return self.totals.notifications == 0 and self.totals.checkins_planned == 0

    def change(self, name: str) -> Change | None:
        if self.previous is None:
            return None
        return Change(_number(getattr(self.totals, name)), _number(getattr(self.previous, name)))


def _number(value: object) -> float:
    if isinstance(value, timedelta):
        return value.total_seconds()
    assert isinstance(value, int | float)
    return float(value)


def build_report(
    rows: Iterable[ReportRow],
    checkins: Iterable[ReportCheckIn],
    week: IsoWeek,
    tz: tzinfo,
    *,
    focus_spans: Iterable[SpanLike] = (),
    previous_rows: Iterable[ReportRow] | None = None,
    previous_checkins: Iterable[ReportCheckIn] = (),
    max_wait: timedelta | None = None,
    what_if: WhatIf | None = None,
    show_bodies: bool = False,
    runs: Iterable[Run] = (),
    now: datetime | None = None,
    meetings: Iterable[tuple[datetime, datetime]] = (),
) -> WeeklyReport:
    """Aggregate one ISO week. Rows and check-ins outside the week (in `tz`) are ignored.

    `focus_spans`: every focus window of the week as (name, start, end) with aware datetimes,
    e.g. from the rules engine's schedule; the focus figures need them, everything else reads
    the rows' `window` column. Pass previous_rows (even an empty list) to get the comparison
    with the week before; its spans come from the same `focus_spans`, its runs from `runs`.
    `runs` and `now` say when notifyzen ran (core.runs.not_running has what they must hold):
    focus is counted only then, and never after `now`. `meetings`: (start, end) of the meetings
    from the user's calendars (also in `focus_spans`, as the windows they were), counted alike.
    """
    meeting_spans = stretches(meetings)
    spans = [s if isinstance(s, FocusSpan) else FocusSpan(*s) for s in focus_spans]
    if any(s.start.tzinfo is None or s.end.tzinfo is None for s in spans):
        raise ValueError("focus spans need timezone-aware start and end")
    if now is not None and now.tzinfo is None:
        raise ValueError("now needs a time zone")
    runs = list(runs)
    start, end = week.bounds(tz)
    mine = _within(rows, start, end)
    days = _days(mine, _within(checkins, start, end), week, tz, spans, ran(runs, start, end, now=now), now)
    days = _with_meetings(days, week, tz, meeting_spans, ran(runs, start, end, now=now), now)
    totals = _totals(mine, days)
    previous = None
    if previous_rows is not None:
        before = week.previous()
        p_start, p_end = before.bounds(tz)
        p_rows = _within(previous_rows, p_start, p_end)
        p_ran = ran(runs, p_start, p_end, now=now)
        p_days = _days(p_rows, _within(previous_checkins, p_start, p_end), before, tz, spans, p_ran, now)
        p_days = _with_meetings(p_days, before, tz, meeting_spans, p_ran, now)
        previous = _totals(p_rows, p_days)
    apps = _tallies(mine, _app)
    people = _tallies([r for r in mine if _person(r)], lambda r: r.sender or "")
    return WeeklyReport(
        week=week,
        start=start,
        end=end,
        days=days,
        heatmap=_heatmap(mine),
        top_apps=tuple(apps[:TOP_N]),
        top_people=tuple(people[:TOP_N]),
        waits=_waits(mine, max_wait),
        totals=totals,
        previous=previous,
        suggestions=_suggestions(mine, apps, people, what_if, show_bodies, str(week)),
        show_bodies=show_bodies,
        not_running=not_running(runs, start, end, now=now),
    )


def _within(items: Iterable[_T], start: datetime, end: datetime) -> list[_T]:
    lo, hi = start.timestamp(), end.timestamp()
    return [item for item in items if lo <= item.at < hi]


EPOCH_DAY = date(1970, 1, 1).toordinal()  # a Thursday: weekday 3


def _local_day_hour(at: float, tz_offset: int) -> tuple[int, int]:
    """Days since 1970-01-01 and hour on the clock the user lived; plain arithmetic, since a
    year of history means hundreds of thousands of rows and a datetime per row is the bottleneck."""
    local = at + 60 * tz_offset
    day = int(local // 86400)
    return day, int(local - 86400 * day) // 3600


def _day_index(at: float, tz_offset: int, monday: int) -> int:
    """The weekday the user lived it; a traveller's edge case is clamped into the week."""
    return min(6, max(0, _local_day_hour(at, tz_offset)[0] - monday))


def _days(
    rows: Sequence[ReportRow],
    checkins: Sequence[ReportCheckIn],
    week: IsoWeek,
    tz: tzinfo,
    spans: Sequence[FocusSpan],
    running: Ran,
    now: datetime | None,
) -> tuple[DayStats, ...]:
    counts: list[Counter[str]] = [Counter() for _ in range(7)]
    monday = week.monday.toordinal() - EPOCH_DAY
    for r in rows:
        c = counts[_day_index(r.at, r.tz_offset, monday)]
        c[r.verdict] += 1
        if r.window:
            c["broke_through" if r.verdict == "deliver" else "avoided"] += 1
    for ci in checkins:
        c = counts[_day_index(ci.at, ci.tz_offset, monday)]
        c["observed"] += ci.reason != "missed"  # a missed one is written at the next start
        if ci.planned_at is None:
            c["extra"] += 1
        else:
            c["planned"] += 1
            c["kept"] += ci.reason != "missed"
    observed = [bool(c["observed"] or c["deliver"] or c["hold"] or c["mute"]) for c in counts]
    edges = [midnight(d, tz).timestamp() for d in (*week.days, week.days[-1] + timedelta(days=1))]
    there = _there(running, edges, observed, now)
    focus = _focus_by_day(rows, edges, spans, there)
    to_come = [now is not None and edges[i] >= now.timestamp() for i in range(7)]
    return tuple(
        DayStats(
            day=day,
            delivered=c["deliver"],
            held=c["hold"],
            muted=c["mute"],
            avoided=c["avoided"],
            broke_through=c["broke_through"],
            focus=focus[i][0],
            longest_focus=focus[i][1],
            sleep=focus[i][2],
            checkins_planned=c["planned"],
            checkins_kept=c["kept"],
            checkins_extra=c["extra"],
            observed=observed[i],
            to_come=to_come[i],
        )
        for i, (day, c) in enumerate(zip(week.days, counts, strict=True))
    )


def _interruptions(rows: Iterable[ReportRow]) -> list[float]:
    """Moments something reached the user uninvited: delivered on arrival, or a max-wait release.

    A check-in or a breakpoint is a moment the user chose, so it does not break a stretch.
    """
    moments = [r.at for r in rows if r.verdict == "deliver"]
    moments += [r.shown_at for r in rows if r.shown_by == "max_wait" and r.shown_at is not None]
    return sorted(moments)


def _there(
    running: Ran, edges: Sequence[float], observed: Sequence[bool], now: datetime | None
) -> list[Stretch]:
    """The stretches of the week notifyzen was there to see, so its focus figures may count.

    Where the run log speaks (from `running.known_from`), its stretches. Before that the log
    cannot tell, so as before there was one: a whole day on which something was recorded, if the
    day ended before the log begins; the day notifyzen first started counts from that start only.
    Nothing after `now`.
    """
    known = running.known_from
    before = [(edges[i], edges[i + 1]) for i in range(7) if observed[i] and edges[i + 1] <= known]
    there = union([*before, *running.stretches])
    if now is None:
        return there
    return overlap(there, [(-math.inf, now.timestamp())])


def _focus_by_day(
    rows: Sequence[ReportRow],
    edges: Sequence[float],
    spans: Sequence[FocusSpan],
    there: Sequence[Stretch],
) -> list[tuple[timedelta, timedelta, timedelta]]:
    """Per day: time in focus windows, the longest uninterrupted stretch and the part of the time
    that was only sleep, in elapsed seconds.

    Time in focus windows is their union (a window around another counts its hours once) while
    notifyzen was there. The longest stretch is of a window other than sleep: adjoining windows
    are one stretch (focus does not end at the seam, core.schedule), a stretch ends where an
    interruption comes or notifyzen was not there, and each day owns its part up to midnight.
    Epoch arithmetic keeps a DST night honest (01:00-04:00 on the October change is four hours).
    """
    timed = [(s.name, s.start.timestamp(), s.end.timestamp()) for s in spans]
    every = overlap(union((a, b) for _, a, b in timed), there)
    awake = overlap(union((a, b) for name, a, b in timed if name not in SLEEP_WINDOWS), there)
    hits = _interruptions(rows)
    out = []
    for i in range(7):
        day = [(edges[i], edges[i + 1])]
        total = sum(b - a for a, b in overlap(every, day))
        pieces = overlap(awake, day)
        longest = max((_longest_gap(hits, a, b) for a, b in pieces), default=0.0)
        sleep = total - sum(b - a for a, b in pieces)
        out.append((timedelta(seconds=total), timedelta(seconds=longest), timedelta(seconds=sleep)))
    return out


def _with_meetings(
    days: tuple[DayStats, ...],
    week: IsoWeek,
    tz: tzinfo,
    meetings: Sequence[Stretch],
    running: Ran,
    now: datetime | None,
) -> tuple[DayStats, ...]:
    """Time in meetings per day, counted where focus time is (the same stretches notifyzen was there)."""
    if not meetings:
        return days
    edges = [midnight(d, tz).timestamp() for d in (*week.days, week.days[-1] + timedelta(days=1))]
    there = _there(running, edges, [d.observed for d in days], now)
    by_day = meetings_by_day(meetings, edges, there)
    return tuple(replace(d, meetings=m) for d, m in zip(days, by_day, strict=True))


def _longest_gap(sorted_hits: Sequence[float], lo: float, hi: float) -> float:
    inside = sorted_hits[bisect_right(sorted_hits, lo) : bisect_left(sorted_hits, hi)]
    marks = [lo, *inside, hi]
    return max(b - a for a, b in pairwise(marks))


def _totals(rows: Sequence[ReportRow], days: Sequence[DayStats]) -> Totals:
    replied = [r for r in rows if _status_reply(r)]
    kept = [r for r in replied if _kept(r)]
    return Totals(
        notifications=len(rows),
        delivered=sum(d.delivered for d in days),
        held=sum(d.held for d in days),
        muted=sum(d.muted for d in days),
        desktop=sum(r.source != "phone" for r in rows),
        phone=sum(r.source == "phone" for r in rows),
        opened=sum(r.opened for r in rows),
        avoided=sum(d.avoided for d in days),
        broke_through=sum(d.broke_through for d in days),
        focus=sum((d.focus for d in days), timedelta(0)),
        longest_focus=max((d.longest_focus for d in days), default=timedelta(0)),
        sleep=sum((d.sleep for d in days), timedelta(0)),
        meetings=sum((d.meetings for d in days), timedelta(0)),
        checkins_planned=sum(d.checkins_planned for d in days),
        checkins_kept=sum(d.checkins_kept for d in days),
        replies=len(replied),
        promises_kept=len(kept),
    )


def _status_reply(r: ReportRow) -> bool:
    """notifyzen answered for the user: a promise, whatever the user typed afterwards."""
    return r.status_reply_at is not None


def _kept(r: ReportRow) -> bool:
    """A status reply promised "you'll be seen by release_at"; was the message shown by then?"""
    return r.shown_at is not None and r.release_at is not None and r.shown_at <= r.release_at


def _heatmap(rows: Iterable[ReportRow]) -> tuple[tuple[int, ...], ...]:
    grid = [[0] * 24 for _ in range(7)]
    for r in rows:
        day, hour = _local_day_hour(r.at, r.tz_offset)
        grid[(day + 3) % 7][hour] += 1
    return tuple(tuple(line) for line in grid)


def _app(r: ReportRow) -> str:
    return r.app_name or "(unnamed)"


def _person(r: ReportRow) -> bool:
    """A sender that is a person: "#team-backend" and "Family: Mum" are groups (issue 17)."""
    return bool(r.sender) and kairos.group_title(r.sender or "") is None


def _from_person(r: ReportRow) -> bool:
    """core.rules.is_person on the report's columns: a sender that is no group, or an im/call category."""
    if r.sender and kairos.group_title(r.sender) is not None:
        return False
    return bool(r.sender) or category_in(r.category, PERSON_CATEGORIES)


def _tallies(rows: Iterable[ReportRow], key: Callable[[ReportRow], str]) -> list[Tally]:
    acc: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for r in rows:  # sent, opened, desktop, phone, muted, broke through
        c = acc[key(r)]
        c[0] += 1
        c[1] += r.opened
        c[3 if r.source == "phone" else 2] += 1
        if r.verdict == "mute":
            c[4] += 1
        elif r.window and r.verdict == "deliver":
            c[5] += 1
    tallies = [Tally(name, *c) for name, c in acc.items()]
    return sorted(tallies, key=lambda t: (-t.sent, t.name.casefold()))


def _waits(rows: Iterable[ReportRow], max_wait: timedelta | None) -> WaitStats:
    held = [r for r in rows if r.sender and r.verdict == "hold"]
    waits = sorted(r.shown_at - r.at for r in held if r.shown_at is not None)
    if not waits:
        return WaitStats(max_wait=max_wait, unseen=len(held))
    limit = max_wait.total_seconds() if max_wait is not None else math.inf
    return WaitStats(
        count=len(waits),
        median=timedelta(seconds=statistics.median(waits)),
        p95=timedelta(seconds=waits[math.ceil(0.95 * len(waits)) - 1]),  # nearest rank
        longest=timedelta(seconds=waits[-1]),
        max_wait=max_wait,
        over_max=sum(w > limit for w in waits),
        unseen=len(held) - len(waits),
    )


def _suggestions(
    rows: Sequence[ReportRow],
    apps: Sequence[Tally],
    people: Sequence[Tally],
    what_if: WhatIf | None,
    show_bodies: bool,
    week_name: str,
) -> tuple[Suggestion, ...]:
    """Rule hints in the rule files' own shape (name, why, match, action, during).

    Muting is only ever suggested for what an app says by itself, never for people: "opened"
    counts only clicks on notifyzen's pop-up or digest entry, and a message from a person is
    mostly read in the app it came from, where notifyzen cannot see it. So an app is judged on
    its notifications not from a person, its rule says `person: false`, and an app whose
    notifications are mostly from people is left alone (the rest are most likely people too,
    from an app that did not say who wrote).
    """
    out: list[Suggestion] = []
    noise = {t.name: t for t in _tallies([r for r in rows if not _from_person(r)], _app)}
    for app in apps:
        own = noise.get(app.name)
        if own is None or 2 * own.sent <= app.sent:
            continue  # mostly (or only) people
        from_people = app.sent - own.sent
        ignored = own.opened <= MUTE_MAX_OPEN_SHARE * own.sent
        if own.sent < MUTE_MIN_SENT or not ignored or own.muted * 2 >= own.sent:
            continue  # too few to matter, actually read, or already muted by a rule
        sent = f"{own.sent} not from people" if from_people else f"{own.sent} sent"
        rule = {
            "name": f"mute {app.name}",
            "why": f"{sent} in {week_name}, {own.opened} opened",
            "match": {"app": app.name, "person": False},
            "action": "mute",
        }
        text = f"{app.name}: {own.sent} sent, {own.opened} opened — mute?"
        if from_people:
            text = (
                f"{app.name}: {own.sent} not from people, {own.opened} opened — mute those?"
                f" ({from_people} from people are left alone)"
            )
        made = _suggest("mute_app", app.name, text, rule, rows, what_if, show_bodies, by_app=True)
        out.append(replace(made, sent=own.sent, opened=own.opened, people=from_people))
    for person in sorted(people, key=lambda t: (-t.broke_through, t.name.casefold())):
        if person.broke_through < BREAKTHROUGH_MIN:
            continue
        rule = {
            "name": f"hold {person.name} in focus",
            "why": f"broke through {person.broke_through} times in {week_name}",
            "match": {"sender": person.name},
            "action": "hold",
            "during": "any",
        }
        let_through = Counter(
            r.rule for r in rows if r.sender == person.name and r.window and r.verdict == "deliver"
        ).most_common(1)[0][0]
        by = f' (rule "{let_through}")' if let_through != "default" else ""
        text = (
            f"{person.name} broke through {person.broke_through} times during focus{by} — hold for check-ins?"
        )
        made = _suggest("hold_sender", person.name, text, rule, rows, what_if, show_bodies, by_app=False)
        out.append(replace(made, broke_through=person.broke_through, via_rule=let_through if by else None))
    return tuple(out)


def _suggest(
    kind: str,
    subject: str,
    text: str,
    rule: dict[str, Any],
    rows: Sequence[ReportRow],
    what_if: WhatIf | None,
    show_bodies: bool,
    *,
    by_app: bool,
) -> Suggestion:
    example = None
    if show_bodies:
        mine = [
            r.body
            for r in rows
            if r.body and (_app(r) == subject and not _from_person(r) if by_app else r.sender == subject)
        ]
        example = mine[-1] if mine else None
    return Suggestion(kind, subject, text, rule, what_if(rule) if what_if else None, example)
