"""The tray icon in a real tray host, and its menu in the session's language (issue 7).

For a Dutch and an English session: Xvfb, Debian's trayer as the tray host, a private session
bus, and the real notifyzen app in server mode. The icon must be embedded in trayer's panel, a
right click on it must open the menu, the menu must read in the session's language (read as a
screen reader reads it, tests/harness/trayhost.py says why), and a screenshot with the menu open is kept
for people to look at: in $NOTIFYZEN_SHOTS when set, else in the test's tmp_path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, qGray

from tests.harness.dunst import running_xvfb
from tests.harness.notifyzen_proc import CONTROL, SATURDAY_NOON, answers_status, name_has_owner
from tests.harness.trayhost import (
    ScreenReader,
    Window,
    missing_tools,
    poll,
    running_trayer,
    screen_reader,
    screenshot,
    stop_group,
    viewable,
    window_pid,
    windows_under,
    x,
)

pytestmark = pytest.mark.skipif(
    bool(missing_tools()), reason=f"needs {', '.join(missing_tools())} (.ci/setup installs them)"
)

SCREEN = (1280, 800)

# Saturday noon (tests/harness/notifyzen_proc.py): no focus window, nothing taken in, next check-in 12:30.
ENGLISH = [
    "Free: notifications come through",
    "0 held · next check-in 12:30",
    "Taken in today: 0",
    "Mode: server (notifyzen shows notifications)",
    "Check in now",
    "Open digest",
    "History…",
    "Focus for 25 min",
    "Focus for 1 hour",
    "Focus until tomorrow",
    "End focus",
    "Pause notifyzen (let everything through)",
    "Edit rules…",
    "Weekly report…",
    "Start at login",
    "Quit notifyzen",
]
DUTCH = [
    "Vrij: meldingen komen door",
    "0 vastgehouden · volgende check-in 12:30",
    "Vandaag binnengekomen: 0",
    "Modus: server (notifyzen toont de meldingen)",
    "Nu inchecken",
    "Overzicht openen",
    "Geschiedenis…",
    "25 min focus",
    "1 uur focus",
    "Focus tot morgen",
    "Focus beëindigen",
    "notifyzen pauzeren (alles doorlaten)",
    "Regels bewerken…",
    "Weekrapport…",
    "Starten bij inloggen",
    "notifyzen afsluiten",
]


@pytest.fixture
def display() -> Iterator[str]:
    with running_xvfb(f"{SCREEN[0]}x{SCREEN[1]}x24") as number:
        yield number


@pytest.fixture
def panel(display: str) -> Iterator[str]:
    with running_trayer(display) as window:
        yield window


@pytest.fixture
def reader() -> Iterator[ScreenReader]:
    with screen_reader() as listening:
        yield listening


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("NOTIFYZEN_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def launch(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], subprocess.Popen[bytes]]]:
    """Starts `notifyzen run --mode server` in a session of its own; stopped however the test ends."""
    started: list[subprocess.Popen[bytes]] = []
    log = tmp_path / "notifyzen.log"

    def start(env: dict[str, str]) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "notifyzen", "run", "--clock", SATURDAY_NOON, "--mode", "server"],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started.append(proc)

        def up() -> bool:
            if proc.poll() is not None:
                raise AssertionError(f"notifyzen exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
            return name_has_owner(env, CONTROL[0]) and answers_status(env)

        poll(up, 60, "notifyzen to answer on its control interface")
        return proc

    yield start
    for proc in started:
        stop_group(proc)


def session(base: dict[str, str], lang: str, display: str, reader: ScreenReader) -> dict[str, str]:
    """A desktop session in `lang`: LANG only, so nothing else (LANGUAGE, LC_*) decides the language."""
    env = {k: v for k, v in base.items() if not k.startswith(("LANG", "LC_"))}
    return (
        env
        | reader.env()
        | {
            "LANG": lang,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "TZ": "Europe/Amsterdam",
        }
    )


def spread(image: QImage, left: int, top: int, width: int, height: int) -> float:
    """Standard deviation of the grey levels in a box: 0 for a blank area, tens for text or an icon."""
    greys = [
        qGray(image.pixel(px, py)) for py in range(top, top + height) for px in range(left, left + width)
    ]
    mean = sum(greys) / len(greys)
    return (sum((g - mean) ** 2 for g in greys) / len(greys)) ** 0.5


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nl_NL.UTF-8", DUTCH), ("en_US.UTF-8", ENGLISH)],
    ids=["nl", "en"],
)
def test_the_icon_sits_in_the_tray_and_its_menu_speaks_the_session_language(
    lang: str,
    expected: list[str],
    display: str,
    panel: str,
    reader: ScreenReader,
    session_env: dict[str, str],
    launch: Callable[[dict[str, str]], subprocess.Popen[bytes]],
    shots: Path,
) -> None:
    app = launch(session(session_env, lang, display, reader))

    def our_icon() -> Window | None:
        for window in windows_under(display, panel):
            if window_pid(display, window.id) == app.pid and viewable(display, window.id):
                return window
        return None

    icon: Window = poll(our_icon, 60, "notifyzen's icon to be embedded in trayer's panel")
    assert min(icon.width, icon.height) >= 16, icon

    # QSystemTrayIcon opens its context menu on a right click, where the pointer is: click near the
    # icon's lower right corner so the open menu leaves most of the icon in sight for the screenshot.
    cx, cy = icon.left + icon.width - 4, icon.top + icon.height - 4
    menu = None
    for _ in range(3):  # should a click get lost on a loaded machine (not seen here), click again
        x(display, "xdotool", "mousemove", "--sync", str(cx), str(cy), "click", "3")
        try:
            menu = poll(lambda: reader.shown_menu(app.pid), 20, "the tray menu to open", every=0.2)
            break
        except TimeoutError:
            x(display, "xdotool", "key", "Escape")
    assert menu is not None, "the tray menu did not open on a right click"

    read: list[str] = []

    def says_it_all() -> bool:  # the menu may open before the first status has been put in
        read[:] = [item.name for item in reader.lines(menu)]
        return read == expected

    with suppress(TimeoutError):
        poll(says_it_all, 20, "the menu to show the status", every=0.2)
    assert read == expected

    # Nothing cut off: every line lies inside the menu, and the menu inside the screen.
    left, top, width, height = reader.extents(menu)
    assert left >= 0 and top >= 0 and left + width <= SCREEN[0] and top + height <= SCREEN[1]
    for item in reader.lines(menu):
        il, it, iw, ih = reader.extents(item.obj)
        assert left <= il and top <= it and il + iw <= left + width and it + ih <= top + height, item.name

    shot = shots / f"tray-menu-{lang.split('_')[0]}.png"
    screenshot(display, shot)
    image = QImage(str(shot))
    assert (image.width(), image.height()) == SCREEN
    in_sight = min(icon.height, top - icon.top)  # the icon's rows above the menu
    assert in_sight >= icon.height // 2, (icon, (left, top))
    assert spread(image, icon.left, icon.top, icon.width, in_sight) > 8, "the tray icon is blank"
    assert spread(image, left, top, width, height) > 8, "the menu is blank"
