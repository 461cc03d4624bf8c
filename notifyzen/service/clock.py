"""The Service's time: the one timer, catching up after sleep or a stop, the heartbeat, daily chores.

The timer lives on the bus loop (`arm`): the Timeline is only ever touched on the bus thread, so
no lock is needed, and a check-in fires even while Qt is busy drawing. It runs on the monotonic
clock, which stands still while the machine sleeps; what fell due meanwhile is caught up once
(`slept_through`), as after a restart (`catch_up`, from the heartbeat file). docs/architecture.md
("The clock and the one timer") says why it is not APScheduler; APScheduler does the daily purge.
Everything here runs on the bus thread.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from notifyzen.core.config import local_zone
from notifyzen.core.timeline import CheckIn, Release
from notifyzen.desktop import paths

if TYPE_CHECKING:
    from notifyzen.service.service import Service

log = logging.getLogger("notifyzen.service.service")  # the Service's log, whichever part writes it

AFTER_BURST_S = 0.2  # the tray and the timer catch up this long after the last arrival
TIMER_CEILING = 60.0  # re-check at least this often: wall-clock jumps, suspend, day change
# The timer runs on the monotonic clock, which stands still while the machine sleeps: firing this
# long after its wall-clock moment, it slept through what fell due (or notifyzen was frozen).
OVERSLEPT = timedelta(seconds=TIMER_CEILING)
RETENTION_AT = "03:30"  # local time of the daily purge of old text and rows (config: retention)


# -- the one timer ---------------------------------------------------------------------------------
def arm(service: Service) -> None:
    """One timer: the Timeline's next change, or a ceiling so wall-clock jumps are noticed."""
    if service.timer is not None:
        service.timer.cancel()
    now = service.clock.now()
    delay = TIMER_CEILING
    nxt = service.timeline.next_change(now)
    if nxt is not None:
        delay = min(delay, max(0.0, (nxt - now).total_seconds()))
    service.timer_due = now + timedelta(seconds=delay)
    service.timer = service.loop.call_later(delay, _timer_fired, service)
    follow_focus(service, now)


def follow_focus(service: Service, now: datetime) -> None:
    """Observe mode: the desktop's own Do not disturb is on exactly while the rules want it (in
    focus, not paused). Every change of that answer passes here: the timer is armed after each
    tick, each of the user's moments and each burst, and window edges are in `next_change`."""
    try:
        silence = service.timeline.silences(now)
    except Exception:
        log.exception("could not tell whether the desktop should be silenced")
        return
    for adapter in service.adapters:
        follow = getattr(adapter, "follow", None)
        if callable(follow):
            follow(silence)


def _timer_fired(service: Service) -> None:
    slept_through(service)  # the timer may fire before logind says the machine woke up
    tick(service)


def slept_through(service: Service) -> None:
    """When the wall clock is far past the moment the timer was set for, the machine slept
    (no code ran): what fell due meanwhile is one catch-up check-in now, and each scheduled
    check-in passed is recorded at its planned time as missed, not as kept back then."""
    now, due = service.clock.now(), service.timer_due
    if due is None or now - due <= OVERSLEPT:
        return
    service.timer_due = None
    service.act(record_missed(service, service.timeline.advanced_to or due, now))


def tick(service: Service) -> None:
    try:
        service.act(service.timeline.advance(service.clock.now()))
    except Exception:
        log.exception("the timeline failed to advance")
    heartbeat(service)
    arm(service)
    service.emit_status()


def later(service: Service) -> None:
    """Re-arm the timer and push the status a moment later, once for a whole burst: both ask
    the rules engine for the next moments, which would otherwise sit between a sender's calls.
    (What is due at once needs no timer: take() has already advanced the Timeline.)"""
    if not service.later_pending:
        service.later_pending = True
        service.loop.call_later(AFTER_BURST_S, _after_burst, service)


def _after_burst(service: Service) -> None:
    service.later_pending = False
    arm(service)
    service.emit_status()
    _checkpoint_when_quiet(service)


# -- catching up: check-ins nobody was there for ---------------------------------------------------
def catch_up(service: Service, now: datetime) -> None:
    """Check-ins missed while notifyzen was not running become one check-in now.

    Each scheduled one that fell meanwhile is also recorded, at its planned time, as a
    "missed" row with planned_at: the report counts planned check-ins and keeps "missed" out
    of the kept ones (core/report.py). The catch-up itself was planned by nobody."""
    last = _last_run(service)
    if last is not None:
        service.pending_startup.extend(record_missed(service, last, now))


def record_missed(service: Service, last: datetime, now: datetime) -> list[Release | CheckIn]:
    """Records each scheduled check-in planned after `last` up to `now` as missed; returns
    the one catch-up check-in to act on (none when nothing fell due)."""
    try:
        missed = service.timeline.missed(last, now)
        planned = service.timeline.planned_between(last, now)
    except Exception:
        log.exception("could not work out missed check-ins")
        return []
    assert service.store is not None
    for at in planned:
        service.store.checkin(CheckIn(at, "missed"), planned_at=at)
    return [missed] if missed is not None else []


