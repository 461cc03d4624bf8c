"""Phone notifications through the real kdeconnectd, with a simulated phone, offline.

Every test runs kdeconnectd 22.12 on a private bus inside `unshare --net` (only loopback up); the
bodies are in kdeconnect_scenarios.py.
"""

from __future__ import annotations

import pytest

from tests.kdeconnect_env import available, run_scenario

pytestmark = [
    pytest.mark.kdeconnect,
    pytest.mark.skipif(available() is not None, reason=str(available())),
]


def test_phone_notification_arrives_updates_and_goes_with_reply_action_and_dismiss() -> None:
    out = run_scenario("tests.kdeconnect_scenarios:one_phone")
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
    assert out["adapter_keys"] == [music]


def test_a_burst_of_phone_notifications_arrives_once_each() -> None:
    out = run_scenario("tests.kdeconnect_scenarios:burst", count=200)
    print(out)
    assert out["posted"] == out["unique"] == 220
    assert out["notifies"] == 220


def test_kdeconnectd_popups_are_matched_to_their_phone_item_in_either_order() -> None:
    out = run_scenario("tests.kdeconnect_scenarios:shadows")
    print(out)
    assert out["pending"] == []
    assert out["links"] == out["ids"]


def test_without_kdeconnectd_the_adapter_says_so_and_waits_for_it() -> None:
    out = run_scenario("tests.kdeconnect_scenarios:not_running")
    assert out["available_before"] is False
    assert out["available_after"] is True
    assert out["available_killed"] is False
    assert out["available_changes"] == [True, False]
    assert out["events"] == [["posted", "late_phone/1"]]
