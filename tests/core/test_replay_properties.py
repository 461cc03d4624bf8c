"""Promises that hold for any stream: nothing dropped, nothing shown before it arrived or after the
time its decision promised, and the same result however the clock is stepped (as the app's timer
does it, or jumping from arrival to arrival as the simulator does)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifyzen.core.model import Notification, Source, Urgency, Verdict
from notifyzen.core.replay import Entry, Presence
from notifyzen.core.ruleload import load_active
from notifyzen.core.whatif import simulate
from notifyzen.desktop import paths

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 10, 23, 18, 0, tzinfo=BERLIN)  # Friday evening before the clocks go back
SPAN = int(timedelta(days=4).total_seconds())

_loaded = load_active(Path("/nonexistent-notifyzen-config"), paths.presets_dir())
assert _loaded.rules is not None and _loaded.config is not None
RULES, CONFIG = _loaded.rules, replace(_loaded.config, zone=BERLIN)
MESSAGES = replace(CONFIG, repeated_of="people")


def _at(second: int) -> datetime:
    return (START + timedelta(seconds=second)).astimezone(BERLIN)


_notification = st.builds(
    lambda second, app, sender, urgency, call: Notification(
        app_name="Phone" if call else app,
        summary=sender or "update",
        at=_at(second),
        sender=sender,
        urgency=urgency,
        category="call.unanswered" if call else None,
        source=Source.PHONE if call else Source.DESKTOP,
    ),
    st.integers(0, SPAN),
    st.sampled_from(["Signal", "Slack", "BBC News", "Discover"]),
    st.sampled_from([None, "Anke", "Priya"]),
    st.sampled_from(list(Urgency)),
    st.booleans(),
)
_presence = st.builds(lambda second, idle: Presence(_at(second), idle), st.integers(0, SPAN), st.booleans())
# Bursts matter (repeated contact, conversations): draw some arrivals a few seconds apart.
_stream = st.lists(st.one_of(_notification, _notification, _presence), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_stream, st.booleans())
def test_every_notification_is_accounted_for_and_shown_within_its_promise(
    events: list[Notification | Presence], count_messages: bool
) -> None:
    entries = [Entry(i + 1, e) for i, e in enumerate(events)]
    config = MESSAGES if count_messages else CONFIG
    jumping = simulate(entries, RULES, config)
    notifications = [e for e in entries if isinstance(e.event, Notification)]
    assert [o.line for o in jumping.outcomes] == [e.line for e in notifications]
    for o in jumping.outcomes:
        if o.decision.verdict is Verdict.MUTE:
            assert o.shown_at is None
            continue
        assert o.shown_at is not None, o  # the default rules never hold anything for good
        assert o.shown_at.timestamp() >= o.notification.at.timestamp()
        if o.decision.verdict is Verdict.HOLD and o.decision.release_at is not None:
            assert o.shown_at.timestamp() <= o.decision.release_at.timestamp() + 1, o

    ticking = simulate(entries, RULES, config, follow_timer=True)
    assert [(o.decision, o.shown_at, o.shown_by) for o in ticking.outcomes] == [
        (o.decision, o.shown_at, o.shown_by) for o in jumping.outcomes
    ]
