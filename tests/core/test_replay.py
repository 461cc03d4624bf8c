"""Hand-made streams replayed through the real Timeline and real rule files.

Each test tells a small story a user would recognise (a message during deep work, a battery
running out, someone writing twice, a muted app, a night, a DST change, a lunch break) and checks
when, and why, each notification reached the user's eyes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.config import Config
from notifyzen.core.model import Notification, ShownBy, Source, Urgency, Verdict
from notifyzen.core.replay import Entry, Presence, Run, parse_lines, to_jsonl_line
from notifyzen.core.replay_summary import summarize
from notifyzen.core.replay_text import run_json
from notifyzen.core.ruleload import load_rules
from notifyzen.core.rules import RuleSet
from notifyzen.core.stream import StreamError
from notifyzen.core.whatif import simulate

BERLIN = ZoneInfo("Europe/Berlin")

RULES = """
windows:
  - name: deep work
    days: mon-fri
    times: [09:00-12:00]
  - name: sleep
    days: daily
    times: 22:30-07:00
    max_wait: off
rules:
  - name: no updates
    match: {app: Discover}
    action: mute
"""


@pytest.fixture
def rules(tmp_path: Path) -> RuleSet:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES)
    loaded, errors = load_rules([path])
    assert not errors and loaded is not None
    return loaded


def config(checkins: tuple[time, ...] = (time(10, 30), time(17, 0))) -> Config:
    return Config(checkins=checkins, max_wait=timedelta(minutes=90), zone=BERLIN)


def at(text: str) -> datetime:
    """Local Berlin wall-clock time, as the user reads it."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def msg(when: str, sender: str = "Anke", app: str = "Signal", **kw: object) -> Notification:
    return Notification(app_name=app, summary=sender, body="hi", at=at(when), sender=sender, **kw)  # type: ignore[arg-type]


def noise(when: str, app: str = "BBC News", **kw: object) -> Notification:
    return Notification(app_name=app, summary="headline", at=at(when), **kw)  # type: ignore[arg-type]


def run(events: Sequence[Notification | Presence], rules: RuleSet, cfg: Config | None = None) -> Run:
    return simulate([Entry(i + 1, e) for i, e in enumerate(events)], rules, cfg or config())


def fate(r: Run, line: int) -> tuple[Verdict, str, datetime | None, ShownBy | None]:
    [o] = [o for o in r.outcomes if o.line == line]
    local = o.shown_at.astimezone(BERLIN).replace(tzinfo=None) if o.shown_at else None
    return o.decision.verdict, o.decision.rule, local, o.shown_by


def wall(text: str) -> datetime:
    return datetime.fromisoformat(text)


# 2026-11-16 is a Monday.


def test_a_persons_message_in_focus_waits_for_the_check_in_when_that_comes_first(rules: RuleSet) -> None:
    r = run([msg("2026-11-16 09:20")], rules)  # max wait would be 10:50; the 10:30 check-in is earlier
    assert fate(r, 1) == (Verdict.HOLD, "default", wall("2026-11-16 10:30"), ShownBy.CHECKIN)


def test_a_persons_message_in_focus_is_shown_at_max_wait_when_that_comes_first(rules: RuleSet) -> None:
    r = run([msg("2026-11-16 09:20")], rules, config(checkins=(time(17, 0),)))
    assert fate(r, 1) == (Verdict.HOLD, "default", wall("2026-11-16 10:50"), ShownBy.MAX_WAIT)
    s = summarize(r, BERLIN)
    assert (s.people.within_max_wait, s.people.longest) == (1, timedelta(minutes=90))
    assert (s.interruptions, s.passthrough_interruptions) == (1, 1)  # shown at 10:50, still deep work


def test_a_critical_notification_interrupts_at_arrival(rules: RuleSet) -> None:
    battery = noise("2026-11-16 09:40", app="Power Management", urgency=Urgency.CRITICAL)
    r = run([noise("2026-11-16 09:39"), battery], rules)
    assert fate(r, 2) == (Verdict.DELIVER, "critical", wall("2026-11-16 09:40"), ShownBy.ARRIVAL)
    assert fate(r, 1)[2:] == (wall("2026-11-16 10:30"), ShownBy.CHECKIN)
    assert summarize(r, BERLIN).interruptions == 1


