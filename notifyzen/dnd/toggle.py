"""Drivers for desktops whose DND is one value read and written by a CLI (dunst, GNOME, swaync)."""

from __future__ import annotations

from abc import abstractmethod
from typing import ClassVar

from notifyzen.dnd.undo import Record, StatefulDriver


class ToggleDriver(StatefulDriver):
    """Record {"before": value, "set": QUIET}; undo writes "before" back if "set" still holds."""

    QUIET: ClassVar[str]

    @abstractmethod
    def read(self) -> str: ...

    @abstractmethod
    def write(self, value: str) -> None: ...

    def plan(self) -> Record | None:
        before = self.read()
        return None if before == self.QUIET else {"before": before, "set": self.QUIET}

    def silence(self, record: Record) -> None:
        self.write(str(record["set"]))

    def still_ours(self, record: Record) -> bool:
        return self.read() == record.get("set")

    def unsilence(self, record: Record) -> None:
        self.write(str(record["before"]))
