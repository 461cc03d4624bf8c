"""The promise the README makes about the shipped defaults, checked on generated weeks.

With the default preset and config, a realistic week has at least 80% fewer interruptions in
focus windows than showing everything on arrival, and at least 95% of people's messages that
arrive between 07:00 and 22:00 are shown within the max wait.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.model import Notification
from notifyzen.core.replay import Entry
from notifyzen.core.replay_summary import summarize
from notifyzen.core.ruleload import load_active
from notifyzen.core.weekgen import generate_week
from notifyzen.core.whatif import simulate
from notifyzen.desktop import paths

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("monday", "seed"),
    [
        (date(2026, 11, 16), 1),  # 2026-W47, the README's week
        (date(2026, 11, 16), 2),
        (date(2026, 10, 19), 3),  # 2026-W43: the clocks go back on its Sunday
    ],
)
def test_the_default_preset_keeps_focus_and_people_within_max_wait(
    tmp_path: Path, monday: date, seed: int
) -> None:
    loaded = load_active(tmp_path, paths.presets_dir())  # no config.yaml, no user rules: the shipped defaults
    assert loaded.ok and loaded.rules is not None and loaded.config is not None, loaded.errors
    assert [Path(f).name for f in loaded.rules.files] == ["default.yaml"]
    week = generate_week(monday, BERLIN, seed=seed)
    run = simulate(
        [Entry(i + 1, e) for i, e in enumerate(week)], loaded.rules, replace(loaded.config, zone=BERLIN)
    )
    s = summarize(run, BERLIN)

    assert s.passthrough_interruptions > 100  # a week with real work in its focus windows
    assert s.interruptions_saved is not None and s.interruptions_saved >= 0.80
    assert s.people_daytime.count > 150
    assert s.people_daytime.within_share is not None and s.people_daytime.within_share >= 0.95
    assert s.notifications == len([e for e in week if isinstance(e, Notification)])
