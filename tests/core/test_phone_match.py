"""kdeconnectd's pop-ups are matched to the phone item they copy; pairing requests are recognised.

The pop-up shapes are the Notify calls recorded from the real kdeconnectd 22.12
(/work/shared/kdeconnect/notify-call-samples.json): with KDE capabilities the title and text are
kept apart and the phone app travels in x-kde-display-appname; without, the summary is the app and
the body "title: text", HTML-escaped.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from notifyzen.core.model import Notification, Source
from notifyzen.core.phone_match import (
    PhoneKey,
    ShadowMatcher,
    find_echo,
    is_pairing_request,
    is_phone_popup,
    shadows,
)

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
KEY = PhoneKey("54bb7e70_8f9a", "0|com.chat|7")
BASE_HINTS = {
    "desktop-entry": "org.kde.kdeconnect.daemon",
    "resident": True,
    "x-kde-appname": "kdeconnect",
    "x-kde-eventId": "notification",
    "x-kde-origin-name": "Simulated Phone",
}


def popup(summary: str, body: str, hints: dict[str, str] | None = None, at: datetime = T0) -> Notification:
    return Notification(
        "KDE Connect", summary, at, body=body, app_icon="kdeconnect", hints={**BASE_HINTS, **(hints or {})}
    )


def phone(
    title: str = "Alice 0",
    text: str = "Hello number 0",
    app: str = "Chat",
    at: datetime = T0,
    device: str = "Simulated Phone",
) -> Notification:
    return Notification(app, title, at, body=text, source=Source.PHONE, sender=title, device=device)


KDE_FORM = popup("Alice 0", "Hello number 0", {"x-kde-display-appname": "Chat"})
PLAIN_FORM = popup("Chat", "Alice 0: Hello number 0")


@pytest.mark.parametrize("shape", [KDE_FORM, PLAIN_FORM], ids=["kde-caps", "plain-caps"])
def test_both_recorded_popup_shapes_shadow_the_phone_notification(shape: Notification) -> None:
    assert is_phone_popup(shape)
    assert shadows(shape, phone(), KEY.device_id)


@pytest.mark.parametrize(
    "other",
    [
        phone(device="Work Phone"),
        phone(app="Mail"),
        phone(text="Hello number 1"),
        phone(title="Bob"),
    ],
    ids=["other-device", "other-app", "other-text", "other-sender"],
)
def test_a_popup_does_not_shadow_a_different_phone_notification(other: Notification) -> None:
    assert not shadows(KDE_FORM, other, KEY.device_id)


def test_escaped_markup_in_the_popup_still_matches_the_raw_phone_text() -> None:
    raw = phone(text="a < b & <i>c</i>")
    assert shadows(popup("Chat", "Alice 0: a &lt; b &amp; &lt;i&gt;c&lt;/i&gt;"), raw, KEY.device_id)


def test_newer_daemons_name_the_device_by_id() -> None:
    by_id = popup("Alice 0", "Hello number 0", {"x-kdeconnect-source-device": KEY.device_id})
    assert shadows(by_id, phone(device="renamed"), KEY.device_id)
    assert not shadows(by_id, phone(), "someone_else")


def test_popup_before_the_phone_object_waits_and_is_paired_when_it_arrives() -> None:
    m: ShadowMatcher[int] = ShadowMatcher()
    assert m.popup(7, KDE_FORM, T0) is None
    assert m.pending == (7,)
    assert m.phone(KEY, phone(), T0 + timedelta(microseconds=300)) == [7]
    assert m.pending == ()
    assert m.expire(T0 + timedelta(seconds=5)) == []


def test_popup_after_the_phone_object_is_paired_at_once() -> None:
    m: ShadowMatcher[int] = ShadowMatcher()
    assert m.phone(KEY, phone(), T0) == []
    other = PhoneKey("work", "1")
    m.phone(other, phone(device="Work Phone"), T0)
    assert m.popup(7, KDE_FORM, T0 + timedelta(milliseconds=2)) == KEY


def test_an_unmatched_popup_is_released_after_the_window() -> None:
    m: ShadowMatcher[int] = ShadowMatcher(window=timedelta(milliseconds=500))
    assert m.popup(3, KDE_FORM, T0) is None
    assert m.next_change() == T0 + timedelta(milliseconds=500)
    assert m.expire(T0 + timedelta(milliseconds=499)) == []
    assert m.expire(T0 + timedelta(milliseconds=500)) == [3]
    assert m.next_change() is None


def test_an_old_phone_notification_does_not_capture_a_later_identical_popup() -> None:
    m: ShadowMatcher[int] = ShadowMatcher(window=timedelta(seconds=1))
    m.phone(KEY, phone(), T0)
    assert m.popup(1, KDE_FORM, T0 + timedelta(minutes=5)) is None


def test_pairing_requests_are_recognised_and_are_not_phone_popups() -> None:
    pairing = Notification(
        "KDE Connect",
        "KDE Connect",
        T0,
        body="Pairing request from Simulated Phone\nKey: d97d14b1...",
        actions=(("1", "Accept"), ("2", "Reject")),
        hints={"desktop-entry": "org.kde.kdeconnect.daemon", "x-kde-eventId": "pairingRequest"},
    )
    assert is_pairing_request(pairing)
    assert not is_phone_popup(pairing)
    assert not is_pairing_request(KDE_FORM)
    impostor = Notification("Chat", "x", T0, hints={"x-kde-eventId": "pairingRequest"})
    assert not is_pairing_request(impostor)


def test_the_same_message_on_phone_and_desktop_is_an_echo() -> None:
    desktop = Notification("Signal Desktop", "Alice", T0 + timedelta(seconds=2), body="Lunch?")
    on_phone = phone(title="Alice", text="Lunch?", app="Signal")
    assert find_echo(desktop, [("p1", on_phone)]) == "p1"
    assert find_echo(desktop, [("p1", phone(title="Alice", text="Dinner?", app="Signal"))]) is None
    later = Notification("Signal", "Alice", T0 + timedelta(minutes=5), body="Lunch?")
    assert find_echo(later, [("p1", on_phone)]) is None
    assert find_echo(desktop, [("d0", Notification("Signal", "Alice", T0, body="Lunch?"))]) is None
