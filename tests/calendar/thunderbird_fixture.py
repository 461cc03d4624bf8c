"""A Thunderbird profile with a local calendar, written as Thunderbird's storage provider writes it.

No Thunderbird runs here, so this writes calendar-data/local.sqlite by hand, from the table
definitions in comm-central's calendar/providers/storage/calStorageUpgrade.sys.mjs (schema v22:
attendees and recurrence as icalString, cal_id as TEXT since v19, offline_journal since v20) and
the flags of calStorageHelpers.sys.mjs; times are PRTime (microseconds since 1970, UTC) with the
zone beside them, as calStorageModel stores them. And prefs.js names the calendar.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

CAL_ID = "3f9a1c2e-7b4d-4e8a-9c0f-5d6e7f8a9b0c"
BERLIN = ZoneInfo("Europe/Berlin")

SCHEMA = """
CREATE TABLE cal_calendar_schema_version (version INTEGER);
CREATE TABLE cal_tz_version (version TEXT);
CREATE TABLE cal_events (
    cal_id TEXT, id TEXT, time_created INTEGER, last_modified INTEGER, title TEXT, priority INTEGER,
    privacy TEXT, ical_status TEXT, flags INTEGER, event_start INTEGER, event_end INTEGER,
    event_stamp INTEGER, event_start_tz TEXT, event_end_tz TEXT, recurrence_id INTEGER,
    recurrence_id_tz TEXT, alarm_last_ack INTEGER, offline_journal INTEGER);
CREATE TABLE cal_todos (
    cal_id TEXT, id TEXT, time_created INTEGER, last_modified INTEGER, title TEXT, priority INTEGER,
    privacy TEXT, ical_status TEXT, flags INTEGER, todo_entry INTEGER, todo_due INTEGER,
    todo_completed INTEGER, todo_complete INTEGER, todo_entry_tz TEXT, todo_due_tz TEXT,
    todo_completed_tz TEXT, recurrence_id INTEGER, recurrence_id_tz TEXT, alarm_last_ack INTEGER,
    offline_journal INTEGER);
CREATE TABLE cal_attendees (item_id TEXT, recurrence_id INTEGER, recurrence_id_tz TEXT, cal_id TEXT,
    icalString TEXT);
CREATE TABLE cal_recurrence (item_id TEXT, cal_id TEXT, icalString TEXT);
CREATE TABLE cal_properties (item_id TEXT, key TEXT, value BLOB, recurrence_id INTEGER,
    recurrence_id_tz TEXT, cal_id TEXT);
CREATE TABLE cal_alarms (cal_id TEXT, item_id TEXT, recurrence_id INTEGER, recurrence_id_tz TEXT,
    icalString TEXT);
CREATE TABLE cal_metadata (cal_id TEXT, item_id TEXT UNIQUE, value BLOB);
CREATE TABLE cal_relations (cal_id TEXT, item_id TEXT, recurrence_id INTEGER, recurrence_id_tz TEXT,
    icalString TEXT);
CREATE TABLE cal_attachments (item_id TEXT, cal_id TEXT, recurrence_id INTEGER,
    recurrence_id_tz TEXT, icalString TEXT);
CREATE INDEX idx_cal_events_id_cal_id_recurrence_id ON cal_events(id, cal_id, recurrence_id);
INSERT INTO cal_calendar_schema_version VALUES (22);
"""

HAS_ATTENDEES, HAS_PROPERTIES, EVENT_ALLDAY, HAS_RECURRENCE, HAS_EXCEPTIONS, HAS_ALARMS = 2, 4, 8, 16, 32, 256


def prtime(local: str, zone: ZoneInfo | None = BERLIN) -> int:
    """'2026-10-26 10:00' on `zone`'s clock (None: floating, stored as if UTC) in microseconds."""
    t = datetime.fromisoformat(local).replace(tzinfo=zone or UTC)
    return int(t.timestamp() * 1_000_000)


