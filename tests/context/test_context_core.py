"""Screen sharing, full screen and calls in the core (issue 19): what a user notices.

While the screen is shared only critical comes through, a scheduled check-in does not open the
digest in front of the audience, and the end of sharing is the check-in; in a call people wait
as in a meeting but a second call from the same person still rings; `context: {...: off}` turns
each off; a user rule that would deliver is named in the reason.
"""

from __future__ import annotations

from notifyzen.core.config import ConfigModel
from notifyzen.core.model import Urgency, Verdict
from notifyzen.core.situation import ContextSettings, Kind, Presence, Situation
from notifyzen.core.timeline import CheckIn, Timeline
from tests.core.rulekit import at, config, default_preset, make_notification

MONDAY_FREE = "2026-03-30 13:30"  # outside the default preset's focus blocks: things are shown


def sharing(since: str, app: str = "") -> Situation:
    return Situation((Presence(Kind.SCREEN_SHARE, at(since), app),))


def test_while_sharing_only_critical_comes_through_and_the_end_is_the_checkin() -> None:
    t = Timeline(default_preset(), config())
    mail = make_notification("Thunderbird", "Invoice", "2026-03-30 13:31")
    assert t.take(1, mail, mail.at).verdict is Verdict.DELIVER  # free time: shown

    t.set_situation(at("2026-03-30 13:32"), sharing("2026-03-30 13:32"))
    later = make_notification("Thunderbird", "Contract", "2026-03-30 13:33")
    held = t.take(2, later, later.at)
    assert held.verdict is Verdict.HOLD and held.window == "screen sharing"
    assert held.release_at is None  # until the sharing ends: no check-in in front of the audience
    alarm = make_notification("Monitoring", "Disk full", "2026-03-30 13:34", urgency=Urgency.CRITICAL)
    assert t.take(3, alarm, alarm.at).verdict is Verdict.DELIVER
    assert t.private(at("2026-03-30 13:35")) == "Sharing your screen"
    assert t.silences(at("2026-03-30 13:35"))  # observe mode: the desktop's own DND goes on

    # a scheduled check-in (17:00) during the share waits: nothing opens in front of the audience
    assert [e for e in t.advance(at("2026-03-30 17:30")) if isinstance(e, CheckIn)] == []
    checkin = t.set_situation(at("2026-03-30 17:30"), Situation())
    assert checkin is not None and checkin.reason == "breakpoint" and checkin.released == (2,)
    assert t.private(at("2026-03-30 17:31")) is None


def test_a_rule_that_would_show_it_is_named_and_critical_from_set_urgency_passes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.core.rulekit import ruleset

    rules = ruleset(
        tmp_path,
        user="""
        rules:
          - name: mum is urgent
            match: {sender: [Mum]}
            action: {set_urgency: critical}
          - name: always slack
            match: {app: [Slack]}
            action: deliver
        """,
    )
    t = Timeline(rules, config())
    t.set_situation(at(MONDAY_FREE), sharing(MONDAY_FREE, "Zoom"))
    slack = make_notification("Slack", "lunch?", "2026-03-30 13:40")
    d = t.take(1, slack, slack.at)
    assert d.verdict is Verdict.HOLD and "(else: always slack" in d.reason
    assert d.reason.startswith("Sharing your screen (Zoom)")
    mum = make_notification("Signal", "call me", "2026-03-30 13:41", sender="Mum")
    assert t.take(2, mum, mum.at).verdict is Verdict.DELIVER


def test_in_a_call_people_wait_but_a_second_call_from_the_same_person_rings() -> None:
    t = Timeline(default_preset(), config())
    t.set_situation(at(MONDAY_FREE), Situation((Presence(Kind.CALL, at(MONDAY_FREE), "Zoom"),)))
    msg = make_notification("Signal", "Anke", "2026-03-30 13:35", sender="Anke", category="im.received")
    d = t.take(1, msg, msg.at)
    assert d.verdict is Verdict.HOLD and d.window == "meeting"
    assert d.release_at == at("2026-03-30 15:05")  # the max wait (90 min), as in a meeting
    assert t.private(at(MONDAY_FREE)) is None  # a call is no privacy mode: what breaks through has text
    call = make_notification("Signal", "Anke", "2026-03-30 13:36", sender="Anke", category="call.incoming")
    first = t.take(2, call, call.at)
    assert first.verdict is Verdict.DELIVER and first.rule == "repeated contact"


def test_context_off_in_config_ignores_the_situation() -> None:
    off = ConfigModel.model_validate({"context": {"screen_share": "off", "calls": "off"}}).to_config()
    assert off.context == ContextSettings("off", "hold", "off", None)
    t = Timeline(default_preset(), config(context=off.context))
    t.set_situation(at(MONDAY_FREE), sharing(MONDAY_FREE))
    mail = make_notification("Thunderbird", "Invoice", "2026-03-30 13:31")
    assert t.take(1, mail, mail.at).verdict is Verdict.DELIVER
    assert not t.silences(at("2026-03-30 13:31"))
    # mirrored displays follow screen_share unless set on their own
    assert not off.context.holds(Kind.MIRRORED) and off.context.holds(Kind.FULLSCREEN)


def test_a_wrong_context_value_is_a_clear_error() -> None:
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError, match="screen_share"):
        ConfigModel.model_validate({"context": {"screen_share": "mute"}})
    with pytest.raises(pydantic.ValidationError, match="presenting"):
        ConfigModel.model_validate({"context": {"presenting": "hold"}})


def test_manual_focus_resumes_after_a_share_inside_it() -> None:
    t = Timeline(default_preset(), config())
    t.focus(at("2026-03-30 13:30"), 60)
    t.set_situation(at("2026-03-30 13:40"), sharing("2026-03-30 13:40"))
    msg = make_notification("Thunderbird", "Invoice", "2026-03-30 13:41")
    assert t.take(1, msg, msg.at).verdict is Verdict.HOLD
    assert t.set_situation(at("2026-03-30 13:50"), Situation()) is None  # still in manual focus
    assert t.active_window(at("2026-03-30 13:51")) == "focus"


def test_the_digest_at_the_end_of_sharing_says_what_it_held_them_during() -> None:
    """The check-in after a share lists what waited and says why: "… · during screen sharing"."""
    from notifyzen.core.digest import Digest
    from notifyzen.core.model import Item
    from notifyzen.desktop import i18n
    from notifyzen.ui.digest_words import headline

    t = Timeline(default_preset(), config())
    t.set_situation(at("2026-03-30 13:32"), sharing("2026-03-30 13:32", "Zoom"))
    items = []
    for i, (app, summary) in enumerate([("Thunderbird", "Contract"), ("Slack", "lunch?")], start=1):
        n = make_notification(app, summary, f"2026-03-30 13:3{i + 2}")
        items.append(Item(i, n, t.take(i, n, n.at)))
    assert all(item.decision.verdict is Verdict.HOLD for item in items)
    digest = Digest.build(items)
    assert digest.held_during == ("screen sharing",)
    assert headline(digest).startswith("2 held") and headline(digest).endswith(" · during screen sharing")
    assert "during" not in headline(Digest.build([]))
    i18n.use("nl")  # the names notifyzen gives its windows are in the user's language
    try:
        assert headline(digest).endswith(" · tijdens scherm delen")
    finally:
        i18n.use(i18n.SOURCE_LANGUAGE)
