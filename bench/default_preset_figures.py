"""The README's figures: the shipped defaults over generated weeks, one table row per week.

    python3 bench/default_preset_figures.py [--seeds 1 2 3 4 5] [--week 2026-W47]
    python3 bench/default_preset_figures.py --languages en nl de --seeds 1 2 3

Reads no user config: the shipped default preset and config.yaml defaults, in Europe/Berlin.
With --languages, the weeks are language weeks (core/weekgen_l10n.py) and a column counts what
could not wait (reminders of a meeting ahead, codes, ringing and repeated calls, critical) shown
on arrival.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from notifyzen.core.model import Notification, ShownBy, Urgency
from notifyzen.core.replay import Entry, Run, iso_week
from notifyzen.core.replay_summary import summarize
from notifyzen.core.ruleload import load_active
from notifyzen.core.weekgen import generate_week
from notifyzen.core.weekgen_l10n import KIND
from notifyzen.core.whatif import simulate
from notifyzen.desktop import paths

ZONE = ZoneInfo("Europe/Berlin")
TIME_CRITICAL = ("reminder", "code", "call.ringing", "call.missed.again")


def _minutes(value: timedelta | None) -> str:
    return "–" if value is None else f"{round(value.total_seconds() / 60)} min"


def _on_arrival(run: Run) -> str:
    critical = [
        o
        for o in run.outcomes
        if isinstance(o.notification, Notification)
        and (o.notification.hints.get(KIND) in TIME_CRITICAL or o.notification.urgency is Urgency.CRITICAL)
    ]
    shown = sum(o.shown_by is ShownBy.ARRIVAL for o in critical)
    return f"{shown}/{len(critical)} ({100 * shown / max(len(critical), 1):.0f}%)"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    p.add_argument("--week", default="2026-W47")
    p.add_argument("--languages", nargs="+", choices=["en", "nl", "de"], default=None)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as empty:
        loaded = load_active(Path(empty), paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None, loaded.errors
    rules, config = loaded.rules, replace(loaded.config, zone=ZONE)
    languages: list[str | None] = args.languages or [None]
    first = "| language | seed " if args.languages else "| seed "
    extra = "| time-critical shown on arrival " if args.languages else ""
    print(
        f"{first}| notifications | interruptions in focus (pass-through → defaults) | fewer "
        f"| people 07–22 within max wait | people: median / p95 / longest wait {extra}|"
    )
    print("|---" * (6 + bool(args.languages) * 2) + "|")
    for language in languages:
        for seed in args.seeds:
            week = generate_week(iso_week(args.week), ZONE, seed=seed, language=language)
            run = simulate([Entry(i + 1, e) for i, e in enumerate(week)], rules, config)
            s = summarize(run, ZONE)
            d, w = s.people_daytime, s.people
            share = 100 * (d.within_share or 0.0)
            fewer = 100 * (s.interruptions_saved or 0.0)
            waits = " / ".join(_minutes(x) for x in (w.median, w.p95, w.longest))
            focus = f"{s.passthrough_interruptions} → {s.interruptions}"
            people = f"{d.within_max_wait}/{d.count} ({share:.1f}%)"
            lead = f"| {language} | {seed} " if language else f"| {seed} "
            tail = f"| {_on_arrival(run)} " if language else ""
            print(f"{lead}| {s.notifications} | {focus} | {fewer:.0f}% | {people} | {waits} {tail}|")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
