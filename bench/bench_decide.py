"""Time per decision with 200 rules (goal: at most 50 µs), and per Timeline.take.

200 rules the way a heavy user would write them: most name an app, some a person, some look
for words in the text. The notifications are a generated week (notifyzen.core.weekgen), so
apps, people and times are realistic; half the rules are written for apps in that week.
Run: python3 bench/bench_decide.py. The figure is CPU time (process_time), since on a shared machine
other processes inflate the wall clock; the wall-clock median and best round are printed too.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notifyzen.core.config import Config
from notifyzen.core.engine import Context, Engine
from notifyzen.core.model import Notification, Urgency, Verdict
from notifyzen.core.ruleload import load_rules
from notifyzen.core.rules import Action, Match, Rule
from notifyzen.core.textpattern import PatternBook, compile_pattern
from notifyzen.core.timeline import Timeline
from notifyzen.core.weekgen import generate_week

AMS = ZoneInfo("Europe/Amsterdam")
PRESET = Path(__file__).resolve().parents[1] / "rules" / "default.yaml"


def two_hundred_rules(apps: list[str], people: list[str]) -> tuple[Rule, ...]:
    rng = random.Random(7)
    verdicts = [
        Action(Verdict.HOLD),
        Action(Verdict.MUTE),
        Action(Verdict.DELIVER),
        Action(set_urgency=Urgency.LOW),
    ]
    rules: list[Rule] = []
    book = PatternBook()  # as the loader does: one per rule set
    for i in range(120):  # per app: the week's apps and others
        app = apps[i % len(apps)] if i % 2 else f"app{i}"
        match = Match(
            app=frozenset({app.casefold()}),
            summary=compile_pattern(rf"never{i}|build {i} failed", book) if i % 3 == 0 else None,
        )
        rules.append(Rule(f"app rule {i}", match, rng.choice(verdicts), during="any" if i % 4 == 0 else None))
    for i in range(40):  # per person
        who = people[i % len(people)] if i % 4 == 0 else f"person {i}"
        rules.append(
            Rule(
                f"person rule {i}",
                Match(sender=frozenset({who.casefold()}), urgency=frozenset({Urgency.LOW})),
                rng.choice(verdicts),
            )
        )
    for i in range(25):  # words in the text
        rules.append(
            Rule(
                f"text rule {i}",
                Match(text=compile_pattern(rf"\b(invoice|coupon){i}\b", book)),
                Action(Verdict.MUTE),
            )
        )
    for i in range(15):  # category and source
        rules.append(
            Rule(f"category rule {i}", Match(category=(f"x-vendor{i}",), person=False), Action(Verdict.HOLD))
        )
    assert len(rules) == 200
    return tuple(rules)


def main() -> None:
    events = generate_week(date(2026, 3, 23), AMS, seed=3)
    stream = [e for e in events if isinstance(e, Notification)]
    apps = sorted({n.app_name for n in stream})
    people = sorted({n.sender for n in stream if n.sender})
    preset, errors = load_rules([], [PRESET])
    assert preset is not None, errors
    ruleset = replace(preset, user=two_hundred_rules(apps, people))
    config = Config(zone=AMS)
    engine = Engine(ruleset, config)
    ctx = Context()
    for n in stream:  # warm the caches the running app would have warm
        engine.decide(n, ctx, n.at)

    wall, cpu = [], []
    for _ in range(15):
        start, start_cpu = time.perf_counter(), time.process_time()
        for n in stream:
            engine.decide(n, ctx, n.at)
        wall.append((time.perf_counter() - start) / len(stream) * 1e6)
        cpu.append((time.process_time() - start_cpu) / len(stream) * 1e6)

    start = time.process_time()
    timeline = Timeline(ruleset, config)
    for i, n in enumerate(stream):
        timeline.advance(n.at)
        timeline.take(i, n, n.at)
    per_take = (time.process_time() - start) / len(stream) * 1e6

    verdicts = {v: sum(engine.decide(n, ctx, n.at).verdict is v for n in stream) for v in Verdict}
    print(
        f"rules: {len(engine.rules)} ({len(ruleset.user)} user + built-ins + preset), "
        f"notifications: {len(stream)} from a generated week, "
        f"verdicts: {', '.join(f'{v.value} {c}' for v, c in verdicts.items())}"
    )
    print(
        f"decide: {statistics.median(cpu):.1f} µs CPU per decision (median of 15 rounds; goal <= 50 µs); "
        f"wall clock {statistics.median(wall):.1f} µs median, {min(wall):.1f} µs best"
    )
    print(f"timeline advance+take: {per_take:.1f} µs CPU per notification (cold caches, one pass)")


if __name__ == "__main__":
    main()
