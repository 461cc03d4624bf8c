"""notifyzen in observe mode on the real Plasma 5.27 (tests/harness/plasma_desktop.py): what a Plasma user
sees, by the X window types of Plasma's pop-ups and a trace of the bus (issue 15).

- Outside focus Plasma is left alone: not inhibited, each notification pops up once, as the app
  sent it, and goes as with Plasma alone.
- In focus Plasma's own Do not disturb is on; what the rules hold makes no pop-up, and at the end of
  focus nothing is dumped: the check-in lists it.
- A break-through is the app's own notification raised in place: one pop-up, the app's buttons
  still reach the app, lowered again after a pop-up's time; Plasma's one-second rule is waited out.
- "Open" on a held one runs the app's own action through Plasma.
- The user's own "toggle do not disturb" is followed: notifyzen steps aside until focus ends and
  lists nothing twice.
- A killed notifyzen frees Plasma at once; a restarted plasmashell is silenced again.

A click on a pop-up button is played with org.kde.NotificationManager.InvokeAction, the same
broadcast Plasma sends for a click (docs/plasma-facts.md, d).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.harness.dnd_fakes import REPO, start_focus, wait_for_line
from tests.harness.notifyzen_proc import OBSERVE_ON_SATURDAY
from tests.harness.plasma_desktop import Client, PlasmaDesktop, plasma, plasma_desktop
from tests.harness.waiting import until

__all__ = ["plasma", "plasma_desktop"]  # the fixtures, imported for pytest

pytestmark = pytest.mark.slow

ACTIONS = ["default", "Open", "accept", "Accept"]
RULES = """\
rules:
  - name: Ada gets through
    match: {app: Chat, summary: Ada}
    action: deliver
  - name: no promotions
    match: {app: Shop}
    action: mute
"""
EXCESS = "org.freedesktop.Notifications.Error.ExcessNotificationGeneration"
CONTROL = (
    "io.github.notifyzen.Notifyzen",
    "/io/github/notifyzen/Notifyzen",
    "io.github.notifyzen.Notifyzen1",
)


class Notifyzen:
    """`notifyzen run --mode observe` on the Plasma's bus, with a history and rules of its own."""

    def __init__(self, plasma: PlasmaDesktop, root: Path) -> None:
        self.plasma = plasma
        # The same XDG_CONFIG_HOME as plasmashell: notifyzen reads the user's own DND from
        # plasmanotifyrc there, as in a real session.
        rules = Path(plasma.env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules"
        rules.mkdir(parents=True, exist_ok=True)
        (rules / "mine.yaml").write_text(RULES)
        self.env = {**plasma.env, "NOTIFYZEN_DB": str(root / "history.db"), "QT_QPA_PLATFORM": "offscreen"}
        self.proc: subprocess.Popen[str] | None = None

    def start(self) -> Notifyzen:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "notifyzen", *OBSERVE_ON_SATURDAY],
            env=self.env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
        )  # fmt: skip
        wait_for_line(self.proc, "running in observe mode")
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)

    def status(self) -> dict[str, Any]:
        out = self.plasma.gdbus_call(CONTROL[0], CONTROL[1], f"{CONTROL[2]}.Status")
        # gdbus prints ('{"mode": ...}',)
        return dict(json.loads(out[2 : out.rindex("'")]))

    def call(self, method: str, *args: str) -> str:
        return self.plasma.gdbus_call(CONTROL[0], CONTROL[1], f"{CONTROL[2]}.{method}", *args)

    def focus(self) -> None:
        start_focus(self.env)
        until(self.plasma.inhibited, what="Plasma inhibited once focus starts")

    def history(self) -> list[dict[str, Any]]:
        out = subprocess.run(
            [sys.executable, "-m", "notifyzen", "history", "--json", "--limit", "0"],
            env=self.env, cwd=REPO, capture_output=True, text=True, timeout=30, check=True,
        )  # fmt: skip
        return list(json.loads(out.stdout))

    def id_of(self, summary: str) -> int:
        rows = [r for r in self.history() if r.get("summary") == summary]
        assert rows, f"{summary!r} not in the history"
        return int(rows[0]["id"])


@pytest.fixture
def notifyzen(plasma: PlasmaDesktop, tmp_path: Path) -> Iterator[Notifyzen]:
    app = Notifyzen(plasma, tmp_path).start()
    try:
        yield app
    finally:
        app.stop()


