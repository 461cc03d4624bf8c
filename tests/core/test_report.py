"""The weekly report's figures against weeks computed by hand."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.report import (
    FocusSpan,
    IsoWeek,
    ReportCheckIn,
    ReportRow,
    Totals,
    build_report,
)

AMS = ZoneInfo("Europe/Amsterdam")
W47 = IsoWeek(2026, 47)  # Mon 16 Nov .. Sun 22 Nov 2026, CET all week


def local(y: int, mo: int, d: int, h: int, mi: int = 0) -> tuple[float, int]:
    """Epoch seconds and the tz_offset a row written in Amsterdam at that wall time would carry."""
    moment = datetime(y, mo, d, h, mi, tzinfo=AMS)
    offset = moment.utcoffset()
    assert offset is not None
    return moment.timestamp(), int(offset.total_seconds() // 60)


def row(when: tuple[float, int], **kw: object) -> ReportRow:
    return ReportRow(at=when[0], tz_offset=when[1], **kw)  # type: ignore[arg-type]


def test_iso_week_parsing_and_neighbours() -> None:
    assert IsoWeek.parse("2026-W47") == W47
    assert str(IsoWeek.parse("2026-w01")) == "2026-W01"
    assert W47.monday == date(2026, 11, 16)
    assert IsoWeek(2026, 53).next() == IsoWeek(2027, 1)
    assert IsoWeek(2027, 1).previous() == IsoWeek(2026, 53)
    for bad in ("2026-47", "W47", "2025-W53", ""):
        with pytest.raises(ValueError):
            IsoWeek.parse(bad)
    assert IsoWeek.parse(" 2026W53 ") == IsoWeek(2026, 53)  # as `date +%GW%V` writes it
    with pytest.raises(ValueError, match="there is no week 2026-W54: 2026 has 53 weeks"):
        IsoWeek.parse("2026-W54")
    with pytest.raises(ValueError, match="outside the calendar"):
        IsoWeek.parse("9999-W52").bounds(AMS)  # UTC cannot hold its end


def test_an_empty_week_is_all_zeros_with_seven_dated_days() -> None:
    report = build_report([], [], W47, AMS, previous_rows=[])
    assert report.empty
    assert [d.day for d in report.days] == [date(2026, 11, 16 + i) for i in range(7)]
    assert all(d.total == 0 and d.longest_focus == timedelta(0) for d in report.days)
    assert sum(map(sum, report.heatmap)) == 0
    assert report.top_apps == () and report.top_people == () and report.suggestions == ()
    assert report.waits.count == 0 and report.waits.median is None
    assert report.totals == Totals() and report.previous == Totals()
    change = report.change("notifications")
    assert change is not None and change.delta == 0 and change.percent is None


def hand_week() -> tuple[list[ReportRow], list[ReportCheckIn], list[FocusSpan]]:
    rows = [
        row(
            local(2026, 11, 16, 9, 30),
            app_name="Slack",
            sender="Anna",
            verdict="deliver",
            window="deep work",
            shown_at=local(2026, 11, 16, 9, 30)[0],
            shown_by="arrival",
            opened=True,
        ),
        row(
            local(2026, 11, 16, 10),
            app_name="Mail",
            sender="Bob",
            verdict="hold",
            window="deep work",
            shown_at=local(2026, 11, 16, 12)[0],
            shown_by="checkin",
        ),
        row(local(2026, 11, 16, 11), app_name="Strava", verdict="mute", window="deep work"),
        row(
            local(2026, 11, 17, 14, 15),
            source="phone",
            app_name="WhatsApp",
            sender="Anna",
            verdict="hold",
            shown_at=local(2026, 11, 17, 15, 15)[0],
            shown_by="checkin",
            status_reply_at=local(2026, 11, 17, 14, 15)[0],
            release_at=local(2026, 11, 17, 15, 30)[0],
            body="are you coming tonight?",
        ),
        row(local(2026, 11, 18, 23, 30), app_name="Strava", verdict="mute"),
        # outside the week: Sunday before and Monday after
        row(local(2026, 11, 15, 23, 59), app_name="Slack"),
        row(local(2026, 11, 23, 0, 0), app_name="Slack"),
    ]
    checkins = [
        ReportCheckIn(*local(2026, 11, 16, 12), planned_at=local(2026, 11, 16, 12)[0], released=1),
        ReportCheckIn(*local(2026, 11, 16, 17), reason="missed", planned_at=local(2026, 11, 16, 17)[0]),
        ReportCheckIn(*local(2026, 11, 17, 15, 15), reason="manual", released=1, opened=True),
    ]
    spans = [
        FocusSpan("deep work", datetime(2026, 11, 16, 9, tzinfo=AMS), datetime(2026, 11, 16, 12, tzinfo=AMS)),
        FocusSpan("deep work", datetime(2026, 11, 17, 9, tzinfo=AMS), datetime(2026, 11, 17, 12, tzinfo=AMS)),
    ]
    return rows, checkins, spans


def test_a_hand_computed_week() -> None:
    rows, checkins, spans = hand_week()
    report = build_report(rows, checkins, W47, AMS, focus_spans=spans, max_wait=timedelta(minutes=90))
    mon, tue, wed = report.days[:3]
    assert (mon.delivered, mon.held, mon.muted) == (1, 1, 1)
    assert (tue.delivered, tue.held, tue.muted) == (0, 1, 0)
    assert (wed.delivered, wed.held, wed.muted) == (0, 0, 1)
    assert (mon.avoided, mon.broke_through) == (2, 1)
    # Slack at 09:30 splits 09:00-12:00 into 30 min and 2 h 30; Tuesday's window stays whole.
    assert mon.longest_focus == timedelta(hours=2, minutes=30)
    assert tue.longest_focus == timedelta(hours=3)
    assert report.totals.focus == timedelta(hours=6)
    assert (mon.checkins_planned, mon.checkins_kept, tue.checkins_extra) == (2, 1, 1)
    assert report.heatmap[0][9] == report.heatmap[0][10] == report.heatmap[0][11] == 1
    assert report.heatmap[2][23] == 1 and sum(map(sum, report.heatmap)) == 5
    assert [(t.name, t.sent, t.desktop, t.phone) for t in report.top_people] == [
        ("Anna", 2, 1, 1),
        ("Bob", 1, 1, 0),
    ]
    assert report.top_apps[0].name == "Strava" and report.top_apps[0].sent == 2
    # Bob waited 2 h, Anna 1 h: median 1 h 30, nearest-rank p95 = 2 h, which is over the 90 min max wait.
    w = report.waits
    assert (w.count, w.median, w.p95, w.over_max) == (2, timedelta(minutes=90), timedelta(hours=2), 1)
    t = report.totals
    assert (t.notifications, t.desktop, t.phone, t.opened) == (5, 4, 1, 1)
    assert (t.replies, t.promises_kept, t.promises_share) == (1, 1, 1.0)
    assert report.previous is None and report.change("notifications") is None


def test_a_late_shown_message_breaks_the_promise() -> None:
    promised = local(2026, 11, 17, 15)[0]
    rows = [
        row(
            local(2026, 11, 17, 14),
            sender="Anna",
            verdict="hold",
            status_reply_at=promised - 3600,
            release_at=promised,
            shown_at=promised + 60,
        ),
        row(
            local(2026, 11, 17, 14),
            sender="Bob",
            verdict="hold",
            status_reply_at=promised - 3600,
            release_at=promised,
            shown_at=promised,
        ),
        row(
            local(2026, 11, 17, 14),
            sender="Cleo",
            verdict="hold",
            status_reply_at=promised - 3600,
            release_at=promised,
        ),
    ]
    t = build_report(rows, [], W47, AMS).totals
    assert (t.replies, t.promises_kept) == (3, 1)


def test_the_change_against_last_week() -> None:
    rows, checkins, spans = hand_week()
    last = [row(local(2026, 11, 10, 9), app_name="Slack") for _ in range(10)]
    report = build_report(rows, checkins, W47, AMS, focus_spans=spans, previous_rows=last)
    assert report.previous is not None and report.previous.notifications == 10
    change = report.change("notifications")
    assert change is not None and change.delta == -5 and change.percent == -50.0
    focus = report.change("longest_focus")
    assert focus is not None and focus.before == 0 and focus.now == 3 * 3600


def test_a_week_crossing_the_october_dst_change() -> None:
    """2026-W43 ends on Sunday 25 October, when Amsterdam's 03:00 CEST becomes 02:00 CET."""
    week = IsoWeek(2026, 43)
    start, end = week.bounds(AMS)
    assert start == datetime.fromisoformat("2026-10-18T22:00:00+00:00")
    assert end == datetime.fromisoformat("2026-10-25T23:00:00+00:00")
    assert end.timestamp() - start.timestamp() == 169 * 3600  # same-zone subtraction would say 168
    utc = lambda s: datetime.fromisoformat(s + "+00:00").timestamp()  # noqa: E731
    rows = [
        ReportRow(utc("2026-10-18T21:30"), 120, app_name="A"),  # Sun 23:30 CEST: week before
        ReportRow(utc("2026-10-18T22:30"), 120, app_name="A"),  # Mon 00:30 CEST
        ReportRow(utc("2026-10-25T00:30"), 120, app_name="B", verdict="deliver"),  # Sun 02:30 CEST
        ReportRow(utc("2026-10-25T01:30"), 60, app_name="B", verdict="hold"),  # Sun 02:30 CET, again
        ReportRow(utc("2026-10-25T22:30"), 60, app_name="C"),  # Sun 23:30 CET
        ReportRow(utc("2026-10-25T23:30"), 60, app_name="C"),  # Mon 00:30 CET: week after
    ]
    night = FocusSpan("night", datetime(2026, 10, 25, 1, tzinfo=AMS), datetime(2026, 10, 25, 4, tzinfo=AMS))
    report = build_report(rows, [], week, AMS, focus_spans=[night])
    assert report.totals.notifications == 4
    assert report.days[0].total == 1 and report.days[6].total == 3
    assert report.heatmap[0][0] == 1
    assert report.heatmap[6][2] == 2  # the hour that happened twice holds both arrivals
    assert report.heatmap[6][23] == 1
    sunday = report.days[6]
    assert sunday.focus == timedelta(hours=4)  # 01:00 to 04:00 on that night is four hours
    assert sunday.longest_focus == timedelta(hours=2, minutes=30)  # 02:30 CEST to 04:00 CET


