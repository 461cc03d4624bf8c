"""The phone side of the day: a phone notification sent the way kdeconnectd sends its desktop copy.

No phone is needed: what arrives on the bus is what kdeconnectd 22.12 puts there (recorded from the
real daemon), so notifyzen takes it in through the same code path as a real paired phone.
"""

from __future__ import annotations

from notifyzen.core.model import Notification
from notifyzen.demo.day import Call

DEVICE = "Pixel 7"
KDECONNECT_ENTRY = "org.kde.kdeconnect.daemon"


def phone_call(n: Notification, kde_caps: bool) -> Call:
    """What kdeconnectd sends for a phone notification.

    It puts the phone app in x-kde-display-appname and keeps title and text apart only when the
    server advertises that capability; otherwise the app is the summary and "title: text" the body.
    """
    hints: dict[str, str | bool | int] = {
        "desktop-entry": KDECONNECT_ENTRY,
        "x-kde-appname": "kdeconnect",
        "x-kde-eventId": "notification",
        "x-kde-origin-name": n.device or DEVICE,
        "resident": True,
    }
    text = escape(n.body)
    if kde_caps:
        hints["x-kde-display-appname"] = n.app_name
        summary, body = n.summary, text
    else:
        summary, body = n.app_name, f"{escape(n.summary)}: {text}" if text else escape(n.summary)
    return Call(n, "dbus-fast", "KDE Connect", summary, body, "kdeconnect", hints)


def escape(text: str) -> str:
    """kdeconnectd escapes the phone's text as markup; so does the demo, to arrive as it would."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
