"""What counts as evidence for a proposal (core/proposals.py), on weeks written by hand: each
rule of thumb the sentence states, and the slips that must not count."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from notifyzen.core.model import Decision, Notification, ShownBy, Source, Verdict
from notifyzen.core.proposals import Seen, candidates, yaml_text
from notifyzen.core.reaction import Reaction, ReactionKind

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN)
HELD = Decision(Verdict.HOLD, "default", "no rule matched in a focus window", window="deep work")
SHOWN = Decision(Verdict.DELIVER, "default", "no rule matched outside focus windows")


def _seen(i: int, n: Notification, decision: Decision, *kinds: ReactionKind, after: float = 30) -> Seen:
    shown_at = n.at + timedelta(minutes=60 if decision is HELD else 0)
    by = ShownBy.CHECKIN if decision is HELD else ShownBy.ARRIVAL
    reactions = tuple(
        Reaction(i, k, shown_at + timedelta(seconds=after), after_shown=timedelta(seconds=after))
        for k in kinds
    )
    return Seen(n, decision, shown_at, by, (Reaction(i, ReactionKind.SHOWN, shown_at, by), *reactions))


def _anke(i: int) -> Notification:
    return Notification(
        "Signal", "Anke", T0 + timedelta(hours=i), "lunch?", sender="Anke", category="im.received"
    )


def _news(i: int) -> Notification:
    return Notification("BBC News", f"Headline {i}", T0 + timedelta(hours=i), "", source=Source.PHONE)


def test_a_person_opened_at_once_and_said_to_come_through_is_let_through_in_that_window() -> None:
    week = [_seen(i, _anke(i), SHOWN, ReactionKind.OPENED) for i in range(6)]
    week += [
        _seen(10 + i, _anke(10 + i), HELD, ReactionKind.OPENED, ReactionKind.SHOULD_HAVE_COME)
        for i in range(2)
    ]
    (found,) = candidates(week)
    assert found.kind == "let through" and found.spec["during"] == ["deep work"]
    assert found.evidence == (
        "Anke: you opened 8 of their 8 messages within 2 minutes, and said 2 held ones should have "
        "come through (deep work)"
    )
    assert yaml_text(found.spec).splitlines()[2:] == [
        '  match: {sender: "Anke"}',
        '  during: ["deep work"]',
        "  action: deliver",
    ]


def test_should_have_come_said_of_a_message_that_came_at_once_is_a_slip_and_counts_nothing() -> None:
    week = [_seen(i, _anke(i), SHOWN, ReactionKind.OPENED, ReactionKind.SHOULD_HAVE_COME) for i in range(6)]
    week += [_seen(10, _anke(10), HELD, ReactionKind.OPENED)]
    assert candidates(week) == []


def test_opened_late_is_no_evidence_for_letting_someone_through() -> None:
    week = [_seen(i, _anke(i), SHOWN, ReactionKind.OPENED, after=900) for i in range(6)]
    week += [
        _seen(10 + i, _anke(10 + i), HELD, ReactionKind.OPENED, ReactionKind.SHOULD_HAVE_COME)
        for i in range(2)
    ]
    assert candidates(week) == []


def test_an_app_never_opened_waits_and_critical_still_comes_through() -> None:
    week = [
        _seen(i, _news(i), SHOWN, ReactionKind.DISMISSED, ReactionKind.COULD_HAVE_WAITED) for i in range(8)
    ]
    (found,) = candidates(week)
    assert (found.kind, found.spec["action"], found.spec["match"]) == (
        "hold",
        "hold",
        {"app": "BBC News", "urgency": "normal"},
    )
    assert found.evidence == (
        "BBC News: you opened 0 of its 8 notifications and dismissed or let expire 8; 8 of them could "
        "have waited, you said"
    )
    many = [
        _seen(i, _news(i), SHOWN, ReactionKind.EXPIRED, ReactionKind.COULD_HAVE_WAITED) for i in range(20)
    ]
    assert candidates(many)[0].kind == "mute"  # none of 20 opened


def test_an_app_that_carries_people_is_never_proposed_to_wait() -> None:
    """A rule on the app would hold someone's message with the app's noise."""
    noise = [
        _seen(i, Notification("Signal", "Signal", T0 + timedelta(hours=i), "3 new messages"), SHOWN,
              ReactionKind.DISMISSED, ReactionKind.COULD_HAVE_WAITED)
        for i in range(10)
    ]  # fmt: skip
    assert candidates([*noise, _seen(20, _anke(20), SHOWN, ReactionKind.OPENED)]) == []


def test_follow_ups_left_unread_fold_the_thread_and_first_messages_do_not_count() -> None:
    def family(i: int, minute: int) -> Notification:
        at = T0 + timedelta(hours=i, minutes=minute)
        return Notification("WhatsApp", "Family", at, "Mum: ok", sender="Family", source=Source.PHONE)

    week = []
    for burst in range(5):
        week.append(_seen(burst * 10, family(burst, 0), SHOWN, ReactionKind.OPENED))
        week.append(_seen(burst * 10 + 1, family(burst, 3), SHOWN, ReactionKind.DISMISSED))
        week.append(_seen(burst * 10 + 2, family(burst, 6), SHOWN, ReactionKind.EXPIRED))
    (found,) = candidates(week)
    assert found.kind == "cooldown"
    assert found.spec["match"] == {"app": "WhatsApp", "sender": "Family", "cooldown": 10}
    assert found.evidence == (
        "Family (WhatsApp) popped up 15 times; 10 of those came within 10 minutes of the one before, "
        "and you left 10 of them unread"
    )
