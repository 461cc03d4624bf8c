"""The weekly report as a few lines for a terminal: `notifyzen report --text`.

Worded like the window (the headline figures come from report.words, so both say the same in
the same language) but with no window, no QApplication and no Qt platform plugin: only QtCore's
translator and locale data load, so it runs over ssh, in cron and on a box without a screen.

Names and texts come from other programs; each goes through `clean` (history's), so an escape
sequence in an app's name cannot drive the user's terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from notifyzen.core.report import DayStats, Tally, WeeklyReport
from notifyzen.desktop.i18n import translate
from notifyzen.desktop.words import clean
from notifyzen.report import words

NAME_WIDTH = 24
EXAMPLE_LIMIT = 100


def summary(report: WeeklyReport) -> str:
    """The whole summary, lines joined, ending in a newline."""
    return "".join(f"{line}\n" for line in summary_lines(report))


def summary_lines(report: WeeklyReport) -> list[str]:
    """Title, what was off, the figures, one line a day, the top interrupters, the suggestions."""
    lines = [words.week_title(report)]
    if report.empty:
        lines.append(words.nothing_recorded())
    lines += _gaps(report)
    if report.empty:
        return lines
    lines.append("")
    for caption, value, note in words.figures(report):
        note = "; ".join(part for part in note.splitlines() if part)
        lines.append(f"{caption}: {value}" + (f" ({note})" if note else ""))
    lines += ["", translate("ReportText", "Per day")]
    lines += [f"  {words.day_and_date(d.day)}  {_day(d)}" for d in report.days]
    lines += _tallies(translate("ReportText", "Top apps"), report.top_apps)
    lines += _tallies(translate("ReportText", "Top people"), report.top_people)
    if report.suggestions:
        lines += ["", words.suggestions_heading()]
        for s in report.suggestions:
            said = words.suggestion_text(s) + (f" ({s.what_if})" if s.what_if else "")
            lines.append(f"  {clean(said)}")
            if report.show_bodies and s.example is not None:
                lines.append(f"    “{clean(s.example, EXAMPLE_LIMIT)}”")
    return lines


def _gaps(report: WeeklyReport) -> list[str]:
    if not report.not_running:
        return []
    heading = translate("ReportText", "notifyzen was not running (nothing could be recorded then):")
    return [heading, *(f"  {words.stretch(g)}" for g in report.not_running)]


def _day(d: DayStats) -> str:
    """'58 notifications: 30 shown at once, 20 held, 8 muted; focus 5 h 10 min, longest stretch
    1 h 20 min; check-ins kept 3 of 3' — each part only when there is something to say; 'not yet'
    for a day still to come, whose hours are not 0 but unlived."""
    if d.to_come:
        return translate("ReportText", "not yet")
    if not d.observed and not d.total and not d.checkins_planned and not d.focus:
        return translate("ReportText", "nothing recorded")
    one = translate("ReportText", "1 notification: %2 shown at once, %3 held, %4 muted")
    many = translate("ReportText", "%1 notifications: %2 shown at once, %3 held, %4 muted")
    parts = [
        words.fill(one if d.total == 1 else many, d.total, d.delivered, d.held, d.muted)
        if d.total
        else translate("ReportText", "no notifications")
    ]
    if d.focus:
        focus = words.duration(d.focus), words.duration(d.longest_focus)
        if d.sleep:
            line = translate("ReportText", "focus %1 (%3 of it sleep), longest stretch %2")
            parts.append(words.fill(line, *focus, words.duration(d.sleep)))
        else:
            parts.append(words.fill(translate("ReportText", "focus %1, longest stretch %2"), *focus))
    if d.meetings:  # your calendars' meetings (docs/calendar.md), part of the focus above
        parts.append(words.fill(translate("ReportText", "meetings %1"), words.duration(d.meetings)))
    if d.checkins_planned:
        parts.append(
            words.fill(
                translate("ReportText", "check-ins kept %1"), words.of(d.checkins_kept, d.checkins_planned)
            )
        )
    if d.checkins_extra:
        one, many = translate("ReportText", "1 extra check-in"), translate("ReportText", "%1 extra check-ins")
        parts.append(words.fill(one if d.checkins_extra == 1 else many, d.checkins_extra))
    return "; ".join(parts)


def _tallies(heading: str, tallies: Sequence[Tally]) -> list[str]:
    if not tallies:
        return []
    lines = ["", heading]
    for t in tallies:
        parts = [words.fill(translate("ReportText", "%1 sent, %2 opened"), t.sent, t.opened)]
        if t.phone:
            parts.append(words.fill(translate("ReportText", "%1 from the phone"), t.phone))
        if t.muted:
            parts.append(words.fill(translate("ReportText", "%1 muted"), t.muted))
        if t.broke_through:
            parts.append(words.fill(translate("ReportText", "%1 broke through focus"), t.broke_through))
        name = clean(t.name, NAME_WIDTH)
        lines.append(f"  {name:<{NAME_WIDTH}}  {', '.join(parts)}")
    return lines
