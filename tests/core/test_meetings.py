"""Meetings from a calendar as dated focus windows of the `meeting` preset (issue 19), in the core.

What a user notices: a colleague's message in a meeting waits (at most the meeting preset's hour),
the one timer wakes at a meeting's start and end, the end of a meeting is a check-in, the
meeting preset's rules do nothing outside meetings, and a reminder of the next meeting gets
through a focus block.
"""

from __future__ import annotations

import functools
from datetime import timedelta

from notifyzen.core.meetings import CalendarFocus, Event
from notifyzen.core.model import Source, Verdict
from notifyzen.core.ruleload import load_rules
from notifyzen.core.timeline import CheckIn, Timeline
from tests.core.rulekit import PRESETS, at, config, default_preset, make_notification


@functools.cache
def meeting_focus_of(*spans: tuple[str, str, str]) -> CalendarFocus:
    """(start, end, title) on the Amsterdam clock, in calendar "Work", under the shipped meeting preset."""
    rules, errors = load_rules([], [PRESETS / "meeting.yaml"])
    assert rules is not None, errors
    events = [Event(at(s), at(e), title, "Work") for s, e, title in spans]
    return CalendarFocus.of(events, rules.windows[0], rules.preset)


RETRO = ("2026-03-31 15:45", "2026-03-31 16:30", "Retro")  # a Tuesday, outside the deep-work blocks


def timeline(*spans: tuple[str, str, str]) -> Timeline:
    return Timeline(default_preset(), config(), calendar=meeting_focus_of(*spans) if spans else None)


def slack(when: str, who: str = "Priya Raman") -> object:
    return make_notification("Slack", who, when, sender=who, category="im.received")


def test_a_colleague_waits_for_the_end_of_the_meeting_and_not_without_it() -> None:
    message = make_notification("Slack", "Priya", "2026-03-31 15:50", sender="Priya", category="im.received")
    plain = timeline().take(1, message, message.at)
    assert plain.verdict is Verdict.DELIVER  # no calendar: 15:50 is free time

    t = timeline(RETRO)
    decision = t.take(1, message, message.at)
    assert decision.verdict is Verdict.HOLD
    assert decision.window == "meeting" and decision.rule == "people"
    assert decision.release_at == at("2026-03-31 16:30")  # the meeting's end, before the hour's max wait
    shown = [e for e in t.advance(at("2026-03-31 16:31")) if isinstance(e, CheckIn)]
    assert [(c.at, c.reason, c.released) for c in shown] == [(at("2026-03-31 16:30"), "breakpoint", (1,))]


def test_people_wait_at_most_the_meeting_presets_hour_in_a_long_meeting() -> None:
    t = timeline(("2026-03-31 13:00", "2026-03-31 17:30", "Offsite"))
    message = make_notification("Signal", "Anke", "2026-03-31 15:50", sender="Anke", source=Source.PHONE)
    assert t.take(1, message, message.at).release_at == at("2026-03-31 16:50")


def test_the_one_timer_wakes_at_the_meetings_start_and_end() -> None:
    t = timeline(RETRO)
    assert t.next_change(at("2026-03-31 15:31")) == at("2026-03-31 15:45")
    assert t.next_change(at("2026-03-31 15:46")) == at("2026-03-31 16:30")
    assert t.silences(at("2026-03-31 15:46")) and not t.silences(at("2026-03-31 16:30"))
    meeting = t.meeting(at("2026-03-31 16:00"))
    assert meeting is not None and (meeting.title, meeting.calendar, meeting.end) == (
        "Retro",
        "Work",
        at("2026-03-31 16:30"),
    )
    assert t.meeting(at("2026-03-31 16:30")) is None


def test_a_meeting_inside_deep_work_ends_focus_only_where_both_are_over() -> None:
    # deep work 11:00-12:30; the meeting runs on to 13:00: one breakpoint, at 13:00
    t = timeline(("2026-03-31 12:00", "2026-03-31 13:00", "Architecture review"))
    assert t.focus_end(at("2026-03-31 11:30")) == at("2026-03-31 13:00")
    assert t.active_window(at("2026-03-31 12:15")) == "meeting"  # the meeting names the focus
    assert t.active_window(at("2026-03-31 11:45")) == "deep work"


