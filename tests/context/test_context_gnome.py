"""Screen sharing on the real GNOME Shell 43 (issue 19).

A real cast: GNOME's compositor streams the screen into a real PipeWire for a client as
gnome-remote-desktop does (tests/context/mutter_cast.py, org.gnome.Mutter.ScreenCast); the watch
says "sharing (Remote desktop)" while it streams and nothing once it stops or the client dies.

Privacy mode in observe mode: the copy notifyzen pushes through GNOME's Do not disturb while the
screen is shared says only who, never what.

The real xdg-desktop-portal frontend runs on the shell's bus (the stand-in backend behind it,
tests/context/portal_backend.py); a real app shares the screen through it. Anke's message, which
a rule of the user's makes critical, breaks through as GNOME's banner "1 urgent message from
Anke", with no body, as the bus trace and the shell's own screenshot show
(docs/images/privacy-gnome-banner.png with NZ_SHOOT=1).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from notifyzen.core.situation import Kind
from tests.context.portal_env import FRONTEND, ROOT, portal
from tests.dnd import test_gnome_notifyzen as on_gnome
from tests.dnd.test_gnome_notifyzen import CRITICAL, NORMAL, OWN_POPUP, Notifyzen, calls, until
from tests.harness.gnome_desktop import Agent, GnomeDesktop

# the GNOME tests' fixtures: one shell for the module, left as found after each test
gnome, desktop, start_notifyzen, sender = (
    on_gnome.gnome,
    on_gnome.desktop,
    on_gnome.start_notifyzen,
    on_gnome.sender,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(FRONTEND), reason="xdg-desktop-portal is not installed"),
]
RULES = """\
rules:
  - name: Anke is urgent
    match: {app: Signal, summary: Anke}
    action: {set_urgency: critical}
"""
SECRET = "The contract is 40k, not 30k"


@pytest.fixture
def pipewire(gnome: GnomeDesktop) -> Iterator[None]:
    """PipeWire in the GNOME session's runtime directory, where the compositor casts into it."""
    proc = subprocess.Popen(["pipewire"], env=gnome.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    runtime = Path(gnome.env["XDG_RUNTIME_DIR"])
    until(lambda: (runtime / "pipewire-0").exists() or proc.poll() is not None, what="PipeWire's socket")
    yield
    proc.terminate()
    proc.wait(10)


def cast(env: dict[str, str]) -> subprocess.Popen[str]:
    client = subprocess.Popen(
        [sys.executable, "-m", "tests.context.mutter_cast", "--name", "gnome-remote-de"], env=env, cwd=ROOT,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert client.stdout is not None
    line = client.stdout.readline()
    assert line.startswith("casting"), (
        f"GNOME did not cast: {line}{client.stderr.read() if client.stderr else ''}"
    )
    return client


@pytest.mark.skipif(shutil.which("pipewire") is None, reason="PipeWire is not installed")
def test_a_real_cast_from_gnomes_compositor_is_sharing_until_it_stops(
    gnome: GnomeDesktop, pipewire: None
) -> None:
    from notifyzen.context.portal import ScreenCastWatch
    from tests.context.watched import Watched

    watched = Watched(ScreenCastWatch(gnome.env["DBUS_SESSION_BUS_ADDRESS"]))
    try:
        client = cast(gnome.env)
        watched.wait_for({Kind.SCREEN_SHARE: "Remote desktop"})
        assert client.stdin is not None
        client.stdin.close()  # Stop
        assert client.wait(20) == 0
        watched.wait_for({})
        dying = cast(gnome.env)
        watched.wait_for({Kind.SCREEN_SHARE: "Remote desktop"})
        dying.kill()  # the client dies: GNOME ends its session
        dying.wait()
        watched.wait_for({})
    finally:
        watched.close()


def test_while_sharing_a_break_through_on_gnome_says_who_and_not_what(
    desktop: GnomeDesktop, start_notifyzen: Callable[[], Notifyzen], sender: Callable[[], Agent]
) -> None:
    (Path(desktop.env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules" / "mine.yaml").write_text(RULES)
    with portal(desktop.env):
        notifyzen = start_notifyzen()
        sharer = subprocess.Popen(
            [sys.executable, "-m", "tests.context.share_screen", "--name", "zoom"], env=desktop.env, cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert sharer.stdout is not None and sharer.stdout.readline().startswith("sharing")
            until(lambda: (notifyzen.status().get("situation") or {}).get("private"), what="sharing seen")
            until(lambda: not desktop.banners_on(), what="GNOME's banners off while sharing")
            app = sender()
            with desktop.trace("interface='org.freedesktop.Notifications'") as trace:
                app.notify("Anke", SECRET, app="Signal")
                assert desktop.wait_banner(True, 5) is not None
                if os.environ.get("NZ_SHOOT"):
                    desktop.screenshot(ROOT / "docs" / "images" / "privacy-gnome-banner.png")
            by_app = [c for c in calls(trace, "Notify") if c.sender == app.unique_name]
            assert [(c.strings[2], c.urgency) for c in by_app] == [("Anke", NORMAL)]  # no banner itself
            copies = notifyzen.sent(trace, "Notify")
            assert [(c.strings[2], c.strings[3], c.urgency) for c in copies] == [
                ("1 urgent message from Anke", "", CRITICAL)
            ]
            assert all("40k" not in c.text for c in copies)
            assert OWN_POPUP not in notifyzen.log()
        finally:
            sharer.kill()
            sharer.wait()
