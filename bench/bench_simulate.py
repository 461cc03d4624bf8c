"""How long `notifyzen rules simulate` takes for a busy week: 5,000 generated notifications.

    python3 bench/bench_simulate.py [--size 5000] [--runs 5] [--seed 1]

Times the parts separately (reading the JSONL, the replay through the real Timeline with the
shipped default preset, the summary and the table) and prints each run, the best and the median;
the goal for the whole is under one second. The user's own config is not read: the shipped
defaults are measured, in Europe/Berlin.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from notifyzen.core.config import Config
from notifyzen.core.model import Notification
from notifyzen.core.replay import parse_lines, passthrough, to_jsonl_line
from notifyzen.core.replay_summary import summarize
from notifyzen.core.replay_text import single_text
from notifyzen.core.ruleload import load_active
from notifyzen.core.rules import RuleSet
from notifyzen.core.weekgen import generate_week
from notifyzen.desktop import paths

GOAL_SECONDS = 1.0
ZONE = ZoneInfo("Europe/Berlin")
T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def cpu(fn: Callable[[], object]) -> float:
    """CPU seconds of this process: steadier than wall time on a shared, busy machine."""
    start = time.process_time()
    fn()
    return time.process_time() - start


def _whole(lines: list[str], rules: RuleSet, config: Config) -> str:
    from notifyzen.core.whatif import simulate

    entries = parse_lines(lines, "bench")
    result = simulate(entries, rules, config)
    return single_text(result, summarize(result, ZONE), passthrough(entries, result), ZONE, "bench")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=5000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()

    with tempfile.TemporaryDirectory() as empty:
        loaded = load_active(Path(empty), paths.presets_dir())
    rules = loaded.rules
    assert rules is not None and loaded.config is not None, loaded.errors
    config = Config(
        **{**{f: getattr(loaded.config, f) for f in loaded.config.__dataclass_fields__}, "zone": ZONE}
    )
    from notifyzen.core.whatif import simulate

    events = generate_week(date(2026, 11, 16), ZONE, seed=args.seed, size=args.size)
    lines = [to_jsonl_line(e) for e in events]
    count = sum(isinstance(e, Notification) for e in events)
    print(f"{count} notifications, {len(events) - count} idle/active events, preset {rules.files}")

    totals, cpus = [], []
    for run in range(1, args.runs + 1):
        t_parse, entries = timed(lambda: parse_lines(lines, "bench"))
        t_replay, result = timed(lambda: simulate(entries, rules, config))  # noqa: B023
        t_text, _ = timed(
            lambda: single_text(result, summarize(result, ZONE), passthrough(entries, result), ZONE, "bench")  # noqa: B023
        )
        total = t_parse + t_replay + t_text
        totals.append(total)
        cpus.append(cpu(lambda: _whole(lines, rules, config)))
        parts = f"parse {t_parse:.3f} s, replay {t_replay:.3f} s, summary+table {t_text:.3f} s"
        print(f"run {run}: {parts} = {total:.3f} s wall; whole again: {cpus[-1]:.3f} s CPU")
    best, median = min(totals), statistics.median(totals)
    verdict = "within" if median < GOAL_SECONDS else "OVER"
    print(f"wall: best {best:.3f} s, median {median:.3f} s: {verdict} the {GOAL_SECONDS:.0f} s goal")
    print(f"CPU:  best {min(cpus):.3f} s, median {statistics.median(cpus):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
