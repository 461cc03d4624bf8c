"""What the tiling-WM tests (tests/ui/test_sway_*.py, tests/ui/test_i3_*.py) run beside notifyzen: the
user's editor, and the running app's control interface."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

from notifyzen.bus.control import call_control

REPORT = "notifyzen — weekly focus report"

# Stands in for the window the user types in: every key it receives goes to the file argv[1].
EDITOR = """
import sys
from PySide6.QtWidgets import QApplication, QPlainTextEdit
app = QApplication(sys.argv[:1])
app.setDesktopFileName("editor")
log = open(sys.argv[1], "a", buffering=1)
class Editor(QPlainTextEdit):
    def keyPressEvent(self, e):
        log.write(e.text()); log.flush(); super().keyPressEvent(e)
w = Editor(); w.setWindowTitle("editor"); w.show()
app.exec()
"""


def ask(env: dict[str, str], member: str, *args: str) -> Any:
    """The running app's control interface, as `notifyzen` itself calls it."""
    return call_control(member, "s" * len(args), list(args), bus_address=env["DBUS_SESSION_BUS_ADDRESS"])


def hold_two_then_check_in(env: dict[str, str], wait_for: Callable[..., Any]) -> None:
    """Two low-urgency notifications held on Saturday noon, then the 12:30 scheduled check-in:
    the digest that comes by itself, which must not take the keyboard."""
    for what in (
        ["Newsletter", "Weekly digest", "12 new posts"],
        ["Shop", "Your order shipped", "Track it"],
    ):
        subprocess.run(["notify-send", "-u", "low", "-a", *what], env=env, check=True, timeout=10)
    wait_for(lambda: ask(env, "Status")["held"] == 2, "two held")
    ask(env, "SetClock", "2026-11-14T12:30:05+01:00")  # the scheduled check-in


def report_floats_and_closes_with_esc(
    env: dict[str, str],
    wait_for: Callable[..., Any],
    window: Callable[[str], Any],
    floating_and_centred: Callable[[str], dict[str, Any]],
    max_height: float,
    screenshot: Callable[[], Any],
    escape: Callable[[], Any],
) -> None:
    """`notifyzen report`: its window comes (floating and centred, as `floating_and_centred` checks
    it on this desktop) no taller than `max_height`, and Esc (`escape` presses it) closes it and
    ends the command."""
    report = subprocess.Popen([sys.executable, "-m", "notifyzen", "report"], env=env)
    try:
        wait_for(lambda: window(REPORT), "the report", timeout=30)
        shown = floating_and_centred(REPORT)
        assert shown["rect"]["height"] <= max_height
        screenshot()
        escape()
        assert report.wait(timeout=10) == 0  # Esc closed it, and `notifyzen report` ended
    finally:
        if report.poll() is None:
            report.terminate()
            report.wait(timeout=10)
