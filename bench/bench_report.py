"""How long the weekly report takes on a year of history (goal: under 300 ms, query + aggregation).

    python3 bench/bench_report.py [--weeks 52] [--per-week 9700] [--db /tmp/year.db]

Builds a history of about half a million notifications (four generated, lived-in weeks repeated
over the year, so building stays quick), checks with EXPLAIN QUERY PLAN that the week queries
run on the `at` indexes, then times the report for one week end to end: open the read-only
history, select the two weeks' columns, aggregate. Prints the figures; one run per call.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.reportweek import MAX_WAIT, lived_week, write_history
from notifyzen.core.replay import FocusSpan
from notifyzen.core.report import IsoWeek, build_report
from notifyzen.report.data import checkin_query, load_week, open_history, row_query

AMS = ZoneInfo("Europe/Amsterdam")
FIRST = IsoWeek(2025, 48)
MOVED = ("at", "shown_at", "release_at", "status_reply_at", "planned_at")


def shifted(items: list[dict[str, Any]], seconds: float) -> list[dict[str, Any]]:
    return [{k: (v + seconds if k in MOVED and v is not None else v) for k, v in i.items()} for i in items]


def build(path: Path, weeks: int, per_week: int) -> tuple[int, list[FocusSpan]]:
    samples = [lived_week(FIRST.monday, AMS, seed=seed, size=per_week) for seed in range(4)]
    rows: list[dict[str, Any]] = []
    checkins: list[dict[str, Any]] = []
    spans: list[FocusSpan] = []
    for k in range(weeks):
        r, c, f = samples[k % len(samples)]
        rows += shifted(r, k * 7 * 86400)
        checkins += shifted(c, k * 7 * 86400)
        spans += [FocusSpan(s.name, s.start + timedelta(weeks=k), s.end + timedelta(weeks=k)) for s in f]
    path.unlink(missing_ok=True)
    t = time.perf_counter()
    write_history(path, rows, checkins)
    print(f"insert: {len(rows):,} rows with executemany in {time.perf_counter() - t:.1f} s")
    return len(rows), spans


def plans(path: Path) -> list[str]:
    engine = open_history(path)
    assert engine is not None
    out = []
    with engine.connect() as conn:
        for query in (row_query(0.0, 1.0), checkin_query(0.0, 1.0)):
            sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
            plan = " | ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            out.append(plan)
            if "USING INDEX" not in plan:
                raise SystemExit(f"a week query does not use an index: {plan}")
    engine.dispose()
    return out


def time_week(path: Path, week: IsoWeek, runs: int, all_spans: list[FocusSpan]) -> dict[str, float]:
    lo, hi = week.previous().bounds(AMS)[0], week.bounds(AMS)[1]
    spans = [s for s in all_spans if s.end > lo and s.start < hi]  # what the schedule gives for 2 weeks
    query, total, cpu, rows = [], [], [], 0
    for _ in range(runs):
        c0 = time.process_time()
        t0 = time.perf_counter()
        engine = open_history(path)
        data = load_week(engine, week, AMS)
        t1 = time.perf_counter()
        report = build_report(
            data.rows,
            data.checkins,
            week,
            AMS,
            focus_spans=spans,
            previous_rows=data.previous_rows,
            previous_checkins=data.previous_checkins,
            max_wait=MAX_WAIT,
        )
        t2 = time.perf_counter()
        cpu.append(time.process_time() - c0)
        assert engine is not None
        engine.dispose()
        query.append(t1 - t0)
        total.append(t2 - t0)
        rows = len(data.rows) + len(data.previous_rows)
        assert report.totals.notifications == len(data.rows)
    return {
        "rows": rows,
        "first_ms": total[0] * 1000,
        "median_ms": statistics.median(total) * 1000,
        "max_ms": max(total) * 1000,
        "query_median_ms": statistics.median(query) * 1000,
        "cpu_median_ms": statistics.median(cpu) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--per-week", type=int, default=9700)
    parser.add_argument("--db", type=Path, default=Path("/tmp/notifyzen-bench-report.db"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    t = time.perf_counter()
    count, spans = build(args.db, args.weeks, args.per_week)
    built = time.perf_counter() - t
    print(f"history: {count:,} notifications over {args.weeks} weeks, built in {built:.1f} s ({args.db})")
    for plan in plans(args.db):
        print(f"plan: {plan}")
    week = IsoWeek.containing(FIRST.monday + timedelta(weeks=args.weeks // 2))
    f = time_week(args.db, week, args.runs, spans)
    print(
        f"report {week}: {f['rows']:,} rows read (this week and the one before); "
        f"end to end first {f['first_ms']:.0f} ms, median {f['median_ms']:.0f} ms, max {f['max_ms']:.0f} ms "
        f"(query part median {f['query_median_ms']:.0f} ms) over {args.runs} runs; goal < 300 ms"
    )
    load, cpus = os.getloadavg()[0], os.cpu_count()
    print(f"CPU time per report: median {f['cpu_median_ms']:.0f} ms; load average {load:.1f} on {cpus} CPUs")


if __name__ == "__main__":
    main()
