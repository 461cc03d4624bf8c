"""Every reaction recorded where it happens (issue 20), in server mode: real senders (notify-send,
gdbus) on a private bus, the real Service, the Qt bridge and the pop-ups, clicked with qtbot; the
reactions read back from the history file as the model reads them."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from notifyzen.clock import FakeClock
from notifyzen.history import store
from notifyzen.service import reactions as service_reactions
from notifyzen.service.service import Service
from notifyzen.ui.digest import IDS
from notifyzen.ui.popup import PopupStack
from tests.harness.notifyzen_proc import SATURDAY_NOON, notifications_call, notify_send, rows
from tests.harness.server_app import server_app


@pytest.fixture
def running(
    qtbot: QtBot, bus_address: str, tmp_path: Path
) -> Iterator[tuple[Service, PopupStack, FakeClock]]:
    clock = FakeClock(datetime.fromisoformat(SATURDAY_NOON))
    db_path = tmp_path / "home" / "data" / "notifyzen" / "notifyzen.db"
    with server_app(bus_address, db_path, clock) as (service, popups, _):
        yield service, popups, clock


def reactions(service: Service) -> list[tuple[str, str, str | None, str | None, float | None]]:
    """(summary, kind, shown_by, action, whole seconds after shown) in the order they happened (the
    fake clock runs at real speed from where a test set it)."""
    engine = store.reader(service.db_path)
    try:
        return [
            (
                reacted.item.notification.summary,
                r.kind.value,
                r.shown_by.value if r.shown_by else None,
                r.action,
                float(int(r.after_shown.total_seconds())) if r.after_shown is not None else None,
            )
            for reacted, r in store.read_reactions(engine)
        ]
    finally:
        engine.dispose()


def send(env: dict[str, str], *argv: str) -> subprocess.Popen[str]:
    return subprocess.Popen(["notify-send", *argv], env=env, stdout=subprocess.PIPE, text=True)


def popup_of(popups: PopupStack, qtbot: QtBot, count: int = 1) -> int:
    qtbot.waitUntil(lambda: len(popups.visible_ids()) == count, timeout=10_000)
    return popups.visible_ids()[-1]


def test_a_button_a_click_and_the_close_button_are_acted_opened_and_dismissed_unread(
    running: tuple[Service, PopupStack, FakeClock], qtbot: QtBot, session_env: dict[str, str]
) -> None:
    service, popups, clock = running
    waiting = send(session_env, "--wait", "-t", "0", "-a", "CI", "-A", "rerun=Rerun", "Build failed", "main")
    id = popup_of(popups, qtbot)
    clock.set(clock.now() + timedelta(seconds=40))  # the user reads it for 40 s, then clicks
    popup = popups.popup(id)
    assert popup is not None
    (button,) = [b for b in popup.findChildren(QPushButton) if "Rerun" in b.text()]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert waiting.wait(timeout=10) == 0

    waiting = send(session_env, "--wait", "-t", "0", "-a", "Signal", "-A", "default=Open", "Anke", "lunch?")
    id = popup_of(popups, qtbot)
    clock.set(clock.now() + timedelta(minutes=2))
    popup = popups.popup(id)
    assert popup is not None
    qtbot.mouseClick(popup.summary, Qt.MouseButton.LeftButton)  # a click on the pop-up: its default
    assert waiting.wait(timeout=10) == 0

    waiting = send(session_env, "--wait", "-t", "0", "-a", "Shop", "Your parcel", "is on its way")
    id = popup_of(popups, qtbot)
    popup = popups.popup(id)
    assert popup is not None
    qtbot.mouseClick(popup.close_button, Qt.MouseButton.LeftButton)
    assert waiting.wait(timeout=10) == 0

    qtbot.waitUntil(lambda: len(reactions(service)) == 6, timeout=5_000)
    assert reactions(service) == [
        ("Build failed", "shown", "arrival", None, None),
        ("Build failed", "acted", None, "rerun", 40.0),
        ("Anke", "shown", "arrival", None, None),
        ("Anke", "opened", None, None, 120.0),
        ("Your parcel", "shown", "arrival", None, None),
        ("Your parcel", "dismissed", None, None, 0.0),
    ]


def test_a_pop_up_left_alone_expires_and_one_its_app_closes_is_nobodys_reaction(
    running: tuple[Service, PopupStack, FakeClock], qtbot: QtBot, session_env: dict[str, str]
) -> None:
    service, popups, _ = running
    notify_send(session_env, "-t", "300", "-a", "Weather", "Rain at 15:00")
    qtbot.waitUntil(lambda: len(rows(session_env)) == 1 and rows(session_env)[0]["state"] == "expired")
    id = notify_send(session_env, "-t", "0", "-a", "Player", "Now playing")
    popup_of(popups, qtbot)
    notifications_call(session_env, "CloseNotification", str(id))
    qtbot.waitUntil(lambda: rows(session_env)[-1]["close_reason"] == 3, timeout=5_000)
    qtbot.waitUntil(lambda: len(reactions(service)) == 3, timeout=5_000)  # after the burst's quiet
    assert [(s, k) for s, k, *_ in reactions(service)] == [
        ("Rain at 15:00", "shown"),
        ("Rain at 15:00", "expired"),
        ("Now playing", "shown"),
    ]


def test_an_inline_reply_from_the_pop_up_is_replied(
    running: tuple[Service, PopupStack, FakeClock], qtbot: QtBot, session_env: dict[str, str]
) -> None:
    service, popups, clock = running
    notifications_call(
        session_env,
        "Notify",
        "Chat",
        "0",
        "",
        "Mia",
        "are you coming?",
        "['inline-reply', 'Reply']",
        "{}",
        "0",
    )
    id = popup_of(popups, qtbot)
    clock.set(clock.now() + timedelta(seconds=15))
    popup = popups.popup(id)
    assert popup is not None and popup.reply_field is not None
    qtbot.keyClicks(popup.reply_field, "on my way")
    qtbot.keyClick(popup.reply_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(reactions(service)) == 2, timeout=5_000)
    assert reactions(service)[1] == ("Mia", "replied", None, None, 15.0)


def test_what_waited_is_shown_when_focus_ends_then_dismissed_in_the_digest(
    running: tuple[Service, PopupStack, FakeClock], qtbot: QtBot, session_env: dict[str, str]
) -> None:
    service, popups, clock = running
    service.post(service.focus, 60)
    qtbot.waitUntil(lambda: service.timeline.focus_end(clock.now()) is not None, timeout=5_000)
    notify_send(session_env, "-a", "Newsletter", "This week")
    qtbot.waitUntil(lambda: len(rows(session_env)) == 1, timeout=10_000)
    assert rows(session_env)[0]["verdict"] == "hold" and not popups.visible_ids()
    assert reactions(service) == [], "held, not shown: nothing the user saw yet"
    service.post(service.end_focus)
    qtbot.waitUntil(lambda: len(reactions(service)) == 1, timeout=5_000)
    clock.set(clock.now() + timedelta(minutes=5))
    service.post(service.dismiss_many, [rows(session_env)[0]["id"]])
    qtbot.waitUntil(lambda: len(reactions(service)) == 2, timeout=5_000)
    assert reactions(service) == [
        ("This week", "shown", "breakpoint", None, None),
        ("This week", "dismissed", None, None, 300.0),
    ]


def test_answers_from_the_pop_up_and_the_digest_and_always_mute_reach_the_history(
    qtbot: QtBot, bus_address: str, session_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the app's own wiring (app.connect): the pop-up's "⋯" → "Could have waited", the
    digest's "Should have come through", and Always mute written from a digest line."""
    for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "HOME"):
        monkeypatch.setenv(key, session_env[key])  # the rule file goes to the test's HOME
    clock = FakeClock(datetime.fromisoformat(SATURDAY_NOON))
    db_path = Path(session_env["XDG_DATA_HOME"]) / "notifyzen" / "notifyzen.db"
    with server_app(bus_address, db_path, clock) as (service, popups, digest):
        notify_send(session_env, "-t", "0", "-a", "Shop", "Flash sale")
        popup = popups.popup(popup_of(popups, qtbot))
        assert popup is not None
        menu = popup.options.menu()
        assert menu is not None and [a.text() for a in menu.actions()] == ["Could have waited"]
        menu.actions()[0].trigger()
        qtbot.waitUntil(lambda: len(reactions(service)) == 2, timeout=5_000)

        service.post(service.focus, 30)
        qtbot.waitUntil(lambda: service.timeline.focus_end(clock.now()) is not None, timeout=5_000)
        notify_send(session_env, "-a", "Mail", "Build broke")
        notify_send(session_env, "-a", "Spam", "50% off")
        qtbot.waitUntil(lambda: len(rows(session_env)) == 3, timeout=10_000)
        service.post(service.checkin_now)
        qtbot.waitUntil(lambda: digest.window is not None and digest.window.isVisible(), timeout=10_000)
        window = digest.window
        build, spam = rows(session_env)[1]["id"], rows(session_env)[2]["id"]
        for wanted in (build, spam):
            index = next(i for i in window._visible_rows() if list(i.data(IDS) or []) == [wanted])
            window.view.setCurrentIndex(index)
            if wanted == build:
                qtbot.mouseClick(window.answer_button, Qt.MouseButton.LeftButton)
            else:
                qtbot.mouseClick(window.mute_button, Qt.MouseButton.LeftButton)
                qtbot.mouseClick(window.write_rule, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(reactions(service)) == 7, timeout=5_000)
    assert [(s, k) for s, k, *_ in reactions(service)] == [
        ("Flash sale", "shown"),
        ("Flash sale", "could_have_waited"),
        ("Build broke", "shown"),
        ("50% off", "shown"),
        ("Build broke", "should_have_come"),
        ("50% off", "always_mute"),
        ("50% off", "dismissed"),  # muted for good: what is listed of it goes too
    ]


