"""Screenshots of issue 22's hostile markup as a user meets it (not a test): five pop-ups, then the
digest listing all of them, each timed.

    Xvfb :7 -screen 0 1280x800x24 & DISPLAY=:7 python -m tests.ui.shoot_hostile_markup /tmp/shots

Writes hostile-markup-popups.png and hostile-markup-digest.png; open them and look: each body shows
as the text it is (a stray "<b", a run of "<a href='"), cut with "…", never as a hang or a blank.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from notifyzen.core.model import Item
from notifyzen.ui.digest import DigestWindow
from notifyzen.ui.popup import PopupStack
from tests.bus.test_hostile_markup_server import HOSTILE_BODIES, HOSTILE_SUMMARY
from tests.harness.digest_items import NOW, make_item
from tests.ui.shoot import _grab


def items() -> list[Item]:
    made = [
        make_item(500 + i, f"Hostile {i}", what, body)
        for i, (what, body) in enumerate(HOSTILE_BODIES.items())
    ]
    return [*made, make_item(599, "Hostile summary", HOSTILE_SUMMARY + "end", "a hostile summary")]


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    stack = PopupStack(default_timeout_ms=600_000, corner=Qt.Corner.TopRightCorner)
    started = time.monotonic()
    for item in items():
        stack.show(item)
    print(f"{len(items())} hostile pop-ups shown in {time.monotonic() - started:.3f}s")
    _grab(app, out / "hostile-markup-popups.png")
    stack.clear()

    started = time.monotonic()
    window = DigestWindow()
    window.set_items(items(), at=NOW)
    window.resize(720, 700)
    window.move(40, 40)
    window.show()
    print(f"digest of {len(items())} hostile items shown in {time.monotonic() - started:.3f}s")
    _grab(app, out / "hostile-markup-digest.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
