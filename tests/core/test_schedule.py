"""Focus windows and check-ins on the wall clock, across midnight and DST (Europe/Amsterdam)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from notifyzen.core.schedule import (
    ALL_DAY,
    FocusWindow,
    Schedule,
    Span,
    next_clock_time,
    parse_clock,
    parse_days,
    parse_span,
    tomorrow_morning,
)
from tests.core.rulekit import AMS, at

WEEKDAYS = frozenset(range(5))
DEEP = FocusWindow("deep work", WEEKDAYS, (Span(time(9), time(12)),))
SLEEP = FocusWindow("sleep", frozenset(range(7)), (Span(time(22, 30), time(7)),))
FRIDAY_NIGHT = FocusWindow("party", frozenset({4}), (Span(time(22), time(2)),))
SCHEDULE = Schedule((DEEP, SLEEP, FRIDAY_NIGHT), (time(10, 30), time(2, 30)), AMS)


def name_at(when: datetime) -> str | None:
    window = SCHEDULE.window_at(when)
    return window.name if window else None


# 2026-03-30 is a Monday; 2026-03-29 and 2026-10-25 are the DST Sundays in Amsterdam.
@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2026-03-30 08:59:59", None),
        ("2026-03-30 09:00", "deep work"),
        ("2026-03-30 11:59:59", "deep work"),
        ("2026-03-30 12:00", None),
        ("2026-04-04 10:00", None),  # Saturday
        ("2026-03-30 22:29:59", None),
        ("2026-03-30 22:30", "sleep"),
        ("2026-03-31 00:00", "sleep"),
        ("2026-03-31 06:59:59", "sleep"),
        ("2026-03-31 07:00", None),
        ("2026-04-03 21:59", None),  # Friday before the party
        ("2026-04-02 01:30", "sleep"),  # Thursday 01:30: the party is Fridays only
        ("2026-04-04 02:00", "sleep"),
    ],
)
def test_window_edges(when: str, expected: str | None) -> None:
    assert name_at(at(when)) == expected


def test_overlapping_windows_report_the_first_declared() -> None:
    # Friday 23:00 is in both sleep (declared before) and the party.
    assert name_at(at("2026-04-03 23:00")) == "sleep"
    party_only = Schedule((FRIDAY_NIGHT,), (), AMS)
    window = party_only.window_at(at("2026-04-04 01:30"))
    assert window is not None and window.name == "party"
    assert party_only.window_at(at("2026-04-03 01:30")) is None  # Friday 01:30: Thursday has none


def test_spring_forward_shortens_the_night() -> None:
    # Sat 28 March 22:30 CET to Sun 29 March 07:00 CEST: 7.5 hours, not 8.5.
    start = at("2026-03-28 22:30")
    end = SCHEDULE.focus_end(start)
    assert end == datetime(2026, 3, 29, 5, 0, tzinfo=UTC)
    assert end - start == timedelta(hours=7, minutes=30)
    assert name_at(datetime(2026, 3, 29, 4, 59, tzinfo=UTC)) == "sleep"
    assert name_at(datetime(2026, 3, 29, 5, 0, tzinfo=UTC)) is None


def test_fall_back_lengthens_the_night_and_the_repeated_hour_is_in_it() -> None:
    start = at("2026-10-24 22:30")
    end = SCHEDULE.focus_end(start)
    assert end == datetime(2026, 10, 25, 6, 0, tzinfo=UTC)  # 07:00 CET
    assert end - start == timedelta(hours=9, minutes=30)
    for utc_hour in (0, 1):  # 02:30 CEST and 02:30 CET: the same wall time twice
        assert name_at(datetime(2026, 10, 25, utc_hour, 30, tzinfo=UTC)) == "sleep"


def test_a_clock_time_skipped_by_dst_comes_just_after_the_gap() -> None:
    # 02:30 does not exist on 29 March; the check-in comes at 03:30 CEST (01:30 UTC), once.
    first = next_clock_time(time(2, 30), at("2026-03-29 00:00"), AMS)
    assert first == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert next_clock_time(time(2, 30), first, AMS) == at("2026-03-30 02:30")


def test_a_clock_time_repeated_by_dst_comes_once() -> None:
    first = next_clock_time(time(2, 30), at("2026-10-25 00:00"), AMS)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # the first 02:30 (CEST)
    assert next_clock_time(time(2, 30), first, AMS) == at("2026-10-26 02:30")


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("2026-03-28 12:00", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),  # 02:30 skipped -> 03:30 CEST
        ("2026-03-29 04:00", datetime(2026, 3, 29, 8, 30, tzinfo=UTC)),  # 10:30 CEST
        ("2026-10-25 03:00", datetime(2026, 10, 25, 9, 30, tzinfo=UTC)),  # 10:30 CET
        ("2026-03-30 10:30", at("2026-03-31 02:30")),  # strictly after
    ],
)
def test_next_scheduled_checkin_keeps_the_wall_clock(after: str, expected: datetime) -> None:
    assert SCHEDULE.next_scheduled_checkin(at(after)) == expected


def test_adjoining_windows_make_one_stretch_of_focus() -> None:
    meeting = FocusWindow("meeting", WEEKDAYS, (Span(time(12), time(13)),))
    schedule = Schedule((DEEP, meeting), (), AMS)
    assert schedule.focus_end(at("2026-03-30 10:00")) == at("2026-03-30 13:00")
    assert next(schedule.focus_ends(at("2026-03-30 08:00"))) == at("2026-03-30 13:00")


def test_next_boundary_is_a_start_or_an_end() -> None:
    assert SCHEDULE.next_boundary(at("2026-03-30 08:00")) == at("2026-03-30 09:00")
    assert SCHEDULE.next_boundary(at("2026-03-30 09:00")) == at("2026-03-30 12:00")
    assert Schedule((), (), AMS).next_boundary(at("2026-03-30 08:00")) is None


def test_an_all_day_window_never_ends() -> None:
    always = Schedule((FocusWindow("meeting", spans=(ALL_DAY,)),), (), AMS)
    assert always.in_focus(at("2026-03-29 02:59"))
    assert always.focus_end(at("2026-03-30 10:00")) is None


def test_window_cache_follows_the_clock_backwards_and_forwards() -> None:
    schedule = Schedule((DEEP,), (), AMS)
    for when, inside in [
        ("2026-03-30 10:00", True),
        ("2026-03-30 08:00", False),
        ("2026-03-30 11:00", True),
        ("2026-03-30 12:00", False),
        ("2026-03-31 09:30", True),
    ]:
        assert schedule.in_focus(at(when)) is inside, when


@pytest.mark.parametrize(
    ("text", "expected"),
    [("09:00", time(9)), ("9:05", time(9, 5)), ("24:00", time(0)), (" 23:59 ", time(23, 59))],
)
def test_parse_clock_valid(text: str, expected: time) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["25:00", "9", "09:5", "nine", "12:60", "-1:00", ""])
def test_parse_clock_invalid(text: str) -> None:
    with pytest.raises(ValueError):
        parse_clock(text)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["mon", "Tue"], {0, 1}),
        (["weekdays"], {0, 1, 2, 3, 4}),
        (["weekends"], {5, 6}),
        (["daily"], set(range(7))),
        (["mon-fri"], {0, 1, 2, 3, 4}),
        (["fri-mon"], {4, 5, 6, 0}),
        (["Monday", "sunday"], {0, 6}),
    ],
)
def test_parse_days_valid(names: list[str], expected: set[int]) -> None:
    assert parse_days(names) == expected


@pytest.mark.parametrize("names", [["funday"], ["mon-xyz"], ["m"]])
def test_parse_days_invalid(names: list[str]) -> None:
    with pytest.raises(ValueError, match="unknown day"):
        parse_days(names)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("09:00-12:00", Span(time(9), time(12))),
        ("22:30–07:00", Span(time(22, 30), time(7))),
        ("9:00 to 10:30", Span(time(9), time(10, 30))),
    ],
)
def test_parse_span(text: str, span: Span) -> None:
    assert parse_span(text) == span


def test_parse_span_needs_two_times() -> None:
    with pytest.raises(ValueError):
        parse_span("09:00")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["mon, fri"], {0, 4}),  # one YAML string, as `days: mon, fri` gives it: was Monday only
        (["mon–fri"], {0, 1, 2, 3, 4}),  # an en dash, as times accept it: was Monday only
        (["mon to wed", "sat"], {0, 1, 2, 5}),
        (["mo", "tu", "we", "th", "fr", "sa", "su"], set(range(7))),  # iCalendar's BYDAY names
        (["tues", "thurs", "Weds"], {1, 2, 3}),
        (["weekdays, sun"], {0, 1, 2, 3, 4, 6}),
    ],
)
def test_days_as_people_write_them(names: list[str], expected: set[int]) -> None:
    assert parse_days(names) == expected


@pytest.mark.parametrize("names", [["monkey"], ["Satan"], ["sunshine"], ["mon-fryday"], [], ["mon,,fri"]])
def test_a_word_that_only_starts_like_a_day_is_no_day(names: list[str]) -> None:
    """'monkey' was read as Monday (only the first three letters were looked at); no days at all
    made a window that never comes."""
    with pytest.raises(ValueError, match="day"):
        parse_days(names)


@pytest.mark.parametrize("span", [Span(time(2), time(3)), Span(time(2, 30), time(3))])
def test_a_window_inside_the_skipped_hour_does_not_happen_and_ends_nowhere(span: Span) -> None:
    # On 29 March the clock goes from 02:00 to 03:00: a 02:00-03:00 (or 02:30-03:00) window has
    # no minute that night. Its end was still a breakpoint, a check-in at 03:00 after no focus.
    schedule = Schedule((FocusWindow("night shift", spans=(span,)),), (), AMS)
    assert next(schedule.focus_ends(at("2026-03-29 00:00"))) == at("2026-03-30 03:00")
    assert not any(schedule.in_focus(at("2026-03-29 01:00") + timedelta(minutes=m)) for m in range(0, 180, 5))
    assert schedule.in_focus(at(f"2026-03-30 {span.start:%H:%M}"))


@pytest.mark.parametrize(
    ("now", "until"),
    [
        ("2026-11-16T15:00:00+01:00", "2026-11-17T07:00:00+01:00"),  # the afternoon: the next morning
        ("2026-11-16T23:50:00+01:00", "2026-11-17T07:00:00+01:00"),  # not ten minutes to midnight
        ("2026-11-17T00:10:00+01:00", "2026-11-17T07:00:00+01:00"),  # up late: the coming morning
        ("2026-10-25T00:10:00+02:00", "2026-10-25T07:00:00+01:00"),  # the night the clocks go back
        ("2026-03-29T00:10:00+01:00", "2026-03-29T07:00:00+02:00"),  # the night they go forward
    ],
)
def test_focus_until_tomorrow_ends_at_seven_local_on_the_coming_morning(now: str, until: str) -> None:
    assert tomorrow_morning(datetime.fromisoformat(now), AMS) == datetime.fromisoformat(until)
