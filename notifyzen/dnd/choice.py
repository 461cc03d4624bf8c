"""Which driver fits this desktop: ask the bus who owns org.freedesktop.Notifications.

The process name (/proc/PID/comm of the owner's connection) is the sure sign; the name the daemon
gives in GetServerInformation is the fallback (a daemon in a container or a renamed binary).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

from notifyzen.dnd.base import DaemonInfo, DndDriver
from notifyzen.dnd.dunst import DunstDriver
from notifyzen.dnd.gnome import GnomeDriver
from notifyzen.dnd.mako import MakoDriver
from notifyzen.dnd.plasma import PlasmaDriver
from notifyzen.dnd.swaync import SwayncDriver
from notifyzen.dnd.undo import StatefulDriver

log = logging.getLogger(__name__)

NAME = "org.freedesktop.Notifications"
CALL_TIMEOUT = 5.0
BY_COMM = {
    "plasmashell": "plasma",
    "gnome-shell": "gnome",
    "dunst": "dunst",
    "mako": "mako",
    "swaync": "swaync",
}
BY_SERVER = {
    "plasma": "plasma",
    "gnome-shell": "gnome",
    "dunst": "dunst",
    "mako": "mako",
    "swaync": "swaync",
    "swaynotificationcenter": "swaync",
}
DRIVER_NAMES = ("plasma", "gnome", "dunst", "mako", "swaync")


async def _call(
    bus: MessageBus,
    dest: str,
    path: str,
    iface: str,
    member: str,
    signature: str = "",
    body: list[object] | None = None,
) -> list[object] | None:
    """None for an error or no answer within CALL_TIMEOUT (a hung daemon must not hang our start)."""
    message = Message(
        destination=dest, path=path, interface=iface, member=member, signature=signature, body=body or []
    )
    try:
        reply = await asyncio.wait_for(bus.call(message), CALL_TIMEOUT)
    except TimeoutError:
        log.warning("%s.%s did not answer within %s s", iface, member, CALL_TIMEOUT)
        return None
    if reply is None or reply.message_type is MessageType.ERROR:
        return None
    return list(reply.body)


async def identify(bus: MessageBus) -> DaemonInfo | None:
    """The daemon that owns the name now, or None if nobody does."""
    dbus = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")
    owner = await _call(bus, *dbus, "GetNameOwner", "s", [NAME])
    if not owner:
        return None
    unique = str(owner[0])
    pid_reply = await _call(bus, *dbus, "GetConnectionUnixProcessID", "s", [unique])
    pid = int(str(pid_reply[0])) if pid_reply else None
    comm = ""
    if pid is not None:
        try:
            comm = Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            comm = ""
    info = await _call(bus, NAME, "/org/freedesktop/Notifications", NAME, "GetServerInformation")
    server = [str(x) for x in info] if info and len(info) == 4 else ["", "", "", ""]
    return DaemonInfo(unique, pid, comm, server[0], server[1], server[2])


def driver_name(daemon: DaemonInfo) -> str | None:
    return BY_COMM.get(daemon.comm) or BY_SERVER.get(daemon.server.strip().lower())


def make_driver(
    name: str,
    daemon: DaemonInfo | None = None,
    *,
    bus_address: str | None = None,
    env: Mapping[str, str] | None = None,
) -> DndDriver:
    if name == "plasma":
        return PlasmaDriver(bus_address)
    return stateful_drivers(env)[name](daemon)


def stateful_drivers(env: Mapping[str, str] | None = None) -> dict[str, Callable[..., StatefulDriver]]:
    """Constructors for the drivers that keep a state file (what restore_leftovers needs)."""
    classes: dict[str, type[StatefulDriver]] = {
        "gnome": GnomeDriver,
        "dunst": DunstDriver,
        "mako": MakoDriver,
        "swaync": SwayncDriver,
    }
    return {name: (lambda daemon=None, c=cls: c(daemon, env)) for name, cls in classes.items()}


async def choose_driver(
    bus: MessageBus, *, bus_address: str | None = None, env: Mapping[str, str] | None = None
) -> DndDriver | None:
    """The driver for whoever owns the name now; None when nobody does or it is unknown."""
    daemon = await identify(bus)
    if daemon is None:
        return None
    name = driver_name(daemon)
    if name is None:
        log.info("no do-not-disturb driver for %s (%s); pop-ups will not be held", daemon.comm, daemon.server)
        return None
    return make_driver(name, daemon, bus_address=bus_address, env=env)
