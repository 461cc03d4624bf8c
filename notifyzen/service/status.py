"""The numbers the tray shows and `notifyzen status` prints, as the Service sees them now.

One dict (`status`) serves both: the Service pushes it to the tray after every change
(`Service.emit_status`) and the control interface returns it to the CLI. Runs on the bus thread.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING, Any

from notifyzen import __version__
from notifyzen.clock import FakeClock
from notifyzen.core.model import Verdict

if TYPE_CHECKING:
    from notifyzen.service.service import Service


def count_taken(service: Service, at: datetime) -> None:
    day, count = service.counted_today
    service.counted_today = (
        (day, count + 1) if day == at.date() else (at.date(), _taken_since_midnight(service, at))
    )


def _taken_since_midnight(service: Service, now: datetime) -> int:
    assert service.store is not None
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return service.store.count_since(midnight)


def taken_today(service: Service) -> int:
    now = service.clock.now()
    if service.counted_today[0] != now.date():
        service.counted_today = (now.date(), _taken_since_midnight(service, now))
    return service.counted_today[1]


def held_count(service: Service) -> int:
    return len(service.timeline.held)


def status(service: Service, *, full: bool = False) -> dict[str, Any]:
    """What `notifyzen status --json` prints; `full` adds what is costly to list (ids on screen)."""
    now = service.clock.now()
    state = {
        "mode": service.mode,
        "requested_mode": service.requested_mode,
        "mode_reason": service.mode_reason,  # {"why": "asked"|"free"|"taken", "owner": program}
        "taken_in_today": taken_today(service),
        "held": held_count(service),
        "next_checkin": _iso(service.timeline.next_checkin(now)),
        "next_change": _iso(service.timeline.next_change(now)),
        "focus_window": service.timeline.active_window(now),
        "meeting": _meeting(service, now),  # the calendar's reason for that focus (issue 19)
        "calendars": _calendars(service),  # how many are read, and the ones that cannot be
        "situation": _situation(service, now),  # screen shared, full screen, a call (issue 19)
        "observer_error": service.observer_error,
        "paused": service.timeline.paused,
        "manual_focus": service.timeline.focused is not None,
        "manual_focus_until": _focus_until(service),
        "rules_errors": list(service.rules_errors),
        "rules_warnings": list(service.rules_warnings),
        "clock": now.isoformat(timespec="seconds"),
        "fake_clock": isinstance(service.clock, FakeClock),
        "database": str(service.db_path),
        "history": _history(service),
        "pid": os.getpid(),
        "version": __version__,
        "replies": service.replies.status(now),  # None, or {count, until, text} for the tray
        "kdeconnect": _phone_status(service),
        "dnd": _dnd(service),
    }
    if full:
        shown = Verdict.DELIVER
        state["on_screen"] = sorted(
            id for id, live in service.live.items() if live.item.decision.verdict is shown
        )
        state["digest_open"] = list(service.digest_open)
    return state


def _history(service: Service) -> dict[str, Any]:
    """Whether the history can be written ("problem": "full" or "unwritable": arrivals are refused
    until it can) and what was done to it at this run ("repair": a damaged file moved aside and
    salvaged, or one found emptied), so a user is never left guessing (notifyzen/history/repair.py)."""
    if service.store is None:
        return {"ok": True, "problem": None, "error": None, "repair": None}
    return service.store.health()


def _focus_until(service: Service) -> str | None:
    """The end of the user's focus block on the wall clock of that moment, as next_checkin:
    the tray says it as it stands, so the hour the clocks go back is not counted twice."""
    focused = service.timeline.focused
    if focused is None or focused.until is None:
        return None
    return _iso(focused.until.astimezone(service.timeline.config.zone))


def _meeting(service: Service, now: datetime) -> dict[str, Any] | None:
    """{title, calendar, until}: "In a meeting until 11:00 (Calendar: Work)"."""
    meeting = service.timeline.meeting(now)
    if meeting is None:
        return None
    until = _iso(meeting.end.astimezone(service.timeline.config.zone))
    return {"title": meeting.title, "calendar": meeting.calendar, "until": until}


def _situation(service: Service, now: datetime) -> dict[str, Any] | None:
    """{kind, app, since, private}: "Sharing your screen", "In a call (Zoom)", "Full screen: mpv"."""
    situation = service.timeline.situation
    shown = situation.private or situation.call
    if shown is None:
        return None
    since = _iso(shown.since.astimezone(service.timeline.config.zone))
    private = service.timeline.private(now) is not None
    return {"kind": shown.kind.value, "app": shown.detail, "since": since, "private": private}


def _calendars(service: Service) -> dict[str, Any]:
    """{calendars, problems}: config.yaml's calendars and why any of them cannot be read (issue 19)."""
    from notifyzen.calendar.live import CalendarAdapter  # no icalendar: that loads with the feed

    for adapter in service.adapters:
        if isinstance(adapter, CalendarAdapter):
            return adapter.status()
    return {"calendars": 0, "problems": []}


def _phone_status(service: Service) -> dict[str, Any]:
    """KDE Connect: whether kdeconnectd is there, which phones, how many phone notifications."""
    for adapter in service.adapters:
        if hasattr(adapter, "claims_phone_popups") and callable(getattr(adapter, "status", None)):
            return dict(adapter.status())
    return {"available": False}


def _dnd(service: Service) -> str | None:
    """Whose Do not disturb the desktop is in (observe mode): "notifyzen" (in focus), "yours" (the
    user's own, which notifyzen follows and never lifts), "off"; None in server mode."""
    for adapter in service.adapters:
        dnd = getattr(adapter, "dnd", None)
        if isinstance(dnd, str):
            return dnd
    return None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else None
