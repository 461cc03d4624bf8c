"""The Timeline's promise, for any stream: a held notification is shown exactly at release_at.

(Only earlier when its sender broke through meanwhile and it came along, shown_by ARRIVAL.)
Stepping the clock from one next_change to the next gives the same events as one big advance.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifyzen.core.model import Decision, Notification, ShownBy, Urgency, Verdict
from notifyzen.core.timeline import CheckIn, Release, Timeline
from tests.core.rulekit import AMS, config, preset_from_text

RULES = """
windows:
  - name: deep work
    days: weekdays
    times: [09:00-10:30, 11:00-12:30, 14:00-17:00]
  - name: sleep
    times: 22:30-07:00
    max_wait: off
rules:
  - {name: news, match: {app: News}, action: mute}
  - {name: ci, match: {app: CI}, action: {do: hold_until, until: "17:30"}}
  - {name: chat, match: {app: Chat}, action: {do: hold_until, until: end of window}}
  - {name: noise, match: {urgency: low}, action: hold}
"""
KINDS = [
    {"app_name": "News"},
    {"app_name": "CI"},
    {"app_name": "Chat"},
    {"app_name": "Chat", "sender": "Bob"},
    {"app_name": "Updates", "urgency": Urgency.LOW},
    {"app_name": "Updates"},
    {"app_name": "Signal", "sender": "Anke"},
    {"app_name": "Signal", "sender": "Bob"},
    {"app_name": "Phone", "sender": "Anke", "category": "call.unanswered"},
    {"app_name": "Alarm", "urgency": Urgency.CRITICAL},
]
STARTS = [
    datetime(2026, 3, 27, 20, 0, tzinfo=AMS),
    datetime(2026, 3, 30, 8, 0, tzinfo=AMS),
    datetime(2026, 10, 23, 20, 0, tzinfo=AMS),
]

CONFIG = config(checkins=(time(10, 30), time(13, 0)))

streams = st.tuples(
    st.sampled_from(STARTS),
    st.lists(st.tuples(st.integers(0, 3 * 24 * 60), st.sampled_from(range(len(KINDS)))), max_size=40),
    st.booleans(),
)


def build(tmp_path: Path) -> Timeline:
    return Timeline(preset_from_text(RULES), CONFIG)


def run(
    tmp_path: Path, start: datetime, arrivals: list[tuple[int, int]], step: bool
) -> tuple[dict[int, tuple[Notification, Decision]], list[Release | CheckIn], Timeline]:
    tl = build(tmp_path)
    tl.advance(start)
    now = start
    events: list[Release | CheckIn] = []
    decisions = {}

    def until(t: datetime) -> None:
        nonlocal now
        while step:
            nxt = tl.next_change(now)
            if nxt is None or nxt > t:
                break
            assert nxt >= now
            now = nxt
            events.extend(tl.advance(now))
        now = max(now, t)
        events.extend(tl.advance(now))

    for id, (minute, kind) in enumerate(sorted(arrivals), start=1):
        at = start + timedelta(minutes=minute)
        until(at)
        n = Notification(summary="x", at=at, **KINDS[kind])  # type: ignore[arg-type]
        decisions[id] = (n, tl.take(id, n, at))
    until(start + timedelta(days=6))
    return decisions, events, tl


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(streams)
def test_release_at_is_when_it_is_shown(tmp_path: Path, stream: tuple[datetime, list, bool]) -> None:
    start, arrivals, step = stream
    decisions, events, tl = run(tmp_path, start, arrivals, step)
    assert [e.at for e in events] == sorted(e.at for e in events)
    shown: dict[int, tuple[datetime, ShownBy | str]] = {}
    for e in events:
        ids = e.released if isinstance(e, CheckIn) else (e.id,)
        for id in ids:
            assert id not in shown, "shown twice"
            shown[id] = (e.at, e.reason if isinstance(e, CheckIn) else e.shown_by)
    assert not tl.held
    for id, (n, d) in decisions.items():
        if d.verdict is not Verdict.HOLD:
            assert id not in shown
            continue
        assert d.release_at is not None
        when, how = shown[id]
        if how is ShownBy.ARRIVAL:
            assert when <= d.release_at
        else:
            assert when == d.release_at, (n, d, how)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(streams)
def test_stepping_the_timer_changes_nothing(tmp_path: Path, stream: tuple[datetime, list, bool]) -> None:
    start, arrivals, _ = stream
    a = run(tmp_path, start, arrivals, step=True)
    b = run(tmp_path, start, arrivals, step=False)
    assert [d for _, d in a[0].values()] == [d for _, d in b[0].values()]
    assert _released(a[1]) == _released(b[1])


def _released(events: list[Release | CheckIn]) -> list[tuple[datetime, object]]:
    """What was shown when; an empty check-in shows nothing, so stepping may skip none."""
    return [
        (e.at, e.released if isinstance(e, CheckIn) else e.id)
        for e in events
        if not isinstance(e, CheckIn) or e.released
    ]
