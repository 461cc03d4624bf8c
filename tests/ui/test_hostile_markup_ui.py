"""Hostile markup as the user meets it (issue 22): a pop-up shows the body as the text it is, at
once, and a digest of a thousand hostile bodies opens in well under two seconds with each line and
tooltip saying what arrived. CPU time of this thread is measured, so a busy machine does not count.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from notifyzen.core.markup import ELLIPSIS
from notifyzen.ui.digest import DigestWindow
from notifyzen.ui.popup import PopupStack
from tests.bus.test_hostile_markup_server import HOSTILE_BODIES
from tests.harness.digest_items import NOW, make_item


@pytest.fixture
def stack(qtbot: QtBot) -> Iterator[PopupStack]:
    s = PopupStack(default_timeout_ms=600_000, max_visible=len(HOSTILE_BODIES))
    yield s
    s.clear()


def test_each_hostile_pop_up_shows_its_text_at_once(stack: PopupStack) -> None:
    for i, body in enumerate(HOSTILE_BODIES.values()):
        started = time.thread_time()
        stack.show(make_item(i + 1, f"Hostile {i}", "hostile", body, expire_timeout=0))
        assert time.thread_time() - started < 0.5, f"pop-up {i} took long"
    shown = {i: popup.body.toPlainText() for i in stack.visible_ids() if (popup := stack.popup(i))}
    assert shown[1] in ("<b", "<b" + ELLIPSIS)  # the body: a stray "<b" and 3,000 blanks
    assert shown[2].startswith("<a href='<a href='") and shown[2].endswith(ELLIPSIS)
    assert shown[4].startswith("<<<<<<<<") and shown[4].endswith(ELLIPSIS)
    assert shown[5] == ELLIPSIS  # an attribute longer than anything shown: there was more


def test_a_digest_of_a_thousand_hostile_bodies_opens_quickly(qtbot: QtBot) -> None:
    bodies = list(HOSTILE_BODIES.values())
    items = [
        make_item(i + 1, f"App {i % 50}", f"Hostile {i}", f"{bodies[i % len(bodies)]} {i}")
        for i in range(1000)
    ]
    window = DigestWindow()
    qtbot.addWidget(window)
    started = time.thread_time()
    window.set_items(items, at=NOW)
    window.show()
    qtbot.waitExposed(window)
    assert time.thread_time() - started < 2.0
    model = window.view.model()
    index = model.index(0, 0, model.index(0, 0))  # the first line of the first group
    said = index.data(Qt.ItemDataRole.DisplayRole)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert said.startswith("Hostile")
    assert tip.startswith("<p>Hostile") and "<b" not in tip.replace("<br/>", "")  # escaped, not markup
