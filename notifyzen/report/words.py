"""The weekly report's own words, in the user's language (English or Dutch).

`notifyzen.core.report` returns numbers and, for suggestions, an English sentence meant for logs
and tests; what a person reads in the report window and its exports is worded here, through
`notifyzen.desktop.i18n.translate`, so `notifyzen report --out` words it the same without a window.

Counts where English needs a singular use two literal strings ("1 notification" / "%1
notifications") rather than Qt plural forms: English has no catalogue to pick a form from, and
Dutch needs only the same two. Placeholders are filled in one pass (`fill`), since app and
people's names are inserted as sent and may themselves contain "%1".
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from PySide6.QtCore import QLocale

from notifyzen.core.isoweek import IsoWeek
from notifyzen.core.replay_summary import Impact
from notifyzen.core.report import Change, Suggestion, WeeklyReport
from notifyzen.core.runs import Gap
from notifyzen.desktop.i18n import SOURCE_LANGUAGE, active_language, translate

_PLACEHOLDER = re.compile(r"%([1-9])")


def fill(text: str, *values: object) -> str:
    """Qt-style %1, %2 … replaced at once, so a value containing "%2" is left as it is."""
    return _PLACEHOLDER.sub(lambda m: str(values[int(m[1]) - 1]) if int(m[1]) <= len(values) else m[0], text)


def locale() -> QLocale:
    """Day and month names and decimal marks: the C locale's for English (as before), Dutch ones
    (Qt's own CLDR data, so the same on every system) for Dutch."""
    language = active_language()
    return QLocale.c() if language == SOURCE_LANGUAGE else QLocale(language)


def weekday(day: date | int) -> str:
    """'Mon' / 'ma'; an int is a weekday index, Monday 0."""
    index = day if isinstance(day, int) else day.weekday()
    return locale().dayName(index + 1, QLocale.FormatType.ShortFormat)


def weekdays() -> list[str]:
    return [weekday(i) for i in range(7)]


def day_label(day: date) -> str:
    """'Mon 16' / 'ma 16': a day of the report's week."""
    return f"{weekday(day)} {day.day}"


def day_and_date(day: date) -> str:
    """A day in a table: 'Mon 2026-11-16' in English, 'ma 16-11-2026' (the Dutch order) in Dutch."""
    if active_language() == SOURCE_LANGUAGE:
        return f"{weekday(day)} {day.isoformat()}"
    return f"{weekday(day)} {day.day:02d}-{day.month:02d}-{day.year}"


def _day_month(day: date, *, year: bool = False) -> str:
    month = locale().monthName(day.month, QLocale.FormatType.ShortFormat)
    return f"{day.day} {month} {day.year}" if year else f"{day.day} {month}"


def week_title(report: WeeklyReport) -> str:
    """'Week 47, 16 Nov – 22 Nov 2026' / 'Week 47, 16 nov – 22 nov 2026'."""
    first, last = report.days[0].day, report.days[-1].day
    same_year = first.year == last.year
    span = f"{_day_month(first, year=not same_year)} – {_day_month(last, year=True)}"
    return fill(translate("Report", "Week %1, %2"), report.week.week, span)


def document_title(week: IsoWeek) -> str:
    """The HTML page's and the PDF's title."""
    return fill(translate("Report", "notifyzen weekly report %1"), week)


def duration(value: timedelta | None) -> str:
    """'2 h 05 min' / '2 u 05 min', '45 min', '—' for nothing measured."""
    if value is None:
        return "—"
    minutes = round(value.total_seconds() / 60)
    if minutes < 60:
        return fill(translate("Report", "%1 min"), minutes)
    return fill(translate("Report", "%1 h %2 min"), minutes // 60, f"{minutes % 60:02d}")


def change_text(change: Change | None, previous: IsoWeek, *, seconds: bool = False) -> str:
    """How a figure moved since the week before: '▼ 12% vs 2026-W46', 'same as 2026-W46'."""
    if change is None:
        return ""
    if change.percent is None:
        if not change.now:
            return fill(translate("Report", "same as %1"), previous)
        if seconds:
            return fill(translate("Report", "none in %1"), previous)
        return fill(translate("Report", "new since %1"), previous)
    if round(change.percent) == 0:
        return fill(translate("Report", "same as %1"), previous)
    arrow = "▲" if change.delta > 0 else "▼"
    return f"{arrow} " + fill(translate("Report", "%1% vs %2"), f"{abs(change.percent):.0f}", previous)


def _joined(*parts: str) -> str:
    """A note and, on its own line, how it moved since last week."""
    return "\n".join(p for p in parts if p)


def of(part: int, whole: int) -> str:
    """'12 of 14'."""
    return fill(translate("Report", "%1 of %2"), part, whole)


def figures(report: WeeklyReport) -> list[tuple[str, str, str]]:
    """The headline figures as (caption, value, note): the view shows them, the HTML repeats them."""
    t, w, before = report.totals, report.waits, report.week.previous()
    best = max(report.days, key=lambda d: d.longest_focus)
    share = t.promises_share
    extra = sum(d.checkins_extra for d in report.days)
    # focus is measured where notifyzen ran (the run log) or, before the run log, recorded something
    observed = bool(t.focus) or any(d.observed for d in report.days)
    out = [
        (
            translate("Report", "Notifications"),
            f"{t.notifications}",
            change_text(report.change("notifications"), before),
        ),
        (
            translate("Report", "Interruptions avoided"),
            f"{t.avoided}",
            _joined(
                fill(
                    translate("Report", "held or muted in focus windows; %1 broke through"), t.broke_through
                ),
                change_text(report.change("avoided"), before),
            ),
        ),
        (
            translate("Report", "Longest focus stretch"),
            duration(t.longest_focus) if observed else "—",
            _joined(
                fill(
                    translate("Report", "on %1; %2 in focus windows, %3 of it sleep")
                    if t.sleep
                    else translate("Report", "on %1; %2 in focus windows"),
                    day_label(best.day),
                    duration(t.focus),
                    duration(t.sleep),
                ),
                change_text(report.change("longest_focus"), before, seconds=True),
            )
            if t.longest_focus
            else fill(translate("Report", "%1 in focus windows, all of it sleep"), duration(t.focus))
            if t.focus
            else translate("Report", "no focus windows this week")
            if observed
            else translate("Report", "nothing recorded, so no focus measured"),
        ),
        (
            translate("Report", "Check-ins kept"),
            of(t.checkins_kept, t.checkins_planned),
            fill(translate("Report", "%1 more when you asked or took a break"), extra),
        ),
        (
            translate("Report", "Promises kept"),
            f"{share:.0%}" if share is not None else "—",
            fill(
                translate("Report", "%1 status replies sent; %2 of them seen by the time promised"),
                t.replies,
                t.promises_kept,
            )
            if t.replies
            else translate("Report", "no status replies sent"),
        ),
        (
            translate("Report", "People waited (median)"),
            duration(w.median),
            fill(
                translate("Report", "95th percentile %1; max wait %2"), duration(w.p95), duration(w.max_wait)
            )
            if w.count
            else translate("Report", "nobody waited"),
        ),
    ]
    if t.meetings:  # your calendars' meetings (docs/calendar.md), beside the focus time they are part of
        caption, value, note = out[2]
        first, *change = note.split("\n")
        meetings = fill(translate("Report", "%1 of it in meetings"), duration(t.meetings))
        out[2] = (caption, value, _joined(f"{first}, {meetings}", *change))
    return out


def nothing_recorded() -> str:
    return translate("Report", "Nothing was recorded in this week.")


NOT_RUNNING_LISTED = 3  # more gaps than this are summed up, the longest named


def moment(at: datetime, *, after: datetime | None = None) -> str:
    """'Tue 14:00' / 'di 14:00', timewords.day_and_time's style in the report's language: the
    time alone when `after` (the start of the same stretch) is that day, and a midnight that
    ends a stretch as its day's 24:00, so a gap to the week's end reads 'Sun 24:00', not 'Mon'."""
    day, clock = at.date(), at.strftime("%H:%M")
    if after is not None and at > after and clock == "00:00":
        day, clock = day - timedelta(days=1), "24:00"
    if after is not None and day == after.date():
        return clock
    return f"{weekday(day)} {clock}"


def stretch(gap: Gap) -> str:
    """'Tue 14:00 – Thu 09:10 (43 h 10 min)'."""
    return f"{moment(gap.start)} – {moment(gap.end, after=gap.start)} ({duration(gap.length)})"


def not_running(report: WeeklyReport) -> str:
    """The one line saying when notifyzen was off this week, or '' when it never was (or the week
    is from before the run log, which cannot tell)."""
    gaps = report.not_running
    if not gaps:
        return ""
    if len(gaps) <= NOT_RUNNING_LISTED:
        return fill(
            translate("Report", "notifyzen was not running: %1; nothing was recorded then"),
            ", ".join(stretch(g) for g in gaps),
        )
    return fill(
        translate(
            "Report", "notifyzen was not running %1 times (%2 in all), longest %3; nothing was recorded then"
        ),
        len(gaps),
        duration(sum((g.length for g in gaps), timedelta(0))),
        stretch(max(gaps, key=lambda g: g.length)),
    )


def suggestions_heading() -> str:
    return translate("Report", "Suggestions")


NAME_LIMIT = 60
_NOT_LEFT_TO_RIGHT = {"R", "AL", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF", "PDI"}


def name(text: str) -> str:
    """An app's, person's or rule's name as sent, inside a sentence of ours: on one line, cut to a
    length that wraps, and isolated (FSI … PDI) so a right-to-left override in it cannot turn the
    rest of the sentence around."""
    one_line = " ".join(text.split())
    short = one_line if len(one_line) <= NAME_LIMIT else one_line[: NAME_LIMIT - 1] + "…"
    if any(unicodedata.bidirectional(c) in _NOT_LEFT_TO_RIGHT for c in short):
        return f"\u2068{short}\u2069"
    return short


def suggestion_text(s: Suggestion) -> str:
    """'Strava: 143 sent, 0 opened — mute?' in the user's words, from the figures core gives."""
    if s.kind == "proposal":  # learned from the user's reactions (issue 20): its evidence, in English
        return f"“{s.rule.get('name', s.subject)}” — {s.text}"
    if s.kind == "mute_app" and s.people:
        return fill(
            translate(
                "Report", "%1: %2 not from people, %3 opened — mute those? (%4 from people are left alone)"
            ),
            name(s.subject),
            s.sent,
            s.opened,
            s.people,
        )
    if s.kind == "mute_app":
        return fill(translate("Report", "%1: %2 sent, %3 opened — mute?"), name(s.subject), s.sent, s.opened)
    if s.kind == "hold_sender":
        if s.via_rule is None:
            return fill(
                translate("Report", "%1 broke through %2 times during focus — hold for check-ins?"),
                name(s.subject),
                s.broke_through,
            )
        return fill(
            translate("Report", '%1 broke through %2 times during focus (rule "%3") — hold for check-ins?'),
            name(s.subject),
            s.broke_through,
            name(s.via_rule),
        )
    return s.text


def suggestion_button(s: Suggestion) -> str:
    if s.kind == "proposal":
        return translate("Proposals", "Add this rule")
    return (
        translate("Report", "Mute it") if s.kind == "mute_app" else translate("Report", "Hold for check-ins")
    )


def suggestion_tooltip(s: Suggestion) -> str:
    return fill(translate("Report", "Writes the rule “%1” to your rules"), s.rule.get("name", ""))


def impact_sentence(impact: Impact) -> str:
    """The simulator's figure for a suggested rule over the report's week: 'would have muted 143
    notifications that week, 0 of them from people'."""
    parts = []
    if impact.held:
        one = translate("Report", "would have held 1 notification that week, %2 of them from people")
        many = translate("Report", "would have held %1 notifications that week, %2 of them from people")
        parts.append(fill(one if impact.held == 1 else many, impact.held, impact.people_held))
    if impact.muted:
        one = translate("Report", "would have muted 1 notification that week, %2 of them from people")
        many = translate("Report", "would have muted %1 notifications that week, %2 of them from people")
        parts.append(fill(one if impact.muted == 1 else many, impact.muted, impact.people_muted))
    if impact.delivered:
        one = translate("Report", "would have shown at once 1 notification that week, %2 of them from people")
        many = translate(
            "Report", "would have shown at once %1 notifications that week, %2 of them from people"
        )
        parts.append(fill(one if impact.delivered == 1 else many, impact.delivered, impact.people_delivered))
    return "; ".join(parts) if parts else translate("Report", "would have changed nothing that week")


def top_apps_title() -> str:
    """The window's chart and the exported table share their titles."""
    return translate("ReportCharts", "Top apps")


def top_people_title() -> str:
    return translate("ReportCharts", "Top people")
