"""The digest window's parts and where they sit, kept apart from what they do (digest.py).

Everything here is look: margins, fonts, the order of the bars, the words on the buttons and their
tooltips. Nothing is connected here; `DigestWindow` wires the parts to its actions, so this file can
be read (and the window restyled) without following any flow.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from notifyzen.ui import feedback, theme
from notifyzen.ui.digest_list import DigestDelegate, DigestView
from notifyzen.ui.digest_model import DigestModel
from notifyzen.ui.floating import make_floating_window


class DigestLayout(QWidget):
    """The check-in window as it looks: heading, the list, the rule question, the reply field, the
    buttons and the key hints. The window's size is set here too, after its parts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Digest", "Check-in — notifyzen"))
        self.model = DigestModel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.setSpacing(10)
        self._add_heading(layout)
        self._add_list(layout)
        self._add_rule_question(layout)
        self._add_notice(layout)
        self._add_reply_row(layout)
        self._add_buttons(layout)
        self._add_key_hints(layout)
        make_floating_window(self, QSize(720, 640))  # floating and centred on i3 and sway too

    def _add_heading(self, layout: QVBoxLayout) -> None:
        self.title = QLabel(self)
        big = self.font()
        big.setPointSizeF(big.pointSizeF() * 1.45)
        big.setBold(True)
        self.title.setFont(big)
        self.headline = QLabel(self)
        self.headline.setStyleSheet(f"color: {theme.css(theme.secondary_text(self.palette()))};")
        layout.addWidget(self.title)
        layout.addWidget(self.headline)

    def _add_list(self, layout: QVBoxLayout) -> None:
        """The list, and in its place when nothing is left: "All caught up"."""
        self.view = DigestView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(DigestDelegate(self.view))
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(False)
        self.view.setIndentation(18)
        self.view.setAnimated(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setFrameShape(QFrame.Shape.StyledPanel)
        layout.addWidget(self.view, 1)

        self.empty = QLabel(
            QCoreApplication.translate("Digest", "All caught up. Nothing is waiting for you."), self
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {theme.css(theme.secondary_text(self.palette()))};")
        self.empty.hide()
        layout.addWidget(self.empty, 1)

    def _add_rule_question(self, layout: QVBoxLayout) -> None:
        """The "Always mute CI?" bar under the list, with what the rule would have done last week."""
        self.confirm = QFrame(self)
        self.confirm.setFrameShape(QFrame.Shape.StyledPanel)
        confirm = QVBoxLayout(self.confirm)
        confirm.setContentsMargins(12, 8, 12, 8)
        self.question = QLabel(self.confirm)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.font()
        bold.setBold(True)
        self.question.setFont(bold)
        self.whatif = QLabel(self.confirm)
        self.whatif.setTextFormat(Qt.TextFormat.PlainText)
        self.whatif.setWordWrap(True)
        self.whatif.hide()
        row = QHBoxLayout()
        row.addWidget(self.question, 1)
        self.write_rule = self._button("", row)  # "Always mute" etc.
        self.cancel_rule = self._button(QCoreApplication.translate("Digest", "Cancel"), row)
        confirm.addLayout(row)
        confirm.addWidget(self.whatif)
        self.confirm.hide()
        layout.addWidget(self.confirm)

    def _add_notice(self, layout: QVBoxLayout) -> None:
        """What just happened that the user should know: "Rule written … [Undo]", the rule of
        theirs that still comes first [Open that rule], "nothing to open". It stays until the next
        one, so a rule written by a stray key can be undone whenever it is noticed."""
        self.notice = QFrame(self)
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self.notice)
        row.setContentsMargins(12, 6, 12, 6)
        self.notice_text = QLabel(self.notice)
        self.notice_text.setTextFormat(Qt.TextFormat.PlainText)
        self.notice_text.setWordWrap(True)
        row.addWidget(self.notice_text, 1)
        self.open_rule_button = self._button(QCoreApplication.translate("Digest", "Open that rule"), row)
        self.undo_button = self._button(QCoreApplication.translate("Digest", "Undo"), row)
        self.notice.hide()
        layout.addWidget(self.notice)

    def _add_reply_row(self, layout: QVBoxLayout) -> None:
        self.reply_row = QFrame(self)  # shown by Reply for a line whose app takes inline replies
        reply = QHBoxLayout(self.reply_row)
        reply.setContentsMargins(0, 0, 0, 0)
        self.reply_field = QLineEdit(self.reply_row)
        reply.addWidget(self.reply_field, 1)
        self.send_button = self._button(QCoreApplication.translate("Digest", "Send"), reply)
        self.reply_row.hide()
        layout.addWidget(self.reply_row)

    def _add_buttons(self, layout: QVBoxLayout) -> None:
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.open_button = self._button(QCoreApplication.translate("Digest", "Open"), bar)
        self.dismiss_button = self._button(QCoreApplication.translate("Digest", "Dismiss"), bar)
        self.snooze_button = self._button(QCoreApplication.translate("Digest", "Snooze"), bar)
        self.reply_button = self._button(QCoreApplication.translate("Digest", "Reply"), bar)
        self.pin_button = self._button(QCoreApplication.translate("Digest", "Pin"), bar)
        self.dismiss_all_button = self._button(QCoreApplication.translate("Digest", "Dismiss all"), bar)
        bar.addStretch(1)
        # what waited: the answer that would correct holding it (ui/feedback.py, issue 20)
        self.answer_button = self._button(feedback.label(feedback.SHOULD), bar)
        self.answer_button.setToolTip(feedback.tooltip(feedback.SHOULD))
        self.allow_button = self._button(QCoreApplication.translate("Digest", "Always allow"), bar)
        self.mute_button = self._button(QCoreApplication.translate("Digest", "Always mute"), bar)
        self.open_button.setToolTip(
            QCoreApplication.translate("Digest", "Open the newest and count the others as read (Enter)")
        )
        self.dismiss_button.setToolTip(QCoreApplication.translate("Digest", "Take it off the list (Delete)"))
        self.snooze_button.setToolTip(
            QCoreApplication.translate("Digest", "Show it again at the next check-in (S)")
        )
        self.reply_button.setToolTip(
            QCoreApplication.translate("Digest", "Write a reply the app sends on; a field opens below (R)")
        )
        self.pin_button.setToolTip(
            QCoreApplication.translate("Digest", "Keep it here after the next check-in (P)")
        )
        self.dismiss_all_button.setToolTip(
            QCoreApplication.translate("Digest", "Take everything off the list (Shift+Delete)")
        )
        self.allow_button.setToolTip(
            QCoreApplication.translate("Digest", "Write a rule that always lets these through (A)")
        )
        self.mute_button.setToolTip(
            QCoreApplication.translate("Digest", "Write a rule that always mutes these (M)")
        )
        layout.addLayout(bar)

    def _add_key_hints(self, layout: QVBoxLayout) -> None:
        self.keys = QLabel(
            QCoreApplication.translate(
                "Digest",
                "↑↓ move · Enter open · Del dismiss (on a heading: the group) · Shift+Del all · "
                "S snooze · P pin · R reply · A allow · M mute · U urgent · Esc close. "
                "What you leave goes to the history at the next check-in; pinned lines stay.",
            ),
            self,
        )
        self.keys.setWordWrap(True)  # Dutch is longer; wrap rather than widen the window
        small = self.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.88))
        self.keys.setFont(small)
        self.keys.setStyleSheet(f"color: {theme.css(theme.secondary_text(self.palette()))};")
        layout.addWidget(self.keys)

    def _button(self, text: str, layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows and Enter always belong to the list
        layout.addWidget(button)
        return button
