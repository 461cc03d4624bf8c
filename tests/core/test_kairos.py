"""Issue 17 as the Dutch-speaking engineer met it: under the shipped defaults, in deep work, a
reminder of a meeting still ahead, a one-time code and a ringing phone come at once, whatever
language the app speaks; a messenger's contact is a person, a channel or a family group is not;
and explain says which signal recognised it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from notifyzen.core import kairos
from notifyzen.core.engine import Context, Engine
from notifyzen.core.model import Notification, Source, Verdict
from notifyzen.core.ruleload import load_active
from notifyzen.core.rules import is_person, person_key
from notifyzen.desktop.paths import presets_dir
from tests.core.rulekit import AMS, at, config, make_notification, ruleset

MONDAY = "2026-11-16 09:25"  # deep work 09:00-10:30; the stand-up is at 09:30
NIGHT = "2026-11-16 23:40"
GCAL: dict[str, Any] = {
    "source": Source.PHONE,
    "device": "Pixel 7",
    "hints": {"x-android-package": "com.google.android.calendar"},
}


def defaults() -> Engine:
    loaded = load_active(presets_dir() / "none", presets_dir())
    assert loaded.ok and loaded.rules is not None
    return Engine(loaded.rules, config())


def decide(n: Notification, when: str = MONDAY) -> tuple[Verdict, str, str]:
    d = defaults().decide(n, Context(), at(when))
    return d.verdict, d.rule, d.reason


@pytest.mark.parametrize(
    ("app", "summary", "body", "kw"),
    [
        ("Thunderbird", "Herinnering: Stand-up", "Begint over 5 minuten (09:30)", {}),
        ("Google Agenda", "Stand-up", "Over 5 minuten, 09:30", {"sender": "Stand-up", **GCAL}),
        ("Kalender", "Stand-up", "09:30 - 09:45", {"desktop_entry": "org.kde.kalendarac"}),
        ("Calendar", "Daily standup", "in 15 minutes", {"desktop_entry": "org.kde.kalendarac"}),
    ],
)
def test_a_reminder_of_a_meeting_ahead_comes_at_once_in_deep_work(
    app: str, summary: str, body: str, kw: dict[str, Any]
) -> None:
    verdict, rule, _ = decide(make_notification(app, summary, MONDAY, body=body, **kw))
    assert (verdict, rule) == (Verdict.DELIVER, "calendar reminder")


def test_explain_says_which_signal_recognised_the_reminder() -> None:
    n = make_notification("Google Agenda", "Stand-up", MONDAY, body="Over 5 minuten, 09:30", **GCAL)
    reason = decide(n)[2]
    assert reason.startswith("a reminder: 'Over 5 minuten, 09:30' names 09:30, 5 minutes after it arrived")


def test_a_reminder_whose_meeting_has_begun_is_held_as_usual() -> None:
    late = make_notification(
        "Thunderbird", "Herinnering: Stand-up", "2026-11-16 09:35", body="Begon 5 minuten geleden"
    )
    assert decide(late, "2026-11-16 09:35")[0] is Verdict.HOLD
    # the same reminder looked at again after its meeting began (history --explain, a replay)
    ahead = make_notification("Google Agenda", "Stand-up", MONDAY, body="Over 5 minuten, 09:30", **GCAL)
    assert decide(ahead, "2026-11-16 09:40")[0] is Verdict.HOLD


def test_at_night_a_reminder_waits_like_everything_else() -> None:
    n = make_notification(
        "Thunderbird", "Herinnering: Stand-up", NIGHT, body="Begint over 15 minuten (23:55)"
    )
    assert decide(n, NIGHT)[0] is Verdict.HOLD


@pytest.mark.parametrize(
    ("summary", "body"),
    [
        ("DigiD", "Je DigiD sms-code is: 482913"),
        ("GitHub", "GitHub authentication code: 905 117"),
        ("ING", "Je verificatiecode: 482-913"),
        ("Sparkasse", "Ihr Bestätigungscode lautet: 482913"),
    ],
)
@pytest.mark.parametrize("when", [MONDAY, NIGHT])
def test_a_one_time_code_comes_at_once_day_and_night(summary: str, body: str, when: str) -> None:
    n = make_notification("Berichten", summary, when, body=body, sender=summary, source=Source.PHONE)
    verdict, rule, reason = decide(n, when)
    assert (verdict, rule) == (Verdict.DELIVER, "login code")
    assert reason.startswith("a one-time code:")


@pytest.mark.parametrize("ringing", ["Inkomende oproep", "Eingehender Anruf", "Incoming call"])
def test_a_ringing_phone_breaks_through_in_its_own_language(ringing: str) -> None:
    n = make_notification("Telefoon", ringing, MONDAY, body="Mama", source=Source.PHONE)
    assert decide(n)[:2] == (Verdict.DELIVER, "ringing call")


def test_a_second_missed_call_within_3_minutes_breaks_through_in_dutch() -> None:
    engine = defaults()
    first = make_notification("Telefoon", "Gemiste oproep", MONDAY, body="Mama", source=Source.PHONE)
    assert engine.decide(first, Context(), at(MONDAY)).verdict is Verdict.HOLD
    again = make_notification(
        "Telefoon", "Gemiste oproep", "2026-11-16 09:27", body="Mama", source=Source.PHONE
    )
    caller = person_key(first)
    assert caller is not None  # a caller is a person
    earlier = {caller: [at(MONDAY)]}  # what the Timeline remembers of the first call
    decision = engine.decide(again, Context(recent=earlier), at("2026-11-16 09:27"))
    assert (decision.verdict, decision.rule) == (Verdict.DELIVER, "repeated contact")


def test_signal_without_the_im_category_is_a_person_and_a_rule_naming_mum_matches(tmp_path: Path) -> None:
    mum = make_notification("Signal", "Mum", MONDAY, body="Bel je even?", desktop_entry="signal-desktop")
    assert is_person(mum)
    rules = ruleset(tmp_path, user="rules:\n  - {name: mum, match: {sender: Mum}, action: deliver}\n")
    assert Engine(rules, config()).decide(mum, Context(), at(MONDAY)).rule == "mum"


@pytest.mark.parametrize(
    ("app", "summary", "body"),
    [
        ("Slack", "#team-backend", "Priya Raman: deployed"),
        ("WhatsApp", "Family 👨‍👩‍👧", "Dad: ok"),
        ("WhatsApp", "Book club", "Sam: Thursday?"),
    ],
)
def test_a_group_or_channel_is_not_a_person(app: str, summary: str, body: str) -> None:
    n = make_notification(app, summary, MONDAY, body=body, sender=summary)
    assert not is_person(n)


def test_a_mail_whose_subject_starts_with_re_is_still_a_persons() -> None:
    mail = make_notification("Gmail", "Priya Raman", MONDAY, body="Re: Q4 planning", sender="Priya Raman")
    assert is_person(mail)


def test_a_phone_reminder_or_code_is_not_a_person_though_kde_connect_named_a_sender() -> None:
    reminder = make_notification(
        "Google Agenda", "Stand-up", MONDAY, body="Over 5 minuten, 09:30", sender="Stand-up", **GCAL
    )
    code = make_notification(
        "Berichten", "DigiD", MONDAY, body="Je DigiD sms-code is: 482913", sender="DigiD", source=Source.PHONE
    )
    assert not is_person(reminder) and not is_person(code)


@pytest.mark.parametrize(
    "text", ["9" * 65536, " " * 65536, "code: " * 11000, "over 5 " * 9000, "Mum: " * 13000, "a:" * 32000]
)
def test_hostile_text_is_read_in_linear_time(text: str) -> None:
    n = Notification("Messages", text, at(MONDAY), body=text, sender=text)
    start = time.perf_counter()
    kairos.read(n, AMS)
    kairos.sender(n)
    assert time.perf_counter() - start < 0.05
