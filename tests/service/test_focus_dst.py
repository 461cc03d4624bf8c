"""'Focus until …' on the night the clocks go back: the end of the block the user chose is said on
the wall clock it will show then, not with the offset the clock has when the user asks."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from notifyzen.clock import FakeClock
from notifyzen.commands.status import describe
from notifyzen.core.timeline import Timeline
from notifyzen.service.service import Service
from notifyzen.ui.tray import manual_focus_text


def focus_status(bus_address: str, tmp_path: Path, started: str, minutes: float) -> dict[str, Any]:
    """The status the running Service gives after the tray's "Focus for `minutes` min" at `started`."""
    service = Service(
        db_path=tmp_path / "h.db",
        clock=FakeClock(datetime.fromisoformat(started), running=False),
        mode="server",
        bus_address=bus_address,
        timeline_factory=Timeline,
    )
    service.start()
    try:
        done = threading.Event()

        def tray_item() -> None:  # what the tray's focus items post (notifyzen/app.py)
            service.focus(minutes)
            done.set()

        service.post(tray_item)
        assert done.wait(5)
        return service.status()
    finally:
        service.stop()


def test_focus_across_the_night_the_clocks_go_back(
    qapp: QApplication, bus_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """01:30 summer time plus two hours is 02:30 winter time (at 03:00 CEST the clocks show 02:00
    again); said with the 01:30 offset it read 03:30, an hour late."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    status = focus_status(bus_address, tmp_path, "2026-10-25T01:30:00+02:00", 120)
    assert status["manual_focus_until"] == "2026-10-25T02:30:00+01:00"
    assert manual_focus_text(status) == "Focus until 02:30"
    assert "  focus window now: focus (yours, until 02:30)" in describe(status).splitlines()


def test_focus_across_the_night_the_clocks_go_forward(
    qapp: QApplication, bus_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """01:30 winter time plus an hour is 03:30 summer time (02:00 CET does not exist)."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    status = focus_status(bus_address, tmp_path, "2026-03-29T01:30:00+01:00", 60)
    assert status["manual_focus_until"] == "2026-03-29T03:30:00+02:00"
    assert manual_focus_text(status) == "Focus until 03:30"
    assert "  focus window now: focus (yours, until 03:30)" in describe(status).splitlines()
