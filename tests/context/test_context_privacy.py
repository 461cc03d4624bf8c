"""Privacy mode's words (issue 19): who and how urgent, never what.

The pop-up (server mode) and the copy redelivered to the desktop (observe mode) draw `veil(item)`
while others see the screen; the app's own Notify arguments are veiled the same way when the
desktop can replace them in place.
"""

from __future__ import annotations

from dbus_fast import Variant

from notifyzen.bus.redeliver import veiled_args
from notifyzen.context.privacy import headline, veil
from notifyzen.core.model import Decision, Item, Notification, Urgency, Verdict
from tests.core.rulekit import at

WHEN = at("2026-12-07 10:00")


def item(n: Notification, urgency: Urgency | None = None) -> Item:
    return Item(7, n, Decision(Verdict.DELIVER, "critical", "why", urgency=urgency))


def test_a_persons_urgent_message_says_who_and_nothing_of_what() -> None:
    n = Notification(
        app_name="Signal", summary="Anke", body="The contract is 40k, not 30k", at=WHEN,
        urgency=Urgency.CRITICAL, category="im.received", sender="Anke",
        actions=(("default", "Open"), ("reply", "Reply")), hints={"image-path": "/tmp/photo.jpg", "x": 1},
    )  # fmt: skip
    veiled = veil(item(n)).notification
    assert veiled.summary == "1 urgent message from Anke"
    assert veiled.body == "" and "40k" not in repr(veiled.summary)
    assert veiled.actions == (("default", "Open"),)
    assert "image-path" not in veiled.hints and veiled.hints["x"] == 1
    assert veil(item(n)).id == 7 and n.body  # the real one is untouched


def test_an_apps_notification_names_the_app_and_a_rule_raised_urgency_counts() -> None:
    n = Notification(app_name="Monitoring", summary="Disk full on db-3", body="97%", at=WHEN)
    assert headline(item(n)) == "1 notification from Monitoring"
    assert headline(item(n, Urgency.CRITICAL)) == "1 urgent notification from Monitoring"


def test_the_apps_own_notify_arguments_are_veiled_for_a_replace_in_place() -> None:
    args = [
        "Signal", 0, "signal", "Anke", "The contract is 40k", ["default", "Open", "reply", "Reply"],
        {"urgency": Variant("y", 2), "image-data": Variant("s", "x")}, -1,
    ]  # fmt: skip
    veiled = veiled_args(args, "1 urgent message from Anke")
    assert veiled[3:6] == ["1 urgent message from Anke", "", ["default", "Open"]]
    assert set(veiled[6]) == {"urgency"}
    assert args[4] == "The contract is 40k"
