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

Keys: ↑/↓ move, ←/→ fold, Enter open (on a heading: fold), Delete dismiss, S snooze, R reply
(where the app offered inline reply), A always allow, M always mute, Esc close (or cancel a
pending rule, or put a reply away).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import ClassVar

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from notifyzen.core.digest import Digest, Entry, Group, Reply, app_label, entry_lines, one_line, urgency
from notifyzen.core.model import Item, Urgency
from notifyzen.ui import digest_words, theme
from notifyzen.ui.digest_words import fill, when
from notifyzen.ui.notice import icon_pixmap, tooltip

GROUP, ENTRY, ITEM = "group", "entry", "item"
KIND = Qt.ItemDataRole.UserRole + 1
IDS = Qt.ItemDataRole.UserRole + 2
HINT = Qt.ItemDataRole.UserRole + 3
DETAIL = Qt.ItemDataRole.UserRole + 4
WHEN = Qt.ItemDataRole.UserRole + 5
COUNT = Qt.ItemDataRole.UserRole + 6
PRESSING = Qt.ItemDataRole.UserRole + 7
REPLY = Qt.ItemDataRole.UserRole + 8
ICON_SIZE = 28
Index = QModelIndex | QPersistentModelIndex

Replies = Mapping[int, "str | Reply"]


class DigestModel(QStandardItemModel):
    """A Digest as a tree: groups, their lines (entries), and the notifications a line collapses."""

    def __init__(self) -> None:
        super().__init__()
        self.digest = Digest(())
        # Rule hints stay on the Python side: values may be None, and a QVariant round trip of
        # None through QStandardItem.setData is where PySide6 has miscounted references.
        self.hints: list[dict[str, str | None]] = []
        self._context: tuple[Replies, datetime, QPalette] = ({}, datetime.now().astimezone(), QPalette())

    def _hint(self, hint: dict[str, str | None]) -> int:
        self.hints.append(hint)
        return len(self.hints) - 1

    def hint_at(self, index: Index) -> dict[str, str | None] | None:
        """The rule hint of a row; a single notification uses its line's."""
        key = index.data(HINT)
        if (key is None or key < 0) and index.parent().isValid():
            key = index.parent().data(HINT)
        return dict(self.hints[key]) if isinstance(key, int) and 0 <= key < len(self.hints) else None

    def set_digest(self, digest: Digest, replies: Replies, now: datetime, palette: QPalette) -> None:
        self.clear()
        self.digest = digest
        self.hints.clear()
        self._context = (replies, now, palette)
        root = self.invisibleRootItem()
        for group in digest.groups:
            root.appendRow(self._tree(group))

    def update_group(self, row: int, digest: Digest) -> None:
        """Show `digest` (the old one minus what the user dealt with) by redoing only group `row`."""
        old = self.digest.groups[row]
        new = next((g for g in digest.groups if (g.title, g.person) == (old.title, old.person)), None)
        self.digest = digest
        self.removeRow(row)
        if new is not None:
            self.insertRow(row, self._tree(new))

    def _tree(self, group: Group) -> QStandardItem:
        replies, now, palette = self._context
        top = self._group(group, now)
        for section in group.sections:
            for entry in section.entries:
                row = self._entry(group, entry, replies, now, palette)
                top.appendRow(row)
                if entry.count > 1:
                    for item in entry.items:
                        row.appendRow(self._item(item, now))
        return top

    def _group(self, group: Group, now: datetime) -> QStandardItem:
        row = _row(digest_words.group_title(group), GROUP, group.ids, self._hint(group.rule_hint))
        row.setData(group.count, COUNT)
        row.setData(_pressing_word(group) if group.pressing else "", PRESSING)
        row.setData(when(group.latest_at, now), WHEN)
        row.setToolTip(tooltip(digest_words.group_tooltip(group)))
        return row

    def _entry(
        self, group: Group, entry: Entry, replies: Replies, now: datetime, palette: QPalette
    ) -> QStandardItem:
        said, detail = (digest_words.in_words(line, entry.latest) for line in entry_lines(group, entry))
        row = _row(said, ENTRY, entry.ids, self._hint(entry.rule_hint))
        row.setData(detail, DETAIL)
        at = when(entry.latest.notification.at, now)
        row.setData(", ".join(p for p in (said, detail, at) if p), Qt.ItemDataRole.AccessibleTextRole)
        row.setData(entry.count, COUNT)
        row.setData(entry.pressing, PRESSING)
        row.setData(at, WHEN)
        fallback = entry_app if (entry_app := app_of(entry)) and group.person else None
        row.setData(icon_pixmap(entry.latest, ICON_SIZE, palette, fallback), Qt.ItemDataRole.DecorationRole)
        reply = next((replies[i] for i in entry.ids if i in replies), None)
        if reply is not None:
            reply = reply if isinstance(reply, Reply) else Reply(str(reply))
            row.setData(digest_words.reply_note(group.person, reply, now), REPLY)
        n = entry.latest.notification
        row.setToolTip(tooltip(f"{one_line(n.summary, 500)}\n{one_line(n.body, 1000)}", 1600))
        return row

    def _item(self, item: Item, now: datetime) -> QStandardItem:
        n = item.notification
        body = one_line(n.body)
        text = body or one_line(n.summary)  # the line above already shows the summary
        row = _row(text, ITEM, (item.id,))
        row.setData(when(n.at, now), WHEN)
        row.setToolTip(tooltip(f"{one_line(n.summary, 500)}\n{one_line(n.body, 1000)}", 1600))
        return row


