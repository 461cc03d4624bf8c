"""Kairos: each match criterion, precedence, set_urgency, `during`, defaults, repeated contact."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from notifyzen.core.engine import Context, Engine, ManualFocus
from notifyzen.core.model import Source, Urgency, Verdict
from notifyzen.core.rules import is_person, person_key
from tests.core.rulekit import at, config, make_notification, ruleset

WINDOWS = """
windows:
  - name: deep work
    days: weekdays
    times: 09:00-12:00
"""


def one_rule(tmp_path: Path, match: str, extra: str = "") -> Engine:
    text = WINDOWS + f"rules:\n  - name: r\n    match: {match}\n    action: mute\n{extra}"
    return Engine(ruleset(tmp_path, user=text), config())


@pytest.mark.parametrize(
    ("match", "notification", "hit"),
    [
        ("{app: Slack}", {"app": "Slack"}, True),
        ("{app: slack}", {"app": "Slack"}, True),
        ("{app: [Signal, Slack]}", {"app": "Slack"}, True),
        ("{app: Slack}", {"app": "Slackware"}, False),
        ("{desktop_entry: com.slack.Slack}", {"desktop_entry": "com.slack.Slack"}, True),
        ("{desktop_entry: com.slack.Slack}", {}, False),
        ("{sender: Anke}", {"sender": "anke "}, True),
        ("{sender: Anke}", {"sender": "Anke Mol"}, False),
        ("{sender: Anke}", {}, False),
        ("{category: im}", {"category": "im.received"}, True),
        ("{category: im}", {"category": "im"}, True),
        ("{category: im}", {"category": "image.saved"}, False),
        ("{category: im.received}", {"category": "im.error"}, False),
        ("{urgency: critical}", {"urgency": Urgency.CRITICAL}, True),
        ("{urgency: [low, normal]}", {"urgency": Urgency.CRITICAL}, False),
        ("{source: phone}", {"source": Source.PHONE}, True),
        ("{source: phone}", {}, False),
        ("{device: Pixel 7}", {"source": Source.PHONE, "device": "pixel 7"}, True),
        ("{device: Pixel 7}", {"source": Source.PHONE, "device": "iPhone"}, False),
        ("{summary: 'build (failed|broken)'}", {"summary": "Build FAILED on main"}, True),
        ("{summary: 'build failed'}", {"body": "build failed"}, False),
        ("{body: '\\d{6}'}", {"body": "your code is 123456"}, True),
        ("{text: invoice}", {"body": "Invoice attached"}, True),
        ("{text: invoice}", {"summary": "Your invoice"}, True),
        ("{text: invoice}", {"summary": "hi"}, False),
        ("{person: true}", {"sender": "Anke"}, True),
        ("{person: true}", {"category": "call.incoming"}, True),
        ("{person: true}", {"category": "email.arrived"}, False),
        ("{person: false}", {"app": "Updates"}, True),
        ("{time_sensitive: true}", {"time_sensitive": True}, True),
        ("{time_sensitive: true}", {}, False),
        ("{app: Slack, sender: Anke}", {"app": "Slack", "sender": "Bob"}, False),
        ("{}", {}, True),
    ],
)
def test_each_criterion(tmp_path: Path, match: str, notification: dict[str, Any], hit: bool) -> None:
    engine = one_rule(tmp_path, match)
    decision = engine.decide(make_notification(**notification), Context(), at("2026-03-30 08:00"))
    assert (decision.rule == "r") is hit
    assert (decision.verdict is Verdict.MUTE) is hit


def test_repeated_criterion_uses_the_context(tmp_path: Path) -> None:
    engine = one_rule(tmp_path, "{repeated: true}")
    now = at("2026-03-30 08:00")
    call = make_notification("Phone", "Missed call", sender="Mum", category="call.unanswered")
    assert engine.decide(call, Context(), now).rule == "default"
    assert engine.decide(call, Context({"mum": [now - timedelta(minutes=2)]}), now).rule == "r"


@pytest.mark.parametrize(
    ("during", "when", "focus", "hit"),
    [
        ("any", "2026-03-30 10:00", False, True),
        ("any", "2026-03-30 13:00", False, False),
        ("any", "2026-03-30 13:00", True, True),
        ("none", "2026-03-30 13:00", False, True),
        ("none", "2026-03-30 10:00", False, False),
        ("[deep work]", "2026-03-30 10:00", False, True),
        ("[Deep Work]", "2026-03-30 10:00", False, True),
        ("[deep work]", "2026-03-30 13:00", True, False),
        ("[focus]", "2026-03-30 13:00", True, True),
    ],
)
def test_during(tmp_path: Path, during: str, when: str, focus: bool, hit: bool) -> None:
    engine = one_rule(tmp_path, "{app: Slack}", f"    during: {during}\n")
    now = at(when)
    ctx = Context(focus=ManualFocus(now - timedelta(minutes=1)) if focus else None)
    assert (engine.decide(make_notification("Slack"), ctx, now).rule == "r") is hit


PRECEDENCE_USER = (
    WINDOWS
    + """