def test_a_second_message_within_three_minutes_breaks_through_and_brings_the_first(rules: RuleSet) -> None:
    counting_messages = replace(config(), repeated_of="people")
    stream = [msg("2026-11-16 09:30:00"), msg("2026-11-16 09:32:30"), msg("2026-11-16 09:50", sender="Mum")]
    r = run(stream, rules, counting_messages)
    assert fate(r, 2) == (Verdict.DELIVER, "repeated contact", wall("2026-11-16 09:32:30"), ShownBy.ARRIVAL)
    assert fate(r, 1) == (Verdict.HOLD, "default", wall("2026-11-16 09:32:30"), ShownBy.ARRIVAL)
    assert fate(r, 3)[1:] == ("default", wall("2026-11-16 10:30"), ShownBy.CHECKIN)  # Mum wrote once
    assert summarize(r, BERLIN).interruptions == 1  # one pop-up moment


def test_by_default_a_call_after_a_message_breaks_through_but_a_chat_burst_does_not(rules: RuleSet) -> None:
    call = msg("2026-11-16 09:34", app="Phone", category="call.unanswered", source=Source.PHONE)
    r = run([msg("2026-11-16 09:30:00"), msg("2026-11-16 09:31:10"), call], rules)
    assert [fate(r, i)[0] for i in (1, 2)] == [Verdict.HOLD, Verdict.HOLD]
    assert fate(r, 3)[:2] == (Verdict.DELIVER, "repeated contact")
    assert {fate(r, i)[2] for i in (1, 2, 3)} == {wall("2026-11-16 09:34")}


def test_a_second_message_after_three_minutes_does_not_break_through(rules: RuleSet) -> None:
    r = run(
        [msg("2026-11-16 09:30:00"), msg("2026-11-16 09:33:30")],
        rules,
        replace(config(), repeated_of="people"),
    )
    assert [fate(r, i)[0] for i in (1, 2)] == [Verdict.HOLD, Verdict.HOLD]


def test_a_muted_app_is_never_shown_but_still_reported(rules: RuleSet) -> None:
    r = run([noise("2026-11-16 08:00", app="Discover"), noise("2026-11-16 08:01")], rules)
    assert fate(r, 1) == (Verdict.MUTE, "no updates", None, None)
    assert fate(r, 2)[2:] == (wall("2026-11-16 08:01"), ShownBy.ARRIVAL)
    notifications = run_json(r, summarize(r, BERLIN), BERLIN)["notifications"]
    assert [(n["line"], n["decision"], n["rule"], n["shown_at"], n["shown_by"]) for n in notifications] == [
        (1, "mute", "no updates", None, None),
        (2, "deliver", "default", "2026-11-16T08:01:00+01:00", "arrival"),
    ]


def test_a_message_late_at_night_waits_past_midnight_for_the_end_of_sleep(rules: RuleSet) -> None:
    r = run(
        [msg("2026-11-16 23:50"), noise("2026-11-17 00:10"), msg("2026-11-17 06:59", sender="Mum")], rules
    )
    morning = wall("2026-11-17 07:00")
    assert [fate(r, i)[2] for i in (1, 2, 3)] == [morning, morning, morning]
    assert r.focus[0].name == "sleep"
    assert r.focus[0].start == at("2026-11-16 22:30") and r.focus[0].end == at("2026-11-17 07:00")


def test_the_night_the_clocks_go_back_lasts_an_hour_longer_and_still_ends_at_seven(rules: RuleSet) -> None:
    # Sunday 2026-10-25 03:00 CEST -> 02:00 CET. The first line is in UTC, as another device may write it.
    stream = [
        '{"at": "2026-10-24T21:00:00Z", "app_name": "Signal", "summary": "Anke", "sender": "Anke"}',
        '{"at": "2026-10-25T02:30:00+02:00", "app_name": "BBC News", "summary": "Storm warning"}',
        '{"at": "2026-10-25T02:30:00+01:00", "app_name": "BBC News", "summary": "Storm warning (again)"}',
    ]
    r = simulate(parse_lines(stream, "dst.jsonl"), rules, config())
    for line in (1, 2, 3):
        shown = r.outcomes[line - 1].shown_at
        assert shown is not None and shown.astimezone(BERLIN).isoformat() == "2026-10-25T07:00:00+01:00"
    waits = [o.wait for o in r.outcomes]
    assert waits[0] == timedelta(hours=9)  # 23:00 CEST to 07:00 CET: an hour more than the clock says
    assert next(f.end.isoformat() for f in r.focus if f.name == "sleep") == "2026-10-25T07:00:00+01:00"


