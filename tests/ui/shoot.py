"""Show the pop-ups and the digest on a real X screen and take screenshots (not a test).

    Xvfb :7 -screen 0 1280x800x24 & DISPLAY=:7 python -m tests.ui.shoot /tmp/shots [--dark] [--lang=nl]

Writes popups, hostile pop-ups, the digest (fresh, mid-triage, 2000 items) as PNGs; open them and look.
--lang=nl (or en) shows them as a Dutch (English) session would; without it the session's locale
decides, as in the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from notifyzen.core.digest import Reply
from notifyzen.core.model import Item, Urgency
from notifyzen.core.replay_summary import Impact
from notifyzen.desktop import i18n
from notifyzen.ui import theme
from notifyzen.ui.digest import DigestWindow
from notifyzen.ui.digest_words import impact_sentence
from notifyzen.ui.popup import PopupStack
from tests.harness.digest_items import NOW, make_item, morning


def _settle(app: QApplication, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _grab(app: QApplication, path: Path) -> None:
    _settle(app)
    subprocess.run(["import", "-window", "root", str(path)], check=True, env=os.environ)
    print(path)


def popups() -> list[Item]:
    critical = make_item(
        101,
        "Power",
        "Battery critically low",
        "3% left. Plug in now or the laptop will <b>suspend</b> in 2 minutes.",
        urgency=Urgency.CRITICAL,
        app_icon="battery-caution",
    )
    actions = make_item(
        102,
        "Thunderbird",
        "Jonas Berg: Invitation: design review Thu 14:00",
        "Room 3.14 and on Jitsi. Agenda: pop-up spacing, digest order, the focus report.",
        actions=(("default", "Open"), ("accept", "Accept"), ("tentative", "Maybe"), ("decline", "Decline")),
        sender="Jonas",
    )
    markup = make_item(
        103,
        "Firefox",
        "Download finished",
        'Saved <i>report-2026-11.pdf</i> from <a href="https://example.org/reports">example.org</a>. '
        '<img src="http://tracker.example/p.png" alt="[chart]"/> &lt;script&gt; stays text &amp; safe.',
    )
    reply = make_item(
        104,
        "Signal",
        "Anke",
        "Running 5 minutes late 🙈 order me the risotto?",
        sender="Anke",
        actions=(("default", "Open"), ("inline-reply", "Reply"), ("mark-read", "Mark as read")),
        hints={"x-kde-reply-placeholder-text": "Reply to Anke…"},
    )
    return [critical, actions, markup, reply]


def hostile() -> list[Item]:
    return [
        make_item(
            201,
            "Evil" * 40,
            "X" * 5000,
            ("<img src=http://evil.example/a.png alt=''>" + "A" * 200 + " <script>alert(1)</script> ")
            * 40_000,
            actions=tuple((f"k{i}", f"Action number {i} with a very long label indeed") for i in range(500)),
            app_icon="http://evil.example/icon.png",
            hints={"image-path": "https://evil.example/big.png"},
        ),
        make_item(202, "Plain", "Unbreakable", "https://example.org/" + "a" * 5000),
    ]


def main() -> int:
    given = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(given[0] if given else "/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    dark = "--dark" in sys.argv
    lang = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--lang=")), None)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    lang = i18n.install(app, lang)
    app.setStyle("Fusion")
    if dark:
        app.setPalette(theme.dark_palette())
    suffix = ("-dark" if dark else "") + f"-{lang}"
    stack = PopupStack(default_timeout_ms=600_000, corner=Qt.Corner.TopRightCorner)
    for item in popups():
        stack.show(item)
    _grab(app, out / f"popups{suffix}.png")
    stack.clear()

    started = time.monotonic()
    for item in hostile():
        stack.show(item)
    for i in range(10):  # a flood: five on screen, the rest counted underneath
        stack.show(make_item(400 + i, "Chat", f"Message {i}", "spam " * (i + 1), sender=f"Bot {i}"))
    print(f"hostile shown in {time.monotonic() - started:.3f}s")
    _grab(app, out / f"hostile{suffix}.png")
    stack.clear()

    window = DigestWindow()
    replies = {3: Reply("In a focus block until 12:00, I'll read this then", NOW - timedelta(minutes=40))}
    window.set_items(morning(), replies, at=NOW)
    window.resize(720, 700)
    window.move(40, 40)
    window.show()
    _grab(app, out / f"digest{suffix}.png")

    # Work through it: dismiss Marco, unfold Anke's thread, ask for "always mute" on the CI bot.
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    QTest.keyClick(window.view, Qt.Key.Key_Right)
    _grab(app, out / f"digest-unfolded{suffix}.png")
    for _ in range(13):
        QTest.keyClick(window.view, Qt.Key.Key_Down)
    QTest.keyClick(window.view, Qt.Key.Key_M)
    window.set_whatif(impact_sentence(Impact(44, 0, 41, 0, 0, 0, 0, 12, 3)))  # as the app words it
    _grab(app, out / f"digest-triage{suffix}.png")
    QTest.keyClick(window.view, Qt.Key.Key_Escape)
    for _ in range(20):
        QTest.keyClick(window.view, Qt.Key.Key_Delete)
    _grab(app, out / f"digest-empty{suffix}.png")
    window.close()

    started = time.monotonic()
    window = DigestWindow()
    window.set_items(
        hostile()
        + [make_item(300 + i, f"App {i % 7}", f"Spam {i}", sender=f"P{i % 40}") for i in range(2000)],
        at=NOW,
    )
    window.resize(720, 700)
    window.move(40, 40)
    window.show()
    print(f"hostile digest of 2002 items shown in {time.monotonic() - started:.3f}s")
    _grab(app, out / f"digest-hostile{suffix}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
