"""How the Service starts and stops: the names on the bus, the history, the rules, the mode.

At start the history is opened and the run recorded, what was held and what the digest listed
come back, the rules are read once, and the mode is chosen: server when org.freedesktop.Notifications
is free, observe otherwise (or as asked). Then the adapters start and the one timer is armed.
All of it runs on the bus thread (notifyzen/service/service.py), before `Service.start` returns.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dbus_fast import NameFlag, RequestNameReply

from notifyzen.bus import CONTROL_NAME, NOTIFICATIONS_NAME, patient
from notifyzen.bus.turns import Turns
from notifyzen.core.timeline import CheckIn, Timeline
from notifyzen.history import repair as store_repair
from notifyzen.history.store import Store
from notifyzen.service import moments, pins
from notifyzen.service.clock import (
    arm,
    catch_up,
    heartbeat,
    purge_old_bodies,
    remember,
    remembered,
    start_housekeeping,
)
from notifyzen.service.live import Live

if TYPE_CHECKING:
    from notifyzen.service.service import Service

log = logging.getLogger("notifyzen.service.service")  # the Service's log, whichever part writes it

DIGEST_KEPT = timedelta(days=3)  # what the digest listed and nobody dealt with, kept across restarts
RESTORED = "restored"  # the CheckIn reason of that list, given back to the UI at start


class AlreadyRunning(Exception):
    """Another notifyzen owns the control name on this session bus."""


class NameTaken(Exception):
    """--mode server, but another daemon owns org.freedesktop.Notifications."""


def load_timeline() -> Timeline:
    """The one place that builds the Timeline: config.yaml, the user's rules, the active presets."""
    return timeline_at_start()[0]


def timeline_at_start() -> tuple[Timeline, list[str], list[str]]:
    """The Timeline, the rule errors and the warnings to show (file:line:col), from one load.

    Broken rule files must not stop intake, nor leave the user with no rules at all: the errors are
    logged (the tray and `notifyzen rules check` name them with file:line) and notifyzen runs on
    every file that loads (`load_runnable`: a broken config.yaml gives the defaults, a broken rule
    file is left out) until they are fixed; then a save swaps the whole set in.
    """
    from notifyzen.core.ruleload import load_runnable
    from notifyzen.desktop import paths

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


def load_rules() -> Any:
    from notifyzen.core.ruleload import load_active
    from notifyzen.desktop import paths

    return load_active(paths.config_dir(), paths.presets_dir())