def test_suggestions_name_ignored_apps_and_frequent_breakthroughs() -> None:
    base = local(2026, 11, 18, 8)
    rows = [row((base[0] + 60 * i, base[1]), app_name="Strava", body=f"kudos {i}") for i in range(143)]
    rows += [
        row((base[0] + 30 * i, base[1]), app_name="Signal", sender="Mum", window="deep work", rule="family")
        for i in range(6)
    ]
    rows += [row((base[0] + 30 * i, base[1]), app_name="Slack", opened=True) for i in range(40)]
    seen: list[object] = []

    def what_if(rule: object) -> str:
        seen.append(rule)
        return "would have held 6 of 6"

    report = build_report(rows, [], W47, AMS, what_if=what_if)
    texts = [s.text for s in report.suggestions]
    assert texts == [
        "Strava: 143 sent, 0 opened — mute?",
        'Mum broke through 6 times during focus (rule "family") — hold for check-ins?',
    ]
    assert report.suggestions[0].rule == {
        "name": "mute Strava",
        "why": "143 sent in 2026-W47, 0 opened",
        "match": {"app": "Strava", "person": False},  # a mute suggestion never mutes people
        "action": "mute",
    }
    assert report.suggestions[1].rule == {
        "name": "hold Mum in focus",
        "why": "broke through 6 times in 2026-W47",
        "match": {"sender": "Mum"},
        "action": "hold",
        "during": "any",
    }
    assert seen == [s.rule for s in report.suggestions]
    assert all(s.example is None for s in report.suggestions)
    shown = build_report(rows, [], W47, AMS, show_bodies=True)
    assert shown.suggestions[0].example == "kudos 142"


