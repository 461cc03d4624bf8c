"""The tray's "Focus until tomorrow", as the running Service does it: until 07:00 on the coming
morning in the rules' zone, whatever the hour it is asked and however the night's clock moves."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.clock import FakeClock
from notifyzen.core.timeline import Timeline
from notifyzen.service.service import Service

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("asked", "until"),
    [
        ("2026-11-16T23:50:00+01:00", "2026-11-17T07:00:00+01:00"),
        ("2026-10-25T00:10:00+02:00", "2026-10-25T07:00:00+01:00"),  # the night the clocks go back
    ],
)
def test_focus_until_tomorrow_from_the_tray(
    bus_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, asked: str, until: str
) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    service = Service(
        db_path=tmp_path / "h.db",
        clock=FakeClock(datetime.fromisoformat(asked)),
        mode="server",
        bus_address=bus_address,
        timeline_factory=Timeline,
    )
    service.start()
    try:
        done = threading.Event()

        def tray_item() -> None:  # what the tray's "Focus until tomorrow" posts (notifyzen/app.py)
            service.focus_until_tomorrow()
            done.set()

        service.post(tray_item)
        assert done.wait(5)
        status = service.status()
    finally:
        service.stop()
    assert datetime.fromisoformat(status["manual_focus_until"]) == datetime.fromisoformat(until)
    assert status["focus_window"] == "focus"