def _pressing_word(group: Group) -> str:
    items = [i for s in group.sections for e in s.entries for i in e.items]
    return digest_words.pressing_word(any(urgency(i) is Urgency.CRITICAL for i in items))


def _row(text: str, kind: str, ids: Sequence[int], hint: int = -1) -> QStandardItem:
    row = QStandardItem(text)
    row.setEditable(False)
    row.setData(kind, KIND)
    row.setData(list(ids), IDS)
    row.setData(hint, HINT)
    return row


def app_of(entry: Entry) -> str:
    return app_label(entry.latest)


def _entry_lines(index: Index) -> int:
    """1 for a lone notification with nothing more to say, 2 with a detail or a count, 3 with a reply."""
    two = bool(index.data(DETAIL)) or (index.data(COUNT) or 1) > 1
    return (2 if two else 1) + (1 if index.data(REPLY) else 0)


class DigestDelegate(QStyledItemDelegate):
    """Rows a person can skim: bold headings with counts, two-line entries, times on the right."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)
        kind = index.data(KIND)
        if kind == GROUP:
            return QSize(200, round(fm.height() * 1.2) + 2 * self.PAD + 4)
        if kind == ENTRY:
            lines = _entry_lines(index)
            return QSize(200, max(ICON_SIZE, fm.lineSpacing() * lines) + 2 * self.PAD)
        return QSize(200, fm.lineSpacing() + self.PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.icon = opt.icon.__class__()
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        fg = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = fg if selected else theme.secondary_on_base(palette)
        painter.save()
        rect = option.rect.adjusted(6, self.PAD // 2, -10, -(self.PAD // 2))
        kind = index.data(KIND)
        if kind == GROUP:
            self._paint_group(painter, option.font, rect, index, fg, dim, palette)
        elif kind == ENTRY:
            self._paint_entry(painter, option.font, rect, index, fg, dim, palette)
        else:
            self._paint_item(painter, option.font, rect, index, fg, dim)
        painter.restore()

    def _right(self, painter: QPainter, font: QFont, rect: QRect, text: str, color: object) -> int:
        """Draw `text` right-aligned on the first line; returns the width it took."""
        fm = QFontMetrics(font)
        painter.setFont(font)
        painter.setPen(color)
        width = fm.horizontalAdvance(text)
        painter.drawText(QRect(rect.right() - width, rect.top(), width, fm.height()), 0, text)
        return width

    def _paint_group(
        self,
        painter: QPainter,
        base: QFont,
        rect: QRect,
        index: Index,
        fg: object,
        dim: object,
        palette: QPalette,
    ) -> None:
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() * 1.12)
        fm = QFontMetrics(title)
        top = rect.top() + (rect.height() - fm.height()) // 2
        line = QRect(rect.left(), top, rect.width(), fm.height())
        x = line.left()
        if index.data(PRESSING):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.critical(palette))
            d = max(6, fm.height() // 3)
            painter.drawEllipse(x, top + (fm.height() - d) // 2, d, d)
            x += d + 6
        count = f"{index.data(COUNT)}"
        count_w = QFontMetrics(base).horizontalAdvance(count) + 12
        room = line.right() - 16 - x - count_w
        text = fm.elidedText(index.data(Qt.ItemDataRole.DisplayRole) or "", Qt.TextElideMode.ElideRight, room)
        painter.setFont(title)
        painter.setPen(fg)
        painter.drawText(QRect(x, top, room, fm.height()), 0, text)
        x += fm.horizontalAdvance(text) + 8
        painter.setFont(base)
        painter.setPen(dim)
        painter.drawText(QRect(x, top, count_w, fm.height()), int(Qt.AlignmentFlag.AlignVCenter), count)
        word = index.data(PRESSING)
        if word:
            x += count_w
            painter.setPen(theme.critical(palette))
            painter.drawText(
                QRect(x, top, line.right() - x, fm.height()), int(Qt.AlignmentFlag.AlignVCenter), word
            )

    def _paint_entry(
        self,
        painter: QPainter,
        base: QFont,
        rect: QRect,
        index: Index,
        fg: object,
        dim: object,
        palette: QPalette,
    ) -> None:
        fm = QFontMetrics(base)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if icon is not None:
            painter.drawPixmap(rect.left(), rect.top() + max(0, (rect.height() - ICON_SIZE) // 2), icon)
        x = rect.left() + ICON_SIZE + 10
        lines = _entry_lines(index)
        top = rect.top() + max(0, (rect.height() - fm.lineSpacing() * lines) // 2)
        text = QRect(x, top, rect.right() - x, rect.height())
        used = self._right(painter, base, text, index.data(WHEN) or "", dim)
        count = index.data(COUNT) or 1
        if count > 1:
            badge = f"×{count}"
            bw = fm.horizontalAdvance(badge)
            painter.setPen(dim)
            painter.drawText(
                QRect(text.right() - bw, text.top() + fm.lineSpacing(), bw, fm.height()), 0, badge
            )
        strong = QFont(base)
        strong.setWeight(QFont.Weight.DemiBold)
        painter.setFont(strong)
        painter.setPen(fg)
        said = index.data(Qt.ItemDataRole.DisplayRole) or ""
        room = text.width() - used - 16
        painter.drawText(
            QRect(x, text.top(), room, fm.height()),
            0,
            QFontMetrics(strong).elidedText(said, Qt.TextElideMode.ElideRight, room),
        )
        painter.setFont(base)
        painter.setPen(dim)
        y = text.top() + fm.lineSpacing()
        detail = index.data(DETAIL) or ""
        detail_room = text.width() - (fm.horizontalAdvance(f"×{count}") + 16 if count > 1 else 0)
        painter.drawText(
            QRect(x, y, detail_room, fm.height()),
            0,
            fm.elidedText(detail, Qt.TextElideMode.ElideRight, detail_room),
        )
        reply = index.data(REPLY)
        if reply:
            italic = QFont(base)
            italic.setItalic(True)
            painter.setFont(italic)
            y += fm.lineSpacing()
            painter.drawText(
                QRect(x, y, text.width(), fm.height()),
                0,
                QFontMetrics(italic).elidedText(f"↩ {reply}", Qt.TextElideMode.ElideRight, text.width()),
            )

    def _paint_item(
        self, painter: QPainter, base: QFont, rect: QRect, index: Index, fg: object, dim: object
    ) -> None:
        fm = QFontMetrics(base)
        top = rect.top() + (rect.height() - fm.height()) // 2
        line = QRect(rect.left(), top, rect.width(), fm.height())
        used = self._right(painter, base, line, index.data(WHEN) or "", dim)
        painter.setPen(fg)
        room = line.width() - used - 16
        text = fm.elidedText(index.data(Qt.ItemDataRole.DisplayRole) or "", Qt.TextElideMode.ElideRight, room)
        painter.drawText(QRect(line.left(), top, room, fm.height()), 0, text)


class DigestView(QTreeView):
    """The list; keys act on the selected row (see the module docstring)."""

    key_action = Signal(str)

    KEYS: ClassVar[dict[Qt.Key, str]] = {
        Qt.Key.Key_Return: "open",
        Qt.Key.Key_Enter: "open",
        Qt.Key.Key_Delete: "dismiss",
        Qt.Key.Key_Backspace: "dismiss",
        Qt.Key.Key_S: "snooze",
        Qt.Key.Key_R: "reply",
        Qt.Key.Key_A: "allow",
        Qt.Key.Key_M: "mute",
        Qt.Key.Key_Escape: "escape",
    }

    def keyPressEvent(self, e: QKeyEvent) -> None:
        action = self.KEYS.get(Qt.Key(e.key()))
        plain = not (e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if action is not None and plain:
            self.key_action.emit(action)
            e.accept()
            return
        super().keyPressEvent(e)


class DigestWindow(QWidget):
    """The check-in digest; the app connects the signals and calls `set_items` at each check-in."""

    opened = Signal(int)
    dismissed = Signal(list)
    snoozed = Signal(list)
    always_allow = Signal(dict)
    always_mute = Signal(dict)
    rule_preview = Signal(str, dict)  # ("allow" | "mute", hint): time to call set_whatif
    replied = Signal(int, str)  # id, text: an inline reply typed here (the app offered inline-reply)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("Digest", "Check-in — notifyzen"))
        self.model = DigestModel()
        self._replies: dict[int, str | Reply] = {}
        self._can_reply: dict[int, str] = {}  # id -> placeholder, for items offering inline-reply
        self._reply_to = 0
        self._at: datetime | None = None
        self._pending: tuple[str, dict[str, str | None]] | None = None
        self._expanded: set[int] = set()
        self._build()
        self.resize(720, 640)

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
        self._at = at
        if not working:
            self._expanded.clear()
        self._show(Digest.build(items), keep_row=0)
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

    # --- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.setSpacing(10)
        self.title = QLabel(self)
        big = self.font()
        big.setPointSizeF(big.pointSizeF() * 1.45)
        big.setBold(True)
        self.title.setFont(big)
        self.headline = QLabel(self)
        self.headline.setStyleSheet(f"color: {theme.css(theme.secondary_text(self.palette()))};")
        layout.addWidget(self.title)
        layout.addWidget(self.headline)

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
        self.view.key_action.connect(self._key)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.view.doubleClicked.connect(lambda _: self._act("open"))
        self.view.expanded.connect(self._remember_fold)
        self.view.collapsed.connect(self._remember_fold)
        layout.addWidget(self.view, 1)

        self.empty = QLabel(
            QCoreApplication.translate("Digest", "All caught up. Nothing is waiting for you."), self
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {theme.css(theme.secondary_text(self.palette()))};")
        self.empty.hide()
        layout.addWidget(self.empty, 1)

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
        self.write_rule = self._button("", lambda: self._confirm(True), row)  # "Always mute" etc.
        self.cancel_rule = self._button(
            QCoreApplication.translate("Digest", "Cancel"), lambda: self._confirm(False), row
        )
        confirm.addLayout(row)
        confirm.addWidget(self.whatif)
        self.confirm.hide()
        layout.addWidget(self.confirm)

        self.reply_row = QFrame(self)  # shown by Reply for a line whose app takes inline replies
        reply = QHBoxLayout(self.reply_row)
        reply.setContentsMargins(0, 0, 0, 0)
        self.reply_field = QLineEdit(self.reply_row)
        self.reply_field.returnPressed.connect(self._send_reply)
        reply.addWidget(self.reply_field, 1)
        self.send_button = self._button(QCoreApplication.translate("Digest", "Send"), self._send_reply, reply)
        self.reply_row.hide()
        layout.addWidget(self.reply_row)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.open_button = self._button(
            QCoreApplication.translate("Digest", "Open"), lambda: self._act("open"), bar
        )
        self.dismiss_button = self._button(
            QCoreApplication.translate("Digest", "Dismiss"), lambda: self._act("dismiss"), bar
        )
        self.snooze_button = self._button(
            QCoreApplication.translate("Digest", "Snooze"), lambda: self._act("snooze"), bar
        )
        self.reply_button = self._button(
            QCoreApplication.translate("Digest", "Reply"), self._start_reply, bar
        )
        bar.addStretch(1)
        self.allow_button = self._button(
            QCoreApplication.translate("Digest", "Always allow"), lambda: self._act("allow"), bar
        )
        self.mute_button = self._button(
            QCoreApplication.translate("Digest", "Always mute"), lambda: self._act("mute"), bar
        )
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
        self.allow_button.setToolTip(
            QCoreApplication.translate("Digest", "Write a rule that always lets these through (A)")
        )
        self.mute_button.setToolTip(
            QCoreApplication.translate("Digest", "Write a rule that always mutes these (M)")
        )
        layout.addLayout(bar)
        self.keys = QLabel(
            QCoreApplication.translate(
                "Digest",
                "↑↓ move · Enter open · Del dismiss · S snooze · R reply · A allow · M mute · Esc close",
            ),
            self,
        )
        self.keys.setWordWrap(True)  # Dutch is longer; wrap rather than widen the window
        small = self.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.88))
        self.keys.setFont(small)
        self.keys.setStyleSheet(f"color: {theme.css(theme.secondary_text(self.palette()))};")
        layout.addWidget(self.keys)

    def _button(self, text: str, slot: object, layout: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows and Enter always belong to the list
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

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
        self.open_button.setEnabled(some and index.data(KIND) != GROUP)
        self.dismiss_button.setText(
            fill(QCoreApplication.translate("Digest", "Dismiss %1"), n)
            if n > 1
            else QCoreApplication.translate("Digest", "Dismiss")
        )
        self.snooze_button.setText(
            fill(QCoreApplication.translate("Digest", "Snooze %1"), n)
            if n > 1
            else QCoreApplication.translate("Digest", "Snooze")
        )
        for button in (self.dismiss_button, self.snooze_button, self.allow_button, self.mute_button):
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
        if action == "open":
            if kind == GROUP:
                self.view.setExpanded(index, not self.view.isExpanded(index))
                return
            self._done(index, ids)
            self.opened.emit(ids[0])
            if len(ids) > 1:
                self.dismissed.emit(ids[1:])
        elif action == "dismiss":
            self._done(index, ids)
            self.dismissed.emit(ids)
        elif action == "snooze":
            self._done(index, ids)
            self.snoozed.emit(ids)
        elif action in ("allow", "mute"):
            hint = self.model.hint_at(index) or {}
            self._ask(action, hint)

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
