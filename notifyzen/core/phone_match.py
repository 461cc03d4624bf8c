"""One phone notification is one item, however many ways it reaches the desktop.

A phone notification arrives twice: as an object on KDE Connect's D-Bus API (the source of
truth, keyed by device id and the phone's own id) and as the pop-up kdeconnectd posts with Notify.
That Notify carries no phone id, only the device *name* (x-kde-origin-name; newer releases add
x-kdeconnect-source-device), so it is matched by device, app, title and text. It usually comes
0.1–0.3 ms *before* the D-Bus object is announced, sometimes after, so `ShadowMatcher` keeps
unmatched pop-ups pending for a short window and pairs them in either order.

Whoever reads that pop-up (the server without the adapter's claim, observe mode) gets it in the
phone's words through `as_phone`, which `bus/wire.from_notify` applies to every Notify call.

Separately, a chat app running on both phone and desktop (Signal, Telegram, …) notifies twice
with the same words: `find_echo` finds the earlier copy so only one reaches the user.

Pure: time is an argument, nothing here knows D-Bus.
"""

from __future__ import annotations

import html
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Generic, TypeVar

import re2

from notifyzen.core.callwords import MISSED_WORD, call_phrase
from notifyzen.core.model import Notification, Source

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


# A missed call says so in the phone's language, with the caller on the other line: Google's dialer
# titles it "Missed call" (or "2 missed calls") over the caller, others put the caller on top. The
# caller, not the phrase, is the person (repeated contact counts calls per caller). The phrases of
# the languages Android phones most often speak in Europe and the Americas; a dialer in another
# language is still known by its package (below). The words are kairos's (core/callwords.py).
_CASELESS = re2.Options()
_CASELESS.case_sensitive = False
_CASELESS.log_errors = False
_MISSED_CALL = re2.compile(rf"\s*{call_phrase(MISSED_WORD)}\s*", _CASELESS)
# Android packages that post call notifications (KDE Connect for Android sends the notification's
# key "user|package|id|tag|uid" as its id): Google, AOSP, Samsung, OnePlus dialers and in-call UIs.
DIALERS = frozenset(
    {
        "com.google.android.dialer",
        "com.android.dialer",
        "com.android.incallui",
        "com.android.server.telecom",
        "com.android.phone",
        "com.samsung.android.dialer",
        "com.samsung.android.incallui",
        "com.oneplus.dialer",
    }
)
_NUMBER = re.compile(r"\s*\+?[\d\s()./-]{3,}\s*")


def android_package(internal_id: str) -> str:
    """The app's package out of KDE Connect for Android's id ("0|com.whatsapp|1|tag|10123"), or ""
    for an id of another shape (another phone app, another client)."""
    parts = internal_id.split("|")
    return parts[1] if len(parts) >= 3 and parts[0].lstrip("-").isdigit() else ""


@dataclass(frozen=True, slots=True)
class PhoneCall:
    """A phone notification that is about a call: who called, and whether it is ringing now."""

    caller: str
    ringing: bool

    @property
    def category(self) -> str:
        return "call.incoming" if self.ringing else "call.unanswered"


def phone_call(title: str, text: str, *, package: str = "", clearable: bool = True) -> PhoneCall | None:
    """What a phone notification says about a call, or None when it is not about one.

    A missed call is known by its phrase (in one of many languages) on one line, the caller being
    the other; or, whatever the language, by the dialer's package: then the line that is a number
    is the caller, else the text (Google's dialer's shape). A dialer's notification that cannot be
    swiped away is a call going on now: ringing, or in progress (the caller is the title).
    """
    title, text = _norm(title), _norm(text)
    if title and _MISSED_CALL.fullmatch(title) and text:
        return PhoneCall(text, False)
    if text and _MISSED_CALL.fullmatch(text) and title:
        return PhoneCall(title, False)
    if package not in DIALERS or not (title or text):
        return None
    if not clearable:
        return PhoneCall(title or text, True)
    if title and _NUMBER.fullmatch(title) and not _NUMBER.fullmatch(text or "x"):
        return PhoneCall(title, False)
    return PhoneCall(text or title, False)


_COUNT = re.compile(r"\(\d+\s+[^()\d]+\)\s*$")
COUNT_TAIL = 80  # the count is at the end and short; searching all of a hostile title is quadratic


