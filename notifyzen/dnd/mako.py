"""mako: add the mode `do-not-disturb` (`makoctl mode -a`), remove it again (`-r`).

mako's modes are a set the user may be using for other things, so notifyzen adds and removes its
one mode instead of setting the list. What the mode does is the user's mako config (the usual
snippet is `[mode=do-not-disturb] invisible=1`); mako has no built-in DND to fall back on.

Measured with mako 1.7.1 (tests/dnd/test_mako_notifyzen.py): `invisible=1` hides, it does not
remove. A hidden notification stays in mako (its default timeout is none at all) and removing the
mode shows every one at once; critical ones are hidden too. So nothing gets through the mode, and
a break-through is shown by lifting it (StatefulDriver.lift_now) while what mako still hides has been closed
there first (the session does that), then putting it back (`drop_now`).
"""

from __future__ import annotations

from typing import ClassVar

from notifyzen.core.model import Urgency
from notifyzen.dnd.undo import Record, StatefulDriver

MODE = "do-not-disturb"


class MakoDriver(StatefulDriver):
    name: ClassVar[str] = "mako"
    # The usual mode hides critical ones too: a break-through is the app's own notification, shown
    # by mako with the mode lifted meanwhile (notifyzen.dnd.session.ObserveSession._lift).
    breakthrough_urgency: ClassVar[Urgency | None] = None
    lifts_for_breakthrough: ClassVar[bool] = True

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
