"""A stored week of history as a replay stream (for `notifyzen rules simulate --week`).

Reads the SQLite history read-only with SQLModel, so it works while the app is running. The store
keeps no idle/active events, but it keeps every breakpoint check-in: coming back at `t` after the
idle threshold is what made one, so each becomes an idle/active pair ending at `t`, and a replay
under the same settings puts the breakpoint where it really was. Breakpoints the schedule explains
(a focus window ended then) are left out (`explained`): the replay makes those itself, and under
candidate rules with other windows a made-up return from idle there would be wrong. The screen
shared, full screen and calls are kept (the `situation` table, issue 19) and come back as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine
from sqlmodel import Session, col, or_, select

from notifyzen.core.situation import Kind, Situation
from notifyzen.core.situation import Presence as SituationPresence
from notifyzen.core.stream import DeskChange, Entry, Event, Presence
from notifyzen.history.schema import CheckInRow, NotificationRow, SituationRow, upgrade_file
from notifyzen.history.store import (  # the writer's own reading: flags, hints and all
    from_epoch,
    row_notification,
)


class HistoryError(Exception):
    pass


def read_week(
    path: Path,
    start: datetime,
    end: datetime,
    idle_threshold: timedelta,
    explained: Callable[[datetime], bool] = lambda at: False,
) -> list[Entry]:
    """Notifications of [start, end) in arrival order; `line` is the history row id."""
    if not path.exists():
        raise HistoryError(f"no history yet at {path} (notifyzen keeps it once it runs)")
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    lo, hi = start.timestamp(), end.timestamp()
    try:
        upgrade_file(path)  # a file an older notifyzen made lacks columns NotificationRow reads
        with Session(engine) as session:
            rows: Sequence[NotificationRow] = session.exec(
                select(NotificationRow)
                .where(NotificationRow.at >= lo, NotificationRow.at < hi)
                .order_by(col(NotificationRow.at), col(NotificationRow.id))
            ).all()
            desk: Sequence[SituationRow] = session.exec(
                select(SituationRow).where(
                    SituationRow.started_at < hi,
                    or_(col(SituationRow.ended_at).is_(None), col(SituationRow.ended_at) > lo),
                )
            ).all()
            breaks: Sequence[CheckInRow] = session.exec(
                select(CheckInRow).where(
                    CheckInRow.reason == "breakpoint", CheckInRow.at >= lo, CheckInRow.at < hi
                )
            ).all()
    except Exception as exc:  # a locked, foreign or corrupt file: say which, never a traceback
        raise HistoryError(f"cannot read the history at {path}: {exc}") from exc
    finally:
        engine.dispose()
    events: list[tuple[datetime, int, Event]] = [
        (from_epoch(r.at, r.tz_offset), int(r.id or 0), row_notification(r)) for r in rows
    ]
    # An update in place points at its first version (whose row id is the id the sender knows),
    # when that is in the same span; otherwise it is the first this replay knows of it.
    selected = {int(r.id or 0) for r in rows}
    replaces = {int(r.id or 0): r.replaces_id for r in rows if r.replaces_id and r.replaces_id in selected}
    for b in breaks:
        back = from_epoch(b.at, b.tz_offset)
        if explained(back):
            continue
        events.append((back - idle_threshold, 0, Presence(back - idle_threshold, idle=True)))
        events.append((back, 0, Presence(back, idle=False)))
    events += [(change.at, 0, change) for change in desk_changes(desk, lo, hi)]
    events.sort(key=lambda e: e[0])
    return [Entry(row_id, event, replaces.get(row_id)) for _, row_id, event in events]


def desk_changes(rows: Sequence[SituationRow], lo: float, hi: float) -> list[DeskChange]:
    """The recorded situations (screen shared, a call: issue 19) as changes inside [lo, hi): at
    the span's start what already went on, then one at every start and end."""
    spans = [(r.started_at, r.ended_at if r.ended_at is not None else hi, r) for r in rows]
    moments = sorted({max(start, lo) for start, _, _ in spans} | {end for _, end, _ in spans if end < hi})
    out: list[DeskChange] = []
    last: Situation | None = None
    for t in moments:
        going = tuple(
            SituationPresence(Kind(r.kind), datetime.fromtimestamp(start, UTC), r.app)
            for start, end, r in spans
            if start <= t < end and r.kind in KINDS
        )
        now = Situation(going)
        if now != last and (going or last is not None):
            out.append(DeskChange.of(datetime.fromtimestamp(t, UTC), now))
        last = now
    return out


KINDS = {k.value for k in Kind}
