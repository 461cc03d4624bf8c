"""Helpers the CLI commands share: reaching the running app, loading the rules as the app does."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notifyzen import UserError
from notifyzen.desktop import paths
from notifyzen.desktop.words import fill, translate

if TYPE_CHECKING:
    from notifyzen.core.ruleload import Loaded


def ask_running_app(member: str, signature: str = "", body: list[Any] | None = None) -> Any:
    """The control interface's answer, or None when no notifyzen runs on this session bus."""
    from notifyzen.bus.control import call_control

    try:
        return call_control(member, signature, body)
    except TimeoutError as exc:
        raise UserError(translate("CLI", "the running notifyzen did not answer within 10 s")) from exc
    except (OSError, ValueError) as exc:
        raise UserError(fill(translate("CLI", "cannot reach the session bus: %1"), exc)) from exc
    except RuntimeError as exc:
        raise UserError(str(exc)) from exc


def load_rules(files: list[Path] | None, config: Path | None) -> Loaded:
    """The loader the app runs, directories and all: a directory it cannot list, a FIFO or a link
    to a device is an error here too, printed at once (nothing is read that could block)."""
    from notifyzen.core.ruleload import load_active

    return load_active(paths.config_dir(), paths.presets_dir(), user_files=files or None, config_file=config)


def print_rule_errors(loaded: Loaded) -> int:
    for error in loaded.errors:
        print(error, file=sys.stderr)
    count = len(loaded.errors)
    print(
        translate("CLI", "%n error(s); notifyzen keeps using its last good rules", None, count),
        file=sys.stderr,
    )
    return 1