@contextmanager
def app_client(plasma: PlasmaDesktop) -> Iterator[Client]:
    yield plasma.client()


def notifyzen_calls(trace: Any, sender: str) -> list[Any]:
    return [c for c in trace.calls("Notify") if c.sender == sender]


def test_outside_focus_plasma_shows_each_notification_once_as_the_app_sent_it(
    plasma: PlasmaDesktop, notifyzen: Notifyzen
) -> None:
    assert not plasma.inhibited()
    assert notifyzen.status()["dnd"] == "off"
    app = plasma.client()
    with plasma.dbus_monitor() as trace:
        nid = app.notify("Ada", "lunch?", app_name="Chat", actions=ACTIONS)
        seen = plasma.watch_popups(7.0)
    [popup] = seen.sightings()
    assert not popup.critical and popup.duration < 6.0, seen  # Plasma alone: gone after ~4.7 s
    assert [c.body[3] for c in trace.calls("Notify")] == ["Ada"]  # the app's, and no copy
    assert [nid, 1] in app.signals("NotificationClosed")  # expired, as with Plasma alone
    until(lambda: notifyzen.status()["taken_in_today"] == 1, what="recorded")
    assert not plasma.inhibited()


def test_outside_focus_what_a_rule_mutes_is_taken_down_at_once(
    plasma: PlasmaDesktop, notifyzen: Notifyzen
) -> None:
    """Outside focus Plasma shows a notification before notifyzen can decide; one a rule mutes is
    closed as soon as notifyzen has seen it: the shortest it can show without keeping Plasma's
    DND on all day (docs/architecture.md)."""
    app = plasma.client()
    nid = app.notify("50% off", "only today", app_name="Shop")
    seen = plasma.watch_popups(2.0, interval=0.05)
    until(lambda: [nid, 3] in app.signals("NotificationClosed"), what="closed on Plasma")
    assert all(s.duration <= 1.5 for s in seen.sightings()), seen  # Plasma alone: 4.6-4.8 s
    assert not seen.visible_at_end()
    print(f"muted pop-up on screen: {[round(s.duration, 2) for s in seen.sightings()]} s")


def test_in_focus_held_ones_stay_silent_and_the_end_of_focus_dumps_nothing(
    plasma: PlasmaDesktop, notifyzen: Notifyzen
) -> None:
    notifyzen.focus()
    assert notifyzen.status()["dnd"] == "notifyzen"
    app = plasma.client()
    ids = [app.notify(f"Newsletter {i}", "this week", app_name="Mail") for i in range(3)]
    assert not plasma.watch_popups(2.0).sightings()
    until(lambda: notifyzen.status()["held"] == 3, what="three held")
    with plasma.dbus_monitor() as trace:
        notifyzen.call("EndFocus")
        until(lambda: not plasma.inhibited(), what="Plasma's DND off at the end of focus")
        seen = plasma.watch_popups(6.0)
    assert not seen.sightings(), f"Plasma dumped what was held: {seen}"
    closed_by_us = {c.body[0] for c in trace.calls("CloseNotification")}
    assert closed_by_us == set(ids)
    assert notifyzen.status()["held"] == 0  # shown at the check-in (the digest), not lost
    assert {r["summary"] for r in notifyzen.history() if r["shown_by"] == "breakpoint"} == {
        "Newsletter 0", "Newsletter 1", "Newsletter 2",
    }  # fmt: skip


def test_a_break_through_is_the_apps_own_notification_raised_once_with_its_buttons(
    plasma: PlasmaDesktop, notifyzen: Notifyzen
) -> None:
    notifyzen.focus()
    app, clicker = plasma.client(), plasma.client()
    with plasma.dbus_monitor() as trace:
        nid = app.notify("Ada", "lunch at 12?", app_name="Chat", actions=ACTIONS)
        seen = plasma.watch_popups(9.0)
    [popup] = seen.sightings()  # one pop-up, not the app's and a copy
    assert popup.critical, seen  # past Plasma's DND (the orange bar is Plasma's)
    assert popup.duration < 8.0 and not seen.visible_at_end(), f"not taken down after its time: {seen}"
    raised = [c for c in trace.calls("Notify") if c.body[3] == "Ada"]
    assert raised[0].sender == app.unique_name
    ours = [c for c in raised[1:] if c.reply is not None and c.reply.kind == "return"]
    assert ours and all(c.body[1] == nid and c.reply is not None and c.reply.body == [nid] for c in ours)
    assert all(c.body[5] == ACTIONS for c in ours)  # the app's buttons, not a copy without them
    clicker.invoke_action(nid, "accept")  # the user presses the app's own button (Plasma's history)
    until(lambda: [nid, "accept"] in app.signals("ActionInvoked"), what="the app hears its button")


