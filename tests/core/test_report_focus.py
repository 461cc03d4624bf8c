"""The report's focus figures and mute suggestions against weeks worked out by hand (issue 18).

Each test is one thing a user saw go wrong: overlapping windows counted twice, hours notifyzen
was not running or had not yet lived counted, the night's sleep passed off as the longest focus
stretch, and people's messages called noise because nobody clicked their pop-up.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from notifyzen.core.report import FocusSpan, ReportRow, WeeklyReport, build_report
from notifyzen.core.runs import Run, ran
from tests.report.report_week import AMS, ASKED, W47, at, spans

H = timedelta(hours=1)


def hours(report: WeeklyReport) -> list[float | None]:
    return [None if d.to_come else d.focus / H for d in report.days]


def run(start: datetime, end: datetime | None) -> Run:
    """A run; `end` None: still running, its last heartbeat 30 s before ASKED."""
    last = end or ASKED - timedelta(seconds=30)
    return Run(start.timestamp(), last.timestamp(), end.timestamp() if end else None)


ALWAYS = [run(at(1, 0), at(30, 0))]  # notifyzen ran all month
SEEN = [ReportRow(at(16 + i, 8).timestamp(), 60, app_name="Mail", verdict="hold") for i in range(7)]


def test_a_window_around_others_counts_its_hours_once() -> None:
    """Deep work 09:00-10:30, 11:00-12:30, 14:00-15:30 inside a daily 11:00-19:00, and sleep
    22:30-07:00: a weekday is 9 h 30 of focus windows awake and 8 h 30 asleep, not 21 h."""
    report = build_report(SEEN, [], W47, AMS, focus_spans=spans(), runs=ALWAYS)
    assert hours(report) == [18.0] * 5 + [16.5] * 2
    assert [d.sleep / H for d in report.days] == [8.5] * 7
    assert report.totals.focus == 123 * H  # was 138 h: 5 x 21 h + 2 x 16 h 30
    assert report.totals.sleep == 59.5 * H


def test_sleep_is_never_the_longest_stretch() -> None:
    """A quiet night is 7 uninterrupted hours every day; the stretch a user means is awake:
    11:00-19:00 with nothing shown, not 00:00-07:00."""
    report = build_report(SEEN, [], W47, AMS, focus_spans=spans(), runs=ALWAYS)
    assert [d.longest_focus / H for d in report.days] == [8.0] * 7
    only_sleep = [s for s in spans() if s.name == "sleep"]
    asleep = build_report(SEEN, [], W47, AMS, focus_spans=only_sleep, runs=ALWAYS)
    assert asleep.totals.longest_focus == timedelta(0) and asleep.totals.focus == 59.5 * H


def test_focus_counts_only_while_notifyzen_ran() -> None:
    """First started Monday 11:52, stopped Tuesday 20:00, back Wednesday 07:30, still running on
    Sunday night: Monday's night and morning and Tuesday's evening are not claimed."""
    runs = [run(at(16, 11, 52), at(17, 20)), run(at(18, 7, 30), at(23, 0))]
    report = build_report(SEEN, [], W47, AMS, focus_spans=spans(), runs=runs)
    # Mon 11:52-19:00 and 22:30-24:00; Tue 00:00-07:00, 09:00-10:30, 11:00-19:00; Wed from 07:30
    assert hours(report)[:3] == [7 + 8 / 60 + 1.5, 16.5, 11.0]
    assert report.days[0].longest_focus == 7 * H + 8 * timedelta(minutes=1)  # not Monday's 7 h night
    # a restart of a few minutes is no gap: the stretch goes on
    restarted = [run(at(16, 11, 52), at(18, 13)), run(at(18, 13, 4), at(23, 0))]
    wednesday = build_report(SEEN, [], W47, AMS, focus_spans=spans(), runs=restarted).days[2]
    assert wednesday.longest_focus == 8 * H


def test_a_report_asked_mid_week_has_no_hours_to_come() -> None:
    """Asked Thursday 15:00 with notifyzen running: Thursday counts to 15:00, the rest is 'not
    yet' (no figure at all), and nothing from the days to come is the week's longest."""
    runs = [run(at(1, 0), None)]
    report = build_report(SEEN[:4], [], W47, AMS, focus_spans=spans(), runs=runs, now=ASKED)
    assert hours(report) == [18.0, 18.0, 18.0, 7 + 1.5 + 4, None, None, None]
    assert [d.to_come for d in report.days] == [False] * 4 + [True] * 3
    assert report.days[3].longest_focus == 4 * H  # 11:00 to now, not to 19:00
    assert report.totals.focus == 66.5 * H
    # without a run log (an old history) the same: nothing after now
    old = build_report(SEEN[:4], [], W47, AMS, focus_spans=spans(), now=ASKED)
    assert hours(old) == hours(report)


def test_an_interruption_splits_the_stretch_where_it_came() -> None:
    slack = [ReportRow(at(17, 13).timestamp(), 60, app_name="Slack", window="afternoon")]
    tuesday = build_report(slack, [], W47, AMS, focus_spans=spans(), runs=ALWAYS).days[1]
    assert tuesday.longest_focus == 6 * H  # 13:00-19:00; 11:00-13:00 is the shorter part


def test_ran_bridges_restarts_and_stops_at_now() -> None:
    start, end = W47.bounds(AMS)
    got = ran([run(at(16, 9), at(16, 12)), run(at(16, 12, 10), None)], start, end, now=ASKED)
    assert got.stretches == ((at(16, 9).timestamp(), ASKED.timestamp()),)
    assert got.known_from == at(16, 9).timestamp()
    assert ran([], start, end).stretches == ()


def chat(n: int, *, sender: str | None = "Anke", category: str | None = "im.received") -> list[ReportRow]:
    base = at(18, 19).timestamp()
    return [ReportRow(base + 60 * i, 60, app_name="Chat", sender=sender, category=category) for i in range(n)]


def test_people_are_never_suggested_for_muting() -> None:
    """20 messages from people, none clicked (they were read in the chat app, where notifyzen
    cannot see it): no "Chat: 20 sent, 0 opened — mute?"; with a sender or only an im category."""
    for rows in (chat(20), chat(20, category=None), chat(20, sender=None)):
        assert build_report(rows, [], W47, AMS).suggestions == ()
    # mostly people: the rest are most likely people too, from an app that did not say who
    assert build_report(chat(25) + chat(20, sender=None, category=None), [], W47, AMS).suggestions == ()


def test_an_app_with_some_people_is_judged_on_the_rest_and_its_rule_spares_them() -> None:
    rows = chat(5) + chat(30, sender=None, category=None)
    (s,) = build_report(rows, [], W47, AMS).suggestions
    assert (s.kind, s.sent, s.opened, s.people) == ("mute_app", 30, 0, 5)
    assert s.text == "Chat: 30 not from people, 0 opened — mute those? (5 from people are left alone)"
    assert s.rule["match"] == {"app": "Chat", "person": False}


def test_sleep_spans_as_tuples_work_too() -> None:
    night = ("sleep", datetime(2026, 11, 17, 0, tzinfo=AMS), datetime(2026, 11, 17, 7, tzinfo=AMS))
    report = build_report(SEEN, [], W47, AMS, focus_spans=[night, FocusSpan(*night)], runs=ALWAYS)
    assert (report.days[1].focus, report.days[1].sleep, report.days[1].longest_focus) == (7 * H, 7 * H, 0 * H)
