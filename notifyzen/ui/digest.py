"""The check-in window: everything held, grouped by person then app, cleared from the keyboard.

The window owns no policy. It shows a `core.digest.Digest`, and tells the app what the user did
through signals: `opened(id)` (invoke the default action), `dismissed(ids)`, `snoozed(ids)` (to
the next check-in), and, after a confirmation that shows what the rule would have done,
`always_allow(hint)` / `always_mute(hint)` with hint = {"app", "sender", "desktop_entry"}.
`rule_preview(kind, hint)` fires when the confirmation opens so the app can answer with
`set_whatif(text)` ("Would have held 23 of 31 from Slack last week").

Whatever the user acted on leaves the list at once and the selection stays where it was, so
Delete, Delete, S, Enter works through a digest without the mouse. Opening a collapsed line
opens its newest notification and counts the older ones as read (they are dismissed).

Keys: ↑/↓ move from line to line (headings are passed over), ←/→ fold, Enter open (only what
has something to open: its default action or its app), Delete dismiss (on a heading, clicked:
the group), Shift+Delete dismiss all, S snooze, P pin, R reply (where the app offered inline
reply), A always allow, M always mute, U should have come through (it was urgent: the line
stays, the answer teaches notifyzen), Esc close (or cancel a pending rule, or put a reply away).

The window appears at a check-in the way a notification does: without taking the keyboard from
the app in front (WA_ShowWithoutActivating; the app activates it only for tray → Open digest),
and its single keys act only while it is the active window. A check-in once opened over a chat
the user was typing in, and "yes sure, am on my way⏎" snoozed lines and wrote a rule. A rule
written here says so in a bar under the list with Undo, for as long as the window is open (and
the tray's Undo rule after that); when a rule of the user's own still comes first, the bar names
it and offers to open it.

What the user leaves in the list goes at the next check-in (the app keeps only the pinned lines,
`pinned`): the digest holds what still needs them, the history window the rest.

This file is what the window does; its parts and their look are in digest_layout.py, the rows and
keys of the list in digest_list.py, and what the list holds in digest_model.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from notifyzen.core.digest import Digest, Reply
from notifyzen.core.model import Item
from notifyzen.ui import digest_words, feedback
from notifyzen.ui.digest_layout import DigestLayout
from notifyzen.ui.digest_model import ENTRY, GROUP, IDS, KIND, PRESSING, REPLY, Replies
from notifyzen.ui.digest_words import fill, when
from notifyzen.ui.proposal_bar import ProposalBar

__all__ = ["IDS", "KIND", "PRESSING", "REPLY", "DigestWindow"]  # the app and tests import these from here


class DigestWindow(DigestLayout):
    """The check-in digest; the app connects the signals and calls `set_items` at each check-in."""

    opened = Signal(int)
    dismissed = Signal(list)
    snoozed = Signal(list)
    always_allow = Signal(dict)
    always_mute = Signal(dict)
    rule_preview = Signal(str, dict)  # ("allow" | "mute", hint): time to call set_whatif
    replied = Signal(int, str)  # id, text: an inline reply typed here (the app offered inline-reply)
    undo_rule = Signal(str)  # the name of the rule written here last: take it out again
    open_rule = Signal(str)  # "file:line" of the user's rule that comes before the one written
    pins_changed = Signal(list)  # the ids pinned now, after the user pinned or unpinned
    answered = Signal(list, str)  # ids, ReactionKind value: "should have come through" (issue 20)
    read_along = Signal(list)  # the older ones of a line opened or answered: read with it (issue 20)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._replies: dict[int, str | Reply] = {}
        self._can_reply: dict[int, str] = {}  # id -> placeholder, for items offering inline-reply
        self._reply_to = 0
        self._at: datetime | None = None
        self._pending: tuple[str, dict[str, str | None]] | None = None
        self._expanded: set[int] = set()
        self.pinned: set[int] = set()  # kept by the app at the next check-in
        self._openable: set[int] = set()  # a default action or an app to start
        self._written = ""  # the rule the notice offers to undo
        self._first_origin = ""  # the user's rule that comes first, for "Open that rule"
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.model.pinned = self.pinned
        self._connect()
        # A rule proposed from the user's reactions, under the heading (issue 20; the app fills it)
        self.proposal = ProposalBar(self)
        box = self.layout()
        assert isinstance(box, QVBoxLayout)  # DigestLayout's
        box.insertWidget(2, self.proposal)

    def _connect(self) -> None:
        self.view.key_action.connect(self._key)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(lambda _: self._act("open"))
        self.view.expanded.connect(self._remember_fold)
        self.view.collapsed.connect(self._remember_fold)
        self.write_rule.clicked.connect(lambda: self._confirm(True))
        self.cancel_rule.clicked.connect(lambda: self._confirm(False))
        self.reply_field.returnPressed.connect(self._send_reply)
        self.send_button.clicked.connect(self._send_reply)
        self.open_button.clicked.connect(lambda: self._act("open"))
        self.dismiss_button.clicked.connect(lambda: self._act("dismiss"))
        self.snooze_button.clicked.connect(lambda: self._act("snooze"))
        self.reply_button.clicked.connect(self._start_reply)
        self.allow_button.clicked.connect(lambda: self._act("allow"))
        self.mute_button.clicked.connect(lambda: self._act("mute"))
        self.pin_button.clicked.connect(lambda: self._act("pin"))
        self.answer_button.clicked.connect(lambda: self._act("answer"))
        self.dismiss_all_button.clicked.connect(lambda: self._act("dismiss_all"))
        self.undo_button.clicked.connect(lambda: self.undo_rule.emit(self._written))
        self.open_rule_button.clicked.connect(lambda: self.open_rule.emit(self._first_origin))

    # --- the app's side -------------------------------------------------------------------------
    def set_items(
        self, items: Sequence[Item], replies: Replies | None = None, *, at: datetime | None = None
    ) -> None:
        """Show what is held now; `replies` maps an item id to the status reply sent for it.

        A check-in that comes while the window is open keeps the user's place: the line they are
        on stays selected and a reply they are typing stays open, so their next Delete or Enter
        is about what they were looking at, not the top line."""
        working = self.isVisible() and self.view.currentIndex().isValid()
        was_on = (self.view.currentIndex().data(KIND), self.selected_ids()) if working else None
        replying = working and self.reply_row.isVisible()
        self._replies = dict(replies or {})
        self._can_reply = {
            item.id: str(
                item.notification.hints.get("x-kde-reply-placeholder-text")  # the app's own words
                or QCoreApplication.translate("Digest", "Reply…")
            )
            for item in items
            if "inline-reply" in item.notification.action_keys
        }
        self._openable = {
            item.id
            for item in items
            if "default" in item.notification.action_keys or item.notification.desktop_entry
        }
        self.pinned &= {item.id for item in items}
        self._at = at
        if not working:
            self._expanded.clear()
        self._show(Digest.build(items, now=at), keep_row=0)  # expired one-time codes left out
        if was_on is not None:
            self._reselect(*was_on, replying=replying)

    def _reselect(self, kind: str, ids: list[int], *, replying: bool) -> None:
        """Select again the row the user was on (its line may have grown a newer notification)."""
        row = next(
            (r for r in self._visible_rows() if r.data(KIND) == kind and set(ids) & set(r.data(IDS) or [])),
            None,
        )
        if row is None:
            return
        self.view.setCurrentIndex(row)
        now = list(row.data(IDS) or [])
        if replying and self._reply_to in now:
            self._reply_to = now[0] if now[0] in self._can_reply else self._reply_to
            self.reply_row.show()
            self.reply_field.setFocus()
        self._update_buttons()
        self._reveal()

    def remove(self, ids: Sequence[int]) -> None:
        """Take notifications that ended elsewhere (closed by their app, opened in a pop-up) off
        the list, keeping the cursor where it was."""
        gone = set(ids) & set(self.digest.ids)
        if gone:
            position = next(
                (i for i, r in enumerate(self._visible_rows()) if r == self.view.currentIndex()), 0
            )
            self._show(self.digest.without(gone), keep_row=position)

    def rule_written(self, name: str, where: str, first: tuple[str, str] | None = None) -> None:
        """Say the rule is written and where, with Undo; `first` = (name, "file:line") of a rule of
        the user's that comes before it and decides instead, offered to be opened."""
        self._written = name
        text = fill(QCoreApplication.translate("Digest", "Rule written: %1 (in %2)."), name, where)
        if first is not None:
            self._first_origin = first[1]
            text += " " + fill(
                QCoreApplication.translate(
                    "Digest", "Your rule %1 (%2) comes first and still decides: change that one."
                ),
                f"“{first[0]}”",
                first[1],
            )
        self._say(text, undo=True, open_rule=first is not None)

    def rule_undone(self, name: str, done: bool) -> None:
        self._written = ""
        text = (
            QCoreApplication.translate("Digest", "Rule taken out again: %1.")
            if done
            else QCoreApplication.translate("Digest", "The rule %1 is no longer in the file.")
        )
        self._say(fill(text, name))

    def _say(self, text: str, *, undo: bool = False, open_rule: bool = False) -> None:
        self.notice_text.setText(text)
        self.undo_button.setVisible(undo)
        self.open_rule_button.setVisible(open_rule)
        self.notice.setVisible(bool(text))

    def show_quietly(self) -> None:
        """At a check-in: on screen, but the keyboard stays with the app the user is in."""
        if not self.isVisible():
            self.show()

    def set_whatif(self, text: str) -> None:
        """Show what a rule would have done (the app computes it, e.g. from last week's history)."""
        self.whatif.setText(text)
        self.whatif.setVisible(bool(text))

    @property
    def digest(self) -> Digest:
        return self.model.digest

    def selected_ids(self) -> list[int]:
        index = self.view.currentIndex()
        return list(index.data(IDS) or []) if index.isValid() else []

    # --- showing --------------------------------------------------------------------------------
    def _show(self, digest: Digest, keep_row: int, group_row: int | None = None) -> None:
        now = self._at or datetime.now().astimezone()
        if group_row is None:
            self.model.set_digest(digest, self._replies, now, self.view.palette())
        else:
            self.model.update_group(group_row, digest)
        self.title.setText(fill(QCoreApplication.translate("Digest", "Check-in · %1"), when(now, now)))
        self.headline.setText(digest_words.headline(digest))
        root = self.model.invisibleRootItem()
        rows = (
            range(root.rowCount())
            if group_row is None
            else range(group_row, min(group_row + 1, root.rowCount()))
        )
        for row in rows:
            group = root.child(row)
            self.view.setExpanded(group.index(), True)
            for sub in range(group.rowCount()):
                entry = group.child(sub)
                if entry.rowCount() and (entry.data(IDS) or [0])[0] in self._expanded:
                    self.view.setExpanded(entry.index(), True)
        empty = not digest.groups
        self.view.setVisible(not empty)
        self.empty.setVisible(empty)
        self._select_row(keep_row)
        self._update_buttons()

    def _visible_rows(self) -> list[QModelIndex]:
        rows = []
        index = self.model.index(0, 0)
        while index.isValid():
            rows.append(index)
            index = self.view.indexBelow(index)
        return rows

    def _select_row(self, position: int) -> None:
        rows = self._visible_rows()
        if not rows:
            return
        index = rows[min(position, len(rows) - 1)]
        if position == 0 and index.data(KIND) == GROUP and len(rows) > 1:
            index = rows[1]  # start on the first line, not its heading
        self.view.setCurrentIndex(index)
        self._reveal()

    def _update_buttons(self) -> None:
        index = self.view.currentIndex()
        ids = self.selected_ids()
        some = bool(ids)
        n = len(ids)
        self.open_button.setEnabled(some and index.data(KIND) != GROUP and ids[0] in self._openable)
        self.dismiss_button.setText(
            QCoreApplication.translate("Digest", "Dismiss group")
            if index.data(KIND) == GROUP
            else fill(QCoreApplication.translate("Digest", "Dismiss %1"), n)
            if n > 1
            else QCoreApplication.translate("Digest", "Dismiss")
        )
        self.pin_button.setText(
            QCoreApplication.translate("Digest", "Unpin")
            if some and set(ids) <= self.pinned
            else QCoreApplication.translate("Digest", "Pin")
        )
        self.pin_button.setEnabled(some)
        self.dismiss_all_button.setEnabled(bool(self.digest.ids))
        self.snooze_button.setText(
            fill(QCoreApplication.translate("Digest", "Snooze %1"), n)
            if n > 1
            else QCoreApplication.translate("Digest", "Snooze")
        )
        for button in (
            self.dismiss_button,
            self.snooze_button,
            self.allow_button,
            self.mute_button,
            self.answer_button,
        ):
            button.setEnabled(some)
        self.reply_button.setEnabled(index.data(KIND) == ENTRY and bool(ids) and ids[0] in self._can_reply)
        if self.reply_row.isVisible() and self._reply_to not in ids:
            self.reply_row.hide()

    def _remember_fold(self, index: QModelIndex) -> None:
        if index.data(KIND) == ENTRY:
            first = (index.data(IDS) or [0])[0]
            if self.view.isExpanded(index):
                self._expanded.add(first)
            else:
                self._expanded.discard(first)

    # --- acting ---------------------------------------------------------------------------------
    def _key(self, action: str) -> None:
        if action == "escape":
            if self._pending is not None:
                self._confirm(False)
            else:
                self.close()
            return
        if action == "open" and self._pending is not None:
            self._confirm(True)
            return
        if action == "reply":
            self._start_reply()  # only where the app offered inline reply, as the button
            return
        self._act(action)

    def _act(self, action: str) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        ids: list[int] = list(index.data(IDS) or [])
        kind = index.data(KIND)
        if action == "dismiss_all":
            everything = list(self.digest.ids)
            self._show(self.digest.without(everything), keep_row=0)
            self.dismissed.emit(everything)
            return
        if action == "open":
            if kind == GROUP:
                self.view.setExpanded(index, not self.view.isExpanded(index))
                return
            if ids[0] not in self._openable:  # was: gone from the list and recorded as opened
                self._say(QCoreApplication.translate("Digest", "Nothing to open: its app offered no action."))
                return
            self._done(index, ids)
            self.opened.emit(ids[0])
            if len(ids) > 1:
                self.read_along.emit(ids[1:])
                self.dismissed.emit(ids[1:])
        elif action == "dismiss":
            self._done(index, ids)
            self.dismissed.emit(ids)
        elif action == "snooze":
            self._done(index, ids)
            self.snoozed.emit(ids)
        elif action == "pin":
            position = next((i for i, r in enumerate(self._visible_rows()) if r == index), 0)
            if set(ids) <= self.pinned:
                self.pinned.difference_update(ids)
            else:
                self.pinned.update(ids)
            self._show(self.digest, keep_row=position)
            self.pins_changed.emit(sorted(self.pinned))
        elif action in ("allow", "mute"):
            hint = self.model.hint_at(index) or {}
            self._ask(action, hint)
        elif action == "answer":  # it stays listed: an answer is about the decision, not the line
            self.answered.emit(ids, feedback.SHOULD.value)
            self._say(feedback.noted())

    def _done(self, index: QModelIndex, ids: list[int]) -> None:
        """Take the rows the user dealt with off the list, keeping the cursor where it was."""
        position = next((i for i, r in enumerate(self._visible_rows()) if r == index), 0)
        top = index
        while top.parent().isValid():
            top = top.parent()
        self._show(self.model.digest.without(ids), keep_row=position, group_row=top.row())

    def _start_reply(self) -> None:
        ids = self.selected_ids()
        if not ids or ids[0] not in self._can_reply:
            return
        self._reply_to = ids[0]
        self.reply_field.clear()
        self.reply_field.setPlaceholderText(self._can_reply[ids[0]])
        self.reply_row.show()
        self.reply_field.setFocus()

    def _send_reply(self) -> None:
        """Like Plasma's inline reply: the text goes to the app (NotificationReplied), the line is
        done; other notifications of that line are dismissed, as Open does."""
        text = self.reply_field.text()
        index = self.view.currentIndex()
        ids: list[int] = list(index.data(IDS) or []) if index.isValid() else []
        if not text.strip() or not ids or ids[0] != self._reply_to:
            return
        self.reply_row.hide()
        self._done(index, ids)
        self.replied.emit(ids[0], text)
        if len(ids) > 1:
            self.read_along.emit(ids[1:])
            self.dismissed.emit(ids[1:])
        self.view.setFocus()

    def _ask(self, kind: str, hint: dict[str, str | None]) -> None:
        self._pending = (kind, hint)
        self.question.setText(digest_words.rule_question(kind, hint))
        self.write_rule.setText((self.allow_button if kind == "allow" else self.mute_button).text())
        self.set_whatif("")
        self.confirm.show()
        QTimer.singleShot(0, self._reveal)  # the bar took room from the list
        self.rule_preview.emit(kind, hint)

    def _confirm(self, yes: bool) -> None:
        if self._pending is None:
            return
        kind, hint = self._pending
        self._pending = None
        self.confirm.hide()
        self.set_whatif("")
        if yes:
            (self.always_allow if kind == "allow" else self.always_mute).emit(hint)
        if yes and kind == "mute":  # never to be shown again: what is listed of it goes too
            muted = list(self.digest.matching(hint))
            if muted:
                self.remove(muted)
                self.dismissed.emit(muted)
        self.view.setFocus()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        """Esc that the list did not see: in the reply field (which leaves Esc to its parent) it
        puts the reply away and gives the keys back to the list; with "All caught up" (the list
        hidden) it closes, as the footer says. Without this Esc did nothing in either."""
        if e.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(e)
            return
        e.accept()
        if self.reply_row.isVisible():
            self.reply_row.hide()
            self.view.setFocus()
        else:
            self._key("escape")

    def showEvent(self, e: QShowEvent) -> None:
        super().showEvent(e)
        self.view.setFocus()
        QTimer.singleShot(0, self._reveal)

    def _reveal(self) -> None:
        """Scroll so the selected line and, for a group's first line, its heading are in sight."""
        index = self.view.currentIndex()
        if index.parent().isValid() and index.row() == 0:
            self.view.scrollTo(index.parent())
        if index.isValid():
            self.view.scrollTo(index)
