"""The bus thread: one asyncio loop that owns the session bus, the history and the Timeline.

Why a thread of its own (docs/architecture.md has the numbers): a Notify call is answered only
after its row is committed, and on Qt's loop (qasync) that round trip's tail doubles because
painting and Qt timers share the loop. Here the adapters (server, observer, KDE Connect) run on a
plain asyncio loop and call `take` synchronously; Qt learns what happened through a Listener
(the Qt bridge, whose signals are queued into the GUI thread) and talks back with `post`.

Everything on this class runs on the bus thread unless it says "thread-safe".
This module has what arrives, how it ends and the user's own moments; the rest of the Service
lives beside it in notifyzen/service/: starting and stopping (start.py), the one timer for the
Timeline, catching up after sleep and the heartbeat (clock.py), and the numbers for the tray and
`notifyzen status` (status.py). They are plain functions taking the Service, which they name for
typing only; what they call on it is public (`act`, `emit_status`, `guarded`, ...).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from dbus_fast.aio import MessageBus

from notifyzen.bus import MODES
from notifyzen.bus.ports import NotStored
from notifyzen.clock import Clock, FakeClock
from notifyzen.core.meetings import CalendarFocus
from notifyzen.core.model import Decision, Item, Notification, ShownBy, Verdict
from notifyzen.core.schedule import tomorrow_morning
from notifyzen.core.situation import Situation
from notifyzen.core.timeline import CheckIn, Release, Timeline
from notifyzen.desktop import launch
from notifyzen.history.store import Store
from notifyzen.service import moments
from notifyzen.service import reactions as service_reactions
from notifyzen.service import status as service_status
from notifyzen.service.clock import arm, later, purge_old_bodies, slept_through, tick
from notifyzen.service.live import Live
from notifyzen.service.replies import REPLY_ACTION, Replies
from notifyzen.service.start import (
    RESTORED,
    AlreadyRunning,
    NameTaken,
    load_rules,
    load_timeline,
    shut_down,
    start_up,
)

log = logging.getLogger(__name__)

OBSERVED = ("observe", "gtk")
# each has async start(service)
ADAPTER_MODULES = (
    "notifyzen.phone.link",
    "notifyzen.context.idle",
    "notifyzen.calendar.live",
    "notifyzen.context.live",  # screen sharing, full screen, calls (issue 19)
)
REASON_EXPIRED, REASON_DISMISSED, REASON_CLOSED, REASON_UNDEFINED = 1, 2, 3, 4


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
        self.mode_reason: dict[str, str | None] = {}  # why that mode: asked, the name free, or taken by whom
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
        self.timer: asyncio.TimerHandle | None = None
        self.timer_due: datetime | None = None  # the wall-clock moment the timer is meant for
        self.housekeeping: Any = None  # APScheduler for daily chores (service.clock)
        self.counted_today: tuple[Any, int] = (None, 0)
        self.pending_startup: list[Release | CheckIn] = []
        self.pinned_at_start: set[int] = set()  # digest lines pinned when the last run ended
        self.replies = Replies(self)  # honest status replies (issue 11)
        self.later_pending = False
        self._rules_read = 0  # reloads asked for; only the newest one's result is applied
        self.checkpoint_pending = False
        self.stopping = False
        self.watch_bus: asyncio.Future[None] | None = None
        self._thread = threading.Thread(target=self._run, name="notifyzen-bus", daemon=True)
        self.ready: concurrent.futures.Future[str] = concurrent.futures.Future()
        self._stopped = threading.Event()

    # -- lifecycle (thread-safe) ---------------------------------------------------------------
    def start(self, timeout: float = 15.0) -> str:
        """Connect, claim the names, open the history; return the mode it runs in.

        Raises AlreadyRunning, NameTaken, or whatever the bus connection raised.
        """
        self._thread.start()
        return self.ready.result(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread.is_alive() and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(lambda: asyncio.ensure_future(shut_down(self)))
            self._stopped.wait(timeout)

    def post(self, fn: Callable[..., Any], *args: Any) -> None:
        """Thread-safe: run fn(*args) on the bus thread (how Qt talks to the service)."""
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.guarded, fn, args)

    def guarded(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        """Run fn(*args) on the bus thread, logging rather than raising: a callback that fails
        must not end the loop. Public, like `act` and `emit_status`, for the Service's parts
        (notifyzen/service/), which take the Service and call these rather than its privates."""
        try:
            fn(*args)
        except Exception:
            log.exception("bus thread: %s failed", getattr(fn, "__name__", fn))

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(start_up(self, ADAPTER_MODULES))
        except BaseException as exc:
            if not self.ready.done():
                self.ready.set_exception(exc)
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
        acknowledges something that is not on disk. `replaces_id` of a live notification (shown
        or held) replaces it in place. In server mode a non-zero `replaces_id` is the id given
        back also when it is not live (spec 1.3: unknown, or ended), for a new notification
        (`Store.reserve_for`); an observed one's id is the desktop daemon's, so there it gets a
        new one.
        """
        assert self.store is not None
        echo = self._echo_of(n) if origin == "server" and not replaces_id else None
        if echo is not None:  # the phone brought these very words a moment ago: one item
            return self.live[echo].item
        replaced = self.live.get(replaces_id) if replaces_id else None
        if replaced is not None:
            self.timeline.forget(replaces_id)
        # Server: the spec keeps the sender's id. The phone: a changed notification the user had
        # already seen or dismissed here is a new version of that item (the report counts it once).
        kept = replaces_id if replaced is not None or origin in ("server", "kdeconnect") else 0
        for attempt in (1, 2):
            row_id, version_of = self.store.reserve_for(kept, self.live)
            public = version_of or row_id
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
                    replaces_id=version_of,
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
        if not version_of:  # a version (an update in place) is the same notification: counted once
            service_status.count_taken(self, n.at)
        if shown and origin not in OBSERVED:  # an observed one is on the desktop's screen already
            self.listener.delivered(item)
        elif decision.verdict is Verdict.HOLD:
            self.listener.held(item)
            self._status_reply(item, origin)
        self.act(self.timeline.advance(n.at))  # held messages of a person who broke through
        later(self)
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
            self.act(self.timeline.advance(n.at))  # the Timeline's contract: advance, take, advance
            return self.timeline.take(id, n, n.at, gated, update)
        except Exception:  # a broken rule must not lose the notification: show it
            log.exception("the timeline failed on notification %d; delivering it", id)
            return Decision(Verdict.DELIVER, "error", "the rules failed; delivered so nothing is lost")

    def find_external(self, origin: str, external_id: str) -> int | None:
        """The id notifyzen gave a notification another daemon or the phone knows as external_id."""
        return self.external.get((origin, external_id))

    # -- endings (bus thread) ------------------------------------------------------------------
    def close(
        self, id: int, reason: int, *, state: str | None = None, action: str | None = None, react: bool = True
    ) -> bool:
        """End a live notification: history, Timeline, UI and (server mode) NotificationClosed.
        `action`: the key the user chose, when that ended it; `react`: the ending was the user's
        reaction (issue 20; not for one the user saw only as "N more waiting")."""
        live = self.live.pop(id, None)
        if live is None:
            return False
        assert self.store is not None
        default_state = {REASON_EXPIRED: "expired", REASON_DISMISSED: "dismissed"}.get(reason, "closed")
        self.store.closed(live.row_id, self.clock.now(), reason, state=state or default_state)
        if react:
            service_reactions.ended(self, live, reason, state, action)
        self.timeline.forget(id)
        self.listener.closed(id, reason)
        if self.server is not None and live.origin == "server":
            self.server.closed(id, reason)
        self.emit_status()
        return True

    def removed_on_phone(self, id: int) -> bool:
        """The phone removed its notification, which is item `id` here (or its copy of it): the
        item ends as closed by its sender, and that the user dealt with it there is recorded
        (a reaction of its own, not "dismissed unread": KDE Connect does not say whether it was
        read, swiped away or withdrawn by its app). False if it was not live here."""
        live = self.live.get(id)
        if not self.close(id, REASON_CLOSED):
            return False
        assert live is not None
        service_reactions.removed_on_phone(self, live)
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

    def dismiss_many(self, ids: list[int]) -> None:
        """The user dismissed several at once (a digest group or selection): written as one batch
        (Store.batch), not one commit each."""
        assert self.store is not None
        with self.store.batch():
            for id in ids:
                self.dismiss(id)

    def _tell_phone(self, live: Live | None, what: str, id: int, *args: str) -> None:
        """The user dealt with a phone notification here: KDE Connect (notifyzen/phone/link.py)
        tells the phone, so it is not left waiting there too. A dismissal also reaches the
        phone's copy of a desktop item that was the same message (Signal Desktop's came first);
        a reply or an action is the desktop app's alone."""
        if live is None or (live.origin != "kdeconnect" and what != "user_dismissed"):
            return
        for adapter in self.adapters:
            tell = getattr(adapter, what, None)
            if callable(tell):
                tell(id, *args)

    def _close_on_daemon(self, id: int, origin: str) -> None:
        daemon_id = next((e for (o, e), i in self.external.items() if o == origin and i == id), None)
        if daemon_id is None or self.bus is None or not daemon_id.isdigit():
            return
        from notifyzen.bus.redeliver import close_on_daemon

        task = asyncio.ensure_future(close_on_daemon(self.bus, daemon_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def invoke_action(self, id: int, key: str) -> None:
        """The user clicked an action: token, ActionInvoked, then close unless resident. An
        observed one's action is run by the desktop's daemon where it can (Plasma); otherwise
        its app is started from its desktop entry."""
        live = self.live.get(id)
        if live is None:
            return
        assert self.store is not None
        self.store.opened(live.row_id)
        resident = live.item.notification.resident
        if self.server is not None and live.origin == "server":
            self.server.activation_token(id, activation_token(id))
            self.server.action_invoked(id, key)
        elif live.origin in OBSERVED and not self._invoke_on_desktop(id, key, resident):
            launch.activate(live.item.notification.desktop_entry, activation_token(id), bus=self.bus)
            if not resident:  # its action cannot be run there: at least it ends there
                self._close_on_daemon(id, live.origin)
        self._tell_phone(live, "user_acted", id, key)
        if not resident:
            self.close(id, REASON_DISMISSED, state="acted", action=key)
        else:
            service_reactions.acted(self, live, key)

    def _invoke_on_desktop(self, id: int, key: str, resident: bool) -> bool:
        for adapter in self.adapters:
            invoke = getattr(adapter, "invoke", None)
            if callable(invoke) and invoke(id, key, resident=resident):
                return True
        return False

    def open_item(self, id: int) -> None:
        """The user opened it from the digest: its default action if it has one, else its app
        started from its desktop entry (ours too: before, only an observed one's app was started,
        and Open on our own ended it with nothing opened). The digest offers Open only for one of
        these two (issue 18)."""
        live = self.live.get(id)
        if live is None:
            return
        if "default" in live.item.notification.action_keys:
            self.invoke_action(id, "default")
            return
        assert self.store is not None
        self.store.opened(live.row_id)
        launch.activate(live.item.notification.desktop_entry, activation_token(id), bus=self.bus)
        if live.origin in OBSERVED:
            self._close_on_daemon(id, live.origin)
        self.close(id, REASON_DISMISSED, state="acted", action="default")

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
        arm(self)
        self.emit_status()

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
        self.close(id, REASON_DISMISSED, state="acted", action=REPLY_ACTION)
        return True

    # -- time (bus thread) ---------------------------------------------------------------------
    def checkin_now(self) -> CheckIn:
        checkin = self.timeline.checkin_now(self._catch_up_now())
        self.act([checkin])
        self._moved()  # the tray's held count drops to 0 now, not at the next tick
        return checkin

    # -- the user's own moments: tray, CLI, idle (bus thread) ---------------------------------
    def focus(self, minutes: float | None = None) -> None:
        """Focus now for `minutes` ("Focus for 25 min" in the tray); None: until End focus."""
        now = self._catch_up_now()
        self.timeline.focus(now, minutes)
        moments.save(self)
        self._moved()

    def focus_until_tomorrow(self) -> None:
        """The tray's "Focus until tomorrow": until 07:00 on the coming morning, in the rules' zone."""
        now = self._catch_up_now()
        until = tomorrow_morning(now, self.timeline.config.zone)
        self.timeline.focus(now, (until - now).total_seconds() / 60)
        moments.save(self)
        self._moved()

    def end_focus(self) -> CheckIn | None:
        """Stop a manual focus; where that ends focus, what waited is shown (a breakpoint)."""
        now = self._catch_up_now()
        checkin = self.timeline.unfocus(now)
        self.act([checkin] if checkin is not None else [])
        moments.save(self)
        self._moved()
        return checkin

    def pause(self, minutes: float | None = None) -> CheckIn | None:
        """Let everything through (tray: Pause notifyzen); what was held is shown now."""
        now = self._catch_up_now()
        checkin = self.timeline.pause(now, minutes)
        self.act([checkin] if checkin is not None else [])
        moments.save(self)
        self._moved()
        return checkin

    def resume(self) -> None:
        self.timeline.resume(self._catch_up_now())
        moments.save(self)
        self._moved()

    def shown_by_desktop(self, ids: list[int]) -> None:
        """The desktop showed these held notifications itself (the user lifted its Do not disturb
        and Plasma popped up what it had kept back): they are no longer held, and no check-in
        lists them a second time."""
        assert self.store is not None
        now = self.clock.now()
        for id in ids:
            live = self.live.get(id)
            if live is None or live.item.decision.verdict is not Verdict.HOLD:
                continue
            self.timeline.forget(id)
            self.store.shown(live.row_id, now, ShownBy.DESKTOP.value)
            shown = replace(live.item.decision, verdict=Verdict.DELIVER, release_at=None)
            item = Item(id, live.item.notification, shown)
            self.live[id] = Live(live.row_id, live.origin, live.client, item)
            self.listener.closed(id, REASON_UNDEFINED)  # out of notifyzen's held list; no signal
        self.emit_status()

    def desktop_dnd_off(self) -> None:
        """The user switched the desktop's Do not disturb off while notifyzen had it on (observe
        mode): they want to see what comes. notifyzen pauses until this focus window ends, so
        what was held is shown now and nothing new is held behind their back."""
        now = self._catch_up_now()
        end = self.timeline.focus_end(now)
        minutes = (end - now).total_seconds() / 60 if end is not None else None
        self.pause(minutes)

    def went_idle(self) -> None:
        """The screen saver came on (notifyzen/context/idle.py)."""
        self.timeline.idle(self._catch_up_now())

    def came_back(self) -> CheckIn | None:
        """The user is back: after config idle_breakpoint away, a breakpoint check-in."""
        now = self._catch_up_now()
        checkin = self.timeline.active(now)
        self.act([checkin] if checkin is not None else [])
        self._moved()
        return checkin

    def woke_up(self) -> None:
        """The machine resumed from suspend: what became due while it slept happens now, once.
        A check-in it slept through was kept by nobody: as after a restart, it is recorded at its
        planned time as missed and what waited comes in one catch-up (`service.clock.slept_through`)."""
        slept_through(self)
        tick(self)

    def reload_rules(self) -> None:
        """A rule file or config.yaml changed (notifyzen/rulefiles/watch.py): swap the rules in.

        The files are read and parsed off the bus thread (a rule file near the 256 KiB cap takes
        about a second to parse, and intake must not wait for it); the result is applied here,
        on the bus thread, unless a later save is already being read. A file with errors keeps
        the last good rule set; the errors go to the log, the status (`notifyzen status`) and the
        tray. Held notifications keep their promised time.
        """
        self._rules_read += 1
        reading = self._rules_read
        future = self.loop.run_in_executor(None, load_rules)
        future.add_done_callback(lambda done: self._rules_read_done(reading, done))

    def _rules_read_done(self, reading: int, done: asyncio.Future[Any]) -> None:
        if reading != self._rules_read or self.loop.is_closed():
            return  # a later save is being read: that one is what the files say now
        try:
            loaded = done.result()
        except Exception:
            log.exception("rules: reading the rule files failed; keeping the rules in force")
            return
        self._apply_rules(loaded)

    def _apply_rules(self, loaded: Any) -> bool:
        if not loaded.ok or loaded.rules is None or loaded.config is None:
            self.rules_errors = [str(e) for e in loaded.errors]
            for error in self.rules_errors:
                log.error("rules: %s", error)
            log.error("rules: %d error(s); keeping the rules in force", len(self.rules_errors))
            self.emit_status()
            return False
        self._catch_up_now()
        self.timeline.replace_rules(loaded.rules, loaded.config)
        self.rules_errors = []
        self.rules_warnings = [str(w) for w in loaded.warnings]
        for warning in self.rules_warnings:
            log.warning("rules: %s", warning)
        log.info("rules reloaded from %d file(s)", len(loaded.files))
        purge_old_bodies(self)  # a shorter retention just saved applies now, not at 03:30
        self._moved()
        return True

    def set_calendar(self, calendar: CalendarFocus | None) -> None:
        """The calendars' meetings changed (notifyzen/calendar/live.py): focus follows them from now."""
        self._catch_up_now()
        self.timeline.set_calendar(calendar)
        self._moved()

    def set_situation(self, situation: Situation) -> None:
        """The desk changed (notifyzen/context/: screen shared, full screen, a call): focus follows
        it from now; its end is a check-in, as when the user ends focus."""
        now = self._catch_up_now()
        checkin = self.timeline.set_situation(now, situation)
        if checkin is not None:
            self.act([checkin])
        self._moved()

    def private(self) -> str | None:
        """Why nothing with message text may be drawn now ("Sharing your screen"), or None."""
        return self.timeline.private(self.clock.now())

    def digest_showing(self, ids: list[int]) -> None:
        """What the digest window lists now (for `notifyzen status` and tests)."""
        self.digest_open = sorted(ids)

    def _catch_up_now(self) -> datetime:
        """The Timeline's contract: advance to now before changing the user's state."""
        now = self.clock.now()
        self.act(self.timeline.advance(now))
        return now

    def _moved(self) -> None:
        arm(self)
        self.emit_status()

    def set_clock(self, instant: datetime) -> None:
        if not isinstance(self.clock, FakeClock):
            raise PermissionError("the clock can only be set when notifyzen was started with --clock")
        self.clock.set(instant)
        tick(self)

    # -- what falls due: a release or a check-in (bus thread) -----------------------------------
    def act(self, events: list[Release | CheckIn]) -> None:
        """Carry out what fell due: a release shows one notification, a check-in the held ones."""
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
                with self.store.batch():  # each one shown is a row and a reaction: commits of 500
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

    # -- numbers for the tray and `notifyzen status` (bus thread; service/status.py) -----------
    def taken_today(self) -> int:
        return service_status.taken_today(self)

    def held_count(self) -> int:
        return service_status.held_count(self)

    def status(self, *, full: bool = False) -> dict[str, Any]:
        """What `notifyzen status --json` prints; `full` adds what is costly to list (ids on screen)."""
        return service_status.status(self, full=full)

    def emit_status(self) -> None:
        """Tell the listener (tray, `notifyzen status`) the numbers changed."""
        try:
            self.listener.status(self.status())
        except Exception:
            log.exception("status update failed")


def activation_token(id: int) -> str:
    """An X11 startup-notification id (the form Plasma sends on X11): lets the app raise itself."""
    return f"notifyzen-{os.getpid()}-{socket.gethostname()}-{id}_TIME{int(time.time() * 1000) & 0xFFFFFFFF}"


__all__ = [
    "ADAPTER_MODULES",
    "REASON_CLOSED",
    "REASON_DISMISSED",
    "REASON_EXPIRED",
    "REASON_UNDEFINED",
    "RESTORED",
    "AlreadyRunning",
    "Listener",
    "Live",
    "NameTaken",
    "NotStored",
    "NullListener",
    "Service",
    "activation_token",
    "load_timeline",
]
