"""Run under a real X server and window manager by test_digest_focus_x11.py: a chat window has
the keyboard, a scheduled check-in opens the digest as notifyzen's app.Digest does, the user goes
on typing (xdotool, into whatever window has focus), then asks for the digest from the tray.
Prints what the test checks as one JSON line."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from PySide6.QtWidgets import QApplication, QLineEdit

from notifyzen.app import Digest
from notifyzen.core.timeline import CheckIn
from tests.harness.digest_items import NOW, morning
from tests.harness.digest_service import fake_service


def settle(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def active() -> int:
    out = subprocess.run(["xdotool", "getactivewindow"], capture_output=True, text=True, timeout=5)
    return int(out.stdout.strip() or 0)


def main() -> None:
    app = QApplication(sys.argv[:1])
    chat = QLineEdit()
    chat.setWindowTitle("chat")
    chat.resize(400, 60)
    chat.show()
    chat.activateWindow()
    settle(app, 1.0)
    service = fake_service()
    before = active()
    digest = Digest(service)
    digest.show(CheckIn(NOW, "scheduled", tuple(i.id for i in morning())), morning())
    settle(app, 1.5)
    after = active()
    subprocess.run(["xdotool", "type", "--delay", "20", "yes sure, am on my way"], check=True, timeout=20)
    subprocess.run(["xdotool", "key", "Return"], check=True, timeout=5)
    settle(app, 1.0)
    window = digest.window
    typed = {
        "before": before,
        "after": after,
        "chat": int(chat.winId()),
        "digest": int(window.winId()),
        "digest_visible": window.isVisible(),
        "chat_text": chat.text(),
        "posted": [name for name, _ in service.posted],
        "listed": len(window.digest.ids),
        "asking": window.confirm.isVisible(),
    }
    digest.open()  # tray -> Open digest: the user asked, so it comes to the front
    settle(app, 1.5)
    typed["after_open"] = active()
    print(json.dumps(typed), flush=True)


if __name__ == "__main__":
    main()
