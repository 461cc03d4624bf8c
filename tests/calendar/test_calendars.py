"""Real calendar files to the meetings a user would list from their calendar app (issue 19).

work.ics is a Thunderbird-style export (VTIMEZONEs, a recurring standup with a skipped day, a
moved and a cancelled occurrence, a New York customer call, a declined meeting, free time, an
all-day event, a floating one); evolution/ is Evolution's own calendar.ics with its
/freeassociation.sourceforge.net zone; the Thunderbird profile is written by thunderbird_fixture.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.calendar.feed import CalendarFeed, read_events, source
from notifyzen.calendar.files import Evolution, IcsFiles
from notifyzen.calendar.thunderbird import Thunderbird
from notifyzen.core.config import CalendarSettings, ConfigModel
from notifyzen.core.meetings import Event
from notifyzen.core.ruleload import load_config
from tests.calendar.thunderbird_fixture import write_profile

DATA = Path(__file__).parent / "data"
PRESETS = Path(__file__).resolve().parents[2] / "rules"
BERLIN = ZoneInfo("Europe/Berlin")
# two weeks around the change to winter time (Sunday 2026-10-25, 03:00 CEST -> 02:00 CET)
START, END = datetime(2026, 10, 19, tzinfo=BERLIN), datetime(2026, 11, 3, tzinfo=BERLIN)
ME = ("anke@example.org",)


def listed(events: list[Event], meetings: bool = True) -> list[str]:
    """'Mon 10-19 09:30-09:45 Daily standup (Work)' on the Berlin clock, as a calendar app lists them."""
    out = []
    for e in sorted(events, key=lambda e: e.start):
        if e.focus is meetings:
            s, t = e.start.astimezone(BERLIN), e.end.astimezone(BERLIN)
            out.append(f"{s:%a %m-%d %H:%M}-{t:%H:%M} {e.title} ({e.calendar})")
    return out


def work(**kw: object) -> list[Event]:
    settings = CalendarSettings("Work", str(DATA / "work.ics"), me=ME, **kw)  # type: ignore[arg-type]
    return read_events([settings], START, END, BERLIN)


def test_recurrence_exceptions_zones_and_the_dst_change() -> None:
    assert listed(work()) == [
        "Mon 10-19 09:30-09:45 Daily standup (Work)",
        "Tue 10-20 09:30-09:45 Daily standup (Work)",
        # Wednesday 10-21 skipped (EXDATE)
        "Thu 10-22 09:30-09:45 Daily standup (Work)",
        "Thu 10-22 16:00-16:45 Customer call (Work)",  # 10:00 in New York
        "Fri 10-23 09:30-09:45 Daily standup (Work)",
        "Mon 10-26 09:30-09:45 Daily standup (Work)",  # still 09:30 after the change to winter time
        "Tue 10-27 11:00-11:15 Daily standup (Work)",  # this one was moved
        "Wed 10-28 09:30-09:45 Daily standup (Work)",
        # Wednesday 14:00 Board sync: declined
        "Thu 10-29 09:30-09:45 Daily standup (Work)",
        "Thu 10-29 15:00-15:45 Customer call (Work)",  # New York changes a week later: 15:00 here
        "Thu 10-29 16:00-17:00 Retro (Work)",  # floating: on the user's clock
        # Friday 10-30: the standup is cancelled
        "Mon 11-02 09:30-09:45 Daily standup (Work)",
    ]
    assert listed(work(), meetings=False) == [
        "Wed 10-28 00:00-00:00 LinuxConf day 1 (Work)",
        "Wed 10-28 14:00-15:00 Board sync (Work)",
        "Thu 10-29 08:00-09:00 Reading time (Work)",
    ]


def test_each_kind_of_event_can_be_asked_for() -> None:
    every = listed(work(busy_only=False, all_day=True, declined=True))
    assert "Wed 10-28 14:00-15:00 Board sync (Work)" in every
    assert "Thu 10-29 08:00-09:00 Reading time (Work)" in every
    assert "Wed 10-28 00:00-00:00 LinuxConf day 1 (Work)" in every  # the whole local day
    # without `me` notifyzen cannot know who declined: the meeting counts
    unknown = read_events([CalendarSettings("Work", str(DATA / "work.ics"))], START, END, BERLIN)
    assert "Wed 10-28 14:00-15:00 Board sync (Work)" in listed(unknown)


def test_evolutions_own_calendar_file_under_its_display_name() -> None:
    root = DATA / "evolution"
    src = Evolution(root / "share/evolution/calendar", root / "config/evolution/sources")
    settings = CalendarSettings("Evolution", "evolution")
    events = [e for name, cal in src.read() for e in _expand(cal, settings, name)]
    assert listed(events) == [
        # Tuesday 10-20 skipped
        "Tue 10-27 16:30-17:00 1:1 with Priya (Personal)",  # moved from 15:00, after the DST change
    ]
    assert listed(events, meetings=False) == ["Sat 10-31 00:00-00:00 Moving day (Personal)"]


def test_a_thunderbird_local_calendar_read_only(tmp_path: Path) -> None:
    path = write_profile(tmp_path / "abcd1234.default-release")
    os.chmod(path, 0o444)
    os.chmod(path.parent, 0o555)  # no journal, no -shm can be made: we only read
    try:
        settings = CalendarSettings("TB", str(path), me=ME)
        assert isinstance(source(settings), Thunderbird)
        events = read_events([settings], START, END, BERLIN)
    finally:
        os.chmod(path.parent, 0o755)
    assert listed(events) == [
        # Monday 10-19 skipped (EXDATE)
        'Mon 10-26 10:00-11:00 Sprint planning (Work "Büro")',  # 10:00 after the DST change too
        'Fri 10-30 15:00-16:00 Design review (Work "Büro")',  # floating
        'Mon 11-02 14:00-15:00 Sprint planning (moved) (Work "Büro")',
    ]
    assert listed(events, meetings=False) == [
        'Tue 10-27 12:30-13:30 Lunch with Sam (Work "Büro")',  # free
        'Wed 10-28 13:00-14:00 All hands (Work "Büro")',  # declined
        'Thu 10-29 00:00-00:00 Team offsite (Work "Büro")',  # all day
    ]


def test_thunderbird_is_found_in_the_profile_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_profile(tmp_path / "x1y2z3.default-release")
    monkeypatch.setenv("NOTIFYZEN_THUNDERBIRD_HOME", str(tmp_path))
    events = read_events([CalendarSettings("Thunderbird", "thunderbird", me=ME)], START, END, BERLIN)
    assert len(listed(events)) == 3


def test_a_thunderbird_database_while_thunderbird_holds_a_write_lock(tmp_path: Path) -> None:
    path = write_profile(tmp_path / "p.default")
    writer = sqlite3.connect(path)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        events = read_events([CalendarSettings("TB", str(path))], START, END, BERLIN)
    finally:
        writer.rollback()
        writer.close()
    assert len(listed(events)) == 4  # all hands is no longer known as declined without `me`


def test_a_vdir_folder_as_khal_keeps_it(tmp_path: Path) -> None:
    vdir = tmp_path / "calendars" / "work"
    vdir.mkdir(parents=True)
    text = (DATA / "work.ics").read_text()
    (vdir / "standup.ics").write_text(text)
    (vdir / "other.ics").write_text(
        text.replace("Daily standup", "Standup copy").replace("standup-7f3c", "x")
    )
    events = read_events([CalendarSettings("Work", str(tmp_path / "calendars"), me=ME)], START, END, BERLIN)
    assert isinstance(source(CalendarSettings("Work", str(vdir))), IcsFiles)
    assert sum(e.title == "Standup copy" for e in events if e.focus) == 9


def test_a_broken_calendar_is_reported_and_the_others_still_count(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\nthis is not iCalendar\n")
    problems: list[object] = []
    settings = [
        CalendarSettings("Broken", str(broken)),
        CalendarSettings("Missing", str(tmp_path / "nope.ics")),
        CalendarSettings("Work", str(DATA / "work.ics"), me=ME),
    ]
    events = read_events(settings, START, END, BERLIN, problems)  # type: ignore[arg-type]
    assert len(listed(events)) == 12
    assert [str(p).split(":")[0] for p in problems] == ["calendar Broken", "calendar Missing"]


def test_the_feed_rereads_a_calendar_only_when_it_changed(tmp_path: Path) -> None:
    path = tmp_path / "work.ics"
    path.write_bytes((DATA / "work.ics").read_bytes())
    feed = CalendarFeed((CalendarSettings("Work", str(path), me=ME),), BERLIN, PRESETS)
    now = datetime(2026, 10, 26, 9, 0, tzinfo=BERLIN)
    first = feed.refresh(now)
    assert first is not None and first.window.max_wait is not None  # the meeting preset's hour
    assert feed.refresh(now) is None  # nothing changed
    path.write_bytes(path.read_bytes().replace(b"SUMMARY:Retro", b"SUMMARY:Retrospective"))
    os.utime(path, ns=(1, 1))
    changed = feed.refresh(now)
    assert changed is not None and "Retrospective" in {m.title for m in changed.meetings}


def test_config_yaml_calendars_are_schema_checked(tmp_path: Path) -> None:
    good = tmp_path / "config.yaml"
    good.write_text("calendars:\n  - {name: Work, path: ~/work.ics, me: [Mailto:Anke@Example.org]}\n")
    config, errors, _ = load_config(good)
    assert config is not None and config.calendars == (CalendarSettings("Work", "~/work.ics", me=ME),)
    bad = tmp_path / "typo.yaml"
    bad.write_text("calendars:\n  - name: Work\n    path: x.ics\n    bussy_only: true\n")
    _, errors, _ = load_config(bad)
    assert [str(e) for e in errors] == [f'{bad}:4:5: unknown key "bussy_only" (did you mean "busy_only"?)']
    assert "calendars" in ConfigModel.model_json_schema()["properties"]  # `notifyzen rules schema --config`


def _expand(calendar: object, settings: CalendarSettings, name: str | None) -> list[Event]:
    from notifyzen.calendar import ics

    return list(ics.expand([calendar], settings, START, END, BERLIN, name))  # type: ignore[list-item]
