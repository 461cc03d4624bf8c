"""A phone asking to pair is always shown: the request expires on the phone after 30 s, so no
rule, focus window or set_urgency may hold or mute it (built-in rule "pairing request")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from notifyzen.core.engine import Context, Engine, ManualFocus
from notifyzen.core.model import Urgency, Verdict
from notifyzen.core.timeline import Timeline
from tests.core.rulekit import at, config, make_notification, ruleset

KDECONNECT = {"desktop-entry": "org.kde.kdeconnect.daemon", "x-kde-appname": "kdeconnect"}
PAIRING = {**KDECONNECT, "x-kde-eventId": "pairingRequest"}
PHONE_POPUP = {**KDECONNECT, "x-kde-eventId": "notification", "x-kde-origin-name": "Pixel"}

STRICT = """
windows:
  - name: deep work
    days: weekdays
    times: 09:00-12:00
rules:
  - name: kde connect muted
    match: {app: KDE Connect}
    action: mute
  - name: kde connect demoted
    match: {desktop_entry: org.kde.kdeconnect.daemon}
    action: {set_urgency: low}
  - name: everything waits
    action: hold
"""


def pairing(**kw: Any) -> Any:
    return make_notification(
        "KDE Connect",
        "Pairing request from Pixel",
        desktop_entry="org.kde.kdeconnect.daemon",
        actions=(("1", "Accept"), ("2", "Reject")),
        hints=PAIRING,
        **kw,
    )


@pytest.mark.parametrize(
    ("user", "preset", "when", "focus", "rule", "verdict"),
    [
        (STRICT, "", "2026-03-30 10:00", False, "pairing request", Verdict.DELIVER),  # muted app, in focus
        ("", STRICT, "2026-03-30 10:00", False, "pairing request", Verdict.DELIVER),  # preset says hold
        (STRICT, "", "2026-03-30 15:00", True, "pairing request", Verdict.DELIVER),  # manual focus
        (STRICT, "", "2026-03-30 15:00", False, "pairing request", Verdict.DELIVER),  # outside windows
        ("", "", "2026-03-30 10:00", False, "pairing request", Verdict.DELIVER),  # no rules at all
    ],
)
def test_a_pairing_request_is_delivered_whatever_the_rules(
    tmp_path: Path, user: str, preset: str, when: str, focus: bool, rule: str, verdict: Verdict
) -> None:
    engine = Engine(ruleset(tmp_path, user, preset), config(unmatched_in_focus=Verdict.MUTE))
    now = at(when)
    ctx = Context(focus=ManualFocus(now) if focus else None)
    decision = engine.decide(pairing(when=when), ctx, now)
    assert (decision.rule, decision.verdict) == (rule, verdict)
    assert decision.release_at is None


@pytest.mark.parametrize(
    ("name", "hints", "app", "rule", "verdict"),
    [
        # kdeconnectd's copy of a phone chat is an ordinary notification for the rules
        ("phone pop-up", PHONE_POPUP, "KDE Connect", "kde connect muted", Verdict.MUTE),
        # the same event id from any other program is not KDE Connect pairing
        ("impostor", {"x-kde-eventId": "pairingRequest"}, "Chat", "everything waits", Verdict.HOLD),
        ("plain", {}, "Chat", "everything waits", Verdict.HOLD),
    ],
)
def test_only_kdeconnects_pairing_request_passes(
    tmp_path: Path, name: str, hints: dict[str, str], app: str, rule: str, verdict: Verdict
) -> None:
    engine = Engine(ruleset(tmp_path, STRICT), config())
    n = make_notification(app, name, when="2026-03-30 10:00", hints=hints)
    decision = engine.decide(n, Context(), n.at)
    assert (decision.rule, decision.verdict) == (rule, verdict)


def test_a_pairing_request_passes_even_one_marked_low_and_is_explained(tmp_path: Path) -> None:
    engine = Engine(ruleset(tmp_path, STRICT), config())
    n = pairing(when="2026-03-30 10:00", urgency=Urgency.LOW)
    decision = engine.decide(n, Context(), n.at)
    assert decision.verdict is Verdict.DELIVER
    assert "pair" in decision.reason and "30 s" in decision.reason


def test_the_timeline_shows_it_at_once_inside_a_focus_window(tmp_path: Path) -> None:
    timeline = Timeline(ruleset(tmp_path, STRICT), config())
    now = at("2026-03-30 10:00")
    assert timeline.take(1, make_notification(when="2026-03-30 10:00"), now).verdict is Verdict.HOLD
    assert timeline.take(2, pairing(when="2026-03-30 10:00"), now).verdict is Verdict.DELIVER
    assert sorted(timeline.held) == [1]
