"""Observe mode: watch another daemon's notifications without getting in their way.

When Plasma, GNOME Shell, dunst or mako owns org.freedesktop.Notifications, notifyzen cannot
answer Notify itself. Instead a second, separate connection asks the bus for copies
(org.freedesktop.DBus.Monitoring.BecomeMonitor). That is passive: the bus delivers the call to the
daemon first and copies it to us; the sender waits only for the daemon, never for us.

Parts:
- `Observer` owns the monitor connection. It pairs each Notify call with the daemon's reply
  (by the caller's unique name and the call's serial) so history learns the daemon's id, which
  later lets notifyzen close the pop-up (`close_on_daemon`). It also reports GApplication
  notifications (org.gtk.Notifications, which GNOME apps use instead of Notify), closes, action
  clicks, changes of who owns the name and mako's modes being set (its do-not-disturb).
  Everything arrives as small `Event` values through one callback, so the observer knows nothing
  about the store or the rules.
- What it reports are the small values of notifyzen/bus/observed.py; the way back to the daemon
  (break-throughs redelivered, pop-ups closed) is notifyzen/bus/redeliver.py, on the normal
  connection: a monitor may not send.

Timing: the sender of a notification is still waiting while the daemon answers and the bus copies
that answer to us; work notifyzen did right then (deciding, committing the row, maybe drawing)
would take a CPU the sender, the bus or the daemon needs next — measurable on two cores
(bench/bench_observe.py). So the stream is read by a thread of its own at the lowest normal
priority (`_lower_priority`), 2 ms after it wakes us rather than at once (`LazyReadingLoop`: the
call and the daemon's reply are then read together, after the sender has its answer), and events
are handed to the app's loop only once the stream has been quiet for `settle` (2 ms), or after
`max_delay` (50 ms) under a steady stream; in order, in one batch. Each event keeps the time it
was read.

Failure: the monitor stream is other programs' traffic. A message that does not look like what
its name promises is dropped with a debug log line; if the connection itself breaks, the observer
reconnects. Nothing a client sends can stop it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

from notifyzen.bus import wire
from notifyzen.bus.lazyloop import LazyReadingLoop
from notifyzen.bus.observed import (
    ActionInvoked,
    Closed,
    CloseRequested,
    Event,
    GtkNotified,
    GtkWithdrawn,
    ModesSet,
    Notified,
    OwnerChanged,
)
from notifyzen.bus.redeliver import NAME, NOTIFY_SIGNATURE, REDELIVERED_HINT

log = logging.getLogger(__name__)

GTK_NAME = "org.gtk.Notifications"
MAKO = "fr.emersion.Mako"  # mako's own interface on the notification name (makoctl mode)

# Only what the observer uses reaches it. Sender/destination given as well-known names match
# whoever owns them at that moment, so a restarted daemon is followed without re-monitoring,
# and no other client can fake a daemon's signals or replies.
MATCH_RULES = (
    f"type='method_call',destination='{NAME}',member='Notify'",
    f"type='method_call',destination='{NAME}',member='CloseNotification'",
    f"type='method_return',sender='{NAME}'",
    f"type='error',sender='{NAME}'",
    f"type='signal',sender='{NAME}',interface='{NAME}'",
    f"type='method_call',destination='{GTK_NAME}',interface='{GTK_NAME}'",
    f"type='method_call',destination='{NAME}',interface='{MAKO}',member='SetModes'",
    f"type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',"
    f"member='NameOwnerChanged',arg0='{NAME}'",
)


@dataclass(slots=True)
class _Pending:
    args: tuple[Any, ...]
    at: datetime
    seen: float = field(default_factory=time.monotonic)


def _now() -> datetime:
    return datetime.now(UTC)


MONITOR_NICE = 19
READ_DELAY = 0.002  # the monitor socket is read this long after it wakes us (bus/lazyloop.py)


def _lower_priority() -> None:
    """Give the monitor thread (this thread only: Linux keeps a nice value per thread) the
    lowest normal priority, so the processes a sender is waiting on come first.

    Each observed call wakes this thread while its sender waits (once, with LazyReadingLoop); at
    the default priority that took a CPU the sender, the bus or the daemon needed next: +100 µs
    per call on two cores for an observer reading at once, against +13 µs for dbus-monitor
    (written in C) and +20 µs at nice 19 (bench/bench_observe.py, docs/performance.md).
    Not SCHED_IDLE (about as fast): a busy machine could starve it for as long as it stays busy,
    and the bus would queue the stream meanwhile; nice 19 still gets its share."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not allowed: normal speed
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), MONITOR_NICE)


