"""`notifyzen status` says whether phone notifications can come in, and from which phones."""

from __future__ import annotations

from typing import Any

import pytest

from notifyzen.commands.status import describe

RUNNING = {"mode": "server", "pid": 1, "database": "/tmp/h.db"}


@pytest.mark.parametrize(
    ("kdeconnect", "line"),
    [
        (None, "  phones: KDE Connect is not running"),  # an older notifyzen answering
        ({"available": False}, "  phones: KDE Connect is not running"),
        (
            {"available": True, "devices": [], "notifications": 0},
            "  phones: KDE Connect is running; no phone paired",
        ),
        (
            {
                "available": True,
                "devices": [
                    {"id": "a", "name": "Alice's Pixel", "reachable": True},
                    {"id": "w", "name": "Work phone", "reachable": False},
                ],
                "notifications": 3,
            },
            "  phones: Alice's Pixel (connected), Work phone (away)",
        ),
        (
            {
                "available": True,
                "devices": [
                    {
                        "id": "a",
                        "name": "Anna's Pixel",
                        "reachable": True,
                        "since": "2026-11-16T09:12:00+01:00",
                        "received": 14,
                    },
                    {
                        "id": "w",
                        "name": "Work phone",
                        "reachable": False,
                        "since": "2026-11-15T18:30:00+01:00",
                        "received": 1,
                    },
                ],
                "notifications": 3,
            },
            "  phones: Anna's Pixel (connected since 09:12, 14 notifications), "
            "Work phone (away since Sun 18:30, 1 notification)",
        ),
    ],
)
def test_the_phones_line(kdeconnect: dict[str, Any] | None, line: str) -> None:
    status = {**RUNNING, "kdeconnect": kdeconnect, "clock": "2026-11-16T09:40:00+01:00"}
    assert line in describe(status).splitlines()


@pytest.mark.parametrize(
    ("extra", "lines"),
    [
        (
            {"next_checkin": "2026-11-16T12:30:00+01:00", "clock": "2026-11-16T09:40:00+01:00"},
            ["  next check-in: 12:30"],
        ),
        (
            {"next_checkin": "2026-10-25T10:30:00+01:00", "clock": "2026-10-24T18:00:00+02:00"},
            ["  next check-in: tomorrow 10:30"],  # as the app gives it, not with tonight's offset
        ),
        (
            {"next_checkin": "2026-11-17T10:30:00+01:00", "clock": "2026-11-16T18:00:00+01:00"},
            ["  next check-in: tomorrow 10:30"],
        ),
        (
            {
                "next_checkin": None,
                "clock": "2026-11-16T09:40:00+01:00",
                "focus_window": "focus",
                "manual_focus": True,
                "manual_focus_until": "2026-11-16T10:05:00+01:00",
            },
            ["  next check-in: none planned", "  focus window now: focus (yours, until 10:05)"],
        ),
    ],
)
def test_times_are_said_as_the_tray_says_them(extra: dict[str, Any], lines: list[str]) -> None:
    shown = describe({**RUNNING, **extra}).splitlines()
    assert all(line in shown for line in lines), shown
