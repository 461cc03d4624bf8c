"""`match: {package: …}`: a phone app named by its Android package, which stays the same whatever
the phone's language, where the app name does not ("Google Agenda", "Google Kalender")."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from notifyzen.core.engine import Engine
from notifyzen.core.model import Verdict
from notifyzen.core.phone_match import PhoneKey
from notifyzen.phone.kdeconnect import PhoneNote, to_notification
from tests.core.rulekit import ruleset

RULES = """
rules:
  - name: calendar from the phone
    match: {package: com.google.android.calendar}
    action: deliver
windows:
  - name: deep work
    times: 09:00-17:00
"""
AT = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


def phone(app_name: str, internal_id: str) -> PhoneNote:
    return PhoneNote(PhoneKey("pixel", internal_id), app_name, "Stand-up", "Over 5 minuten, 09:30")


def test_a_rule_names_the_phone_app_by_package_in_any_language(tmp_path: Path) -> None:
    engine = Engine(ruleset(tmp_path, user=RULES))
    for name in ("Google Agenda", "Google Kalender", "Google Calendar"):
        n = to_notification(phone(name, "0|com.google.android.calendar|7|null|10210"), "Pixel", AT)
        decision = engine.decide(n, now=AT)
        assert (decision.verdict, decision.rule) == (Verdict.DELIVER, "calendar from the phone"), name
    other = to_notification(phone("Google Agenda", "0|com.samsung.android.calendar|7|null|1"), "Pixel", AT)
    assert engine.decide(other, now=AT).rule != "calendar from the phone"
    desktop = to_notification(phone("Google Agenda", "not-an-android-key"), "Pixel", AT)
    assert engine.decide(desktop, now=AT).verdict is Verdict.HOLD  # no package: held in deep work


def test_explain_says_the_package() -> None:
    from notifyzen.core.rules import Match

    assert Match(package=frozenset({"com.whatsapp"})).describe() == "package is com.whatsapp"
