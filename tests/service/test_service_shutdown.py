"""Quitting leaves no task behind: nothing in the log says "Task was destroyed but it is pending!"."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

import pytest

from notifyzen.clock import RealClock
from notifyzen.service import service as service_module
from notifyzen.service.service import Service


@pytest.mark.slow
@pytest.mark.parametrize("adapters", [True, False], ids=["with-adapters", "no-adapters"])
def test_stop_ends_the_bus_watch_before_the_loop_stops(
    bus_address: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    adapters: bool,
) -> None:
    if not adapters:  # nothing else to await on the way out: the loop stopped at once
        monkeypatch.setattr(service_module, "ADAPTER_MODULES", ())
    caplog.set_level(logging.ERROR, logger="asyncio")
    service = Service(
        db_path=tmp_path / "history.db", clock=RealClock(), bus_address=bus_address, mode="server"
    )
    assert service.start() == "server"
    watch = service.watch_bus
    service.stop()
    assert not service._thread.is_alive()
    assert watch is not None and watch.done()
    del service, watch
    gc.collect()
    assert not [r for r in caplog.records if "destroyed but it is pending" in r.getMessage()]
