"""What the learned model costs, and what proposals do for simulated users (issue 20).

    python3 bench/bench_learn.py [--weeks 8] [--seeds 10] [--no-proof]

1. The model (notifyzen/learn/): the import, one label learned and one score per notification
   over a year of one user's reactions (52 generated weeks, a simulated user's reactions), the
   heap it holds (tracemalloc), the process's RSS before and after, and the saved file's size.
   Budget: at most 5 ms per notification and 50 MiB.
2. The proof over many seeds (the test, tests/core/test_proposals_proof.py, runs four): for each
   simulated user, "could have waited" pop-ups and "should have come through" misses under the
   shipped defaults and after one and two weeks of accepted proposals, as percentages fewer.

Figures go to docs/performance.md ("The learned model"); ratios, not absolute speed, are the claim.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 1, 5)


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def model_cost(weeks: int) -> None:
    import notifyzen.core.kairos  # noqa: F401  (loaded by the app before any model is: not counted)

    t = time.perf_counter()
    from notifyzen.learn.model import Model
    from notifyzen.learn.train import label

    imported = time.perf_counter() - t
    from notifyzen.core.proposals_sim import Preferences, SimUser
    from notifyzen.core.replay import Entry
    from notifyzen.core.ruleload import load_active
    from notifyzen.core.weekgen import generate_week
    from notifyzen.core.whatif import simulate
    from notifyzen.desktop import paths

    loaded = load_active(Path(tempfile.mkdtemp()), paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None
    config = replace(loaded.config, zone=BERLIN)
    user = SimUser(Preferences(frozenset({"Anke"}), frozenset({"BBC News"}), frozenset({"Family"})), seed=1)
    pairs = []
    for k in range(weeks):
        events = generate_week(MONDAY + timedelta(weeks=k), BERLIN, seed=100 + k)
        run = simulate([Entry(i + 1, e) for i, e in enumerate(events)], loaded.rules, config)
        pairs += [(s.n, r) for s in user.react(run, config) for r in s.reactions]
    notes = [n for n, _ in pairs]
    labelled = [(n, found) for n, r in pairs if (found := label(r)) is not None]
    before = rss_mib()
    model = Model(BERLIN)
    learn_times, score_times = [], []
    for n, found in labelled:
        t = time.perf_counter()
        model.learn(n, *found)
        learn_times.append(time.perf_counter() - t)
    for n in notes[:: max(1, len(notes) // 20_000)]:
        t = time.perf_counter()
        model.score(n)
        score_times.append(time.perf_counter() - t)
    after = rss_mib()
    tracemalloc.start()  # a second model, traced: tracemalloc slows every allocation, so not timed
    traced = Model(BERLIN)
    for n, found in labelled:
        traced.learn(n, *found)
    heap, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    saved = len(json.dumps(model.to_json(), separators=(",", ":")))
    us = 1e6
    print(
        f"model: import (after the core) {imported * 1000:.1f} ms; "
        f"{len(learn_times)} labels over {weeks} weeks, {len(model.z)} features"
    )
    print(
        f"  learn one: median {statistics.median(learn_times) * us:.1f} µs, p99 "
        f"{sorted(learn_times)[int(0.99 * len(learn_times))] * us:.1f} µs"
    )
    print(
        f"  score one: median {statistics.median(score_times) * us:.1f} µs, p99 "
        f"{sorted(score_times)[int(0.99 * len(score_times))] * us:.1f} µs"
    )
    print(
        f"  heap held {heap / 2**20:.2f} MiB (peak {peak / 2**20:.2f}); "
        f"RSS {before:.0f} -> {after:.0f} MiB; file {saved / 1024:.0f} KiB"
    )
    print(f"  explain: {model.explain(next(n for n in notes if n.sender == 'Anke'))}")
    worst_case()


def worst_case() -> None:
    """A user whose every message brings new words: the model at its feature cap (MAX_FEATURES)."""
    import random

    from notifyzen.core.model import Notification
    from notifyzen.learn.model import MAX_FEATURES, Model

    rng = random.Random(1)
    letters = "abcdefghijklmnopqrstuvwxyz"
    notes = [
        Notification(
            "Chat",
            f"Person {i % 500}",
            datetime(2026, 1, 5, 9, tzinfo=BERLIN) + timedelta(minutes=i),
            " ".join("".join(rng.choice(letters) for _ in range(7)) for _ in range(12)),
            sender=f"Person {i % 500}",
        )
        for i in range(6000)
    ]
    tracemalloc.start()
    model = Model(BERLIN)
    t = time.perf_counter()
    for i, n in enumerate(notes):
        model.learn(n, i % 3 == 0)
    spent = time.perf_counter() - t
    heap, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  worst case (12 new words per message, 500 people): {len(model.z)} features (cap {MAX_FEATURES}), "
        f"heap {heap / 2**20:.1f} MiB (peak {peak / 2**20:.1f}), "
        f"{spent / len(notes) * 1e6:.0f} µs per label traced"
    )


def proof(seeds: int) -> None:
    from notifyzen.core.proposals_sim import Preferences, SimUser, live_weeks
    from notifyzen.core.replay import Entry
    from notifyzen.core.ruleload import load_active
    from notifyzen.core.weekgen import generate_week
    from notifyzen.desktop import paths

    loaded = load_active(Path(tempfile.mkdtemp()), paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None
    config = replace(loaded.config, zone=BERLIN)
    users = {
        "family": Preferences(
            frozenset({"Anke", "Mum"}),
            frozenset({"BBC News", "Strava"}),
            frozenset({"Family", "Climbing crew"}),
        ),
        "work": Preferences(
            frozenset({"Priya Raman"}), frozenset({"Nextcloud", "Firefox"}), frozenset({"#team-backend"})
        ),
        "defaults": Preferences(),
    }
    print(
        "\n| user | seed | week | could have waited: defaults → with proposals | fewer "
        "| should have come: defaults → with | fewer | people within max wait "
        "| proposed at the end of the week before |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    totals: dict[str, list[tuple[float, float]]] = {}
    for name, prefs in users.items():
        for seed in range(1, seeds + 1):
            weeks = [
                [
                    Entry(i + 1, e)
                    for i, e in enumerate(
                        generate_week(MONDAY + timedelta(weeks=k), BERLIN, seed=seed * 10 + k)
                    )
                ]
                for k in range(3)
            ]
            result = live_weeks(SimUser(prefs, seed=seed), loaded.rules, config, weeks)
            for k in (1, 2):
                w, before = result[k], result[k - 1]
                c = _fewer(w.lived.could_have_waited, w.defaults.could_have_waited)
                s = _fewer(w.lived.should_have_come, w.defaults.should_have_come)
                totals.setdefault(name, []).append((c, s))
                print(
                    f"| {name} | {seed} | {k + 1} "
                    f"| {w.defaults.could_have_waited} → {w.lived.could_have_waited} | {_pct(c)} "
                    f"| {w.defaults.should_have_come} → {w.lived.should_have_come} | {_pct(s)} "
                    f"| {w.lived.people_within}/{w.lived.people} (defaults {w.defaults.people_within}) "
                    f"| {', '.join(before.proposed) or '—'} |"
                )
    for name, rows in totals.items():
        met = sum(c >= 0.3 and s >= 0.3 for c, s in rows)
        print(f"{name}: both ≥ 30% fewer in {met} of {len(rows)} measured weeks")


def _fewer(lived: int, base: int) -> float:
    return 1 - lived / base if base else 0.0 if lived == 0 else -1.0


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--weeks", type=int, default=52)
    p.add_argument("--seeds", type=int, default=10)
    p.add_argument("--no-proof", action="store_true")
    args = p.parse_args()
    model_cost(args.weeks)
    if not args.no_proof:
        proof(args.seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
