"""Hot reload: a saved rule file or config.yaml is in force within a second, without a restart.

QFileSystemWatcher (inotify on Linux) rather than polling mtimes on the bus thread: it costs no
wake-ups while nothing changes (the app idles at zero wake-ups a minute, bench/bench_startup.py).
It watches the directories as well as the files, because editors save by writing a new file and
renaming it over the old one, which ends a watch on the file itself; every change re-adds the
paths. A directory that does not exist yet (no ~/.config/notifyzen/rules) is watched through its
nearest existing parent, so creating it is noticed too.

Saves come in bursts (write, rename, chmod), so a change waits DEBOUNCE_MS of quiet before the
reload is posted to the bus thread (`Service.reload_rules`), where the rule set lives. What a
broken file does is the Service's business: keep the last good rules and report the errors.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from notifyzen.core.safefile import Unreadable, list_rule_files

DEBOUNCE_MS = 150


def watched_paths(dirs: Iterable[Path]) -> list[str]:
    """The directories (or their nearest existing parent) and the rule files in them. A directory
    that cannot be listed is still watched (a chmod that fixes it is noticed); the loader says what
    is wrong with it. An exception here would end the watching without a word."""
    out: list[str] = []
    for directory in dirs:
        existing = directory
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        out.append(str(existing))
        if existing == directory:
            with contextlib.suppress(Unreadable):
                out += [str(p) for p in list_rule_files(directory)]
    return sorted(set(out))


class RuleWatcher(QObject):
    """Calls `reload()` (in the GUI thread) once a burst of changes under `dirs` has settled."""

    def __init__(self, dirs: Iterable[Path], reload: Callable[[], None], parent: QObject | None = None):
        super().__init__(parent)
        self.dirs = list(dirs)
        self._reload = reload
        self.watcher = QFileSystemWatcher(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._settled)
        self.watcher.directoryChanged.connect(self._changed)
        self.watcher.fileChanged.connect(self._changed)
        self._rewatch()

    def _rewatch(self) -> None:
        wanted = set(watched_paths(self.dirs))
        current = set(self.watcher.files()) | set(self.watcher.directories())
        if current - wanted:
            self.watcher.removePaths(sorted(current - wanted))
        if wanted - current:
            self.watcher.addPaths(sorted(wanted - current))

    def _changed(self, _path: str) -> None:
        self.timer.start()  # restart: wait for the save to settle

    def _settled(self) -> None:
        self._rewatch()
        self._reload()