def test_the_meeting_presets_rules_say_nothing_outside_meetings() -> None:
    t = timeline(RETRO)
    message = make_notification("Slack", "Priya", "2026-03-31 17:05", sender="Priya", category="im.received")
    assert t.take(1, message, message.at).verdict is Verdict.DELIVER


def test_a_reminder_of_a_meeting_ahead_comes_through_deep_work() -> None:
    # Thunderbird's reminders share the mail app's name: one that says no time ("in 15 minutes" would
    # be recognised by its words, issue 17) is only known as a reminder by the calendar
    reminder = make_notification("Thunderbird", "Architecture review", "2026-03-31 11:45")
    assert timeline().take(1, reminder, reminder.at).verdict is Verdict.HOLD
    t = timeline(("2026-03-31 12:00", "2026-03-31 13:00", "Architecture review"))
    decision = t.take(1, reminder, reminder.at)
    assert (decision.verdict, decision.rule) == (Verdict.DELIVER, "time-sensitive")


def test_not_a_reminder_a_message_about_it_a_past_event_or_another_title() -> None:
    focus = meeting_focus_of(("2026-03-31 12:00", "2026-03-31 13:00", "Retro"))
    now = at("2026-03-31 11:45")
    assert focus.reminder_of(make_notification("Calendar", "Retro (in 15 minutes)"), now) == "retro"
    assert focus.reminder_of(make_notification("Calendar", "Reminder", body="Retro: now"), now) == "retro"
    assert focus.reminder_of(make_notification("Slack", "Retro?", sender="Priya"), now) is None  # a person
    assert focus.reminder_of(make_notification("News", "Retrospective of 2026"), now) is None
    assert focus.reminder_of(make_notification("Calendar", "Retro"), at("2026-03-31 12:10")) is None  # begun
    a_day_before = at("2026-03-31 12:00") - timedelta(days=1, minutes=1)
    assert focus.reminder_of(make_notification("Calendar", "Retro"), a_day_before) is None


def test_overlapping_meetings_are_one_focus_until_the_last_ends() -> None:
    t = timeline(
        ("2026-03-31 15:45", "2026-03-31 16:30", "Retro"),
        ("2026-03-31 16:15", "2026-03-31 17:15", "Customer call"),
    )
    assert t.focus_end(at("2026-03-31 15:50")) == at("2026-03-31 17:15")
    meeting = t.meeting(at("2026-03-31 16:20"))
    assert meeting is not None and meeting.title == "Customer call"  # the one ending last


def test_manual_focus_is_the_users_own_not_the_calendars() -> None:
    t = timeline(RETRO)
    t.focus(at("2026-03-31 15:40"), 60)
    assert t.meeting(at("2026-03-31 16:00")) is None
    assert t.active_window(at("2026-03-31 16:00")) == "focus"


def test_a_rule_reload_keeps_the_meetings() -> None:
    t = timeline(RETRO)
    t.replace_rules(default_preset(), config())
    assert t.active_window(at("2026-03-31 16:00")) == "meeting"
    t.set_calendar(None)
    assert t.active_window(at("2026-03-31 16:00")) is None


def test_an_event_that_is_no_meeting_is_no_focus_but_its_reminder_counts() -> None:
    rules, _ = load_rules([], [PRESETS / "meeting.yaml"])
    assert rules is not None
    free = Event(at("2026-03-31 15:45"), at("2026-03-31 16:30"), "Dentist", "Home", focus=False)
    t = Timeline(
        default_preset(), config(), calendar=CalendarFocus.of([free], rules.windows[0], rules.preset)
    )
    assert t.active_window(at("2026-03-31 16:00")) is None
    reminder = make_notification("Evolution", "Dentist", "2026-03-31 10:00", body="15:45")
    assert t.take(1, reminder, reminder.at).rule == "time-sensitive"


def test_the_same_meeting_in_two_calendars_is_one_focus() -> None:
    rules, _ = load_rules([], [PRESETS / "meeting.yaml"])
    assert rules is not None
    both = [Event(at(RETRO[0]), at(RETRO[1]), "Retro", name) for name in ("Work", "Team")]
    t = Timeline(default_preset(), config(), calendar=CalendarFocus.of(both, rules.windows[0], rules.preset))
    assert t.focus_end(at("2026-03-31 16:00")) == at("2026-03-31 16:30")
    assert t.next_change(at("2026-03-31 15:31")) == at("2026-03-31 15:45")
