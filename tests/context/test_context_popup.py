"""Privacy mode in server mode's pop-ups (issue 19), as the user (and the audience) sees them.

While the status says others see the screen, a pop-up shows "1 urgent message from Anke" and
not one word of the message; one already on screen when sharing starts loses its text at once;
its click still opens the real notification; after sharing, pop-ups show text again.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from notifyzen.core.model import Urgency
from notifyzen.ui.popup import PopupStack
from tests.harness.digest_items import make_item

SHARING = {"situation": {"kind": "screen_share", "app": "Zoom", "since": None, "private": True}}
IN_A_CALL = {"situation": {"kind": "call", "app": "Zoom", "since": None, "private": False}}
SECRET = "The contract is 40k, not 30k"


@pytest.fixture
def stack(qtbot: QtBot) -> Iterator[PopupStack]:
    s = PopupStack(default_timeout_ms=60_000)
    yield s
    s.clear()


def words(stack: PopupStack, id: int) -> str:
    popup = stack.popup(id)
    assert popup is not None
    texts = [w.text() for w in popup.findChildren(QLabel) if w.isVisibleTo(popup)]
    texts += [b.text() for b in popup.findChildren(QPushButton) if b.isVisibleTo(popup)]
    return " | ".join([*texts, popup.body.toPlainText() if popup.body.isVisibleTo(popup) else ""])


def anke(id: int) -> object:
    return make_item(
        id, "Signal", "Anke", SECRET, sender="Anke", urgency=Urgency.CRITICAL,
        actions=(("default", "Open"), ("call", "Call back")),
    )  # fmt: skip


def test_while_sharing_a_pop_up_says_who_and_not_what(stack: PopupStack) -> None:
    stack.follow_status(SHARING)
    stack.show(anke(1))  # type: ignore[arg-type]
    shown = words(stack, 1)
    assert "1 urgent message from Anke" in shown
    assert "40k" not in shown and "Call back" not in shown
    stack.follow_status({"situation": None})
    stack.show(anke(2))  # type: ignore[arg-type]
    assert SECRET in words(stack, 2)  # after sharing: text again


def test_a_pop_up_on_screen_when_sharing_starts_loses_its_text(stack: PopupStack) -> None:
    stack.show(anke(1))  # type: ignore[arg-type]
    assert SECRET in words(stack, 1)
    stack.follow_status(SHARING)
    assert "40k" not in words(stack, 1) and "1 urgent message from Anke" in words(stack, 1)


def test_a_call_is_no_privacy_mode(stack: PopupStack) -> None:
    stack.follow_status(IN_A_CALL)
    stack.show(anke(1))  # type: ignore[arg-type]
    assert SECRET in words(stack, 1)
