"""`notifyzen rules undo [NAME]` and `notifyzen rules edit [--path]`: the tray's Undo rule and Edit
rules…, for where no bar hosts a tray (issue 23).

Both work on the files, not through the running app: the rule files are the truth, the app's hot
reload (notifyzen/rulefiles/watch.py) puts the change in force within a second, and so both also work
while notifyzen is not running. `undo` takes out what the tray's Undo would, the newest rule made
with a button (Always allow / Always mute in the digest or the history window, an accepted
proposal or suggestion: the top of 00-digest.yaml), with notifyzen/rulefiles/write.py's own
`remove_rule`, which leaves everything else in the file as the user wrote it.

`edit` opens the file the tray's Edit rules opens (`rulewrite.starter_file`: the user's first
rule file, or a new one holding the active preset as comments). From a terminal it uses $VISUAL
or $EDITOR when set, as `crontab -e` and `git commit` do: a sway user at a terminal expects their
editor, not whatever xdg-open picks. Otherwise xdg-open, as the tray does; and where nothing can
open it (no display, no xdg-open, no program for YAML) it prints the path, as the tray's message
does. `--path` only prints the path: `$EDITOR "$(notifyzen rules edit --path)"`.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys

from notifyzen import UserError
from notifyzen.desktop.words import fill, translate


def register_undo(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "undo",
        help=translate("CLI", "take back the newest rule made with Always allow or Always mute"),
        description=translate(
            "CLI",
            "Take back a rule made with a button (Always allow or Always mute in the digest or the "
            "history, an accepted proposal), as the tray's Undo rule does: the newest one, or the "
            "one named. The running notifyzen follows within a second.",
        ),
    )
    p.add_argument(
        "name", nargs="?", metavar="NAME", help=translate("CLI", "the rule's name (default: the newest)")
    )
    p.set_defaults(func=undo)


def register_edit(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "edit",
        help=translate("CLI", "open your rules file in an editor"),
        description=translate(
            "CLI",
            "Open your rules file, as the tray's Edit rules does: in $VISUAL or $EDITOR from a "
            "terminal, else with xdg-open; where nothing can open it, its path is printed. The "
            "first time it is made, with the active preset as comments.",
        ),
    )
    p.add_argument("--path", action="store_true", help=translate("CLI", "only print the file's path"))
    p.set_defaults(func=edit)


def undo(args: argparse.Namespace) -> int:
    from notifyzen.rulefiles import write as rulewrite

    path = rulewrite.digest_file()
    try:
        made = rulewrite.made_rules()
    except OSError as exc:
        raise UserError(fill(translate("CLI", "cannot read %1: %2"), path, exc.strerror or exc)) from exc
    if not made:
        raise UserError(fill(translate("CLI", "nothing to undo: no rule made with a button is in %1"), path))
    name = args.name or made[0]
    if name not in made:
        raise UserError(
            fill(
                translate("CLI", "no rule called %1 was made with a button; these were: %2"),
                name,
                ", ".join(made),
            )
        )
    try:
        done = rulewrite.remove_rule(name)
    except (OSError, ValueError) as exc:
        raise UserError(fill(translate("CLI", "could not take the rule out of %1: %2"), path, exc)) from exc
    if not done:  # taken out between the two reads (the tray's Undo, an editor)
        raise UserError(fill(translate("CLI", "the rule %1 is no longer in %2"), name, path))
    print(fill(translate("CLI", "Rule taken out again: %1 (from %2)."), name, path))
    return 0


def edit(args: argparse.Namespace) -> int:
    from notifyzen.rulefiles import write as rulewrite

    try:
        path = rulewrite.starter_file()
    except (OSError, ValueError) as exc:
        raise UserError(fill(translate("CLI", "cannot make your rules file: %1"), exc)) from exc
    if args.path:
        print(path)
        return 0
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if editor and sys.stdin.isatty():
        try:
            return subprocess.run([*shlex.split(editor), str(path)]).returncode
        except (OSError, ValueError) as exc:  # an editor that is not there, unbalanced quotes
            print(fill(translate("CLI", "%1 could not be started: %2"), editor, exc), file=sys.stderr)
    if _xdg_open(str(path)):
        print(fill(translate("CLI", "Opened %1."), path))
        return 0
    print(
        fill(
            translate("CLI", "No program to open it with was found (xdg-open). Your rules file is: %1"), path
        )
    )
    return 0


def _xdg_open(path: str) -> bool:
    """True when xdg-open found a program for it; as the tray's QDesktopServices, only on a display."""
    opener = shutil.which("xdg-open")
    if opener is None or not (os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY")):
        return False
    try:
        # Its complaint ("no method available…") is replaced by our one line; stdout stays the
        # terminal's, where xdg-open runs a terminal editor (Terminal=true) in the foreground.
        return subprocess.run([opener, path], stderr=subprocess.DEVNULL).returncode == 0
    except OSError:
        return False
