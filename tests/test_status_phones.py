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
    ],
)
def test_the_phones_line(kdeconnect: dict[str, Any] | None, line: str) -> None:
    assert line in describe({**RUNNING, "kdeconnect": kdeconnect}).splitlines()
