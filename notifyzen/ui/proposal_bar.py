"""A proposed rule in the digest (issue 20): one line of evidence, what it would have changed last
week on request, and one click that writes it (the digest's notice then offers Undo, as for its
other rules). Proposals come from notifyzen/learn/week.py as `Proposal.as_json()` dicts; working
them out replays a week, so `ProposalSource` does it on a thread of its own and hands the result
to the GUI thread by a queued signal: a check-in never waits for it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from notifyzen.ui import proposal_words as words
from notifyzen.ui import theme

log = logging.getLogger(__name__)


class ProposalBar(QFrame):
    """Hidden until there is a proposal; shows one at a time, best first."""

    accepted = Signal(dict, str)  # the rule (a rules.yaml entry), the evidence for the file's comment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._proposals: list[dict[str, Any]] = []
        self._declined: set[str] = set()
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 8, 12, 8)
        row = QHBoxLayout()
        self.evidence = QLabel(self)
        self.evidence.setTextFormat(Qt.TextFormat.PlainText)  # names as sent, never markup
        self.evidence.setWordWrap(True)
        row.addWidget(self.evidence, 1)
        self.show_button = self._button(
            QCoreApplication.translate("Proposals", "Show what would change"), row
        )
        self.accept_button = self._button(QCoreApplication.translate("Proposals", "Add this rule"), row)
        self.decline_button = self._button(QCoreApplication.translate("Proposals", "Not now"), row)
        box.addLayout(row)
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setStyleSheet(f"color: {theme.css(theme.secondary_text(self.palette()))};")
        self.details.hide()
        box.addWidget(self.details)
        self.show_button.clicked.connect(self._toggle)
        self.accept_button.clicked.connect(self._accept)
        self.decline_button.clicked.connect(self._decline)
        self.hide()

    def _button(self, text: str, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the digest's keys stay with its list
        row.addWidget(button)
        return button

    @property
    def current(self) -> dict[str, Any] | None:
        return next((p for p in self._proposals if p["name"] not in self._declined), None)

    def set_proposals(self, proposals: Sequence[dict[str, Any]]) -> None:
        self._proposals = list(proposals)
        self._show()

    def _show(self) -> None:
        p = self.current
        self.setVisible(p is not None)
        if p is None:
            return
        proposed = QCoreApplication.translate("Proposals", "Proposed rule")
        self.evidence.setText(f"{proposed} “{p['name']}”: {words.evidence(p['kind'], p['figures'])}")
        replay = p["replay"]
        under = QCoreApplication.translate("Proposals", "Last week under it")
        lines = [
            f"{under}: {words.replay_sentence(replay)}",
            *(f"  {words.change_line(g)}" for g in replay["groups"]),
        ]
        if p.get("model_support") is not None:  # the learned model's word, never its decision
            agrees = QCoreApplication.translate("Proposals", "What you react to, as learned, agrees: %1")
            lines.append(agrees.replace("%1", f"{p['model_support']:.2f}"))
        self.details.setText("\n".join([*lines, "", *p["yaml"].splitlines()]))
        self.details.hide()
        self.show_button.setText(QCoreApplication.translate("Proposals", "Show what would change"))

    def _toggle(self) -> None:
        opening = self.details.isHidden()  # isHidden: also right before the window is first shown
        self.details.setVisible(opening)
        self.show_button.setText(
            QCoreApplication.translate("Proposals", "Hide what would change")
            if opening
            else QCoreApplication.translate("Proposals", "Show what would change")
        )

    def _accept(self) -> None:
        p = self.current
        if p is not None:
            self._declined.add(p["name"])  # written: not offered again
            self.accepted.emit(dict(p["rule"]), str(p["evidence"]))
            self._show()

    def _decline(self) -> None:
        p = self.current
        if p is not None:
            self._declined.add(p["name"])  # for this session; next week's evidence may bring it back
            self._show()


class ProposalSource(QObject):
    """Works out this week's proposals off the GUI thread; `ready` brings them back to it."""

    ready = Signal(list)

    def __init__(self, compute: Callable[[], list[dict[str, Any]]]) -> None:
        super().__init__()
        self._compute = compute
        self._busy = threading.Lock()

    def refresh(self) -> None:
        """Start a computation unless one is running (a check-in while it runs shows the last)."""
        if not self._busy.acquire(blocking=False):
            return
        threading.Thread(target=self._run, name="notifyzen-proposals", daemon=True).start()

    def _run(self) -> None:
        try:
            found = self._compute()
        except Exception:  # a history being repaired, rules mid-edit: no proposals this time
            log.exception("could not work out this week's proposals")
            found = []
        finally:
            self._busy.release()
        self.ready.emit(found)
