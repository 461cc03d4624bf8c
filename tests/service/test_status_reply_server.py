"""Server mode on a private bus: apps that offer inline reply hear back through NotificationReplied —
with the honest status reply for an opted-in person, and with what the user types in a pop-up."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from dbus_fast import Variant
from dbus_fast.aio import MessageBus
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from notifyzen.clock import FakeClock
from notifyzen.core.isoweek import IsoWeek
from notifyzen.core.ruleload import load_active
from notifyzen.core.timeline import Timeline
from notifyzen.desktop import paths
from notifyzen.report.data import open_history, weekly_report
from notifyzen.service.service import Service
from notifyzen.ui.popup import PopupStack
from notifyzen.ui.tray import Tray
from tests.harness.notifyzen_proc import SATURDAY_NOON, collect_signals, db_path, notify, rows, until
from tests.harness.server_app import server_app

T = TypeVar("T")
AMS = ZoneInfo("Europe/Amsterdam")
MONDAY_0930 = "2026-11-16T09:30:00+01:00"  # in the default preset's first deep work block (09:00-10:30)
MONDAY_1105 = "2026-11-16T11:05:00+01:00"  # the second block (11:00-12:30)
CONFIG = """
status_reply:
  people: [Anke, Carl]
"""
REPLY = ["inline-reply", "Reply"]
PLACEHOLDER = {"x-kde-reply-placeholder-text": Variant("s", "Reply to Anke")}


class Client:
    """A chat app on the private bus, on a loop of its own (the test's thread runs Qt)."""

    def __init__(self, address: str) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.bus: MessageBus = self.run(self._connect(address))
        self.replied: list[list[Any]] = self.run(collect_signals(self.bus, "NotificationReplied"))

    @staticmethod
    async def _connect(address: str) -> MessageBus:
        return await MessageBus(bus_address=address).connect()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 15) -> T:
        future: Future[T] = asyncio.run_coroutine_threadsafe(coro, self.loop)
        return future.result(timeout)

    def chat(self, sender: str, text: str, *, reply: bool = True, category: str = "im.received") -> int:
        hints = {"category": Variant("s", category), **(PLACEHOLDER if reply else {})}
        return self.run(
            notify(self.bus, sender, text, app="Chat", actions=REPLY if reply else [], hints=hints)
        )

    def wait_replies(self, count: int) -> list[list[Any]]:
        self.run(until(lambda: len(self.replied) >= count, 10, f"{count} NotificationReplied"))
        return list(self.replied)

    def close(self) -> None:
        self.bus.disconnect()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


def _timeline(tmp_path: Path) -> Callable[[], Timeline]:
    """The user's config.yaml (status replies for Anke) over the shipped presets."""
    config_dir = tmp_path / "config"
    config_dir.mkdir(exist_ok=True)
    (config_dir / "config.yaml").write_text(CONFIG + "timezone: Europe/Amsterdam\n")

    def timeline() -> Timeline:
        loaded = load_active(config_dir, paths.presets_dir())
        assert loaded.ok, loaded.errors
        return Timeline(loaded.rules, loaded.config)

    return timeline


def _db(tmp_path: Path) -> Path:
    return tmp_path / "home" / "data" / "notifyzen" / "notifyzen.db"


def _service(tmp_path: Path, bus_address: str, start: str, listener: Any = None) -> tuple[Service, FakeClock]:
    clock = FakeClock(datetime.fromisoformat(start))
    service = Service(
        db_path=_db(tmp_path),
        clock=clock,
        listener=listener,
        mode="server",
        bus_address=bus_address,
        timeline_factory=_timeline(tmp_path),
    )
    return service, clock


@pytest.fixture
def client(bus_address: str) -> Iterator[Client]:
    c = Client(bus_address)
    yield c
    c.close()


def _on_bus(service: Service, fn: Any, *args: Any) -> Any:
    """Run fn on the bus thread and return its result (the Service is only touched there)."""
    done: Future[Any] = Future()
    service.post(lambda: done.set_result(fn(*args)))
    return done.result(10)


