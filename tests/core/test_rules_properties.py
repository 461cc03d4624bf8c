"""Properties of decide(): any input gives a decision, the same one every time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from notifyzen.core.engine import Context, Engine, ManualFocus
from notifyzen.core.model import Notification, Source, Urgency, Verdict
from tests.core.rulekit import AMS, config, default_preset

ENGINE = Engine(default_preset(), config())
TEXT = st.text(max_size=40)
CATEGORIES = st.sampled_from(
    [None, "", "im", "im.received", "call.unanswered", "email.arrived", "x.", ".", "im."]
)

instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.sampled_from([UTC, AMS])
)

notifications = st.builds(
    Notification,
    app_name=TEXT,
    summary=TEXT,
    at=instants,
    body=TEXT,
    source=st.sampled_from(Source),
    urgency=st.sampled_from(Urgency),
    category=CATEGORIES,
    desktop_entry=st.none() | TEXT,
    sender=st.none() | TEXT,
    device=st.none() | TEXT,
    time_sensitive=st.booleans(),
)


@st.composite
def contexts(draw: st.DrawFn, n: Notification) -> Context:
    recent = {}
    if n.sender and draw(st.booleans()):
        recent[n.sender.strip().casefold()] = [
            n.at - timedelta(seconds=s) for s in draw(st.lists(st.integers(0, 600), max_size=3))
        ]
    focus = (
        ManualFocus(n.at - timedelta(minutes=5), n.at + timedelta(minutes=20))
        if draw(st.booleans())
        else None
    )
    return Context(recent, focus, draw(st.booleans()))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_notification_gets_a_consistent_decision(data: st.DataObject) -> None:
    n = data.draw(notifications)
    ctx = data.draw(contexts(n))
    decision = ENGINE.decide(n, ctx, n.at)
    assert decision.rule
    assert decision.explain()
    if decision.verdict is Verdict.HOLD and decision.release_at is not None:
        assert decision.release_at > n.at
    if decision.verdict is not Verdict.HOLD:
        assert decision.release_at is None
    if n.urgency is Urgency.CRITICAL and not ctx.paused:
        assert decision.verdict is Verdict.DELIVER  # nothing in the defaults overrides critical


@settings(max_examples=150, deadline=None)
@given(st.lists(notifications, min_size=1, max_size=8))
def test_decisions_do_not_depend_on_what_was_asked_before(stream: list[Notification]) -> None:
    """Caches (window lookups, rules per app) must never leak one decision into another."""
    warm = Engine(default_preset(), config())
    forward = [warm.decide(n, Context(), n.at) for n in stream]
    backward = [warm.decide(n, Context(), n.at) for n in reversed(stream)][::-1]
    fresh = [Engine(default_preset(), config()).decide(n, Context(), n.at) for n in stream]
    assert forward == backward == fresh
