"""A full-screen window in front, and mirrored outputs, on sway (its IPC, through `swaymsg`).

On sway the X11 watch sees only Xwayland's windows, so sway is asked itself: `swaymsg -t
subscribe -m` prints one JSON event per change of window, workspace or output, and after each
the tree (`get_tree`: the focused window's `fullscreen_mode`, its app_id or X class) and the
outputs (`get_outputs`: two active outputs with the same rectangle's corner show the same
picture) are read again. swaymsg comes with sway; i3 is left to the X11 watch (EWMH), which sees
all of its windows.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import shutil
from collections.abc import Mapping, Sequence
from typing import Any

from notifyzen.context import Report
from notifyzen.core.situation import Kind

log = logging.getLogger(__name__)
EVENTS = '["window", "workspace", "output"]'
RETRY_S = 10.0


def focused_fullscreen(tree: Mapping[str, Any]) -> str | None:
    """The app of the focused window if it is full screen ("" when it has no name), else None."""
    stack: list[Mapping[str, Any]] = [tree]
    while stack:
        node = stack.pop()
        if node.get("focused") and node.get("type") in ("con", "floating_con"):
            if not node.get("fullscreen_mode"):
                return None
            props = node.get("window_properties") or {}
            return str(node.get("app_id") or props.get("class") or node.get("name") or "")
        stack.extend(node.get("nodes") or [])
        stack.extend(node.get("floating_nodes") or [])
    return None


def mirrored_outputs(outputs: Sequence[Mapping[str, Any]]) -> list[str]:
    """Active outputs placed at the same corner as another (sway's way to mirror is overlap)."""
    at: dict[tuple[int, int], list[str]] = {}
    for o in outputs:
        rect = o.get("rect") or {}
        if o.get("active"):
            at.setdefault((int(rect.get("x", 0)), int(rect.get("y", 0))), []).append(str(o.get("name")))
    return [n for names in at.values() if len(names) > 1 for n in names]


class SwayWatch:
    name = "sway"

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self.swaymsg = shutil.which("swaymsg")
        self.env = dict(env) if env is not None else None
        self._task: asyncio.Task[None] | None = None
        self._proc: asyncio.subprocess.Process | None = None
        self._report: Report | None = None
        self._sent: dict[Kind, str] | None = None

    async def start(self, report: Report) -> None:
        self._report = report
        if self.swaymsg is None:
            log.info("full screen on sway is not seen: swaymsg is not installed")
            return
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _ask(self, kind: str) -> Any:
        assert self.swaymsg is not None
        proc = await asyncio.create_subprocess_exec(
            self.swaymsg, "-r", "-t", kind, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL, env=self.env,
        )  # fmt: skip
        try:
            out, _ = await proc.communicate()
        finally:  # cancelled while asking (notifyzen stops): reap it here, not at exit
            if proc.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                await asyncio.shield(proc.wait())
        return json.loads(out) if proc.returncode == 0 and out else None

    async def look(self) -> None:
        tree, outputs = await self._ask("get_tree"), await self._ask("get_outputs")
        seen: dict[Kind, str] = {}
        if isinstance(tree, dict) and (app := focused_fullscreen(tree)) is not None:
            seen[Kind.FULLSCREEN] = app
        if isinstance(outputs, list) and (same := mirrored_outputs(outputs)):
            seen[Kind.MIRRORED] = " = ".join(same)
        if seen != self._sent and self._report is not None:
            self._sent = seen
            self._report(dict(seen))

    async def _run(self) -> None:
        assert self.swaymsg is not None
        while True:
            proc = self._proc = await asyncio.create_subprocess_exec(
                self.swaymsg, "-t", "subscribe", "-m", EVENTS, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.DEVNULL, env=self.env,
            )  # fmt: skip
            await self.look()
            assert proc.stdout is not None
            async for _event in proc.stdout:
                await self.look()
            await proc.wait()
            if self._sent:
                self._sent = {}
                if self._report is not None:
                    self._report({})
            await asyncio.sleep(RETRY_S)  # sway restarted or went away

    async def stop(self) -> None:
        if self._proc is not None and self._proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._proc.kill()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
        if self._proc is not None:
            with contextlib.suppress(Exception):
                await self._proc.wait()
