"""Thunderbird's calendars on disk: calendar-data/local.sqlite (and cache.sqlite), read only.

Thunderbird keeps its local calendars (and its offline copies of network calendars) in SQLite,
one row per event in `cal_events` and the rest beside it, as its storage provider writes them
(comm-central calendar/providers/storage/calStorageUpgrade.sys.mjs, schema v22+; the fixture in
tests/calendar/thunderbird_fixture.py follows it):

- `cal_events`: cal_id (the calendar), id (the UID), title, flags (8: all day), ical_status,
  event_start/event_end in microseconds since 1970 UTC with their zone in event_start_tz /
  event_end_tz ("floating": the same wall clock everywhere), recurrence_id(+_tz) for the row of
  one moved or changed occurrence;
- `cal_recurrence`, `cal_attendees`: the RRULE/RDATE/EXDATE and ATTENDEE lines, as iCalendar
  text (icalString);
- `cal_properties`: the other properties (TRANSP, ...), key and value.

The rows are turned back into VEVENTs and expanded like any .ics (notifyzen/calendar/ics.py).
The file is opened read only (`mode=ro`), so a running Thunderbird is never disturbed; when even
that is refused (its lock), `immutable=1` reads what was last written whole. Calendar names come
from the profile's prefs.js (`calendar.registry.<id>.name`).
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

ALL_DAY = 8  # CAL_ITEM_FLAG.EVENT_ALLDAY (calStorageHelpers.sys.mjs)
RECURRENCE_ID_ALL_DAY = 512
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_PREF = re.compile(r'user_pref\("calendar\.registry\.([^".]+)\.name",\s*"((?:[^"\\]|\\.)*)"\);')
_KEEP = ("TRANSP", "STATUS", "X-MICROSOFT-CDO-BUSYSTATUS")  # the properties that say "meeting or not"


# where Thunderbird keeps its profiles: the package's, Flathub's, the Snap's
HOMES = (
    ".thunderbird",
    ".var/app/org.mozilla.Thunderbird/.thunderbird",
    "snap/thunderbird/common/.thunderbird",
)


def thunderbird_home() -> Path:
    """The folder with profiles.ini: the first of HOMES that exists (NOTIFYZEN_THUNDERBIRD_HOME: tests)."""
    if os.environ.get("NOTIFYZEN_THUNDERBIRD_HOME"):
        return Path(os.environ["NOTIFYZEN_THUNDERBIRD_HOME"])
    return next((Path.home() / h for h in HOMES if (Path.home() / h).is_dir()), Path.home() / HOMES[0])


def profiles() -> list[Path]:
    """Every Thunderbird profile's calendar files (~/.thunderbird/*/calendar-data/*.sqlite)."""
    home = thunderbird_home()
    return sorted(
        p
        for name in ("local.sqlite", "cache.sqlite")
        for p in home.glob(f"*/calendar-data/{name}")
        if p.is_file()
    )


class Thunderbird:
    """One or more of Thunderbird's calendar databases."""

    def __init__(self, files: list[Path] | None = None) -> None:
        self.explicit = files
        self.files = files if files is not None else profiles()

    def stamp(self) -> tuple[object, ...]:
        files = self.explicit if self.explicit is not None else profiles()
        out: list[object] = []
        for path in files:
            for part in (path, path.with_name(path.name + "-wal")):
                try:
                    st = part.stat()
                    out.append((str(part), st.st_mtime_ns, st.st_size))
                except OSError:
                    out.append((str(part), -1))
        return tuple(out)

    def read(self) -> Iterator[tuple[str | None, icalendar.Calendar]]:
        files = self.explicit if self.explicit is not None else profiles()
        if not files:
            raise OSError("no Thunderbird calendar found (~/.thunderbird/*/calendar-data/local.sqlite)")
        for path in files:
            names = _names(path.parent.parent / "prefs.js")
            for cal_id, calendar in read_database(path).items():
                yield names.get(cal_id), calendar


def read_database(path: Path) -> dict[str, icalendar.Calendar]:
    """cal_id -> its events as a VCALENDAR. Raises OSError when the file cannot be read."""
    if not path.is_file():
        raise OSError(f"{path}: no such file")
    try:
        with closing(open_read_only(path)) as db:
            return _calendars(db)
    except sqlite3.Error as exc:
        raise OSError(f"{path}: {exc}") from None


