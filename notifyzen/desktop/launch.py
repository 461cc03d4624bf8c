"""Start an app from its desktop entry: "Open" on a notification whose daemon can no longer run
the app's own action (observe mode: the daemon ended it, or has no way to invoke an action).

What a launcher does (kioclient, gio launch), reduced to what "Open" needs: a D-Bus-activatable
app (`DBusActivatable=true`) gets `org.freedesktop.Application.Activate` on its well-known name,
so a running instance raises its window; anything else is started from `Exec`, without file
arguments, detached from notifyzen. The activation token goes along either way
(`desktop-startup-id`/`activation-token`, `DESKTOP_STARTUP_ID`/`XDG_ACTIVATION_TOKEN`), so the
window manager lets the app take focus: the user asked for it.
"""

from __future__ import annotations

import asyncio
import configparser
import logging
import os
import re
import shlex
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

log = logging.getLogger(__name__)

_FIELD_CODE = re.compile(r"%[fFuUdDnNickvm]")
_tasks: set[asyncio.Task[Any]] = set()


def data_dirs(env: Mapping[str, str] | None = None) -> list[Path]:
    env = os.environ if env is None else env
    home = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".local/share")
    rest = env.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    return [Path(home), *(Path(d) for d in rest.split(":") if d)]


def find_entry(desktop_entry: str, env: Mapping[str, str] | None = None) -> Path | None:
    """The .desktop file for an id like `org.gnome.Evolution` (the spec's `desktop-entry` hint)."""
    name = desktop_entry if desktop_entry.endswith(".desktop") else f"{desktop_entry}.desktop"
    if "/" in name:
        return None
    for base in data_dirs(env):
        path = base / "applications" / name
        if path.is_file():
            return path
    return None


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    try:
        parser.read(path, encoding="utf-8")
        return dict(parser["Desktop Entry"]) if parser.has_section("Desktop Entry") else {}
    except (configparser.Error, OSError, UnicodeDecodeError):
        return {}


def command(exec_line: str) -> list[str]:
    """Exec without its field codes (no file or URL goes along; %% is a literal %)."""
    try:
        words = shlex.split(exec_line)
    except ValueError:
        return []
    out = []
    for word in words:
        word = _FIELD_CODE.sub("", word).replace("%%", "%")
        if word:
            out.append(word)
    return out


def object_path(bus_name: str) -> str:
    return "/" + bus_name.replace(".", "/").replace("-", "_")


def activate(
    desktop_entry: str | None,
    token: str,
    *,
    bus: MessageBus | None = None,
    env: Mapping[str, str] | None = None,
) -> bool:
    """Start or raise the app `desktop_entry` names; False when there is no such entry."""
    if not desktop_entry:
        return False
    path = find_entry(desktop_entry, env)
    if path is None:
        log.info("no desktop entry %r: cannot start its app", desktop_entry)
        return False
    entry = read_entry(path)
    if entry.get("DBusActivatable", "").lower() == "true" and bus is not None:
        task = asyncio.ensure_future(_activate_on_bus(bus, path.name.removesuffix(".desktop"), token))
        _tasks.add(task)
        task.add_done_callback(_tasks.discard)
        return True
    argv = command(entry.get("Exec", ""))
    if not argv:
        return False
    child_env = dict(os.environ if env is None else env)
    child_env.update(DESKTOP_STARTUP_ID=token, XDG_ACTIVATION_TOKEN=token)
    try:
        subprocess.Popen(
            argv,
            env=child_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        log.warning("could not start %s: %s", argv[0], exc)
        return False
    return True


async def _activate_on_bus(bus: MessageBus, name: str, token: str) -> None:
    platform = {"desktop-startup-id": Variant("s", token), "activation-token": Variant("s", token)}
    message = Message(
        destination=name,
        path=object_path(name),
        interface="org.freedesktop.Application",
        member="Activate",
        signature="a{sv}",
        body=[platform],
    )
    try:
        reply = await asyncio.wait_for(bus.call(message), 10.0)
    except Exception as exc:
        log.warning("could not activate %s: %s", name, exc)
        return
    if reply is not None and reply.message_type is MessageType.ERROR:
        log.warning("activating %s failed: %s", name, reply.body)
