"""The promise in a status reply is kept: over a generated week replayed through the real Timeline,
every message that was told "until 12:00" is shown by 12:00, and the weekly report says 100%."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.isoweek import IsoWeek
from notifyzen.core.model import Verdict
from notifyzen.core.replay import Entry
from notifyzen.core.report import ReportRow, build_report
from notifyzen.core.ruleload import load_active
from notifyzen.core.statusreply import StatusReplySettings
from notifyzen.core.statusreply_replay import kept, replay_promises
from notifyzen.core.weekgen import generate_week
from notifyzen.core.whatif import simulate

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY = date(2026, 11, 16)
PRESETS = Path(__file__).resolve().parents[2] / "rules"


@pytest.mark.parametrize("seed", [1, 7])
def test_every_promise_in_a_generated_week_is_kept(tmp_path: Path, seed: int) -> None:
    (tmp_path / "config.yaml").write_text("timezone: Europe/Amsterdam\n")
    loaded = load_active(tmp_path, PRESETS)
    assert loaded.ok and loaded.rules is not None and loaded.config is not None
    events = generate_week(MONDAY, AMS, seed=seed)
    entries = [Entry(i + 1, e) for i, e in enumerate(events)]
    run = simulate(entries, loaded.rules, loaded.config)
    senders = {o.notification.sender for o in run.outcomes if o.notification.sender}
    settings = StatusReplySettings(people=frozenset(s.casefold() for s in senders))

    told = replay_promises(run, settings)

    assert len(told) >= 10, "the week must make promises for the test to mean anything"
    broken = [
        (o.notification.sender, o.notification.at, plan.until, o.shown_at)
        for o, plan in told
        if not kept(o, plan)
    ]
    assert broken == []
    # once per conversation per focus window
    keys = [(plan.conversation, plan.window) for _, plan in told]
    assert len(keys) == len(set(keys))
    # only messages held in a focus window, each promising its own Decision.release_at
    assert all(o.decision.verdict is Verdict.HOLD and o.decision.window for o, _ in told)
    assert all(plan.until == o.decision.release_at for o, plan in told)

    promised = {id(o): plan for o, plan in told}
    rows = [
        ReportRow(
            at=o.notification.at.timestamp(),
            tz_offset=int((o.notification.at.utcoffset() or timedelta(0)).total_seconds() // 60),
            sender=o.notification.sender,
            verdict=o.decision.verdict.value,
            rule=o.decision.rule,
            window=o.decision.window,
            shown_at=o.shown_at.timestamp() if o.shown_at else None,
            release_at=o.decision.release_at.timestamp() if o.decision.release_at else None,
            status_reply_at=o.notification.at.timestamp() if id(o) in promised else None,
        )
        for o in run.outcomes
    ]
    totals = build_report(rows, [], IsoWeek.containing(MONDAY), AMS).totals
    assert totals.replies == len(told)
    assert totals.promises_share == 1.0


def test_a_broken_promise_would_be_seen(tmp_path: Path) -> None:
    """The check above can fail: a message shown after its promise counts as not kept."""
    (tmp_path / "config.yaml").write_text("timezone: Europe/Amsterdam\n")
    loaded = load_active(tmp_path, PRESETS)
    assert loaded.rules is not None and loaded.config is not None
    events = generate_week(MONDAY, AMS, seed=1)
    run = simulate([Entry(i + 1, e) for i, e in enumerate(events)], loaded.rules, loaded.config)
    senders = frozenset(o.notification.sender.casefold() for o in run.outcomes if o.notification.sender)
    (o, plan), *_ = replay_promises(run, StatusReplySettings(people=senders))
    late = type(o)(o.line, o.notification, o.decision, plan.until + timedelta(minutes=1), o.shown_by)
    assert kept(o, plan) and not kept(late, plan)
