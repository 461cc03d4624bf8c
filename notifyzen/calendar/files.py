"""iCalendar files on disk: one .ics file, a folder of them, and Evolution's local calendars.

- a file: any .ics (an export, a subscription a script downloads);
- a folder: a vdir as vdirsyncer and khal keep it (one .ics per event), or a folder of such
  collections; read two levels deep;
- `evolution`: Evolution keeps each local calendar as one file,
  $XDG_DATA_HOME/evolution/calendar/<source>/calendar.ics ("system" is "Personal"), written whole
  on every change, so it can be read while Evolution runs or not; and each network calendar
  (CalDAV, Google, Exchange) as its offline cache, $XDG_CACHE_HOME/evolution/calendar/<source>/
  cache.db (evolution_cache.py). Its display name is in
  $XDG_CONFIG_HOME/evolution/sources/<source>.source (DisplayName=); a calendar switched off
  there (Enabled=false) or unticked in the calendar list (Selected=false) is left out.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Iterator
from pathlib import Path

import icalendar

from notifyzen.calendar import evolution_cache, ics

MAX_FILE = 64 * 1024 * 1024  # a calendar bigger than this is not read (a wrong path, not a calendar)


def _home(variable: str, default: str) -> Path:
    return Path(os.environ.get(variable) or Path.home() / default)


def evolution_dir() -> Path:
    return _home("XDG_DATA_HOME", ".local/share") / "evolution" / "calendar"


class IcsFiles:
    """An .ics file or a folder of them."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def files(self) -> list[Path]:
        if self.path.is_dir():
            return sorted(p for p in (*self.path.glob("*.ics"), *self.path.glob("*/*.ics")) if p.is_file())
        return [self.path]

    def stamp(self) -> tuple[object, ...]:
        return tuple(_stat(p) for p in [self.path, *self.files()])

    def read(self) -> Iterator[tuple[str | None, icalendar.Calendar]]:
        if not self.path.exists():
            raise OSError(f"{self.path}: no such file or folder")
        for path in self.files():
            for calendar in ics.parse(_bytes(path)):
                yield None, calendar


class Evolution:
    """Every Evolution calendar, local and cached network ones, each under its own display name."""

    def __init__(
        self, root: Path | None = None, sources: Path | None = None, cache: Path | None = None
    ) -> None:
        self.root = root or evolution_dir()
        self.sources = sources or _home("XDG_CONFIG_HOME", ".config") / "evolution" / "sources"
        self.cache = cache or _home("XDG_CACHE_HOME", ".cache") / "evolution" / "calendar"

    def files(self) -> list[Path]:
        return sorted(self.root.glob("*/calendar.ics"))

    def caches(self) -> list[Path]:
        return sorted(self.cache.glob("*/cache.db"))

    def stamp(self) -> tuple[object, ...]:
        caches = [p for c in self.caches() for p in (c, c.with_name(c.name + "-wal"))]
        return tuple(_stat(p) for p in [self.root, self.cache, *self.files(), *caches])

    def read(self) -> Iterator[tuple[str | None, icalendar.Calendar]]:
        files, caches = self.files(), self.caches()
        if not files and not caches:
            raise OSError(f"no Evolution calendars in {self.root} or {self.cache}")
        for path in files:
            enabled, name = self._source(path.parent.name)
            if enabled:
                for calendar in ics.parse(_bytes(path)):
                    yield name, calendar
        for path in caches:
            enabled, name = self._source(path.parent.name)
            if enabled:
                yield name, evolution_cache.read_cache(path)

    def _source(self, folder: str) -> tuple[bool, str | None]:
        """Whether the calendar is switched on, and its display name, from its .source file."""
        uid = "system-calendar" if folder == "system" else folder
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read(self.sources / f"{uid}.source", encoding="utf-8")
        except (OSError, configparser.Error, UnicodeDecodeError):
            return True, None
        enabled = parser.get("Data Source", "Enabled", fallback="true").strip().lower() != "false"
        # unticked in Evolution's or GNOME Calendar's list: a colleague's or a holiday calendar
        # kept for looking up now and then, whose events are not the user's meetings
        selected = parser.get("Calendar", "Selected", fallback="true").strip().lower() != "false"
        return enabled and selected, parser.get("Data Source", "DisplayName", fallback=None) or None


def _bytes(path: Path) -> bytes:
    if path.stat().st_size > MAX_FILE:
        raise ValueError(f"{path}: larger than {MAX_FILE // 2**20} MiB, not read")
    return path.read_bytes()


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), st.st_mtime_ns, st.st_size)
