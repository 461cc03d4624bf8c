"""A stand-in for the Service as app.Digest and the history window use it from the GUI thread:
`post` records what would have been run on the bus thread, by name, with its arguments."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from notifyzen.clock import FakeClock
from tests.harness.digest_items import NOW

CALLS = (
    "digest_showing",
    "open_item",
    "dismiss_many",
    "dismiss",
    "snooze",
    "reply",
    "reload_rules",
    "invoke_action",
)


def fake_service() -> Any:
    posted: list[tuple[str, tuple[Any, ...]]] = []
    service = SimpleNamespace(
        posted=posted,
        post=lambda fn, *args: posted.append((fn.__name__, args)),
        replies=SimpleNamespace(told={}),
        clock=FakeClock(NOW),
        live={},
    )
    for name in CALLS:

        def call(*_args: Any) -> None:
            return None

        call.__name__ = name
        setattr(service, name, call)
    return service
