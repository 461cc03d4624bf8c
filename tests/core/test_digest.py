"""The digest reads people first, pressing things before everything, repeats collapsed."""

from __future__ import annotations

from datetime import timedelta

from notifyzen.core.digest import Digest, Reply, describe_hint, entry_lines, reply_note, when_label
from notifyzen.core.model import Decision, Urgency, Verdict
from tests.harness.digest_items import NOW, make_item, morning


def test_people_come_before_apps_and_pressing_before_people() -> None:
    digest = Digest.build(morning())
    titles = [(g.title, g.count) for g in digest.groups]
    # Marco's thread is time-sensitive, so it leads although Anke wrote more.
    assert titles[0] == ("Marco", 2)
    assert [t for t, _ in titles[1:4]] == ["Anke", "Mum", "Jonas"]
    assert [t for t, _ in titles[4:]] == ["CI", "Thunderbird", "Software Updates"]


def test_a_person_is_split_by_app_and_their_messages_collapse_with_a_count() -> None:
    anke = next(g for g in Digest.build(morning()).groups if g.person == "Anke")
    assert [(s.app, [e.count for e in s.entries]) for s in anke.sections] == [
        ("Signal", [3]),
        ("Thunderbird", [1]),
    ]
    signal = anke.sections[0].entries[0]
    assert signal.ids == (3, 2, 1)  # newest first
    assert signal.latest.notification.body.startswith("Running 5 minutes late")


def test_an_apps_repeated_summaries_collapse_but_different_ones_do_not() -> None:
    items = [
        make_item(1, "CI", "Disk almost full", minutes_ago=30),
        make_item(2, "CI", "disk almost full ", minutes_ago=20),
        make_item(3, "CI", "Build passed", minutes_ago=10),
    ]
    (group,) = Digest.build(items).groups
    assert [e.ids for e in group.sections[0].entries] == [(3,), (2, 1)]


def test_critical_from_an_app_outranks_a_person() -> None:
    items = [
        make_item(1, "Signal", "Anke", sender="Anke", minutes_ago=1),
        make_item(2, "Battery", "Battery at 3%", urgency=Urgency.CRITICAL, minutes_ago=50),
    ]
    assert [g.title for g in Digest.build(items).groups] == ["Battery", "Anke"]


def test_urgency_raised_by_a_rule_counts_as_pressing() -> None:
    raised = Decision(Verdict.HOLD, "boss", "raised", urgency=Urgency.CRITICAL)
    items = [
        make_item(1, "Signal", "Anke", sender="Anke", minutes_ago=1),
        make_item(2, "Mail", "From the boss", minutes_ago=50, decision=raised),
    ]
    assert Digest.build(items).groups[0].title == "Mail"


def test_bigger_then_more_recent_groups_come_first() -> None:
    items = [
        make_item(1, "A", "x", sender="Old", minutes_ago=90),
        make_item(2, "A", "x", sender="New", minutes_ago=5),
        make_item(3, "A", "x", sender="Many", minutes_ago=80),
        make_item(4, "A", "y", sender="Many", minutes_ago=85),
    ]
    assert [g.title for g in Digest.build(items).groups] == ["Many", "New", "Old"]


def test_headline_and_rule_hints() -> None:
    digest = Digest.build(morning())
    assert digest.headline() == "15 held · 4 people · 6 apps"
    marco = digest.groups[0]
    assert marco.rule_hint == {"app": None, "sender": "Marco", "desktop_entry": None}
    assert marco.sections[0].entries[0].rule_hint == {
        "app": "Slack",
        "sender": "Marco",
        "desktop_entry": "com.slack.Slack",
    }
    ci = next(g for g in digest.groups if g.title == "CI")
    assert ci.rule_hint == {"app": "CI", "sender": None, "desktop_entry": None}


def test_without_removes_what_the_user_dealt_with_and_keeps_the_order() -> None:
    before = Digest.build(morning())
    digest = before.without([5, 6, 1, 2, 3])
    assert [g.title for g in digest.groups] == [g.title for g in before.groups if g.title != "Marco"]
    assert digest.count == 10 and sorted(digest.ids) == [i for i in range(4, 16) if i not in (5, 6)]
    anke = next(g for g in digest.groups if g.person == "Anke")
    assert [s.app for s in anke.sections] == ["Thunderbird"]
    assert Digest.build(morning()).without([3]).groups[1].sections[0].entries[0].ids == (2, 1)


def test_empty_digest() -> None:
    assert Digest.build([]).headline() == "Nothing held"


def test_reply_note_and_when_label() -> None:
    at = NOW - timedelta(minutes=3)
    assert reply_note("Anke", Reply("In a focus block until 12:00", at), NOW) == (
        "You told Anke at 11:42: “In a focus block until 12:00”"
    )
    assert when_label(NOW - timedelta(days=2), NOW) == "Mon 11:45"
    assert when_label(NOW - timedelta(days=30), NOW) == "26 Oct 11:45"


def test_entry_lines_avoid_repeating_the_persons_name() -> None:
    digest = Digest.build(morning())
    anke = next(g for g in digest.groups if g.person == "Anke")
    signal, mail = (s.entries[0] for s in anke.sections)
    assert entry_lines(anke, signal) == ("Running 5 minutes late 🙈", "Signal")
    assert entry_lines(anke, mail)[0] == "Anke Vogel: Re: Quarterly budget"
    assert entry_lines(anke, mail)[1].startswith("Thunderbird · Numbers attached")
    ci = next(g for g in digest.groups if g.title == "CI")
    assert [entry_lines(ci, e) for e in ci.sections[0].entries] == [
        ("Build passed: main #4814", ""),
        ("Build failed: main #4813", "test_checkin_dst failed on arm64"),
        ("Build failed: main #4812", "test_checkin_dst failed on arm64"),
    ]


def test_markup_in_a_body_never_reaches_the_digest_lines() -> None:
    (group,) = Digest.build(
        [make_item(1, "Web", "Hi", "<b>x</b><script>bad()</script><img src=http://t/p.png>")]
    ).groups
    assert entry_lines(group, group.sections[0].entries[0]) == ("Hi", "x")


def test_describe_hint() -> None:
    assert describe_hint({"app": "Signal", "sender": "Anke", "desktop_entry": None}) == "Anke in Signal"
    assert (
        describe_hint({"app": None, "sender": None, "desktop_entry": "com.slack.Slack"}) == "com.slack.Slack"
    )
