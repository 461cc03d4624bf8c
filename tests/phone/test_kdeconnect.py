"""Phone notifications through the real kdeconnectd, with a simulated phone, offline.

Every test runs kdeconnectd 22.12 on a private bus inside `unshare --net` (only loopback up); the
bodies are in kdeconnect_scenarios.py.
"""

from __future__ import annotations

import pytest

from notifyzen.core.markup import parse, render_html
from tests.phone.kdeconnect_env import available, run_scenario

pytestmark = [
    pytest.mark.kdeconnect,
    pytest.mark.skipif(available() is not None, reason=str(available())),
]


def test_phone_notification_arrives_updates_and_goes_with_reply_action_and_dismiss() -> None:
    out = run_scenario("tests.phone.kdeconnect_scenarios:one_phone")
    assert out["available"] is True
    assert out["posted"] == {
        "app": "Signal",
        "sender": "Bob",
        "summary": "Bob",
        "body": "Lunch at 12?",
        "device": "Alice's Pixel",
        "source": "phone",
        # 22.12 does not put the phone's buttons on D-Bus (newer releases have an `actions`
        # property); only the reply, which it does expose, becomes an action here.
        "actions": [["inline-reply", "Reply"]],
        "silent": False,
    }
    assert out["updated"]["body"] == "Lunch at 12:30?"
    assert out["reply_ok"] and out["reply_packet"] == {"requestReplyId": "r-42", "message": "On my way"}
    assert out["action_ok"] and out["action_packet"] == {"key": "0|org.signal|42", "action": "Mark as read"}
    assert out["dismiss_sticky_ok"] is False
    assert out["reply_without_reply_id_ok"] is False
    assert out["dismiss_ok"] is True
    assert out["cancel_packet"] == {"cancel": "0|org.signal|42"}
    chat, mail, music = (
        "alice_pixel_7/0|org.signal|42",
        "alice_pixel_7/0|com.mail|7",
        "alice_pixel_7/0|com.music|1",
    )
    assert out["events"] == [
        ["posted", chat],
        ["updated", chat],
        ["posted", mail],
        ["removed", mail],
        ["posted", music],
        ["removed", chat],
    ]
    assert out["phone_active"] == ["0|com.music|1"]
    [device] = out["status"]["devices"]
    assert (out["status"]["available"], out["status"]["notifications"]) == (True, 1)
    assert {k: device[k] for k in ("id", "name", "reachable")} == {
        "id": "alice_pixel_7", "name": "Alice's Pixel", "reachable": True,
    }  # fmt: skip
    assert device["received"] == 3 and device["since"]  # connected since, and what it brought
    assert out["adapter_keys"] == [music]


def test_a_burst_of_phone_notifications_arrives_once_each() -> None:
    out = run_scenario("tests.phone.kdeconnect_scenarios:burst", count=200)
    print(out)
    assert out["posted"] == out["unique"] == 220


def test_kdeconnectd_popups_are_matched_to_their_phone_item_in_either_order() -> None:
    out = run_scenario("tests.phone.kdeconnect_scenarios:shadows")
    print(out)
    assert out["pending"] == []
    assert out["links"] == out["ids"]


def test_without_kdeconnectd_the_adapter_says_so_and_waits_for_it() -> None:
    out = run_scenario("tests.phone.kdeconnect_scenarios:not_running")
    assert out["available_before"] is False
    assert out["available_after"] is True
    assert out["available_killed"] is False
    assert out["available_changes"] == [True, False]
    assert out["events"] == [["posted", "late_phone/1"]]


@pytest.mark.slow
def test_restarts_and_phones_coming_and_going_neither_duplicate_nor_lose() -> None:
    out = run_scenario("tests.phone.kdeconnect_scenarios:restarts")
    print(out)
    a1, a2, a3, b1 = (
        "phone_a/0|org.signal|1",
        "phone_a/0|com.mail|2",
        "phone_a/0|com.chat|3",
        "phone_b/0|org.signal|1",
    )
    b9 = "phone_b/0|com.cal|9"
    # The two phones' first posts may interleave either way; each phone's own order is kept.
    first = out["after_restart"]
    assert sorted(map(tuple, first[:4])) == sorted(
        [("posted", a1), ("posted", a2), ("posted", a3), ("posted", b1)]
    )
    assert [k for _, k in first[:4] if k.startswith("phone_a")] == [a1, a2, a3]
    assert first[4:] == [["removed", a2]]  # swiped away on the phone while kdeconnectd was down
    b4 = "phone_b/0|com.news|4"
    later = out["events"][len(out["after_restart"]) :]
    assert later[0] == ["posted", b4]
    assert sorted(map(tuple, later[1:3])) == [("posted", b9), ("removed", b4)]
    assert later[3:] == [["removed", a1]]
    # Dismissed while the work phone was away: it is told when it comes back.
    assert out["dismissed_while_away"] is False
    assert out["late_cancel"] == {"cancel": "0|com.news|4"}
    assert out["b_active"] == ["0|com.cal|9", "0|org.signal|1"]
    # Only the news item was posted afresh; everything else after the restart came as a (silent)
    # resend, even the calendar entry shown while the work phone was away: kdeconnectd pops up
    # nothing for those, only the adapter reports them.
    assert out["notifies_after_restart"] == 1
    assert out["dismissed"] is True and out["cancel"] == {"cancel": "0|org.signal|1"}
    assert out["keys"] == sorted([a3, b1, b9])
    assert out["available"] == [True, False, True]


