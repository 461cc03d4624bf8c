"""A focus or pause the user chose outlives a restart of notifyzen, as a phone's Focus outlives a
reboot; one that ran out meanwhile is not taken up again."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from notifyzen.clock import FakeClock
from notifyzen.core.model import Notification, Verdict
from notifyzen.core.timeline import Timeline
from notifyzen.service.service import Service

SATURDAY = "2026-11-14T{}:00+01:00"  # no focus window on the default schedule then


def run(bus_address: str, db: Path, at: str, *steps: Callable[[Service], Any]) -> list[Any]:
    """Start notifyzen at `at`, run `steps` on its bus thread as the tray would, stop it."""
    service = Service(
        db_path=db,
        clock=FakeClock(datetime.fromisoformat(at), running=False),
        mode="server",
        bus_address=bus_address,
        timeline_factory=Timeline,
    )
    service.start()
    results: list[Any] = []
    try:
        for step in steps:
            done = threading.Event()

            def on_bus(step: Callable[[Service], Any] = step, done: threading.Event = done) -> None:
                results.append(step(service))
                done.set()

            service.post(on_bus)
            assert done.wait(5)
    finally:
        service.stop()
    return results


def chat(service: Service) -> Verdict:
    n = Notification(app_name="Chat", summary="Anke", body="lunch?", at=service.clock.now())
    return service.take(n, origin="server").decision.verdict


def test_focus_for_an_hour_goes_on_after_a_restart_and_ends_on_time(
    bus_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    db = tmp_path / "h.db"
    run(bus_address, db, SATURDAY.format("09:00"), lambda s: s.focus(60))
    status, verdict = run(bus_address, db, SATURDAY.format("09:20"), lambda s: s.status(), chat)
    assert status["manual_focus"] is True
    assert status["manual_focus_until"] == "2026-11-14T10:00:00+01:00"
    assert verdict is Verdict.HOLD  # still focusing: the chat waits
    status, verdict = run(bus_address, db, SATURDAY.format("10:05"), lambda s: s.status(), chat)
    assert status["manual_focus"] is False  # the hour was over before this start
    assert verdict is Verdict.DELIVER


def test_ending_focus_or_pausing_is_what_the_next_start_remembers(
    bus_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    db = tmp_path / "h.db"
    run(bus_address, db, SATURDAY.format("09:00"), lambda s: s.focus(None), lambda s: s.end_focus())
    (status,) = run(bus_address, db, SATURDAY.format("09:10"), lambda s: s.status())
    assert status["manual_focus"] is False
    run(bus_address, db, SATURDAY.format("09:20"), lambda s: s.focus(None), lambda s: s.pause(30))
    status, verdict = run(bus_address, db, SATURDAY.format("09:30"), lambda s: s.status(), chat)
    assert status["paused"] is True and status["manual_focus"] is True  # both as left
    assert verdict is Verdict.DELIVER  # paused: everything comes through
    (status,) = run(bus_address, db, SATURDAY.format("09:55"), lambda s: s.status())
    assert status["paused"] is False and status["manual_focus"] is True  # the 30 minutes ran out


@pytest.mark.parametrize(
    "damaged", ['{"focus": {"until": "2026-11-14T10:00', '{"focus": {"until": "soon"}}', '["focus"]', "\x00"]
)
def test_a_damaged_moments_file_starts_notifyzen_without_them(
    bus_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damaged: str
) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    db = tmp_path / "h.db"
    run(bus_address, db, SATURDAY.format("09:00"), lambda s: s.focus(60))
    db.with_name("h.db.moments").write_text(damaged)
    (status,) = run(bus_address, db, SATURDAY.format("09:10"), lambda s: s.status())
    assert status["manual_focus"] is False
