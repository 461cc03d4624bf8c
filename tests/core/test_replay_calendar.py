"""Issue 19's promise on generated weeks: meetings from the calendar stop being interrupted.

Each week comes with the calendar behind its reminders (weekgen.generate_calendar), written to an
.ics file and read back through the same adapter the app uses, then replayed under the shipped
defaults with and without it. In meetings, what still pops up is only what the user chose to let
through (critical, a second call, a reminder of the next meeting) or a person's max wait running
out; nothing is lost, and people are still shown within the max wait.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.calendar.export import to_ics
from notifyzen.calendar.feed import focus, read_events
from notifyzen.core.config import CalendarSettings
from notifyzen.core.model import ShownBy
from notifyzen.core.replay import Entry, Run
from notifyzen.core.replay_summary import INTERRUPTING, summarize
from notifyzen.core.ruleload import load_active
from notifyzen.core.rules import is_person
from notifyzen.core.weekgen import generate_calendar, generate_week
from notifyzen.core.whatif import simulate
from notifyzen.desktop import paths

BERLIN = ZoneInfo("Europe/Berlin")
CHOSEN = {"critical", "repeated contact", "time-sensitive"}


def popped_up_in_meetings(run: Run, meetings: list[tuple[float, float]]) -> dict[float, set[str]]:
    """moment -> why, for every moment something popped up (not at a check-in) in a meeting."""
    out: dict[float, set[str]] = {}
    for o in run.outcomes:
        if o.shown_at is None or o.shown_by not in INTERRUPTING:
            continue
        t = o.shown_at.timestamp()
        if any(a <= t < b for a, b in meetings):
            chosen = o.decision.rule in CHOSEN and o.shown_by is ShownBy.ARRIVAL
            why = "chosen" if chosen else "max wait" if o.shown_by is ShownBy.MAX_WAIT else o.decision.rule
            out.setdefault(t, set()).add(why)
    return out


@pytest.mark.parametrize(
    ("monday", "seed"),
    [
        (date(2026, 11, 16), 1),  # 2026-W47, the README's week
        (date(2026, 11, 16), 2),
        (date(2026, 10, 19), 3),  # 2026-W43: the clocks go back on its Sunday
    ],
)
def test_meetings_are_no_longer_interrupted_and_nothing_is_lost(
    tmp_path: Path, monday: date, seed: int
) -> None:
    loaded = load_active(tmp_path, paths.presets_dir())  # the shipped defaults
    assert loaded.rules is not None and loaded.config is not None, loaded.errors
    config = replace(loaded.config, zone=BERLIN)
    ics = tmp_path / "week.ics"
    ics.write_bytes(to_ics(generate_calendar(monday, BERLIN, seed=seed), BERLIN))
    start = datetime.combine(monday, datetime.min.time(), BERLIN)
    events = read_events([CalendarSettings("Work", str(ics))], start, start + timedelta(days=7), BERLIN)
    entries = [Entry(i + 1, e) for i, e in enumerate(generate_week(monday, BERLIN, seed=seed))]

    aware = simulate(entries, loaded.rules, config, calendar=focus(events, paths.presets_dir()))
    plain = simulate(entries, loaded.rules, config)
    meetings = [(s.start.timestamp(), s.end.timestamp()) for s in aware.focus if s.name == "meeting"]
    assert len(meetings) >= 5  # the standup every weekday at least

    before = popped_up_in_meetings(plain, meetings)
    after = popped_up_in_meetings(aware, meetings)
    assert len(before) >= 5  # without the calendar, meetings were interrupted
    assert [why for why in after.values() if not why <= {"chosen", "max wait"}] == []
    assert len(after) < len(before)

    s = summarize(aware, BERLIN)
    assert s.never_shown_held == 0  # nothing lost: everything held was shown
    assert s.people_daytime.within_share is not None and s.people_daytime.within_share >= 0.95
    in_meeting = [
        o.wait
        for o in aware.outcomes
        if is_person(o.notification) and any(a <= o.notification.at.timestamp() < b for a, b in meetings)
    ]
    assert in_meeting and all(w is not None and w <= timedelta(minutes=60) for w in in_meeting)
