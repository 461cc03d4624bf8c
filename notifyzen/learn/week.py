"""This week's proposals from the user's own history: the CLI, the weekly report and the digest
all ask here, so they propose the same rules with the same evidence and the same replay.

The week is replayed under the active rules (core/whatif.py) to know what was decided and shown
when, the history's reactions are joined to it by row id (a replay's line is the row id,
history_io.read_week), and the model, brought up to date first, ranks what the counts found.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from notifyzen.core.config import Config
from notifyzen.core.proposals import Seen
from notifyzen.core.proposals_replay import Proposal, propose
from notifyzen.core.rules import RuleSet
from notifyzen.learn.model import Model

log = logging.getLogger(__name__)

WEEK = timedelta(days=7)
# Each candidate replays the week: past this many (the report's what-if limit) it is left out, so a
# flooded week does not keep a check-in's worker busy for minutes (a replay of 100,000 takes 8 s).
MAX_NOTIFICATIONS = 10_000


def _count(db: Path, start: datetime, end: datetime) -> int:
    import sqlite3

    try:
        ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            (count,) = ro.execute(
                "SELECT count(*) FROM notification WHERE at >= ? AND at < ?",
                (start.timestamp(), end.timestamp()),
            ).fetchone()
        finally:
            ro.close()
    except sqlite3.Error:
        return 0  # read_week says what is wrong with the file, in one line
    return int(count)


@dataclass(frozen=True, slots=True)
class WeekProposals:
    start: datetime
    end: datetime
    proposals: tuple[Proposal, ...]
    notifications: int
    reactions: int
    model: Model | None  # None until it has learned something


def last_days(now: datetime) -> tuple[datetime, datetime]:
    return now - WEEK, now


def proposals_for(db: Path, rules: RuleSet, config: Config, span: tuple[datetime, datetime]) -> WeekProposals:
    """Raises history_io.HistoryError when the history cannot be read (said in one line)."""
    from notifyzen.core.schedule import Schedule
    from notifyzen.core.whatif import simulate
    from notifyzen.history import reactions as store_reactions
    from notifyzen.history import store
    from notifyzen.history.week import read_week
    from notifyzen.learn.train import catch_up

    schedule = Schedule(rules.windows, config.checkins, config.zone)

    def window_ended(at: datetime) -> bool:
        return next(schedule.focus_ends(at - timedelta(seconds=1)), None) == at

    start, end = (t.astimezone(config.zone) for t in span)
    if _count(db, start, end) > MAX_NOTIFICATIONS:
        log.info("no proposals for a week of more than %d notifications", MAX_NOTIFICATIONS)
        return WeekProposals(start, end, (), 0, 0, None)
    entries = read_week(db, start, end, config.idle_breakpoint, window_ended)
    lines = [e.line for e in entries if e.line > 0]
    if not lines:
        return WeekProposals(start, end, (), 0, 0, None)
    engine = store.reader(db)
    try:
        reactions = store_reactions.of_rows_read(engine, lines)
    finally:
        engine.dispose()
    run = simulate(entries, rules, config, span=span)
    seen = [
        Seen(o.notification, o.decision, o.shown_at, o.shown_by, tuple(reactions.get(o.line, ())))
        for o in run.outcomes
    ]
    model = catch_up(db, config.zone, config.bodies_days)
    scorer = model if model.labelled else None
    found = propose(seen, entries, rules, config, span=span, scorer=scorer)
    count = sum(len(v) for v in reactions.values())
    return WeekProposals(start, end, tuple(found), len(run.outcomes), count, scorer)


def this_week(db: Path, now: datetime) -> list[dict[str, Any]]:
    """The last 7 days' proposals as data, under the rules on disk (the digest asks on a thread of
    its own, so it reads the files itself rather than the running app's state)."""
    from notifyzen.core.ruleload import load_active
    from notifyzen.desktop import paths

    loaded = load_active(paths.config_dir(), paths.presets_dir())
    if not loaded.ok or loaded.rules is None or loaded.config is None or not db.exists():
        return []
    found = proposals_for(db, loaded.rules, loaded.config, last_days(now.astimezone(loaded.config.zone)))
    return [p.as_json() for p in found.proposals]
