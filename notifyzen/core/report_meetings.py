"""Meeting time for the weekly report: how much of each day the user's calendars had them in meetings.

Counted as the report counts focus time (docs/report.md, "How each figure is counted"): the union
of the meetings (back-to-back or overlapping ones count once), only while notifyzen was there to
hold for them (the run log's stretches, as for focus), never after the moment the report is made,
each day owning its part up to midnight. Meetings are focus windows in the app, so their time is
part of the focus time too; this figure says how much of it the calendar took. Epoch seconds, so
the night the clocks change is as long as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from notifyzen.core.runs import Stretch, overlap, union


def stretches(meetings: Iterable[tuple[datetime, datetime]]) -> list[Stretch]:
    """(start, end) instants as the union of [start, end) epoch stretches. Raises ValueError for a
    naive time (a meeting without a zone has no place on the week)."""
    out = []
    for a, b in meetings:
        if a.tzinfo is None or b.tzinfo is None:
            raise ValueError("meetings need timezone-aware start and end")
        out.append((a.timestamp(), b.timestamp()))
    return union(out)


def meetings_by_day(
    meetings: Sequence[Stretch], edges: Sequence[float], there: Sequence[Stretch]
) -> list[timedelta]:
    """Per day between consecutive `edges` (local midnights): seconds in meetings while `there`."""
    inside = overlap(meetings, there)
    return [
        timedelta(seconds=sum(b - a for a, b in overlap(inside, [(edges[i], edges[i + 1])])))
        for i in range(len(edges) - 1)
    ]
