"""The Timeline: what is held, and exactly when it is shown."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from notifyzen.core.model import Decision, Item, Urgency, Verdict
from notifyzen.core.timeline import CheckIn, Release, Timeline
from tests.core.rulekit import at, config, default_preset, make_notification, ruleset

THREE_HOURS = """
windows:
  - name: deep work
    days: weekdays
    times: 09:00-12:00
  - name: sleep
    times: 22:30-07:00
    max_wait: off
rules:
  - name: newsletters
    match: {app: News}
    action: mute
  - name: ci
    match: {app: CI}
    action: {do: hold_until, until: "17:30"}
  - name: chat waits for the break
    match: {app: Chat}
    action: {do: hold_until, until: end of window}
"""


def timeline(tmp_path: Path, text: str = THREE_HOURS, **cfg: object) -> Timeline:
    return Timeline(ruleset(tmp_path, preset=text), config(**cfg))


def shown(events: list[Release | CheckIn]) -> dict[int, tuple[datetime, str]]:
    """id -> (when, how) for everything the events show."""
    out: dict[int, tuple[datetime, str]] = {}
    for e in events:
        if isinstance(e, CheckIn):
            out.update({i: (e.at, e.reason) for i in e.released})
        else:
            out[e.id] = (e.at, e.shown_by.value)
    return out


def test_held_until_the_next_checkin_or_max_wait_whichever_first(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=(time(10, 0),))
    tl.advance(at("2026-03-30 09:00"))
    person_early = tl.take(1, make_notification("Signal", sender="Anke"), at("2026-03-30 09:05"))
    app = tl.take(2, make_notification("Updates"), at("2026-03-30 09:05"))
    person_late = tl.take(3, make_notification("Signal", sender="Bob"), at("2026-03-30 10:05"))
    assert person_early.release_at == at("2026-03-30 10:00")  # check-in before 10:35
    assert app.release_at == at("2026-03-30 10:00")
    assert person_late.release_at == at("2026-03-30 11:35")  # max wait before the 12:00 breakpoint
    events = tl.advance(at("2026-03-30 13:00"))
    assert shown(events) == {
        1: (at("2026-03-30 10:00"), "scheduled"),
        2: (at("2026-03-30 10:00"), "scheduled"),
        3: (at("2026-03-30 11:35"), "max_wait"),
    }
    assert [e.at for e in events] == sorted(e.at for e in events)


def test_critical_is_shown_at_arrival(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    decision = tl.take(1, make_notification(urgency=Urgency.CRITICAL), at("2026-03-30 10:00"))
    assert (decision.verdict, decision.rule) == (Verdict.DELIVER, "critical")
    assert not tl.held


def test_muted_is_never_shown(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    assert tl.take(1, make_notification("News"), at("2026-03-30 10:00")).verdict is Verdict.MUTE
    events = tl.advance(at("2026-04-06 10:00"))
    assert 1 not in shown(events)
    assert 1 not in shown([tl.checkin_now(at("2026-04-06 10:00"))])


def test_window_end_is_a_breakpoint_checkin(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=())
    tl.take(1, make_notification("Updates"), at("2026-03-30 10:00"))
    events = tl.advance(at("2026-03-30 12:30"))
    assert events == [CheckIn(at("2026-03-30 12:00"), "breakpoint", (1,))]


def test_default_preset_breaks_are_the_ends_of_its_blocks() -> None:
    tl = Timeline(default_preset(), config())
    tl.advance(at("2026-03-30 08:00"))
    tl.take(1, make_notification("Updates"), at("2026-03-30 14:10"))
    events = tl.advance(at("2026-03-30 23:00"))
    assert [(e.at, e.reason) for e in events if isinstance(e, CheckIn)] == [
        (at("2026-03-30 10:30"), "scheduled"),
        (at("2026-03-30 12:30"), "scheduled"),
        (at("2026-03-30 15:30"), "breakpoint"),
        (at("2026-03-30 17:00"), "scheduled"),
    ]
    assert shown(events)[1] == (at("2026-03-30 15:30"), "breakpoint")


def test_sleep_holds_people_until_morning_across_dst(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=())
    decision = tl.take(1, make_notification("Signal", sender="Anke"), at("2026-03-28 23:00"))
    assert decision.release_at == datetime(2026, 3, 29, 5, 0, tzinfo=UTC)  # 07:00 CEST
    assert shown(tl.advance(at("2026-03-29 12:00"))) == {1: (at("2026-03-29 07:00"), "breakpoint")}


def test_hold_until_ignores_checkins_but_not_a_manual_one(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=(time(13, 0),))
    assert tl.take(1, make_notification("CI"), at("2026-03-30 10:00")).release_at == at("2026-03-30 17:30")
    assert tl.take(2, make_notification("CI"), at("2026-03-30 10:00")).release_at == at("2026-03-30 17:30")
    events = tl.advance(at("2026-03-30 18:00"))
    assert shown(events) == {
        1: (at("2026-03-30 17:30"), "hold_until"),
        2: (at("2026-03-30 17:30"), "hold_until"),
    }
    tl.take(3, make_notification("CI"), at("2026-03-30 18:00"))
    assert tl.checkin_now(at("2026-03-30 18:05")).released == (3,)


def test_hold_until_end_of_window_waits_for_the_breakpoint_only(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=(time(10, 30),))
    assert tl.take(1, make_notification("Chat"), at("2026-03-30 10:00")).release_at == at("2026-03-30 12:00")
    assert shown(tl.advance(at("2026-03-30 12:00"))) == {1: (at("2026-03-30 12:00"), "breakpoint")}


def test_a_conversation_is_shown_together_at_its_first_max_wait(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=())
    first = tl.take(1, make_notification("Signal", sender="Anke"), at("2026-03-30 09:05"))
    second = tl.take(2, make_notification("Signal", sender="anke"), at("2026-03-30 09:50"))
    other = tl.take(3, make_notification("Signal", sender="Bob"), at("2026-03-30 09:50"))
    assert first.release_at == second.release_at == at("2026-03-30 10:35")
    assert other.release_at == at("2026-03-30 11:20")
    assert shown(tl.advance(at("2026-03-30 12:00"))) == {
        1: (at("2026-03-30 10:35"), "max_wait"),
        2: (at("2026-03-30 10:35"), "max_wait"),
        3: (at("2026-03-30 11:20"), "max_wait"),
    }


def test_a_repeated_call_breaks_through_and_brings_the_held_messages(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    call = make_notification("Phone", "Missed call", sender="Anke", category="call.unanswered")
    assert (
        tl.take(1, make_notification("Signal", sender="Anke"), at("2026-03-30 10:00")).verdict is Verdict.HOLD
    )
    assert tl.take(2, call, at("2026-03-30 10:05")).verdict is Verdict.HOLD
    third = tl.take(3, call, at("2026-03-30 10:07"))
    assert (third.verdict, third.rule) == (Verdict.DELIVER, "repeated contact")
    assert tl.next_change(at("2026-03-30 10:07")) == at("2026-03-30 10:07")
    assert shown(tl.advance(at("2026-03-30 10:07"))) == {
        1: (at("2026-03-30 10:07"), "arrival"),
        2: (at("2026-03-30 10:07"), "arrival"),
    }
    assert not tl.held


def test_repeated_contact_window_slides(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    call = make_notification("Phone", "Missed call", sender="Anke", category="call.unanswered")
    assert tl.take(1, call, at("2026-03-30 10:00")).verdict is Verdict.HOLD
    assert tl.take(2, call, at("2026-03-30 10:04")).verdict is Verdict.HOLD  # 4 min later: a new first try
    assert tl.take(3, call, at("2026-03-30 10:06")).rule == "repeated contact"


def test_coming_back_from_idle_is_a_breakpoint(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=())
    tl.take(1, make_notification("Updates"), at("2026-03-30 10:00"))
    tl.idle(at("2026-03-30 10:01"))
    assert tl.active(at("2026-03-30 10:05")) is None  # 4 minutes: not a break
    tl.idle(at("2026-03-30 10:10"))
    checkin = tl.active(at("2026-03-30 10:25"))
    assert checkin == CheckIn(at("2026-03-30 10:25"), "breakpoint", (1,))
    assert not tl.held


def test_idle_breakpoint_can_be_off(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=(), idle_breakpoint=timedelta(0))
    tl.take(1, make_notification("Updates"), at("2026-03-30 10:00"))
    tl.idle(at("2026-03-30 10:01"))
    assert tl.active(at("2026-03-30 11:00")) is None


def test_missed_checkins_coalesce_into_one(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=(time(10, 30), time(14, 0)))
    tl.take(1, make_notification("Updates"), at("2026-03-30 10:00"))
    tl.take(2, make_notification("Signal", sender="Anke"), at("2026-03-30 10:00"))
    items = list(tl.held.values())

    restarted = timeline(tmp_path, checkins=(time(10, 30), time(14, 0)))
    restarted.restore(items)
    checkin = restarted.missed(at("2026-03-30 10:01"), at("2026-03-31 08:00"))
    assert checkin == CheckIn(at("2026-03-31 08:00"), "missed", (1, 2))
    assert restarted.advance(at("2026-03-31 08:00")) == []
    assert [e.at for e in restarted.advance(at("2026-03-31 11:00"))] == [at("2026-03-31 10:30")]


def test_nothing_missed_is_no_checkin(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=(time(10, 30),))
    tl.take(1, make_notification("Updates"), at("2026-03-30 09:00"))
    assert tl.missed(at("2026-03-30 09:10"), at("2026-03-30 09:20")) is None
    assert 1 in tl.held


def test_restore_keeps_the_promised_time(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=())
    n = make_notification("Signal", sender="Anke", when="2026-03-30 09:05")
    decision = Decision(Verdict.HOLD, "default", "no rule matched", at("2026-03-30 10:35"))
    tl.restore([Item(7, n, decision)], at("2026-03-30 09:30"))
    tl.advance(at("2026-03-30 09:30"))
    assert shown(tl.advance(at("2026-03-30 11:00"))) == {7: (at("2026-03-30 10:35"), "max_wait")}


def test_manual_focus_holds_and_its_end_is_a_breakpoint(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=(time(13, 10),))
    tl.advance(at("2026-03-30 13:00"))
    tl.focus(at("2026-03-30 13:00"), minutes=25)
    assert tl.active_window(at("2026-03-30 13:01")) == "focus"
    decision = tl.take(1, make_notification("Updates"), at("2026-03-30 13:01"))
    assert (decision.verdict, decision.window) == (Verdict.HOLD, "focus")
    assert decision.release_at == at("2026-03-30 13:25")  # the 13:10 check-in waits for the focus to end
    events = tl.advance(at("2026-03-30 14:00"))
    assert events == [CheckIn(at("2026-03-30 13:25"), "breakpoint", (1,))]
    assert tl.focused is None


def test_ending_focus_early_is_a_breakpoint(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=())
    tl.focus(at("2026-03-30 13:00"))
    tl.take(1, make_notification("Updates"), at("2026-03-30 13:01"))
    assert tl.unfocus(at("2026-03-30 13:40")) == CheckIn(at("2026-03-30 13:40"), "breakpoint", (1,))


def test_pause_shows_what_was_held_and_lets_everything_through(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    tl.take(1, make_notification("Updates"), at("2026-03-30 10:00"))
    assert tl.pause(at("2026-03-30 10:05"), minutes=30) == CheckIn(at("2026-03-30 10:05"), "manual", (1,))
    assert tl.take(2, make_notification("News"), at("2026-03-30 10:10")).rule == "paused"
    tl.advance(at("2026-03-30 10:40"))
    assert tl.take(3, make_notification("Updates"), at("2026-03-30 10:40")).verdict is Verdict.HOLD


def test_snooze_puts_a_shown_notification_back_until_the_next_checkin(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=(time(16, 0),))
    tl.take(1, make_notification("Updates"), at("2026-03-30 13:00"))  # outside focus: shown
    decision = tl.snooze(1, at("2026-03-30 13:05"))
    assert (decision.verdict, decision.rule, decision.release_at) == (
        Verdict.HOLD,
        "snoozed",
        at("2026-03-30 16:00"),
    )
    assert shown(tl.advance(at("2026-03-30 16:00"))) == {1: (at("2026-03-30 16:00"), "scheduled")}
    with pytest.raises(KeyError):
        tl.snooze(99, at("2026-03-30 16:05"))


def test_replace_rules_keeps_held_items_and_their_promise(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=(time(11, 0),))
    tl.take(1, make_notification("Updates"), at("2026-03-30 10:00"))
    tl.replace_rules(ruleset(tmp_path, preset=THREE_HOURS), config(checkins=(time(11, 30),)))
    assert 1 in tl.held
    # The promise (11:00) is kept though the new check-in is later.
    assert shown(tl.advance(at("2026-03-30 12:00")))[1][0] == at("2026-03-30 11:00")


def test_forget(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    tl.take(1, make_notification("Updates"), at("2026-03-30 10:00"))
    tl.forget(1)
    assert not tl.held and tl.advance(at("2026-03-30 13:00"))[0].released == ()  # type: ignore[union-attr]


def test_next_change_is_when_advance_has_something(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=(time(10, 30),))
    now = at("2026-03-30 08:00")
    tl.advance(now)
    tl.take(1, make_notification("Signal", sender="Anke"), at("2026-03-30 08:00"))  # outside: shown
    moments = []
    for _ in range(6):
        nxt = tl.next_change(now)
        assert nxt is not None and nxt > now
        moments.append(nxt)
        now = nxt
        tl.advance(now)
    assert moments == [at(f"2026-03-30 {t}") for t in ("09:00", "10:30", "12:00", "22:30")] + [
        at("2026-03-31 07:00"),
        at("2026-03-31 09:00"),
    ]


def test_zero_argument_timeline_delivers_everything() -> None:
    tl = Timeline()
    assert tl.take(1, make_notification(), at("2026-03-30 10:00")).verdict is Verdict.DELIVER
    assert tl.next_checkin(at("2026-03-30 10:00")) is not None  # the default check-in times


def test_a_restored_promise_already_past_is_shown_at_once(tmp_path: Path) -> None:
    tl = timeline(tmp_path, checkins=())
    tl.advance(at("2026-03-30 11:00"))
    n = make_notification("Signal", sender="Anke", when="2026-03-30 09:05")
    tl.restore(Item(7, n, Decision(Verdict.HOLD, "default", "no rule matched", at("2026-03-30 10:35"))))
    assert shown(tl.advance(at("2026-03-30 11:01"))) == {7: (at("2026-03-30 11:00"), "max_wait")}


def test_a_clock_stepped_back_repeats_no_checkin_and_promises_none_that_passed(tmp_path: Path) -> None:
    """NTP steps the clock back from 10:31 to 10:01: the 10:30 check-in happened and is not
    repeated, so what is held at 10:05 is promised, and shown at, the next one (12:30), and the
    tray's next check-in says 12:30 too; before, both said 10:30 and nothing came then."""
    tl = Timeline(default_preset(), config(checkins=(time(10, 30), time(12, 30))))
    saturday = "2026-04-04"  # no focus: the default preset holds low urgency for the check-in
    tl.advance(at(f"{saturday} 10:00"))
    tl.take(
        1, make_notification("Mail", when=f"{saturday} 10:00", urgency=Urgency.LOW), at(f"{saturday} 10:00")
    )
    assert shown(tl.advance(at(f"{saturday} 10:31"))) == {1: (at(f"{saturday} 10:30"), "scheduled")}
    assert tl.advance(at(f"{saturday} 10:01")) == []  # the clock stepped back
    n = make_notification("Mail", when=f"{saturday} 10:05", urgency=Urgency.LOW)
    decision = tl.take(2, n, at(f"{saturday} 10:05"))
    assert tl.next_checkin(at(f"{saturday} 10:05")) == at(f"{saturday} 12:30")
    assert tl.advance(at(f"{saturday} 10:30")) == []  # once, not twice
    assert shown(tl.advance(at(f"{saturday} 12:31"))) == {2: (at(f"{saturday} 12:30"), "scheduled")}
    assert decision.release_at == at(f"{saturday} 12:30")


