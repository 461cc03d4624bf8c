"""Held items as a user's morning produces them: for the digest and pop-up tests and screenshots."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from notifyzen.core.model import Decision, Item, Notification, Urgency, Verdict

NOW = datetime(2026, 11, 25, 11, 45, tzinfo=UTC)
HOLD = Decision(Verdict.HOLD, "focus-morning", "held during focus")


def make_item(
    id: int,
    app: str = "Signal",
    summary: str = "Hello",
    body: str = "",
    *,
    sender: str | None = None,
    minutes_ago: float = 10,
    urgency: Urgency = Urgency.NORMAL,
    time_sensitive: bool = False,
    actions: tuple[tuple[str, str], ...] = (),
    hints: Mapping[str, Any] | None = None,
    expire_timeout: int = -1,
    desktop_entry: str | None = None,
    app_icon: str = "",
    resident: bool = False,
    transient: bool = False,
    decision: Decision = HOLD,
) -> Item:
    n = Notification(
        app_name=app,
        summary=summary,
        body=body,
        at=NOW - timedelta(minutes=minutes_ago),
        urgency=urgency,
        sender=sender,
        time_sensitive=time_sensitive,
        actions=actions,
        hints=dict(hints or {}),
        expire_timeout=expire_timeout,
        desktop_entry=desktop_entry,
        app_icon=app_icon,
        resident=resident,
        transient=transient,
    )
    return Item(id, n, decision)


def morning() -> list[Item]:
    """15 held items from 4 people and 5 apps, the digest the screenshots show."""
    d = (("default", "Open"),)
    return [
        make_item(
            1,
            "Signal",
            "Anke",
            "Are we still on for lunch at 12?",
            sender="Anke",
            minutes_ago=95,
            actions=d,
            desktop_entry="org.signal.Signal",
        ),
        make_item(
            2,
            "Signal",
            "Anke",
            "I booked the table at <b>Rosa's</b>",
            sender="Anke",
            minutes_ago=60,
            actions=d,
            desktop_entry="org.signal.Signal",
        ),
        make_item(
            3,
            "Signal",
            "Anke",
            "Running 5 minutes late 🙈",
            sender="Anke",
            minutes_ago=12,
            actions=d,
            desktop_entry="org.signal.Signal",
        ),
        make_item(
            4,
            "Thunderbird",
            "Anke Vogel: Re: Quarterly budget",
            "Numbers attached; the travel line looks too high to me, can you check before Friday?",
            sender="Anke",
            minutes_ago=40,
            desktop_entry="org.mozilla.Thunderbird",
        ),
        make_item(
            5,
            "Slack",
            "Marco (#release)",
            "Tag is pushed, can you sign off the release notes?",
            sender="Marco",
            minutes_ago=30,
            time_sensitive=True,
            desktop_entry="com.slack.Slack",
        ),
        make_item(
            6,
            "Slack",
            "Marco (#release)",
            "ping",
            sender="Marco",
            minutes_ago=8,
            desktop_entry="com.slack.Slack",
        ),
        make_item(7, "Phone", "Mum", "Missed call", sender="Mum", minutes_ago=50),
        make_item(8, "Phone", "Mum", "Missed call", sender="Mum", minutes_ago=20),
        make_item(
            9,
            "Signal",
            "Mum",
            "Call me when you can, nothing urgent ❤",
            sender="Mum",
            minutes_ago=19,
            desktop_entry="org.signal.Signal",
        ),
        make_item(
            10,
            "Thunderbird",
            "Jonas Berg: Invitation: design review Thu 14:00",
            "Accept or decline in your calendar",
            sender="Jonas",
            minutes_ago=70,
            desktop_entry="org.mozilla.Thunderbird",
        ),
        make_item(11, "CI", "Build failed: main #4812", "test_checkin_dst failed on arm64", minutes_ago=90),
        make_item(12, "CI", "Build failed: main #4813", "test_checkin_dst failed on arm64", minutes_ago=55),
        make_item(13, "CI", "Build passed: main #4814", "", minutes_ago=25),
        make_item(
            14,
            "Software Updates",
            "12 updates available",
            "Firefox, Thunderbird, linux-image-6.12 and 9 more",
            minutes_ago=80,
        ),
        make_item(
            15,
            "Thunderbird",
            "Newsletter: 10 tips for a calmer inbox",
            "A very long body " * 30,
            minutes_ago=33,
            desktop_entry="org.mozilla.Thunderbird",
        ),
    ]
