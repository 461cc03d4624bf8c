"""Where pop-ups go: the platform choice and the window manager's focused workspace."""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize

from notifyzen.ui.floating import fit_and_centre
from notifyzen.ui.placement import qpa_platform, tiling_session, wm_workspace_rect

SWAY = {"WAYLAND_DISPLAY": "wayland-1", "DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "sway"}


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        (SWAY, "xcb"),  # pop-ups through Xwayland: placed, unfocused
        ({**SWAY, "XDG_CURRENT_DESKTOP": "Hyprland"}, "xcb"),
        ({**SWAY, "XDG_CURRENT_DESKTOP": "", "SWAYSOCK": "/run/user/1000/sway-ipc.sock"}, "xcb"),
        ({**SWAY, "QT_QPA_PLATFORM": "wayland"}, None),  # the user's choice wins
        ({**SWAY, "DISPLAY": ""}, None),  # no Xwayland: stay on Wayland
        ({**SWAY, "XDG_CURRENT_DESKTOP": "KDE"}, None),  # Plasma and GNOME show their own
        ({"DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "i3"}, None),  # X11 already
    ],
)
def test_xwayland_is_chosen_only_on_wlroots_compositors(env: dict[str, str], platform: str | None) -> None:
    assert qpa_platform(env) == platform


@pytest.fixture
def wm(tmp_path: Path) -> Iterator[str]:
    """A window manager's IPC socket answering GET_WORKSPACES as sway 1.7 does (bar: 25 px)."""
    path = str(tmp_path / "ipc.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    workspaces = [
        {"name": "1", "focused": False, "rect": {"x": 0, "y": 25, "width": 1280, "height": 775}},
        {"name": "3", "focused": True, "rect": {"x": 1280, "y": 25, "width": 1920, "height": 1055}},
    ]

    def answer() -> None:
        conn, _ = server.accept()
        with conn:
            header = conn.recv(14)
            assert header[:6] == b"i3-ipc" and struct.unpack("=II", header[6:]) == (0, 1)
            body = json.dumps(workspaces).encode()
            conn.sendall(b"i3-ipc" + struct.pack("=II", len(body), 1) + body)

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    yield path
    thread.join(timeout=5)
    server.close()


def test_the_focused_workspace_of_the_focused_output_is_where_popups_go(wm: str) -> None:
    assert wm_workspace_rect({"SWAYSOCK": wm}) == QRect(1280, 25, 1920, 1055)


def test_no_window_manager_answer_means_none(tmp_path: Path) -> None:
    assert wm_workspace_rect({}) is None
    assert wm_workspace_rect({"I3SOCK": str(tmp_path / "gone.sock")}) is None


@pytest.mark.parametrize(
    ("size", "area", "placed"),
    [
        ((720, 640), (0, 25, 1280, 775), (280, 92, 720, 640)),  # digest on sway: centred under the bar
        ((1240, 900), (0, 25, 1280, 775), (64, 64, 1152, 697)),  # report: 9/10 of the workspace
        ((720, 640), (1280, 25, 1920, 1055), (1880, 232, 720, 640)),  # the focused output on the right
    ],
)
def test_windows_fit_the_workspace_and_are_centred_in_it(
    size: tuple[int, int], area: tuple[int, int, int, int], placed: tuple[int, int, int, int]
) -> None:
    rect = fit_and_centre(QSize(*size), QRect(*area))
    assert (rect.x(), rect.y(), rect.width(), rect.height()) == placed


@pytest.mark.parametrize(
    ("env", "tiling"),
    [
        ({"SWAYSOCK": "/run/user/1000/sway-ipc.sock"}, True),
        ({"I3SOCK": "/run/user/1000/i3/ipc-socket.1"}, True),
        ({"XDG_CURRENT_DESKTOP": "Hyprland"}, True),
        ({"XDG_CURRENT_DESKTOP": "labwc:wlroots"}, True),
        ({"XDG_CURRENT_DESKTOP": "KDE"}, False),  # windows float there anyway, and keep their type
        ({"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"}, False),
        ({}, False),
    ],
)
def test_tiling_sessions_are_known(env: dict[str, str], tiling: bool) -> None:
    assert tiling_session(env) is tiling
