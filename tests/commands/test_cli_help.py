"""`notifyzen --help` and each subcommand's help say what the command is for and what each option does."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from notifyzen.cli import COMMANDS, build_parser


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = sub
                found.update({f"{name} {k}": v for k, v in subparsers(sub).items()})
    return found


@pytest.mark.parametrize(
    "name", [*COMMANDS, "rules check", "rules explain", "rules simulate", "rules schema"]
)
def test_every_command_has_a_description_and_every_option_a_help(name: str) -> None:
    sub = subparsers(build_parser())[name]
    assert sub.description, f"notifyzen {name} --help says nothing about what it is for"
    silent = [a.dest for a in sub._actions if not a.help and not isinstance(a, argparse._SubParsersAction)]
    assert not silent, f"notifyzen {name}: options without help: {silent}"


def test_help_runs_from_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "notifyzen", "status", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "what the running notifyzen is doing" in done.stdout
