"""A real mako 1.7 on a real headless sway (tests/harness/sway_desktop.py), owning the private bus's
org.freedesktop.Notifications: the reference daemon for observe mode on wlroots desktops.

    with sway_desktop(session_env) as sway, running_mako(sway) as mako:
        ...  # mako draws on sway's output; mako.modes(), mako.listed(), mako.boxes_on_screen()

mako is a Wayland client like grim, so it runs as the test's own uid through sway's socket (sway
itself runs as `nobody` under root, see sway_desktop.py). Its config is the usual do-not-disturb
snippet from mako(5) and nothing else, so everything else is mako's own default: pop-ups at the
top right, 300 px wide, and no timeout at all (mako's default-timeout is 0: a notification stays
until it is dismissed or closed).

What mako shows is read two ways: `makoctl list` (every notification mako holds, hidden ones
included: a mode with `invisible=1` hides without removing) and a grim screenshot, counting mako's
boxes in the column where they are drawn.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notifyzen.devbus import stop_process
from tests.harness.sway_desktop import Sway, wait_for

DND = "do-not-disturb"
CONFIG = f"[mode={DND}]\ninvisible=1\n"
BACKGROUND = (0x33, 0x44, 0x55)  # sway_desktop's output colour
COLUMN_X = 1120  # inside mako's default boxes (300 px wide, 10 px from the right of a 1280 px output)


@dataclass
class Mako:
    proc: subprocess.Popen[bytes]
    env: dict[str, str]
    sway: Sway
    log: Path

    def ctl(self, *args: str) -> str:
        """The real makoctl (a shell script over busctl and jq) against the private bus."""
        done = subprocess.run(["makoctl", *args], env=self.env, capture_output=True, text=True, timeout=20)
        assert done.returncode == 0, f"makoctl {' '.join(args)}: {done.stderr}"
        return done.stdout.strip()

    def modes(self) -> list[str]:
        return self.ctl("mode").split()

    def listed(self) -> list[dict[str, Any]]:
        """What mako holds, newest first: id, app, summary (mako 1.7 lists no urgency)."""
        data = json.loads(self.ctl("list"))["data"][0]
        return [
            {
                "id": int(n["id"]["data"]),
                "app": str(n["app-name"]["data"]),
                "summary": str(n["summary"]["data"]),
            }
            for n in data
        ]

    def summaries(self) -> list[str]:
        return [n["summary"] for n in self.listed()]

    def visible(self) -> list[str]:
        """What mako shows by the config above: everything it holds, unless do-not-disturb is on."""
        return [] if DND in self.modes() else self.summaries()

    def boxes_on_screen(self, shot: Path) -> int:
        """mako's pop-ups on the output, counted in a column through them (grim's screenshot)."""
        from PySide6.QtGui import QImage  # only here: the harness imports without Qt too

        image = QImage(str(self.sway.screenshot(shot)))
        boxes, inside = 0, False
        for y in range(30, image.height()):  # below swaybar
            colour = image.pixelColor(COLUMN_X, y)
            drawn = (colour.red(), colour.green(), colour.blue()) != BACKGROUND
            boxes += drawn and not inside
            inside = drawn
        return boxes


def owner_pid(env: dict[str, str]) -> int | None:
    """The process that owns org.freedesktop.Notifications on the test's bus, if any."""
    done = subprocess.run(
        [
            "busctl", "--user", "--json=short", "call", "org.freedesktop.DBus", "/org/freedesktop/DBus",
            "org.freedesktop.DBus", "GetConnectionUnixProcessID", "s", "org.freedesktop.Notifications",
        ],
        env=env, capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    return int(json.loads(done.stdout)["data"][0]) if done.returncode == 0 else None


@contextmanager
def running_mako(sway: Sway, config: str = CONFIG) -> Iterator[Mako]:
    """mako drawing on `sway` and owning the notification name on sway.env's bus; stopped after.

    Waits until mako itself owns the name: the private bus has the system's service files, and a
    call to a free name could start another daemon."""
    with tempfile.TemporaryDirectory(prefix="nzmako-") as tmp:
        path = Path(tmp) / "config"
        path.write_text(config)
        log = Path(tmp) / "mako.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                ["mako", "-c", str(path)], env=sway.env, stdout=out, stderr=subprocess.STDOUT
            )
        try:
            wait_for(lambda: owner_pid(sway.env) == proc.pid or proc.poll() is not None, "mako on the bus")
            if proc.poll() is not None:
                raise RuntimeError(f"mako did not start: {log.read_text()[-2000:]}")
            yield Mako(proc, dict(sway.env), sway, log)
        finally:
            stop_process(proc)
