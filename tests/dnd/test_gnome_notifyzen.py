"""notifyzen in observe mode on the real GNOME Shell 43 (tests/harness/gnome_desktop.py): what a GNOME user
sees, by the shell's own screenshots, the show-banners key and a trace of the bus.

- Outside focus GNOME is left alone: banners stay on, a notification gets its banner as with GNOME
  alone, notifyzen only records it (it sends nothing).
- In focus show-banners is off (GNOME's own Do not disturb): what the rules hold gets no banner; at
  the end of focus banners come back on and nothing is dumped, and notifyzen closes nothing on
  GNOME (the held ones stay in GNOME's message list; the check-in lists them).
- A break-through is one banner: notifyzen's critical copy through GNOME, never its own pop-up.
- The user's own Do not disturb (banners already off) is theirs: notifyzen never switches it on.
- A notifyzen killed with SIGKILL in focus: the guard switches banners back on within moments.

One shell for the module; each test starts its own notifyzen (history in tmp_path) and leaves the
shell with banners on, no banner up and no record of a silenced desktop.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from notifyzen.devbus import stop_process
from tests.harness.dnd_fakes import REPO, control_status, start_focus
from tests.harness.gnome_desktop import Agent, DBusCallError, GnomeDesktop, Trace, running_gnome, wait_until
from tests.harness.notifyzen_proc import ADA_GETS_THROUGH, OBSERVE_ON_SATURDAY
from tests.harness.waiting import until

pytestmark = pytest.mark.slow

RUN, RULES = OBSERVE_ON_SATURDAY, ADA_GETS_THROUGH
CONTROL = (
    "io.github.notifyzen.Notifyzen",
    "/io/github/notifyzen/Notifyzen",
    "io.github.notifyzen.Notifyzen1",
)
NOTIFICATIONS = "interface='org.freedesktop.Notifications'"
DBUS = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")
NORMAL, CRITICAL = 1, 2
OWN_POPUP = "showing it ourselves"  # session.py logs this when it falls back to its own pop-up


@dataclass
class Call:
    """A method call as dbus-monitor printed it."""

    sender: str
    destination: str
    member: str
    text: str

    @property
    def strings(self) -> list[str]:
        """The top-level string arguments (Notify: app, icon, summary, body)."""
        return re.findall(r'^   string "(.*)"$', self.text, re.M)

    @property
    def urgency(self) -> int | None:
        found = re.search(r'string "urgency"\s+variant\s+byte (\d+)', self.text)
        return int(found.group(1)) if found else None


def calls(trace: Trace, member: str) -> list[Call]:
    """Calls of `member` to org.freedesktop.Notifications by its clients (not those GNOME's helper
    passes on to the shell, which go to the shell's unique name)."""
    out = []
    for message in trace.messages():
        header = message.split("\n", 1)[0]
        found = re.search(r"sender=(\S+) -> destination=(org\.freedesktop\.Notifications) ", header)
        if header.startswith("method call ") and f"member={member}" in header and found:
            out.append(Call(found.group(1), found.group(2), member, message))
    return out


class Notifyzen:
    """`notifyzen run --mode observe` on the shell's bus, with the shell's HOME and XDG dirs (its
    gsettings reach the same dconf) and a history of its own."""

    def __init__(self, gnome: GnomeDesktop, root: Path) -> None:
        self.gnome = gnome
        self.env = {
            **gnome.env,
            "NOTIFYZEN_DB": str(root / "history.db"),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONUNBUFFERED": "1",
        }
        self.log_path = root / "notifyzen.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self._bus = gnome.agent()  # asks the bus daemon who is who

    def start(self) -> Notifyzen:
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "notifyzen", *RUN],
                env=self.env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        proc = self.proc
        until(
            lambda: "running in observe mode" in self.log() or proc.poll() is not None,
            timeout=30,
            what="notifyzen started",
        )
        assert proc.poll() is None, f"notifyzen exited:\n{self.log()[-3000:]}"
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            time.sleep(0.5)  # a SIGTERM before Qt's loop runs is lost (dnd_fakes.terminate)
            stop_process(self.proc, timeout=15)
        self._bus.stop()

    def status(self) -> dict[str, Any]:
        """The control interface's Status(), through gdbus as any client would."""
        out = self.call("Status")  # ('{"mode": ...}',)
        return dict(json.loads(out[2 : out.rindex("'")]))

    def call(self, method: str, *args: str) -> str:
        done = self.gnome.gdbus(
            "call", "--session", "--dest", CONTROL[0], "--object-path", CONTROL[1],
            "--method", f"{CONTROL[2]}.{method}", *args,
        )  # fmt: skip
        return done.stdout.strip()

    def focus(self) -> None:
        """The tray's "Focus" (until ended), through the control interface."""
        start_focus(self.env)
        until(lambda: self.status()["manual_focus"], what="manual focus on")

    def connections(self) -> set[str]:
        """The unique bus names of notifyzen's process (its connections that may send)."""
        assert self.proc is not None
        [names] = self._bus.request("call", dest=DBUS[0], path=DBUS[1], iface=DBUS[2], method="ListNames",
                                    args=[], sig=None)  # fmt: skip
        mine = set()
        for name in names:
            if not name.startswith(":"):
                continue
            with contextlib.suppress(DBusCallError):  # gone meanwhile
                [pid] = self._bus.request(
                    "call", dest=DBUS[0], path=DBUS[1], iface=DBUS[2], method="GetConnectionUnixProcessID",
                    args=[name], sig="(s)",
                )  # fmt: skip
                if pid == self.proc.pid:
                    mine.add(name)
        assert mine, "notifyzen has no connection on the bus"
        return mine

    def sent(self, trace: Trace, member: str) -> list[Call]:
        """What notifyzen's own connections called on org.freedesktop.Notifications."""
        mine = self.connections()
        return [c for c in calls(trace, member) if c.sender in mine]


