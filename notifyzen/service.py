"""The bus thread: one asyncio loop that owns the session bus, the history and the Timeline.

Why a thread of its own (docs/architecture.md has the numbers): a Notify call is answered only
after its row is committed, and on Qt's loop (qasync) that round trip's tail doubles because
painting and Qt timers share the loop. Here the adapters (server, observer, KDE Connect) run on a
plain asyncio loop and call `take` synchronously; Qt learns what happened through a Listener
(the Qt bridge, whose signals are queued into the GUI thread) and talks back with `post`.

Everything on this class runs on the bus thread unless it says "thread-safe".
The one timer for the Timeline also lives here (`_arm`): the Timeline is only ever touched on
this thread, so no lock is needed, and a check-in fires even while Qt is busy drawing.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import importlib
import logging
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from dbus_fast import BusType, NameFlag, RequestNameReply
from dbus_fast.aio import MessageBus

from notifyzen import __version__
from notifyzen.bus import CONTROL_NAME, MODES, NOTIFICATIONS_NAME
from notifyzen.clock import Clock, FakeClock
from notifyzen.core.config import local_zone
from notifyzen.core.model import Decision, Item, Notification, Verdict
from notifyzen.core.schedule import tomorrow_morning
from notifyzen.core.timeline import CheckIn, Release, Timeline
from notifyzen.replies import REPLY_ACTION, Replies
from notifyzen.store import Store

log = logging.getLogger(__name__)

OBSERVED = ("observe", "gtk")
DIGEST_KEPT = timedelta(days=3)  # what the digest listed and nobody dealt with, kept across restarts
RESTORED = "restored"  # the CheckIn reason of that list, given back to the UI at start
ADAPTER_MODULES = ("notifyzen.kdeconnect", "notifyzen.idle")  # each has async start(service)
REASON_EXPIRED, REASON_DISMISSED, REASON_CLOSED, REASON_UNDEFINED = 1, 2, 3, 4
AFTER_BURST_S = 0.2  # the tray and the timer catch up this long after the last arrival
TIMER_CEILING = 60.0  # re-check at least this often: wall-clock jumps, suspend, day change
# The timer runs on the monotonic clock, which stands still while the machine sleeps: firing this
# long after its wall-clock moment, it slept through what fell due (or notifyzen was frozen).
OVERSLEPT = timedelta(seconds=TIMER_CEILING)
RETENTION_AT = "03:30"  # local time of the daily purge of old message text (config: retention)


class Listener(Protocol):
    """What the Service tells the UI. Called on the bus thread; the Qt bridge queues each call."""

    def delivered(self, item: Item) -> None: ...
    def held(self, item: Item) -> None: ...
    def closed(self, id: int, reason: int) -> None: ...
    def checkin(self, checkin: CheckIn, items: list[Item]) -> None: ...
    def status(self, status: dict[str, Any]) -> None: ...
    def quit(self) -> None: ...


class NullListener:
    """For running without a UI (tests of the service, `notifyzen run --headless`)."""

    def delivered(self, item: Item) -> None: ...
    def held(self, item: Item) -> None: ...
    def closed(self, id: int, reason: int) -> None: ...
    def checkin(self, checkin: CheckIn, items: list[Item]) -> None: ...
    def status(self, status: dict[str, Any]) -> None: ...
    def quit(self) -> None: ...


class AlreadyRunning(Exception):
    """Another notifyzen owns the control name on this session bus."""


class NameTaken(Exception):
    """--mode server, but another daemon owns org.freedesktop.Notifications."""


class NotStored(Exception):
    """The history could not take the row (locked by another program, disk full). The sender is
    told (a D-Bus error instead of an id) rather than given an id for something not on disk."""


def load_timeline() -> Timeline:
    """The one place that builds the Timeline: config.yaml, the user's rules, the active presets."""
    return _timeline_at_start()[0]


def _timeline_at_start() -> tuple[Timeline, list[str], list[str]]:
    """The Timeline, the rule errors and the warnings to show (file:line:col), from one load.

    Broken rule files must not stop intake, nor leave the user with no rules at all: the errors are
    logged (the tray and `notifyzen rules check` name them with file:line) and notifyzen runs on
    every file that loads (`load_runnable`: a broken config.yaml gives the defaults, a broken rule
    file is left out) until they are fixed; then a save swaps the whole set in.
    """
    from notifyzen import paths
    from notifyzen.core.ruleload import load_runnable

    loaded = load_runnable(paths.config_dir(), paths.presets_dir())
    if not loaded.ok:
        for error in loaded.errors:
            log.error("rules: %s", error)
        log.error("rules: %d error(s); running on the files that load", len(loaded.errors))
    errors = [str(e) for e in loaded.errors]
    warnings = [str(w) for w in loaded.warnings]
    for warning in warnings:
        log.warning("rules: %s", warning)
    if loaded.rules is None or loaded.config is None:
        return Timeline(), errors, warnings
    return Timeline(loaded.rules, loaded.config), errors, warnings


