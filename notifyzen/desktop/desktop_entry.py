"""A menu entry and icon for notifyzen where the desktop looks, when no package installed them.

Why: Plasma's Do-not-disturb applet names an app that holds an inhibition by the Name of the
desktop entry whose id the app gave (notifyzen inhibits as io.github.notifyzen.Notifyzen), and
GNOME Shell matches an app's windows and notifications to its desktop entry the same way. pip and
pipx install no desktop files, so after such an install the applet showed the raw id. A
distribution package or the Flatpak installs both files itself (inside Flatpak /app/share is in
XDG_DATA_DIRS), and then this writes nothing.

At every start, `ensure()` looks for `io.github.notifyzen.Notifyzen.desktop` in
$XDG_DATA_HOME/applications and each $XDG_DATA_DIRS/applications, and for the icon in every icon
theme base directory (hicolor, any size, and pixmaps). What is missing is written under
$XDG_DATA_HOME: the entry from resources/applications with Exec naming the notifyzen that runs now
(as the autostart entry does), the icon from resources/icons. A file that exists is never
overwritten, so a user's edit or a package's file wins; once the files are there a start costs two
stat calls. A failure (a read-only home) is logged and the app runs on: the entry only names the
app, nothing depends on it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from notifyzen import APP_ID
from notifyzen.desktop.autostart import with_this_command
from notifyzen.desktop.paths import resources_dir

log = logging.getLogger(__name__)

FILE_NAME = f"{APP_ID}.desktop"
ICON_NAME = f"{APP_ID}.svg"
# What the icon theme spec lets a theme directory hold, in the order a lookup prefers them.
ICON_SUFFIXES = (".png", ".svg", ".svgz", ".xpm")

HEADER = (
    "# Written by notifyzen at its start because no package installed it: the desktop names\n"
    "# notifyzen by this entry. notifyzen never changes it again; to keep it out of the menus, add\n"
    "# NoDisplay=true below (deleted, it is written again at notifyzen's next start).\n"
)


def _absolute(value: str | None) -> Path | None:
    # The base directory spec: a relative path in these variables is invalid and to be ignored.
    return Path(value) if value and os.path.isabs(value) else None


def data_home() -> Path:
    return _absolute(os.environ.get("XDG_DATA_HOME")) or Path.home() / ".local" / "share"


def data_dirs() -> list[Path]:
    dirs = [_absolute(d) for d in (os.environ.get("XDG_DATA_DIRS") or "").split(":")]
    found = [d for d in dirs if d is not None]
    return found or [Path("/usr/local/share"), Path("/usr/share")]


def entry_path() -> Path:
    """Where notifyzen writes its entry: the user's own applications directory."""
    return data_home() / "applications" / FILE_NAME


def icon_path() -> Path:
    return data_home() / "icons" / "hicolor" / "scalable" / "apps" / ICON_NAME


def has_entry() -> bool:
    """An entry with notifyzen's id anywhere a menu or Plasma looks (the user's first: the common case)."""
    return any(os.path.lexists(d / "applications" / FILE_NAME) for d in [data_home(), *data_dirs()])


def has_icon() -> bool:
    """The icon in any icon theme base directory: hicolor at any size, or pixmaps."""
    if os.path.lexists(icon_path()):
        return True
    bases = [data_home() / "icons", Path.home() / ".icons", *(d / "icons" for d in data_dirs())]
    for base in bases:
        try:
            sizes = list(os.scandir(base / "hicolor"))
        except OSError:
            continue
        for size in sizes:
            apps = os.path.join(size.path, "apps", APP_ID)
            if any(os.path.lexists(apps + suffix) for suffix in ICON_SUFFIXES):
                return True
    pixmaps = [d / "pixmaps" / APP_ID for d in data_dirs()]
    return any(os.path.lexists(f"{p}{suffix}") for p in pixmaps for suffix in ICON_SUFFIXES)


def _create(path: Path, data: bytes) -> bool:
    """Write `path` whole and only if nothing is there: nobody ever sees half a file, and one that
    appeared meanwhile (a package being installed) is kept. False when it was there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    finally:
        tmp.unlink(missing_ok=True)
    return True


def shipped_icon() -> Path:
    return resources_dir() / "icons" / "hicolor" / "scalable" / "apps" / ICON_NAME


def entry_text() -> str:
    template = (resources_dir() / "applications" / FILE_NAME).read_text(encoding="utf-8")
    return HEADER + with_this_command(template)


def ensure() -> list[Path]:
    """Write the entry and the icon that are missing; return what was written. Never raises."""
    written: list[Path] = []
    try:
        # The icon first: a menu that picks up the new entry finds its icon already there.
        if not has_icon() and _create(icon_path(), shipped_icon().read_bytes()):
            written.append(icon_path())
        if not has_entry() and _create(entry_path(), entry_text().encode("utf-8")):
            written.append(entry_path())
    except Exception as exc:  # a read-only or full home: the app runs on without a menu entry
        log.warning("could not write notifyzen's menu entry or icon: %s", exc)
    for path in written:
        log.info("wrote %s, so the desktop can name and show notifyzen", path)
    return written