def test_the_desktop_is_silenced_only_inside_focus_and_never_while_paused(tmp_path: Path) -> None:
    """Observe mode turns the desktop's own Do not disturb on exactly while this says so: the
    scheduled window, sleep and manual focus, not the rest of the day, and not during a pause."""
    tl = timeline(tmp_path)
    assert not tl.silences(at("2026-03-30 08:59"))  # a Monday before deep work
    assert tl.silences(at("2026-03-30 09:00"))
    assert not tl.silences(at("2026-03-30 12:00"))  # the window's end
    assert tl.silences(at("2026-03-30 23:00"))  # sleep
    assert not tl.silences(at("2026-04-04 10:00"))  # Saturday: no deep work
    edge = tl.next_change(at("2026-03-30 08:30"))
    assert edge == at("2026-03-30 09:00")  # the timer wakes the app when the answer flips
    tl.focus(at("2026-03-30 14:00"), 25)
    assert tl.silences(at("2026-03-30 14:10"))
    assert not tl.silences(at("2026-03-30 14:30"))  # manual focus over
    tl.advance(at("2026-03-30 09:30"))
    tl.pause(at("2026-03-30 09:30"), 10)
    assert not tl.silences(at("2026-03-30 09:35"))


def test_paused_lets_a_burst_through_too(tmp_path: Path) -> None:
    """Pause promises "everything comes through": fifteen identical CI notifications in a second
    are all shown, none held by the flood gate (which applies again after Resume)."""
    tl = timeline(tmp_path)
    start = at("2026-03-30 13:00")  # outside the windows
    tl.advance(start)
    tl.pause(start)
    paused = [tl.take(i, make_notification("CI", summary="build failed"), start).verdict for i in range(15)]
    assert paused == [Verdict.DELIVER] * 15
    tl.resume(start)
    later = at("2026-03-30 13:05")
    ci = make_notification("CI", summary="build failed")
    after = [tl.take(100 + i, ci, later).verdict for i in range(15)]
    assert Verdict.HOLD in after  # the gate is back
