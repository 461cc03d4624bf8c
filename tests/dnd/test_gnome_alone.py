"""What a real GNOME Shell 43 does with notifications, no notifyzen involved.

notifyzen's GNOME driver rests on these (notifyzen/dnd/gnome.py): show-banners false silences
banners but not critical ones, notifications that arrived meanwhile are not shown when banners
come back on, and so on. Each test pins one behaviour and fails if a GNOME update changes it.
The shell is started once for the module (tests/harness/gnome_desktop.py); each test leaves it with
banners on and none of its notifications open. Numbers and the shell's source: docs/gnome-facts.md.
"""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest

from tests.harness.gnome_desktop import Agent, DBusCallError, GnomeDesktop, running_gnome

pytestmark = pytest.mark.slow

NORMAL, LOW, CRITICAL = 1, 0, 2


@pytest.fixture(scope="module")
def gnome() -> Iterator[GnomeDesktop]:
    with running_gnome() as desktop:
        yield desktop


@pytest.fixture
def sender(gnome: GnomeDesktop) -> Iterator[Callable[[], Agent]]:
    """New bus connections (one sender each); afterwards their notifications are closed."""
    made: list[Agent] = []

    def make() -> Agent:
        made.append(gnome.agent())
        return made[-1]

    yield make
    gnome.show_banners(True)
    sweeper = gnome.agent()  # closes what a sender that has left the bus still had open
    for agent in made:
        for nid in agent.sent:
            with contextlib.suppress(DBusCallError):  # closed by the test already
                (agent if agent.alive() else sweeper).close(nid)
        agent.stop()
    sweeper.stop()
    assert gnome.wait_banner(False, 3) is not None, "a banner is still up after the test"


def test_a_normal_notification_shows_a_banner_until_closed(
    gnome: GnomeDesktop, sender: Callable[[], Agent]
) -> None:
    app = sender()
    assert not gnome.banner_visible()
    nid = app.notify("normal")
    assert gnome.wait_banner(True, 3) is not None
    app.close(nid)
    assert gnome.wait_banner(False, 1) is not None


def test_notify_send_shows_a_banner(gnome: GnomeDesktop, sender: Callable[[], Agent]) -> None:
    done = subprocess.run(
        ["notify-send", "-p", "from notify-send"], env=gnome.env, capture_output=True, text=True, timeout=10
    )
    assert done.returncode == 0, done.stderr
    assert gnome.wait_banner(True, 3) is not None
    sender().sent.append(int(done.stdout))  # notify-send has left the bus: anyone may close it


def test_a_banner_waits_for_input_then_goes_after_4_s(
    gnome: GnomeDesktop, sender: Callable[[], Agent]
) -> None:
    """Idle user: the banner stays (no timeout); input: it goes 2 s later. Active user: 4 s."""
    app = sender()
    time.sleep(1.2)  # idle for more than IDLE_TIME (1 s)
    app.notify("while idle")
    assert gnome.wait_banner(True, 3) is not None
    assert gnome.banner_stays(True, 5.0)
    gnome.give_input()
    after_input = gnome.wait_banner(False, 5)
    assert after_input is not None and 1.0 <= after_input <= 3.5, after_input

    gnome.give_input()
    start = time.monotonic()
    app.notify("while active")
    assert gnome.wait_banner(True, 3) is not None
    assert gnome.wait_banner(False, 8) is not None
    assert 3.5 <= time.monotonic() - start <= 6.0, time.monotonic() - start


def test_banners_off_hides_a_normal_banner_not_a_critical_one(
    gnome: GnomeDesktop, sender: Callable[[], Agent]
) -> None:
    app = sender()
    gnome.show_banners(False)
    assert not gnome.banners_on()
    app.notify("normal while off")
    assert gnome.banner_stays(False, 1.5)
    crit = app.notify("critical while off", urgency=CRITICAL)
    assert gnome.wait_banner(True, 3) is not None
    gnome.give_input()
    assert gnome.banner_stays(True, 5.0), "a critical banner has no timeout, even after input"
    app.close(crit)
    assert gnome.wait_banner(False, 1) is not None


def test_banners_back_on_do_not_show_what_came_while_off(
    gnome: GnomeDesktop, sender: Callable[[], Agent]
) -> None:
    """No 'dump': notifications that arrived with banners off stay in the message list only."""
    app = sender()
    gnome.show_banners(False)
    for n in range(3):
        app.notify(f"held {n}")
    assert gnome.banner_stays(False, 1.0)
    gnome.show_banners(True)
    assert gnome.banners_on()
    assert gnome.banner_stays(False, 3.0)
    app.notify("after")  # banners do work again
    assert gnome.wait_banner(True, 3) is not None