async def start_up(service: Service, adapter_modules: Sequence[str]) -> None:
    """`adapter_modules`: intake besides the mode's own (notifyzen.service.service.ADAPTER_MODULES)."""
    service.bus = await patient.connect(service.bus_address)  # a burst of calls must not end it
    reply = await service.bus.request_name(CONTROL_NAME, NameFlag.DO_NOT_QUEUE)
    if reply not in (RequestNameReply.PRIMARY_OWNER, RequestNameReply.ALREADY_OWNER):
        service.bus.disconnect()
        raise AlreadyRunning(f"already running on this session (it owns {CONTROL_NAME})")
    # A damaged history is moved aside and salvaged here, one found emptied is said (status, tray):
    # intake never stops for the history (notifyzen/history/repair.py).
    expected, last_id = remembered(service)
    service.store = Store(service.db_path, last_id=last_id, expected=expected)
    if service.store.needs_check:  # off the bus thread: it reads the whole file
        checked = service.loop.run_in_executor(None, store_repair.quick_check_file, service.db_path)
        checked.add_done_callback(lambda done: service.guarded(_checked, (service, done)))
    service.store.run_started(service.clock.now())  # the run log: the report says when it was off
    # The digest as the user left it: what the last check-in brought. What an earlier one brought
    # and was left went at that check-in (it is in the history window), as while running.
    digest_since = service.clock.now() - DIGEST_KEPT
    last = service.store.last_checkin_at()
    if last is not None and last > digest_since:
        digest_since = last
    pinned = pins.load(service)  # digest lines the user pinned: kept across the restart too
    service.store.end_stale(service.clock.now(), digest_since, pinned)
    if service.timeline_factory is load_timeline:  # the files are read once, errors and all
        service.timeline, service.rules_errors, service.rules_warnings = timeline_at_start()
    else:
        service.timeline = service.timeline_factory()
    purge_old_bodies(service)
    start_housekeeping(service)
    held = service.store.held()
    now = service.clock.now()
    service.timeline.restore([item for _, _, _, item in held], now)
    service.pending_startup.extend(moments.restore(service, now))  # focus/pause the user chose
    for row_id, origin, client, item in held:
        service.live[item.id] = Live(row_id, origin, client, item)
    listed = service.store.in_digest(digest_since, pinned)  # the digest as the user left it
    for row_id, origin, client, item in listed:
        service.live[item.id] = Live(row_id, origin, client, item)
    restored = [item for _, _, _, item in listed]
    service.pinned_at_start = {item.id for row_id, _, _, item in listed if row_id in pinned}
    service.replies.restore()  # "You told Anke at 09:30" for these, before any digest lists them
    catch_up(service, now)
    # The Timeline's day starts now: its first advance would otherwise start from whenever it
    # runs, and a check-in falling before that (or at that very moment) would never happen.
    service.pending_startup.extend(service.timeline.advance(now))
    # A DND switch left on by a notifyzen that was killed is undone whatever mode this run
    # takes: the desktop's notifications must work again even if we now serve them ourselves.
    from notifyzen.dnd import restore_leftovers

    await asyncio.to_thread(restore_leftovers)
    # Every call notifyzen answers on its connection, Notify or control, waits its client's turn
    # (bus/turns.py): no client's storm of calls holds up another's.
    turns = Turns(service.bus)
    service.mode = await _claim_mode(service, turns)
    from notifyzen.bus.control import ControlInterface, serve_in_turns

    control = ControlInterface(service)
    service.bus.export(ControlInterface.PATH, control)
    serve_in_turns(service.bus, control, turns)
    await _start_adapters(service, adapter_modules)
    await _silence_if_in_focus(service, now)
    service.watch_bus = asyncio.ensure_future(_quit_when_bus_goes(service))
    arm(service)
    service.ready.set_result(service.mode)
    if restored:  # listed again, not shown again: no check-in, no window of its own
        service.listener.checkin(CheckIn(now, RESTORED, tuple(i.id for i in restored)), restored)
    service.act(service.pending_startup)
    service.pending_startup.clear()
    heartbeat(service)
    service.emit_status()


def _checked(service: Service, done: asyncio.Future[str | None]) -> None:
    """quick_check found damage: the same repair as on a failing statement, then the tray says so."""
    problem = None if done.cancelled() or done.exception() else done.result()
    if problem is not None and service.store is not None:
        service.store.damage_found(problem)
        service.emit_status()


async def _claim_mode(service: Service, turns: Turns) -> str:
    assert service.bus is not None
    if service.requested_mode in ("auto", "server"):
        from notifyzen.bus.server import NotificationServer

        server = NotificationServer(service.bus, service, turns)
        server.attach()
        reply = await service.bus.request_name(NOTIFICATIONS_NAME, NameFlag.DO_NOT_QUEUE)
        if reply in (RequestNameReply.PRIMARY_OWNER, RequestNameReply.ALREADY_OWNER):
            service.server = server
            service.mode_reason = {"why": "asked" if service.requested_mode == "server" else "free"}
            return "server"
        server.detach()
        if service.requested_mode == "server":
            owner = await _owner(service, NOTIFICATIONS_NAME)
            service.bus.disconnect()
            raise NameTaken(
                f"{NOTIFICATIONS_NAME} is owned by {owner or 'another program'}; "
                "run with --mode observe (or --mode auto) to work alongside it"
            )
        service.mode_reason = {"why": "taken", "owner": await _owner_program(service, NOTIFICATIONS_NAME)}
    else:
        service.mode_reason = {"why": "asked"}
    await _start_observer(service)
    return "observe"


