"""One phone notification is one item, however many ways it reaches the desktop.

A phone notification arrives twice: as an object on KDE Connect's D-Bus API (the source of
truth, keyed by device id and the phone's own id) and as the pop-up kdeconnectd posts with Notify.
That Notify carries no phone id, only the device *name* (x-kde-origin-name; newer releases add
x-kdeconnect-source-device), so it is matched by device, app, title and text. It usually comes
0.1–0.3 ms *before* the D-Bus object is announced, sometimes after, so `ShadowMatcher` keeps
unmatched pop-ups pending for a short window and pairs them in either order.

Separately, a chat app running on both phone and desktop (Signal, Telegram, …) notifies twice
with the same words: `find_echo` finds the earlier copy so only one reaches the user.

Pure: time is an argument, nothing here knows D-Bus.
"""

from __future__ import annotations

import html
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from notifyzen.core.model import Notification

KDECONNECT_ENTRY = "org.kde.kdeconnect.daemon"
SHADOW_WINDOW = timedelta(seconds=1)
ECHO_WINDOW = timedelta(seconds=30)

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True, slots=True, order=True)
class PhoneKey:
    """A phone notification's lasting identity: KDE Connect's public object ids restart at 1."""

    device_id: str
    internal_id: str

    def __str__(self) -> str:
        return f"{self.device_id}/{self.internal_id}"


def _hint(n: Notification, name: str) -> str:
    value = n.hints.get(name)
    return value if isinstance(value, str) else ""


def is_kdeconnect(n: Notification) -> bool:
    """Posted by kdeconnectd itself (its phone pop-ups, pairing requests, pings, battery warnings)."""
    return (
        n.desktop_entry == KDECONNECT_ENTRY
        or _hint(n, "desktop-entry") == KDECONNECT_ENTRY
        or _hint(n, "x-kde-appname") == "kdeconnect"
    )


def is_pairing_request(n: Notification) -> bool:
    """A pairing request times out after 30 s on the phone, so rules must never hold it."""
    return is_kdeconnect(n) and _hint(n, "x-kde-eventId") == "pairingRequest"


def is_phone_popup(n: Notification) -> bool:
    """kdeconnectd's desktop copy of a phone notification: a shadow of the phone item."""
    return is_kdeconnect(n) and _hint(n, "x-kde-eventId") == "notification"


_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_SPACE = re.compile(r"\s+")


def _norm(text: str | None) -> str:
    """Compare what a user reads: kdeconnectd HTML-escapes, servers may strip or keep markup."""
    return _SPACE.sub(" ", _TAG.sub("", html.unescape(text or ""))).strip()


def _phone_forms(phone: Notification) -> set[tuple[str, str]]:
    """(summary, body) pairs kdeconnectd may have made of this phone notification."""
    app, title, text = _norm(phone.app_name), _norm(phone.sender or phone.summary), _norm(phone.body)
    ticker = _norm(str(phone.hints.get("x-kdeconnect-ticker", "")))
    forms = {(title, text), (app, text), (app, title), (app, ticker)}
    if title and text:
        forms.add((app, f"{title}: {text}"))
    return forms


def shadows(popup: Notification, phone: Notification, device_id: str | None = None) -> bool:
    """Whether this kdeconnectd pop-up is the desktop copy of `phone` (from device `device_id`)."""
    source = _hint(popup, "x-kdeconnect-source-device")
    if source and device_id is not None:
        if source != device_id:
            return False
    elif _norm(_hint(popup, "x-kde-origin-name")) != _norm(phone.device):
        return False
    shown_app = _hint(popup, "x-kde-display-appname")
    if shown_app and _norm(shown_app) != _norm(phone.app_name):
        return False
    return (_norm(popup.summary), _norm(popup.body)) in _phone_forms(phone)


@dataclass(frozen=True, slots=True)
class _Seen:
    notification: Notification
    at: datetime


class ShadowMatcher(Generic[T]):
    """Pairs kdeconnectd pop-ups (named by the caller's token, e.g. the Notify id) with phone keys.

    Feed it both streams: `popup()` for every phone pop-up Notify, `phone()` for every phone
    notification posted or updated. A pop-up that finds no partner waits `window`; `expire()`
    hands back the ones that never found one (show them as ordinary desktop notifications).
    """

    def __init__(self, window: timedelta = SHADOW_WINDOW) -> None:
        self.window = window
        self._phones: dict[PhoneKey, _Seen] = {}
        self._pending: dict[T, _Seen] = {}

    def popup(self, token: T, n: Notification, now: datetime) -> PhoneKey | None:
        """The phone item this pop-up shadows; None means "pending, ask again via phone()/expire()"."""
        self._prune(now)
        best = [
            (abs(now - seen.at), key)
            for key, seen in self._phones.items()
            if shadows(n, seen.notification, key.device_id)
        ]
        if best:
            return min(best)[1]
        self._pending[token] = _Seen(n, now)
        return None

    def phone(self, key: PhoneKey, n: Notification, now: datetime) -> list[T]:
        """Record a phone arrival or update; returns the pending pop-ups it turned out to be."""
        self._prune(now)
        self._phones[key] = _Seen(n, now)
        matched = [t for t, seen in self._pending.items() if shadows(seen.notification, n, key.device_id)]
        for token in matched:
            del self._pending[token]
        return matched

    def expire(self, now: datetime) -> list[T]:
        """Pending pop-ups whose window has passed without a partner."""
        gone = [t for t, seen in self._pending.items() if now - seen.at >= self.window]
        for token in gone:
            del self._pending[token]
        return gone

    def next_change(self) -> datetime | None:
        """When the oldest pending pop-up expires (arm one timer for it)."""
        oldest = min((seen.at for seen in self._pending.values()), default=None)
        return None if oldest is None else oldest + self.window

    @property
    def pending(self) -> tuple[T, ...]:
        return tuple(self._pending)

    def _prune(self, now: datetime) -> None:
        for key in [k for k, seen in self._phones.items() if now - seen.at > self.window]:
            del self._phones[key]


def _app(name: str) -> str:
    name = re.sub(r"[^0-9a-z]", "", name.casefold())
    return name.removesuffix("desktop") or name


def same_message(a: Notification, b: Notification) -> bool:
    """The same words from the same app and person, one from the phone and one from the desktop."""
    if a.source is b.source:
        return False
    return (
        _app(a.app_name) == _app(b.app_name)
        and _norm(a.sender or a.summary) == _norm(b.sender or b.summary)
        and _norm(a.body) == _norm(b.body)
    )


def find_echo(
    n: Notification, recent: Iterable[tuple[T, Notification]], window: timedelta = ECHO_WINDOW
) -> T | None:
    """The earlier copy of `n` that arrived from the other side within `window`, if any."""
    for token, other in recent:
        if abs(n.at - other.at) <= window and same_message(n, other):
            return token
    return None
