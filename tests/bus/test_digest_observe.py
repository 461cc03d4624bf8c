"""Observe mode: dismissing a held notification in the digest closes it on the desktop's own
daemon too (CloseNotification), so a paused dunst does not show it later. Real dunst, real
Service; the dismissal is what the digest window posts (`Service.dismiss`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from notifyzen.service.service import Service
from tests.bus.test_observer_service import Shown, observing, rows
from tests.harness.dnd_fakes import eventually
from tests.harness.dunst import dunstctl
from tests.harness.notifyzen_proc import notify_send

__all__ = ["observing"]  # the fixture, shared with the observer's own tests


@pytest.mark.slow
def test_dismissed_in_the_digest_is_closed_on_the_daemon(
    observing: tuple[Service, Shown, Path], bus_address: str, session_env: dict[str, str]
) -> None:
    service, _, db = observing
    notify_send(session_env, "-a", "Mail", "Newsletter", "this week")
    notify_send(session_env, "-a", "Mail", "Invoice", "from Hosting BV")
    eventually(lambda: [r["verdict"] for r in rows(db)] == ["hold", "hold"])
    assert dunstctl(bus_address, "count", "waiting") == "2"  # paused dunst keeps them for later
    newsletter, invoice = (r["id"] for r in rows(db))
    service.post(service.checkin_now)
    service.post(service.dismiss, newsletter)
    eventually(lambda: dunstctl(bus_address, "count", "waiting") == "1")
    states = {r["id"]: r["state"] for r in rows(db)}
    assert states[newsletter] == "dismissed" and states[invoice] != "dismissed"
