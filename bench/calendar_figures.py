"""What knowing the calendar does to a generated week's meetings (issue 19), per seed.

For each week (notifyzen/core/weekgen.py) and the calendar behind its reminders, three replays
of the shipped defaults: every notification shown on arrival, the defaults without the calendar
(meetings are whatever the weekly windows make of them), and with it. Counted: interruption
moments inside meetings, what the ones left are (the break-throughs the user chose: critical,
a second call, a reminder of the next meeting, and a person's max wait running out), and whether
anything was lost or a person waited longer than the max wait.

python bench/calendar_figures.py --seeds 1 2 3 4 5
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notifyzen.calendar.feed import focus
from notifyzen.core.model import ShownBy
from notifyzen.core.replay import Entry, Run
from notifyzen.core.replay_summary import INTERRUPTING, summarize
from notifyzen.core.ruleload import load_active
from notifyzen.core.weekgen import generate_calendar, generate_week
from notifyzen.core.whatif import simulate
from notifyzen.desktop import paths

BERLIN = ZoneInfo("Europe/Berlin")
CHOSEN = ("critical", "repeated contact", "time-sensitive", "pairing request")


@dataclass(frozen=True, slots=True)
class MeetingFigures:
    passthrough: int  # moments something popped up in a meeting, everything shown on arrival
    without_calendar: int  # the same under the defaults that do not know the meetings
    with_calendar: int
    chosen: int  # of those: critical, a second call, a reminder of the next meeting
    max_wait: int  # of those: a person's max wait ran out
    other: int  # anything else: what the calendar should have kept back
    notifications: int
    never_shown: int  # held and never shown: lost
    people_within: float  # share of people's daytime messages shown within the max wait
    longest_person_wait_in_meetings: float  # minutes, for messages that arrived in a meeting


def meeting_figures(monday: date, seed: int) -> MeetingFigures:
    with tempfile.TemporaryDirectory() as empty:  # no config.yaml, no rules: the shipped defaults
        loaded = load_active(Path(empty), paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None, loaded.errors
    config = replace(loaded.config, zone=BERLIN)
    entries = [Entry(i + 1, e) for i, e in enumerate(generate_week(monday, BERLIN, seed=seed))]
    calendar = focus(generate_calendar(monday, BERLIN, seed=seed), paths.presets_dir())
    aware = simulate(entries, loaded.rules, config, calendar=calendar)
    plain = simulate(entries, loaded.rules, config)
    meetings = [(s.start.timestamp(), s.end.timestamp()) for s in aware.focus if s.name == "meeting"]

    def in_meeting(t: float) -> bool:
        return any(a <= t < b for a, b in meetings)

    def moments(run: Run, why: tuple[str, ...] | None = None, by: ShownBy | None = None) -> int:
        return len(
            {
                o.shown_at.timestamp()
                for o in run.outcomes
                if o.shown_at is not None
                and o.shown_by in INTERRUPTING
                and in_meeting(o.shown_at.timestamp())
                and (why is None or o.decision.rule in why)
                and (by is None or o.shown_by is by)
            }
        )

    passthrough = len(
        {o.notification.at.timestamp() for o in aware.outcomes if in_meeting(o.notification.at.timestamp())}
    )
    chosen = moments(aware, CHOSEN, ShownBy.ARRIVAL)
    waited = moments(aware, by=ShownBy.MAX_WAIT)
    total = moments(aware)
    summary = summarize(aware, BERLIN)
    person_waits = [
        (o.wait.total_seconds() / 60)
        for o in aware.outcomes
        if o.wait is not None and o.notification.sender and in_meeting(o.notification.at.timestamp())
    ]
    return MeetingFigures(
        passthrough,
        moments(plain),
        total,
        chosen,
        waited,
        total
        - len(
            {
                o.shown_at.timestamp()
                for o in aware.outcomes
                if o.shown_at is not None
                and in_meeting(o.shown_at.timestamp())
                and o.shown_by in INTERRUPTING
                and (
                    (o.decision.rule in CHOSEN and o.shown_by is ShownBy.ARRIVAL)
                    or o.shown_by is ShownBy.MAX_WAIT
                )
            }
        ),
        summary.notifications,
        summary.never_shown_held,
        summary.people_daytime.within_share or 0.0,
        max(person_waits, default=0.0),
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3, 4, 5])
    p.add_argument("--monday", default="2026-11-16", help="the week's Monday (default 2026-W47)")
    args = p.parse_args()
    monday = date.fromisoformat(args.monday)
    print(
        "| seed | in meetings: pass-through | defaults, no calendar | with calendar"
        " | of which chosen / max wait / other | lost | people within max wait"
        " | longest wait, met in a meeting |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for seed in args.seeds:
        f = meeting_figures(monday, seed)
        print(
            f"| {seed} | {f.passthrough} | {f.without_calendar} | {f.with_calendar}"
            f" | {f.chosen} / {f.max_wait} / {f.other} | {f.never_shown} of {f.notifications}"
            f" | {f.people_within:.1%} | {f.longest_person_wait_in_meetings:.0f} min |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
