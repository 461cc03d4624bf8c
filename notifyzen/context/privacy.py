"""Privacy mode: what a pop-up may show while others see the screen (issue 19).

While the screen is shared, the displays mirrored or a window full screen, only critical comes
through (core/engine.py), and even that must not put a message's text in front of the audience:
a break-through says who and how urgent, "1 urgent message from Anke", and nothing else. `veil`
makes that stand-in from a notification; the pop-up (ui/popup.py) and the copy redelivered to
the desktop in observe mode (dnd/session.py) both draw it. The app's icon stays (it says which
app, as the words do); the body, an attached image, inline reply and every button but the
default click go. The real notification is untouched: history, digest and the click's action
use it.
"""

from __future__ import annotations

from dataclasses import replace

from notifyzen.core import kairos
from notifyzen.core.model import IMAGE_HINTS, Item, Urgency
from notifyzen.desktop.i18n import translate


def headline(item: Item) -> str:
    """ "1 urgent message from Anke", "1 notification from Thunderbird"."""
    n = item.notification
    urgent = (item.decision.urgency or n.urgency) is Urgency.CRITICAL
    person = kairos.sender(n) or n.sender
    if person:
        if urgent:
            return translate("Privacy", "1 urgent message from %1").replace("%1", person)
        return translate("Privacy", "1 message from %1").replace("%1", person)
    app = n.app_name or n.desktop_entry or translate("Privacy", "an app")
    if urgent:
        return translate("Privacy", "1 urgent notification from %1").replace("%1", app)
    return translate("Privacy", "1 notification from %1").replace("%1", app)


def veil(item: Item) -> Item:
    """The stand-in drawn instead of `item` while others see the screen."""
    n = item.notification
    hints = {k: v for k, v in n.hints.items() if k not in IMAGE_HINTS}
    actions = tuple((k, label) for k, label in n.actions if k == "default")
    veiled = replace(n, summary=headline(item), body="", hints=hints, actions=actions)
    return Item(item.id, veiled, item.decision)