class Observer:
    """The monitor connection, read by a thread of its own at low priority. `on_event` is called
    on the event loop that called `start` for each Event, in the order seen, at the next quiet
    moment of the stream; an exception it raises is logged, never propagated into the reader."""

    MAX_PENDING = 4096  # calls waiting for a reply; a flood of unanswered calls cannot grow memory
    SETTLE = 0.002  # quiet needed before events are handed on (see the module docstring)
    MAX_DELAY = 0.05  # ... but never later than this after the first one waiting

    def __init__(
        self,
        on_event: Callable[[Event], None],
        *,
        bus_address: str | None = None,
        reply_timeout: float = 30.0,
        reconnect_delay: float = 0.5,
        now: Callable[[], datetime] | None = None,
        own_senders: Callable[[], Collection[str]] | None = None,
        settle: float = SETTLE,
        max_delay: float = MAX_DELAY,
    ) -> None:
        self._on_event = on_event
        self._settle = settle
        self._max_delay = max_delay
        self._waiting: list[Event] = []  # seen, not handed on yet (quiet-moment delivery)
        self._first_waiting = 0.0  # monotonic time the oldest of them was seen
        self._last_seen = 0.0  # monotonic time of the last message off the monitor
        self._hand_on: asyncio.TimerHandle | None = None
        self._now = now or _now  # the app's clock (a demo's --clock), not necessarily the wall
        # notifyzen's own connections: only their calls may skip observation with the hint, so no
        # other client can hide from the history by copying it
        self._own_senders = own_senders
        self._address = bus_address
        self._reply_timeout = reply_timeout
        self._reconnect_delay = reconnect_delay
        self._pending: OrderedDict[tuple[str, int], _Pending] = OrderedDict()
        self._bus: MessageBus | None = None
        self._home: asyncio.AbstractEventLoop | None = None  # where on_event runs (start()'s loop)
        self._loop: asyncio.AbstractEventLoop | None = None  # the monitor thread's own
        self._thread: threading.Thread | None = None
        self._stopping = False
        self.connected = threading.Event()
        self.dropped = 0  # messages that did not look like what they claimed to be
        self.reconnects = 0

    async def start(self) -> None:
        """Become a monitor; raises if the bus refuses (then observe mode is impossible here)."""
        self._home = asyncio.get_running_loop()
        self._stopping = False
        ready: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._thread = threading.Thread(
            target=self._run, args=(ready,), name="notifyzen-monitor", daemon=True
        )
        self._thread.start()
        await asyncio.wrap_future(ready)

    def _run(self, ready: concurrent.futures.Future[None]) -> None:
        """The monitor thread: read the stream, hand events home in batches."""
        _lower_priority()
        loop = self._loop = LazyReadingLoop(READ_DELAY)
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._connect())
        except BaseException as exc:
            ready.set_exception(exc)
            loop.close()
            return
        ready.set_result(None)
        try:
            loop.run_until_complete(self._supervise())
        except asyncio.CancelledError:
            pass  # stopped while waiting to reconnect (_halt)
        finally:
            if self._bus is not None:
                self._bus.disconnect()
                self._bus = None
            if self._hand_on is not None:
                self._hand_on.cancel()
                self._hand_on = None
            loop.close()

    async def stop(self) -> None:
        self._stopping = True
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            with contextlib.suppress(RuntimeError):  # its loop ended already
                loop.call_soon_threadsafe(self._halt)
            await asyncio.to_thread(thread.join, 5.0)
        self._thread = None
        self.connected.clear()
        # the thread is gone: what it had not handed home yet is handed on here, in order
        for key in list(self._pending):
            self._expire(key, "notifyzen stopped before the daemon answered")
        waiting, self._waiting = self._waiting, []
        self._deliver(waiting)

    def _halt(self) -> None:
        """Monitor thread: end the connection; _supervise sees _stopping and returns."""
        if self._bus is not None:
            self._bus.disconnect()
        elif self._loop is not None:
            for task in asyncio.all_tasks(self._loop):
                task.cancel()  # waiting to reconnect

    def _when_quiet(self) -> None:
        """Monitor thread: hand the waiting events home once the stream has paused."""
        self._hand_on = None
        now = time.monotonic()
        quiet_at = self._last_seen + self._settle
        latest = self._first_waiting + self._max_delay
        if now < quiet_at and now < latest:  # the stream went on: wait for the next gap
            wait = min(quiet_at, latest) - now
            self._hand_on = asyncio.get_running_loop().call_later(wait, self._when_quiet)
            return
        waiting, self._waiting = self._waiting, []
        if self._home is None:
            return
        try:
            self._home.call_soon_threadsafe(self._deliver, waiting)
        except RuntimeError:  # the app's loop is closed: notifyzen is going away
            log.warning("%d observed events arrived while notifyzen stopped", len(waiting))

    def _deliver(self, events: list[Event]) -> None:
        """Home loop: on_event for each, in the order seen."""
        for event in events:
            try:
                self._on_event(event)
            except Exception:
                log.exception("observer callback failed on %r", type(event).__name__)

    async def _connect(self) -> None:
        bus = await MessageBus(bus_address=self._address).connect()
        serial = bus.next_serial()
        handler = self._make_handler(serial)
        bus.add_message_handler(handler)
        reply = await bus.call(
            Message(
                destination="org.freedesktop.DBus",
                path="/org/freedesktop/DBus",
                interface="org.freedesktop.DBus.Monitoring",
                member="BecomeMonitor",
                signature="asu",
                body=[list(MATCH_RULES), 0],
                serial=serial,
            )
        )
        if reply is None or reply.message_type is MessageType.ERROR:
            bus.disconnect()
            detail = reply.body[0] if reply is not None and reply.body else "no reply"
            raise ConnectionError(f"the bus refused BecomeMonitor: {detail}")
        self._bus = bus
        if isinstance(self._loop, LazyReadingLoop):
            self._loop.read_lazily()
        self.connected.set()

    def _make_handler(self, become_serial: int) -> Callable[[Message], bool]:
        active = False

        def handler(msg: Message) -> bool:
            # Until the bus answers BecomeMonitor this is an ordinary connection and dbus-fast must
            # see the reply. After it, claim every message: dbus-fast would otherwise answer
            # method calls meant for the daemon, and a monitor that sends is thrown off the bus.
            nonlocal active
            if not active:
                if msg.reply_serial == become_serial and msg.sender == "org.freedesktop.DBus":
                    active = True
                return False
            self._last_seen = time.monotonic()
            try:
                self._dispatch(msg)
            except Exception:  # hostile or odd traffic must never reach the reader loop
                self.dropped += 1
                log.debug("dropped an observed message it could not read", exc_info=True)
            return True

        return handler

    async def _supervise(self) -> None:
        while not self._stopping:
            bus = self._bus
            if bus is not None:
                with contextlib.suppress(Exception):  # a broken stream ends it with its error
                    await bus.wait_for_disconnect()
            self._bus = None
            self.connected.clear()
            if self._stopping:
                return
            log.warning("monitor connection lost; reconnecting")
            await asyncio.sleep(self._reconnect_delay)
            self.reconnects += 1
            try:
                await self._connect()
            except Exception:
                log.warning("could not become a monitor again", exc_info=True)
                self._bus = None

    # --- reading the stream -------------------------------------------------------------------

    def _dispatch(self, msg: Message) -> None:
        kind = msg.message_type
        if kind is MessageType.METHOD_CALL:
            self._call(msg)
        elif kind is MessageType.METHOD_RETURN or kind is MessageType.ERROR:
            self._reply(msg)
        elif kind is MessageType.SIGNAL:
            self._signal(msg)
        self._expire_old()

    def _call(self, msg: Message) -> None:
        sender = msg.sender or ""
        if msg.interface == GTK_NAME:
            self._gtk_call(msg, sender)
        elif msg.member == "Notify" and msg.interface in (NAME, None):
            if msg.signature != NOTIFY_SIGNATURE:
                self.dropped += 1  # the daemon will answer with an error; nothing was shown
                return
            if REDELIVERED_HINT in msg.body[6] and self._is_own(sender):
                return  # notifyzen's own break-through, already in history
            if msg.flags & 0x1:  # NO_REPLY_EXPECTED: no id will come back
                self._emit(Notified(sender, tuple(msg.body), None, self._now()))
                return
            self._pending[(sender, msg.serial)] = _Pending(tuple(msg.body), self._now())
            while len(self._pending) > self.MAX_PENDING:
                self._expire(next(iter(self._pending)), "too many unanswered calls")
        elif msg.member == "CloseNotification" and msg.signature == "u":
            self._emit(CloseRequested(sender, int(msg.body[0]), self._now()))
        elif msg.interface == MAKO and msg.member == "SetModes" and msg.signature == "as":
            self._emit(ModesSet(sender, tuple(str(m) for m in msg.body[0]), self._now()))

    def _is_own(self, sender: str) -> bool:
        return self._own_senders is None or sender in self._own_senders()

    def _gtk_call(self, msg: Message, sender: str) -> None:
        if msg.member == "AddNotification" and msg.signature == "ssa{sv}":
            app_id, nid, data = msg.body
            self._emit(GtkNotified(sender, app_id, nid, wire.plain_hints(data), self._now()))
        elif msg.member == "RemoveNotification" and msg.signature == "ss":
            self._emit(GtkWithdrawn(sender, msg.body[0], msg.body[1], self._now()))

    def _reply(self, msg: Message) -> None:
        pending = self._pending.pop((msg.destination or "", msg.reply_serial), None)
        if pending is None:
            return  # an answer to something else (GetCapabilities, our own redelivery...)
        if msg.message_type is MessageType.ERROR:
            error = msg.error_name or "error"
            self._emit(Notified(msg.destination or "", pending.args, None, pending.at, error, refused=True))
        elif msg.signature == "u":
            self._emit(Notified(msg.destination or "", pending.args, int(msg.body[0]), pending.at))
        else:
            self.dropped += 1
            self._emit(Notified(msg.destination or "", pending.args, None, pending.at, "odd reply"))

    def _signal(self, msg: Message) -> None:
        if msg.member == "NotificationClosed" and msg.signature == "uu":
            self._emit(Closed(int(msg.body[0]), int(msg.body[1]), self._now()))
        elif msg.member == "ActionInvoked" and msg.signature == "us":
            self._emit(ActionInvoked(int(msg.body[0]), str(msg.body[1]), self._now()))
        elif msg.member == "NameOwnerChanged" and msg.signature == "sss" and msg.body[0] == NAME:
            self._emit(OwnerChanged(msg.body[1], msg.body[2], self._now()))

    def _expire_old(self) -> None:
        deadline = time.monotonic() - self._reply_timeout
        while self._pending:
            key, oldest = next(iter(self._pending.items()))
            if oldest.seen > deadline:
                return
            self._expire(key, "the daemon did not answer")

    def _expire(self, key: tuple[str, int], why: str) -> None:
        pending = self._pending.pop(key)
        self._emit(Notified(key[0], pending.args, None, pending.at, why))

    def _emit(self, event: Event) -> None:
        if not self._waiting:
            self._first_waiting = time.monotonic()
        self._waiting.append(event)
        if self._hand_on is None and self._loop is not None and threading.current_thread() is self._thread:
            self._hand_on = self._loop.call_later(min(self._settle, self._max_delay), self._when_quiet)