def test_an_opted_in_person_is_told_once_per_focus_window(
    bus_address: str, tmp_path: Path, client: Client, session_env: dict[str, str]
) -> None:
    service, _ = _service(tmp_path, bus_address, MONDAY_0930)
    assert service.start() == "server"
    try:
        first = client.chat("Anke", "lunch today?")
        ((id, text),) = client.wait_replies(1)
        assert id == first
        assert text == "I'm focusing until 10:30 and will read your message then. Urgent? Call twice."
        # A second message of hers, a group she is in, a stranger, a broadcast, an app without
        # inline reply: nobody hears anything. Carl (opted in) does, so the wait has an end.
        client.chat("Anke", "or tomorrow?")
        client.chat("Team: Anke", "standup moved")
        client.chat("Bram", "hi")
        client.chat("Anke", "sale!", category="im.broadcast")
        client.chat("Carl", "ping", reply=False)
        carl = client.chat("Carl", "call me when you can")
        assert [r[0] for r in client.wait_replies(2)] == [first, carl]
        status = _on_bus(service, service.status)
        assert status["replies"]["count"] == 2 and status["replies"]["until"] == "10:30"
        assert status["replies"]["text"] == "2 people told you're focusing until 10:30"

        # The block ends at 10:30: everything held is shown; the next block starts afresh.
        _on_bus(service, service.set_clock, datetime.fromisoformat(MONDAY_1105))
        assert _on_bus(service, service.status)["replies"] is None
        again = client.chat("Anke", "still on for lunch?")
        assert client.wait_replies(3)[2] == [again, client.replied[2][1]]
        assert "until 12:30" in client.replied[2][1]
    finally:
        service.stop()
    by_id = {r["id"]: r for r in rows(session_env)}
    assert by_id[first]["status_reply_text"].startswith("I'm focusing until 10:30")
    assert by_id[first]["opened"] == 0  # notifyzen answered; the user has not opened it
    assert by_id[first]["reply_text"] is None  # nor typed anything
    assert by_id[first]["shown_at"] <= by_id[first]["release_at"]  # the promise was kept
    assert sum(r["status_reply_text"] is not None for r in by_id.values()) == 3
    env = {**session_env, "NOTIFYZEN_DB": str(tmp_path / "home" / "data" / "notifyzen" / "notifyzen.db")}
    shown = subprocess.run(
        [sys.executable, "-m", "notifyzen", "history", "--explain", str(first)],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert shown.returncode == 0, shown.stderr
    assert "status reply sent 2026-11-16T09:30" in shown.stdout
    assert "I'm focusing until 10:30" in shown.stdout


@pytest.fixture
def with_popups(qtbot: QtBot, bus_address: str, tmp_path: Path) -> Iterator[tuple[Service, PopupStack]]:
    clock = FakeClock(datetime.fromisoformat(SATURDAY_NOON))
    with server_app(bus_address, _db(tmp_path), clock, _timeline(tmp_path)) as (service, popups, _):
        yield service, popups


def test_what_the_user_types_in_the_popup_reaches_the_app(
    with_popups: tuple[Service, PopupStack], qtbot: QtBot, client: Client, session_env: dict[str, str]
) -> None:
    _, popups = with_popups
    id = client.chat("Anke", "lunch today?")  # Saturday noon: shown at once, no status reply
    qtbot.waitUntil(lambda: popups.visible_ids() == [id], timeout=10_000)
    popup = popups.popup(id)
    assert popup is not None and popup.reply_field is not None
    assert popup.reply_field.placeholderText() == "Reply to Anke"
    qtbot.mouseClick(popup.reply_field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(popup.reply_field, "yes, 12:30 at the canteen")
    qtbot.keyClick(popup.reply_field, Qt.Key.Key_Return)
    assert client.wait_replies(1) == [[id, "yes, 12:30 at the canteen"]]
    qtbot.waitUntil(lambda: not popups.visible_ids(), timeout=5_000)
    qtbot.waitUntil(lambda: rows(session_env)[0]["state"] == "acted", timeout=5_000)  # bus thread commits
    (row,) = rows(session_env)
    assert (row["reply_text"], row["opened"], row["close_reason"]) == ("yes, 12:30 at the canteen", 1, 2)


def test_the_digest_says_who_was_told(qtbot: QtBot, bus_address: str, tmp_path: Path, client: Client) -> None:
    from notifyzen.ui.digest import IDS, REPLY

    clock = FakeClock(datetime.fromisoformat(MONDAY_0930))
    with server_app(bus_address, _db(tmp_path), clock, _timeline(tmp_path)) as (service, _, digest):
        anke = client.chat("Anke", "lunch today?")
        client.chat("Bram", "hi")  # held too, but not told
        ((_, text),) = client.wait_replies(1)
        _on_bus(service, service.checkin_now)
        qtbot.waitUntil(lambda: digest.window is not None and digest.window.isVisible(), timeout=10_000)
        rows = digest.window._visible_rows()
        notes = {tuple(r.data(IDS)): r.data(REPLY) for r in rows if r.data(REPLY)}
        assert list(notes.values()) == [f"You told Anke at 09:30: “{text}”"]
        assert anke in next(iter(notes))


def test_focus_started_later_does_not_break_the_promise(
    bus_address: str, tmp_path: Path, client: Client, session_env: dict[str, str]
) -> None:
    """Told "until 10:30", then the user focuses by hand for two hours at 09:30 (which holds the
    10:30 check-in back): Anke's message is still shown at 10:30; Bram's, not told, waits."""
    service, _ = _service(tmp_path, bus_address, MONDAY_0930)
    assert service.start() == "server"
    try:
        anke = client.chat("Anke", "lunch today?")
        bram = client.chat("Bram", "hi")
        client.wait_replies(1)
        _on_bus(service, service.focus, 120)
        _on_bus(service, service.set_clock, datetime.fromisoformat("2026-11-16T10:31:00+01:00"))
    finally:
        service.stop()
    by_id = {r["id"]: r for r in rows(session_env)}
    assert by_id[anke]["shown_at"] is not None
    assert by_id[anke]["shown_at"] <= by_id[anke]["release_at"]
    assert by_id[bram]["shown_at"] is None


def test_what_the_user_types_in_the_digest_reaches_the_app(
    qtbot: QtBot, bus_address: str, tmp_path: Path, client: Client, session_env: dict[str, str]
) -> None:
    clock = FakeClock(datetime.fromisoformat(MONDAY_0930))
    with server_app(bus_address, _db(tmp_path), clock, _timeline(tmp_path)) as (service, _, digest):
        anke = client.chat("Anke", "lunch today?")
        client.wait_replies(1)  # the status reply
        _on_bus(service, service.checkin_now)
        qtbot.waitUntil(lambda: digest.window is not None and digest.window.isVisible(), timeout=10_000)
        window = digest.window
        assert window.selected_ids() == [anke] and window.reply_button.isEnabled()
        qtbot.mouseClick(window.reply_button, Qt.MouseButton.LeftButton)
        assert window.reply_field.placeholderText() == "Reply to Anke"
        qtbot.keyClicks(window.reply_field, "see you at 12:30")
        qtbot.keyClick(window.reply_field, Qt.Key.Key_Return)
        assert client.wait_replies(2)[1] == [anke, "see you at 12:30"]
        qtbot.waitUntil(lambda: rows(session_env)[0]["state"] == "acted", timeout=5_000)
        assert anke not in window.digest.ids
    (row,) = rows(session_env)
    assert (row["reply_text"], row["opened"]) == ("see you at 12:30", 1)
    assert row["status_reply_text"].startswith("I'm focusing until"), "the typed reply erased notifyzen's"
    week = IsoWeek.containing(datetime.fromisoformat(MONDAY_0930).date())
    totals = weekly_report(open_history(db_path(session_env)), week, AMS).totals
    assert (totals.replies, totals.promises_kept) == (1, 1), "the weekly report lost the promise"


def test_the_tray_menu_previews_who_was_told(qtbot: QtBot) -> None:
    tray = Tray()
    tray.update(
        {"replies": {"count": 3, "until": "12:00", "text": "3 people told you're focusing until 12:00"}}
    )
    assert tray.replies_action.isVisible()
    assert tray.replies_action.text() == "3 people told you're focusing until 12:00"
    tray.update({"replies": None})
    assert not tray.replies_action.isVisible()


def test_a_restart_in_the_same_window_does_not_tell_anyone_twice(
    bus_address: str, tmp_path: Path, client: Client
) -> None:
    first, _ = _service(tmp_path, bus_address, MONDAY_0930)
    assert first.start() == "server"
    try:
        client.chat("Anke", "lunch today?")
        client.wait_replies(1)
    finally:
        first.stop()
    again, _ = _service(tmp_path, bus_address, "2026-11-16T09:40:00+01:00")
    assert again.start() == "server"
    try:
        client.chat("Anke", "hello?")  # her first message is still held and was answered
        carl = client.chat("Carl", "ping")
        assert [r[0] for r in client.wait_replies(2)][1] == carl
    finally:
        again.stop()


def test_focus_by_hand_inside_a_block_does_not_tell_her_again_when_it_ends(
    bus_address: str, tmp_path: Path, client: Client
) -> None:
    """Told in the 09:00-10:30 block; at 09:40 "Focus for 20 min" (a focus window of its own); at
    10:05 she writes again, back in the same block: she heard from us about this block already."""
    service, _ = _service(tmp_path, bus_address, MONDAY_0930)
    assert service.start() == "server"
    try:
        first = client.chat("Anke", "lunch today?")
        client.wait_replies(1)
        _on_bus(service, service.set_clock, datetime.fromisoformat("2026-11-16T09:40:00+01:00"))
        _on_bus(service, service.focus, 20)
        in_focus = client.chat("Anke", "12:30?")  # manual focus is a window of its own (docs)
        client.wait_replies(2)
        _on_bus(service, service.set_clock, datetime.fromisoformat("2026-11-16T10:05:00+01:00"))
        client.chat("Anke", "hello?")
        carl = client.chat("Carl", "ping")  # told, so the wait has an end
        assert [id for id, _ in client.wait_replies(3)] == [first, in_focus, carl]
    finally:
        service.stop()


class DigestNotes:
    """What the digest would say under each listed message: the told snapshot app.py passes."""

    def __init__(self) -> None:
        self.service: Service | None = None
        self.checkins: list[tuple[str, dict[int, Any]]] = []

    def checkin(self, checkin: Any, items: list[Any]) -> None:
        assert self.service is not None
        told = self.service.replies.told
        self.checkins.append((checkin.reason, {item.id: told.get(item.id) for item in items}))

    def __getattr__(self, name: str) -> Any:  # delivered, held, closed, status, quit: not needed
        return lambda *args: None


def test_the_digest_still_says_who_was_told_after_a_restart(
    qapp: QApplication, bus_address: str, tmp_path: Path, client: Client
) -> None:
    """Anke was told at 09:30; notifyzen restarts at 09:40 (her message still held) and again at
    10:40 (listed in the digest): both digests say "You told Anke at 09:30", and she is not told
    twice."""
    from notifyzen.ui.digest_words import reply_note

    first, _ = _service(tmp_path, bus_address, MONDAY_0930)
    assert first.start() == "server"
    try:
        anke = client.chat("Anke", "lunch today?")
        client.wait_replies(1)
    finally:
        first.stop()

    notes = DigestNotes()
    held, _ = _service(tmp_path, bus_address, "2026-11-16T09:40:00+01:00", notes)
    notes.service = held
    assert held.start() == "server"
    try:
        client.chat("Anke", "hello?")  # told already in this block: no second reply
        _on_bus(held, held.set_clock, datetime.fromisoformat("2026-11-16T10:31:00+01:00"))
        _on_bus(held, lambda: None)
    finally:
        held.stop()
    reason, told = notes.checkins[-1]
    assert reason != "restored" and anke in told
    reply = told[anke]
    assert reply is not None, "the check-in after a restart forgot that Anke was told"
    sent = client.replied[0][1]  # the words Anke's chat app got
    assert reply_note("Anke", reply, datetime.fromisoformat("2026-11-16T10:31:00+01:00")) == (
        f"You told Anke at 09:30: “{sent}”"
    )

    notes = DigestNotes()
    listed, _ = _service(tmp_path, bus_address, "2026-11-16T10:40:00+01:00", notes)
    notes.service = listed
    assert listed.start() == "server"
    listed.stop()
    reason, told = notes.checkins[0]
    assert reason == "restored" and told.get(anke) == reply, "the restored digest forgot it"
    assert len(client.replied) == 1, "Anke was told twice"