def open_read_only(path: Path) -> sqlite3.Connection:
    """An SQLite file another app writes, opened so that app is never disturbed (also Evolution's)."""
    uri = "file:" + quote(str(path.resolve()))
    try:
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:  # locked, or a -shm we may not create: read the file as it is
        return sqlite3.connect(f"{uri}?immutable=1", uri=True)


def _calendars(db: sqlite3.Connection) -> dict[str, icalendar.Calendar]:
    db.row_factory = sqlite3.Row
    lines: dict[tuple[str, str, int | None], list[str]] = defaultdict(list)
    for row in db.execute("SELECT cal_id, item_id, icalString FROM cal_recurrence"):
        lines[(row["cal_id"], row["item_id"], None)].append(row["icalString"])
    for row in db.execute("SELECT cal_id, item_id, recurrence_id, icalString FROM cal_attendees"):
        lines[(row["cal_id"], row["item_id"], row["recurrence_id"])].append(row["icalString"])
    props: dict[tuple[str, str, int | None], dict[str, str]] = defaultdict(dict)
    for row in db.execute("SELECT cal_id, item_id, recurrence_id, key, value FROM cal_properties"):
        if str(row["key"]).upper() in _KEEP:
            props[(row["cal_id"], row["item_id"], row["recurrence_id"])][str(row["key"]).upper()] = str(
                row["value"]
            )
    out: dict[str, icalendar.Calendar] = {}
    for row in db.execute("SELECT * FROM cal_events ORDER BY recurrence_id IS NOT NULL"):
        key = (row["cal_id"], row["id"], row["recurrence_id"])
        calendar = out.setdefault(row["cal_id"], _new_calendar())
        calendar.add_component(_vevent(row, lines[key], props[key]))  # rules go with the master row
    return out


def _new_calendar() -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("PRODID", "-//notifyzen//Thunderbird storage//EN")
    calendar.add("VERSION", "2.0")
    return calendar


def _vevent(row: sqlite3.Row, lines: list[str], props: dict[str, str]) -> icalendar.Event:
    all_day = bool(row["flags"] & ALL_DAY)
    text = ["BEGIN:VEVENT", f"UID:{_escape(row['id'])}", f"SUMMARY:{_escape(row['title'] or '')}"]
    text.append(_when("DTSTART", row["event_start"], row["event_start_tz"], all_day))
    if row["event_end"] is not None:
        text.append(_when("DTEND", row["event_end"], row["event_end_tz"], all_day))
    if row["recurrence_id"] is not None:
        rid_all_day = all_day or bool(row["flags"] & RECURRENCE_ID_ALL_DAY)
        text.append(_when("RECURRENCE-ID", row["recurrence_id"], row["recurrence_id_tz"], rid_all_day))
    if row["ical_status"]:
        text.append(f"STATUS:{row['ical_status']}")
    text += [f"{k}:{v}" for k, v in props.items() if k != "STATUS" or not row["ical_status"]]
    text += [line.strip() for line in lines if line and line.strip()]
    text.append("END:VEVENT")
    return icalendar.Event.from_ical("\r\n".join(text) + "\r\n")  # type: ignore[return-value]


def _when(name: str, native: int, tz: str | None, all_day: bool) -> str:
    """A stored time as an iCalendar property: microseconds since 1970 UTC, shown in `tz`."""
    instant = EPOCH + timedelta(microseconds=int(native))
    if all_day:  # stored as the date's midnight, floating
        return f"{name};VALUE=DATE:{instant:%Y%m%d}"
    zone = (tz or "UTC").strip()
    if zone == "floating":
        return f"{name}:{instant:%Y%m%dT%H%M%S}"
    if zone.upper() == "UTC":
        return f"{name}:{instant:%Y%m%dT%H%M%SZ}"
    try:
        local = instant.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):  # a zone Thunderbird knows and the system does not
        return f"{name}:{instant:%Y%m%dT%H%M%SZ}"
    return f"{name};TZID={zone}:{local:%Y%m%dT%H%M%S}"


def _escape(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _names(prefs: Path) -> dict[str, str]:
    """calendar id -> the name the user gave it, from the profile's prefs.js."""
    try:
        text = prefs.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    return {m.group(1): re.sub(r"\\(.)", r"\1", m.group(2)) for m in _PREF.finditer(text)}
