"""The user's own moments survive a restart: "Focus for 1 hour", "Focus until tomorrow" and
"Pause notifyzen" are what the user chose, and a crash, an update or a logout in between must
not quietly end them (a phone's Focus stays on across a reboot).

They live in a small JSON file beside the history (`<history>.moments`, 0600 like it), written
whole (a temporary file, then a rename) each time the user starts or ends one. At start, one
that has not run out yet is taken up again for the time it has left; one that ran out meanwhile
is dropped. The history is not the place: these are settings of the moment, not things that
happened, and the start path reads nothing through SQLModel.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notifyzen.core.timeline import CheckIn
from notifyzen.desktop import paths

if TYPE_CHECKING:
    from notifyzen.service.service import Service

log = logging.getLogger("notifyzen.service.service")


def _file(service: Service) -> Path:
    return service.db_path.with_name(service.db_path.name + ".moments")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def save(service: Service) -> None:
    """Write the moments in force now (after the tray, the CLI or D-Bus changed one)."""
    timeline = service.timeline
    focus = timeline.focused
    state: dict[str, Any] = {
        "focus": {"until": _iso(focus.until), "name": focus.name} if focus is not None else None,
        "pause": {"until": _iso(timeline.paused_until)} if timeline.paused else None,
    }
    try:
        paths.write_private(_file(service), json.dumps(state))
    except OSError:
        log.warning("could not keep the focus/pause for after a restart", exc_info=True)


def restore(service: Service, now: datetime) -> list[CheckIn]:
    """Take up what had not run out by `now`; returns the check-in a pause gives (what was held is
    shown), for the start-up to act on with the rest."""
    try:
        state = json.loads(_file(service).read_text())
        focus, pause = state.get("focus"), state.get("pause")
    except FileNotFoundError:
        return []
    except (OSError, ValueError, AttributeError):
        log.warning("the saved focus/pause could not be read; starting without", exc_info=True)
        return []
    checkins: list[CheckIn] = []
    try:
        if isinstance(focus, dict):
            minutes = _left(focus.get("until"), now)
            if minutes is None or minutes > 0:
                service.timeline.focus(now, minutes, str(focus.get("name") or "focus"))
                log.info("focus taken up again after the restart")
        if isinstance(pause, dict):
            minutes = _left(pause.get("until"), now)
            if minutes is None or minutes > 0:
                checkin = service.timeline.pause(now, minutes)
                checkins += [checkin] if checkin is not None else []
                log.info("pause taken up again after the restart")
    except (TypeError, ValueError):
        log.warning("the saved focus/pause is not understood; starting without", exc_info=True)
    return checkins


def _left(until: object, now: datetime) -> float | None:
    """Minutes left until `until` (an ISO time); None for "until the user ends it"."""
    if until is None:
        return None
    return (datetime.fromisoformat(str(until)) - now).total_seconds() / 60