def _load_rules() -> Any:
    from notifyzen import paths
    from notifyzen.core.ruleload import load_active

    return load_active(paths.config_dir(), paths.presets_dir())


@dataclass
class Live:
    """A notification that is still on screen or waiting: its newest row and who sent it."""

    row_id: int
    origin: str
    client: str | None
    item: Item


class Service:
    def __init__(
        self,
        *,
        db_path: Path,
        clock: Clock,
        listener: Listener | None = None,
        mode: str = "auto",
        bus_address: str | None = None,
        timeline_factory: Callable[[], Timeline] = load_timeline,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        self.requested_mode = mode
        self.mode = "starting"
        self.db_path = db_path
        self.clock = clock
        self.listener: Listener = listener or NullListener()
        self.bus_address = bus_address
        self.timeline_factory = timeline_factory
        self.loop = asyncio.new_event_loop()
        self.bus: MessageBus | None = None
        self.store: Store | None = None
        self.timeline: Timeline = Timeline()
        self.server: Any = None  # NotificationServer in server mode
        self.adapters: list[Any] = []  # observer, kdeconnect: anything with an async stop()
        self.live: dict[int, Live] = {}
        self.external: dict[tuple[str, str], int] = {}
        self.started_at = clock.now()
        self.observer_error: str | None = None
        self.rules_errors: list[str] = []  # file:line:col messages while a rule file is broken
        self.rules_warnings: list[str] = []  # rules that load but hold nothing (`preset: []`)
        self.digest_open: list[int] = []  # ids the digest window lists now (the Qt side says)
        self._tasks: set[asyncio.Future[Any]] = set()
        self._timer: asyncio.TimerHandle | None = None
        self._timer_due: datetime | None = None  # the wall-clock moment the timer is meant for
        self.housekeeping: Any = None  # APScheduler for daily chores (_start_housekeeping)
        self._today: tuple[Any, int] = (None, 0)
        self._pending_startup: list[Release | CheckIn] = []
        self.replies = Replies(self)  # honest status replies (issue 11)
        self._later_pending = False
        self._checkpoint_pending = False
        self._stopping = False
        self._watch_bus: asyncio.Future[None] | None = None
        self._thread = threading.Thread(target=self._run, name="notifyzen-bus", daemon=True)
        self._ready: concurrent.futures.Future[str] = concurrent.futures.Future()
        self._stopped = threading.Event()

    # -- lifecycle (thread-safe) ---------------------------------------------------------------
    def start(self, timeout: float = 15.0) -> str:
        """Connect, claim the names, open the history; return the mode it runs in.

        Raises AlreadyRunning, NameTaken, or whatever the bus connection raised.
        """
        self._thread.start()
        return self._ready.result(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread.is_alive() and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self._shutdown()))
            self._stopped.wait(timeout)

    def post(self, fn: Callable[..., Any], *args: Any) -> None:
        """Thread-safe: run fn(*args) on the bus thread (how Qt talks to the service)."""
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._guarded, fn, args)

    def _guarded(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            fn(*args)
        except Exception:
            log.exception("bus thread: %s failed", getattr(fn, "__name__", fn))

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._startup())
        except BaseException as exc:
            if not self._ready.done():
                self._ready.set_exception(exc)
            self._close_quietly()
            return
        try:
            self.loop.run_forever()
        finally:
            self._close_quietly()

    def _close_quietly(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        self._stopped.set()

    async def _startup(self) -> None:
        if self.bus_address:
            self.bus = await MessageBus(bus_address=self.bus_address).connect()
        else:
            self.bus = await MessageBus(bus_type=BusType.SESSION).connect()
        reply = await self.bus.request_name(CONTROL_NAME, NameFlag.DO_NOT_QUEUE)
        if reply not in (RequestNameReply.PRIMARY_OWNER, RequestNameReply.ALREADY_OWNER):
            self.bus.disconnect()
            raise AlreadyRunning(f"already running on this session (it owns {CONTROL_NAME})")
        self.store = Store(self.db_path)
        self.store.run_started(self.clock.now())  # the run log: the report says when it was off
        digest_since = self.clock.now() - DIGEST_KEPT
        self.store.end_stale(self.clock.now(), digest_since)
        if self.timeline_factory is load_timeline:  # the files are read once, errors and all
            self.timeline, self.rules_errors, self.rules_warnings = _timeline_at_start()
        else:
            self.timeline = self.timeline_factory()
        self._purge_old_bodies()
        self._start_housekeeping()
        held = self.store.held()
        now = self.clock.now()
        self.timeline.restore([item for _, _, _, item in held], now)
        for row_id, origin, client, item in held:
            self.live[item.id] = Live(row_id, origin, client, item)
        listed = self.store.in_digest(digest_since)  # the digest as the user left it
        for row_id, origin, client, item in listed:
            self.live[item.id] = Live(row_id, origin, client, item)
        restored = [item for _, _, _, item in listed]
        self.replies.restore()  # "You told Anke at 09:30" for these, before any digest lists them
        self._catch_up(now)
        # The Timeline's day starts now: its first advance would otherwise start from whenever it
        # runs, and a check-in falling before that (or at that very moment) would never happen.
        self._pending_startup.extend(self.timeline.advance(now))
        # A DND switch left on by a notifyzen that was killed is undone whatever mode this run
        # takes: the desktop's notifications must work again even if we now serve them ourselves.
        from notifyzen.dnd import restore_leftovers

        await asyncio.to_thread(restore_leftovers)
        self.mode = await self._claim_mode()
        from notifyzen.bus.control import ControlInterface

        self.bus.export(ControlInterface.PATH, ControlInterface(self))
        await self._start_adapters()
        self._watch_bus = asyncio.ensure_future(self._quit_when_bus_goes())
        self._arm()
        self._ready.set_result(self.mode)
        if restored:  # listed again, not shown again: no check-in, no window of its own
            self.listener.checkin(CheckIn(now, RESTORED, tuple(i.id for i in restored)), restored)
        self._act(self._pending_startup)
        self._pending_startup.clear()
        self._heartbeat()
        self._emit_status()

    async def _claim_mode(self) -> str:
        assert self.bus is not None
        if self.requested_mode in ("auto", "server"):
            from notifyzen.bus.server import NotificationServer

            server = NotificationServer(self.bus, self)
            server.attach()
            reply = await self.bus.request_name(NOTIFICATIONS_NAME, NameFlag.DO_NOT_QUEUE)
            if reply in (RequestNameReply.PRIMARY_OWNER, RequestNameReply.ALREADY_OWNER):
                self.server = server
                return "server"
            server.detach()
            if self.requested_mode == "server":
                owner = await self._owner(NOTIFICATIONS_NAME)
                self.bus.disconnect()
                raise NameTaken(
                    f"{NOTIFICATIONS_NAME} is owned by {owner or 'another program'}; "
                    "run with --mode observe (or --mode auto) to work alongside it"
                )
        await self._start_observer()
        return "observe"

    async def _quit_when_bus_goes(self) -> None:
        """The session bus went away (the session ended): nothing left to serve."""
        assert self.bus is not None
        try:
            await self.bus.wait_for_disconnect()
        except Exception as exc:
            log.warning("lost the session bus: %s", exc)
        if not self._stopping:
            log.warning("the session bus is gone; quitting")
            self.listener.quit()

    async def _owner(self, name: str) -> str | None:
        from dbus_fast import Message

        assert self.bus is not None
        reply = await self.bus.call(
            Message(
                destination="org.freedesktop.DBus",
                path="/org/freedesktop/DBus",
                interface="org.freedesktop.DBus",
                member="GetNameOwner",
                signature="s",
                body=[name],
            )
        )
        return str(reply.body[0]) if reply.body else None

    async def _start_observer(self) -> None:
        """Observe mode's guts come from notifyzen.bus.observer; without it we only say so."""
        try:
            from notifyzen.bus import observer
        except ImportError:
            log.warning("observe mode: notifyzen.bus.observer is not available; nothing is observed")
            return
        start = getattr(observer, "start", None)
        if start is None:
            log.warning("observe mode: notifyzen.bus.observer has no start(service)")
            return
        try:
            self.adapters.append(await start(self))
        except Exception as exc:
            log.exception("observe mode could not start watching")
            self.observer_error = str(exc)

    async def _start_adapters(self) -> None:
        """Intake adapters besides the mode's own: each module's `async start(service)` returns
        something with an async stop(). A failing adapter is logged; intake goes on."""
        for name in ADAPTER_MODULES:
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue
            start = getattr(module, "start", None)
            if start is None:
                continue
            try:
                self.adapters.append(await start(self))
            except Exception:
                log.exception("%s did not start", name)

    async def _shutdown(self) -> None:
        self._stopping = True
        if self._watch_bus is not None:
            # Awaited, not only cancelled: the loop stops below, and a task whose cancellation never
            # ran is destroyed pending ("Task was destroyed but it is pending!" on exit).
            self._watch_bus.cancel()
            await asyncio.wait([self._watch_bus], timeout=1)
        if self._timer is not None:
            self._timer.cancel()
        if self.housekeeping is not None:
            self.housekeeping.shutdown(wait=False)
        for adapter in self.adapters:
            stop = getattr(adapter, "stop", None)
            try:
                if stop is not None:
                    result = stop()
                    if asyncio.iscoroutine(result):
                        await asyncio.wait_for(result, 3)
            except Exception as exc:
                if self.bus is not None and not self.bus.connected:  # the session ended: expected
                    log.info("stopping %r: the session bus is gone (%s)", adapter, exc)
                else:
                    log.exception("stopping %r failed", adapter)
        if self.bus is not None:
            self.bus.disconnect()
        if self.store is not None:
            self.store.run_ended(self.clock.now())
        self.loop.stop()

    # -- intake (bus thread) -------------------------------------------------------------------
    def take(
        self,
        n: Notification,
        *,
        origin: str,
        client: str | None = None,
        external_id: str | None = None,
        replaces_id: int = 0,
        gated: bool | None = None,
    ) -> Item:
        """Store, decide, tell the UI; return the Item (its id is the one the sender should see).

        `gated`: whether the flood gate counts it (notifyzen/core/flood.py), i.e. whether showing it
        is notifyzen's doing. By default what notifyzen shows itself (server, KDE Connect); observe
        mode says so for what it would let through a silenced daemon.

        The row is committed before this returns, so a Notify reply sent after it never
        acknowledges something that is not on disk. `replaces_id` replaces in place only when
        that notification is still live (shown or held); otherwise a new id is given (spec).
        """
        assert self.store is not None
        echo = self._echo_of(n) if origin == "server" and not replaces_id else None
        if echo is not None:  # the phone brought these very words a moment ago: one item
            return self.live[echo].item
        replaced = self.live.get(replaces_id) if replaces_id else None
        if replaced is not None:
            self.timeline.forget(replaces_id)
        for attempt in (1, 2):
            row_id = self.store.reserve_id()
            public = replaces_id if replaced else row_id
            ours = origin not in OBSERVED if gated is None else gated  # a pop-up of ours, or a redelivery
            gated_now = ours and replaced is None
            decision = self._decide(public, n, gated_now, update=replaced is not None)
            try:  # one statement, one commit: the row with its decision, before the reply
                self.store.add(
                    row_id,
                    n,
                    decision,
                    origin=origin,
                    client=client,
                    external_id=external_id,
                    replaces_id=replaces_id if replaced else 0,
                )
                break
            except sqlite3.IntegrityError:  # the id was taken after all (another writer?): again
                self.timeline.forget(public)
                if attempt == 2:
                    raise
            except sqlite3.Error as exc:  # locked by another program, disk full: refuse, never pretend
                self.timeline.forget(public)
                if replaced is not None:  # the refused update changed nothing: the old one waits on
                    self.timeline.restore(replaced.item, n.at)
                log.error("notification from %s not stored: %s", n.app_name, exc)
                raise NotStored(str(exc)) from exc
        shown = decision.verdict is Verdict.DELIVER
        if replaced is not None:
            self.store.closed(replaced.row_id, n.at, REASON_UNDEFINED, state="replaced")
        if external_id is not None:
            self.external[(origin, external_id)] = public
        item = Item(public, n, decision)
        if replaced is not None and not shown:
            # The old words are on screen (or in the digest) but the update waits or is muted: take
            # them down, else the old pop-up's close button or timeout would end the update unseen.
            self.listener.closed(public, REASON_UNDEFINED)  # off screen; the id lives on: no signal
        if decision.verdict is Verdict.MUTE:
            self.live.pop(public, None)  # a replaced one ends here; its row already says so
            if self.server is not None and origin == "server":
                # Never shown, so nothing else would close it: a sender waiting for the end
                # (notify-send --wait, a browser keeping the page's Notification) would wait for
                # ever. call_soon: after the Notify reply, so the sender knows the id it hears.
                self.loop.call_soon(self.server.closed, public, REASON_DISMISSED)
        else:
            self.live[public] = Live(row_id, origin, client, item)
        if replaced is None:  # an update in place is the same notification: "Taken in today" once
            self._count_taken(n.at)
        if shown and origin not in OBSERVED:  # an observed one is on the desktop's screen already
            self.listener.delivered(item)
        elif decision.verdict is Verdict.HOLD:
            self.listener.held(item)
            self._status_reply(item, origin)
        self._act(self.timeline.advance(n.at))  # held messages of a person who broke through
        self._later()
        return item

    def _echo_of(self, n: Notification) -> int | None:
        """A chat app on both desktop and phone (Signal, Telegram) notifies twice with the same
        words; the KDE Connect link knows the phone's copy (the other order is the link's own)."""
        for adapter in self.adapters:
            echo_of = getattr(adapter, "echo_of", None)
            found = echo_of(n) if callable(echo_of) else None
            if found is not None and found in self.live:
                return int(found)
        return None

    def _status_reply(self, item: Item, origin: str) -> None:
        try:  # a reply is a courtesy: its failure must never touch intake
            self.replies.consider(item, origin)
        except Exception:
            log.exception("status reply for notification %d failed", item.id)

    def _decide(self, id: int, n: Notification, gated: bool, update: bool = False) -> Decision:
        try:
            self._act(self.timeline.advance(n.at))  # the Timeline's contract: advance, take, advance
            return self.timeline.take(id, n, n.at, gated, update)
        except Exception:  # a broken rule must not lose the notification: show it
            log.exception("the timeline failed on notification %d; delivering it", id)
            return Decision(Verdict.DELIVER, "error", "the rules failed; delivered so nothing is lost")

    def _later(self) -> None:
        """Re-arm the timer and push the status a moment later, once for a whole burst: both ask
        the rules engine for the next moments, which would otherwise sit between a sender's calls.
        (What is due at once needs no timer: take() has already advanced the Timeline.)"""
        if not self._later_pending:
            self._later_pending = True
            self.loop.call_later(AFTER_BURST_S, self._after_burst)

    def _after_burst(self) -> None:
        self._later_pending = False
        self._arm()
        self._emit_status()
        self._checkpoint_when_quiet()

    def _checkpoint_when_quiet(self) -> None:
        """The history's checkpoint, once nothing has arrived for AFTER_BURST_S: run inside a
        Notify call (SQLite's automatic one) it doubled the round trip's p99 (2.2 -> 1.2 ms without)."""
        if self.store is None or self.store.unsaved == 0:
            return
        quiet = time.monotonic() - self.store.last_write
        if quiet < AFTER_BURST_S:
            if not self._checkpoint_pending:
                self._checkpoint_pending = True
                self.loop.call_later(AFTER_BURST_S - quiet, self._guarded, self._checkpoint_again, ())
            return
        self.store.checkpoint()

    def _checkpoint_again(self) -> None:
        self._checkpoint_pending = False
        self._checkpoint_when_quiet()

    def _start_housekeeping(self) -> None:
        """Daily chores on APScheduler, on this loop: a cron trigger follows the local day across
        DST, and coalesce + no misfire limit run a purge the machine slept through once on resume.

        Check-ins are not scheduled here: they follow Timeline.next_change on the service's own
        timer, which also runs on the injected clock (docs/architecture.md says why).
        """
        from apscheduler.executors.asyncio import AsyncIOExecutor
        from apscheduler.schedulers.asyncio import AsyncIOScheduler
        from apscheduler.triggers.cron import CronTrigger

        async def purge() -> None:  # a coroutine, so AsyncIOExecutor runs it on this thread
            self._guarded(self._purge_old_bodies, ())

        hour, minute = (int(x) for x in RETENTION_AT.split(":"))
        zone = local_zone()
        self.housekeeping = AsyncIOScheduler(event_loop=self.loop, executors={"default": AsyncIOExecutor()})
        self.housekeeping.add_job(
            purge,
            CronTrigger(hour=hour, minute=minute, timezone=zone),
            id="retention",
            coalesce=True,
            misfire_grace_time=None,
        )
        self.housekeeping.start()

    def _purge_old_bodies(self) -> None:
        """Retention (config.yaml `retention: {bodies_days: N}`): message text older than N days is
        erased, the rows (counts, report) stay. At start, then daily (_start_housekeeping)."""
        days = getattr(getattr(self.timeline, "config", None), "bodies_days", None)
        if not days or self.store is None:
            return
        erased = self.store.purge_bodies(self.clock.now() - timedelta(days=days))
        if erased:
            log.info("retention: erased the text of %d notification(s) older than %d days", erased, days)

    def find_external(self, origin: str, external_id: str) -> int | None:
        """The id notifyzen gave a notification another daemon or the phone knows as external_id."""
        return self.external.get((origin, external_id))

    # -- endings (bus thread) ------------------------------------------------------------------
    def close(self, id: int, reason: int, *, state: str | None = None) -> bool:
        """End a live notification: history, Timeline, UI and (server mode) NotificationClosed."""
        live = self.live.pop(id, None)
        if live is None:
            return False
        assert self.store is not None
        default_state = {REASON_EXPIRED: "expired", REASON_DISMISSED: "dismissed"}.get(reason, "closed")
        self.store.closed(live.row_id, self.clock.now(), reason, state=state or default_state)
        self.timeline.forget(id)
        self.listener.closed(id, reason)
        if self.server is not None and live.origin == "server":
            self.server.closed(id, reason)
        self._emit_status()
        return True

    def expire(self, id: int) -> None:
        """The pop-up's time ran out."""
        self.close(id, REASON_EXPIRED)

    def dismiss(self, id: int) -> None:
        """The user closed the pop-up (or dismissed it in the digest). An observed one is closed
        on the desktop's daemon too, so it does not linger in the desktop's own history."""
        live = self.live.get(id)
        if live is not None and live.origin in OBSERVED:
            self._close_on_daemon(id, live.origin)
        self.close(id, REASON_DISMISSED)
        self._tell_phone(live, "user_dismissed", id)

    def _tell_phone(self, live: Live | None, what: str, id: int, *args: str) -> None:
        """The user dealt with a phone notification here: KDE Connect (notifyzen/kdeconnect_link.py)
        tells the phone, so it is not left waiting there too."""
        if live is None or live.origin != "kdeconnect":
            return
        for adapter in self.adapters:
            tell = getattr(adapter, what, None)
            if callable(tell):
                tell(id, *args)

    def _close_on_daemon(self, id: int, origin: str) -> None:
        daemon_id = next((e for (o, e), i in self.external.items() if o == origin and i == id), None)
        if daemon_id is None or self.bus is None or not daemon_id.isdigit():
            return
        from notifyzen.bus.observer import close_on_daemon

        task = asyncio.ensure_future(close_on_daemon(self.bus, daemon_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def invoke_action(self, id: int, key: str) -> None:
        """The user clicked an action: token, ActionInvoked, then close unless resident."""
        live = self.live.get(id)
        if live is None:
            return
        assert self.store is not None
        self.store.opened(live.row_id)
        if self.server is not None and live.origin == "server":
            self.server.activation_token(id, activation_token(id))
            self.server.action_invoked(id, key)
        self._tell_phone(live, "user_acted", id, key)
        if not live.item.notification.resident:
            if live.origin in OBSERVED:  # its action cannot be run there: at least it ends there
                self._close_on_daemon(id, live.origin)
            self.close(id, REASON_DISMISSED, state="acted")

    def open_item(self, id: int) -> None:
        """The user opened it from the digest: its default action if it has one."""
        live = self.live.get(id)
        if live is None:
            return
        if "default" in live.item.notification.action_keys:
            self.invoke_action(id, "default")
            return
        assert self.store is not None
        self.store.opened(live.row_id)
        if live.origin in OBSERVED:
            self._close_on_daemon(id, live.origin)
        self.close(id, REASON_DISMISSED, state="acted")

    def snooze(self, id: int) -> None:
        """Back into the queue until the next check-in (the user's choice, from the digest)."""
        live = self.live.get(id)
        if live is None:
            return
        assert self.store is not None
        now = self.clock.now()
        decision = self.timeline.snooze(id, now, live.item.notification)
        item = Item(id, live.item.notification, decision)
        self.live[id] = Live(live.row_id, live.origin, live.client, item)
        self.store.decide(live.row_id, decision)
        self.listener.closed(id, REASON_UNDEFINED)  # off screen, but not ended: no D-Bus signal
        self.listener.held(item)
        self._arm()
        self._emit_status()

    def reply(self, id: int, text: str) -> bool:
        """An inline reply typed in the pop-up (Plasma's extension, capability inline-reply).

        Only where it can reach someone: the app offered inline-reply and is ours to answer
        (server mode), or the phone chat takes replies and the phone is in reach. Otherwise the
        notification stays as it was and False says so; nothing is recorded as answered."""
        live = self.live.get(id)
        if live is None or REPLY_ACTION not in live.item.notification.action_keys:
            return False
        if live.origin == "kdeconnect":
            reachable = [a.can_reply(id) for a in self.adapters if callable(getattr(a, "can_reply", None))]
            if not any(reachable):
                log.warning("reply to %d not sent: the phone is not in reach", id)
                return False
        elif live.origin != "server" or self.server is None:
            return False  # observed: only the desktop's own daemon can hand a reply to its app
        assert self.store is not None
        self.store.replied(live.row_id, text, self.clock.now())
        if self.server is not None and live.origin == "server":
            self.server.replied(id, text)
        self._tell_phone(live, "user_replied", id, text)  # a phone chat: the answer goes to the phone
        self.close(id, REASON_DISMISSED, state="acted")
        return True

    # -- time (bus thread) ---------------------------------------------------------------------
    def checkin_now(self) -> CheckIn:
        checkin = self.timeline.checkin_now(self._catch_up_now())
        self._act([checkin])
        self._moved()  # the tray's held count drops to 0 now, not at the next tick
        return checkin

    # -- the user's own moments: tray, CLI, idle (bus thread) ---------------------------------
    def focus(self, minutes: float | None = None) -> None:
        """Focus now for `minutes` ("Focus for 25 min" in the tray); None: until End focus."""
        now = self._catch_up_now()
        self.timeline.focus(now, minutes)
        self._moved()

    def focus_until_tomorrow(self) -> None:
        """The tray's "Focus until tomorrow": until 07:00 on the coming morning, in the rules' zone."""
        now = self._catch_up_now()
        until = tomorrow_morning(now, self.timeline.config.zone)
        self.timeline.focus(now, (until - now).total_seconds() / 60)
        self._moved()

    def end_focus(self) -> CheckIn | None:
        """Stop a manual focus; where that ends focus, what waited is shown (a breakpoint)."""
        now = self._catch_up_now()
        checkin = self.timeline.unfocus(now)
        self._act([checkin] if checkin is not None else [])
        self._moved()
        return checkin

    def pause(self, minutes: float | None = None) -> CheckIn | None:
        """Let everything through (tray: Pause notifyzen); what was held is shown now."""
        now = self._catch_up_now()
        checkin = self.timeline.pause(now, minutes)
        self._act([checkin] if checkin is not None else [])
        self._moved()
        return checkin

    def resume(self) -> None:
        self.timeline.resume(self._catch_up_now())
        self._moved()

    def went_idle(self) -> None:
        """The screen saver came on (notifyzen/idle.py)."""
        self.timeline.idle(self._catch_up_now())

    def came_back(self) -> CheckIn | None:
        """The user is back: after config idle_breakpoint away, a breakpoint check-in."""
        now = self._catch_up_now()
        checkin = self.timeline.active(now)
        self._act([checkin] if checkin is not None else [])
        self._moved()
        return checkin

    def woke_up(self) -> None:
        """The machine resumed from suspend: what became due while it slept happens now, once.
        A check-in it slept through was kept by nobody: as after a restart, it is recorded at its
        planned time as missed and what waited comes in one catch-up (`_slept_through`)."""
        self._slept_through()
        self._tick()

    def reload_rules(self) -> bool:
        """A rule file or config.yaml changed (notifyzen/rulewatch.py): swap the rules in.

        A file with errors keeps the last good rule set; the errors go to the log, the status
        (`notifyzen status`) and the tray. Held notifications keep their promised time.
        """
        loaded = _load_rules()
        if not loaded.ok or loaded.rules is None or loaded.config is None:
            self.rules_errors = [str(e) for e in loaded.errors]
            for error in self.rules_errors:
                log.error("rules: %s", error)
            log.error("rules: %d error(s); keeping the rules in force", len(self.rules_errors))
            self._emit_status()
            return False
        self._catch_up_now()
        self.timeline.replace_rules(loaded.rules, loaded.config)
        self.rules_errors = []
        self.rules_warnings = [str(w) for w in loaded.warnings]
        for warning in self.rules_warnings:
            log.warning("rules: %s", warning)
        log.info("rules reloaded from %d file(s)", len(loaded.files))
        self._purge_old_bodies()  # a shorter retention just saved applies now, not at 03:30
        self._moved()
        return True

    def digest_showing(self, ids: list[int]) -> None:
        """What the digest window lists now (for `notifyzen status` and tests)."""
        self.digest_open = sorted(ids)

    def _catch_up_now(self) -> datetime:
        """The Timeline's contract: advance to now before changing the user's state."""
        now = self.clock.now()
        self._act(self.timeline.advance(now))
        return now

    def _moved(self) -> None:
        self._arm()
        self._emit_status()

    def set_clock(self, instant: datetime) -> None:
        if not isinstance(self.clock, FakeClock):
            raise PermissionError("the clock can only be set when notifyzen was started with --clock")
        self.clock.set(instant)
        self._tick()

    def _arm(self) -> None:
        """One timer: the Timeline's next change, or a ceiling so wall-clock jumps are noticed."""
        if self._timer is not None:
            self._timer.cancel()
        now = self.clock.now()
        delay = TIMER_CEILING
        nxt = self.timeline.next_change(now)
        if nxt is not None:
            delay = min(delay, max(0.0, (nxt - now).total_seconds()))
        self._timer_due = now + timedelta(seconds=delay)
        self._timer = self.loop.call_later(delay, self._timer_fired)

    def _timer_fired(self) -> None:
        self._slept_through()  # the timer may fire before logind says the machine woke up
        self._tick()

    def _slept_through(self) -> None:
        """When the wall clock is far past the moment the timer was set for, the machine slept
        (no code ran): what fell due meanwhile is one catch-up check-in now, and each scheduled
        check-in passed is recorded at its planned time as missed, not as kept back then."""
        now, due = self.clock.now(), self._timer_due
        if due is None or now - due <= OVERSLEPT:
            return
        self._timer_due = None
        self._act(self._record_missed(self.timeline.advanced_to or due, now))

    def _tick(self) -> None:
        try:
            self._act(self.timeline.advance(self.clock.now()))
        except Exception:
            log.exception("the timeline failed to advance")
        self._heartbeat()
        self._arm()
        self._emit_status()

    def _act(self, events: list[Release | CheckIn]) -> None:
        assert self.store is not None
        for event in events:
            if isinstance(event, Release):
                live = self.live.get(event.id)
                if live is not None:
                    self.store.shown(live.row_id, event.at, event.shown_by.value)
                    self._release(live)
            else:
                self.store.checkin(event, planned_at=event.at if event.reason == "scheduled" else None)
                items = []
                for id in event.released:
                    live = self.live.get(id)
                    if live is not None:
                        self.store.shown(live.row_id, event.at, event.shown_by.value)
                        items.append(live.item)
                log.info("check-in (%s) at %s: %d held notification(s)", event.reason, event.at, len(items))
                self.listener.checkin(event, items)

    def _release(self, live: Live) -> None:
        """A held notification is due: the desktop shows an observed one (through its DND), we
        show our own."""
        if live.origin in OBSERVED:
            for adapter in self.adapters:
                breakthrough = getattr(adapter, "breakthrough", None)
                if callable(breakthrough):
                    breakthrough(live.item)
                    return
        self.listener.delivered(live.item)

    def show(self, item: Item) -> None:
        """Show `item` with notifyzen's own pop-up (for adapters whose desktop lets nothing
        through its DND)."""
        self.listener.delivered(item)

    def _catch_up(self, now: datetime) -> None:
        """Check-ins missed while notifyzen was not running become one check-in now.

        Each scheduled one that fell meanwhile is also recorded, at its planned time, as a
        "missed" row with planned_at: the report counts planned check-ins and keeps "missed" out
        of the kept ones (core/report.py). The catch-up itself was planned by nobody."""
        last = self._last_run()
        if last is not None:
            self._pending_startup.extend(self._record_missed(last, now))

    def _record_missed(self, last: datetime, now: datetime) -> list[Release | CheckIn]:
        """Records each scheduled check-in planned after `last` up to `now` as missed; returns
        the one catch-up check-in to act on (none when nothing fell due)."""
        try:
            missed = self.timeline.missed(last, now)
            planned = self.timeline.planned_between(last, now)
        except Exception:
            log.exception("could not work out missed check-ins")
            return []
        assert self.store is not None
        for at in planned:
            self.store.checkin(CheckIn(at, "missed"), planned_at=at)
        return [missed] if missed is not None else []

    def _last_run(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self._heartbeat_file().read_text().strip())
        except (OSError, ValueError):
            return None

    def _heartbeat_file(self) -> Path:
        return self.db_path.with_name(self.db_path.name + ".last-run")

    def _heartbeat(self) -> None:
        try:
            self._heartbeat_file().write_text(self.clock.now().isoformat())
        except OSError:
            log.warning("could not record the last-run time", exc_info=True)
        if self.store is not None:
            self.store.alive(self.clock.now())

    # -- numbers for the tray and `notifyzen status` (bus thread) --------------------------------
    def _count_taken(self, at: datetime) -> None:
        day, count = self._today
        self._today = (day, count + 1) if day == at.date() else (at.date(), self._taken_since_midnight(at))

    def _taken_since_midnight(self, now: datetime) -> int:
        assert self.store is not None
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        return self.store.count_since(midnight)

    def taken_today(self) -> int:
        now = self.clock.now()
        if self._today[0] != now.date():
            self._today = (now.date(), self._taken_since_midnight(now))
        return self._today[1]

    def held_count(self) -> int:
        return len(self.timeline.held)

    def status(self, *, full: bool = False) -> dict[str, Any]:
        """What `notifyzen status --json` prints; `full` adds what is costly to list (ids on screen)."""
        now = self.clock.now()
        state = {
            "mode": self.mode,
            "requested_mode": self.requested_mode,
            "taken_in_today": self.taken_today(),
            "held": self.held_count(),
            "next_checkin": _iso(self.timeline.next_checkin(now)),
            "next_change": _iso(self.timeline.next_change(now)),
            "focus_window": self.timeline.active_window(now),
            "observer_error": self.observer_error,
            "paused": self.timeline.paused,
            "manual_focus": self.timeline.focused is not None,
            "manual_focus_until": self._focus_until(),
            "rules_errors": list(self.rules_errors),
            "rules_warnings": list(self.rules_warnings),
            "clock": now.isoformat(timespec="seconds"),
            "fake_clock": isinstance(self.clock, FakeClock),
            "database": str(self.db_path),
            "pid": os.getpid(),
            "version": __version__,
            "replies": self.replies.status(now),  # None, or {count, until, text} for the tray
            "kdeconnect": self._phone_status(),
        }
        if full:
            shown = Verdict.DELIVER
            state["on_screen"] = sorted(
                id for id, live in self.live.items() if live.item.decision.verdict is shown
            )
            state["digest_open"] = list(self.digest_open)
        return state

    def _focus_until(self) -> str | None:
        """The end of the user's focus block on the wall clock of that moment, as next_checkin:
        the tray says it as it stands, so the hour the clocks go back is not counted twice."""
        focused = self.timeline.focused
        if focused is None or focused.until is None:
            return None
        return _iso(focused.until.astimezone(self.timeline.config.zone))

    def _phone_status(self) -> dict[str, Any]:
        """KDE Connect: whether kdeconnectd is there, which phones, how many phone notifications."""
        for adapter in self.adapters:
            if hasattr(adapter, "claims_phone_popups") and callable(getattr(adapter, "status", None)):
                return dict(adapter.status())
        return {"available": False}

    def _emit_status(self) -> None:
        try:
            self.listener.status(self.status())
        except Exception:
            log.exception("status update failed")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else None


def activation_token(id: int) -> str:
    """An X11 startup-notification id (the form Plasma sends on X11): lets the app raise itself."""
    return f"notifyzen-{os.getpid()}-{socket.gethostname()}-{id}_TIME{int(time.time() * 1000) & 0xFFFFFFFF}"


__all__ = [
    "REASON_CLOSED",
    "REASON_DISMISSED",
    "REASON_EXPIRED",
    "REASON_UNDEFINED",
    "AlreadyRunning",
    "Listener",
    "NameTaken",
    "NotStored",
    "NullListener",
    "Service",
    "load_timeline",
]
