"""How long, as a user types it after `notifyzen focus` or `notifyzen pause`: `25m`, `1h`, `1h30m`,
`90` (minutes), or `until 14:00`.

`until` is read on the running app's clock (its `Status` says what time it is there), not this
process's: an app started with `--clock` (the demo, tests) lives at another moment, and "until
14:00" means 14:00 where the app is. The wall-clock time is taken in the local zone with its
daylight-saving rules, so "until 07:00" across a DST night is still 07:00; a time already past
today is tomorrow's, as a person means it at 23:00.
"""

from __future__ import annotations

import argparse
import re
from datetime import datetime, time, timedelta
from typing import Any

from notifyzen.desktop.words import fill, translate

_DURATION = re.compile(r"^(?:(\d+(?:[.,]\d+)?)h)?(?:(\d+(?:[.,]\d+)?)(?:m|min)?)?$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.h]?([0-5]\d)$")
MINUTES_MAX = 525_600  # the control interface's longest span (a year)


def minutes(text: str) -> float:
    """`25m`, `1h`, `1h30m`, `90` as minutes; argparse's error (in the user's language) otherwise."""
    match = _DURATION.match(text.strip().casefold())
    if not text.strip() or match is None or not any(match.groups()):
        raise argparse.ArgumentTypeError(
            fill(translate("CLI", "not a length of time: %1 (say e.g. 25m, 1h, 1h30m or until 14:00)"), text)
        )
    hours, mins = (float(g.replace(",", ".")) if g else 0.0 for g in match.groups())
    total = hours * 60 + mins
    if not 0 < total <= MINUTES_MAX:
        raise argparse.ArgumentTypeError(
            fill(translate("CLI", "%1 is not between a minute and a year"), text)
        )
    return total


def clock_time(text: str) -> time:
    """`14:00`, `9:30`, `1400` as a time of day; argparse's error otherwise."""
    match = _CLOCK.match(text.strip().casefold())
    if match is None:
        raise argparse.ArgumentTypeError(
            fill(translate("CLI", "not a time of day: %1 (say e.g. 14:00)"), text)
        )
    return time(int(match[1]), int(match[2]))


def minutes_until(at: time, now: datetime) -> float:
    """Minutes from `now` to the next `at` on the local wall clock (tomorrow if it has passed)."""
    local_now = now.astimezone()
    target = datetime.combine(local_now.date(), at).astimezone()
    if target <= local_now:
        target = datetime.combine(local_now.date() + timedelta(days=1), at).astimezone()
    return (target - local_now).total_seconds() / 60


def app_now(status: Any) -> datetime:
    """The running app's clock from its Status (an app with --clock lives elsewhere in time)."""
    try:
        return datetime.fromisoformat(str(status["clock"]))
    except (KeyError, TypeError, ValueError):
        return datetime.now().astimezone()


def parse_span(words: list[str]) -> tuple[str, Any]:
    """("minutes", 25.0), ("until", time(14, 0)), or the one word given ("on", "off")."""
    if len(words) == 2 and words[0].casefold() == "until":
        return "until", clock_time(words[1])
    if len(words) == 1 and words[0].casefold() in ("on", "off"):
        return words[0].casefold(), None
    if len(words) == 1:
        return "minutes", minutes(words[0])
    raise argparse.ArgumentTypeError(
        fill(
            translate("CLI", "not a length of time: %1 (say e.g. 25m, 1h, 1h30m or until 14:00)"),
            " ".join(words),
        )
    )
