"""Helpers the CLI commands share: reaching the running app."""

from __future__ import annotations

from typing import Any

from notifyzen.cli import UserError
from notifyzen.commands.words import fill, translate


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
