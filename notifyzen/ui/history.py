"""The history window (tray → History): the last days' notifications, to find one again.

A pop-up that expired while the user looked away was gone for good unless they knew
`notifyzen history`. Here it is, newest first, grouped by day, searchable by app, person and
text. The selected one says what notifyzen decided and why (the words of `notifyzen history
--explain`), offers its own buttons while its app still listens (it is live in the Service), and
"Always allow" / "Always mute", asked once with what the rule would have done last week, and
the user's answer about the decision ("Should have come through" / "Could have waited", issue 20).
What the user did with each ("opened after 2 min", "you said: could have waited") is in its line
and its explanation.

The window owns no policy and reads nothing itself: the app gives it history rows (`set_rows`),
says which notifications are still live (`live`), and answers the signals: `action(id, key)`,
`rule(kind, hint, notification)`, `undo_rule(name)`, `reacted(row id, ReactionKind value)` (an
answer, or a rule written from a row); it shows what came of a rule with
`rule_written` / `rule_undone`, as the digest does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from notifyzen.core.digest import one_line, rule_hint
from notifyzen.core.model import Item
from notifyzen.core.reaction import Reaction, ReactionKind
from notifyzen.history.rows import reaction_words, state_word, telling
from notifyzen.ui import digest_words, feedback
from notifyzen.ui.digest_words import fill
from notifyzen.ui.floating import make_floating_window

if TYPE_CHECKING:
    from notifyzen.history.schema import NotificationRow

ID = Qt.ItemDataRole.UserRole + 1
Live = Callable[[int], bool]


def day_title(day: date, today: date) -> str:
    if day == today:
        return QCoreApplication.translate("History", "Today")
    if (today - day).days == 1:
        return QCoreApplication.translate("History", "Yesterday")
    return digest_words.locale().toString(QDate(day.year, day.month, day.day), "dddd d MMMM")


class HistoryWindow(QWidget):
    """Search field, the days with their notifications, the selected one explained, its buttons."""

    action = Signal(int, str)  # id, action key: the app still listens
    rule = Signal(str, dict, object)  # "allow" | "mute", hint, the Notification it was made from
    undo_rule = Signal(str)
    reacted = Signal(int, str)  # history row id, ReactionKind value (ui/feedback.py, issue 20)

    def __init__(self, live: Live | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("History", "History — notifyzen"))
        self.live: Live = live or (lambda _id: False)
        self.preview: Callable[[str, dict[str, str | None]], str] = lambda _k, _h: ""
        self._rows: list[tuple[NotificationRow, Item]] = []
        self._by_id: dict[int, tuple[NotificationRow, Item]] = {}
        self._reactions: dict[int, list[Reaction]] = {}  # by history row id
        self._now = datetime.now().astimezone()
        self._written = ""
        self.question: QMessageBox | None = None  # the open "Always mute …?" (tests answer it)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(QCoreApplication.translate("History", "Search app, person or text"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill)
        layout.addWidget(self.search)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("History", "Time"),
                QCoreApplication.translate("History", "App"),
                QCoreApplication.translate("History", "From"),
                QCoreApplication.translate("History", "Notification"),
                QCoreApplication.translate("History", "What happened"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(lambda *_: self._explain())
        clock = self.tree.fontMetrics().horizontalAdvance("00:00")  # under a day, so indented
        for column, width in enumerate((clock + self.tree.indentation() + 16, 110, 110, 310)):
            self.tree.setColumnWidth(column, width)
        layout.addWidget(self.tree, 1)
        self.explain = QLabel(self)
        self.explain.setTextFormat(Qt.TextFormat.PlainText)
        self.explain.setWordWrap(True)
        self.explain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.explain)
        self.buttons = QHBoxLayout()
        self.app_buttons: list[QPushButton] = []
        self.buttons.addStretch(1)
        self.answer_buttons: dict[ReactionKind, QPushButton] = {}
        for kind in (feedback.SHOULD, feedback.WAITED):
            button = QPushButton(feedback.label(kind), self)
            button.setToolTip(feedback.tooltip(kind))
            button.clicked.connect(lambda _=False, k=kind: self._answer(k))
            self.buttons.addWidget(button)
            self.answer_buttons[kind] = button
        self.allow_button = QPushButton(QCoreApplication.translate("Digest", "Always allow"), self)
        self.mute_button = QPushButton(QCoreApplication.translate("Digest", "Always mute"), self)
        self.allow_button.clicked.connect(lambda: self._ask("allow"))
        self.mute_button.clicked.connect(lambda: self._ask("mute"))
        self.buttons.addWidget(self.allow_button)
        self.buttons.addWidget(self.mute_button)
        layout.addLayout(self.buttons)
        notice = QHBoxLayout()
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton(QCoreApplication.translate("Digest", "Undo"), self)
        self.undo_button.clicked.connect(lambda: self.undo_rule.emit(self._written))
        self.undo_button.hide()
        notice.addWidget(self.notice, 1)
        notice.addWidget(self.undo_button)
        layout.addLayout(notice)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        make_floating_window(self, QSize(900, 620))  # floating and centred on i3 and sway too

    # --- the app's side -------------------------------------------------------------------------
    def set_rows(
        self,
        rows: Sequence[NotificationRow],
        now: datetime,
        reactions: Mapping[int, Sequence[Reaction]] | None = None,
    ) -> None:
        """The history's rows, any order, with the user's reactions by row id. An update in place
        shows once, as its newest version."""
        from notifyzen.history import store

        self._now = now
        self._reactions = {row_id: list(found) for row_id, found in (reactions or {}).items()}
        seen: set[int] = set()
        self._rows = []
        for row in sorted(rows, key=lambda r: (r.at, r.id or 0), reverse=True):
            item = store.row_item(row)
            if item.id in seen:
                continue
            seen.add(item.id)
            self._rows.append((row, item))
        self._by_id = {item.id: (row, item) for row, item in self._rows}
        self._fill()

    def rule_written(self, name: str, where: str, first: tuple[str, str] | None = None) -> None:
        self._written = name
        text = fill(QCoreApplication.translate("Digest", "Rule written: %1 (in %2)."), name, where)
        if first is not None:
            text += " " + fill(
                QCoreApplication.translate(
                    "Digest", "Your rule %1 (%2) comes first and still decides: change that one."
                ),
                f"“{first[0]}”",
                first[1],
            )
        self.notice.setText(text)
        self.undo_button.show()

    def rule_undone(self, name: str, done: bool) -> None:
        self._written = ""
        text = (
            QCoreApplication.translate("Digest", "Rule taken out again: %1.")
            if done
            else QCoreApplication.translate("Digest", "The rule %1 is no longer in the file.")
        )
        self.notice.setText(fill(text, name))
        self.undo_button.hide()

    def shown_ids(self) -> list[int]:
        """The notifications listed now, top to bottom (for tests and the screenshot)."""
        out: list[int] = []
        for d in range(self.tree.topLevelItemCount()):
            day = self.tree.topLevelItem(d)
            if day is not None:
                out += [int(line.data(0, ID)) for i in range(day.childCount()) if (line := day.child(i))]
        return out

    # --- showing --------------------------------------------------------------------------------
    def _matches(self, item: Item, words: list[str]) -> bool:
        n = item.notification
        haystack = " ".join(
            (
                n.app_name,
                n.desktop_entry or "",
                n.sender or "",
                one_line(n.summary, 300),
                one_line(n.body, 600),
            )
        ).casefold()
        return all(word in haystack for word in words)

    def _fill(self) -> None:
        words = self.search.text().casefold().split()
        current = self.tree.currentItem()
        keep = current.data(0, ID) if current is not None else None
        self.tree.clear()
        today = self._now.date()
        days: dict[date, QTreeWidgetItem] = {}
        select: QTreeWidgetItem | None = None
        for row, item in self._rows:
            if words and not self._matches(item, words):
                continue
            n = item.notification
            local = n.at.astimezone(self._now.tzinfo)
            day = days.get(local.date())
            if day is None:
                day = QTreeWidgetItem([day_title(local.date(), today)])
                day.setFirstColumnSpanned(True)
                bold = day.font(0)
                bold.setBold(True)
                day.setFont(0, bold)
                day.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(day)
                day.setFirstColumnSpanned(True)
                days[local.date()] = day
            text = one_line(n.summary, 120)
            body = one_line(n.body, 160)
            said = telling(self._reactions.get(int(row.id or 0), []))
            line = QTreeWidgetItem(
                [
                    local.strftime("%H:%M"),
                    digest_words.app_name(item),
                    n.sender or "",
                    f"{text} — {body}" if body and text else text or body,
                    f"{state_word(row.state)} · {reaction_words(said, n.actions)}"
                    if said
                    else state_word(row.state),
                ]
            )
            line.setData(0, ID, item.id)
            line.setToolTip(4, line.text(4))  # "held · you said: should have come through" is long
            day.addChild(line)
            if item.id == keep:
                select = line
        self.tree.expandAll()
        first = self.tree.topLevelItem(0)
        if select is None and first is not None and first.childCount():
            select = first.child(0)
        if select is not None:
            self.tree.setCurrentItem(select)
        self._explain()

    def _selected(self) -> tuple[NotificationRow, Item] | None:
        current = self.tree.currentItem()
        id = current.data(0, ID) if current is not None else None
        return self._by_id.get(id) if id is not None else None

    def _explain(self) -> None:
        """`notifyzen history --explain` for the selected one, and its buttons while it is live."""
        from notifyzen.desktop.words import decision_words
        from notifyzen.history.rows import lifecycle

        for button in self.app_buttons:
            self.buttons.removeWidget(button)
            button.deleteLater()
        self.app_buttons = []
        chosen = self._selected()
        self.allow_button.setEnabled(chosen is not None)
        self.mute_button.setEnabled(chosen is not None)
        offered = (
            feedback.answers(chosen[1].decision.verdict, chosen[0].shown_by, popped_up=False)
            if chosen
            else []
        )
        for kind, button in self.answer_buttons.items():
            button.setVisible(kind in offered)
        if chosen is None:
            self.explain.setText("")
            return
        row, item = chosen
        n = item.notification
        lines = [f"{digest_words.app_name(item)}: {one_line(n.summary, 200)}", decision_words(item.decision)]
        reactions = self._reactions.get(int(row.id or 0), [])
        self.explain.setText("\n".join([*lines, *lifecycle(row, reactions)]))
        if not self.live(item.id):
            return
        for key, label in n.actions:
            if key == "inline-reply":
                continue
            open_word = QCoreApplication.translate("Digest", "Open")
            button = QPushButton(open_word if key == "default" or not label else label, self)
            button.clicked.connect(lambda _=False, k=key, i=item.id: self.action.emit(i, k))
            self.buttons.insertWidget(len(self.app_buttons), button)
            self.app_buttons.append(button)

    def _ask(self, kind: str) -> None:
        """Asked once, with what the rule would have done last week; then the app writes it."""
        chosen = self._selected()
        if chosen is None:
            return
        n = chosen[1].notification
        hint = rule_hint(digest_words.app_name(chosen[1]), n.person, n.desktop_entry)
        box = QMessageBox(
            QMessageBox.Icon.Question, self.windowTitle(), digest_words.rule_question(kind, hint), parent=self
        )
        box.setInformativeText(self.preview(kind, hint))
        yes = box.addButton(
            (self.allow_button if kind == "allow" else self.mute_button).text(),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QCoreApplication.translate("Digest", "Cancel"), QMessageBox.ButtonRole.RejectRole)

        def answered(button: object) -> None:
            if button is yes:
                self.rule.emit(kind, hint, n)
                made = ReactionKind.ALWAYS_ALLOW if kind == "allow" else ReactionKind.ALWAYS_MUTE
                self._noted(chosen[0], made)

        box.buttonClicked.connect(answered)
        self.question = box
        box.open()

    def _answer(self, kind: ReactionKind) -> None:
        """The user's answer about the selected notification's decision: recorded, and said."""
        chosen = self._selected()
        if chosen is None:
            return
        self._noted(chosen[0], kind)
        self.notice.setText(feedback.noted())
        self.undo_button.hide()

    def _noted(self, row: NotificationRow, kind: ReactionKind) -> None:
        """Tell the app, and show it at once in the line and its explanation."""
        row_id = int(row.id or 0)
        self.reacted.emit(row_id, kind.value)
        self._reactions.setdefault(row_id, []).append(Reaction(row_id, kind, datetime.now().astimezone()))
        self._fill()
