"""Issue 18's example week as a real history: the week whose report showed focus figures nobody
could trust and suggested muting people.

Written through the real Store (notifications, a check-in, the run log), with the rules a user had
(the default preset plus a daily 11:00-19:00 "afternoon" window around the deep-work blocks), so
the report's tests, the CLI tests and the screenshot read the same week. Amsterdam, 2026-W47:

- notifyzen first started Monday 16 Nov 11:52, stopped Tuesday 20:00, started again Wednesday
  07:30 and is still running (`ASKED`, Thursday 15:00, is when the report is asked mid-week).
- Slack is shown at once (an interruption) Mon 14:30; Tue 09:45, 13:00, 16:00; Wed 12:00, 15:30; Thu 08:10
  (outside focus).
- Signal: Anke writes twice in deep work on Tuesday, held to the 10:30 check-in.
- Chat: 20 messages from people (sender and im.received), none clicked: people, not noise.
- Strava: 25 kudos nobody opens: noise.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from notifyzen.core.isoweek import IsoWeek
from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.core.replay import FocusSpan
from notifyzen.core.schedule import FocusWindow, Schedule, Span
from notifyzen.core.timeline import CheckIn
from notifyzen.core.whatif import focus_spans
from notifyzen.history.store import Store

AMS = ZoneInfo("Europe/Amsterdam")
W47 = IsoWeek(2026, 47)  # Mon 16 Nov – Sun 22 Nov 2026
ASKED = datetime(2026, 11, 19, 15, 0, tzinfo=AMS)  # Thursday afternoon

# the rules as the user had them: config.yaml and a rules file next to the default preset
CONFIG_YAML = "timezone: Europe/Amsterdam\n"
RULES_YAML = """\
windows:
  - name: afternoon
    days: daily
    times: 11:00-19:00
"""
WEEKDAYS = frozenset(range(5))
SCHEDULE = Schedule(
    (
        FocusWindow("deep work", WEEKDAYS, (Span(time(9), time(10, 30)), Span(time(11), time(12, 30)),
                                            Span(time(14), time(15, 30)))),
        FocusWindow("sleep", spans=(Span(time(22, 30), time(7)),), max_wait=timedelta(0)),
        FocusWindow("afternoon", spans=(Span(time(11), time(19)),)),
    ),
    zone=AMS,
)  # fmt: skip


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026, Amsterdam time."""
    return datetime(2026, 11, day, hour, minute, tzinfo=AMS)


def spans(week: IsoWeek = W47) -> list[FocusSpan]:
    """The focus spans the rules above give for `week` and the week before (as the CLI asks)."""
    start, end = week.previous().bounds(AMS)[0], week.bounds(AMS)[1]
    return list(focus_spans(SCHEDULE, start, end))


def window_at(moment: datetime) -> str | None:
    return next((s.name for s in spans() if s.covers(moment)), None)


def write_week(path: Path) -> Path:
    s = Store(path)
    s.run_started(at(16, 11, 52))
    s.alive(at(17, 19, 59))
    s.run_ended(at(17, 20))
    s.run_started(at(18, 7, 30))
    s.alive(ASKED - timedelta(seconds=30))  # still running when the report is asked
    for moment in (
        at(16, 14, 30),
        at(17, 9, 45),
        at(17, 13),
        at(17, 16),
        at(18, 12),
        at(18, 15, 30),
        at(19, 8, 10),
    ):
        n = Notification(app_name="Slack", summary="#general", body="deploy done", at=moment)
        row = s.reserve_id()
        s.add(row, n, Decision(Verdict.DELIVER, "default", "", window=window_at(moment)), origin="server")
        s.shown(row, moment, "arrival")
    held = []
    for minute in (5, 40):
        moment = at(17, 9, minute)
        n = Notification(app_name="Signal", summary="Anke", body="lunch?", sender="Anke", at=moment)
        decision = Decision(Verdict.HOLD, "focus", "held in deep work", at(17, 10, 30), window="deep work")
        held.append(s.reserve_id())
        s.add(held[-1], n, decision, origin="server")
    s.checkin(CheckIn(at(17, 10, 30), "scheduled", tuple(held)), planned_at=at(17, 10, 30))
    for row in held:
        s.shown(row, at(17, 10, 30), "checkin")
    people = ("Mum", "Jonas", "Sanne", "Pieter")
    for i in range(20):
        moment = at(16 + i % 3, 19, 10 + 2 * i)  # evenings, outside every focus window
        sender = people[i % len(people)]
        n = Notification(
            app_name="Chat", summary=sender, body="hoi", sender=sender, category="im.received", at=moment
        )
        row = s.reserve_id()
        s.add(row, n, Decision(Verdict.DELIVER, "default", ""), origin="server")
        s.shown(row, moment, "arrival")
    for i in range(25):
        moment = at(17 + i % 2, 7, 31 + i)  # mornings before deep work
        n = Notification(app_name="Strava", summary="Kudos", body="Jonas gave you kudos", at=moment)
        row = s.reserve_id()
        s.add(row, n, Decision(Verdict.DELIVER, "default", ""), origin="server")
        s.shown(row, moment, "arrival")
    s.close()
    return path


def write_rules(config_dir: Path) -> Path:
    """XDG_CONFIG_HOME/notifyzen as the user had it; returns XDG_CONFIG_HOME."""
    (config_dir / "notifyzen" / "rules").mkdir(parents=True, exist_ok=True)
    (config_dir / "notifyzen" / "config.yaml").write_text(CONFIG_YAML)
    (config_dir / "notifyzen" / "rules" / "afternoon.yaml").write_text(RULES_YAML)
    return config_dir