@pytest.fixture(scope="module")
def gnome() -> Iterator[GnomeDesktop]:
    with running_gnome() as desktop:
        yield desktop


@pytest.fixture
def desktop(gnome: GnomeDesktop) -> Iterator[GnomeDesktop]:
    """The module's shell, left as found: banners on, no banner up, no notification open."""
    rules = Path(gnome.env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules"
    rules.mkdir(parents=True, exist_ok=True)
    (rules / "mine.yaml").write_text(RULES)
    gnome.show_banners(True)
    yield gnome
    gnome.show_banners(True)
    (Path(gnome.env["XDG_STATE_HOME"]) / "notifyzen" / "dnd-gnome.json").unlink(missing_ok=True)
    # Close whatever is still open (senders that left the bus no longer own their ids): a probe
    # gives the newest id. Low urgency: the probe itself makes no banner.
    sweeper = gnome.agent()
    newest = sweeper.notify("sweep", urgency=0)
    for nid in range(1, newest + 1):
        with contextlib.suppress(DBusCallError):
            sweeper.close(nid)
    sweeper.stop()
    assert gnome.wait_banner(False, 3) is not None, "a banner is still up after the test"


@pytest.fixture
def start_notifyzen(desktop: GnomeDesktop, tmp_path: Path) -> Iterator[Callable[[], Notifyzen]]:
    started: list[Notifyzen] = []

    def start() -> Notifyzen:
        started.append(Notifyzen(desktop, tmp_path))  # stopped afterwards even if it never got ready
        return started[-1].start()

    yield start
    for app in started:
        app.stop()


@pytest.fixture
def sender(desktop: GnomeDesktop) -> Iterator[Callable[[], Agent]]:
    """New bus connections (one sender, one app, each); stopped after the test."""
    made: list[Agent] = []

    def make() -> Agent:
        made.append(desktop.agent())
        return made[-1]

    yield make
    for agent in made:
        agent.stop()


def test_outside_focus_gnome_shows_the_banner_as_alone_and_notifyzen_only_records_it(
    desktop: GnomeDesktop, start_notifyzen: Callable[[], Notifyzen], sender: Callable[[], Agent]
) -> None:
    notifyzen = start_notifyzen()
    assert desktop.banners_on()
    assert notifyzen.status()["dnd"] == "off"
    app = sender()
    with desktop.trace(NOTIFICATIONS) as trace:
        desktop.give_input()  # an active user: the banner goes 4 s after it came, as with GNOME alone
        start = time.monotonic()
        nid = app.notify("Newsletter", "this week", app="Mail")
        assert desktop.wait_banner(True, 3) is not None
        until(lambda: notifyzen.status()["taken_in_today"] == 1, what="recorded")
        assert desktop.wait_banner(False, 8) is not None
        assert 3.5 <= time.monotonic() - start <= 6.5, time.monotonic() - start
    assert desktop.banners_on()
    assert [c.strings[2] for c in calls(trace, "Notify")] == ["Newsletter"]  # the app's, once
    assert not notifyzen.sent(trace, "Notify")
    assert not notifyzen.sent(trace, "CloseNotification")
    assert nid not in [closed for closed, _ in app.closed_signals()]  # in the message list, as alone
    assert notifyzen.status()["dnd"] == "off"


def test_in_focus_banners_are_off_held_ones_stay_silent_and_the_end_dumps_and_closes_nothing(
    desktop: GnomeDesktop, start_notifyzen: Callable[[], Notifyzen], sender: Callable[[], Agent]
) -> None:
    notifyzen = start_notifyzen()
    notifyzen.focus()
    until(lambda: not desktop.banners_on(), what="show-banners false in focus")
    assert control_status(notifyzen.env)["dnd"] == "notifyzen"  # `notifyzen status --json`
    app = sender()
    with desktop.trace(NOTIFICATIONS) as trace:
        nid = app.notify("Newsletter", "this week", app="Mail")
        assert desktop.banner_stays(False, 1.5)
        until(lambda: notifyzen.status()["held"] == 1, what="held")
        notifyzen.call("EndFocus")
        until(desktop.banners_on, what="show-banners true at the end of focus")
        assert desktop.banner_stays(False, 2.5), "GNOME showed what was held"
        until(lambda: notifyzen.status()["held"] == 0, what="released to the check-in")
    assert not notifyzen.sent(trace, "CloseNotification"), "notifyzen closed it in GNOME's message list"
    assert not notifyzen.sent(trace, "Notify")
    assert nid not in [closed for closed, _ in app.closed_signals()]  # still in GNOME's list
    assert notifyzen.status()["dnd"] == "off"


def test_a_break_through_in_focus_is_one_critical_banner_through_gnome(
    desktop: GnomeDesktop, start_notifyzen: Callable[[], Notifyzen], sender: Callable[[], Agent]
) -> None:
    notifyzen = start_notifyzen()
    notifyzen.focus()
    until(lambda: not desktop.banners_on(), what="show-banners false in focus")
    app = sender()
    with desktop.trace(NOTIFICATIONS) as trace:
        app.notify("Ada", "lunch at 12?", app="Chat")
        assert desktop.wait_banner(True, 3) is not None
        shown = desktop.area_pixels()
        desktop.give_input()
        assert desktop.banner_stays(True, 2.0)
        assert desktop.area_pixels() == shown, "a second banner followed the first"
    by_app = [c for c in calls(trace, "Notify") if c.sender == app.unique_name]
    assert [(c.strings[2], c.urgency) for c in by_app] == [("Ada", NORMAL)]  # no banner with banners off
    copies = notifyzen.sent(trace, "Notify")
    assert [(c.strings[0], c.strings[2], c.urgency) for c in copies] == [("Chat", "Ada", CRITICAL)]
    assert "x-notifyzen-redelivered" in copies[0].text
    assert OWN_POPUP not in notifyzen.log(), "notifyzen showed its own pop-up as well"
    assert notifyzen.status()["held"] == 0


def test_the_users_own_banners_off_is_never_switched_on_by_notifyzen(
    desktop: GnomeDesktop, start_notifyzen: Callable[[], Notifyzen]
) -> None:
    desktop.show_banners(False)  # the user's Do not disturb, before notifyzen starts
    notifyzen = start_notifyzen()
    notifyzen.focus()
    until(lambda: notifyzen.status()["dnd"] == "yours", what="the DND named as the user's")
    assert not desktop.banners_on()
    notifyzen.call("EndFocus")
    until(lambda: not notifyzen.status()["manual_focus"], what="focus ended")
    time.sleep(1.0)  # a release would have written the key by now
    assert not desktop.banners_on(), "notifyzen lifted the user's Do not disturb at the end of focus"
    notifyzen.stop()
    assert not desktop.banners_on(), "notifyzen lifted the user's Do not disturb when it quit"


def test_sigkill_in_focus_banners_come_back_on_by_the_guard(
    desktop: GnomeDesktop, start_notifyzen: Callable[[], Notifyzen]
) -> None:
    notifyzen = start_notifyzen()
    notifyzen.focus()
    until(lambda: not desktop.banners_on(), what="show-banners false in focus")
    assert notifyzen.proc is not None
    notifyzen.proc.kill()
    notifyzen.proc.wait(timeout=10)
    # The guard starts `python3 -m notifyzen.dnd restore`: ~0.3 s on a quiet machine, and over 5 s
    # once on a 2-core box running the whole suite.
    took = wait_until(desktop.banners_on, 10.0)
    assert took is not None, "show-banners still false 10 s after notifyzen was killed"
    record = Path(desktop.env["XDG_STATE_HOME"]) / "notifyzen" / "dnd-gnome.json"
    until(lambda: not record.exists(), timeout=3, what="the record settled")


def test_a_break_through_banner_goes_like_an_ordinary_one(
    desktop: GnomeDesktop, start_notifyzen: Callable[[], Notifyzen], sender: Callable[[], Agent]
) -> None:
    """The app sent a normal notification: once seen, its banner goes as a normal one would (GNOME:
    4 s with an active user; notifyzen's own pop-up time on Plasma is 5 s)."""
    notifyzen = start_notifyzen()
    notifyzen.focus()
    until(lambda: not desktop.banners_on(), what="show-banners false in focus")
    app = sender()
    desktop.give_input()
    app.notify("Ada", "lunch at 12?", app="Chat")
    assert desktop.wait_banner(True, 3) is not None
    desktop.give_input()
    assert desktop.wait_banner(False, 8) is not None, "the break-through banner stays until clicked"


def test_the_users_own_banners_off_is_named_theirs_outside_focus_too(
    desktop: GnomeDesktop, start_notifyzen: Callable[[], Notifyzen]
) -> None:
    desktop.show_banners(False)
    notifyzen = start_notifyzen()
    assert notifyzen.status()["dnd"] == "yours"  # as on Plasma, where the tray says so at any time


def test_the_user_switching_banners_back_on_in_focus_is_followed(
    desktop: GnomeDesktop, start_notifyzen: Callable[[], Notifyzen], sender: Callable[[], Agent]
) -> None:
    """The user turns GNOME's Do not disturb off (banners on) while notifyzen has it on: notifyzen
    steps aside until focus ends (paused, the held one in the check-in, since GNOME shows none of
    what it kept), does not switch it off again, and leaves what comes next to GNOME."""
    notifyzen = start_notifyzen()
    notifyzen.focus()
    until(lambda: not desktop.banners_on(), what="show-banners false in focus")
    app = sender()
    app.notify("Newsletter", "this week", app="Mail")
    until(lambda: notifyzen.status()["held"] == 1, what="held")
    desktop.show_banners(True)  # the user
    status = until(lambda: (s := notifyzen.status())["paused"] and s, what="notifyzen steps aside")
    assert status["dnd"] == "off" and status["held"] == 0
    with desktop.trace(NOTIFICATIONS) as trace:
        desktop.give_input()
        app.notify("Later", "shown by GNOME", app="Mail")
        assert desktop.wait_banner(True, 3) is not None
    assert not notifyzen.sent(trace, "Notify")  # GNOME's own banner, no copy
    assert desktop.banners_on()  # never switched off again behind the user's back
    notifyzen.stop()
    assert desktop.banners_on()
