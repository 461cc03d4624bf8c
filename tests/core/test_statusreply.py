"""Who is told "I'm focusing until 12:00", once per conversation per focus window, in which words."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.model import Decision, Notification, Source, Verdict
from notifyzen.core.statusreply import (
    OFF,
    StatusReplies,
    StatusReplySettings,
    check_template,
    choose,
    conversation,
    group_name,
)

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 23, 10, 5, tzinfo=AMS)
NOON = datetime(2026, 11, 23, 12, 0, tzinfo=AMS)
ANKE = StatusReplySettings(people=frozenset({"anke"}))


def note(sender: str | None = "Anke", **kw: Any) -> Notification:
    base: dict[str, Any] = dict(app_name="WhatsApp", summary=sender or "Promo", at=NOW, sender=sender)
    base.update(kw)
    return Notification(**base)


def held(
    reply: bool = False, release_at: datetime | None = NOON, window: str | None = "deep work"
) -> Decision:
    return Decision(Verdict.HOLD, "people", "held", release_at, window=window, reply=reply)


def test_nobody_is_told_by_default() -> None:
    assert not choose(note(), held(), StatusReplySettings()).yes
    assert not choose(note(), held(reply=True), OFF).yes  # the master switch silences rules too


def test_a_chosen_person_and_a_rule_asking_are_told() -> None:
    assert choose(note(), held(), ANKE).yes
    assert choose(note("Bram"), held(reply=True), StatusReplySettings()).yes
    assert not choose(note("Bram"), held(), ANKE).yes
    apps = StatusReplySettings(apps=frozenset({"whatsapp"}))
    assert choose(note("Bram"), held(), apps).yes
    assert not choose(note("Bram", app_name="Signal"), held(), apps).yes


@pytest.mark.parametrize(
    ("decision", "why"),
    [
        (Decision(Verdict.DELIVER, "people", "shown", window="deep work", reply=True), "delivered"),
        (held(reply=True, window=None), "held outside a focus window"),
        (held(reply=True, release_at=None), "no promised time"),
    ],
)
def test_only_messages_held_in_focus_with_a_promise(decision: Decision, why: str) -> None:
    assert not choose(note(), decision, ANKE).yes, why


def test_never_broadcasts_or_unknown_senders() -> None:
    assert not choose(note(None, category="im"), held(reply=True), ANKE).yes  # nameless chat
    assert not choose(note(None), held(reply=True), ANKE).yes  # an app, not a person
    assert not choose(note(hints={"x-notifyzen-broadcast": True}), held(reply=True), ANKE).yes
    assert not choose(note(category="im.broadcast"), held(reply=True), ANKE).yes
    assert not choose(note("WhatsApp", body="5 new messages"), held(reply=True), ANKE).yes


@pytest.mark.parametrize(
    ("sender", "hints", "category", "group"),
    [
        ("Family: Anke", {}, None, "Family"),  # Android MessagingStyle through KDE Connect
        ("Family (3 messages): Anke", {}, None, "Family"),  # WhatsApp's summary form
        ("Anke @ Climbing club", {}, None, "Climbing club"),
        ("Anke", {"x-notifyzen-group": "Team"}, None, "Team"),
        ("Team", {"x-notifyzen-group": True}, None, "Team"),
        ("Team", {}, "im.group", "Team"),
        ("#team-backend", {}, "im.received", "#team-backend"),
        ("Anke", {}, "im.received", None),
        ("Anke de Vries", {}, None, None),
    ],
)
def test_group_chat_heuristic(
    sender: str, hints: dict[str, Any], category: str | None, group: str | None
) -> None:
    assert group_name(note(sender, hints=hints, category=category)) == group


@pytest.mark.parametrize("title", ["Family", "Family (3 messages)"])
def test_a_group_titled_by_its_name_alone_is_a_group(title: str) -> None:
    """WhatsApp and Signal (on the phone through KDE Connect, and on the desktop) title a group
    message with the group's name and put the writer in the text: "Anke: Dinner Sunday?". With
    the app chosen, the whole family was told; only a named conversation may be."""
    family = note(title, body="Anke: Dinner Sunday?\nBram: ok", source=Source.PHONE)
    apps = StatusReplySettings(apps=frozenset({"whatsapp"}))
    assert group_name(family) is not None
    assert not choose(family, held(), apps).yes
    assert conversation(family) == "family"  # the group, whatever the count says
    assert choose(family, held(), StatusReplySettings(conversations=frozenset({"family"}))).yes
    # a person named in config.yaml is answered whatever her text looks like
    assert choose(note("Anke", body="Reminder: the keys"), held(), ANKE).yes
    assert choose(note("Anke", body="see you at 12:30"), held(), apps).yes


def test_group_chats_only_when_named() -> None:
    family = note("Family: Anke")
    assert conversation(family) == "family"
    assert not choose(family, held(reply=True), ANKE).yes  # Anke is chosen, the group is not
    named = StatusReplySettings(conversations=frozenset({"family"}))
    assert choose(family, held(), named).yes
    assert choose(family, held(reply=True), StatusReplySettings(), named=frozenset({"family"})).yes


def test_once_per_conversation_per_window_and_again_in_the_next() -> None:
    replies = StatusReplies(ANKE)
    first = replies.consider(note(), held(), NOW, window=("deep work", NOON))
    assert first is not None
    assert first.text == "I'm focusing until 12:00 and will read your message then. Urgent? Call twice."
    assert replies.consider(note(body="still there?"), held(), NOW, window=("deep work", NOON)) is None
    later = datetime(2026, 11, 23, 14, 10, tzinfo=AMS)
    again = replies.consider(
        note(at=later),
        held(release_at=later.replace(hour=15, minute=30)),
        later,
        window=("deep work", later.replace(hour=15, minute=30)),
    )
    assert again is not None and "15:30" in again.text


def test_focus_started_inside_a_block_does_not_make_the_block_forget() -> None:
    """Told in the deep work block, then "Focus for 20 min" inside it, then back in the same block:
    the block's occurrence is the one she was told in, so she is not told a third time."""
    replies = StatusReplies(ANKE)
    block = ("deep work", NOON)
    assert replies.consider(note(), held(), NOW, window=block) is not None
    replies.consider(note(body="b"), held(), NOW + timedelta(minutes=5), window=("focus", NOW))
    assert replies.consider(note(body="c"), held(), NOW + timedelta(minutes=30), window=block) is None
    assert replies.preview(block, NOW) is not None  # the tray still says who was told in the block


