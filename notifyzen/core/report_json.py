"""The weekly report as plain JSON data, for `notifyzen report --json` and the scripts that read it.

The keys are a promise to those scripts (docs/report.md lists them): snake_case, never
translated, never renamed; new keys may be added. Moments are ISO 8601 with their UTC offset, in
the report's zone; every duration is a whole number of seconds and its key ends in `_seconds`, so a
reader never has to guess the unit. Nothing here words anything for a person: the only sentences
are the suggestions' `text` and `what_if`, which the caller supplies in English.

Notification texts appear only as a suggestion's `example`, and that is None unless the report
was built with show_bodies (core.report does not even carry them otherwise): the same privacy
rule as the window.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from notifyzen.core.report import WEEKDAYS, DayStats, Tally, Totals, WeeklyReport

FORMAT = 1  # bumped only if a key changes meaning; added keys keep the number


def seconds(value: timedelta | None) -> int | None:
    return None if value is None else round(value.total_seconds())


def moment(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def report_json(report: WeeklyReport) -> dict[str, Any]:
    """Everything the report window shows, as data; `json.dumps` takes it as it is."""
    w = report.waits
    return {
        "format": FORMAT,
        "week": str(report.week),
        "time_zone": str(report.start.tzinfo),
        "start": moment(report.start),
        "end": moment(report.end),
        "show_bodies": report.show_bodies,
        "empty": report.empty,
        "totals": _totals(report.totals, report.days),
        "previous_week": (
            None
            if report.previous is None
            else {"week": str(report.week.previous()), **_totals(report.previous, None)}
        ),
        "days": [_day(d) for d in report.days],
        "arrivals_by_hour": [list(hours) for hours in report.heatmap],
        "top_apps": [_tally(t) for t in report.top_apps],
        "top_people": [_tally(t) for t in report.top_people],
        "waits": {
            "seen": w.count,
            "unseen": w.unseen,
            "median_seconds": seconds(w.median),
            "p95_seconds": seconds(w.p95),
            "longest_seconds": seconds(w.longest),
            "max_wait_seconds": seconds(w.max_wait),
            "over_max_wait": w.over_max,
        },
        "status_replies": {
            "sent": report.totals.replies,
            "promises_kept": report.totals.promises_kept,
            "promises_kept_share": report.totals.promises_share,
        },
        "not_running": [
            {"start": moment(g.start), "end": moment(g.end), "length_seconds": seconds(g.length)}
            for g in report.not_running
        ],
        "suggestions": [
            {
                "kind": s.kind,
                "subject": s.subject,
                "rule": dict(s.rule),
                "sent": s.sent,
                "opened": s.opened,
                "people": s.people,
                "broke_through": s.broke_through,
                "via_rule": s.via_rule,
                "text": s.text,
                "what_if": s.what_if,
                "example": s.example if report.show_bodies else None,
            }
            for s in report.suggestions
        ],
    }


def _totals(t: Totals, days: tuple[DayStats, ...] | None) -> dict[str, Any]:
    """The week's sums. Extra check-ins are summed from the days, which only this week has."""
    extra = {} if days is None else {"checkins_extra": sum(d.checkins_extra for d in days)}
    return {
        "notifications": t.notifications,
        "delivered": t.delivered,
        "held": t.held,
        "muted": t.muted,
        "desktop": t.desktop,
        "phone": t.phone,
        "opened": t.opened,
        "avoided": t.avoided,
        "broke_through": t.broke_through,
        "focus_seconds": seconds(t.focus),
        "longest_focus_seconds": seconds(t.longest_focus),
        "sleep_seconds": seconds(t.sleep),
        "meeting_seconds": seconds(t.meetings),
        "checkins_planned": t.checkins_planned,
        "checkins_kept": t.checkins_kept,
        **extra,
        "status_replies": t.replies,
        "promises_kept": t.promises_kept,
    }


def _day(d: DayStats) -> dict[str, Any]:
    """A day still to come says so, and its focus figures are null (not measured), never 0."""
    return {
        "date": d.day.isoformat(),
        "weekday": WEEKDAYS[d.day.weekday()],
        "recorded": d.observed,
        "to_come": d.to_come,
        "notifications": d.total,
        "delivered": d.delivered,
        "held": d.held,
        "muted": d.muted,
        "avoided": d.avoided,
        "broke_through": d.broke_through,
        "focus_seconds": None if d.to_come else seconds(d.focus),
        "longest_focus_seconds": None if d.to_come else seconds(d.longest_focus),
        "sleep_seconds": None if d.to_come else seconds(d.sleep),
        "meeting_seconds": None if d.to_come else seconds(d.meetings),
        "checkins_planned": d.checkins_planned,
        "checkins_kept": d.checkins_kept,
        "checkins_extra": d.checkins_extra,
    }


def _tally(t: Tally) -> dict[str, Any]:
    return {
        "name": t.name,
        "sent": t.sent,
        "opened": t.opened,
        "desktop": t.desktop,
        "phone": t.phone,
        "muted": t.muted,
        "broke_through": t.broke_through,
    }
