"""When notifyzen was not running, from its run log: the stretches nothing could be recorded.

A week notifyzen was off for two days looks like a quiet week in the counts; the report says so
instead. Runs come in as the history stores them (schema.RunRow, epoch seconds), the week's bounds
and the present as arguments: nothing here reads a clock.

Only what the run log knows is claimed: before the first run given nothing is said (a history
from before the run log, or before notifyzen was installed), and after the last run ends only
up to `now`, when the caller knows it (later than that is the future, not a gap).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

SHORTEST_GAP = timedelta(minutes=15)  # a restart or an update is not worth mentioning


class Run(NamedTuple):
    """One run of notifyzen (schema.RunRow's columns), times as UTC epoch seconds."""

    started_at: float
    last_alive_at: float
    ended_at: float | None = None  # a clean stop; without one the run ends at its last heartbeat

    @property
    def end(self) -> float:
        return self.ended_at if self.ended_at is not None else self.last_alive_at


@dataclass(frozen=True, slots=True)
class Gap:
    """A stretch notifyzen was not running, cut to the week asked about."""

    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        """Elapsed time (a DST night's hour counts once), not the wall-clock difference."""
        return timedelta(seconds=self.end.timestamp() - self.start.timestamp())


Stretch = tuple[float, float]  # [start, end) in UTC epoch seconds


@dataclass(frozen=True, slots=True)
class Ran:
    """When notifyzen ran inside a week, as the report's focus figures count it.

    `stretches`: sorted, disjoint, cut to the week and to `now`. Gaps shorter than the shortest
    one `not_running` lists (a restart, an update) count as running, so the figures and the
    "not running" line agree. `known_from`: the first moment the run log speaks for; before it
    (a history older than the run log, or before notifyzen was installed) the log cannot say,
    and `math.inf` when there is no run at all.
    """

    stretches: tuple[Stretch, ...] = ()
    known_from: float = math.inf


def ran(
    runs: Iterable[Run],
    start: datetime,
    end: datetime,
    *,
    now: datetime | None = None,
    shortest: timedelta = SHORTEST_GAP,
) -> Ran:
    """The stretches of [start, end) notifyzen ran, from the same runs `not_running` takes.

    A run still going when asked has its last heartbeat a minute or so before `now`; that short
    tail is a gap under `shortest`, so it counts up to `now`. Nothing after `now` ever counts.
    """
    spans = sorted((r.started_at, max(r.started_at, r.end)) for r in runs)
    if not spans:
        return Ran()
    bridge = shortest.total_seconds()
    merged: list[list[float]] = []
    for a, b in spans:
        if merged and a - merged[-1][1] < bridge:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    hi = end.timestamp()
    if now is not None:
        if now.timestamp() - merged[-1][1] < bridge:
            merged[-1][1] = max(merged[-1][1], now.timestamp())
        hi = min(hi, now.timestamp())
    lo = start.timestamp()
    cut = tuple((max(a, lo), min(b, hi)) for a, b in merged if max(a, lo) < min(b, hi))
    return Ran(cut, spans[0][0])


def overlap(a: Sequence[Stretch], b: Sequence[Stretch]) -> list[Stretch]:
    """Where two sorted lists of disjoint stretches both hold, sorted."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def union(stretches: Iterable[Stretch]) -> list[Stretch]:
    """Sorted, disjoint stretches covering the same time; touching ones become one."""
    out: list[Stretch] = []
    for a, b in sorted(s for s in stretches if s[0] < s[1]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def not_running(
    runs: Iterable[Run],
    start: datetime,
    end: datetime,
    *,
    now: datetime | None = None,
    shortest: timedelta = SHORTEST_GAP,
) -> tuple[Gap, ...]:
    """The gaps between runs inside [start, end), oldest first, each at least `shortest` long.

    `runs`: every run that touches the week, plus the last one before it and the first one after
    it if there are any (they say whether the week's edges were covered). `now`: the present, if
    known; without it nothing after the last run's end is claimed. Times come back in `start`'s zone.
    """
    if start.tzinfo is None or end.tzinfo is None or (now is not None and now.tzinfo is None):
        raise ValueError("the week's bounds and now need a time zone")
    spans = sorted((r.started_at, max(r.started_at, r.end)) for r in runs)
    if not spans:
        return ()
    holes = []
    covered_to = spans[0][0]
    for a, b in spans:
        if a > covered_to:
            holes.append((covered_to, a))
        covered_to = max(covered_to, b)
    if now is not None and now.timestamp() > covered_to:
        holes.append((covered_to, now.timestamp()))
    lo, hi = start.timestamp(), end.timestamp()
    zone = start.tzinfo
    return tuple(
        Gap(datetime.fromtimestamp(a, zone), datetime.fromtimestamp(b, zone))
        for a, b in ((max(a, lo), min(b, hi)) for a, b in holes)
        if b - a >= shortest.total_seconds()
    )
