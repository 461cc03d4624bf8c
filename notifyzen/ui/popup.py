"""Pop-ups for delivered notifications (server mode), stacked in a corner of the screen.

`PopupStack` is the only thing the app talks to: `show(item)` and `close(id)` in, and the spec's
outcomes out as signals, in the order the spec emits them. A click on an action emits
`action_invoked` and then, unless the notification is resident, `dismissed` (NotificationClosed
reason 2); a sent inline reply emits `replied` then `dismissed`; the close button emits
`dismissed`; a timeout emits `expired` (reason 1). `close(id)` (the sender's CloseNotification,
or a release elsewhere) emits nothing: the caller already knows.

Expiry follows the spec: -1 means the stack's default (6 s) except for critical notifications,
which stay until the user acts; 0 means never; anything else is milliseconds. A transient
notification is a passing remark, so it gets the default timeout even when critical. Hovering
a pop-up pauses its countdown, as on every desktop.

At most `max_visible` pop-ups are on screen, the newest nearest the corner. A burst beyond that
is one "N more waiting" card at the end of the stack, not a queue that trickles in for half a
minute: clicking the card opens the history window (`list_requested`), and when the card's own
timeout passes what it holds expires (reason 1) at once. Only a critical notification still
comes up as room frees, and one that arrives into a full stack takes the place of the oldest
normal pop-up, which joins the card. Each pop-up and the card are their own window, placed and
kept unfocused as notifyzen/ui/placement.py explains (corner, margin and width from config.yaml's
`popups:`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRect,
    Qt,
    QTimer,
    QUrl,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QDesktopServices,
    QEnterEvent,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from notifyzen.context.privacy import veil
from notifyzen.core.digest import urgency
from notifyzen.core.markup import safe_link
from notifyzen.core.model import Item, Urgency
from notifyzen.ui import feedback, theme
from notifyzen.ui.digest_words import app_name, fill, when
from notifyzen.ui.notice import button_text, fit_body, icon_pixmap, tooltip
from notifyzen.ui.placement import make_notification_window, stack_rects, usable_area

DEFAULT_TIMEOUT_MS = 6000
WIDTH = 380
ICON = 40
BODY_LINES = 4
VISIBLE_BUTTONS = 3
MENU_ACTIONS = 50  # a sender with 500 actions gets a menu, not a wall
MARGIN = 12
SPACING = 8
WAITING_MAX = 500  # ordinary notifications the "N more" card holds before the oldest expire
REPLY_KEY = "inline-reply"


def timeout_ms(item: Item, default_ms: int = DEFAULT_TIMEOUT_MS) -> int | None:
    """How long the pop-up stays, in ms; None = until the user acts."""
    n = item.notification
    if n.expire_timeout == 0:
        return None
    if n.expire_timeout > 0:
        return n.expire_timeout
    if urgency(item) is Urgency.CRITICAL and not n.transient:
        return None
    return default_ms


class _Body(QTextBrowser):
    """The body text: links open on click, a click anywhere else is a click on the pop-up."""

    clicked = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrapMode(self.wordWrapMode().WrapAtWordBoundaryOrAnywhere)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.document().setDocumentMargin(0)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QTextBrowser { background: transparent; }")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_html(self, html: str, width: int) -> None:
        self.setHtml(html)
        self.document().setTextWidth(width)
        self.setFixedHeight(int(self.document().size().height()) + 1)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        on_link = bool(self.anchorAt(e.position().toPoint()))
        super().mouseReleaseEvent(e)
        if not on_link and e.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()


class Popup(QWidget):
    """One notification on screen."""

    action = Signal(str)
    close_clicked = Signal()
    reply = Signal(str)
    answered = Signal(str)  # the user's answer about the decision (ui/feedback.py, issue 20)

    def __init__(self, item: Item, width: int = WIDTH) -> None:
        super().__init__(None)
        make_notification_window(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setFixedWidth(width)
        self.item = item
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self._paused_ms: int | None = None
        self._build()

    # --- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(16, 12, 12, 14)
        outer.setSpacing(12)
        self.icon = QLabel(self)
        self.icon.setFixedSize(ICON, ICON)
        self.icon.setPixmap(icon_pixmap(self.item, ICON, self.palette()))
        outer.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(4)
        outer.addLayout(column, 1)
        self.text_width = self.width() - 16 - 12 - 12 - ICON

        header = QHBoxLayout()
        header.setSpacing(6)
        self.header = QLabel(self)
        small = self.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.88))
        self.header.setFont(small)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setStyleSheet(f"color: {theme.css(theme.secondary_text(self.palette()))};")
        header.addWidget(self.header, 1)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(QCoreApplication.translate("Popup", "Dismiss"))
        self.close_button.setFixedSize(22, 22)
        self.close_button.clicked.connect(self.close_clicked)
        self.options = feedback.options_button(self)  # "⋯": the answers, shown on hover
        self.options.menu().aboutToHide.connect(lambda: QTimer.singleShot(0, self._menu_closed))
        header.addWidget(self.options, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(header)

        self.summary = QLabel(self)
        bold = self.font()
        bold.setBold(True)
        self.summary.setFont(bold)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.summary)

        self.body = _Body(self)
        self.body.anchorClicked.connect(self._link)
        self.body.clicked.connect(self._activate)
        column.addWidget(self.body)

        self.reply_row = QHBoxLayout()
        self.reply_field: QLineEdit | None = None
        column.addLayout(self.reply_row)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        column.addLayout(self.buttons)
        self.noted = QLabel(feedback.noted(), self)  # after an answer
        self.noted.setWordWrap(True)
        self.noted.setFont(small)
        self.noted.setStyleSheet(self.header.styleSheet())
        self.noted.hide()
        column.addWidget(self.noted)
        self.fill(self.item)

    def fill(self, item: Item) -> None:
        """Show `item` (again): a replaced notification updates in place."""
        self.item = item
        n = item.notification
        local = n.at.astimezone()
        header = f"{app_name(item)} · {when(local, datetime.now().astimezone())}"
        if n.device:
            header += f" · {n.device}"
        self.header.setText(
            QFontMetrics(self.header.font()).elidedText(
                header, Qt.TextElideMode.ElideRight, self.text_width - 28
            )
        )
        summary = " ".join(n.summary.split()) or app_name(item)
        metrics = QFontMetrics(self.summary.font())
        self.summary.setText(metrics.elidedText(summary[:2000], Qt.TextElideMode.ElideRight, self.text_width))
        self.summary.setToolTip(
            tooltip(summary, 600) if metrics.horizontalAdvance(summary[:300]) > self.text_width else ""
        )
        html = fit_body(n.body, self.body.font(), self.text_width, BODY_LINES) if n.body.strip() else ""
        self.body.set_html(html, self.text_width)
        self.body.setVisible(bool(html))
        self.setAccessibleName(f"{app_name(item)}: {summary[:300]}")
        self.setAccessibleDescription(self.body.toPlainText())
        self.icon.setPixmap(icon_pixmap(item, ICON, self.palette()))
        self._fill_reply()
        self._fill_actions()
        kinds = feedback.answers(item.decision.verdict, None, popped_up=True)
        feedback.fill_menu(self.options.menu(), kinds, self._answer)
        cursor = Qt.CursorShape.PointingHandCursor if self.has_default else Qt.CursorShape.ArrowCursor
        self.setCursor(cursor)
        self.body.viewport().setCursor(cursor)
        self.adjustSize()
        self.update()

    @property
    def has_default(self) -> bool:
        return "default" in self.item.notification.action_keys

    def _fill_reply(self) -> None:
        _clear(self.reply_row)
        self.reply_field = None
        n = self.item.notification
        if REPLY_KEY not in n.action_keys:
            return
        field = QLineEdit(self)
        # The app's own words for the field and its button when it gives them, else ours.
        placeholder = n.hints.get("x-kde-reply-placeholder-text")
        field.setPlaceholderText(
            str(placeholder)[:200] if placeholder else QCoreApplication.translate("Popup", "Reply…")
        )
        submit = n.hints.get("x-kde-reply-submit-button-text")
        send = QPushButton(str(submit)[:40] if submit else QCoreApplication.translate("Popup", "Send"), self)
        send.setEnabled(False)
        field.textChanged.connect(lambda text: send.setEnabled(bool(text.strip())))
        field.returnPressed.connect(self._send_reply)
        send.clicked.connect(self._send_reply)
        self.reply_row.addWidget(field, 1)
        self.reply_row.addWidget(send)
        self.reply_field = field

    def _fill_actions(self) -> None:
        _clear(self.buttons)
        actions = [
            (k, label) for k, label in self.item.notification.actions if k not in ("default", REPLY_KEY)
        ]
        shown = actions if len(actions) <= VISIBLE_BUTTONS else actions[: VISIBLE_BUTTONS - 1]
        rest = actions[len(shown) :]
        metrics = QFontMetrics(self.font())
        room = self.text_width
        if rest:
            more = QPushButton(fill(QCoreApplication.translate("Popup", "More (%1)"), len(rest)), self)
            more.setMenu(self._menu(rest, more))
            room -= more.sizeHint().width() + self.buttons.spacing()
        slots = max(1, len(shown))
        label_room = max(40, (room - self.buttons.spacing() * (slots - 1)) // slots - 24)
        for key, label in shown:
            text = " ".join((label or key).split()) or key
            button = QPushButton(
                button_text(metrics.elidedText(text, Qt.TextElideMode.ElideRight, label_room)), self
            )
            button.setToolTip(
                tooltip(text, 200) if metrics.horizontalAdvance(text[:100]) > label_room else ""
            )
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, k=key: self.action.emit(k))
            self.buttons.addWidget(button)
        if rest:
            self.buttons.addWidget(more)
        self.buttons.addStretch(1)

    def _menu(self, actions: list[tuple[str, str]], parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        metrics = QFontMetrics(menu.font())
        for key, label in actions[:MENU_ACTIONS]:
            text = " ".join((label or key).split()) or key
            menu.addAction(
                button_text(metrics.elidedText(text, Qt.TextElideMode.ElideRight, 280)),
                partial(self.action.emit, key),
            )
        if len(actions) > MENU_ACTIONS:
            hidden = len(actions) - MENU_ACTIONS
            note = menu.addAction(fill(QCoreApplication.translate("Popup", "%1 more not shown"), hidden))
            note.setEnabled(False)
        return menu

    # --- behaviour ------------------------------------------------------------------------------
    def _answer(self, kind: str) -> None:
        self.noted.show()
        self.adjustSize()
        self.answered.emit(kind)

    def _menu_closed(self) -> None:
        """The answers' menu closed with the pointer elsewhere: the countdown goes on."""
        if not self.underMouse():
            self.leaveEvent(QEvent(QEvent.Type.Leave))

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = self.options.menu()
        if menu is not None:
            menu.popup(e.globalPos())

    def _activate(self) -> None:
        if self.has_default:
            self.action.emit("default")

    def _send_reply(self) -> None:
        if self.reply_field is not None and self.reply_field.text().strip():
            self.reply.emit(self.reply_field.text())

    def _link(self, url: QUrl) -> None:
        """Open http/https/mailto links in the user's browser or mailer, nothing else."""
        href = safe_link(url.toString())
        if href is not None:
            QDesktopServices.openUrl(QUrl(href))

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self._activate()

    def enterEvent(self, e: QEnterEvent) -> None:
        self.options.show()
        if self.timer.isActive():
            self._paused_ms = self.timer.remainingTime()
            self.timer.stop()
        super().enterEvent(e)

    def leaveEvent(self, e: QEvent) -> None:
        menu = self.options.menu()
        if menu is not None and menu.isVisible():  # the pointer went into the answers: it waits
            super().leaveEvent(e)
            return
        self.options.hide()
        if self._paused_ms is not None:
            self.timer.start(max(self._paused_ms, 1500))
            self._paused_ms = None
        super().leaveEvent(e)

    def paintEvent(self, e: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        rect = self.rect()
        painter.fillRect(rect, palette.color(palette.ColorRole.Window))
        painter.setPen(theme.border(palette))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if urgency(self.item) is Urgency.CRITICAL:
            painter.fillRect(QRect(0, 0, 4, rect.height()), theme.critical(palette))
        painter.end()


class _MoreCard(QLabel):
    """ "12 more waiting" as the last card of the stack: a burst takes one card's room, and a
    click on it opens the list of them all (the history window)."""

    clicked = Signal()

    def __init__(self, width: int) -> None:
        super().__init__(None)
        make_notification_window(self)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(16, 10, 12, 10)
        self.setFixedWidth(width)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)

    def set_count(self, count: int) -> None:
        self.setText(
            QCoreApplication.translate("Popup", "1 more waiting")
            if count == 1
            else fill(QCoreApplication.translate("Popup", "%1 more waiting"), count)
        )
        self.setAccessibleName(self.text())
        if count <= 0:
            self.timer.stop()
            self.hide()

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()

    def paintEvent(self, e: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(palette.ColorRole.Window))
        painter.setPen(theme.border(palette))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.setPen(theme.secondary_text(palette))
        painter.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignVCenter), self.text() + "  ›")
        painter.end()


