"""notifyzen in server mode inside the test's own process: the real Service on the test's private
bus, wired to real pop-ups, tray and digest by app.connect (the app's own wiring), so that qtbot can
click what a user clicks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication

from notifyzen.app import Bridge, Digest, connect
from notifyzen.clock import FakeClock
from notifyzen.core.timeline import Timeline
from notifyzen.service.service import Service
from notifyzen.ui.popup import PopupStack
from notifyzen.ui.tray import Tray


@contextmanager
def server_app(
    bus_address: str, db_path: Path, clock: FakeClock, timeline_factory: Callable[[], Timeline] = Timeline
) -> Iterator[tuple[Service, PopupStack, Digest]]:
    """The started Service (by default the built-in default rules, not whatever config the machine
    has: normal urgency through, low held; or the test's own `timeline_factory`), its pop-ups and
    its digest; all closed and stopped afterwards."""
    bridge = Bridge()
    service = Service(
        db_path=db_path,
        clock=clock,
        listener=bridge,
        mode="server",
        bus_address=bus_address,
        timeline_factory=timeline_factory,
    )
    popups = PopupStack()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    digest = connect(bridge, service, popups, Tray(), app)
    assert service.start() == "server"
    try:
        yield service, popups, digest
    finally:
        popups.clear()
        if digest.window is not None:
            digest.window.close()
        service.stop()