rules:
  - name: slack waits
    match: {app: Slack}
    action: hold
  - name: slack never
    match: {app: Slack}
    action: mute
  - name: demote thunderbird
    match: {app: Thunderbird}
    action: {set_urgency: normal}
  - name: promote mum
    match: {sender: Mum}
    action: {set_urgency: critical}
"""
)
PRECEDENCE_PRESET = """
rules:
  - name: everything muted
    action: mute
"""


@pytest.mark.parametrize(
    ("notification", "rule", "verdict"),
    [
        ({"app": "Slack"}, "slack waits", Verdict.HOLD),  # first match in file order
        (
            {"app": "Slack", "urgency": Urgency.CRITICAL},
            "slack waits",
            Verdict.HOLD,
        ),  # user overrides critical
        (
            {"app": "Other", "urgency": Urgency.CRITICAL},
            "critical",
            Verdict.DELIVER,
        ),  # built-in before preset
        ({"app": "Other"}, "everything muted", Verdict.MUTE),  # preset after user and built-ins
        ({"app": "Thunderbird", "urgency": Urgency.CRITICAL}, "everything muted", Verdict.MUTE),  # demoted
        ({"app": "WhatsApp", "sender": "Mum"}, "critical", Verdict.DELIVER),  # promoted
    ],
)
def test_precedence(tmp_path: Path, notification: dict[str, Any], rule: str, verdict: Verdict) -> None:
    engine = Engine(ruleset(tmp_path, PRECEDENCE_USER, PRECEDENCE_PRESET), config())
    decision = engine.decide(make_notification(**notification), Context(), at("2026-03-30 10:00"))
    assert (decision.rule, decision.verdict) == (rule, verdict)


def test_set_urgency_is_recorded_in_the_decision(tmp_path: Path) -> None:
    engine = Engine(ruleset(tmp_path, PRECEDENCE_USER, PRECEDENCE_PRESET), config())
    decision = engine.decide(
        make_notification("Thunderbird", urgency=Urgency.CRITICAL), Context(), at("2026-03-30 10:00")
    )
    assert decision.urgency is Urgency.NORMAL
    plain = engine.decide(make_notification("Other"), Context(), at("2026-03-30 10:00"))
    assert plain.urgency is None


def test_critical_passes_can_be_switched_off(tmp_path: Path) -> None:
    engine = Engine(ruleset(tmp_path, preset=PRECEDENCE_PRESET), config(critical_passes=False))
    n = make_notification(urgency=Urgency.CRITICAL)
    assert engine.decide(n, Context(), n.at).rule == "everything muted"


@pytest.mark.parametrize(
    ("when", "in_focus", "outside", "verdict"),
    [
        ("2026-03-30 10:00", Verdict.HOLD, Verdict.DELIVER, Verdict.HOLD),
        ("2026-03-30 13:00", Verdict.HOLD, Verdict.DELIVER, Verdict.DELIVER),
        ("2026-03-30 10:00", Verdict.MUTE, Verdict.DELIVER, Verdict.MUTE),
        ("2026-03-30 13:00", Verdict.HOLD, Verdict.HOLD, Verdict.HOLD),
    ],
)
def test_unmatched_default(
    tmp_path: Path, when: str, in_focus: Verdict, outside: Verdict, verdict: Verdict
) -> None:
    engine = Engine(
        ruleset(tmp_path, WINDOWS), config(unmatched_in_focus=in_focus, unmatched_outside=outside)
    )
    decision = engine.decide(make_notification(), Context(), at(when))
    assert (decision.rule, decision.verdict) == ("default", verdict)


def test_decision_names_the_window_and_explains(tmp_path: Path) -> None:
    engine = Engine(ruleset(tmp_path, WINDOWS), config())
    decision = engine.decide(make_notification(), Context(), at("2026-03-30 10:00"))
    assert decision.window == "deep work"
    assert decision.release_at == at("2026-03-30 10:30")  # the 10:30 check-in
    assert decision.explain() == (
        "hold until 2026-03-30T10:30+02:00 by rule 'default' during 'deep work': "
        "no rule matched in a focus window"
    )


def test_paused_lets_everything_through(tmp_path: Path) -> None:
    engine = Engine(ruleset(tmp_path, preset=PRECEDENCE_PRESET), config())
    decision = engine.decide(make_notification(), Context(paused=True), at("2026-03-30 10:00"))
    assert (decision.rule, decision.verdict) == ("paused", Verdict.DELIVER)


def test_reply_status_is_carried(tmp_path: Path) -> None:
    engine = one_rule(tmp_path, "{person: true}", "    reply: status\n")
    assert engine.decide(make_notification(sender="Anke"), Context(), at("2026-03-30 10:00")).reply
    assert not engine.decide(make_notification(), Context(), at("2026-03-30 10:00")).reply


HOLD_UNTIL = (
    WINDOWS
    + """