def _clear(layout: QHBoxLayout) -> None:
    while layout.count():
        child = layout.takeAt(0)
        widget = child.widget() if child is not None else None
        if widget is not None:
            widget.deleteLater()


class PopupStack(QObject):
    """All pop-ups in one corner of the focused output; see the module docstring for the contract."""

    action_invoked = Signal(int, str)
    dismissed = Signal(int)
    expired = Signal(int)
    replied = Signal(int, str)
    answered = Signal(int, str)  # id, ReactionKind value: the user's answer (ui/feedback.py)
    only_counted = Signal(int)  # about to expire from the card, never shown as a pop-up of its own
    list_requested = Signal()  # the "N more" card was clicked: show the user the whole list

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        corner: Qt.Corner = Qt.Corner.TopRightCorner,
        margin: int = MARGIN,
        width: int = WIDTH,
        default_timeout_ms: int = DEFAULT_TIMEOUT_MS,
        max_visible: int = 5,
        area: Callable[[], QRect] = usable_area,
    ) -> None:
        super().__init__(parent)
        self.corner = corner
        self.margin = margin
        self.width = width
        self.default_timeout_ms = default_timeout_ms
        self.max_visible = max(1, max_visible)
        self.area = area
        self._shown: dict[int, Popup] = {}  # in the order they appeared
        self._waiting: deque[Item] = deque()  # the "N more" card's, oldest first
        self._popped: set[int] = set()  # ids in the card that had a pop-up before (_make_room)
        self.more = _MoreCard(width)
        self.more.clicked.connect(self._open_list)
        self.more.timer.timeout.connect(self._expire_waiting)
        self.private = False  # others see the screen: say who, not what (context/privacy.py)

    # --- the app's side -----------------------------------------------------------------------
    def show(self, item: Item) -> None:
        """Show a delivered notification; the same id again replaces it in place."""
        if self.private:
            item = veil(item)
        if item.id in self._shown:
            popup = self._shown[item.id]
            popup.fill(item)
            self._arm(popup)
            self._restack()
            return
        for i, waiting in enumerate(self._waiting):
            if waiting.id == item.id:
                self._waiting[i] = item
                return
        if len(self._shown) >= self.max_visible and (not _critical(item) or not self._make_room()):
            self._waiting.append(item)
            self.more.timer.start(self.default_timeout_ms)  # a burst's card lives as one pop-up
            self._trim_waiting()
            self._restack()
            return
        self._open(item)

    def follow_status(self, status: dict[str, Any]) -> None:
        """Privacy mode follows the status (screen shared, mirrored, full screen: issue 19); what
        is on screen when it starts loses its text at once."""
        situation = status.get("situation")
        private = isinstance(situation, dict) and bool(situation.get("private"))
        if private and not self.private:
            for popup in self._shown.values():
                popup.fill(veil(popup.item))
            self._restack()
        self.private = private

    def close(self, id: int) -> bool:
        """Take a notification off screen without a signal; False if it was not there."""
        if id in self._shown:
            self._remove(id)
            return True
        for waiting in list(self._waiting):
            if waiting.id == id:
                self._waiting.remove(waiting)
                self._popped.discard(id)
                self._restack()
                return True
        return False

    def visible_ids(self) -> list[int]:
        """Ids on screen, oldest first."""
        return list(self._shown)

    def waiting_ids(self) -> list[int]:
        return [i.id for i in self._waiting]

    def popup(self, id: int) -> Popup | None:
        return self._shown.get(id)

    def clear(self) -> None:
        self._waiting.clear()
        for id in list(self._shown):
            self._remove(id)
        self._restack()

    # --- internals ------------------------------------------------------------------------------
    def _open(self, item: Item) -> None:
        popup = Popup(item, self.width)
        popup.action.connect(lambda key, p=popup: self._on_action(p, key))
        popup.close_clicked.connect(lambda p=popup: self._finish(p, self.dismissed))
        popup.reply.connect(lambda text, p=popup: self._on_reply(p, text))
        popup.answered.connect(lambda kind, p=popup: self._on_answer(p, kind))
        popup.timer.timeout.connect(lambda p=popup: self._finish(p, self.expired))
        self._shown[item.id] = popup
        self._arm(popup)
        self._restack()
        popup.show()

    def _make_room(self) -> bool:
        """A critical one into a full stack: the oldest normal pop-up steps back into the card."""
        for id, popup in self._shown.items():
            if not _critical(popup.item):
                del self._shown[id]
                popup.timer.stop()
                popup.close()
                self._waiting.appendleft(popup.item)
                self._popped.add(popup.item.id)
                self.more.timer.start(self.default_timeout_ms)
                return True
        return False

    def _arm(self, popup: Popup) -> None:
        ms = timeout_ms(popup.item, self.default_timeout_ms)
        popup.timer.stop()
        if ms is not None:
            popup.timer.start(ms)

    def _on_action(self, popup: Popup, key: str) -> None:
        id = popup.item.id
        resident = popup.item.notification.resident
        self.action_invoked.emit(id, key)
        if not resident and self._shown.get(id) is popup:
            self._finish(popup, self.dismissed)

    def _on_answer(self, popup: Popup, kind: str) -> None:
        self.answered.emit(popup.item.id, kind)
        self._restack()  # the pop-up grew by the line that says it was heard

    def _on_reply(self, popup: Popup, text: str) -> None:
        self.replied.emit(popup.item.id, text)
        self._finish(popup, self.dismissed)

    def _finish(self, popup: Popup, signal: SignalInstance) -> None:
        id = popup.item.id
        if self._shown.get(id) is not popup:
            return  # already gone (closed by the sender in the meantime)
        self._remove(id)
        signal.emit(id)

    def _remove(self, id: int) -> None:
        popup = self._shown.pop(id)
        popup.timer.stop()
        popup.close()
        # Only a critical one comes up from the card: a burst never trickles in one by one.
        while len(self._shown) < self.max_visible:
            critical = next((i for i in self._waiting if _critical(i)), None)
            if critical is None:
                break
            self._waiting.remove(critical)
            self._open(critical)
        self._restack()

    def _trim_waiting(self) -> None:
        """A stream that never pauses (thousands of apps, each inside its own flood allowance) keeps
        the card's timer from running out: past WAITING_MAX the oldest ordinary ones expire now, so
        neither this list nor the items it keeps alive in the service grow without end."""
        while len(self._waiting) > WAITING_MAX:
            oldest = next((i for i in self._waiting if not _critical(i)), None)
            if oldest is None:
                return  # only critical ones: each stays until the user closes it
            self._waiting.remove(oldest)
            self._expire_from_card(oldest.id)

    def _expire_waiting(self) -> None:
        """The card's time is up: what it holds expires at once, as its pop-ups would have."""
        gone = [i for i in self._waiting if not _critical(i)]
        self._waiting = deque(i for i in self._waiting if _critical(i))
        self._restack()
        for item in gone:
            self._expire_from_card(item.id)

    def _expire_from_card(self, id: int) -> None:
        """Expired from the card: one the user saw only as a count says so first (issue 20: not
        "left to expire" by someone who never saw it)."""
        if id not in self._popped:
            self.only_counted.emit(id)
        self._popped.discard(id)
        self.expired.emit(id)

    def _open_list(self) -> None:
        self.list_requested.emit()
        self._expire_waiting()

    def _restack(self) -> None:
        area = self.area()
        popups = list(reversed(self._shown.values()))  # newest nearest the corner
        for popup in popups:
            popup.adjustSize()
        sizes = [p.size() for p in popups]
        self.more.set_count(len(self._waiting))
        if self._waiting:
            self.more.adjustSize()
            sizes.append(self.more.size())
        rects = stack_rects(area, sizes, self.corner, self.margin, SPACING)
        for popup, rect in zip(popups, rects, strict=False):
            popup.move(rect.topLeft())
        if self._waiting:
            self.more.move(rects[-1].topLeft())
            if self.more.isHidden():
                self.more.show()


def _critical(item: Item) -> bool:
    return urgency(item) is Urgency.CRITICAL and not item.notification.transient
