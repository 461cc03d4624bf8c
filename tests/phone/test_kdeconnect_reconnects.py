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
    # Mail, swiped away on the phone while the link was down: ended here too, not resent.
    [mail] = by_key[MAIL]
    assert (mail["state"], mail["close_reason"]) == ("closed", 3)
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
