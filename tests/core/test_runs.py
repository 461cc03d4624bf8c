"""When notifyzen was not running in a week, worked out from hand-written run logs."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.isoweek import IsoWeek
from notifyzen.core.report import build_report
from notifyzen.core.runs import Gap, Run, not_running

AMS = ZoneInfo("Europe/Amsterdam")
W47 = IsoWeek(2026, 47)  # Mon 16 Nov – Sun 22 Nov 2026
START, END = W47.bounds(AMS)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment of week 47: day 16 is its Monday."""
    return datetime(2026, 11, day, hour, minute, tzinfo=AMS)


def run(start: datetime, alive: datetime, *, clean: bool = True) -> Run:
    return Run(start.timestamp(), alive.timestamp(), alive.timestamp() if clean else None)


def spans(gaps: tuple[Gap, ...]) -> list[tuple[datetime, datetime]]:
    return [(g.start, g.end) for g in gaps]


def test_two_days_off_in_the_middle_of_the_week_is_one_gap() -> None:
    runs = [run(at(9, 8), at(17, 14)), run(at(19, 9, 10), at(23, 9))]
    (gap,) = not_running(runs, START, END)
    assert (gap.start, gap.end) == (at(17, 14), at(19, 9, 10))
    assert gap.length == timedelta(hours=43, minutes=10)
    assert gap.start.tzinfo is AMS


def test_a_run_that_was_killed_ends_at_its_last_heartbeat() -> None:
    runs = [run(at(16, 8), at(18, 11, 59), clean=False), run(at(18, 13), at(22, 20))]
    assert spans(not_running(runs, START, END)) == [(at(18, 11, 59), at(18, 13))]


def test_a_restart_or_a_short_stop_is_not_worth_mentioning() -> None:
    runs = [run(at(16, 8), at(17, 12)), run(at(17, 12, 14), at(18, 9)), run(at(18, 9, 14), at(22, 20))]
    assert not_running(runs, START, END) == ()
    assert len(not_running(runs, START, END, shortest=timedelta(minutes=10))) == 2
    runs[-1] = run(at(18, 9, 15), at(22, 20))
    assert spans(not_running(runs, START, END)) == [(at(18, 9), at(18, 9, 15))], "15 minutes are"


def test_a_week_from_before_the_run_log_says_nothing() -> None:
    assert not_running([], START, END, now=at(25, 12)) == ()


def test_the_first_run_ever_is_where_knowing_starts() -> None:
    """notifyzen installed (or upgraded to the run log) on Wednesday: Mon–Tue is not a gap."""
    runs = [run(at(18, 10), at(22, 20))]
    assert not_running(runs, START, END) == ()


def test_the_edges_of_the_week_come_from_the_runs_around_it() -> None:
    """Off from Saturday of the week before to Tuesday, and from Friday evening into next week."""
    runs = [run(at(9, 8), at(14, 18)), run(at(17, 9), at(20, 18)), run(at(24, 8), at(24, 9))]
    assert spans(not_running(runs, START, END)) == [(START, at(17, 9)), (at(20, 18), END)]


def test_since_the_last_run_only_up_to_now() -> None:
    """Stopped on Thursday and not started again: a gap until now, never into the future."""
    runs = [run(at(16, 8), at(19, 17))]
    assert not_running(runs, START, END) == (), "without now nothing after the last run is claimed"
    assert spans(not_running(runs, START, END, now=at(21, 10))) == [(at(19, 17), at(21, 10))]
    assert spans(not_running(runs, START, END, now=at(30, 10))) == [(at(19, 17), END)]


def test_the_running_app_is_not_a_gap_between_heartbeats() -> None:
    runs = [run(at(16, 8), at(20, 10, 59), clean=False)]
    assert not_running(runs, START, END, now=at(20, 11)) == ()


def test_overlapping_runs_cover_each_other() -> None:
    runs = [run(at(16, 8), at(20, 18)), run(at(17, 9), at(17, 10)), run(at(20, 17), at(22, 12))]
    assert not_running(runs, START, END) == ()


def test_a_dst_night_counts_its_hours_once() -> None:
    """Off over the October change (2026-10-25, clocks back at 03:00): 01:00 to 04:00 is four hours."""
    week = IsoWeek(2026, 43)
    start, end = week.bounds(AMS)
    off, on = datetime(2026, 10, 25, 1, tzinfo=AMS), datetime(2026, 10, 25, 4, tzinfo=AMS)
    (gap,) = not_running([run(start, off), run(on, end)], start, end)
    assert gap.length == timedelta(hours=4)


def test_times_need_a_zone() -> None:
    with pytest.raises(ValueError):
        not_running([], START.replace(tzinfo=None), END)


def test_the_weekly_report_carries_the_gaps() -> None:
    runs = [run(at(9, 8), at(17, 14)), run(at(19, 9, 10), at(23, 9))]
    report = build_report([], [], W47, AMS, runs=runs)
    assert spans(report.not_running) == [(at(17, 14), at(19, 9, 10))]
    assert build_report([], [], W47, AMS).not_running == ()
