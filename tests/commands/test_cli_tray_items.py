"""The tray's last items from a terminal, for where no bar hosts a tray (issue 23): `notifyzen open
digest|history` (the running app's window), `notifyzen rules undo` (the tray's Undo rule) and
`notifyzen rules edit` (Edit rules…). A real app on a private bus at Saturday 12:00, when a normal
notification is shown at once. That the opened windows float, centred, with the keyboard, is
tests/ui/test_i3_windows.py's and tests/ui/test_sway_windows.py's.
"""

from __future__ import annotations

import asyncio
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.harness.dunst import running_xvfb
from tests.harness.notifyzen_proc import client, notify, rows, run, start, stop, wait_for
from tests.harness.trayhost import menu_showing, tray_app

DUTCH = {"LANG": "nl_NL.UTF-8"}
ENGLISH = {"LANG": "en_US.UTF-8"}


def notifyzen(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", *args], env=env, capture_output=True, text=True, timeout=60
    )


def plain(session_env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in session_env.items() if not k.startswith(("LANG", "LC_", "LANGUAGE"))}


@pytest.fixture
def app(session_env: dict[str, str]) -> Iterator[dict[str, str]]:
    env = plain(session_env) | ENGLISH
    proc = start(env, "--mode", "server")
    try:
        yield env
    finally:
        stop(proc)


