"""The README's figures: the shipped defaults over generated weeks, one table row per week.

    python3 bench/default_preset_figures.py [--seeds 1 2 3 4 5] [--week 2026-W47]

Reads no user config: the shipped default preset and config.yaml defaults, in Europe/Berlin.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from notifyzen import paths
from notifyzen.core.replay import Entry, iso_week
from notifyzen.core.replay_summary import summarize
from notifyzen.core.ruleload import load_active
from notifyzen.core.weekgen import generate_week
from notifyzen.core.whatif import simulate

ZONE = ZoneInfo("Europe/Berlin")


def _minutes(value: timedelta | None) -> str:
    return "–" if value is None else f"{round(value.total_seconds() / 60)} min"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    p.add_argument("--week", default="2026-W47")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as empty:
        loaded = load_active(Path(empty), paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None, loaded.errors
    rules, config = loaded.rules, replace(loaded.config, zone=ZONE)
    print(
        "| seed | notifications | interruptions in focus (pass-through → defaults) | fewer "
        "| people 07–22 within max wait | people: median / p95 / longest wait |"
    )
    print("|---|---|---|---|---|---|")
    for seed in args.seeds:
        week = generate_week(iso_week(args.week), ZONE, seed=seed)
        s = summarize(simulate([Entry(i + 1, e) for i, e in enumerate(week)], rules, config), ZONE)
        d, w = s.people_daytime, s.people
        share = 100 * (d.within_share or 0.0)
        fewer = 100 * (s.interruptions_saved or 0.0)
        waits = " / ".join(_minutes(x) for x in (w.median, w.p95, w.longest))
        focus = f"{s.passthrough_interruptions} → {s.interruptions}"
        people = f"{d.within_max_wait}/{d.count} ({share:.1f}%)"
        print(f"| {seed} | {s.notifications} | {focus} | {fewer:.0f}% | {people} | {waits} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