def test_pairing_request_is_recognised_a_paired_phone_delivers_and_unpairing_removes() -> None:
    out = run_scenario("tests.phone.kdeconnect_scenarios:pairing")
    assert out["pairing_popup"] is True
    assert "Accept" in out["actions"]
    assert out["events"] == [["posted", "new_phone/1"], ["removed", "new_phone/1"]]  # then unpaired


@pytest.mark.slow
def test_phone_notification_held_released_dismissed_and_the_phone_cancels_it() -> None:
    """Issue 5: held in a focus window (injected clock), released at a check-in, dismissed in the
    digest, and the simulated phone receives the cancel — through the Service's own wiring."""
    out = run_scenario("tests.phone.kdeconnect_scenarios:digest")
    print(out)
    assert out["mode"] == "server"
    assert out["held"]["app"] == "Signal" and out["held"]["sender"] == "Bob"
    assert out["held"]["device"] == "Alice's Pixel" and out["held"]["source"] == "phone"
    assert out["held_window"] == "deep work"
    assert out["shadowed"] == 1  # kdeconnectd's own pop-up came, was matched to the phone item ...
    assert out["rows_after_post"] == 1  # ... and did not become a second item
    [device] = out["status_kdeconnect"]["devices"]
    assert (out["status_kdeconnect"]["available"], out["status_kdeconnect"]["notifications"]) == (True, 1)
    assert (device["id"], device["name"], device["reachable"], device["received"]) == (
        "pixel", "Alice's Pixel", True, 1,
    )  # fmt: skip
    held, mail, chat = out["held_ids"]
    assert out["checkins"] == [[held]]  # the 10:30 check-in, where the block ends
    assert out["phone_active_in_digest"] == ["0|org.signal|1"]
    assert out["dismissed"] is True
    assert out["cancel"] == {"cancel": "0|org.signal|1"}
    assert out["phone_active_after_dismiss"] == []
    assert out["mail_still_held"] is False
    assert out["reply"] == {"requestReplyId": "r3", "message": "Sure, 3pm"}
    assert out["log"][:7] == [
        ["held", held],
        ["checkin", [held]],
        ["closed", held],  # held, shown in the digest, dismissed
        ["held", mail],
        ["closed", mail],  # read on the phone: out of the queue
        ["held", chat],
        ["closed", chat],  # answered from the desktop
    ]
    assert [r[:3] for r in out["rows"][:3]] == [
        ["Signal", "kdeconnect", "pixel/0|org.signal|1"],
        ["Mail", "kdeconnect", "pixel/0|com.mail|2"],
        ["Signal", "kdeconnect", "pixel/0|org.signal|3"],
    ]
    assert out["echo"]["phone_item"] == out["echo"]["desktop_id"]  # same words on both: one item
    assert out["log"][7:9] == [["held", out["echo"]["desktop_id"]], ["held", out["echo"]["desktop_id"] + 1]]
    assert out["away"] == {"cal_held": True, "closed": False}  # kdeconnectd's CloseNotification ignored
    assert out["back"] == {"cal_held": True, "held_count": 5}  # the resend added nothing
    # the desktop app's copy after the phone's: answered with the phone item's id, no new row
    assert out["echo_after_phone"]["desktop_id"] == out["echo_after_phone"]["phone_item"]
    assert out["action"] == {"key": "0|org.signal|7", "action": "Mark as read"}
    assert [r[3] for r in out["rows"][:3]] == ["dismissed", "closed", "acted"]  # all kept in history
    assert len(out["rows"]) == 7


def test_a_phone_notification_icon_is_fetched_and_the_item_points_at_it() -> None:
    out = run_scenario("tests.phone.kdeconnect_scenarios:icon")
    assert out["icon_is_the_phones"] is True
    assert out["popup_image"] == "<(iiibiiay)>"  # kdeconnectd's own pop-up carries it as image data