def test_an_app_already_muted_is_not_suggested_again() -> None:
    base = local(2026, 11, 18, 8)
    rows = [row((base[0] + i, base[1]), app_name="Strava", verdict="mute") for i in range(50)]
    assert build_report(rows, [], W47, AMS).suggestions == ()


def test_rule_hints_are_valid_rules() -> None:
    """The hint goes straight to the rules writer, so it must pass the rule files' own model."""
    from notifyzen.core.rulefile import RuleModel

    base = local(2026, 11, 18, 8)
    rows = [row((base[0] + 60 * i, base[1]), app_name="Strava") for i in range(30)]
    rows += [row((base[0] + 30 * i, base[1]), sender="Mum", window="deep work") for i in range(6)]
    suggestions = build_report(rows, [], W47, AMS).suggestions
    assert len(suggestions) == 2
    for s in suggestions:
        RuleModel.model_validate(s.rule)


def test_focus_spans_may_be_plain_tuples_but_must_be_aware() -> None:
    mon = datetime(2026, 11, 16, 9, tzinfo=AMS)
    seen = [row(local(2026, 11, 16, 8), app_name="Mail", verdict="hold")]  # notifyzen ran that day
    report = build_report(seen, [], W47, AMS, focus_spans=[("deep work", mon, mon + timedelta(hours=2))])
    assert report.days[0].longest_focus == timedelta(hours=2)
    with pytest.raises(ValueError, match="aware"):
        build_report(
            [], [], W47, AMS, focus_spans=[("x", datetime(2026, 11, 16, 9), datetime(2026, 11, 16, 10))]
        )


def test_no_focus_is_claimed_for_days_nothing_was_recorded() -> None:
    """The schedule has windows every day, but a day without a row or a held check-in is a day
    notifyzen most likely did not run: no "8 h uninterrupted" for it, and none for a week of them.
    A check-in written as missed at the next start does not make its day observed."""
    spans = [
        FocusSpan("deep work", datetime.combine(d, time(9), AMS), datetime.combine(d, time(17), AMS))
        for d in W47.days
    ]
    empty = build_report([], [], W47, AMS, focus_spans=spans, previous_rows=[])
    assert empty.totals.longest_focus == timedelta(0) and empty.totals.focus == timedelta(0)
    assert not any(d.observed for d in empty.days)
    ran = [row(local(2026, 11, 17, 12), app_name="Mail", verdict="hold", window="deep work")]
    missed = [
        ReportCheckIn(
            *local(2026, 11, 18, 12, 30), reason="missed", planned_at=local(2026, 11, 18, 12, 30)[0]
        )
    ]
    kept = [
        ReportCheckIn(
            *local(2026, 11, 19, 12, 30), reason="scheduled", planned_at=local(2026, 11, 19, 12, 30)[0]
        )
    ]
    two = build_report(ran, missed + kept, W47, AMS, focus_spans=spans)
    assert [d.longest_focus.total_seconds() / 3600 for d in two.days] == [0, 8, 0, 8, 0, 0, 0]
    assert [d.observed for d in two.days] == [False, True, False, True, False, False, False]
    assert two.totals.focus == timedelta(hours=16)
