"""What the digest list holds: a `core.digest.Digest` as a Qt tree, one row per heading, line and
notification, with what the rows draw (counts, times, replies, icons) kept in item data roles.

The roles are shared with the list's painter (digest_list.py) and the window (digest.py); tests
read rows through them too, which is why they are importable from `notifyzen.ui.digest`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel

from notifyzen.core.digest import Digest, Entry, Group, Reply, app_label, entry_lines, one_line, urgency
from notifyzen.core.model import Item, Urgency
from notifyzen.ui import digest_words
from notifyzen.ui.digest_words import when
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
        self.pinned: set[int] = set()  # the window's: lines it keeps at the next check-in
        self._hint_index: dict[tuple[tuple[str, str | None], ...], int] = {}
        self._context: tuple[Replies, datetime, QPalette] = ({}, datetime.now().astimezone(), QPalette())

    def _hint(self, hint: dict[str, str | None]) -> int:
        """The same hint is kept once: `update_group` redraws a group after each dismissal, and
        appending its lines' hints every time grew the list with every Delete."""
        key = tuple(sorted(hint.items()))
        index = self._hint_index.get(key)
        if index is None:
            index = self._hint_index[key] = len(self.hints)
            self.hints.append(hint)
        return index

    def hint_at(self, index: Index) -> dict[str, str | None] | None:
        """The rule hint of a row; a single notification uses its line's."""
        key = index.data(HINT)
        if (key is None or key < 0) and index.parent().isValid():
            key = index.parent().data(HINT)
        return dict(self.hints[key]) if isinstance(key, int) and 0 <= key < len(self.hints) else None

    def set_digest(self, digest: Digest, replies: Replies, now: datetime, palette: QPalette) -> None:
        # removeRows, not clear(): with PySide6 (6.11) clear() leaves the Python side of every row
        # behind, ~600 bytes each, so a digest of 3,000 drawn again for each of 300 dismissals
        # grew the app by 1.5 GiB (bench/bench_volume.py).
        self.removeRows(0, self.rowCount())
        self.digest = digest
        self.hints.clear()
        self._hint_index.clear()
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
        row = _row(said, ENTRY, entry.ids, self._hint(entry.rule_hint), tip=entry.latest)
        row.setData(detail, DETAIL)
        at = when(entry.latest.notification.at, now)
        if set(entry.ids) & self.pinned:
            at = digest_words.fill(QCoreApplication.translate("Digest", "pinned · %1"), at)
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
        return row

    def _item(self, item: Item, now: datetime) -> QStandardItem:
        n = item.notification
        body = one_line(n.body)
        text = body or one_line(n.summary)  # the line above already shows the summary
        row = _row(text, ITEM, (item.id,), tip=item)
        row.setData(when(n.at, now), WHEN)
        return row


def _pressing_word(group: Group) -> str:
    items = [i for s in group.sections for e in s.entries for i in e.items]
    return digest_words.pressing_word(any(urgency(i) is Urgency.CRITICAL for i in items))


_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)


class _Row(QStandardItem):
    """A row whose tooltip (up to 1,000 characters of the message) is made when it is asked for,
    not when the digest opens: a check-in of a thousand long or hostile bodies reads each body
    only as far as its line shows, not again for a tooltip nobody hovers."""

    def __init__(self, text: str, tip: Item | None) -> None:
        super().__init__(text)
        self.tip = tip

    def data(self, role: int = Qt.ItemDataRole.UserRole + 1) -> Any:
        if role == _TOOLTIP and self.tip is not None:
            n = self.tip.notification
            return tooltip(f"{one_line(n.summary, 500)}\n{one_line(n.body, 1000)}", 1600)
        return super().data(role)


def _row(
    text: str, kind: str, ids: Sequence[int], hint: int = -1, *, tip: Item | None = None
) -> QStandardItem:
    row = _Row(text, tip)
    row.setEditable(False)
    row.setData(kind, KIND)
    row.setData(list(ids), IDS)
    row.setData(hint, HINT)
    return row


def app_of(entry: Entry) -> str:
    return app_label(entry.latest)