rules:
  - name: ci
    match: {app: CI}
    action: {do: hold_until, until: "17:30"}
  - name: chat
    match: {app: Chat}
    action: {do: hold_until, until: end of window}
"""
)


@pytest.mark.parametrize(
    ("app", "sender", "when", "verdict", "release"),
    [
        ("CI", None, "2026-03-30 10:00", Verdict.HOLD, "2026-03-30 17:30"),
        ("CI", None, "2026-03-30 18:00", Verdict.HOLD, "2026-03-31 17:30"),
        ("CI", None, "2026-03-30 17:30", Verdict.HOLD, "2026-03-30 17:30"),  # on the dot: now, not tomorrow
        ("CI", "Anke", "2026-03-30 10:00", Verdict.HOLD, "2026-03-30 11:30"),  # a person: max wait first
        ("Chat", None, "2026-03-30 10:00", Verdict.HOLD, "2026-03-30 12:00"),
        ("Chat", None, "2026-03-30 13:00", Verdict.DELIVER, None),  # no window to wait for
    ],
)
def test_hold_until(
    tmp_path: Path, app: str, sender: str | None, when: str, verdict: Verdict, release: str | None
) -> None:
    engine = Engine(ruleset(tmp_path, HOLD_UNTIL), config())
    decision = engine.decide(make_notification(app, sender=sender), Context(), at(when))
    assert decision.verdict is verdict
    assert decision.release_at == (at(release) if release else None)


def test_people_wait_at_most_max_wait(tmp_path: Path) -> None:
    engine = Engine(ruleset(tmp_path, WINDOWS), config(checkins=()))
    now = at("2026-03-30 09:05")
    person = engine.decide(make_notification(sender="Anke"), Context(), now)
    app = engine.decide(make_notification(), Context(), now)
    assert person.release_at == at("2026-03-30 10:35")
    assert app.release_at == at("2026-03-30 12:00")  # the breakpoint


# --- repeated contact ---

CALL = {"app": "Phone", "summary": "Missed call", "sender": "Mum", "category": "call.unanswered"}
MESSAGE = {"app": "WhatsApp", "summary": "Mum", "sender": "Mum"}


@pytest.mark.parametrize(
    ("kind", "earlier_minutes", "of", "count", "repeated"),
    [
        (CALL, [], "calls", 2, False),  # a first call waits
        (CALL, [2], "calls", 2, True),  # the second within 3 minutes breaks through
        (CALL, [3], "calls", 2, True),  # exactly 3 minutes still counts
        (CALL, [3.1], "calls", 2, False),
        (CALL, [1], "calls", 3, False),  # count 3 needs two earlier
        (CALL, [1, 2], "calls", 3, True),
        (CALL, [1], "calls", 0, False),  # off
        (MESSAGE, [1], "calls", 2, False),  # chat bursts do not break through by default
        (MESSAGE, [1], "people", 2, True),
    ],
)
def test_repeated_contact(
    tmp_path: Path, kind: dict[str, Any], earlier_minutes: list[float], of: str, count: int, repeated: bool
) -> None:
    engine = Engine(ruleset(tmp_path, WINDOWS), config(repeated_count=count, repeated_of=of))
    now = at("2026-03-30 10:00")
    ctx = Context({"mum": [now - timedelta(minutes=m) for m in earlier_minutes]})
    decision = engine.decide(make_notification(**kind), ctx, now)
    assert (decision.rule == "repeated contact") is repeated
    assert (decision.verdict is Verdict.DELIVER) is repeated


def test_repeated_contact_counts_the_same_sender_only(tmp_path: Path) -> None:
    engine = Engine(ruleset(tmp_path, WINDOWS), config())
    now = at("2026-03-30 10:00")
    ctx = Context({"dad": [now - timedelta(minutes=1)]})
    assert engine.decide(make_notification(**CALL), ctx, now).rule == "default"


@pytest.mark.parametrize(
    ("kw", "person", "key"),
    [
        ({"sender": "Anke"}, True, "anke"),
        ({"category": "im.received", "app": "Chat", "summary": "Bob"}, True, "bob"),
        ({"category": "call"}, True, "hello"),
        ({"category": "email.arrived"}, False, None),
        ({"category": "device.added"}, False, None),
        ({}, False, None),
    ],
)
def test_who_counts_as_a_person(kw: dict[str, Any], person: bool, key: str | None) -> None:
    n = make_notification(**kw)
    assert is_person(n) is person
    assert person_key(n) == key


def test_next_change_is_the_next_edge_or_checkin(tmp_path: Path) -> None:
    engine = Engine(ruleset(tmp_path, WINDOWS), config())
    assert engine.next_change(at("2026-03-30 08:00")) == at("2026-03-30 09:00")
    assert engine.next_change(at("2026-03-30 09:00")) == at("2026-03-30 10:30")
    assert engine.next_change(at("2026-03-30 10:30")) == at("2026-03-30 12:00")


@pytest.mark.parametrize(
    ("when", "urgency", "verdict", "rule"),
    [
        ("2026-03-30 10:00", Urgency.NORMAL, Verdict.MUTE, "transient"),  # in focus: stale by the check-in
        ("2026-03-30 13:00", Urgency.NORMAL, Verdict.DELIVER, "default"),  # outside focus: shown as ever
        ("2026-03-30 10:00", Urgency.CRITICAL, Verdict.DELIVER, "critical"),  # critical still breaks through
    ],
)
def test_a_transient_notification_is_now_or_never(
    tmp_path: Path, when: str, urgency: Urgency, verdict: Verdict, rule: str
) -> None:
    engine = Engine(ruleset(tmp_path, WINDOWS), config())
    volume = make_notification("Volume", "Volume 40%", when, transient=True, urgency=urgency)
    decision = engine.decide(volume, Context(), at(when))
    assert (decision.verdict, decision.rule, decision.release_at) == (verdict, rule, None)


def test_the_same_person_comes_back_through_another_app_or_device(tmp_path: Path) -> None:
    """Priya's missed call on the phone (the phone names her as the sender) and, two minutes
    later, her call in Signal Desktop (no sender hint, her name as the summary): the same person
    calling again, so the second breaks through in deep work as a phone's repeated calls do."""
    from notifyzen.core.model import Source
    from notifyzen.core.timeline import Timeline

    t = Timeline(ruleset(tmp_path, WINDOWS), config())
    phone = make_notification(
        "Phone",
        "Missed call",
        "2026-03-30 10:00",
        sender="Priya",
        category="call.unanswered",
        source=Source.PHONE,
        device="Pixel 7",
    )
    desktop = make_notification("Signal", "Priya", "2026-03-30 10:02", body="Incoming call", category="call")
    first = t.take(1, phone, phone.at)
    second = t.take(2, desktop, desktop.at)
    assert first.verdict is Verdict.HOLD, first
    assert (second.verdict, second.rule) == (Verdict.DELIVER, "repeated contact"), second
    assert person_key(phone) == person_key(desktop) == "priya"