def test_the_night_the_clocks_go_forward_ends_at_seven_too(rules: RuleSet) -> None:
    r = run([noise("2026-03-28 23:00")], rules)  # Sunday 2026-03-29 02:00 CET -> 03:00 CEST
    shown = r.outcomes[0].shown_at
    assert shown is not None and shown.astimezone(BERLIN).isoformat() == "2026-03-29T07:00:00+02:00"
    assert r.outcomes[0].wait == timedelta(hours=7)


def test_coming_back_from_a_break_is_a_breakpoint_check_in(rules: RuleSet) -> None:
    r = run(
        [
            noise("2026-11-16 09:05"),
            Presence(at("2026-11-16 09:20"), idle=True),
            Presence(at("2026-11-16 09:45"), idle=False),
            noise("2026-11-16 09:50"),
        ],
        rules,
    )
    assert fate(r, 1)[2:] == (wall("2026-11-16 09:45"), ShownBy.BREAKPOINT)
    assert fate(r, 4)[2:] == (wall("2026-11-16 10:30"), ShownBy.CHECKIN)
    assert [(c.at.astimezone(BERLIN).time(), c.reason) for c in r.checkins[:2]] == [
        (time(9, 45), "breakpoint"),
        (time(10, 30), "scheduled"),
    ]


def test_a_short_absence_is_no_breakpoint(rules: RuleSet) -> None:
    away = [Presence(at("2026-11-16 09:20"), idle=True), Presence(at("2026-11-16 09:25"), idle=False)]
    r = run([noise("2026-11-16 09:05"), *away], rules)
    assert fate(r, 1)[3] is ShownBy.CHECKIN


def test_results_keep_input_order_and_drop_nothing_whatever_the_arrival_order(rules: RuleSet) -> None:
    events: list[Notification | Presence] = [
        noise("2026-11-16 11:00"),
        msg("2026-11-16 09:10"),
        noise("2026-11-16 08:00", app="Discover"),
    ]
    r = run(events, rules)
    assert [o.notification for o in r.outcomes] == events
    assert [o.line for o in r.outcomes] == [1, 2, 3]


def test_the_same_stream_gives_the_same_run_whichever_way_the_clock_is_stepped(rules: RuleSet) -> None:
    from notifyzen.core.weekgen import generate_week

    week = generate_week(datetime(2026, 11, 16).date(), BERLIN, seed=4)
    entries = parse_lines([to_jsonl_line(e) for e in week], "gen")
    jumping = simulate(entries, rules, config())
    ticking = simulate(entries, rules, config(), follow_timer=True)
    assert jumping == simulate(entries, rules, config())
    assert [(o.decision, o.shown_at, o.shown_by) for o in ticking.outcomes] == [
        (o.decision, o.shown_at, o.shown_by) for o in jumping.outcomes
    ]
    assert [(c.at, c.reason, c.released) for c in ticking.checkins] == [
        (c.at, c.reason, c.released) for c in jumping.checkins
    ]


def test_phone_and_desktop_copies_of_one_message_are_both_reported(rules: RuleSet) -> None:
    phone = replace(msg("2026-11-16 09:10"), source=Source.PHONE, device="Pixel 7")
    r = run([msg("2026-11-16 09:10"), phone], rules)
    assert len(r.outcomes) == 2


def test_a_flood_replays_as_the_app_lives_it_ten_at_once_the_rest_at_the_check_in(rules: RuleSet) -> None:
    # Monday 13:00, outside focus: a build bot sends 25 within a second; Anke writes in between.
    bot = [noise(f"2026-11-16 13:00:00.{i * 40:03d}", app="Buildbot") for i in range(25)]
    r = run([*bot[:12], msg("2026-11-16 13:00:00.490"), *bot[12:]], rules)
    fates = [fate(r, line) for line in range(1, 27)]
    assert [f[:2] for f in fates[:10]] == [(Verdict.DELIVER, "default")] * 10
    assert {f[3] for f in fates[:10]} == {ShownBy.ARRIVAL}
    flooded = fates[10:12] + fates[13:]
    assert set(flooded) == {(Verdict.HOLD, "flood", wall("2026-11-16 17:00"), ShownBy.CHECKIN)}
    assert fates[12][0] is Verdict.DELIVER  # another source is not slowed by the flood


