"""Evolution's network calendars (CalDAV, Google, Exchange/EWS, webcal), from its offline cache.

A calendar set up in Evolution or GNOME Online Accounts is kept by evolution-data-server in
$XDG_CACHE_HOME/evolution/calendar/<source uid>/cache.db, an SQLite ECalCache, so it works
offline; its name is in $XDG_CONFIG_HOME/evolution/sources/<source uid>.source. What is read,
as evolution-data-server's src/calendar/libedata-cal/e-cal-cache.c (and ECache under it) keeps it:

- `ECacheObjects`: one row per component; `ECacheUID` is the UID, or "UID\\nRECURRENCE-ID" for a
  moved or changed occurrence; `ECacheOBJ` the component as iCalendar text (a VEVENT, no
  VCALENDAR around it); `ECacheState` the offline state (3: deleted here, not yet on the server:
  gone for the user, so left out);
- `timezones`: (tzid, zone) the VTIMEZONEs the events use that libical does not know by name
  (Exchange's "W. Europe Standard Time"); built-in ones (Europe/Berlin, and Evolution's
  /freeassociation.sourceforge.net/ names) are not stored and icalendar resolves them.

The rows go back into one VCALENDAR and are expanded like any .ics (ics.py). The file is opened
read only, like Thunderbird's (thunderbird.py): `mode=ro`, or `immutable=1` when the running
evolution-source-registry's calendar factory holds a lock. Akonadi (KOrganizer) is not read: its
calendars live in a database server behind the Akonadi service, with no stable file to read
without it; talking CalDAV directly would need an account and a password in notifyzen.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import icalendar

from notifyzen.calendar.thunderbird import open_read_only

LOCALLY_DELETED = 3  # EOfflineState E_OFFLINE_STATE_LOCALLY_DELETED (libebackend/e-cache.h)


def read_cache(path: Path) -> icalendar.Calendar:
    """One cache.db as a VCALENDAR. Raises OSError when it cannot be read, ValueError for bad text."""
    if not path.is_file():
        raise OSError(f"{path}: no such file")
    try:
        with closing(open_read_only(path)) as db:
            zones = db.execute("SELECT zone FROM timezones").fetchall()
            rows = db.execute(
                "SELECT ECacheOBJ FROM ECacheObjects WHERE ECacheState IS NOT ? ORDER BY ECacheUID",
                (LOCALLY_DELETED,),
            ).fetchall()
    except sqlite3.Error as exc:
        raise OSError(f"{path}: {exc}") from None
    text = ["BEGIN:VCALENDAR", "PRODID:-//notifyzen//Evolution cache//EN", "VERSION:2.0"]
    text += [str(z).strip() for (z,) in zones if z]
    text += [str(o).strip() for (o,) in rows if o and str(o).lstrip().upper().startswith("BEGIN:VEVENT")]
    text.append("END:VCALENDAR")
    return icalendar.Calendar.from_ical("\r\n".join(text) + "\r\n")


class EvolutionCache:
    """One cache.db named in config.yaml (`path: ~/.cache/evolution/calendar/<uid>/cache.db`)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def stamp(self) -> tuple[object, ...]:
        out: list[object] = []
        for part in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                st = part.stat()
                out.append((str(part), st.st_mtime_ns, st.st_size))
            except OSError:
                out.append((str(part), -1))
        return tuple(out)

    def read(self) -> Iterator[tuple[str | None, icalendar.Calendar]]:
        yield None, read_cache(self.path)
