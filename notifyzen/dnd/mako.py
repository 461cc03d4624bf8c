"""mako: add the mode `do-not-disturb` (`makoctl mode -a`), remove it again (`-r`).

mako's modes are a set the user may be using for other things, so notifyzen adds and removes its
one mode instead of setting the list. What the mode does is the user's mako config (the usual
snippet is `[mode=do-not-disturb] invisible=1`); mako has no built-in DND to fall back on.
"""

from __future__ import annotations

from typing import ClassVar

from notifyzen.core.model import Urgency
from notifyzen.dnd.undo import Record, StatefulDriver

MODE = "do-not-disturb"


class MakoDriver(StatefulDriver):
    name: ClassVar[str] = "mako"
    breakthrough_urgency: ClassVar[Urgency | None] = None  # depends on the user's mode section

    def modes(self) -> list[str]:
        return [line for line in self.run(["makoctl", "mode"]).splitlines() if line]

    def plan(self) -> Record | None:
        return None if MODE in self.modes() else {"added": MODE}

    def silence(self, record: Record) -> None:
        self.run(["makoctl", "mode", "-a", str(record["added"])])

    def still_ours(self, record: Record) -> bool:
        return record.get("added") in self.modes()

    def unsilence(self, record: Record) -> None:
        self.run(["makoctl", "mode", "-r", str(record["added"])])