def test_banners_queued_before_off_still_show_while_off(
    gnome: GnomeDesktop, sender: Callable[[], Agent]
) -> None:
    """show-banners false stops new banners only: one already waiting behind a banner still comes."""
    app = sender()
    gnome.give_input()
    app.notify("shown")
    assert gnome.wait_banner(True, 3) is not None
    # Input while it is up: it expires at most 4 s later even if the shell took over IDLE_TIME
    # (1 s) to show it under load and so counted the user as idle (seen once on a loaded CI box).
    gnome.give_input()
    before = gnome.area_pixels()
    app.notify("queued behind it")
    gnome.show_banners(False)
    # The first one goes and the queued one takes its place (within the 8 s the first may take,
    # plus 2 s). The bare screen between the two lasts about 0.4 s, which screenshots under load
    # missed (the queued banner was up where the first had been): wait for the queued one itself.
    assert gnome.wait_other_banner(before, 10) is not None, "the queued one was dropped"
    assert not gnome.banners_on()


def test_closing_the_shown_banner_stalls_the_queue_until_the_next_event(
    gnome: GnomeDesktop, sender: Callable[[], Agent]
) -> None:
    """CloseNotification hides the banner without looking at the queue; the next event does.

    Any event: a new notification, or show-banners changing either way, even to false.
    """
    app = sender()
    first = app.notify("first")
    assert gnome.wait_banner(True, 3) is not None
    app.notify("second")
    app.close(first)
    assert gnome.wait_banner(False, 1) is not None
    assert gnome.banner_stays(False, 2.0), "GNOME now shows the next banner after CloseNotification"
    gnome.show_banners(False)
    assert gnome.wait_banner(True, 1) is not None


def test_close_notification_removes_the_banner_and_tells_the_sender_only(
    gnome: GnomeDesktop, sender: Callable[[], Agent]
) -> None:
    app, onlooker = sender(), sender()
    helper, shell = gnome.owner("org.freedesktop.Notifications"), gnome.owner("org.gnome.Shell")
    assert helper != shell  # GNOME 43: a gjs helper owns the name and passes calls to the shell
    nid = app.notify("to be closed")
    assert gnome.wait_banner(True, 3) is not None
    with gnome.trace("interface='org.freedesktop.Notifications',member='NotificationClosed'") as trace:
        app.close(nid)
        assert gnome.wait_banner(False, 0.5) is not None
    time.sleep(0.3)
    by_helper = [(s.args[0], s.args[1]) for s in app.signals if s.sender == helper]
    assert by_helper == [(nid, 3)]
    assert not [s for s in onlooker.signals if s.sender == helper]
    # The shell's own signal (to the helper) has no destination: anyone subscribed gets it too.
    closed = trace.signals("NotificationClosed")
    assert [m for m in closed if f"sender={helper} -> destination={app.unique_name}" in m]
    assert [m for m in closed if f"sender={shell} -> destination=(null destination)" in m]
    assert [(s.args[0], s.args[1]) for s in onlooker.signals if s.sender == shell] == [(nid, 3)]


def test_replaces_id_of_a_live_other_sender_is_refused(
    gnome: GnomeDesktop, sender: Callable[[], Agent]
) -> None:
    owner, other = sender(), sender()
    nid = owner.notify("owner's")
    assert gnome.wait_banner(True, 3) is not None
    before = gnome.area_pixels()
    with pytest.raises(DBusCallError, match="InvalidArgs: Invalid notification ID"):
        other.notify("other's", replaces_id=nid)
    with pytest.raises(DBusCallError, match="InvalidArgs: Invalid notification ID"):
        other.close(nid)
    time.sleep(0.3)
    assert gnome.area_pixels() == before
    assert owner.notify("owner's again", replaces_id=nid) == nid  # its own sender may


def test_replaces_id_after_the_sender_left_replaces_in_place(
    gnome: GnomeDesktop, sender: Callable[[], Agent]
) -> None:
    owner, other = sender(), sender()
    nid = owner.notify("owner's")
    assert gnome.wait_banner(True, 3) is not None
    before = gnome.area_pixels()
    owner.stop()
    time.sleep(0.3)  # the helper forgets a sender once it has left the bus
    assert other.notify("other's", replaces_id=nid) == nid
    time.sleep(0.3)
    assert gnome.banner_visible() and gnome.area_pixels() != before  # same banner, new text
    other.close(nid)
    assert gnome.banner_stays(False, 1.5), "no second notification was queued behind it"


def test_replaces_id_unknown_gives_a_new_id(gnome: GnomeDesktop, sender: Callable[[], Agent]) -> None:
    app = sender()
    nid = app.notify("never existed", replaces_id=99999)
    assert nid != 99999
    assert gnome.wait_banner(True, 3) is not None


def test_low_urgency_never_gives_a_banner(gnome: GnomeDesktop, sender: Callable[[], Agent]) -> None:
    app = sender()
    assert gnome.banners_on()
    app.notify("low", urgency=LOW)
    assert gnome.banner_stays(False, 2.0)
    app.notify("normal after low")
    assert gnome.wait_banner(True, 3) is not None
