"""The running app's calendar adapter: meetings in, on the bus loop, without slowing anything down.

Started like the other adapters (`async def start(service)`, notifyzen.service.service.ADAPTER_MODULES).
Every CHECK_EVERY seconds it asks the feed whether the calendars changed (a stat per file) or the
day moved on; only then are they read and expanded, in a worker thread, so a sender's Notify never
waits for a calendar of a thousand events. Without `calendars:` nothing is imported or read. With
them, the first read waits FIRST_READ seconds after startup: importing icalendar and expanding
1,000 events cost ~0.5 s of CPU, which at startup delayed the tray by as much
(bench/bench_calendar.py). New meetings reach the Timeline on the bus loop through
`Service.set_calendar`, which re-arms the one timer: from then on `next_change` includes the
meetings' starts and ends. The calendars named in config.yaml are followed too: a saved
`calendars:` applies at the next check.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from notifyzen.calendar.feed import CalendarFeed
    from notifyzen.service.service import Service

log = logging.getLogger(__name__)
# seconds: a calendar saved in Thunderbird or by vdirsyncer is followed this soon (tests set less)
CHECK_EVERY = float(os.environ.get("NOTIFYZEN_CALENDAR_EVERY") or 30.0)
FIRST_READ = float(os.environ.get("NOTIFYZEN_CALENDAR_FIRST") or 3.0)  # seconds after startup


class CalendarAdapter:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.feed: CalendarFeed | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = self.service.loop.create_task(self._run())

    async def _run(self) -> None:
        await asyncio.sleep(FIRST_READ)  # the tray and the bus first
        while True:
            try:
                await self.check()
            except Exception:  # a calendar must never stop notifyzen; the next check tries again
                log.exception("calendar: reading the calendars failed")
            await asyncio.sleep(CHECK_EVERY)

    async def check(self) -> None:
        """Read the calendars if they (or config.yaml's list of them) changed; hand over new meetings."""
        from notifyzen.desktop import paths

        config = self.service.timeline.config
        feed = self.feed
        if feed is None or feed.calendars != config.calendars or feed.zone != config.zone:
            if not config.calendars:
                if self.feed is not None:
                    self.feed = None
                    self.service.set_calendar(None)
                return
            from notifyzen.calendar.feed import CalendarFeed  # icalendar: only with calendars

            feed = self.feed = CalendarFeed(config.calendars, config.zone, paths.presets_dir())
        focus = await asyncio.to_thread(feed.refresh, self.service.clock.now())
        if focus is not None and feed is self.feed:
            log.info(
                "calendar: %d meeting(s) ahead from %d calendar(s)", len(focus.meetings), len(feed.calendars)
            )
            self.service.set_calendar(focus)

    def status(self) -> dict[str, Any]:
        feed = self.feed
        return {
            "calendars": len(feed.calendars) if feed else 0,
            "problems": [str(p) for p in feed.problems] if feed else [],
            "me": list(feed.me) if feed else [],  # who declined: your mail apps' addresses (no `me:`)
        }

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


async def start(service: Service) -> CalendarAdapter:
    adapter = CalendarAdapter(service)
    adapter.start()
    return adapter
