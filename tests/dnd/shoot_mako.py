"""Screenshots of the real mako 1.7 on headless sway with notifyzen in observe mode, for docs/images
(not a test).

    python -m tests.dnd.shoot_mako docs/images

mako keeps its own defaults and the usual do-not-disturb snippet (tests/harness/mako.py). Shot:
outside focus mako shows both notifications itself; in focus the break-through is mako's own box
and the held newsletter is not shown; at the end of focus mako shows nothing (no burst) and the
check-in lists the newsletter.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from notifyzen.devbus import bus_env, private_bus
from tests.dnd.test_mako_notifyzen import RULES, RUN, notify, seen, until
from tests.harness.dnd_fakes import control_status, start_focus, started_notifyzen, terminate
from tests.harness.mako import DND, Mako, running_mako
from tests.harness.sway_desktop import sway_desktop

CORNER = "420x200+860+25"  # mako's boxes at the top right, below swaybar, on a 1280x800 output


def shot(mako: Mako, out: Path, name: str, crop: str | None = CORNER) -> None:
    full = mako.sway.screenshot(out / f"{name}-full.png")
    resize = ["-crop", crop, "+repage"] if crop else ["-resize", "50%"]
    subprocess.run(["convert", str(full), *resize, str(out / f"{name}.png")], check=True)
    full.unlink()
    print(out / f"{name}.png")


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as tmp,
        private_bus() as address,
        sway_desktop(bus_env(address, Path(tmp) / "home")) as sway,
        running_mako(sway) as mako,
    ):
        env = {**mako.env, "NOTIFYZEN_DB": str(Path(tmp) / "history.db")}
        rules = Path(env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules"
        rules.mkdir(parents=True, exist_ok=True)
        (rules / "mine.yaml").write_text(RULES)
        with started_notifyzen(env, *RUN, focus=False) as app:
            notify(env, "Mail", "Newsletter", "this week")
            notify(env, "Chat", "Ada", "lunch at 12?")
            until(seen(env, 2))
            time.sleep(0.5)
            shot(mako, out, "mako-notifyzen-outside-focus")
            mako.ctl("dismiss", "-a")
            start_focus(env)
            until(lambda: DND in mako.modes())
            notify(env, "Mail", "Newsletter", "this week")
            until(lambda: control_status(env).get("held") == 1)
            notify(env, "Chat", "Ada", "lunch at 12?")
            until(lambda: mako.visible() == ["Ada"])
            time.sleep(0.5)
            shot(mako, out, "mako-notifyzen-break-through")
            until(lambda: mako.summaries() == [] and DND in mako.modes())
            subprocess.run(
                ["gdbus", "call", "--session", "--dest", "io.github.notifyzen.Notifyzen",
                 "--object-path", "/io/github/notifyzen/Notifyzen",
                 "--method", "io.github.notifyzen.Notifyzen1.EndFocus"],
                env=env, check=True, capture_output=True, timeout=20,
            )  # fmt: skip
            until(lambda: control_status(env).get("held") == 0)
            time.sleep(1.0)
            shot(mako, out, "mako-notifyzen-end-of-focus", crop=None)
            terminate(app)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")))