# -- the heartbeat and the run log -----------------------------------------------------------------
# The heartbeat file (`<history>.last-run`, 0600): the last moment this run was alive, and on a
# second line the highest id given out. It lives outside the history on purpose: a history found
# damaged, emptied or gone at the next start is then said, and its ids are not given out again.
def _last_run(service: Service) -> datetime | None:
    try:
        return datetime.fromisoformat(_heartbeat_file(service).read_text().split("\n")[0].strip())
    except (OSError, ValueError):
        return None


def remembered(service: Service) -> tuple[bool, int]:
    """(an earlier run kept a history here, the highest id it gave out) for `Store`."""
    try:
        lines = _heartbeat_file(service).read_text().split("\n")
    except OSError:
        return False, 0
    try:
        return True, int(lines[1]) if len(lines) > 1 and lines[1].strip() else 0
    except ValueError:
        return True, 0


def _heartbeat_file(service: Service) -> Path:
    return service.db_path.with_name(service.db_path.name + ".last-run")


def heartbeat(service: Service) -> None:
    if service.store is not None:
        service.store.alive(service.clock.now())
    remember(service)


def remember(service: Service) -> None:
    """Write the heartbeat file: each minute, after each burst (with its checkpoint) and at a
    clean stop, so the ids it names are at most a burst behind the history's."""
    last_id = f"\n{service.store.last_id}" if service.store is not None else ""
    try:
        paths.write_private(_heartbeat_file(service), service.clock.now().isoformat() + last_id)
    except OSError as exc:  # a full disk: said in the tray by the history itself, once a minute here
        log.warning("could not record the last-run time: %s", exc)


# -- the history's chores --------------------------------------------------------------------------
def _checkpoint_when_quiet(service: Service) -> None:
    """The history's checkpoint, once nothing has arrived for AFTER_BURST_S: run inside a
    Notify call (SQLite's automatic one) it doubled the round trip's p99 (2.2 -> 1.2 ms without)."""
    if service.store is None or service.store.unsaved == 0:
        return
    quiet = time.monotonic() - service.store.last_write
    if quiet < AFTER_BURST_S:
        if not service.checkpoint_pending:
            service.checkpoint_pending = True
            service.loop.call_later(AFTER_BURST_S - quiet, service.guarded, _checkpoint_again, (service,))
        return
    service.store.checkpoint()
    remember(service)


def _checkpoint_again(service: Service) -> None:
    service.checkpoint_pending = False
    _checkpoint_when_quiet(service)


def start_housekeeping(service: Service) -> None:
    """Daily chores on APScheduler, on this loop: a cron trigger follows the local day across
    DST, and coalesce + no misfire limit run a purge the machine slept through once on resume.

    Check-ins are not scheduled here: they follow Timeline.next_change on the service's own
    timer, which also runs on the injected clock (docs/architecture.md says why).
    """
    from apscheduler.executors.asyncio import AsyncIOExecutor
    from apscheduler.schedulers.asyncio import AsyncIOScheduler
    from apscheduler.triggers.cron import CronTrigger

    async def purge() -> None:  # a coroutine, so AsyncIOExecutor runs it on this thread
        service.guarded(purge_old_bodies, (service,))

    hour, minute = (int(x) for x in RETENTION_AT.split(":"))
    zone = local_zone()
    service.housekeeping = AsyncIOScheduler(event_loop=service.loop, executors={"default": AsyncIOExecutor()})
    service.housekeeping.add_job(
        purge,
        CronTrigger(hour=hour, minute=minute, timezone=zone),
        id="retention",
        coalesce=True,
        misfire_grace_time=None,
    )
    service.housekeeping.start()


def purge_old_bodies(service: Service) -> None:
    """Retention, at start, then daily (start_housekeeping) and when the rules are saved:
    `retention: {bodies_days: N}` erases message text older than N days, the rows (counts, report)
    stay; `retention: {rows_days: N}` deletes ended rows older than N days, so a history stays
    bounded however many years notifyzen runs (Store.purge_rows)."""
    config = getattr(service.timeline, "config", None)
    if service.store is None or config is None:
        return
    days = getattr(config, "bodies_days", None)
    if days:
        erased = service.store.purge_bodies(service.clock.now() - timedelta(days=days))
        if erased:
            log.info("retention: erased the text of %d notification(s) older than %d days", erased, days)
    days = getattr(config, "rows_days", None)
    if days:
        deleted = service.store.purge_rows(service.clock.now() - timedelta(days=days))
        if deleted:
            log.info("retention: deleted %d notification(s) older than %d days", deleted, days)
