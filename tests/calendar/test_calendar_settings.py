"""Per-calendar settings (issue 19): which preset a calendar's events are, tentative ones or not.

planning.ics is a Thunderbird-style export: a calendar of focus blocks (two hours, Tuesdays and
Thursdays), a vendor demo you answered "tentative" and a lunch talk the organiser marked
tentative. What a user notices: with `preset: default` the focus blocks are deep work (the
default preset's window and rules, people wait its 90 minutes, the tray says "deep work"), not
meetings; with `tentative: false` the maybes leave the day free; a misspelt preset is an error at
its file:line:col, and the last good settings stay.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from notifyzen.calendar.feed import CalendarFeed, read_events
from notifyzen.core.config import CalendarSettings
from notifyzen.core.model import Verdict
from notifyzen.core.ruleload import load_active, load_config
from notifyzen.core.timeline import Timeline
from tests.core.rulekit import config, default_preset, make_notification

DATA = Path(__file__).parent / "data"
PRESETS = Path(__file__).resolve().parents[2] / "rules"
BERLIN = ZoneInfo("Europe/Berlin")
START, END = datetime(2026, 10, 19, tzinfo=BERLIN), datetime(2026, 10, 26, tzinfo=BERLIN)
ME = ("anke@example.org",)


def meetings(**kw: object) -> list[str]:
    settings = CalendarSettings("Planning", str(DATA / "planning.ics"), me=ME, **kw)  # type: ignore[arg-type]
    events = sorted(read_events([settings], START, END, BERLIN), key=lambda e: e.start)
    return [f"{e.start.astimezone(BERLIN):%a %H:%M} {e.title} [{e.preset}]" for e in events if e.focus]


def test_tentative_events_count_unless_the_calendar_says_not() -> None:
    assert meetings() == [
        "Tue 14:00 Focus: quarterly report [meeting]",
        "Wed 11:00 Vendor demo [meeting]",  # you answered "tentative"
        "Thu 12:30 Lunch talk (to be confirmed) [meeting]",  # the organiser marked it tentative
        "Thu 14:00 Focus: quarterly report [meeting]",
    ]
    assert meetings(tentative=False) == [
        "Tue 14:00 Focus: quarterly report [meeting]",
        "Thu 14:00 Focus: quarterly report [meeting]",
    ]


def test_a_calendar_of_focus_blocks_brings_the_default_presets_deep_work(tmp_path: Path) -> None:
    blocks = CalendarSettings("Focus", str(DATA / "planning.ics"), me=ME, tentative=False, preset="default")
    work = CalendarSettings("Work", str(DATA / "work.ics"), me=ME)
    feed = CalendarFeed((blocks, work), BERLIN, PRESETS)
    calendar = feed.refresh(datetime(2026, 10, 20, 8, 0, tzinfo=BERLIN))
    assert calendar is not None
    t = Timeline(default_preset(), config(), calendar=calendar)
    # Tuesday 15:45: after the default preset's weekly 14:00-15:30 block, inside the calendar's
    # focus block (14:00-16:00)
    block = datetime(2026, 10, 20, 15, 45, tzinfo=BERLIN)
    standup = datetime(2026, 10, 20, 9, 35, tzinfo=BERLIN)
    assert t.engine.window_at(block) == "deep work"
    assert t.engine.window_at(standup) == "meeting"
    meeting = t.engine.meeting_at(block)
    assert meeting is not None and (meeting.calendar, meeting.preset) == ("Focus", "default")

    person = make_notification("Signal", "Priya", "2026-10-20 15:45", sender="Priya", category="im.received")
    held = t.take(1, person, person.at)
    assert held.verdict is Verdict.HOLD and held.window == "deep work"
    assert held.release_at == datetime(2026, 10, 20, 16, 0, tzinfo=BERLIN)  # the end of the block
    # the meeting preset's rules ("people": reply with a status) are not the focus block's
    assert held.rule != "people"


def test_a_misspelt_preset_is_named_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "calendars:\n  - name: Focus\n    path: ~/focus.ics\n    preset: deepwork\n    tentative: false\n"
    )
    loaded = load_active(tmp_path, PRESETS)
    assert not loaded.ok
    assert [str(e) for e in loaded.errors] == [
        f'{path}:4:13: preset: no preset "deepwork" (available: commute, default, evening, '
        "in-conversation, meeting, sleep, work-focus)"
    ]
    path.write_text("calendars:\n  - {name: Focus, path: ~/focus.ics, tentative: maybe}\n")
    _, errors, _ = load_config(path)
    assert [str(e).split(": ", 1)[0] for e in errors] == [f"{path}:2:49"]  # at "maybe"
    assert "tentative" in str(errors[0]) and "bool" in str(errors[0])
    path.write_text("calendars:\n  - ~/work.ics\n  - {name: Home, path: evolution, me: anke@example.org}\n")
    _, errors, _ = load_config(path)
    assert [str(e) for e in errors] == [
        f"{path}:2:5: calendars: a calendar needs a name and a path, e.g. {{name: Work, path: ~/work.ics}}",
        f"{path}:3:39: calendars.me: a list of addresses, e.g. me: [anke@example.org]",
    ]
    path.write_text("calendars:\n  - {name: Focus, path: ~/focus.ics, preset: work-focus}\n")
    good, errors, _ = load_config(path)
    assert good is not None and good.calendars[0].preset == "work-focus" and good.calendars[0].tentative
