"""A digest drawn again and again keeps its size (issue 22, item 6).

The digest is drawn anew whenever a listed notification ends elsewhere (its app closed it, the
user dismissed it from a pop-up or `notifyzen`'s Dismiss). Each drawing of 3,000 lines used to
leave ~5 MiB behind (PySide6's QStandardItemModel.clear() keeps the rows' Python side alive), so
a morning's digest worked through one by one took the app past a gigabyte.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from notifyzen.ui.digest import DigestWindow
from tests.harness.digest_items import NOW, make_item

MIB = 1024 * 1024


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.slow
def test_a_digest_of_2000_drawn_again_60_times_stays_the_same_size(qtbot: QtBot) -> None:
    items = [
        make_item(
            i,
            f"app{i % 7}",
            f"held {i}",
            "x" * 2000 if i % 10 == 0 else f"body {i}",
            sender=f"person {i % 53}" if i % 3 == 0 else None,
        )
        for i in range(1, 2001)
    ]
    window = DigestWindow()
    qtbot.addWidget(window)
    window.set_items(items, at=NOW)
    window.show()
    for id in range(1, 6):  # the first drawings settle Qt's own caches
        window.remove([id])
    before = rss_mib()
    for id in range(6, 66):  # each one ended elsewhere: the digest is drawn again without it
        window.remove([id])
    grew = rss_mib() - before
    assert len(window.digest.ids) == 2000 - 65
    assert grew < 40, f"the app grew by {grew:.0f} MiB for 60 drawings of a 2,000-line digest"
