"""The digest's list: how its rows are drawn and which keys it answers.

Rows are painted rather than made of widgets so a check-in of thousands stays quick to show and
scroll; the keys only name an action (`key_action`) and the window decides what it means (Enter on
a pending rule confirms it, Esc closes or cancels).
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from notifyzen.ui import theme
from notifyzen.ui.digest_model import (
    COUNT,
    DETAIL,
    ENTRY,
    GROUP,
    ICON_SIZE,
    KIND,
    PRESSING,
    REPLY,
    WHEN,
    Index,
)


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
    """The list; keys act on the selected row (digest.py's docstring lists them)."""

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
        Qt.Key.Key_P: "pin",
        Qt.Key.Key_U: "answer",  # "should have come through": it was urgent (issue 20)
        Qt.Key.Key_Escape: "escape",
    }
    DOWN: ClassVar[set[QAbstractItemView.CursorAction]] = {
        QAbstractItemView.CursorAction.MoveDown,
        QAbstractItemView.CursorAction.MovePageDown,
        QAbstractItemView.CursorAction.MoveHome,
        QAbstractItemView.CursorAction.MoveNext,
    }
    UP: ClassVar[set[QAbstractItemView.CursorAction]] = {
        QAbstractItemView.CursorAction.MoveUp,
        QAbstractItemView.CursorAction.MovePageUp,
        QAbstractItemView.CursorAction.MoveEnd,
        QAbstractItemView.CursorAction.MovePrevious,
    }

    def keyPressEvent(self, e: QKeyEvent) -> None:
        """Single keys act only in the window the user is in: one that appeared while they typed
        elsewhere (shown without taking the keyboard) must never turn their words into actions."""
        if not self.window().isActiveWindow():
            e.ignore()
            return
        action = self.KEYS.get(Qt.Key(e.key()))
        mods = e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if e.key() == Qt.Key.Key_Delete and mods == Qt.KeyboardModifier.ShiftModifier:
            action, mods = "dismiss_all", Qt.KeyboardModifier.NoModifier
        if action is not None and not mods:
            self.key_action.emit(action)
            e.accept()
            return
        super().keyPressEvent(e)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """The arrows go from line to line: a heading is passed over (Delete on a line must not
        land on a whole group), unless it is folded, when it is the only way to open it again."""
        index = super().moveCursor(cursorAction, modifiers)
        down = cursorAction in self.DOWN
        if not down and cursorAction not in self.UP:
            return index
        while index.isValid() and index.data(KIND) == GROUP and self.isExpanded(index):
            index = self.indexBelow(index) if down else self.indexAbove(index)
        return index if index.isValid() else self.currentIndex()
