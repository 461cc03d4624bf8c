"""notifyzen in observe mode with the real dunst 1.9 (tests/harness/dunst.py), as a dunst user sees it: the
pop-ups on the X screen (dunst's and notifyzen's own, both drawn on the same Xvfb) and dunst's counts.

In focus dunst is paused, and a paused dunst 1.9 shows nothing at all, so a break-through is shown
by notifyzen's own pop-up. However notifyzen ends, dunst must not show that break-through a second
time. A SIGTERM is a quit, not a dump: what was held stays held in notifyzen's history (the next
start lists it) and dunst shows none of it. A SIGKILL leaves no one to list it: the guard unpauses
dunst and dunst shows what was held, so nothing is lost.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness.dnd_fakes import control_status, started_notifyzen, terminate
from tests.harness.dunst import dunstctl, running_dunst, running_xvfb
from tests.harness.notifyzen_proc import ADA_GETS_THROUGH, OBSERVE_ON_SATURDAY
from tests.harness.waiting import until

pytestmark = pytest.mark.slow

RUN, RULES = OBSERVE_ON_SATURDAY, ADA_GETS_THROUGH


@pytest.fixture
def display() -> Iterator[str]:
    with running_xvfb() as name:
        yield name


@pytest.fixture
def env(session_env: dict[str, str], display: str, tmp_path: Path) -> dict[str, str]:
    """notifyzen's environment: its pop-ups drawn on dunst's X screen, the rule above, a history
    of its own."""
    rules = Path(session_env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules"
    rules.mkdir(parents=True, exist_ok=True)
    (rules / "mine.yaml").write_text(RULES)
    return {
        **session_env,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "NOTIFYZEN_DB": str(tmp_path / "history.db"),
    }


@pytest.fixture
def dunst(bus_address: str, display: str, session_env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    with running_dunst(bus_address, display, session_env) as proc:
        yield proc


def notify(env: dict[str, str], app: str, summary: str, body: str) -> int:
    done = subprocess.run(
        ["notify-send", "-p", "-a", app, summary, body], env=env, capture_output=True, text=True, timeout=10
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def own_popups(env: dict[str, str], pid: int) -> list[str]:
    """notifyzen's windows on the X screen (its pop-ups: there is no tray on a bare Xvfb)."""
    done = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
        env=env, capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    return done.stdout.split()


def shown_by_dunst(bus_address: str) -> int:
    return int(dunstctl(bus_address, "count", "displayed"))


def waiting_in_dunst(bus_address: str) -> int:
    return int(dunstctl(bus_address, "count", "waiting"))


def history(bus_address: str) -> dict[int, str]:
    """dunst's history: id -> summary."""
    data = json.loads(dunstctl(bus_address, "history"))
    return {int(n["id"]["data"]): str(n["summary"]["data"]) for n in data["data"][0]}


def in_focus_with_a_held_one_and_a_break_through(
    app: subprocess.Popen[str], env: dict[str, str], bus_address: str
) -> None:
    """notifyzen in focus (started_notifyzen started it): one held, one shown by notifyzen itself."""
    assert dunstctl(bus_address, "is-paused") == "true"
    notify(env, "Mail", "Newsletter", "this week")
    notify(env, "Chat", "Ada", "lunch at 12?")
    until(lambda: len(own_popups(env, app.pid)) == 1, what="notifyzen's own pop-up of Ada")
    until(lambda: control_status(env).get("held") == 1, what="the newsletter held")
    assert shown_by_dunst(bus_address) == 0  # paused: dunst shows nothing, not even the copy
    time.sleep(0.5)
    assert len(own_popups(env, app.pid)) == 1  # and only one: the newsletter is not shown


def test_sigterm_in_focus_dunst_shows_neither_the_break_through_again_nor_what_was_held(
    bus_address: str, dunst: subprocess.Popen[bytes], env: dict[str, str]
) -> None:
    with started_notifyzen(env, *RUN) as app:
        in_focus_with_a_held_one_and_a_break_through(app, env, bus_address)
        assert terminate(app) == 0
    assert dunstctl(bus_address, "is-paused") == "false"
    time.sleep(1.0)  # dunst shows its queue at once when unpaused
    assert shown_by_dunst(bus_address) == 0, "dunst popped up what notifyzen showed or held"
    assert waiting_in_dunst(bus_address) == 0
    with started_notifyzen(env, *RUN, focus=False) as again:  # the held one is still notifyzen's
        until(lambda: control_status(env).get("held") == 1, what="the newsletter listed as held again")
        terminate(again)


def test_sigkill_in_focus_dunst_shows_what_was_held_but_not_the_break_through_again(
    bus_address: str, dunst: subprocess.Popen[bytes], env: dict[str, str]
) -> None:
    with started_notifyzen(env, *RUN) as app:
        in_focus_with_a_held_one_and_a_break_through(app, env, bus_address)
        before = history(bus_address)
        app.kill()
        app.wait(timeout=10)
    until(lambda: dunstctl(bus_address, "is-paused") == "false", what="dunst unpaused by the guard")
    until(lambda: shown_by_dunst(bus_address) >= 1, what="dunst shows what was held")  # nothing lost
    time.sleep(1.0)
    assert shown_by_dunst(bus_address) == 1, "dunst showed the break-through a second time"
    assert waiting_in_dunst(bus_address) == 0
    dunstctl(bus_address, "close-all")  # into dunst's history: which one was it?
    shown = [summary for nid, summary in history(bus_address).items() if nid not in before]
    assert shown == ["Newsletter"], f"dunst showed {shown}"
