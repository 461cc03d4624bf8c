"""A context watch (portal, X11, sway) run on a loop of its own, as the app runs it, collecting
what it reports: the tests wait for what a user's desk is doing to be seen, and for its end."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Protocol

from notifyzen.core.situation import Kind


class Watch(Protocol):
    async def start(self, report: Any) -> None: ...
    async def stop(self) -> None: ...


class Watched:
    def __init__(self, watch: Watch) -> None:
        self.seen: list[dict[Kind, str]] = []
        self.changed = threading.Condition()
        self.loop = asyncio.new_event_loop()
        self.watch = watch
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.watch.start(self._report), self.loop).result(10)

    def _report(self, seen: Any) -> None:
        with self.changed:
            self.seen.append(dict(seen))
            self.changed.notify_all()

    def wait_for(self, wanted: dict[Kind, str], timeout: float = 20) -> None:
        with self.changed:
            ok = self.changed.wait_for(lambda: bool(self.seen) and self.seen[-1] == wanted, timeout)
        assert ok, f"wanted {wanted}, saw {self.seen}"

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.watch.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