def digest_file(env: dict[str, str]) -> Path:
    return Path(env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules" / "00-digest.yaml"


def make_rule(env: dict[str, str], kind: str, app: str) -> None:
    """As the digest's Always allow/mute writes it (notifyzen/rulefiles/write.py, in the user's files)."""
    code = (
        "import sys; from notifyzen.rulefiles import write as rulewrite; "
        "rulewrite.write_rule(rulewrite.spec_for(sys.argv[1], {'app': sys.argv[2]}), 'made in the digest')"
    )
    subprocess.run([sys.executable, "-c", code, kind, app], env=env, check=True, timeout=30)


def verdict_of_one_from(env: dict[str, str], address: str, app: str) -> str:
    async def go() -> int:
        async with client(address) as bus:
            return await notify(bus, "standup in 5", app=app)

    id = run(go())
    return next(r for r in rows(env) if r["id"] == id)["verdict"]


def test_open_asks_the_running_app_for_its_window(app: dict[str, str], bus_address: str) -> None:
    env = app
    digest = notifyzen(env, "open", "digest")
    assert digest.returncode == 0 and digest.stdout.strip() == "The digest is open.", digest.stderr
    history = notifyzen(env, "open", "History")
    assert history.returncode == 0 and history.stdout.strip() == "The history is open.", history.stderr
    for args, message in (
        (["open"], "notifyzen: say which window to open: digest or history"),
        (["open", "report"], "notifyzen: say which window to open: digest or history (not report)"),
    ):
        done = notifyzen(env, *args)
        assert (done.returncode, done.stdout, done.stderr.strip()) == (2, "", message)
    # The control interface checks too: a script calling Open with another word gets a clear error.
    raw = subprocess.run(
        [
            "gdbus", "call", "--session", "--dest", "io.github.notifyzen.Notifyzen",
            "--object-path", "/io/github/notifyzen/Notifyzen",
            "--method", "io.github.notifyzen.Notifyzen1.Open", "rules",
        ],
        env=env, capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    assert raw.returncode != 0 and "no such window: 'rules'; these open: digest, history" in raw.stderr
    assert notifyzen(env, "status").returncode == 0  # still running


def test_open_when_nothing_runs_and_in_dutch(session_env: dict[str, str]) -> None:
    env = plain(session_env)
    gone = notifyzen(env | ENGLISH, "open", "digest")
    assert (gone.returncode, gone.stderr.strip()) == (
        2,
        "notifyzen: notifyzen is not running on this session; start it with `notifyzen`",
    )
    bad = notifyzen(env | DUTCH, "open", "rapport")
    assert (bad.returncode, bad.stderr.strip()) == (
        2,
        "notifyzen: zeg welk venster open moet: digest of history (niet rapport)",
    )
    helped = " ".join(notifyzen(env | DUTCH, "open", "-h").stdout.split())
    assert "zoals Overzicht openen en Geschiedenis… in het systeemvak doen" in helped


def test_rules_undo_takes_back_the_newest_rule_made_with_a_button(
    app: dict[str, str], bus_address: str
) -> None:
    env = app
    make_rule(env, "allow", "Signal")
    make_rule(env, "mute", "Slack")  # the newest: what the tray's Undo offers
    wait_for(lambda: verdict_of_one_from(env, bus_address, "Slack") == "mute", what="the mute rule in force")
    done = notifyzen(env, "rules", "undo")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Rule taken out again: always mute Slack (from {digest_file(env)})."
    # The running app follows the file within a second: Slack comes through again.
    wait_for(lambda: verdict_of_one_from(env, bus_address, "Slack") == "deliver", what="the rule gone")
    text = digest_file(env).read_text()
    assert "always mute Slack" not in text and "always allow Signal" in text  # the other one stays

    bad = notifyzen(env, "rules", "undo", "always mute Slack")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.strip() == (
        "notifyzen: no rule called always mute Slack was made with a button; these were: always allow Signal"
    )
    assert digest_file(env).read_text() == text  # nothing changed

    assert notifyzen(env, "rules", "undo", "always allow Signal").returncode == 0
    empty = notifyzen(env, "rules", "undo")
    assert (empty.returncode, empty.stdout) == (2, "")
    assert empty.stderr.strip() == (
        f"notifyzen: nothing to undo: no rule made with a button is in {digest_file(env)}"
    )
    check = notifyzen(env, "rules", "check")  # what is left still loads
    assert check.returncode == 0, check.stdout + check.stderr


def test_rules_undo_in_dutch(session_env: dict[str, str]) -> None:
    env = plain(session_env) | DUTCH
    make_rule(env, "mute", "Slack")
    done = notifyzen(env, "rules", "undo")
    assert done.stdout.strip() == f"Regel weer weggehaald: always mute Slack (uit {digest_file(env)})."
    again = notifyzen(env, "rules", "undo")
    assert again.stderr.strip() == (
        f"notifyzen: niets terug te draaien: er staat geen met een knop gemaakte regel in {digest_file(env)}"
    )


def fake_editor(env: dict[str, str], tmp_path: Path) -> Path:
    """A desktop entry for YAML files, chosen in mimeapps.list as a user would: the real xdg-open
    finds it. The program only notes what it was asked to open."""
    opened = tmp_path / "opened.txt"
    program = tmp_path / "yaml-editor"
    program.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {opened}\n')
    program.chmod(0o755)
    apps = Path(env["XDG_DATA_HOME"]) / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    (apps / "yaml-editor.desktop").write_text(
        f"[Desktop Entry]\nType=Application\nName=YAML editor\nExec={program} %f\n"
        "MimeType=application/x-yaml;application/yaml;text/x-yaml;\n"
    )
    config = Path(env["XDG_CONFIG_HOME"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "mimeapps.list").write_text(
        "[Default Applications]\napplication/x-yaml=yaml-editor.desktop\n"
        "application/yaml=yaml-editor.desktop\n"
    )
    return opened


@pytest.mark.skipif(shutil.which("xdg-open") is None, reason="needs xdg-open (xdg-utils)")
def test_rules_edit_opens_the_rules_file_or_names_it(session_env: dict[str, str], tmp_path: Path) -> None:
    env = plain(session_env) | ENGLISH
    path = notifyzen(env, "rules", "edit", "--path")
    mine = Path(env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules" / "my-rules.yaml"
    assert (path.returncode, path.stdout.strip()) == (0, str(mine))
    assert "Below is that preset, commented out" in mine.read_text()  # as the tray's Edit rules makes it

    opened = fake_editor(env, tmp_path)
    desk = env | {"WAYLAND_DISPLAY": "wayland-1", "XDG_CURRENT_DESKTOP": "sway"}
    done = notifyzen(desk, "rules", "edit")
    assert (done.returncode, done.stdout.strip()) == (0, f"Opened {mine}.")
    assert opened.read_text() == str(mine)

    opened.unlink()
    no_display = notifyzen(env, "rules", "edit")  # a console, a key binding without a display
    assert no_display.returncode == 0 and not opened.exists()
    assert no_display.stdout.strip() == (
        f"No program to open it with was found (xdg-open). Your rules file is: {mine}"
    )
    (Path(env["XDG_CONFIG_HOME"]) / "mimeapps.list").unlink()
    (Path(env["XDG_DATA_HOME"]) / "applications" / "yaml-editor.desktop").unlink()
    nothing = notifyzen(desk | {"PATH": "/usr/bin:/bin", "BROWSER": "false"}, "rules", "edit")
    assert nothing.returncode == 0 and not opened.exists(), nothing.stderr
    assert nothing.stdout.strip().endswith(f"Your rules file is: {mine}")


@pytest.mark.skipif(shutil.which("script") is None, reason="needs script (util-linux) for a terminal")
def test_rules_edit_in_a_terminal_uses_the_users_editor(session_env: dict[str, str], tmp_path: Path) -> None:
    """From a terminal $EDITOR wins, as with crontab -e (quoted, with its own options); from a key
    binding (no terminal) it is not started where nobody could type into it."""
    env = plain(session_env) | ENGLISH
    mine = Path(env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules" / "my-rules.yaml"
    edited = tmp_path / "edited.txt"
    editor = tmp_path / "my editor"
    editor.write_text(f'#!/bin/sh\nprintf "%s %s" "$1" "$2" > {edited}\n')
    editor.chmod(0o755)
    env |= {"EDITOR": f"{shlex.quote(str(editor))} --wait"}
    command = shlex.join([sys.executable, "-m", "notifyzen", "rules", "edit"])
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout
    assert edited.read_text() == f"--wait {mine}"

    edited.unlink()
    bound = notifyzen(env, "rules", "edit")  # no terminal, no display
    assert not edited.exists()
    assert bound.stdout.strip().endswith(f"Your rules file is: {mine}")


def test_the_no_tray_notice_names_commands_that_exist() -> None:
    """What the one-time notice and its log line tell a user to type are commands notifyzen takes;
    the log line has one for every item of the menu that acts (--help lists them too)."""
    from notifyzen.cli import build_parser
    from notifyzen.ui.no_tray import COMMANDS, NOTICE

    parser = build_parser()
    for command in {*COMMANDS, *NOTICE} - {"--help"}:
        parser.parse_args(command.split())  # argparse exits on a command it does not know
    for menu_item, command in (
        ("Check in now", "checkin now"),
        ("Open digest", "open digest"),
        ("History…", "open history"),
        ("Undo rule", "rules undo"),
        ("Focus for 25 min", "focus 25m"),
        ("End focus", "focus off"),
        ("Pause notifyzen", "pause"),
        ("Resume notifyzen", "pause off"),
        ("Edit rules…", "rules edit"),
        ("Weekly report…", "report"),
        ("Start at login", "autostart on"),
        ("Quit notifyzen", "quit"),
    ):
        assert command in COMMANDS, f"the notice does not say how to do {menu_item!r}"


@pytest.fixture
def xvfb() -> Iterator[str]:
    with running_xvfb("1024x768x24") as display:
        yield display


async def tray_follows_undo(address: str, env: dict[str, str]) -> tuple[list[str], list[str]]:
    """The tray's menu (read through com.canonical.dbusmenu, as a panel reads it) before and after
    `notifyzen rules undo` in a terminal."""
    async with tray_app(address, env) as app:
        before = await menu_showing(app, "Undo rule: always mute Slack")
        done = await asyncio.to_thread(notifyzen, env, "rules", "undo")
        assert done.returncode == 0, done.stderr
        after = await menu_showing(app, "Undo rule: always allow Signal")  # the next newest, as after a click
        return before, after


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")
def test_the_trays_undo_follows_rules_undo_in_a_terminal(
    session_env: dict[str, str], bus_address: str, xvfb: str
) -> None:
    """Where a bar does host the tray, Undo rule there must not offer a rule taken out elsewhere
    (clicking it said "no longer in the file"): it follows 00-digest.yaml, whoever changed it."""
    env = plain(session_env) | ENGLISH | {"DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "TZ": "Europe/Amsterdam"}
    make_rule(env, "allow", "Signal")
    make_rule(env, "mute", "Slack")
    before, after = asyncio.run(tray_follows_undo(bus_address, env))
    assert "Undo rule: always mute Slack" in before and "Undo rule: always mute Slack" not in after


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_no_tray_notice_is_read_whole_in_a_pop_up(qapp: Any, language: str) -> None:
    """The pop-up shows four lines of a body: the notice's commands must not end in "…" (the full
    list did: "report,…"), in English or Dutch, at the pop-ups' default width."""
    from PySide6.QtWidgets import QTextBrowser

    from notifyzen.desktop import i18n
    from notifyzen.ui.no_tray import NOTICE, notice_text
    from notifyzen.ui.notice import fit_body
    from notifyzen.ui.popup import BODY_LINES, ICON, WIDTH

    try:
        i18n.install(qapp, language)
        _, body = notice_text()
        assert body.endswith("notifyzen " + ", ".join(NOTICE))
        font = QTextBrowser().font()  # the pop-up's body is one (ui/popup.py's _Body)
        fitted = fit_body(body, font, WIDTH - 16 - 12 - 12 - ICON, BODY_LINES)  # Popup.text_width
        assert not fitted.rstrip().endswith("…"), fitted
    finally:
        i18n.install(qapp, "en")
