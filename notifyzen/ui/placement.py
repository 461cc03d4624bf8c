"""Where pop-ups go, and how they stay out of the way: never focused, on every workspace, on top.

A Qt toplevel cannot place itself on Wayland (sway centres it and gives it the keyboard), and
PySide6 has no wlr-layer-shell: the protocol needs a Qt Wayland shell-integration plugin built
against the exact Qt inside the PySide6 wheel (LayerShellQt), which pip's wheel cannot load
and Debian 12 ships only for Qt 5. What every wlroots compositor (sway, Hyprland, river, labwc)
and every X11 window manager (i3, bspwm, openbox) does honour is an X11 *override-redirect*
window: the window manager never manages it, so it is drawn where the client puts it, above
managed windows, on whichever workspace is showing, and never in the tiling tree. wlroots
gives such a window keyboard focus only if its `_NET_WM_WINDOW_TYPE` is not one of the
"does not want focus" types (`wlr_xwayland_or_surface_wants_focus`); NOTIFICATION is one, and it
is also what dunst sets on X11. So pop-ups are override-redirect NOTIFICATION windows, through
Xwayland on Wayland compositors (`qpa_platform` chooses xcb there) and natively on X11.

The corner is the *focused* output's: the window manager knows which output has focus and
where its bars are (swaybar is a layer surface Xwayland cannot see), so sway and i3 are asked
over their shared IPC for the focused workspace's rectangle (one request, a few lines of
socket code; the `i3ipc` package would bring an event loop for it). Elsewhere Qt's screen
under the pointer, else the primary screen, without its panels, stands in.

Windows the user works in (digest, report) are placed by notifyzen/ui/floating.py.
"""

from __future__ import annotations

import json
import os
import socket
import struct
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QWidget

CORNERS = {
    "top-right": Qt.Corner.TopRightCorner,
    "top-left": Qt.Corner.TopLeftCorner,
    "bottom-right": Qt.Corner.BottomRightCorner,
    "bottom-left": Qt.Corner.BottomLeftCorner,
}
# Compositors that honour X11 override-redirect windows through Xwayland but give a Wayland
# toplevel no way to place itself or stay unfocused (XDG_CURRENT_DESKTOP as they set it).
WLROOTS_DESKTOPS = {"sway", "hyprland", "river", "labwc", "wayfire", "wlroots", "niri", "dwl"}
_IPC_MAGIC = b"i3-ipc"
RUN_COMMAND = 0
_GET_WORKSPACES = 1


def stack_rects(
    area: QRect, sizes: Sequence[QSize], corner: Qt.Corner, margin: int, spacing: int
) -> list[QRect]:
    """Rectangles for `sizes`, the first nearest `corner` of `area`, each further away.

    Pure arithmetic, so the stacking is tested without a window manager.
    """
    right = corner in (Qt.Corner.TopRightCorner, Qt.Corner.BottomRightCorner)
    top = corner in (Qt.Corner.TopLeftCorner, Qt.Corner.TopRightCorner)
    rects = []
    offset = margin
    for size in sizes:
        x = area.right() - margin - size.width() + 1 if right else area.left() + margin
        y = area.top() + offset if top else area.bottom() - offset - size.height() + 1
        rects.append(QRect(QPoint(x, y), size))
        offset += size.height() + spacing
    return rects


def qpa_platform(env: Mapping[str, str]) -> str | None:
    """Platform "xcb" when pop-ups can only be placed and kept unfocused through Xwayland, else None.

    Only when the user did not choose a platform (QT_QPA_PLATFORM) and Xwayland is there
    (DISPLAY). Without Xwayland the app stays on Wayland and pop-ups are ordinary windows.
    """
    if env.get("QT_QPA_PLATFORM") or not env.get("DISPLAY") or not env.get("WAYLAND_DISPLAY"):
        return None
    desktops = {d.strip().casefold() for d in env.get("XDG_CURRENT_DESKTOP", "").split(":")}
    wlroots = bool(desktops & WLROOTS_DESKTOPS) or bool(
        env.get("SWAYSOCK") or env.get("HYPRLAND_INSTANCE_SIGNATURE")
    )
    return "xcb" if wlroots else None


