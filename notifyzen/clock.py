"""The one place outside the core that reads the time.

The core never reads a clock; the service asks a Clock and passes `now` in. A FakeClock starts at
a chosen instant and then runs at real speed, so `notifyzen run --clock 2026-11-16T08:59:50+01:00`
reaches the 09:00 check-in ten seconds later, and a test can jump it with SetClock instead of
sleeping until 09:00. Monotonic time drives it, so a wall-clock step does not move a fake clock.
A stopped FakeClock (`run --clock ISO --clock-stopped`) moves only when set: a test that compares
the app's instants with a simulation's needs every arrival stamped with exactly the time it set.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    settable: bool

    def now(self) -> datetime:
        """An aware datetime in the local zone (the zone the user lives in)."""
        ...


class RealClock:
    settable = False

    def now(self) -> datetime:
        return datetime.now().astimezone()


class FakeClock:
    """Starts at `start`, then advances with the monotonic clock (unless not `running`); `set` jumps it."""

    settable = True

    def __init__(self, start: datetime, *, running: bool = True) -> None:
        if start.tzinfo is None:
            raise ValueError("the fake clock needs an aware start time (with a UTC offset)")
        self._start = start
        self._t0 = time.monotonic()
        self.running = running

    def now(self) -> datetime:
        if not self.running:
            return self._start
        return self._start + timedelta(seconds=time.monotonic() - self._t0)

    def set(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("the clock needs an aware time (with a UTC offset)")
        self._start = instant
        self._t0 = time.monotonic()


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant with its UTC offset; a naive one is read in the local zone."""
    value = datetime.fromisoformat(text.strip())
    return value if value.tzinfo is not None else value.astimezone()
