"""A moment as a person reads it next to "now": '14:30', 'tomorrow 10:30', 'Mon 10:30'.

Qt-free, so `notifyzen status` says times as the tray does without loading Qt; the tray passes
its translated "tomorrow %1".
"""

from __future__ import annotations

from datetime import datetime, timedelta


def day_and_time(at: datetime, now: datetime | None, tomorrow: str = "tomorrow %1") -> str:
    """`at` on its own clock: the time alone today (or without a `now`), `tomorrow` with %1 for
    the next day, the weekday before it otherwise (the times said this way lie within a week)."""
    hm = at.strftime("%H:%M")
    if now is None or at.date() == now.date():
        return hm
    if at.date() == now.date() + timedelta(days=1):
        return tomorrow.replace("%1", hm)
    return f"{at.strftime('%a')} {hm}"
