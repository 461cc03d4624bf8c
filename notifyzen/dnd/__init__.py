"""Do not disturb, the desktop's own: silence another daemon's pop-ups while notifyzen holds
notifications back, and always undo it.

One driver per desktop (qutebrowser's notification adapters were the model: one small abstract
class, candidates tried in a fixed order):

- plasma: Inhibit/UnInhibit on org.freedesktop.Notifications; dies with our connection;
- gnome:  gsettings org.gnome.desktop.notifications show-banners false;
- dunst:  dunstctl set-paused true;
- mako:   makoctl mode -a do-not-disturb (one mode added, the user's other modes left alone);
- swaync: swaync-client --dnd-on.

`choose_driver` picks by who owns the name. The gsettings/CLI drivers write what to undo to a
state file before changing anything (notifyzen.dnd.undo), undo it on release, at interpreter
exit, on SIGTERM/SIGINT/SIGHUP where `release_on_exit` is installed, and `restore_leftovers`
undoes it on the next start after a SIGKILL. `python -m notifyzen.dnd restore` does only that.

May import: notifyzen.bus, notifyzen.context, notifyzen.core, notifyzen.desktop
"""

from __future__ import annotations

from collections.abc import Mapping

from notifyzen.dnd.base import DaemonInfo, DndDriver
from notifyzen.dnd.choice import DRIVER_NAMES, choose_driver, identify, make_driver, stateful_drivers
from notifyzen.dnd.undo import release_on_exit


def restore_leftovers(env: Mapping[str, str] | None = None) -> list[str]:
    """Undo what an earlier notifyzen left silenced (safe to call at every start)."""
    from notifyzen.dnd import undo

    return undo.restore_leftovers(stateful_drivers(env))


__all__ = [
    "DRIVER_NAMES",
    "DaemonInfo",
    "DndDriver",
    "choose_driver",
    "identify",
    "make_driver",
    "release_on_exit",
    "restore_leftovers",
]
