"""Evolution's files for a network calendar and a mail identity, written by evolution-data-server.

Run with a Python that has PyGObject and evolution-data-server's introspection data (Debian:
python3-gi gir1.2-edatacal-2.0 gir1.2-edataserver-1.2), e.g. the system one:

    /usr/bin/python3 tests/calendar/evolution_writer.py OUT_DIR

It writes, as Evolution would for a CalDAV calendar "Team" it caches offline:

- OUT_DIR/config/evolution/sources/<identity>.source: an ESource with a [Mail Identity] (the
  user's address and an alias), and <calendar>.source: a CalDAV calendar named "Team";
- OUT_DIR/cache/evolution/calendar/<calendar>/cache.db: the ECalCache the CalDAV backend keeps,
  made with e_cal_cache_new() and filled with e_cal_cache_put_component() and put_timezone(),
  the calls ECalMetaBackend makes when it syncs (evolution-data-server 3.46 here).

The events (Europe/Berlin): a weekly "Team sync" on Mondays 10:00-10:45 from 2026-10-19 with a
moved occurrence (2026-10-26 to 11:00) and a cancelled one (2026-11-02), a "Quarterly planning"
the user declined (under an alias), a "Coffee chat" marked free, and a "Steering committee"
in Exchange's "W. Europe Standard Time" on Friday 2026-10-30 09:00-10:00.
tests/calendar/data/evolution-network/ is the output of this script, committed;
tests/calendar/test_calendar_identities.py runs it again whenever the libraries are there, so
the committed copy cannot drift from what EDS writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import gi

gi.require_version("EDataCal", "2.0")
gi.require_version("ECal", "2.0")
gi.require_version("EBackend", "1.2")
gi.require_version("EDataServer", "1.2")
gi.require_version("ICalGLib", "3.0")
from gi.repository import EBackend, ECal, EDataCal, EDataServer, ICalGLib  # noqa: E402

CALENDAR_UID = "0c5e1a9b8f7d6e5c4b3a29180716f5e4d3c2b1a0"
IDENTITY_UID = "1733580000.4711.2@workstation"
ACCOUNT_UID = "1733580000.4711.1@workstation"

BERLIN = """BEGIN:VTIMEZONE
TZID:/freeassociation.sourceforge.net/Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZNAME:CEST
DTSTART:19700329T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZNAME:CET
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""
TZ = "TZID=/freeassociation.sourceforge.net/Europe/Berlin"
# An Exchange (EWS) calendar names zones the Windows way; libical has no such zone built in, so
# ECalCache keeps its VTIMEZONE in the `timezones` table (it stores none for built-in zones).
WINDOWS = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""

EVENTS = [
    f"""BEGIN:VEVENT
UID:team-sync-5512@caldav.example.org
DTSTAMP:20261001T080000Z
SUMMARY:Team sync
DTSTART;{TZ}:20261019T100000
DTEND;{TZ}:20261019T104500
RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6
EXDATE;{TZ}:20261102T100000
ORGANIZER;CN=Helga:mailto:helga@example.org
ATTENDEE;CN=Anke;PARTSTAT=ACCEPTED:mailto:anke@example.org
END:VEVENT""",
    f"""BEGIN:VEVENT
UID:team-sync-5512@caldav.example.org
RECURRENCE-ID;{TZ}:20261026T100000
DTSTAMP:20261020T080000Z
SUMMARY:Team sync (moved)
DTSTART;{TZ}:20261026T110000
DTEND;{TZ}:20261026T114500
END:VEVENT""",
    f"""BEGIN:VEVENT
UID:planning-q4@caldav.example.org
DTSTAMP:20261001T080000Z
SUMMARY:Quarterly planning
DTSTART;{TZ}:20261028T140000
DTEND;{TZ}:20261028T160000
ORGANIZER;CN=Helga:mailto:helga@example.org
ATTENDEE;CN=Anke;PARTSTAT=DECLINED:mailto:Anke.DeVries@example.org
END:VEVENT""",
    f"""BEGIN:VEVENT
UID:coffee-chat@caldav.example.org
DTSTAMP:20261001T080000Z
SUMMARY:Coffee chat
DTSTART;{TZ}:20261029T150000
DTEND;{TZ}:20261029T153000
TRANSP:TRANSPARENT
END:VEVENT""",
    """BEGIN:VEVENT
UID:040000008200E00074C5B7101A82E00800000000
DTSTAMP:20261001T080000Z
SUMMARY:Steering committee
DTSTART;TZID=W. Europe Standard Time:20261030T090000
DTEND;TZID=W. Europe Standard Time:20261030T100000
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
END:VEVENT""",
]


def sources(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    identity = EDataServer.Source.new_with_uid(IDENTITY_UID, None)
    identity.set_display_name("anke@example.org")
    identity.set_parent(ACCOUNT_UID)
    mail = identity.get_extension(EDataServer.SOURCE_EXTENSION_MAIL_IDENTITY)
    mail.set_address("anke@example.org")
    mail.set_name("Anke de Vries")
    mail.set_aliases("Anke <anke.devries@example.org>")
    (folder / f"{IDENTITY_UID}.source").write_text(identity.to_string()[0])

    calendar = EDataServer.Source.new_with_uid(CALENDAR_UID, None)
    calendar.set_display_name("Team")
    calendar.set_parent("caldav-stub")
    backend = calendar.get_extension(EDataServer.SOURCE_EXTENSION_CALENDAR)
    backend.set_backend_name("caldav")
    calendar.get_extension(EDataServer.SOURCE_EXTENSION_OFFLINE).set_stay_synchronized(True)
    webdav = calendar.get_extension(EDataServer.SOURCE_EXTENSION_WEBDAV_BACKEND)
    webdav.set_display_name("Team")
    (folder / f"{CALENDAR_UID}.source").write_text(calendar.to_string()[0])


def cache(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    cal = EDataCal.CalCache.new(str(path), None)
    for text in (BERLIN, WINDOWS):  # as ECalMetaBackend does for the zones a component uses
        zone = ICalGLib.Timezone.new()
        zone.set_component(ICalGLib.Component.new_from_string(text))
        cal.put_timezone(zone, 1, None)
    for text in EVENTS:
        component = ECal.Component.new_from_string(text)
        cal.put_component(component, None, 0, EBackend.CacheOfflineFlag.IS_ONLINE, None)


def main(out: Path) -> None:
    sources(out / "config" / "evolution" / "sources")
    cache(out / "cache" / "evolution" / "calendar" / CALENDAR_UID / "cache.db")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
