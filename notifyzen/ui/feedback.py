"""The user's two answers about a decision, "Should have come through" and "Could have waited"
(issue 20), as the pop-up, the digest and the history window offer them.

Only the answer that contradicts what happened is offered: a pop-up that came through as it
arrived can only have been too much ("Could have waited"), a line in the digest or a muted one
only too late ("Should have come through"); a held one that popped up later (its max wait, a
rule's hold-until) may have been either. An answer that could not be true is never asked, so
each one the model gets is a correction, and the words stay few.

Where it sits follows what desktops do with this kind of control. Windows 11 and macOS put a
notification's options ("Turn off notifications for …") behind a "⋯" button that appears on
hover beside the close button; Android behind a long press; Plasma a configure button in the
header. So the pop-up gets a "⋯" beside its ✕, shown while the pointer is over it, and the same
menu on a right click; the digest and the history window, which are windows the user works in,
get a plain button beside "Always allow / Always mute" (the other ways of teaching notifyzen).
After an answer a short line says it was heard and what comes of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from notifyzen.core.model import ShownBy, Verdict
from notifyzen.core.reaction import ReactionKind

SHOULD, WAITED = ReactionKind.SHOULD_HAVE_COME, ReactionKind.COULD_HAVE_WAITED
# A held one shown by these came up by itself, as a pop-up, not in the digest.
LATE_POPUP = (ShownBy.MAX_WAIT.value, ShownBy.HOLD_UNTIL.value)


def answers(verdict: Verdict, shown_by: str | None, *, popped_up: bool) -> list[ReactionKind]:
    """The answers that would correct this decision (see the module docstring)."""
    if verdict is Verdict.DELIVER:
        return [WAITED]
    if popped_up or shown_by in LATE_POPUP:
        return [SHOULD, WAITED]
    return [SHOULD]


def label(kind: ReactionKind) -> str:
    if kind is SHOULD:
        return QCoreApplication.translate("Feedback", "Should have come through")
    return QCoreApplication.translate("Feedback", "Could have waited")


def tooltip(kind: ReactionKind) -> str:
    if kind is SHOULD:
        return QCoreApplication.translate(
            "Feedback", "Tell notifyzen this mattered: it should have interrupted you"
        )
    return QCoreApplication.translate("Feedback", "Tell notifyzen this did not need to interrupt you")


def noted() -> str:
    """What the user sees after an answer: heard, and nothing changes behind their back."""
    return QCoreApplication.translate(
        "Feedback", "Noted — notifyzen will suggest a rule once it sees a pattern."
    )


def fill_menu(menu: QMenu, kinds: Sequence[ReactionKind], answer: Callable[[str], None]) -> None:
    """The answers in a menu (the pop-up's "⋯" and right click), instead of what it had: a pop-up
    updated in place keeps its one menu."""
    menu.clear()
    for kind in kinds:
        action = menu.addAction(label(kind), partial(answer, kind.value))
        action.setToolTip(tooltip(kind))


def options_button(parent: QWidget) -> QToolButton:
    """The pop-up's "⋯": small, beside the close button, shown only while the pointer is over the
    pop-up (the pop-up shows and hides it)."""
    button = QToolButton(parent)
    button.setText("⋯")
    button.setAutoRaise(True)
    button.setFixedSize(22, 22)
    button.setToolTip(QCoreApplication.translate("Feedback", "Should this have waited? Tell notifyzen"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setMenu(QMenu(button))
    button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")  # "⋯" says it
    button.hide()
    return button
