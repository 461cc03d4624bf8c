"""Issue 16: a phone notification the phone sends again (kdeconnectd restarted, the phone back on
Wi-Fi, notifyzen restarted in between) is the same notification: not stored, shown, counted or
answered again. Real kdeconnectd, a phone that behaves like the Android app, the real Service;
each scenario in a loopback-only network namespace (tests/phone/kdeconnect_reconnects.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.phone.kdeconnect_env import available, run_scenario

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(available() is not None, reason=str(available())),
]

ANNA = "pixel/0|org.thoughtcrime.securesms|101|null|10234"
MAIL = "pixel/0|com.google.android.gm|7|null|10111"
FAMILY = "pixel/0|com.whatsapp|3|null|10150"
KUDOS = "pixel/0|com.strava|9|null|10200"


@pytest.mark.parametrize("how", ["kill kdeconnectd", "phone off wifi", "restart notifyzen"])
def test_a_resent_shade_is_the_same_notifications_not_new_ones(how: str) -> None:
    out: dict[str, Any] = run_scenario("tests.phone.kdeconnect_reconnects:reconnect", how=how)
    by_key: dict[str, list[dict[str, Any]]] = {}
    for row in out["rows"]:
        by_key.setdefault(row["external_id"], []).append(row)
    first = out["first"]
    # Anna's message: its pop-up had expired; the phone still shows it and resent it (with a new
    # reply id): still one row, not shown again.
    assert [r["id"] for r in by_key[ANNA]] == [first[ANNA]]
    # Mail, swiped away on the phone while the link was down: ended here too, not resent. Its
    # pop-up was still up here: the user dealt with it on the phone (issue 20), neither opened nor
    # dismissed unread. After a restart it was only in the history (no pop-up any more): no reaction.
    [mail] = by_key[MAIL]
    assert (mail["state"], mail["close_reason"]) == ("closed", 3)
    reactions = out["reactions"]
    if how == "restart notifyzen":
        assert reactions[str(mail["id"])] == ["shown"]
    else:
        assert reactions[str(mail["id"])] == ["removed_on_phone", "shown"]
    assert reactions[str(first[ANNA])] == ["expired", "shown"]  # expired here, still on the phone
    # The family chat grew meanwhile: one notification in two versions, the second shown (news).
    family = by_key[FAMILY]
    assert [r["body"] for r in family] == ["1 new message", "2 new messages"]
    assert family[1]["replaces_id"] == first[FAMILY]
    # Kudos, dismissed in notifyzen (and so on the phone): never brought back.
    assert [r["state"] for r in by_key[KUDOS]] == ["dismissed"]
    assert KUDOS.removeprefix("pixel/") not in out["phone_active"]
    assert len(out["rows"]) == 5  # four notifications, one of them in two versions
    assert out["shown_after"] == 1  # only the grown chat
    assert out["kdeconnect"]["notifications"] == 2  # Anna and the family chat, as on the phone


def test_a_day_of_reconnects_shows_the_shade_once() -> None:
    out = run_scenario("tests.phone.kdeconnect_reconnects:soak", timeout=300)
    assert out == {"rows": 70, "distinct_keys": 70, "shown_again": 0, "closed": 0}


@pytest.mark.parametrize("ending", ["dismissed", "closed by the app"])
@pytest.mark.parametrize("order", ["desktop first", "phone first"])
def test_a_message_on_desktop_and_phone_stays_one_item_after_a_restart(order: str, ending: str) -> None:
    """Signal Desktop and the phone's Signal say the same: one item. It ends, notifyzen and
    kdeconnectd restart, the phone resends it: still that one item, nothing held, shown, counted
    or answered again."""
    out = run_scenario(
        "tests.phone.kdeconnect_reconnects:echo_restart", order=order, ending=ending, timeout=120
    )
    assert out["desktop"] == out["item"]  # one item from the start, whichever copy came first
    assert out["held_before"] == [out["item"]]
    [row] = out["rows"]
    assert row["id"] == out["item"]
    assert (out["held_after"], out["shown_after"]) == ([], [])
    assert out["replies_after"] == []
    assert out["taken_in_today"] == 1
    if ending == "dismissed":  # dismissed here while the phone was away: dismissed there now
        assert out["cancels_after"] == 1
        assert ANNA.removeprefix("pixel/") not in out["phone_active"]


@pytest.mark.parametrize(
    ("order", "ending"), [("desktop first", "dismissed"), ("phone first", "closed by the app")]
)
def test_a_message_on_desktop_and_phone_that_grew_meanwhile_is_an_update(order: str, ending: str) -> None:
    """The chat grew on the phone while notifyzen was restarted ("2 new messages"): a new version
    of the one item, held once (deep work), counted once."""
    out = run_scenario(
        "tests.phone.kdeconnect_reconnects:echo_restart", order=order, ending=ending, grown=True, timeout=120
    )
    first, update = out["rows"]
    assert first["id"] == out["item"]
    assert (update["origin"], update["body"], update["replaces_id"]) == (
        "kdeconnect",
        "2 new messages",
        out["item"],
    )
    assert out["held_after"] == [out["item"]]
    assert out["shown_after"] == []
    assert out["taken_in_today"] == 1
    # Anna is told once per focus window: by the phone's first copy, or (the desktop's came
    # first, which cannot be answered) by the grown one, in this window still running
    assert out["replies_before"] + len(out["replies_after"]) == 1


def test_a_message_on_desktop_and_phone_dismissed_here_is_dismissed_on_the_phone() -> None:
    """Signal Desktop's copy came first, the phone's joined it; the user dismisses the one item
    while the phone is in reach: the phone's copy goes too, and nothing comes back after a restart."""
    out = run_scenario(
        "tests.phone.kdeconnect_reconnects:echo_restart",
        order="desktop first",
        ending="dismissed, the phone there",
        timeout=120,
    )
    assert out["cancelled_at_once"] == 1
    assert ANNA.removeprefix("pixel/") not in out["phone_active"]
    assert [r["id"] for r in out["rows"]] == [out["item"]]
    assert (out["held_after"], out["shown_after"], out["taken_in_today"]) == ([], [], 1)


def test_status_and_history_count_the_message_once_and_say_what_went_on_the_phone() -> None:
    """What `notifyzen status` and `notifyzen history` say after Anna's message came from Signal
    Desktop and the phone, was dismissed here, notifyzen and kdeconnectd restarted and her chat
    grew on the phone; and a mail read on the phone while it waited here."""
    out = run_scenario("tests.phone.kdeconnect_reconnects:as_the_user_sees_it", timeout=120)
    status = out["status"]
    assert "taken in today: 2\n" in status  # Anna's message once, the mail
    assert "held for the next check-in: 1\n" in status  # Anna's grown chat
    assert "phones: Anna's Pixel (connected since 09:30" in status
    rows = {line.split()[0]: line for line in out["history"].splitlines() if line[:6].strip().isdigit()}
    assert len(rows) == 3
    assert rows[str(out["item"])].endswith("Anna de Vries  · dismissed unread")
    assert rows["3"].endswith("↻ Anna de Vries") and " held " in rows["3"]
    assert rows["2"].endswith("Invoice 2026-118  · removed on the phone")
    assert "these 3 rows are 2 notifications" in out["history"]
