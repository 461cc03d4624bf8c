"""Start notifyzen at login, following the freedesktop Desktop Application Autostart spec.

Enabling writes $XDG_CONFIG_HOME/autostart/io.github.notifyzen.Notifyzen.desktop from the template
shipped in resources/autostart. Its Exec line is made absolute at that moment (the `notifyzen`
script next to the running Python, or that Python with `-m notifyzen`), because a pipx or venv
install is often not on the PATH a login session starts with. Inside Flatpak it is
`flatpak run <app id>`, written to the host's ~/.config/autostart (the manifest grants
xdg-config/autostart:create for exactly this).

If a distribution installed a system-wide entry (in $XDG_CONFIG_DIRS/autostart), disabling cannot
delete it; the spec's way is a user entry with Hidden=true, which is what disable() writes then.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from notifyzen import APP_ID
from notifyzen.desktop.i18n import translate
from notifyzen.desktop.paths import resources_dir

FILE_NAME = f"{APP_ID}.desktop"


def label() -> str:
    """The tray menu's toggle text."""
    return translate("Autostart", "Start notifyzen at login")


def _in_flatpak() -> bool:
    return os.environ.get("FLATPAK_ID") == APP_ID or Path("/.flatpak-info").exists()


def user_dir() -> Path:
    if _in_flatpak():
        host = os.environ.get("HOST_XDG_CONFIG_HOME")
        return Path(host if host else Path.home() / ".config") / "autostart"
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart"


def entry_path() -> Path:
    return user_dir() / FILE_NAME


def system_entries() -> list[Path]:
    dirs = os.environ.get("XDG_CONFIG_DIRS") or "/etc/xdg"
    return [p for d in dirs.split(":") if d and (p := Path(d) / "autostart" / FILE_NAME).is_file()]


def template() -> str:
    return (resources_dir() / "autostart" / FILE_NAME).read_text(encoding="utf-8")


def _quote(arg: str) -> str:
    """Quoting as the Desktop Entry spec wants it for one Exec argument."""
    if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'.replace("%", "%%")


def launch_command() -> list[str]:
    if _in_flatpak():
        return ["flatpak", "run", APP_ID]
    # The script that belongs to this interpreter (a pipx or venv bin/), not whatever PATH finds.
    script = Path(sys.executable).parent / "notifyzen"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "notifyzen"]


def _keys(path: Path) -> dict[str, str]:
    keys: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep and not line.startswith("#"):
            keys.setdefault(key.strip(), value.strip())
    return keys


def _enabled_in(path: Path) -> bool:
    keys = _keys(path)
    return keys.get("Hidden", "false") != "true" and keys.get("X-GNOME-Autostart-enabled", "true") != "false"


def is_enabled() -> bool:
    """What the session will do at the next login (a user entry overrides a system-wide one)."""
    user = entry_path()
    if user.is_file():
        return _enabled_in(user)
    return any(_enabled_in(p) for p in system_entries())


def with_this_command(entry: str) -> str:
    """The desktop entry `entry` with its Exec (and TryExec) naming the notifyzen that runs now:
    a pipx or venv install is often not on the PATH a login session or a menu starts with."""
    command = launch_command()
    exec_line = " ".join(_quote(a) for a in command)
    lines: list[str] = []
    for line in entry.splitlines():
        if line.startswith("Exec="):
            # TryExec: once notifyzen is uninstalled (pipx uninstall leaves this file behind), the
            # session skips the entry instead of failing to start a program that is gone.
            lines += [f"Exec={exec_line}", f"TryExec={command[0]}"]
        elif not line.startswith("TryExec="):
            lines.append(line)
    return "\n".join(lines) + "\n"


def enable() -> Path:
    path = entry_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(with_this_command(template()), encoding="utf-8")
    tmp.replace(path)
    return path


def disable() -> None:
    path = entry_path()
    if system_entries():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            "[Desktop Entry]\nType=Application\nName=notifyzen\nExec=notifyzen\nHidden=true\n",
            encoding="utf-8",
        )
    else:
        path.unlink(missing_ok=True)
