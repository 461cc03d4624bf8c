"""Plasma 5.27 alone (no notifyzen): the behaviours of plasmashell's notification server that
notifyzen's Plasma mode relies on, measured on the real thing (tests/harness/plasma_desktop.py).

Each test states a behaviour and fails if Plasma does otherwise; docs/plasma-facts.md has the
numbers and the lines of Plasma's source that explain them. A click on a pop-up's button cannot be
made here reliably; `org.kde.NotificationManager.InvokeAction(id, key)` is the stand-in: it is the
same ActionInvoked broadcast that Server::invokeAction sends for a click on X11.

"A" is the app that notifies, "B" an app that inhibits, "C" stands in for notifyzen replacing A's
notification in place from its own connection.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.harness.plasma_desktop import (
    CRITICAL_TYPE,
    DND_ACTION,
    NOTIFICATION_TYPE,
    NotifyError,
    PlasmaDesktop,
    plasma,
    plasma_desktop,
)

__all__ = ["plasma", "plasma_desktop"]  # the fixtures, imported for pytest

EXCESS = "org.freedesktop.Notifications.Error.ExcessNotificationGeneration"
ACTIONS = ["default", "Open", "accept", "Accept"]
DESKTOP_FILE = "[Desktop Entry]\nType=Application\nName=notifyzen\nExec=notifyzen\nIcon=dialog-information\n"


def plasma_before_plasmashell(desktop: PlasmaDesktop) -> None:
    """Test i: a desktop file that is there before plasmashell starts."""
    apps = Path(desktop.env["XDG_DATA_HOME"]) / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    (apps / "io.github.notifyzen.Notifyzen.desktop").write_text(DESKTOP_FILE)


def until(check: Callable[[], Any], timeout: float = 5.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while not (value := check()):
        assert time.monotonic() < deadline, f"not within {timeout} s: {what or check}"
        time.sleep(0.05)
    return value


def excess(call: Callable[[], int]) -> bool:
    """True if Plasma refused the Notify as a duplicate (the one-second rule)."""
    try:
        call()
    except NotifyError as e:
        assert e.name == EXCESS, e
        return True
    return False


# --- a ----------------------------------------------------------------------------------------


def test_a_normal_popup_goes_after_about_5_s_critical_stays(plasma: PlasmaDesktop) -> None:
    with plasma.dbus_monitor() as trace:
        plasma.run("notify-send", "a: ordinary", "goes by itself")
        plasma.run("notify-send", "-u", "critical", "a: critical", "stays")
        timeline = plasma.watch_popups(7.0)
    normal = timeline.sightings(critical=False)
    critical = timeline.sightings(critical=True)
    assert len(normal) == 1 and len(critical) == 1, timeline
    assert normal[0].types == [NOTIFICATION_TYPE] and critical[0].types == [CRITICAL_TYPE]
    # PopupTimeout 5000 ms (notificationsettings.kcfg): seen 4.6-4.8 s at 0.2 s polling
    assert 2.0 <= normal[0].duration <= 6.0, timeline
    assert normal[0].last < 6.5 and critical[0].last >= 6.8, timeline  # critical still up at the end
    (normal_id,) = [c.reply.body[0] for c in trace.calls("Notify") if c.body[3] == "a: ordinary" and c.reply]
    assert [e.body for e in trace.closed(normal_id)] == [[normal_id, 1]]  # the pop-up expired: reason 1


# --- b ----------------------------------------------------------------------------------------


def test_b_inhibit_holds_back_normal_lets_critical_through_and_dies_with_the_connection(
    plasma: PlasmaDesktop,
) -> None:
    a, b = plasma.client(), plasma.client()
    with plasma.dbus_monitor() as trace:
        cookie = b.inhibit("org.example.b", "testing")
        assert cookie > 0
        assert plasma.inhibited()
        a.notify("b: normal while inhibited")
        a.notify("b: critical while inhibited", urgency=2)
        timeline = plasma.watch_popups(2.0)
        assert [s.critical for s in timeline.sightings()] == [True], timeline
        b.close()  # no UnInhibit: the connection going is enough
        until(lambda: not plasma.inhibited(), what="Inhibited false after B's connection closed")
        until(lambda: trace.inhibited_changes() == [True, False], what="PropertiesChanged true then false")
    assert not trace.calls("UnInhibit")


# --- c ----------------------------------------------------------------------------------------


def test_c_identical_notify_within_one_second_is_refused_even_as_a_replacement(plasma: PlasmaDesktop) -> None:
    a, other = plasma.client(), plasma.client()
    sent = time.monotonic()
    first = a.notify("c: same", "same body")
    assert excess(lambda: a.notify("c: same", "same body"))
    # replaces_id is not part of the comparison, nor is the sender, nor the urgency
    assert excess(lambda: a.notify("c: same", "same body", replaces_id=first))
    assert excess(lambda: other.notify("c: same", "same body", replaces_id=first, urgency=2))
    # ... while any difference in summary/body/app name/actions gets through at once
    assert not excess(lambda: other.notify("c: same", "other body", replaces_id=first))
    assert time.monotonic() - sent < 1.0, "too slow to test the one-second window"
    # only the LAST notification counts: back to the first content is not a duplicate
    assert not excess(lambda: a.notify("c: same", "same body", replaces_id=first))
    time.sleep(1.05)
    again = a.notify("c: same", "same body")
    assert again > first  # after a second the identical one is a new notification


# --- d ----------------------------------------------------------------------------------------


def test_d_another_connection_replaces_in_place_as_critical_and_actions_reach_the_app(
    plasma: PlasmaDesktop,
) -> None:
    a, b, c = plasma.client(), plasma.client(), plasma.client()
    b.inhibit("org.example.b", "testing")
    nid = a.notify("d: incoming call", "from Anke", actions=ACTIONS, desktop_entry="org.example.app")
    # within the second, the identical content is refused (urgency is not compared)
    assert excess(
        lambda: c.notify("d: incoming call", "from Anke", actions=ACTIONS, desktop_entry="org.example.app",
                         replaces_id=nid, urgency=2)
    )  # fmt: skip
    assert plasma.watch_popups(1.1).sightings() == []  # held back by B's inhibition
    replaced = c.notify(
        "d: incoming call",
        "from Anke",
        actions=ACTIONS,
        desktop_entry="org.example.app",
        replaces_id=nid,
        urgency=2,
    )
    assert replaced == nid  # same id, in place
    shown = plasma.wait_popups(lambda p: bool(p), timeout=3)
    assert [p.window_type for p in shown] == [CRITICAL_TYPE]
    assert plasma.inhibited()
    c.invoke_action(nid, "accept")  # the stand-in for a click on "Accept"
    until(lambda: a.signals("ActionInvoked"), what="ActionInvoked at A")
    assert a.signals("ActionInvoked") == [[nid, "accept"]]  # a broadcast: A hears it though C replaced
    assert c.signals("ActionInvoked") == [[nid, "accept"]]
    # InvokeAction over D-Bus closes nothing: the critical pop-up stays until someone closes it
    assert [p.window_type for p in plasma.watch_popups(1.0).visible_at_end()] == [CRITICAL_TYPE]
    assert a.signals("NotificationClosed") == []


# --- e, f -------------------------------------------------------------------------------------


def replace_while_inhibited_then_lift(
    plasma: PlasmaDesktop, name: str, *, urgency: int, expire_timeout: int
) -> tuple[PlasmaDesktop, Any, int, Any]:
    a, b, c = plasma.client(), plasma.client(), plasma.client()
    b.inhibit("org.example.b", "testing")
    nid = a.notify(name, "kept back")
    time.sleep(1.05)  # past the one-second rule: the replacement has the same content
    assert c.notify(name, "kept back", replaces_id=nid, urgency=urgency, expire_timeout=expire_timeout) == nid
    assert plasma.watch_popups(0.6).sightings() == []
    b.close()
    until(lambda: not plasma.inhibited())
    return plasma, a, nid, plasma.watch_popups(7.0)


def test_e_low_urgency_persistent_replacement_still_pops_up_when_the_inhibition_ends(
    plasma: PlasmaDesktop,
) -> None:
    _, a, _nid, timeline = replace_while_inhibited_then_lift(plasma, "e: low", urgency=0, expire_timeout=0)
    # LowPriorityPopups defaults to true: low urgency does NOT keep it back; expire_timeout 0 makes
    # the pop-up stay (no timer) and stops the server-side expiry, so A is never told it closed.
    (seen,) = timeline.sightings()
    assert seen.types == [NOTIFICATION_TYPE] and seen.first < 1.0 and seen.last >= 6.8, timeline
    assert a.signals("NotificationClosed") == []


def test_f_normal_replacement_is_dumped_when_the_inhibition_ends(plasma: PlasmaDesktop) -> None:
    _, a, nid, timeline = replace_while_inhibited_then_lift(plasma, "f: normal", urgency=1, expire_timeout=-1)
    (seen,) = timeline.sightings()
    assert seen.types == [NOTIFICATION_TYPE] and seen.first < 1.0 and 2.0 <= seen.duration <= 6.0, timeline
    until(lambda: a.signals("NotificationClosed"), 2.0)
    assert a.signals("NotificationClosed") == [[nid, 1]]


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("NOTIFYZEN_PLASMA_SLOW"), reason="a 4-minute measurement: set NOTIFYZEN_PLASMA_SLOW=1"
)
def test_e_slow_kept_back_notifications_expire_three_minutes_after_arrival_or_replacement(
    plasma: PlasmaDesktop,
) -> None:
    """Plain: closed (reason 1) 180 s after arrival. Replaced at +60 s: the timer starts again
    (closed at ~240 s). Replaced with expire_timeout 0: never closed."""
    a, b, c = plasma.client(), plasma.client(), plasma.client()
    b.inhibit("org.example.b", "testing")
    start = time.monotonic()
    plain = a.notify("e-slow: plain")
    persistent = a.notify("e-slow: persistent")
    later = a.notify("e-slow: replaced later")
    time.sleep(1.05)
    c.notify("e-slow: persistent", replaces_id=persistent, urgency=0, expire_timeout=0)
    time.sleep(60 - (time.monotonic() - start))
    c.notify("e-slow: replaced later", replaces_id=later)
    closed_at: dict[int, float] = {}
    while time.monotonic() - start < 250:
        for nid, _ in a.signals("NotificationClosed"):
            closed_at.setdefault(nid, time.monotonic() - start)
        time.sleep(0.5)
    print(f"closed after: {closed_at}")
    assert [body for body in a.signals("NotificationClosed") if body[0] == plain] == [[plain, 1]]
    assert 178 <= closed_at[plain] <= 185
    assert 238 <= closed_at[later] <= 245
    assert persistent not in closed_at
    assert plasma.popups() == []  # still inhibited: nothing shown all along


# --- g ----------------------------------------------------------------------------------------


def test_g_replacing_a_critical_break_through_back_to_normal_hides_it(plasma: PlasmaDesktop) -> None:
    a, b, c = plasma.client(), plasma.client(), plasma.client()
    b.inhibit("org.example.b", "testing")
    nid = a.notify("g: breaks through")
    time.sleep(1.05)
    c.notify("g: breaks through", replaces_id=nid, urgency=2)
    assert [p.window_type for p in plasma.wait_popups(bool, 3)] == [CRITICAL_TYPE]
    c.notify("g: breaks through", "now normal", replaces_id=nid, urgency=1)
    plasma.wait_popups(lambda p: not p, 3)
    assert plasma.watch_popups(1.0).sightings() == []  # and it does not come back
    assert a.signals("NotificationClosed") == []  # hidden, not closed


# --- h ----------------------------------------------------------------------------------------


def test_h_the_users_toggle_revokes_an_app_inhibition_and_turns_nothing_on(plasma: PlasmaDesktop) -> None:
    assert DND_ACTION in plasma.shortcut_infos()
    a, b = plasma.client(), plasma.client()
    with plasma.dbus_monitor() as trace:
        b.inhibit("org.example.b", "testing")
        assert plasma.inhibited()
        plasma.toggle_dnd()  # the user presses the shortcut to "turn DND off"
        until(lambda: not plasma.inhibited(), what="app inhibition revoked by the user's toggle")
        assert plasma.user_dnd_until() is None  # toggling while inhibited only revokes
        assert b.bus.connected  # B was not told, except by PropertiesChanged
        assert trace.inhibited_changes() == [True, False]
        a.notify("h: pops up again")
        assert [p.window_type for p in plasma.wait_popups(bool, 3)] == [NOTIFICATION_TYPE]
        b.inhibit("org.example.b", "again")  # the same connection can inhibit again
        assert plasma.inhibited()


def test_h_the_users_own_dnd_is_kept_in_plasmanotifyrc_and_survives_a_restart(plasma: PlasmaDesktop) -> None:
    assert plasma.user_dnd_until() is None and not plasma.inhibited()
    plasma.toggle_dnd()
    until(plasma.inhibited, what="Inhibited after the user's toggle")
    until_text = until(plasma.user_dnd_until, what="[DoNotDisturb] Until written")
    year = int(until_text.split(",")[0])
    assert year == time.gmtime().tm_year + 1  # "in a year" means "until turned off"
    plasma.restart_plasmashell()
    assert plasma.inhibited() and plasma.user_dnd_until() == until_text
    plasma.toggle_dnd()
    until(lambda: not plasma.inhibited())
    assert plasma.user_dnd_until() is None  # the key is removed, not set to a past time


# --- i ----------------------------------------------------------------------------------------


def test_i_the_applet_names_the_inhibitor_by_the_desktop_files_name(
    plasma: PlasmaDesktop, tmp_path: Path
) -> None:
    """The name is read off the applet's pop-up: "While <name> is active (<reason>)". Plasma shows
    the raw desktop entry when it finds no desktop file, so Inhibit("notifyzen") draws exactly the
    text we want to see; the other renders are compared with it pixel for pixel."""
    for d in os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":"):
        assert not (Path(d) / "applications" / "notifyzen.desktop").exists()
    apps = Path(plasma.env["XDG_DATA_HOME"]) / "applications"
    reason = "focus until 10:30"
    crop = "440x90+0+0"  # the heading and the do-not-disturb line of the applet pop-up

    def render(desktop_entry: str, label: str) -> bytes:
        """Only `desktop_entry` inhibits while the applet is read (the previous one is let go)."""
        client = plasma.client()
        client.inhibit(desktop_entry, reason)
        for old in held:
            old.close()
        held[:] = [client]
        until(lambda: plasma.inhibited())
        wid = plasma.open_notifications_applet()
        time.sleep(0.5)  # the text follows the inhibition list
        plasma.screenshot(tmp_path / f"{label}.png")
        return plasma.window_pixels(wid, crop)

    held: list[Any] = []
    want = render("notifyzen", "raw-id")
    before_start = render("io.github.notifyzen.Notifyzen", "file-before-start")
    missing = render("io.github.notifyzen.Missing", "no-file")
    (apps / "io.github.notifyzen.Later.desktop").write_text(DESKTOP_FILE)
    after_start = render("io.github.notifyzen.Later", "file-after-start")  # no kbuildsycoca5 run
    assert missing != want  # the control: a different name draws different pixels
    assert before_start == want, f"see {tmp_path}"
    assert after_start == want, f"see {tmp_path}"
