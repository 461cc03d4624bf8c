"""Screenshots of the real Plasma 5.27, alone and with notifyzen, for docs/images (not a test).

    python -m tests.dnd.shoot_plasma docs/images

Plasma comes up headless (tests/harness/plasma_desktop.py). For each case the same notification is sent
to Plasma alone and to Plasma with notifyzen in observe mode, and the pop-up corner is shot a
second later: outside focus the two must look the same; in focus a break-through is the app's own
notification (its buttons) past Plasma's Do not disturb, where Plasma alone would show nothing.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.dnd.test_plasma_notifyzen import ACTIONS, Notifyzen
from tests.harness.dnd_fakes import start_focus
from tests.harness.plasma_desktop import PlasmaDesktop

CORNER = "520x330+760+440"  # Plasma's pop-ups sit above the panel's right end at 1280x800


def shot(plasma: PlasmaDesktop, out: Path, name: str) -> None:
    full = plasma.screenshot(out / f"{name}-full.png")
    subprocess.run(["convert", str(full), "-crop", CORNER, "+repage", str(out / f"{name}.png")], check=True)
    full.unlink()
    print(out / f"{name}.png")


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, PlasmaDesktop.started(Path(tmp)) as plasma:
        app = plasma.client()
        # Plasma alone: an ordinary chat message with buttons.
        app.notify("Ada", "Lunch at 12?", app_name="Chat", actions=ACTIONS, icon="mail-message")
        time.sleep(1.2)
        shot(plasma, out, "plasma-alone")
        plasma.reset()
        app = plasma.client()
        nz = Notifyzen(plasma, Path(tmp) / "nz").start()
        try:
            app.notify("Ada", "Lunch at 12?", app_name="Chat", actions=ACTIONS, icon="mail-message")
            time.sleep(1.2)
            shot(plasma, out, "plasma-notifyzen-outside-focus")
            plasma.wait_popups(lambda p: not p, timeout=10)
            start_focus(nz.env)
            while not plasma.inhibited():
                time.sleep(0.05)
            app.notify("Newsletter", "This week in Rust", app_name="Mail", icon="mail-message")
            app.notify("Ada", "Lunch at 12? Call me", app_name="Chat", actions=ACTIONS, icon="mail-message")
            time.sleep(1.8)  # the second the app's Notify was the last one Plasma got, waited out
            shot(plasma, out, "plasma-notifyzen-break-through")
            plasma.open_notifications_applet()
            time.sleep(0.8)
            full = plasma.screenshot(out / "applet-full.png")
            subprocess.run(
                [
                    "convert",
                    str(full),
                    "-crop",
                    "560x440+720+318",
                    "+repage",
                    str(out / "plasma-notifyzen-applet.png"),
                ],
                check=True,
            )
            full.unlink()
            print(out / "plasma-notifyzen-applet.png")
        finally:
            nz.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")))