def conversation(title: str) -> str:
    r"""A chat's title without the message count WhatsApp appends as messages arrive ("Family (3
    messages)", "Familie (3 berichten)"): the conversation stays one sender while it grows.

    Only the title's end is searched: a phone's title is the app's text, and `\s*(...)$` tried at
    every start of 20 KB of spaces took 1.8 s."""
    cut = max(0, len(title) - COUNT_TAIL)
    found = _COUNT.search(title, cut)
    if found is None:
        return title.strip() or title
    return title[: found.start()].strip() or title


def as_phone(n: Notification) -> Notification:
    """kdeconnectd's pop-up of a phone notification in the phone's words: source phone, the phone
    app (not "KDE Connect"), the device by name, the conversation title as sender (when a text
    goes with it).

    Without the KDE capabilities (or when the server started after kdeconnectd) the pop-up says
    summary = app and body = "title: text", HTML-escaped: the title is taken back out of the body
    where a ": " allows it; a body without one stays the body, with no sender. Anything else
    (pairing requests, pings, other apps) comes back unchanged.
    """
    if not is_phone_popup(n):
        return n
    shown_app = _hint(n, "x-kde-display-appname")
    if shown_app:
        # A phone notification without a title gets kdeconnectd's own name as its summary
        # (KNotification's fallback): that names no conversation.
        title = "" if n.summary == n.app_name else n.summary
        app, text = html.unescape(shown_app), n.body
    else:
        app, title, text = n.summary, *_split_title(n.summary, n.body)
    # A title over a text is who wrote (a chat, a mail); a title alone is what happened (a headline,
    # "Jonas gave you kudos"): not a person, or every news app would be one. The fallback form
    # says the same, since kdeconnectd sends a lone title without "title: ".
    sender, category = (conversation(title) or None) if _norm(text) else None, n.category
    call = phone_call(title, text)
    if call is not None:
        sender, category = call.caller, category or call.category
    return replace(
        n,
        source=Source.PHONE,
        app_name=app or n.app_name,
        summary=title or app or n.summary,
        body=text,
        sender=sender,
        category=category,
        device=_hint(n, "x-kde-origin-name") or None,
    )


def _split_title(app: str, body: str) -> tuple[str, str]:
    """(title, text) out of kdeconnectd's fallback body "title: text"; ("", body) when unsure."""
    head, colon, rest = body.partition(": ")
    title = html.unescape(head).strip()
    if not colon or not title or title == app:
        return "", body
    return title, rest


def _wire_form(popup: Notification) -> tuple[str, str]:
    """(summary, body) as kdeconnectd sent them, also for a pop-up `as_phone` turned around."""
    split = not _hint(popup, "x-kde-display-appname") and popup.summary != popup.app_name
    if popup.source is Source.PHONE and split:
        return popup.app_name, f"{popup.summary}: {popup.body}"
    return popup.summary, popup.body


_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_SPACE = re.compile(r"\s+")


def _norm(text: str | None) -> str:
    """Compare what a user reads: kdeconnectd HTML-escapes, servers may strip or keep markup."""
    return _SPACE.sub(" ", _TAG.sub("", html.unescape(text or ""))).strip()


def _phone_forms(phone: Notification) -> set[tuple[str, str]]:
    """(summary, body) pairs kdeconnectd may have made of this phone notification."""
    app, text = _norm(phone.app_name), _norm(phone.body)
    ticker = _norm(str(phone.hints.get("x-kdeconnect-ticker", "")))
    forms = {(app, text), (app, ticker)}
    # the title as the phone sent it (the summary), and the sender for items built elsewhere; they
    # differ for a missed call (the caller) and a growing chat (the message count dropped)
    for title in {_norm(phone.summary), _norm(phone.sender)} - {""}:
        forms |= {(title, text), (app, title)}
        if text:
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
    summary, body = _wire_form(popup)
    return (_norm(summary), _norm(body)) in _phone_forms(phone)


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


def same_words(summary: str, body: str, n: Notification) -> bool:
    """Whether `n` says what an item titled `summary` over `body` said: the phone resending it,
    or its copy of the desktop's message (whose title is who wrote, where the phone's title may
    carry a message count). Compared as read (markup, entities, spaces aside); a body erased by
    retention (or never kept) compares by the title alone."""
    title = _norm(summary)
    titled = title == _norm(n.summary) or (bool(n.sender) and title == _norm(n.sender))
    return titled and (not body or _norm(body) == _norm(n.body))


def find_echo(
    n: Notification, recent: Iterable[tuple[T, Notification]], window: timedelta = ECHO_WINDOW
) -> T | None:
    """The earlier copy of `n` that arrived from the other side within `window`, if any."""
    for token, other in recent:
        if abs(n.at - other.at) <= window and same_message(n, other):
            return token
    return None
