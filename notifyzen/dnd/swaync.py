"""SwayNotificationCenter: `swaync-client --dnd-on` (critical notifications still show)."""

from __future__ import annotations

from typing import ClassVar

from notifyzen.dnd.toggle import ToggleDriver


class SwayncDriver(ToggleDriver):
    name: ClassVar[str] = "swaync"
    QUIET: ClassVar[str] = "true"

    def read(self) -> str:
        return self.run(["swaync-client", "--get-dnd", "--skip-wait"])

    def write(self, value: str) -> None:
        self.run(["swaync-client", "--dnd-on" if value == "true" else "--dnd-off", "--skip-wait"])