def updates(first: str, count: int, app: str = "Dolphin") -> list[Entry]:
    """A file copy's progress: one notification, then `count` updates in place a second apart."""
    start = at(first)
    out = [Entry(1, Notification(app_name=app, summary="Copying", body="0%", at=start))]
    for i in range(1, count + 1):
        n = Notification(app_name=app, summary="Copying", body=f"{i}%", at=start + timedelta(seconds=i))
        out.append(Entry(i + 1, n, replaces=1))
    return out


def test_an_update_in_place_is_one_notification_and_never_flood_gated(rules: RuleSet) -> None:
    r = simulate(updates("2026-11-16 13:00", 30), rules, config())  # lunch: shown at once
    assert {(o.decision.verdict, o.decision.rule) for o in r.outcomes} == {(Verdict.DELIVER, "default")}
    s = summarize(r, BERLIN)
    assert (s.notifications, s.delivered, s.held) == (1, 1, 0)


def test_a_held_notifications_older_versions_are_not_shown_at_the_check_in(rules: RuleSet) -> None:
    r = simulate(updates("2026-11-16 09:20", 3), rules, config())  # deep work: held to 10:30
    shown = {o.line: o.shown_at for o in r.outcomes}
    assert shown[1] is None and shown[2] is None and shown[3] is None  # replaced while they waited
    assert shown[4] is not None and shown[4].astimezone(BERLIN).replace(tzinfo=None) == wall(
        "2026-11-16 10:30"
    )
    s = summarize(r, BERLIN)
    assert (s.notifications, s.held, s.people.count) == (1, 1, 0)


def test_replaces_line_points_at_an_earlier_notification() -> None:
    line = '{"at": "2026-11-16T09:14:03+01:00", "app_name": "Dolphin", "summary": "Copying"'
    entries = parse_lines([line + "}", line + ', "replaces_line": 1}'], "f.jsonl")
    assert [e.replaces for e in entries] == [None, 1]
    with pytest.raises(StreamError, match=r'f.jsonl:1: "replaces_line" must be the line of an earlier'):
        parse_lines([line + ', "replaces_line": 1}'], "f.jsonl")


def test_an_updated_call_is_no_second_try_but_a_real_second_call_is(rules: RuleSet) -> None:
    def call(when: str, body: str) -> Notification:
        return Notification(
            app_name="Phone", summary="Ada", body=body, at=at(when), category="call.unanswered"
        )

    entries = [
        Entry(1, call("2026-11-16 09:30:00", "Missed call")),
        Entry(
            2, call("2026-11-16 09:30:20", "Missed call (voicemail)"), replaces=1
        ),  # the same call, rewritten
        Entry(3, call("2026-11-16 09:32:00", "Missed call")),  # she tries again
    ]
    r = simulate(entries, rules, config())
    assert [fate(r, line)[:2] for line in (1, 2, 3)] == [
        (Verdict.HOLD, "default"),
        (Verdict.HOLD, "default"),
        (Verdict.DELIVER, "repeated contact"),
    ]


def test_a_persons_burst_past_the_flood_gate_still_keeps_the_max_wait(rules: RuleSet) -> None:
    # Monday 13:00, outside focus; the next check-in is 17:00, max wait 90 minutes
    burst = [msg(f"2026-11-16 13:00:00.{i * 40:03d}") for i in range(15)]
    r = simulate([Entry(i + 1, n) for i, n in enumerate(burst)], rules, config())
    fates = [fate(r, line) for line in range(1, 16)]
    assert {f[:2] for f in fates[:10]} == {(Verdict.DELIVER, "default")}
    assert set(fates[10:]) == {(Verdict.HOLD, "flood", wall("2026-11-16 14:30:00.400"), ShownBy.MAX_WAIT)}