@pytest.mark.slow
def test_a_held_phone_notification_stays_one_item_across_a_notifyzen_restart() -> None:
    out = run_scenario("tests.phone.kdeconnect_scenarios:notifyzen_restart")
    assert out["mapped"] == out["first_id"]
    assert out["held_after"] == [out["first_id"]]
    assert out["rows"] == [[out["first_id"], "pixel/0|org.signal|1", "held"]]


@pytest.mark.slow
def test_a_shown_phone_notification_is_not_shown_again_after_a_notifyzen_restart() -> None:
    out = run_scenario("tests.phone.kdeconnect_scenarios:notifyzen_restart_shown")
    (shown,) = out["first_shown"]
    assert out["mapped"] == shown  # the phone's copy is the item from before the restart
    assert out["second_log"] == []  # no second pop-up
    assert out["rows"] == [[shown, "pixel/0|org.signal|1", "shown"]]  # one row
    # removed on the phone, then a new message under the same phone id: a new item, not lost
    assert out["rows_after_new_message"] == [
        [shown, "Lunch?", "closed"],
        [shown + 1, "Still hungry?", "shown"],
    ]


@pytest.mark.slow
def test_observe_mode_takes_a_phone_notification_once() -> None:
    out = run_scenario("tests.phone.kdeconnect_scenarios:observe_mode")
    assert out["mode"] == "observe"
    assert out["dunst_got"] == 2  # kdeconnectd's pop-up reached the desktop's daemon, as did Mail
    # the phone notification once (the link's item), not also as the observed pop-up
    assert sorted(out["rows"]) == [["Mail", "observe"], ["Signal", "kdeconnect"]]


def test_android_shapes_calls_untitled_groups_and_progress() -> None:
    """What real Android phones send, as the user meets it in the history (`notifyzen history
    --json` reads these rows) during deep work."""
    out = run_scenario("tests.phone.kdeconnect_scenarios:android_shapes")
    rows = {
        "|".join(r["external_id"].split("|")[1:3]): r for r in out["deep_work"] if r["origin"] == "kdeconnect"
    }
    # every phone notification is one item: kdeconnectd's own pop-up of each was matched to it,
    # the one without a title too (its pop-up says "KDE Connect" where the title would be)
    assert [r["origin"] for r in out["deep_work"]] == ["kdeconnect"] * 9
    # a phone's text is plain: what the pop-up and the digest render from it shows it as typed
    shown = render_html(parse(out["markup_body"]))
    assert "<b>" not in shown and "<a " not in shown
    assert shown == "&lt;b&gt;x&lt;/b&gt; &amp; &lt;a href='http://e'&gt;y&lt;/a&gt;"
    nl1, nl2 = rows["com.google.android.dialer|1"], rows["com.google.android.dialer|2"]
    # a missed call is from the caller whatever the phone's language; the second call within three
    # minutes breaks through (and brings the first along)
    assert (nl1["sender"], nl1["category"]) == ("Anke", "call.unanswered")
    assert (nl2["sender"], nl2["verdict"], nl2["rule"]) == ("Anke", "deliver", "repeated contact")
    # a dialer's notification in a language not known here: the number is the caller
    de1, de2 = rows["com.samsung.android.dialer|7"], rows["com.samsung.android.dialer|8"]
    assert (de1["sender"], de1["category"], de1["verdict"]) == ("+49 170 1234567", "call.unanswered", "hold")
    assert (de2["verdict"], de2["rule"]) == ("deliver", "repeated contact")
    # a ringing phone cannot wait for the end of the block
    ringing = rows["com.google.android.dialer|3"]
    assert (ringing["sender"], ringing["verdict"], ringing["rule"]) == ("Bob", "deliver", "critical")
    untitled = rows["com.example.app|4"]
    assert (untitled["app_name"], untitled["summary"], untitled["sender"]) == ("Foo", "Foo", None)
    group = rows["com.whatsapp|1"]
    assert (group["summary"], group["sender"]) == ("Family (3 messages)", "Family")
    download = rows["com.android.providers.downloads|5"]
    assert (download["sender"], download["verdict"]) == (None, "hold")  # the phone's state, no person
    assert out["download_dismissed"] is True
    # the progress ticking on after the user closed it adds no item and no pop-up
    assert [r["sender"] for r in out["after_ticks"]] == ["Carol"]


def test_a_phone_chats_backlog_is_flood_gated_like_a_desktop_app() -> None:
    out = run_scenario("tests.phone.kdeconnect_scenarios:phone_flood")
    assert out["family"] == [["deliver", "default"]] * 10 + [["hold", "flood"]] * 20
    assert out["bob"] == [["deliver", "default"]]
    assert out["popups"] == 11
