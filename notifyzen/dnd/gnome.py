"""GNOME Shell: `gsettings set org.gnome.desktop.notifications show-banners false`.

That is the switch behind GNOME's own "Do Not Disturb". The key lives in dconf and outlives
every process, so it must be restored even after a reboot: the record does not follow a daemon.
GNOME still shows critical notifications as banners with it off. Switched back on, it shows none of
what arrived meanwhile (they wait in its message list), so nothing needs taking down at the end of
focus (docs/gnome-facts.md).
"""

from __future__ import annotations

from typing import ClassVar

from notifyzen.dnd.toggle import ToggleDriver

SCHEMA = "org.gnome.desktop.notifications"
KEY = "show-banners"


class GnomeDriver(ToggleDriver):
    name: ClassVar[str] = "gnome"
    QUIET: ClassVar[str] = "false"
    follows_daemon: ClassVar[bool] = False
    shows_kept_back: ClassVar[bool] = False
    # dconf announces every write of this key: the user switching banners back on is heard at once
    DCONF_KEY: ClassVar[str] = "/org/gnome/desktop/notifications/show-banners"

    def read(self) -> str:
        return self.run(["gsettings", "get", SCHEMA, KEY])

    def write(self, value: str) -> None:
        self.run(["gsettings", "set", SCHEMA, KEY, value])
