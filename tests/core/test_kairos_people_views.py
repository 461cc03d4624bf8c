"""Issue 17 (and issue 18 item 7) where the user reads it: in the digest and the weekly report,
"#team-backend" and a family group are not people, Signal's "Mum" without the im category is, and
a one-time code that has expired is left out of the digest."""

from __future__ import annotations

from datetime import timedelta

from notifyzen.core.digest import Digest
from notifyzen.core.report import ReportRow, build_report
from tests.core.test_report import AMS, W47, local
from tests.harness.digest_items import NOW, make_item


def test_the_digest_lists_channels_and_groups_under_their_app_and_signals_mum_under_people() -> None:
    items = [
        make_item(1, "Slack", "#team-backend", "Priya Raman: deployed", sender="#team-backend"),
        make_item(2, "WhatsApp", "Family 👨‍👩‍👧", "Dad: ok", sender="Family 👨‍👩‍👧"),
        make_item(3, "Signal", "Mum", "Bel je even?", desktop_entry="signal-desktop"),  # no im category
    ]
    digest = Digest.build(items)
    assert [g.person for g in digest.groups if g.person is not None] == ["Mum"]
    assert {g.title for g in digest.groups if g.person is None} == {"Slack", "WhatsApp"}
    # "Always mute" on the channel's line is about the channel, not all of Slack
    slack = next(g for g in digest.groups if g.title == "Slack")
    assert slack.sections[0].entries[0].rule_hint["sender"] == "#team-backend"


def test_an_expired_code_is_left_out_of_the_digest_a_fresh_one_stays() -> None:
    items = [
        make_item(1, "Berichten", "DigiD", "Je DigiD sms-code is: 482913", minutes_ago=40),
        make_item(2, "Berichten", "DigiD", "Je DigiD sms-code is: 905117", minutes_ago=5),
        make_item(3, "Thunderbird", "Invoice 2026-114", "Order 482913 shipped", minutes_ago=40),
    ]
    kept = Digest.build(items, now=NOW).ids
    assert sorted(kept) == [2, 3]
    assert sorted(Digest.build(items).ids) == [1, 2, 3]  # without a time, nothing is judged expired


def test_the_weekly_report_does_not_list_a_channel_among_people() -> None:
    rows = [
        ReportRow(*local(2026, 11, 16, 10), app_name="Slack", sender="#team-backend", category="im"),
        ReportRow(*local(2026, 11, 16, 11), app_name="Slack", sender="#team-backend", category="im"),
        ReportRow(*local(2026, 11, 16, 12), app_name="Signal", sender="Anke", category="im"),
    ]
    report = build_report(rows, [], W47, AMS, max_wait=timedelta(minutes=90))
    assert [t.name for t in report.top_people] == ["Anke"]
    assert "Slack" in [t.name for t in report.top_apps]