async def _quit_when_bus_goes(service: Service) -> None:
    """The session bus closed (the session ended): nothing left to serve.

    Only the bus closing should get here. A full socket buffer used to (issue 22: dbus-fast took
    EAGAIN for a broken connection) and was logged as the end of the session; the writer now waits
    it out (bus/patient.py). Any other error that makes dbus-fast drop the connection is logged as
    the fault it is, with its traceback; notifyzen still quits, as its names went with it."""
    assert service.bus is not None
    try:
        await service.bus.wait_for_disconnect()
    except (EOFError, ConnectionError) as exc:  # what a closed bus socket gives
        log.warning("the session bus closed the connection (%s)", repr(exc))
    except Exception:
        log.exception("the connection to the session bus failed while the bus was still there")
    if not service.stopping:
        log.warning("the session bus is gone; quitting")
        service.listener.quit()


async def _owner(service: Service, name: str) -> str | None:
    from dbus_fast import Message

    assert service.bus is not None
    reply = await service.bus.call(
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


async def _owner_program(service: Service, name: str) -> str | None:
    """The program that owns `name` ("plasmashell", "dunst", "gnome-shell"), for `status` to say
    why notifyzen observes; None when the bus or /proc does not tell."""
    from dbus_fast import Message

    assert service.bus is not None
    try:
        reply = await service.bus.call(
            Message(
                destination="org.freedesktop.DBus",
                path="/org/freedesktop/DBus",
                interface="org.freedesktop.DBus",
                member="GetConnectionUnixProcessID",
                signature="s",
                body=[name],
            )
        )
        pid = int(reply.body[0]) if reply is not None and reply.body else 0
        if pid <= 0:
            return None
        return Path(f"/proc/{pid}/comm").read_text().strip() or None
    except (OSError, ValueError, TypeError):
        return None


async def _start_observer(service: Service) -> None:
    """Observe mode: the observe session (notifyzen.dnd.session) watches the desktop's own daemon
    through notifyzen.bus.observer, which hands what it sees to the session that started it."""
    from notifyzen.dnd import session

    try:
        service.adapters.append(await session.start(service))
    except Exception as exc:
        log.exception("observe mode could not start watching")
        service.observer_error = str(exc)


async def _silence_if_in_focus(service: Service, now: datetime) -> None:
    """Started inside a focus window, the desktop is silenced before notifyzen says it runs (and
    before anything held is shown): later changes follow the one timer (service.clock.follow_focus)."""
    silence = service.timeline.silences(now)
    for adapter in service.adapters:
        want = getattr(adapter, "want", None)
        if callable(want):
            try:
                await want(silence)
            except Exception:
                log.exception("could not silence the desktop")


async def _start_adapters(service: Service, adapter_modules: Sequence[str]) -> None:
    """Intake adapters besides the mode's own: each module's `async start(service)` returns
    something with an async stop(). A failing adapter is logged; intake goes on."""
    for name in adapter_modules:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        start = getattr(module, "start", None)
        if start is None:
            continue
        try:
            service.adapters.append(await start(service))
        except Exception:
            log.exception("%s did not start", name)


async def shut_down(service: Service) -> None:
    service.stopping = True
    if service.watch_bus is not None:
        # Awaited, not only cancelled: the loop stops below, and a task whose cancellation never
        # ran is destroyed pending ("Task was destroyed but it is pending!" on exit).
        service.watch_bus.cancel()
        await asyncio.wait([service.watch_bus], timeout=1)
    if service.timer is not None:
        service.timer.cancel()
    if service.housekeeping is not None:
        service.housekeeping.shutdown(wait=False)
    for adapter in service.adapters:
        stop = getattr(adapter, "stop", None)
        try:
            if stop is not None:
                result = stop()
                if asyncio.iscoroutine(result):
                    await asyncio.wait_for(result, 3)
        except Exception as exc:
            if service.bus is not None and not service.bus.connected:  # the session ended: expected
                log.info("stopping %r: the session bus is gone (%s)", adapter, exc)
            else:
                log.exception("stopping %r failed", adapter)
    if service.bus is not None:
        service.bus.disconnect()
    if service.store is not None:
        service.store.run_ended(service.clock.now())
        remember(service)
    service.loop.stop()