def write_profile(profile: Path) -> Path:
    """A profile with one local calendar, "Work"; returns its calendar-data/local.sqlite."""
    data = profile / "calendar-data"
    data.mkdir(parents=True)
    (profile / "prefs.js").write_text(
        "// Mozilla User Preferences\n"
        f'user_pref("calendar.registry.{CAL_ID}.calendar-main-in-composite", true);\n'
        f'user_pref("calendar.registry.{CAL_ID}.name", "Work \\"Büro\\"");\n'
        f'user_pref("calendar.registry.{CAL_ID}.type", "storage");\n'
        f'user_pref("calendar.registry.{CAL_ID}.uri", "moz-storage-calendar://");\n',
        encoding="utf-8",
    )
    path = data / "local.sqlite"
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    events = [
        # weekly planning on Mondays 10:00-11:00 Berlin, across the DST change (2026-10-25),
        # one Monday skipped (EXDATE) and one moved to the afternoon (an exception row)
        (
            "planning",
            "Sprint planning",
            HAS_RECURRENCE | HAS_EXCEPTIONS | HAS_ALARMS,
            "2026-10-12 10:00",
            "2026-10-12 11:00",
            None,
        ),
        (
            "planning",
            "Sprint planning (moved)",
            0,
            "2026-11-02 14:00",
            "2026-11-02 15:00",
            "2026-11-02 10:00",
        ),
        # declined by the user
        ("allhands", "All hands", HAS_ATTENDEES, "2026-10-28 13:00", "2026-10-28 14:00", None),
        # free time, not a meeting
        ("lunch", "Lunch with Sam", HAS_PROPERTIES, "2026-10-27 12:30", "2026-10-27 13:30", None),
    ]
    for uid, title, flags, start, end, rid in events:
        db.execute(
            "INSERT INTO cal_events (cal_id, id, time_created, last_modified, title, priority, privacy,"
            " ical_status, flags, event_start, event_end, event_stamp, event_start_tz, event_end_tz,"
            " recurrence_id, recurrence_id_tz, alarm_last_ack, offline_journal)"
            " VALUES (?, ?, 0, 0, ?, 0, NULL, NULL, ?, ?, ?, 0, 'Europe/Berlin', 'Europe/Berlin',"
            " ?, ?, NULL, NULL)",
            (
                CAL_ID,
                uid,
                title,
                flags,
                prtime(start),
                prtime(end),
                prtime(rid) if rid else None,
                "Europe/Berlin" if rid else None,
            ),
        )
    # all day (stored as the date's midnight, floating) and a floating one
    db.execute(
        "INSERT INTO cal_events (cal_id, id, title, flags, event_start, event_end, event_start_tz,"
        " event_end_tz) VALUES (?, 'offsite', 'Team offsite', ?, ?, ?, 'floating', 'floating')",
        (CAL_ID, EVENT_ALLDAY, prtime("2026-10-29 00:00", None), prtime("2026-10-30 00:00", None)),
    )
    db.execute(
        "INSERT INTO cal_events (cal_id, id, title, flags, event_start, event_end, event_start_tz,"
        " event_end_tz) VALUES (?, 'review', 'Design review', 0, ?, ?, 'floating', 'floating')",
        (CAL_ID, prtime("2026-10-30 15:00", None), prtime("2026-10-30 16:00", None)),
    )
    db.execute("INSERT INTO cal_recurrence VALUES ('planning', ?, 'RRULE:FREQ=WEEKLY;BYDAY=MO')", (CAL_ID,))
    db.execute(
        "INSERT INTO cal_recurrence VALUES ('planning', ?, 'EXDATE;TZID=Europe/Berlin:20261019T100000')",
        (CAL_ID,),
    )
    db.execute(
        "INSERT INTO cal_attendees VALUES ('allhands', NULL, NULL, ?,"
        " 'ATTENDEE;CN=Anke;PARTSTAT=DECLINED;ROLE=REQ-PARTICIPANT:mailto:anke@example.org')",
        (CAL_ID,),
    )
    db.execute(
        "INSERT INTO cal_properties VALUES ('lunch', 'TRANSP', 'TRANSPARENT', NULL, NULL, ?)", (CAL_ID,)
    )
    db.execute(
        "INSERT INTO cal_alarms VALUES (?, 'planning', NULL, NULL,"
        " 'BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nEND:VALARM')",
        (CAL_ID,),
    )
    db.commit()
    db.close()
    return path
