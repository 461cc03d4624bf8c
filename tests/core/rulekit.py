"""Factories for the rules tests: notifications, rule sets from YAML text, times in Amsterdam."""

from __future__ import annotations

import functools
import tempfile
import textwrap
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from notifyzen.core.config import Config
from notifyzen.core.model import Notification
from notifyzen.core.ruleload import load_rules
from notifyzen.core.rules import RuleSet

AMS = ZoneInfo("Europe/Amsterdam")
PRESETS = Path(__file__).resolve().parents[2] / "rules"


def at(text: str) -> datetime:
    """'2026-03-30 09:15' on the Amsterdam wall clock."""
    return datetime.fromisoformat(text).replace(tzinfo=AMS)


def make_notification(
    app: str = "App", summary: str = "hello", when: str = "2026-03-30 09:15", **kw: Any
) -> Notification:
    return Notification(app_name=app, summary=summary, at=at(when), **kw)


def config(**kw: Any) -> Config:
    return replace(Config(zone=AMS), **kw)


def ruleset(tmp_path: Path, user: str = "", preset: str = "") -> RuleSet:
    """A RuleSet from YAML text for the user tier and the preset tier."""
    files: list[list[Path]] = [[], []]
    for tier, text in enumerate((user, preset)):
        if text:
            path = tmp_path / f"{'user' if tier == 0 else 'preset'}.yaml"
            path.write_text(textwrap.dedent(text))
            files[tier].append(path)
    rules, errors = load_rules(files[0], files[1])
    assert rules is not None, "\n".join(map(str, errors))
    return rules


@functools.cache
def preset_from_text(text: str) -> RuleSet:
    """A RuleSet from preset YAML, loaded once per text (for property tests that build many)."""
    with tempfile.TemporaryDirectory() as tmp:
        return ruleset(Path(tmp), preset=text)


@functools.cache
def default_preset() -> RuleSet:
    rules, errors = load_rules([], [PRESETS / "default.yaml"])
    assert rules is not None, errors
    return rules
