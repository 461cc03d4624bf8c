"""notifyzen in observe mode with the real mako 1.7 on a real headless sway (tests/harness/mako.py), as
a mako user sees it: mako's boxes on sway's output (grim), what mako holds (`makoctl list`) and its
modes (`makoctl mode`).

mako's do-not-disturb is a mode the user's config gives a meaning; here the usual one from mako(5),
`[mode=do-not-disturb] invisible=1`. Measured with mako 1.7.1: a hidden notification stays in mako
(mako's default timeout is none at all), and removing the mode shows every one of them at once.
So:
- Outside focus nothing is added: mako shows each notification itself, once.
- In focus notifyzen adds the mode; what is held stays hidden and at the end of focus is closed on
  mako before the mode comes off (the check-in lists it): no burst.
- A break-through is the app's own notification shown by mako: what mako still hides is closed
  first (the check-in has it), then the mode is lifted while it is on screen, and after a pop-up's
  time it is closed and the mode is back. Never notifyzen's own pop-up.
- The user's own mode is theirs: notifyzen neither adds nor removes it, pushes nothing through it,
  and what it did not hold (a break-through the user's DND kept back) is left for mako to show
  when the user lifts it. Switching the mode is a SetModes call the observer sees: added outside
  focus, the status says "yours" at once; taken off in focus (notifyzen's or their own), mako shows
  what it hid and notifyzen steps aside until focus ends, so no check-in lists those again.
- SIGTERM: mako shows nothing twice and nothing held (the next start lists it). SIGKILL: the guard
  removes the mode, and mako shows what it was still hiding, but not a break-through again.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.harness.dnd_fakes import REPO, control_status, start_focus, started_notifyzen, terminate
from tests.harness.mako import DND, Mako, running_mako
from tests.harness.notifyzen_proc import ADA_GETS_THROUGH, OBSERVE_ON_SATURDAY
from tests.harness.sway_desktop import Sway, missing_tools, sway_desktop, x_windows
from tests.harness.waiting import until

NEEDS = ("mako", "makoctl", "busctl", "jq")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        bool(missing_tools()) or not all(shutil.which(t) for t in NEEDS),
        reason=f"needs sway and {', '.join(NEEDS)}",
    ),
]

RUN, RULES = OBSERVE_ON_SATURDAY, ADA_GETS_THROUGH


@pytest.fixture
def sway(session_env: dict[str, str]) -> Iterator[Sway]:
    with sway_desktop(session_env) as desktop:
        yield desktop


@pytest.fixture
def mako(sway: Sway) -> Iterator[Mako]:
    with running_mako(sway) as daemon:
        yield daemon


@pytest.fixture
def env(mako: Mako, tmp_path: Path) -> dict[str, str]:
    """notifyzen's environment: sway's (its pop-ups, were there any, on Xwayland), the rule above,
    a history of its own."""
    rules = Path(mako.env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules"
    rules.mkdir(parents=True, exist_ok=True)
    (rules / "mine.yaml").write_text(RULES)
    return {**mako.env, "NOTIFYZEN_DB": str(tmp_path / "history.db")}


def notify(env: dict[str, str], app: str, summary: str, body: str, *options: str) -> None:
    subprocess.run(["notify-send", *options, "-a", app, summary, body], env=env, check=True, timeout=10)


def own_popups(env: dict[str, str]) -> int:
    return len(x_windows(env, "notifyzen"))


def call(env: dict[str, str], method: str) -> None:
    subprocess.run(
        [
            "gdbus", "call", "--session", "--dest", "io.github.notifyzen.Notifyzen",
            "--object-path", "/io/github/notifyzen/Notifyzen",
            "--method", f"io.github.notifyzen.Notifyzen1.{method}",
        ],
        env=env, check=True, capture_output=True, timeout=20, cwd=REPO,
    )  # fmt: skip


def seen(env: dict[str, str], count: int) -> Callable[[], bool]:
    return lambda: control_status(env).get("taken_in_today") == count


def test_outside_focus_mako_shows_each_notification_itself_once(
    mako: Mako, env: dict[str, str], tmp_path: Path
) -> None:
    with started_notifyzen(env, *RUN, focus=False) as app:
        notify(env, "Mail", "Newsletter", "this week")
        notify(env, "Chat", "Ada", "lunch at 12?")
        until(seen(env, 2), what="notifyzen recording both")
        assert mako.modes() == ["default"]
        assert control_status(env)["dnd"] == "off"
        assert mako.summaries() == ["Ada", "Newsletter"]  # each once, as mako alone shows them
        assert mako.boxes_on_screen(tmp_path / "outside.png") == 2
        assert own_popups(env) == 0
        assert terminate(app) == 0
    assert mako.summaries() == ["Ada", "Newsletter"]  # a quit takes nothing down
    assert mako.modes() == ["default"]


def test_in_focus_the_break_through_is_mako_showing_the_apps_notification_once_and_no_burst_at_the_end(
    mako: Mako, env: dict[str, str], tmp_path: Path
) -> None:
    with started_notifyzen(env, *RUN) as app:
        assert mako.modes() == ["default", DND]
        assert control_status(env)["dnd"] == "notifyzen"
        notify(env, "Mail", "Newsletter", "this week")
        until(lambda: control_status(env).get("held") == 1, what="the newsletter held")
        assert mako.visible() == []  # held: hidden by the mode
        notify(env, "Chat", "Ada", "lunch at 12?")
        until(lambda: mako.visible() == ["Ada"], what="mako showing Ada")
        shot = tmp_path / "break-through.png"
        assert mako.boxes_on_screen(shot) == 1, "mako showed more than the break-through"
        assert own_popups(env) == 0, "notifyzen showed its own pop-up where mako could"
        until(lambda: mako.summaries() == [] and DND in mako.modes(), what="Ada taken down after its time")
        assert mako.boxes_on_screen(tmp_path / "after.png") == 0
        call(env, "EndFocus")
        until(lambda: DND not in mako.modes(), what="the mode off at the end of focus")
        assert mako.summaries() == [], "mako kept something back to burst out"
        until(lambda: control_status(env)["held"] == 0, what="the newsletter released to the check-in")
        assert mako.summaries() == [] and mako.boxes_on_screen(tmp_path / "end.png") == 0
        assert terminate(app) == 0
    assert mako.modes() == ["default"]


def test_sigterm_in_focus_mako_shows_neither_the_break_through_again_nor_what_was_held(
    mako: Mako, env: dict[str, str], tmp_path: Path
) -> None:
    with started_notifyzen(env, *RUN) as app:
        notify(env, "Chat", "Ada", "lunch at 12?", "-t", "30000")  # on screen for 30 s
        until(lambda: mako.visible() == ["Ada"], what="mako showing Ada")
        notify(env, "Mail", "Newsletter", "this week")  # while Ada is on screen, the mode off
        until(lambda: control_status(env).get("held") == 1, what="the newsletter held")
        until(lambda: mako.summaries() == ["Ada"], what="the newsletter closed on mako")
        assert terminate(app) == 0
    assert mako.modes() == ["default"]
    assert mako.summaries() == ["Ada"], "mako shows what notifyzen held"  # Ada: still her first showing
    assert mako.boxes_on_screen(tmp_path / "quit.png") == 1
    with started_notifyzen(env, *RUN, focus=False) as again:  # the held one is still notifyzen's
        until(lambda: control_status(env).get("held") == 1, what="the newsletter listed as held again")
        terminate(again)


def test_sigkill_in_focus_mako_shows_what_it_hid_but_not_the_break_through_again(
    mako: Mako, env: dict[str, str], tmp_path: Path
) -> None:
    with started_notifyzen(env, *RUN) as app:
        notify(env, "Chat", "Ada", "lunch at 12?")
        until(lambda: mako.visible() == ["Ada"], what="mako showing Ada")
        until(lambda: DND in mako.modes() and mako.summaries() == [], what="Ada taken down after its time")
        notify(env, "Mail", "Newsletter", "this week")
        until(lambda: control_status(env).get("held") == 1, what="the newsletter held")
        app.kill()
        app.wait(timeout=10)
    until(lambda: DND not in mako.modes(), what="the guard removing the mode")
    assert mako.visible() == ["Newsletter"], "nothing lost, and the break-through not shown twice"
    assert mako.boxes_on_screen(tmp_path / "killed.png") == 1


def test_the_users_own_mode_is_followed_never_removed_and_nothing_it_kept_back_is_lost(
    mako: Mako, env: dict[str, str], tmp_path: Path
) -> None:
    with started_notifyzen(env, *RUN, focus=False) as app:
        assert control_status(env)["dnd"] == "off"
        mako.ctl("mode", "-a", DND)  # the user's
        until(lambda: control_status(env).get("dnd") == "yours", what="'Do not disturb (yours)' at once")
        start_focus(env)
        notify(env, "Mail", "Newsletter", "this week")
        notify(env, "Chat", "Ada", "lunch at 12?")
        until(lambda: control_status(env).get("held") == 1, what="the newsletter held")
        until(seen(env, 2), what="Ada recorded")
        assert control_status(env)["dnd"] == "yours"
        assert mako.visible() == [], "pushed through the user's own do-not-disturb"
        assert own_popups(env) == 0
        call(env, "EndFocus")
        until(lambda: not control_status(env)["manual_focus"], what="focus over")
        assert mako.modes() == ["default", DND]  # never removed by notifyzen
        assert terminate(app) == 0
    assert mako.modes() == ["default", DND]
    mako.ctl("mode", "-r", DND)  # the user lifts it
    # The user's DND kept Ada back, so mako shows her now; the newsletter is the check-in's.
    assert mako.visible() == ["Ada"]
    assert mako.boxes_on_screen(tmp_path / "lifted.png") == 1


def test_the_user_taking_the_mode_off_in_focus_is_followed_and_nothing_is_shown_twice(
    mako: Mako, env: dict[str, str], tmp_path: Path
) -> None:
    with started_notifyzen(env, *RUN) as app:
        notify(env, "Mail", "Newsletter", "this week")
        until(lambda: control_status(env).get("held") == 1, what="the newsletter held")
        mako.ctl("mode", "-r", DND)  # the user wants to see what comes
        assert mako.visible() == ["Newsletter"]  # mako shows what it hid, as without notifyzen
        until(lambda: control_status(env).get("held") == 0, what="the newsletter no longer held")
        status = control_status(env)
        assert status["dnd"] == "off" and status["paused"], "notifyzen did not follow the user"
        notify(env, "Chat", "Ada", "lunch at 12?")
        until(seen(env, 2), what="Ada recorded")
        assert mako.visible() == ["Ada", "Newsletter"]  # mako's own, once each
        assert mako.boxes_on_screen(tmp_path / "lifted.png") == 2
        assert own_popups(env) == 0
        call(env, "EndFocus")
        until(lambda: not control_status(env)["manual_focus"], what="focus over")
        assert mako.modes() == ["default"]  # not put back
        assert mako.visible() == ["Ada", "Newsletter"]  # nothing taken down from under the user
        assert control_status(env)["held"] == 0  # and no check-in lists the newsletter again
        assert terminate(app) == 0


def test_the_user_lifting_their_own_mode_in_focus_is_followed_and_nothing_is_shown_twice(
    mako: Mako, env: dict[str, str], tmp_path: Path
) -> None:
    mako.ctl("mode", "-a", DND)  # the user's, before notifyzen starts
    with started_notifyzen(env, *RUN) as app:
        assert control_status(env)["dnd"] == "yours"
        notify(env, "Mail", "Newsletter", "this week")
        notify(env, "Chat", "Ada", "lunch at 12?")
        until(lambda: control_status(env).get("held") == 1, what="the newsletter held")
        until(seen(env, 2), what="Ada recorded")
        assert mako.visible() == []
        mako.ctl("mode", "-r", DND)
        assert mako.visible() == ["Ada", "Newsletter"]
        until(lambda: control_status(env).get("held") == 0, what="the newsletter no longer held")
        assert control_status(env)["dnd"] == "off"
        call(env, "EndFocus")
        until(lambda: not control_status(env)["manual_focus"], what="focus over")
        assert mako.modes() == ["default"] and mako.visible() == ["Ada", "Newsletter"]
        assert mako.boxes_on_screen(tmp_path / "lifted.png") == 2
        assert own_popups(env) == 0
        assert control_status(env)["held"] == 0
        assert terminate(app) == 0
