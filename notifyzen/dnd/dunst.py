"""dunst: `dunstctl set-paused true`.

A paused dunst 1.9 keeps every notification in a queue and shows them all when unpaused, so a
crash of notifyzen loses nothing: the restore unpauses and the queue appears. The flip side is
that nothing breaks through while paused, notifyzen's own redeliveries included (dunst 1.10's
pause levels could let them through; 1.9 has none).
"""

from __future__ import annotations

from typing import ClassVar

from notifyzen.core.model import Urgency
from notifyzen.dnd.toggle import ToggleDriver


class DunstDriver(ToggleDriver):
    name: ClassVar[str] = "dunst"
    QUIET: ClassVar[str] = "true"
    breakthrough_urgency: ClassVar[Urgency | None] = None

    def read(self) -> str:
        return self.run(["dunstctl", "is-paused"])

    def write(self, value: str) -> None:
        self.run(["dunstctl", "set-paused", value])
