"""Windows the user works in (the digest, the report) on tiling window managers: floating,
centred, a size that fits, and the keyboard only when the user asked for the window.

Pop-ups are notifyzen/ui/placement.py's; these are the opposite case: the user works in them,
so the window manager manages them. But on i3, sway, Hyprland an ordinary toplevel is *tiled*:
the report filled the whole workspace and pushed the user's windows aside. There they are
dialogs (`_NET_WM_WINDOW_TYPE_DIALOG`, transient for the app's group), which those window
managers float by default, and are fitted into the focused workspace and centred in it each
time they are shown. On other desktops (Plasma, GNOME) windows float anyway and keep their
ordinary type (a dialog loses its taskbar entry there); only the fit to the screen applies.

The keyboard: a scheduled check-in shows the digest without activating it
(`WA_ShowWithoutActivating`, `_NET_WM_USER_TIME` 0), which i3 and openbox honour. sway 1.7
does not: it focuses every window it maps, so the user's typing went into the digest, where
single keys act ("a" writes an allow rule). On sway the digest's X window gets a `no_focus
[id=…]` rule over sway's IPC before it is first mapped, and a window the user asked for
(`bring_forward`: tray → Open digest, Check in now) is focused with `[id=…] focus`, since sway
only marks a window urgent when it asks to be activated.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from notifyzen.ui.placement import tiling_session, usable_area, wm_command

FOCUS_TRIES = 20  # × 50 ms: sway maps an Xwayland window some ms after Qt shows it


def fit_and_centre(size: QSize, area: QRect, share: float = 0.9) -> QRect:
    """`size` made to fit `share` of `area`, centred in it. Pure arithmetic, tested alone."""
    w = min(size.width(), int(area.width() * share))
    h = min(size.height(), int(area.height() * share))
    x = area.left() + (area.width() - w) // 2
    y = area.top() + (area.height() - h) // 2
    return QRect(x, y, w, h)


def _sway_xwayland() -> bool:
    return bool(os.environ.get("SWAYSOCK")) and QGuiApplication.platformName() == "xcb"


class _Placer(QObject):
    """Before each show: the window fits the focused workspace and, on a tiling WM, is centred in it.

    A show event reaches the widget before its window is mapped, so the window manager
    places it where it is asked from the start (a move after mapping would jump)."""

    def __init__(self, widget: QWidget, centre: bool) -> None:
        super().__init__(widget)
        self.centre = centre
        self.unfocused_id = 0  # the X window sway was told not to focus on its own

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and not event.spontaneous():
            # The layout's minimum (a row of buttons) wins over the size asked for, as Qt will.
            rect = fit_and_centre(watched.size().expandedTo(watched.minimumSizeHint()), usable_area())
            if self.centre:
                watched.setGeometry(rect)
            else:
                watched.resize(rect.size())
            quiet = watched.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
            if quiet and _sway_xwayland() and self.unfocused_id != int(watched.winId()):
                self.unfocused_id = int(watched.winId())
                wm_command(f"no_focus [id={self.unfocused_id}]")
        return False


def make_floating_window(widget: QWidget, size: QSize) -> None:
    """A window the user works in: floating and centred on tiling WMs, at most nine tenths of the
    focused workspace everywhere; see the module docstring."""
    widget.resize(size)
    if QGuiApplication.platformName() == "offscreen":
        return  # no screen to fit (tests, exports): the size asked for, as drawn in screenshots
    tiling = tiling_session()
    if tiling:
        widget.setWindowFlag(Qt.WindowType.Dialog, True)
    widget.installEventFilter(_Placer(widget, centre=tiling))


def bring_forward(widget: QWidget) -> None:
    """The user asked for this window: on screen, in front, with the keyboard (on sway too)."""
    widget.show()
    widget.raise_()
    widget.activateWindow()
    if _sway_xwayland():
        _focus(widget, int(widget.winId()), FOCUS_TRIES)


def _focus(widget: QWidget, wid: int, tries: int) -> None:
    if tries > 0 and widget.isVisible() and not wm_command(f"[id={wid}] focus"):
        QTimer.singleShot(50, widget, lambda: _focus(widget, wid, tries - 1))
