"""The running app's context adapter: the desk's situation in, on the bus loop.

Started like the other adapters (`async def start(service)`, notifyzen.service.service.ADAPTER_MODULES).
It starts the watches that fit this session (the portal and the microphone everywhere, X11 where
there is an X display and no Wayland compositor, sway's IPC on sway), keeps when each started, and
hands every change to `Service.set_situation` as one `Situation`: a change of app (Zoom to Teams)
keeps the start, an end is an end. The watches of kinds config.yaml turns all off are not started.
"""

from __future__ import annotations

import functools
import logging
import os
from datetime import datetime
from typing import TYPE_CHECKING, Any

from notifyzen.context import Seen, Watch
from notifyzen.core.situation import Kind, Presence, Situation
from notifyzen.history import situations as store_situations

if TYPE_CHECKING:
    from notifyzen.core.meetings import CalendarFocus
    from notifyzen.service.service import Service

log = logging.getLogger(__name__)


class ContextAdapter:
    def __init__(self, service: Service, watches: list[Watch]) -> None:
        self.service = service
        self.watches = watches
        self._seen: dict[str, Seen] = {}  # per watch, what it last reported
        self._since: dict[Kind, datetime] = {}
        self._rows: dict[Kind, int] = {}  # the history's row of each thing going on

    async def start(self) -> None:
        if self.service.store is not None:
            store_situations.end_left_open(self.service.store, self.service.clock.now())
        for watch in self.watches:
            try:
                await watch.start(functools.partial(self.report, watch.name))
            except Exception:  # a source must never stop notifyzen
                log.exception("context: %s could not start", watch.name)

    def report(self, source: str, seen: Seen) -> None:
        self._seen[source] = dict(seen)
        now = self.service.clock.now()
        merged: dict[Kind, list[str]] = {}
        for found in self._seen.values():
            for kind, detail in found.items():
                merged.setdefault(kind, [])
                if detail and detail not in merged[kind]:
                    merged[kind].append(detail)
        self._since = {k: self._since.get(k, now) for k in merged}
        self._record(merged, now)
        situation = Situation(tuple(Presence(k, self._since[k], ", ".join(v)) for k, v in merged.items()))
        log.info("context: %s", "; ".join(_words(p) for p in situation.presences) or "nothing going on")
        self.service.set_situation(situation)

    def _record(self, merged: dict[Kind, list[str]], now: datetime) -> None:
        """In the history (store_situations.py), so `rules simulate` replays the week as lived."""
        store = self.service.store
        if store is None:
            return
        for kind in [k for k in self._rows if k not in merged]:
            store_situations.ended(store, self._rows.pop(kind), now)
        for kind in [k for k in merged if k not in self._rows]:
            row = store_situations.started(store, kind.value, ", ".join(merged[kind]), now)
            if row is not None:
                self._rows[kind] = row

    def status(self) -> dict[str, Any]:
        return {"watches": [w.name for w in self.watches]}

    async def stop(self) -> None:
        if self.service.store is not None:  # a clean stop ends what goes on, for the history
            for row in self._rows.values():
                store_situations.ended(self.service.store, row, self.service.clock.now())
        for watch in self.watches:
            try:
                await watch.stop()
            except Exception:
                log.debug("context: %s did not stop cleanly", watch.name, exc_info=True)


def _words(p: Presence) -> str:
    return f"{p.kind.value} ({p.detail})" if p.detail else p.kind.value


def watches_for(service: Service, env: dict[str, str] | None = None) -> list[Watch]:
    """The watches for this session and config.yaml's `context:`."""
    env = dict(os.environ) if env is None else env
    settings = service.timeline.config.context
    out: list[Watch] = []
    if settings.holds(Kind.SCREEN_SHARE):
        from notifyzen.context.portal import ScreenCastWatch

        out.append(ScreenCastWatch(service.bus_address))
    if settings.holds(Kind.CALL):
        from notifyzen.context.microphone import MicrophoneWatch

        out.append(MicrophoneWatch())
    visual = settings.holds(Kind.FULLSCREEN) or settings.holds(Kind.MIRRORED)
    if visual and env.get("SWAYSOCK"):
        from notifyzen.context.sway import SwayWatch

        out.append(SwayWatch())
    # On Wayland, Xwayland's X display sees only X windows: not the desk
    if visual and env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        from notifyzen.context.x11 import X11Watch

        out.append(X11Watch(env["DISPLAY"]))
    return out


def meeting_calendar() -> CalendarFocus | None:
    """A call is a meeting: its window is `meeting`, whose preset's rules (people wait at most an
    hour, and are told so) the calendar adapter loads only with `calendars:` in config.yaml. This
    is them as a calendar with no events, for calls without calendars (the app, and `rules
    simulate` replaying a recorded call); None when the preset cannot be read."""
    from notifyzen.core.meetings import MEETING, CalendarFocus
    from notifyzen.core.ruleload import load_rules
    from notifyzen.desktop import paths

    rules, errors = load_rules([], [paths.presets_dir() / f"{MEETING}.yaml"])
    if rules is None or not rules.windows:
        log.warning("context: the meeting preset is not loaded for calls: %s", "; ".join(map(str, errors)))
        return None
    return CalendarFocus.of((), rules.windows[0], rules.preset)


def calls_as_meetings(service: Service) -> None:
    """Without calendars, the meeting preset's rules for calls (`meeting_calendar`); the calendar
    adapter replaces them once calendars are configured."""
    timeline = service.timeline
    if timeline.engine.calendar is None and timeline.config.context.holds(Kind.CALL):
        calendar = meeting_calendar()
        if calendar is not None:
            service.set_calendar(calendar)


async def start(service: Service) -> ContextAdapter:
    adapter = ContextAdapter(service, watches_for(service))
    calls_as_meetings(service)
    await adapter.start()
    return adapter
