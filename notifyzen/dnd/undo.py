"""Undo that survives a crash: the state file, drivers built on it, and the exit hooks.

The order is what makes it safe:
1. read the desktop's current setting; if it is already quiet, change nothing and record nothing;
2. write {what it was, what we set, who we are, which daemon} to
   $XDG_STATE_HOME/notifyzen/dnd-<driver>.json and fsync it;
3. only then change the setting.
A crash between 2 and 3 leaves a record whose "set" value is not in effect, so the restore sees
that and does nothing. On restore (normal exit, SIGTERM/SIGINT/SIGHUP; after a SIGKILL or a crash
the guard below, else the next start) the setting is put back only if it still holds the value
notifyzen set: a user who changed it in the meantime is not overruled.

The guard: a `sh` waiting on a pipe that only notifyzen holds open. When notifyzen dies however
it dies, the kernel closes the pipe, the guard wakes and runs `python -m notifyzen.dnd restore`,
so the desktop's pop-ups come back at once instead of at the next start. It costs one idle `sh`
and `cat` (a few hundred KiB) and no wake-ups; it has a session of its own, so a Ctrl-C or a
signal to notifyzen's process group does not take it along. A record that names a daemon process that
has since gone (dunst restarted, a new login) is dropped: that daemon's setting died with it.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from abc import abstractmethod
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, ClassVar

from notifyzen.desktop import paths
from notifyzen.dnd.base import DaemonInfo, DndDriver

log = logging.getLogger(__name__)

EXIT_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
Record = dict[str, Any]


class UndoFailed(Exception):
    """The desktop could not be asked to undo; the record is kept for the next start."""


def state_file(driver: str) -> Path:
    return paths.state_dir() / f"dnd-{driver}.json"


def save(driver: str, record: Record) -> None:
    """Atomically and durably: the record must be on disk before the desktop changes."""
    target = state_file(driver)
    tmp = target.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(record, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def load(path: Path) -> Record | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def forget(driver: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        state_file(driver).unlink()


def _comm(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return None


def _is_live_notifyzen(pid: int) -> bool:
    """Another notifyzen still runs and holds this record (a zombie has an empty cmdline)."""
    if pid == os.getpid():
        return False
    try:
        return b"notifyzen" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def daemon_gone(record: Record) -> bool:
    """The daemon process the record was made against no longer runs."""
    daemon = record.get("daemon") or {}
    pid, comm = daemon.get("pid"), daemon.get("comm")
    if not isinstance(pid, int) or not comm:
        return False  # unknown: assume it is still there and let the value check decide
    return _comm(pid) != comm


class StatefulDriver(DndDriver):
    """A driver that changes a setting outliving notifyzen, through the desktop's own CLI.

    Subclasses say how to look (`plan`), change (`silence`), check (`still_ours`) and undo
    (`unsilence`); this class does the ordering, the record and the locking.
    `follows_daemon`: the setting lives in the daemon process (dunst, mako, swaync), so a record
    naming a process that is gone has nothing left to undo.
    """

    follows_daemon: ClassVar[bool] = True

    def __init__(self, daemon: DaemonInfo | None = None, env: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.daemon = daemon
        self.env = dict(env) if env is not None else None
        self._record: Record | None = None
        self._lock = threading.RLock()  # a signal may arrive while this thread engages

    # -- what a subclass provides (all synchronous, all may raise UndoFailed) ----------------
    @abstractmethod
    def plan(self) -> Record | None:
        """What to record before silencing, or None when the desktop is already quiet."""

    @abstractmethod
    def silence(self, record: Record) -> None: ...

    @abstractmethod
    def still_ours(self, record: Record) -> bool:
        """The setting still holds what notifyzen set (else the user changed it: leave it)."""

    @abstractmethod
    def unsilence(self, record: Record) -> None: ...

    # -- helpers for subclasses -------------------------------------------------------------
    def run(self, argv: Sequence[str]) -> str:
        try:
            out = subprocess.run(
                list(argv), env=self.env, capture_output=True, text=True, timeout=10, check=True
            )
        except (OSError, subprocess.SubprocessError) as exc:
            detail = getattr(exc, "stderr", "") or exc
            raise UndoFailed(f"{argv[0]} failed: {str(detail).strip()}") from exc
        return out.stdout.strip()

    # -- the protocol -----------------------------------------------------------------------
    async def engage(self) -> None:
        await asyncio.to_thread(self.engage_now)

    async def release(self) -> None:
        await asyncio.to_thread(self.release_now)

    def engage_now(self) -> None:
        with self._lock:
            if self.engaged:
                return
            planned = self.plan()
            if planned is not None:
                record: Record = {"driver": self.name, "pid": os.getpid(), **planned}
                if self.daemon is not None and self.follows_daemon:
                    record["daemon"] = {"pid": self.daemon.pid, "comm": self.daemon.comm}
                save(self.name, record)
                try:
                    self.silence(record)
                except BaseException:
                    forget(self.name)
                    raise
                self._record = record
                atexit.register(self.release_now)  # a normal exit that skipped release()
                start_guard(self.env)
            self.engaged = True  # already quiet counts: the user's own DND, which we leave alone

    def ours_in_place(self) -> bool:
        """notifyzen's setting is on, as it set it: False when it is the user's own (nothing to
        lift: theirs), or when the user took it off meanwhile (the daemon shows everything)."""
        with self._lock:
            return self.engaged and self._record is not None and self.still_ours(self._record)

    def lift_now(self) -> None:
        """Take notifyzen's setting off for a moment, so the daemon shows what it holds (a
        break-through, where `lifts_for_breakthrough`). The record stays: a crash meanwhile finds
        the setting off and leaves it so."""
        with self._lock:
            if self.engaged and self._record is not None:
                self.unsilence(self._record)

    def drop_now(self) -> None:
        """Put the setting back after `lift_now`, unless notifyzen let go of it meanwhile."""
        with self._lock:
            if self.engaged and self._record is not None:
                self.silence(self._record)

    def revoked(self) -> None:
        """The user set the desktop's switch back themselves while notifyzen had it: it is theirs
        now, so there is nothing to undo, at release or after a crash (the record goes)."""
        with self._lock:
            if self._record is not None:
                forget(self.name)
                atexit.unregister(self.release_now)
                self._record = None
            self.engaged = False

    def release_now(self) -> None:
        with self._lock:
            if not self.engaged:
                return
            if self._record is not None:
                self.undo(self._record)
                self._record = None
                atexit.unregister(self.release_now)
            self.engaged = False

    def undo(self, record: Record) -> None:
        """Restore from `record` if it is still notifyzen's change; drop the record either way
        unless the desktop could not be reached."""
        if self.follows_daemon and daemon_gone(record):
            log.info("%s: the daemon that was silenced is gone; nothing to restore", self.name)
        elif self.still_ours(record):
            self.unsilence(record)
        else:
            log.info("%s: the setting was changed since notifyzen set it; leaving it alone", self.name)
        forget(self.name)


_guard: subprocess.Popen[bytes] | None = None


def start_guard(env: Mapping[str, str] | None = None) -> None:
    """Once per process: undo what is left silenced the moment notifyzen is gone (see above)."""
    global _guard
    if _guard is not None and _guard.poll() is None:
        return
    environment = dict(env if env is not None else os.environ)
    package_root = str(Path(__file__).resolve().parents[2])  # a checkout works like an install
    environment["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, environment.get("PYTHONPATH")) if p)
    script = 'cat >/dev/null; exec "$0" -m notifyzen.dnd restore >/dev/null 2>&1'
    try:
        _guard = subprocess.Popen(
            ["sh", "-c", script, sys.executable],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=environment,
            start_new_session=True,
        )
    except OSError as exc:  # no sh: the next start still restores
        log.warning("no guard for the silenced pop-ups (%s); the next start restores them", exc)


def restore_leftovers(
    drivers: Mapping[str, Callable[[], StatefulDriver]], state: Path | None = None
) -> list[str]:
    """Undo what a notifyzen that died without cleaning up left silenced; run at every start.
    Returns the names of the drivers whose records were settled."""
    settled = []
    for path in sorted((state or paths.state_dir()).glob("dnd-*.json")):
        record = load(path)
        if record is None:
            path.unlink(missing_ok=True)
            continue
        pid = record.get("pid")
        if isinstance(pid, int) and _is_live_notifyzen(pid):
            continue  # its owner is alive and will undo it itself
        make = drivers.get(str(record.get("driver")))
        if make is None:
            log.warning("no driver %r to restore %s; keeping it", record.get("driver"), path)
            continue
        try:
            make().undo(record)
        except UndoFailed as exc:
            log.warning("could not restore %s yet (%s); will try again next start", path.name, exc)
            continue
        settled.append(str(record["driver"]))
    return settled


def release_on_exit(driver: DndDriver) -> Callable[[], None]:
    """Undo `driver` at interpreter exit and on SIGTERM/SIGINT/SIGHUP, then let the signal do
    what it did before (the previous handler, or the default: the process still dies by it).

    Must be called from the main thread. Python runs signal handlers only between bytecodes of
    the main thread: a Qt main loop must let Python run (a wakeup fd or a short timer).
    Returns a function that removes the hooks again.
    """
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: FrameType | None) -> None:
        try:
            driver.release_now()
        except Exception:
            log.exception("undoing %s on signal %d failed", driver.name, signum)
        before = previous.get(signum, signal.SIG_DFL)
        if callable(before):
            before(signum, frame)
        elif before == signal.SIG_DFL:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    for sig in EXIT_SIGNALS:
        previous[sig] = signal.signal(sig, handler)
    atexit.register(driver.release_now)

    def remove() -> None:
        atexit.unregister(driver.release_now)
        for sig, before in previous.items():
            if signal.getsignal(sig) is handler:
                signal.signal(sig, before)

    return remove
