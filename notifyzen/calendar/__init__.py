"""The user's calendars, read from disk, as meetings for the core (issue 19: "Focus that knows your day").

One module per outside system, each a `Source`: `files` (an .ics file, a folder of them as
vdirsyncer and khal keep, Evolution's local calendars), `thunderbird` (its SQLite store, read
only), `evolution_cache` (Evolution's offline copies of network calendars, read only);
`identities` finds the user's own addresses in Thunderbird's and Evolution's settings. `ics`
turns their iCalendar data into plain `core.meetings.Event`s for a horizon, `feed` picks the
sources a config names, re-reads them when their files change and hands the Timeline a
`CalendarFocus`; `live` is the running app's adapter. The core never sees a file.

May import: notifyzen.core, notifyzen.desktop
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # icalendar loads with the calendars, not with notifyzen (see live.py)
    import icalendar


class Source(Protocol):
    """A calendar on disk that notifyzen reads without the app that writes it."""

    def stamp(self) -> tuple[object, ...]:
        """Something cheap (paths, mtimes, sizes) that changes when the calendar does."""
        ...

    def read(self) -> Iterable[tuple[str | None, icalendar.Calendar]]:
        """Its calendars, each with its own name where the app keeps one (None: the setting's).
        Raises OSError or ValueError when it cannot be read."""
        ...
