"""kdeconnectd's Notify calls become phone notifications wherever they are read (server, observe).

The arguments are those recorded from the real kdeconnectd 22.12 (/work/shared/kdeconnect/
notify-call-samples.json): with x-kde-display-appname advertised the title and text are kept
apart; without it (or when the server started after kdeconnectd) the summary is the phone app and
the body "title: text", HTML-escaped. Mapped pop-ups must still pair with the adapter's phone item.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from dbus_fast import Variant

from notifyzen.bus.wire import from_notify
from notifyzen.core.model import Notification, Source
from notifyzen.core.phone_match import PhoneKey, ShadowMatcher, is_pairing_request, is_phone_popup, shadows
from notifyzen.core.rules import is_person, person_key

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
KEY = PhoneKey("54bb7e70_8f9a", "0|com.chat|7")
HINTS = {
    "desktop-entry": Variant("s", "org.kde.kdeconnect.daemon"),
    "resident": Variant("b", True),
    "x-kde-appname": Variant("s", "kdeconnect"),
    "x-kde-eventId": Variant("s", "notification"),
    "x-kde-origin-name": Variant("s", "Simulated Phone"),
}
ACTIONS = ["1", "Mark as read", "2", "Mute", "inline-reply", "Reply"]


def notify(summary: str, body: str, app: str | None = None, **extra: Any) -> Notification:
    """A Notify call as kdeconnectd makes it; `app` travels in x-kde-display-appname when given."""
    hints = dict(HINTS)
    if app is not None:
        hints["x-kde-display-appname"] = Variant("s", app)
    hints.update({k.replace("_", "-"): Variant("s", v) for k, v in extra.items()})
    return from_notify("KDE Connect", "kdeconnect", summary, body, ACTIONS, hints, -1, at=T0)


def phone(title: str = "Alice 0", text: str = "Hello number 0", app: str = "Chat") -> Notification:
    """The adapter's item for the same phone notification (kdeconnect.to_notification's shape)."""
    return Notification(
        app, title, T0, body=text, source=Source.PHONE, sender=title, device="Simulated Phone"
    )


KDE_FORM = ("Alice 0", "Hello number 0", "Chat")
PLAIN_FORM = ("Chat", "Alice 0: Hello number 0", None)


@pytest.mark.parametrize("call", [KDE_FORM, PLAIN_FORM], ids=["kde-caps", "plain-caps"])
def test_a_kdeconnectd_popup_is_the_phone_app_the_device_and_the_person(call: tuple[Any, ...]) -> None:
    n = notify(*call)
    assert n.source is Source.PHONE
    assert (n.app_name, n.device, n.sender) == ("Chat", "Simulated Phone", "Alice 0")
    assert (n.summary, n.body) == ("Alice 0", "Hello number 0")
    assert is_person(n) and person_key(n) == "alice 0"
    assert is_phone_popup(n) and n.resident and ("inline-reply", "Reply") in n.actions


@pytest.mark.parametrize("call", [KDE_FORM, PLAIN_FORM], ids=["kde-caps", "plain-caps"])
def test_the_mapped_popup_still_pairs_with_the_adapters_phone_item(call: tuple[Any, ...]) -> None:
    n = notify(*call)
    assert shadows(n, phone(), KEY.device_id)
    matcher: ShadowMatcher[int] = ShadowMatcher()
    assert matcher.popup(1, n, T0) is None  # the pop-up first, as kdeconnectd usually sends it
    assert matcher.phone(KEY, phone(), T0) == [1]


@pytest.mark.parametrize("call", [KDE_FORM, PLAIN_FORM], ids=["kde-caps", "plain-caps"])
@pytest.mark.parametrize(
    "other",
    [phone(app="Mail"), phone(title="Bob"), phone(text="Hello number 1")],
    ids=["app", "title", "text"],
)
def test_the_mapped_popup_does_not_pair_with_another_phone_item(
    call: tuple[Any, ...], other: Notification
) -> None:
    assert not shadows(notify(*call), other, KEY.device_id)


def test_a_title_with_a_colon_is_split_wrongly_but_still_pairs() -> None:
    n = notify("Chat", "Re: lunch: ok")  # title "Re: lunch", text "ok": the first ": " is taken
    assert n.app_name == "Chat" and n.source is Source.PHONE
    assert shadows(n, phone(title="Re: lunch", text="ok"), KEY.device_id)


def test_the_fallback_body_is_unescaped_for_the_sender_and_kept_as_markup_in_the_body() -> None:
    n = notify("Chat", "Tom &amp; Jerry: a &lt; b")
    assert n.sender == "Tom & Jerry" and n.body == "a &lt; b"
    assert shadows(n, phone(title="Tom & Jerry", text="a < b"), KEY.device_id)


def test_a_fallback_body_without_a_title_keeps_the_app_and_names_nobody() -> None:
    n = notify("BBC News", "Storm warning for the north coast")  # title only (no text): no ": "
    assert (n.app_name, n.summary, n.sender, n.device) == ("BBC News", "BBC News", None, "Simulated Phone")
    assert shadows(
        n, phone(title="Storm warning for the north coast", text="", app="BBC News"), KEY.device_id
    )


def test_a_title_without_text_is_a_headline_not_a_person() -> None:
    for call in (("Storm warning for the north coast", "", "BBC News"), ("BBC News", "Storm warning", None)):
        n = notify(*call)
        assert (n.app_name, n.source, n.sender) == ("BBC News", Source.PHONE, None)
        assert not is_person(n)


def test_a_missed_call_is_from_the_caller() -> None:
    for call in (("Missed call", "Mum", "Phone"), ("Phone", "Missed call: Mum", None)):
        n = notify(*call)
        assert (n.app_name, n.sender, n.category) == ("Phone", "Mum", "call.unanswered")
        assert person_key(n) == "mum"
        assert shadows(n, phone(title="Missed call", text="Mum", app="Phone"), KEY.device_id)


def test_newer_releases_name_the_device_id_too() -> None:
    n = notify(*KDE_FORM, x_kdeconnect_source_device=KEY.device_id)
    assert n.device == "Simulated Phone" and n.hints["x-kdeconnect-source-device"] == KEY.device_id
    assert shadows(n, phone(), KEY.device_id) and not shadows(n, phone(), "another_phone")


def test_a_pairing_request_stays_what_it_is() -> None:
    hints = {
        "desktop-entry": Variant("s", "org.kde.kdeconnect.daemon"),
        "x-kde-appname": Variant("s", "kdeconnect"),
        "x-kde-eventId": Variant("s", "pairingRequest"),
    }
    body = "Pairing request from Simulated Phone\nKey: d97d14b1..."
    actions = ["default", "Open", "1", "Accept", "2", "Reject", "3", "View key"]
    n = from_notify("KDE Connect", "dialog-information", "KDE Connect", body, actions, hints, 0, at=T0)
    assert is_pairing_request(n)
    assert (n.source, n.app_name, n.summary, n.body, n.sender) == (
        Source.DESKTOP,
        "KDE Connect",
        "KDE Connect",
        body,
        None,
    )


def test_other_notifications_are_untouched() -> None:
    hints = {"desktop-entry": Variant("s", "org.kde.kalendarac"), "x-kde-origin-name": Variant("s", "Ada")}
    n = from_notify("Calendar", "", "Standup", "Ada: in 15 minutes", [], hints, -1, at=T0)
    assert (n.source, n.app_name, n.summary, n.sender, n.device) == (
        Source.DESKTOP,
        "Calendar",
        "Standup",
        None,
        None,
    )