def test_read_along_with_an_opened_line_is_opened_not_dismissed_unread(
    running: tuple[Service, PopupStack, FakeClock], qtbot: QtBot, session_env: dict[str, str]
) -> None:
    service, _, clock = running
    service.post(service.focus, 60)
    qtbot.waitUntil(lambda: service.timeline.focus_end(clock.now()) is not None, timeout=5_000)
    for text in ("are you there?", "hello?"):
        notify_send(session_env, "-a", "Signal", "Anke", text)
    qtbot.waitUntil(lambda: len(rows(session_env)) == 2, timeout=10_000)
    first, second = (r["id"] for r in rows(session_env))
    service.post(service.checkin_now)
    qtbot.waitUntil(lambda: len(reactions(service)) == 2, timeout=5_000)
    service.post(service.open_item, second)  # the digest's Enter on the line: its newest...
    service.post(service_reactions.read_along, service, [first])  # ...and the older one with it
    service.post(service.dismiss_many, [first])
    qtbot.waitUntil(lambda: len(reactions(service)) == 4, timeout=5_000)
    qtbot.wait(300)
    assert [(k, s) for s, k, *_ in reactions(service)][2:] == [("opened", "Anke"), ("opened", "Anke")]
    assert {r["state"] for r in rows(session_env)} == {"acted", "dismissed"}, "the history as before"


def test_a_burst_seen_only_as_n_more_waiting_is_not_left_to_expire(
    running: tuple[Service, PopupStack, FakeClock], qtbot: QtBot, session_env: dict[str, str]
) -> None:
    """Seven apps at once: five pop-ups and "2 more waiting". When the card times out, those two
    end as expired (the senders hear reason 1) without the user having left them to expire."""
    service, popups, _ = running
    for i in range(7):
        notify_send(session_env, "-t", "0", "-a", f"App {i}", f"message {i}")
    qtbot.waitUntil(lambda: len(popups.waiting_ids()) == 2, timeout=10_000)
    counted = popups.waiting_ids()
    popups._expire_waiting()  # the card's own timeout, without waiting 6 s
    qtbot.waitUntil(
        lambda: all(r["state"] == "expired" for r in rows(session_env) if r["id"] in counted), timeout=5_000
    )
    qtbot.waitUntil(lambda: len(reactions(service)) == 7, timeout=5_000)
    assert {k for s, k, *_ in reactions(service)} == {"shown"}