def test_a_failed_send_lets_the_next_message_try() -> None:
    replies = StatusReplies(ANKE)
    plan = replies.consider(note(), held(), NOW, window="w")
    assert plan is not None
    replies.failed(plan)
    assert replies.consider(note(), held(), NOW, window="w") is not None


def test_languages_presets_and_the_users_own_words() -> None:
    nl = StatusReplySettings(people=frozenset({"anke", "bram"}), languages={"anke": "nl"})
    replies = StatusReplies(nl)
    anke = replies.consider(note(), held(), NOW, window="w", ui_language="en")
    bram = replies.consider(note("Bram"), held(), NOW, window="w", ui_language="en", preset="meeting")
    assert anke is not None and anke.text.startswith("Ik werk geconcentreerd tot 12:00")
    assert bram is not None and bram.text.startswith("I'm in a meeting until 12:00")
    own = StatusReplySettings(
        people=frozenset({"anke de vries"}), templates={"any": {"en": "Hi {name}, back at {until}."}}
    )
    plan = StatusReplies(own).consider(note("Anke de Vries"), held(), NOW, window="w")
    assert plan is not None and plan.text == "Hi Anke, back at 12:00."


def test_the_promise_is_written_in_local_time_and_names_the_day() -> None:
    night = datetime(2026, 11, 23, 23, 0, tzinfo=AMS)
    morning = datetime(2026, 11, 24, 7, 0, tzinfo=AMS)
    plan = StatusReplies(ANKE).consider(note(at=night), held(release_at=morning), night, window="sleep")
    assert plan is not None and "until tomorrow 07:00" in plan.text
    far = StatusReplies(ANKE).consider(note(), held(release_at=NOON + timedelta(days=3)), NOW, window="x")
    assert far is not None and "until Thursday 12:00" in far.text


def test_preview_for_the_tray() -> None:
    replies = StatusReplies(StatusReplySettings(people=frozenset({"anke", "bram", "carl"})))
    for who in ("Anke", "Bram", "Carl"):
        replies.consider(note(who), held(), NOW, window="w")
    preview = replies.preview("w", NOW)
    assert preview is not None and preview.count == 3
    assert preview.text == "3 people told you're focusing until 12:00"
    assert replies.preview("next window", NOW) is None
    nl = replies.preview("w", NOW, ui_language="nl")
    assert nl is not None and nl.text == "3 mensen weten dat je tot 12:00 bezig bent"


@pytest.mark.parametrize("bad", ["Back at {when}", "no time given", "broken {until"])
def test_templates_are_checked_at_load(bad: str) -> None:
    with pytest.raises(ValueError):
        check_template(bad)
    assert check_template("Back at {until}, {name}") == "Back at {until}, {name}"


def test_phone_conversations_are_people() -> None:
    phone = note("Anke", source=Source.PHONE, app_name="Signal")
    assert choose(phone, held(), ANKE).yes


def test_config_yaml_status_reply() -> None:
    from pydantic import ValidationError

    from notifyzen.core.config import Config, ConfigModel

    assert Config().status_reply == StatusReplySettings()  # nobody chosen: nothing is sent
    settings = (
        ConfigModel.model_validate(
            {
                "status_reply": {
                    "people": ["Anke", "Bram"],
                    "conversations": "Family",
                    "languages": {"Anke": "nl"},
                    "templates": {"meeting": {"nl": "In overleg tot {until}."}},
                }
            }
        )
        .to_config()
        .status_reply
    )
    assert settings.people == {"anke", "bram"} and settings.conversations == {"family"}
    assert choose(note("Family: Bram"), held(), settings).yes
    plan = StatusReplies(settings).consider(note(), held(), NOW, window="w", preset="meeting")
    assert plan is not None and plan.text == "In overleg tot 12:00."
    with pytest.raises(ValidationError, match="unknown placeholder"):
        ConfigModel.model_validate({"status_reply": {"templates": {"any": {"en": "till {when}"}}}})
    with pytest.raises(ValidationError):
        ConfigModel.model_validate({"status_reply": {"language": "fr"}})


def test_a_hostile_sender_name_is_read_in_linear_time() -> None:
    """A 20 KB sender without ': ' took 0.4 s in the group-title pattern (a lazy `.+?` tried at
    every length); a name that long is no group title and is not parsed as one."""
    import time

    from notifyzen.core.statusreply import group_name

    n = Notification(
        app_name="WhatsApp",
        summary="x",
        at=datetime(2026, 11, 16, 9, 0, tzinfo=ZoneInfo("UTC")),
        sender="a" * 20_000,
    )
    start = time.process_time()
    assert group_name(n) is None
    assert time.process_time() - start < 0.1
    short = Notification(
        app_name="WhatsApp",
        summary="x",
        at=datetime(2026, 11, 16, 9, 0, tzinfo=ZoneInfo("UTC")),
        sender="Family: Bob",
    )
    assert group_name(short) == "Family"