def test_a_break_through_without_buttons_waits_out_plasmas_one_second_rule(
    plasma: PlasmaDesktop, notifyzen: Notifyzen
) -> None:
    notifyzen.focus()
    app = plasma.client()
    with plasma.dbus_monitor() as trace:
        start = time.monotonic()
        nid = app.notify("Ada", "call me", app_name="Chat")
        shown = plasma.wait_popups(lambda p: len(p) == 1, timeout=5)
        took = time.monotonic() - start
    assert shown[0].critical and 0.9 < took < 3.0  # a second late, never lost
    ours = [c for c in trace.calls("Notify") if c.sender != app.unique_name]
    assert [c.reply.kind if c.reply else None for c in ours] == ["error", "return"]
    assert ours[0].reply is not None and ours[0].reply.error_name == EXCESS
    assert all(c.body[1] == nid for c in ours)


def test_open_on_a_held_notification_runs_the_apps_own_action(
    plasma: PlasmaDesktop, notifyzen: Notifyzen
) -> None:
    notifyzen.focus()
    app = plasma.client()
    nid = app.notify("Build 42", "finished", app_name="CI", actions=ACTIONS)
    until(lambda: notifyzen.status()["held"] == 1, what="held")
    notifyzen.call("InvokeAction", str(notifyzen.id_of("Build 42")), "default")
    until(lambda: [nid, "default"] in app.signals("ActionInvoked"), what="the app's default action")
    until(lambda: [nid, 3] in app.signals("NotificationClosed"), what="closed as after a click")


def test_the_users_own_toggle_is_followed_and_nothing_is_listed_twice(
    plasma: PlasmaDesktop, notifyzen: Notifyzen
) -> None:
    notifyzen.focus()
    app = plasma.client()
    app.notify("Newsletter", "this week", app_name="Mail")
    until(lambda: notifyzen.status()["held"] == 1, what="held")
    plasma.toggle_dnd()  # the user: "Do not disturb" off
    until(lambda: not plasma.inhibited(), what="the user's toggle lifts it")
    status = until(lambda: (s := notifyzen.status())["paused"] and s, what="notifyzen steps aside")
    assert status["dnd"] == "off" and status["held"] == 0
    # Plasma showed the kept-back one itself at the toggle: notifyzen's check-in does not again.
    row = next(r for r in notifyzen.history() if r["summary"] == "Newsletter")
    assert row["shown_by"] == "desktop"
    plasma.wait_popups(lambda p: not p, timeout=8)  # Plasma's own pop-up of it goes
    with plasma.dbus_monitor() as trace:
        app.notify("Later", "now shown by Plasma", app_name="Mail")
        seen = plasma.watch_popups(3.0)
    assert [s.critical for s in seen.sightings()] == [False]
    assert [c.body[3] for c in trace.calls("Notify")] == ["Later"]
    plasma.toggle_dnd()  # the user's own DND on
    until(lambda: notifyzen.status()["dnd"] == "yours", what="the user's DND named as theirs")


def test_a_killed_notifyzen_frees_plasma_and_a_restarted_plasmashell_is_silenced_again(
    plasma: PlasmaDesktop, notifyzen: Notifyzen
) -> None:
    notifyzen.focus()
    plasma.restart_plasmashell()
    until(plasma.inhibited, timeout=20, what="the new plasmashell inhibited again")
    assert notifyzen.proc is not None
    notifyzen.proc.kill()
    until(lambda: not plasma.inhibited(), timeout=5, what="inhibition gone with notifyzen")
    app = plasma.client()
    app.notify("After", "the crash", app_name="Mail")
    assert [s.critical for s in plasma.watch_popups(2.0).sightings()] == [False]