def tiling_session(env: Mapping[str, str] | None = None) -> bool:
    """sway, i3, Hyprland or another wlroots compositor: windows tile unless they are dialogs,
    and a bar, if any, hosts the tray (their IPC socket or XDG_CURRENT_DESKTOP says so)."""
    env = os.environ if env is None else env
    if env.get("SWAYSOCK") or env.get("I3SOCK") or env.get("HYPRLAND_INSTANCE_SIGNATURE"):
        return True
    desktops = {d.strip().casefold() for d in env.get("XDG_CURRENT_DESKTOP", "").split(":")}
    return bool(desktops & (WLROOTS_DESKTOPS | {"i3", "bspwm"}))


def wm_ipc(kind: int, payload: str = "", env: Mapping[str, str] | None = None, timeout: float = 0.3) -> Any:
    """One request on sway's or i3's IPC socket, its JSON answer; None if neither answers."""
    env = os.environ if env is None else env
    path = env.get("SWAYSOCK") or env.get("I3SOCK")
    if not path:
        return None
    data = payload.encode()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(path)
            sock.sendall(_IPC_MAGIC + struct.pack("=II", len(data), kind) + data)
            header = _read(sock, len(_IPC_MAGIC) + 8)
            length, _ = struct.unpack("=II", header[len(_IPC_MAGIC) :])
            return json.loads(_read(sock, length))
    except (OSError, ValueError, struct.error):
        return None


def wm_command(command: str, env: Mapping[str, str] | None = None) -> bool:
    """Run one sway/i3 command (`[id=123] focus`); whether it succeeded."""
    answer = wm_ipc(RUN_COMMAND, command, env)
    return (
        isinstance(answer, list)
        and bool(answer)
        and all(isinstance(a, dict) and a.get("success") for a in answer)
    )


def wm_workspace_rect(env: Mapping[str, str] | None = None, timeout: float = 0.3) -> QRect | None:
    """The focused workspace's rectangle from sway or i3 (bars excluded); None if neither answers."""
    workspaces = wm_ipc(_GET_WORKSPACES, "", env, timeout)
    for ws in workspaces if isinstance(workspaces, list) else []:
        if isinstance(ws, dict) and ws.get("focused"):
            r = ws.get("rect") or {}
            try:
                return QRect(int(r["x"]), int(r["y"]), int(r["width"]), int(r["height"]))
            except (KeyError, TypeError, ValueError):
                return None
    return None


def _read(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise OSError("the window manager closed its IPC socket")
        data += chunk
    return data


def usable_area() -> QRect:
    """Where pop-ups may go: the focused workspace (sway, i3), else the screen under the pointer.

    The window manager speaks in device pixels; Qt in logical ones when it scales.
    """
    rect = wm_workspace_rect()
    screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
    if rect is not None and rect.isValid():
        ratio = screen.devicePixelRatio() if screen is not None else 1.0
        if ratio != 1.0:
            rect = QRect(
                round(rect.x() / ratio),
                round(rect.y() / ratio),
                round(rect.width() / ratio),
                round(rect.height() / ratio),
            )
        return rect
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)


def make_notification_window(widget: QWidget) -> None:
    """Flags for a window that is placed by us, on top, and never takes the keyboard by itself.

    On X11 and Xwayland it is override-redirect (the window manager leaves it alone) and of
    type NOTIFICATION (wlroots and i3 do not focus it, compositors may style it); on other
    platforms the same flags ask for as much as they can give.
    """
    widget.setWindowFlags(
        Qt.WindowType.Tool
        | Qt.WindowType.FramelessWindowHint
        | Qt.WindowType.WindowStaysOnTopHint
        | Qt.WindowType.X11BypassWindowManagerHint
    )
    widget.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    # Qt writes _NET_WM_WINDOW_TYPE = NOTIFICATION, UTILITY, ... (checked with xprop); wlroots
    # looks for any "does not want focus" type in the list, so NOTIFICATION is enough.
    widget.setAttribute(Qt.WidgetAttribute.WA_X11NetWmWindowTypeNotification)
