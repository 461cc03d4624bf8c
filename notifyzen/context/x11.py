"""A full-screen window in front, and mirrored displays, on an X11 desktop.

Full screen is what the window manager says of the active window (EWMH: root's
_NET_ACTIVE_WINDOW, that window's _NET_WM_STATE holding _NET_WM_STATE_FULLSCREEN); every EWMH
window manager keeps both (openbox, KWin, Mutter, xfwm4, i3). We follow them with `xprop -spy`
(x11-utils), which prints a line at each change, so nothing is polled: one xprop on the root
window, one on whichever window is active. A full-screen video player and a presentation look
the same here; config.yaml `context: {fullscreen: off}` is for users who want the video anyway.

Mirrored displays (presenting on a projector in "duplicate" mode) are two active outputs at the
same place of the screen in `xrandr --query`. RandR changes come as events only to an X client
that asks for them, which xprop cannot; xrandr is asked every MIRROR_EVERY seconds instead
(one short process; a projector is plugged in for minutes, not seconds).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import shutil

from notifyzen.context import Report
from notifyzen.core.situation import Kind

log = logging.getLogger(__name__)

MIRROR_EVERY = 10.0
AGAIN_AFTER = 0.3  # s after a window comes in front: its state read once more (see _state)
_ACTIVE = re.compile(r"window id # (0x[0-9a-fA-F]+)")
_OUTPUT = re.compile(r"^(\S+) connected (?:primary )?(\d+)x(\d+)\+(\d+)\+(\d+)", re.M)


def mirrored(xrandr: str) -> list[str]:
    """The outputs of `xrandr --query` that show the same part of the screen as another."""
    at: dict[tuple[int, int], list[str]] = {}
    for name, _w, _h, x, y in _OUTPUT.findall(xrandr):
        at.setdefault((int(x), int(y)), []).append(name)
    return [n for names in at.values() if len(names) > 1 for n in names]


def window_class(line: str) -> str | None:
    """'WM_CLASS(STRING) = "libreoffice", "libreoffice-impress"' -> 'libreoffice-impress'."""
    if not line.startswith("WM_CLASS"):
        return None
    names = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
    return names[-1] if names else ""


class X11Watch:
    name = "x11"

    def __init__(self, display: str) -> None:
        self.display = display
        self.xprop = shutil.which("xprop")
        self.xrandr = shutil.which("xrandr")
        self._tasks: list[asyncio.Task[None]] = []
        self._window: asyncio.Task[None] | None = None
        self._procs: set[asyncio.subprocess.Process] = set()
        self._report: Report | None = None
        self._seen: dict[Kind, str] = {}
        self._sent: dict[Kind, str] | None = None

    async def start(self, report: Report) -> None:
        self._report = report
        loop = asyncio.get_running_loop()
        if self.xprop is None:
            log.info("full screen is not seen: xprop (x11-utils) is not installed")
        else:
            self._tasks.append(loop.create_task(self._follow_active()))
        if self.xrandr is not None:
            self._tasks.append(loop.create_task(self._follow_outputs()))

    async def _spy(self, *args: str) -> asyncio.subprocess.Process:
        proc = await asyncio.create_subprocess_exec(
            *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
            env=None if self.display is None else {**_env(), "DISPLAY": self.display},
        )  # fmt: skip
        self._procs.add(proc)
        return proc

    async def _follow_active(self) -> None:
        assert self.xprop is not None
        proc = await self._spy(self.xprop, "-root", "-spy", "_NET_ACTIVE_WINDOW")
        assert proc.stdout is not None
        current = None
        async for raw in proc.stdout:
            found = _ACTIVE.search(raw.decode(errors="replace"))
            window = found.group(1) if found and int(found.group(1), 16) else None
            if window == current:
                continue
            current = window
            if self._window is not None:
                self._window.cancel()
            self._seen.pop(Kind.FULLSCREEN, None)
            self._send()
            if window is not None:
                self._window = asyncio.get_running_loop().create_task(self._follow_window(window))
        log.info("full screen: the X display closed")

    async def _follow_window(self, window: str) -> None:
        assert self.xprop is not None
        proc = await self._spy(self.xprop, "-id", window, "-spy", "WM_CLASS", "_NET_WM_STATE")
        assert proc.stdout is not None
        app, full = "", False
        spied = 0  # lines the spy printed: a re-read older than one of them is not taken
        again: asyncio.Task[None] | None = None

        def take(line: str) -> None:
            nonlocal app, full
            name = window_class(line)
            if name is not None:
                app = name
            elif line.startswith("_NET_WM_STATE"):
                full = "_NET_WM_STATE_FULLSCREEN" in line
            else:
                return
            if full:
                self._seen[Kind.FULLSCREEN] = app
            else:
                self._seen.pop(Kind.FULLSCREEN, None)
            self._send()

        async def read_again() -> None:
            await asyncio.sleep(AGAIN_AFTER)
            before = spied
            state = await self._state(window)
            if state is not None and spied == before:
                take(state)

        try:
            async for raw in proc.stdout:
                spied += 1
                take(raw.decode(errors="replace"))
                if again is None:  # xprop prints the first values before it asks for changes
                    again = asyncio.get_running_loop().create_task(read_again())
        finally:
            if again is not None:
                again.cancel()
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            with contextlib.suppress(Exception):
                await proc.wait()
            self._procs.discard(proc)

    async def _state(self, window: str) -> str | None:
        """The window's _NET_WM_STATE line, read once: a moment after the spy's first lines, as
        xprop -spy prints and flushes the current values before its request for PropertyNotify
        reaches the X server (xprop.c: XSelectInput, fflush, then XNextEvent sends it), so a change
        in between — a presenter pressing F5 as the window comes in front — would be missed until
        the next one."""
        assert self.xprop is not None
        proc = await self._spy(self.xprop, "-id", window, "_NET_WM_STATE")
        try:
            out, _ = await proc.communicate()
        finally:
            self._procs.discard(proc)
        return out.decode(errors="replace") if proc.returncode == 0 else None

    async def _follow_outputs(self) -> None:
        assert self.xrandr is not None
        while True:
            proc = await self._spy(self.xrandr, "--query")
            out, _ = await proc.communicate()
            self._procs.discard(proc)
            if proc.returncode == 0:
                same = mirrored(out.decode(errors="replace"))
                if same:
                    self._seen[Kind.MIRRORED] = " = ".join(same)
                else:
                    self._seen.pop(Kind.MIRRORED, None)
                self._send()
            await asyncio.sleep(MIRROR_EVERY)

    def _send(self) -> None:
        if self._report is not None and self._seen != self._sent:
            self._sent = dict(self._seen)
            self._report(dict(self._seen))

    async def stop(self) -> None:
        tasks = [*self._tasks, *([self._window] if self._window else [])]
        for task in tasks:
            task.cancel()
        for proc in list(self._procs):
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for proc in list(self._procs):  # reaped here, not by a loop that is gone
            with contextlib.suppress(Exception):
                await proc.wait()
        self._procs.clear()


def _env() -> dict[str, str]:
    import os

    return dict(os.environ)
