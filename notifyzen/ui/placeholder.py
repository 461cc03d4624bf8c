"""A stand-in for notifyzen.ui.popup.PopupStack until that lands: same signals, plain widgets.

Body text is shown as plain text (no markup is interpreted, so nothing can be fetched or run).
Expiry follows the spec: expire_timeout -1 is the server default (8 s; critical never expires),
0 never, otherwise milliseconds.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from notifyzen.core.model import Item, Urgency

DEFAULT_TIMEOUT_MS = 8000
WIDTH = 360


def timeout_ms(item: Item) -> int:
    n = item.notification
    if n.expire_timeout == 0 or (n.expire_timeout < 0 and n.urgency is Urgency.CRITICAL):
        return 0
    return DEFAULT_TIMEOUT_MS if n.expire_timeout < 0 else n.expire_timeout


class _Popup(QFrame):
    def __init__(self, item: Item, owner: PlaceholderPopups) -> None:
        super().__init__(None, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        n = item.notification
        self.setFixedWidth(WIDTH)
        self.setStyleSheet(
            "QFrame { background: #f6f5f4; border: 1px solid #9a9996; border-radius: 6px; }"
            "QLabel { border: none; }"
        )
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel(f"<b>{_escape(n.summary)}</b>")
        title.setWordWrap(True)
        head.addWidget(title, 1)
        close = QPushButton("✕")
        close.setFlat(True)
        close.clicked.connect(lambda: owner.dismissed.emit(item.id))
        head.addWidget(close)
        layout.addLayout(head)
        app = QLabel(n.app_name or "unknown app")
        app.setStyleSheet("color: #5e5c64;")
        layout.addWidget(app)
        if n.body:
            body = QLabel(n.body[:600])
            body.setTextFormat(Qt.TextFormat.PlainText)
            body.setWordWrap(True)
            layout.addWidget(body)
        if n.actions:
            row = QHBoxLayout()
            for key, label in n.actions[:4]:
                button = QPushButton(label or key)
                button.clicked.connect(lambda _=False, k=key: owner.action_invoked.emit(item.id, k))
                row.addWidget(button)
            layout.addLayout(row)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PlaceholderPopups(QObject):
    action_invoked = Signal(int, str)
    dismissed = Signal(int)
    expired = Signal(int)
    replied = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.popups: dict[int, tuple[QWidget, QTimer | None]] = {}

    def show(self, item: Item) -> None:
        self.close(item.id)
        popup = _Popup(item, self)
        timer = None
        if ms := timeout_ms(item):
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self.expired.emit(item.id))
            timer.start(ms)
        self.popups[item.id] = (popup, timer)
        self._place()
        popup.show()

    def close(self, id: int) -> None:
        entry = self.popups.pop(id, None)
        if entry is not None:
            widget, timer = entry
            if timer is not None:
                timer.stop()
            widget.close()
            widget.deleteLater()
            self._place()

    def _place(self) -> None:
        screen = QGuiApplication.primaryScreen()
        right = screen.availableGeometry().right() if screen else 1280
        y = 40
        for widget, _ in self.popups.values():
            widget.adjustSize()
            widget.move(right - WIDTH - 12, y)
            y += widget.sizeHint().height() + 8
