"""Observe mode as the Service runs it: settle leftovers, watch, silence in focus, let break-throughs out.

Order at start: (1) undo what a crashed notifyzen left silenced, (2) become a monitor, (3) pick
the desktop's driver. The desktop's own Do not disturb is then on only while the rules want it
(`follow`, from the Service's one timer: inside a focus window, not paused). Outside focus the
desktop shows every notification itself, exactly as without notifyzen, and notifyzen records it.
If the driver cannot engage, notifyzen still records everything and the desktop shows its pop-ups
as usual (nothing is hidden that is not also held).

Each observed notification goes through `Service.take` like one notifyzen received itself,
with origin "observe" (or "gtk" for GApplication notifications) and the daemon's id as the
external id. While the driver is engaged, what the rules deliver at once is shown past the
desktop's DND: on Plasma the app's own notification is raised in place (same id, same buttons);
on mako, whose mode hides everything, the mode is lifted while the app's own is on screen
(`_lift`); elsewhere a copy is redelivered (`redeliver`), raised to the urgency the desktop lets
through, or, where nothing gets through (a paused dunst 1.9), notifyzen shows its own pop-up.

The user's own Do not disturb is followed, not fought: on Plasma its `Inhibited` property is
watched; the user switching it off inside a focus window (which revokes notifyzen's inhibition)
pauses notifyzen until that window ends, and while the user's own DND is on nothing is pushed
through it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Coroutine, Mapping
from dataclasses import replace
from typing import Any, Protocol

from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

from notifyzen.bus.match import add_match
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
from notifyzen.bus.observer import Observer
from notifyzen.bus.redeliver import (
    close_on_daemon,
    invoke_on_daemon,
    redeliver,
    replace_in_place,
    veiled_args,
)
from notifyzen.context.privacy import headline, veil
from notifyzen.core.model import Item, Notification, Urgency, Verdict
from notifyzen.core.phone_match import is_phone_popup
from notifyzen.dnd import restore_leftovers
from notifyzen.dnd.base import DndDriver
from notifyzen.dnd.choice import choose_driver, identify, make_driver
from notifyzen.dnd.mako import MakoDriver
from notifyzen.dnd.plasma import NAME, PATH, user_dnd_until
from notifyzen.dnd.undo import StatefulDriver

log = logging.getLogger(__name__)

ORIGIN = "observe"
GTK_ORIGIN = "gtk"
EXPIRED, DISMISSED, CLOSED = 1, 2, 3
PROPERTIES = "org.freedesktop.DBus.Properties"
DCONF_WRITER = "ca.desrt.dconf.Writer"
SETTLED_MAX = 20_000
KEPT_MAX = 2_000  # Notify bodies kept for raising in place; a flood past this falls back to copies
# How long a raised break-through stays before it is lowered again (Plasma shows a critical one
# until closed): the app's own expire_timeout, else Plasma's default pop-up time.
POPUP_S = 5.0
THEIRS_S = 30.0  # how often the user's own DND is read on desktops that do not announce it


class Intake(Protocol):
    """What the session needs from notifyzen.service.service.Service (all called on the bus thread)."""

    bus: MessageBus | None
    bus_address: str | None
    external: dict[tuple[str, str], int]

    def take(
        self,
        n: Notification,
        *,
        origin: str,
        client: str | None = None,
        external_id: str | None = None,
        replaces_id: int = 0,
        gated: bool | None = None,
    ) -> Item: ...

    def find_external(self, origin: str, external_id: str) -> int | None: ...

    def close(self, id: int, reason: int, *, state: str | None = None, action: str | None = None) -> bool: ...


class ObserveSession:
    """`driver`: "auto" (by who owns the name), "none", or a driver name (plasma, gnome, ...)."""

    def __init__(
        self, service: Intake, *, driver: str = "auto", env: Mapping[str, str] | None = None
    ) -> None:
        self.service = service
        self.driver_choice = driver
        self.env = env
        clock = getattr(service, "clock", None)
        self.observer = Observer(
            self.on_event,
            bus_address=service.bus_address,
            now=clock.now if clock is not None else None,
            own_senders=self._own,
        )
        self.driver: DndDriver | None = None
        self.wanted = False  # the rules want the desktop quiet now (`follow`)
        self._engaging = False  # asked the desktop to be quiet; its answer is not in yet
        self.user_lifted = False  # the user switched our DND off inside this focus window
        self.desktop_inhibited: bool | None = None  # Plasma's Inhibited property, as last heard
        # The app's own Notify body per daemon id, kept while silenced: what a break-through raises
        # in place, and what the digest's "Open" needs to run the app's action.
        self._kept: OrderedDict[int, tuple[Any, ...]] = OrderedDict()
        self._lower: dict[int, asyncio.TimerHandle] = {}  # raised break-throughs, lowered later
        self._through: dict[int, asyncio.TimerHandle] = {}  # on screen, mako's mode lifted for them
        # Daemon ids notifyzen closed there itself while it still holds them (the digest's): their
        # NotificationClosed ends nothing here; "Open" then starts the app from its desktop entry.
        self._settled: set[int] = set()
        self._daemon_ids: dict[int, int] = {}  # notifyzen id -> the daemon's id, while live
        self._copies: dict[int, int] = {}  # daemon id of a redelivered copy -> notifyzen id
        self._theirs = False  # the user's own DND is on (non-Plasma desktops), as last read
        self._theirs_at = -THEIRS_S
        self._tasks: set[asyncio.Task[Any]] = set()
        self._switching = asyncio.Lock()  # one driver change at a time, and none during stop

    def _own(self) -> set[str]:
        bus = self.service.bus
        return {bus.unique_name} if bus is not None and bus.unique_name else set()

    @property
    def silencing(self) -> bool:
        """The desktop is silenced, or about to be: from the moment notifyzen asks (the desktop may
        be quiet before its answer arrives, and what comes meanwhile must be treated as silenced:
        a break-through pushed through, a held one closed at the end) until it lets go."""
        return self.driver is not None and (self.driver.engaged or self._engaging)

    @property
    def dnd(self) -> str:
        """Whose Do not disturb the desktop is in, for the tray and `notifyzen status`:
        "notifyzen", "yours" (the user's own, or another app's), or "off"."""
        if self.driver is not None and self.driver.name == "plasma":
            if user_dnd_until(self.env) is not None:
                return "yours"
            if self.silencing:
                return "notifyzen"
            return "yours" if self.desktop_inhibited else "off"
        if self._engaging:
            return "notifyzen"
        if self.silencing:
            return "yours" if getattr(self.driver, "_record", True) is None else "notifyzen"
        self._look_at_theirs()
        return "yours" if self._theirs else "off"

    def _look_at_theirs(self) -> None:
        """Outside focus, whether the user silenced the desktop themselves (GNOME's banners off, a
        paused dunst, mako's do-not-disturb mode). Reading it runs a command, so at most every
        THEIRS_S, off the bus thread; the answer is the last one read (the first at start)."""
        if time.monotonic() - self._theirs_at >= THEIRS_S:
            self._theirs_at = time.monotonic()
            self._spawn(self._read_theirs())

    async def _read_theirs(self) -> None:
        plan = getattr(self.driver, "plan", None)  # StatefulDriver.plan: None when already quiet
        if not callable(plan) or self.silencing:
            return
        self._theirs_at = time.monotonic()
        try:
            self._theirs = await asyncio.to_thread(plan) is None
        except Exception:
            log.debug("could not read the desktop's Do not disturb", exc_info=True)

    @property
    def users_dnd(self) -> bool:
        return self.dnd == "yours"

    @property
    def shows_breakthroughs(self) -> bool:
        """True when delivered notifications reach the user through the daemon (redelivered, or
        shown by it directly); False when the driver lets nothing through (dunst 1.9), where
        `breakthrough` falls back to the app's own pop-up."""
        if self.driver is None or not self.driver.engaged:
            return True  # not silenced: the daemon showed it already
        return self.driver.breakthrough_urgency is not None

    async def start(self) -> ObserveSession:
        settled = await asyncio.to_thread(restore_leftovers, self.env)
        if settled:
            log.info("restored what an earlier notifyzen left silenced: %s", ", ".join(settled))
        await self.observer.start()
        async with self._switching:
            self.driver = await self._pick_driver()
            await self._watch_inhibited()
            await self._watch_dconf()
            await self._read_theirs()
            await self._apply_locked()
        return self

    # -- the desktop's Do not disturb follows the rules ------------------------------------------
    def follow(self, wanted: bool) -> None:
        """The Service says whether the rules want the desktop quiet now (in focus, not paused)."""
        if wanted != self.wanted:
            self._spawn(self.want(wanted))

    async def want(self, wanted: bool) -> None:
        """Silence the desktop, or let it show pop-ups again, and return when that is done."""
        if wanted != self.wanted and not wanted:
            self.user_lifted = False  # the next focus window silences again
        self.wanted = wanted
        async with self._switching:
            await self._apply_locked()

    async def _apply_locked(self) -> None:
        driver = self.driver
        if driver is None:
            return
        if self.wanted and not self.user_lifted and not driver.engaged:
            self._engaging = True
            try:
                await driver.engage()
                log.info("observe mode: pop-ups silenced through %s", driver.name)
            except Exception:
                log.warning(
                    "could not silence pop-ups through %s; they show as usual", driver.name, exc_info=True
                )
            finally:
                self._engaging = False
        elif not self.wanted and driver.engaged:
            await self._unsilence(driver)

    async def _unsilence(self, driver: DndDriver) -> None:
        """Focus is over: the desktop's DND comes off. What was held is the check-in's (the digest
        lists it); the desktop must not pop it up as well as it would at the end of its own DND."""
        await self._settle_kept_back()
        try:
            await driver.release()
            log.info("observe mode: %s shows pop-ups again", driver.name)
        except Exception:
            log.warning("releasing %s failed", driver.name, exc_info=True)

    async def _settle_kept_back(self) -> None:
        """Close on the daemon every notification it kept back during focus and has not ended
        itself: the held ones are the check-in's (the digest lists them, and they stay live in
        notifyzen, `_settled`), the break-throughs were seen. Left there, the desktop would pop each
        one up the moment its DND comes off (Plasma shows every one younger than three minutes)."""
        bus = self.service.bus
        for handle in [*self._lower.values(), *self._through.values()]:
            handle.cancel()
        self._lower.clear()
        self._through.clear()  # on screen with the mode off: mako's now, as without notifyzen
        ids = list(self._kept)
        self._kept.clear()
        if bus is None or (self.driver is not None and not self.driver.shows_kept_back):
            return
        for daemon_id in ids:
            self._let_go(daemon_id)
        for daemon_id in ids:
            await self._quietly(close_on_daemon(bus, daemon_id))

    async def _watch_inhibited(self) -> None:
        """Plasma says when anyone silences it: notifyzen, another app, or the user."""
        driver, bus = self.driver, self.service.bus
        if driver is None or bus is None or not getattr(driver, "watches_inhibited", False):
            return
        rule = f"type='signal',interface='{PROPERTIES}',member='PropertiesChanged',path='{PATH}'"
        try:
            await add_match(bus, rule)
            reply = await asyncio.wait_for(
                bus.call(
                    Message(
                        destination=NAME,
                        path=PATH,
                        interface=PROPERTIES,
                        member="Get",
                        signature="ss",
                        body=[NAME, "Inhibited"],
                    )
                ),
                5.0,
            )
        except Exception:
            log.debug("cannot watch Plasma's Inhibited property", exc_info=True)
            return
        if reply is not None and reply.message_type is MessageType.METHOD_RETURN and reply.body:
            value = reply.body[0]
            self.desktop_inhibited = bool(value.value if isinstance(value, Variant) else value)
        bus.add_message_handler(self._on_properties)

    def _on_properties(self, msg: Message) -> None:
        if (
            msg.message_type is not MessageType.SIGNAL
            or msg.member != "PropertiesChanged"
            or msg.path != PATH
        ):
            return None
        if msg.interface != PROPERTIES or len(msg.body) < 2 or msg.body[0] != NAME:
            return None
        changed = msg.body[1]
        if "Inhibited" not in changed:
            return None
        value = changed["Inhibited"]
        inhibited = bool(value.value if isinstance(value, Variant) else value)
        self.desktop_inhibited = inhibited
        driver = self.driver
        if not inhibited and driver is not None and driver.engaged:
            # Plasma lifted our inhibition without our asking: the user's "toggle do not disturb"
            # revokes every application's.
            self._user_lifted()
        self._tell_status()
        return None

    def _user_lifted(self) -> None:
        """The user switched the desktop's Do not disturb off while notifyzen had it on: they want
        to see what comes. notifyzen steps aside (pauses until focus ends) and does not silence
        the desktop again before the next focus window."""
        driver = self.driver
        revoked = getattr(driver, "revoked", None)
        if driver is None or not callable(revoked):
            return
        revoked()
        self.user_lifted = True
        log.info("you switched Do not disturb off; notifyzen lets everything through until focus ends")
        if driver.shows_kept_back:
            # Plasma popped up, that same moment, what it kept back and had not expired yet: those
            # were seen now, and the check-in the pause brings must not list them again.
            popped = [self._item_of(d) for d in self._kept]
            shown_by_desktop = getattr(self.service, "shown_by_desktop", None)
            if callable(shown_by_desktop):
                shown_by_desktop([i for i in popped if i is not None])
        self._kept.clear()
        try:
            step_aside = getattr(self.service, "desktop_dnd_off", None)
            if callable(step_aside):
                step_aside()
        except Exception:
            log.exception("pausing after the user's Do not disturb change failed")

    def _tell_status(self) -> None:
        status = getattr(self.service, "_emit_status", None)
        if callable(status):
            status()

    async def _watch_dconf(self) -> None:
        """GNOME keeps its Do not disturb in dconf, and dconf announces every write on the session
        bus (`ca.desrt.dconf.Writer.Notify`): the user flipping it (the clock menu's switch,
        Settings, gsettings) is heard at once, without polling."""
        driver, bus = self.driver, self.service.bus
        key = getattr(driver, "DCONF_KEY", None)
        if driver is None or bus is None or not isinstance(key, str):
            return
        rule = f"type='signal',interface='{DCONF_WRITER}',member='Notify'"
        try:
            await add_match(bus, rule)
        except Exception:
            log.debug("cannot watch dconf", exc_info=True)
            return

        def on_message(msg: Message) -> None:
            if msg.message_type is not MessageType.SIGNAL or msg.interface != DCONF_WRITER:
                return
            if msg.member != "Notify" or msg.signature != "sass" or len(msg.body) < 2:
                return
            prefix, changes = str(msg.body[0]), [str(c) for c in msg.body[1]]
            if key in {prefix + c for c in changes} or (not changes and key.startswith(prefix)):
                self._spawn(self._dconf_changed())

        bus.add_message_handler(on_message)

    async def _dconf_changed(self) -> None:
        driver = self.driver
        read = getattr(driver, "plan", None)
        if driver is None or not callable(read):
            return
        try:
            quiet = await asyncio.to_thread(read) is None
        except Exception:
            log.debug("could not read the desktop's Do not disturb", exc_info=True)
            return
        self._theirs_at = time.monotonic()
        if driver.engaged and not quiet and getattr(driver, "_record", None) is not None:
            self._user_lifted()  # banners back on while notifyzen had them off
        self._theirs = quiet and not driver.engaged
        self._tell_status()

    async def _modes_set(self) -> None:
        """Someone set mako's modes (the user with `makoctl mode`, or notifyzen itself): heard at
        once, like GNOME's dconf. Read as they are now, since notifyzen's own changes are seen too:
        the do-not-disturb mode gone while notifyzen's or the user's silenced this focus window
        is the user lifting it (mako showed what it hid); outside focus it is "yours" or "off"."""
        async with self._switching:
            driver = self.driver
            if not isinstance(driver, MakoDriver) or self._through:
                return  # lifted for a break-through: notifyzen's own doing
            try:
                quiet = await asyncio.to_thread(driver.plan) is None
            except Exception:
                log.debug("could not read mako's modes", exc_info=True)
                return
            self._theirs_at = time.monotonic()
            if driver.engaged and not quiet:
                self._user_lifted()
            self._theirs = quiet and not driver.engaged
            self._tell_status()

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _daemon_returned(self) -> None:
        """A daemon took the name again (dunst restarted, plasmashell crashed and came back): a
        pause or an inhibition lived in the old process and died with it, so the new one would show
        everything notifyzen holds. Settle the old driver and silence the new daemon."""
        async with self._switching:
            old = self.driver
            if old is not None and not getattr(old, "follows_daemon", True):
                return  # a setting outside the daemon (GNOME's gsettings key) still holds
            if old is not None:
                try:
                    await old.daemon_left()
                except Exception:
                    log.warning("settling %s after the daemon left failed", old.name, exc_info=True)
            self._kept.clear()  # the new daemon never had them
            self.driver = await self._pick_driver()
            await self._apply_locked()

    async def _pick_driver(self) -> DndDriver | None:
        bus = self.service.bus
        if self.driver_choice == "none" or bus is None:
            return None
        if self.driver_choice == "auto":
            return await choose_driver(bus, bus_address=self.service.bus_address, env=self.env)
        return make_driver(
            self.driver_choice, await identify(bus), bus_address=self.service.bus_address, env=self.env
        )

    async def stop(self) -> None:
        """Undo the silencing first: it matters more than the last few events."""
        async with self._switching:
            if self.driver is not None and self.driver.engaged:
                try:
                    await asyncio.wait_for(self._settle_kept_back(), 5.0)
                except Exception:
                    log.debug("settling what the daemon kept back failed", exc_info=True)
                try:
                    await self.driver.release()
                except Exception:
                    log.exception("releasing %s failed; the next start restores it", self.driver.name)
        await self.observer.stop()
        for task in list(self._tasks):
            task.cancel()

    # -- events (bus thread) --------------------------------------------------------------------
    def on_event(self, event: Event) -> None:
        if isinstance(event, Notified):
            self._notified(event)
        elif isinstance(event, GtkNotified):
            key = f"{event.app_id}/{event.notification_id}"
            self._arrived(event.notification(), GTK_ORIGIN, event.client, key, key)
        elif isinstance(event, GtkWithdrawn):
            self._close(GTK_ORIGIN, f"{event.app_id}/{event.notification_id}", CLOSED)
        elif isinstance(event, Closed):
            self._close(ORIGIN, str(event.daemon_id), event.reason)
        elif isinstance(event, CloseRequested):
            by_app = event.client not in self._own()
            self._close(ORIGIN, str(event.daemon_id), CLOSED, by_app=by_app)
        elif isinstance(event, ActionInvoked):
            copy_of = self._copies.pop(event.daemon_id, None)
            if copy_of is not None:
                # A click on notifyzen's copy: the daemon tells notifyzen, not the app, so notifyzen
                # runs the app's own action where the daemon can, or starts the app.
                invoke = getattr(self.service, "invoke_action", None)
                if callable(invoke):
                    invoke(copy_of, event.action_key)
                return
            self._close(ORIGIN, str(event.daemon_id), DISMISSED, state="acted", action=event.action_key)
        elif isinstance(event, ModesSet):
            self._spawn(self._modes_set())
        elif isinstance(event, OwnerChanged) and not event.new_owner:
            log.warning("the notification daemon left the bus; observe mode sees nothing until one returns")
        elif isinstance(event, OwnerChanged) and self.driver_choice != "none":
            log.info("a notification daemon took the name again; silencing it")
            task = asyncio.ensure_future(self._daemon_returned())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def _notified(self, event: Notified) -> None:
        if event.refused:
            return  # the daemon said no: the sender knows, and nothing was shown
        n = event.notification()
        if is_phone_popup(n) and self._phone_items_taken():
            return  # kdeconnectd's copy of a phone notification: the KDE Connect link has it already
        daemon_id = str(event.daemon_id) if event.daemon_id is not None else None
        replaces = str(event.replaces_id) if event.replaces_id else None
        if event.daemon_id is not None and self.silencing:
            self._kept[event.daemon_id] = event.args
            self._kept.move_to_end(event.daemon_id)
            while len(self._kept) > KEPT_MAX:
                self._kept.popitem(last=False)
        self._arrived(n, ORIGIN, event.client, daemon_id, replaces)

    def _phone_items_taken(self) -> bool:
        """While an adapter reads the phones themselves (notifyzen/phone/link.py), a phone
        notification taken here too would be two items; without one, this is the only copy."""
        adapters = getattr(self.service, "adapters", ())
        return any(getattr(a, "claims_phone_popups", False) for a in adapters)

    def _arrived(
        self, n: Notification, origin: str, client: str, external: str | None, replaces: str | None
    ) -> None:
        replaces_id = (self.service.find_external(origin, replaces) or 0) if replaces else 0
        # While the daemon is silenced, what is delivered is shown by notifyzen (redelivered or its
        # own pop-up): a flood is gated as in server mode. Unsilenced, the daemon showed it already.
        item = self.service.take(
            n,
            origin=origin,
            client=client,
            external_id=external,
            replaces_id=replaces_id,
            gated=self.silencing,
        )
        if origin == ORIGIN and external is not None and external.isdigit():
            self._daemon_ids[item.id] = int(external)
        verdict = item.decision.verdict
        if verdict is Verdict.DELIVER:
            self.breakthrough(item)
        elif verdict is Verdict.HOLD and origin == ORIGIN and external is not None:
            if (not self.silencing or self._through) and not self.desktop_inhibited:
                # Held by a rule outside focus (no DND there), or while mako's mode is lifted for a
                # break-through: the desktop popped it up already. Taken down at once, the
                # shortest it can show; the check-in lists it.
                self._let_go(int(external))
                self._close_daemon(int(external))
        elif verdict is Verdict.MUTE and origin == ORIGIN and external is not None:
            # Muted by the user's rule: gone from the desktop too, and the app hears it ended (a
            # `notify-send --wait` returns). Silenced, it never showed; outside focus this is the
            # shortest it can be on screen.
            self._close_daemon(int(external))

    def _close_daemon(self, daemon_id: int) -> None:
        bus = self.service.bus
        if bus is not None:
            self._kept.pop(daemon_id, None)
            self._spawn(self._quietly(close_on_daemon(bus, daemon_id)))

    @staticmethod
    async def _quietly(call: Coroutine[Any, Any, Any]) -> None:
        try:
            await call
        except Exception:
            log.debug("a call to the notification daemon failed", exc_info=True)

    def _close(
        self,
        origin: str,
        external: str,
        reason: int,
        state: str | None = None,
        *,
        by_app: bool = False,
        action: str | None = None,
    ) -> None:
        if origin == ORIGIN and external.isdigit():
            daemon_id = int(external)
            self._kept.pop(daemon_id, None)
            handle = self._lower.pop(daemon_id, None)
            if handle is not None:
                handle.cancel()
            if daemon_id in self._settled and not by_app:
                return  # the daemon let go of one notifyzen still holds (our closing, its expiry)
        id = self.service.find_external(origin, external)
        if id is None:
            return
        live = getattr(self.service, "live", {}).get(id)
        held = live is not None and live.item.decision.verdict is Verdict.HOLD
        if held and reason == EXPIRED:
            # A held notification waits for its check-in, whatever the daemon's timer says; the
            # daemon has let it go, though ("Open" will start the app instead of its action).
            if origin == ORIGIN and external.isdigit():
                self._let_go(int(external))
            return
        if origin == ORIGIN:
            self._daemon_ids.pop(id, None)
        self.service.close(id, reason, state=state, action=action)  # action: the user's (issue 20)

    def _let_go(self, daemon_id: int) -> None:
        self._settled.add(daemon_id)
        if len(self._settled) > SETTLED_MAX:  # ids of long-dealt-with items; the oldest go first
            for old in sorted(self._settled)[: SETTLED_MAX // 2]:
                self._settled.discard(old)

    def breakthrough(self, item: Item) -> None:
        """Show `item` now, past the silenced daemon (on arrival, and for held items the Service
        releases): redelivered through the daemon where its DND lets critical ones through, with
        notifyzen's own pop-up (Service.show) where nothing gets through (a paused dunst)."""
        driver, bus = self.driver, self.service.bus
        if driver is None or not self.silencing or bus is None:
            return  # not silenced: the daemon showed it when it arrived
        if self._engaging:  # whose DND it is (ours, or the user's already) is not known yet
            self._spawn(self._after_engaging(item))
            return
        if self.users_dnd:
            # The user's own Do not disturb: theirs to lift, not ours to push through. It keeps
            # this one back, not notifyzen: left on the daemon for when the user lifts it.
            self._kept.pop(self._daemon_id(item.id) or 0, None)
            return
        kept = self._daemon_id(item.id)
        private = getattr(self.service, "private", None)
        veiled = callable(private) and private()  # others see the screen (issue 19)
        lifts = isinstance(driver, StatefulDriver) and driver.lifts_for_breakthrough
        if lifts and not veiled and self._kept.pop(kept or 0, None) is not None:
            assert kept is not None  # the app's own, hidden (mako): shown by the daemon (veiled: our pop-up)
            self._spawn(self._lift(bus, item, kept))
            return
        if driver.breakthrough_urgency is None:
            self._show_ourselves(item)
            return
        urgency = max(driver.breakthrough_urgency, item.decision.urgency or item.notification.urgency)
        daemon_id = self._daemon_id(item.id)
        args = self._kept.get(daemon_id) if daemon_id is not None else None
        private = getattr(self.service, "private", None)
        if callable(private) and private():  # others see the screen (issue 19)
            self._veiled(bus, driver, item, daemon_id, args, urgency)
            return
        if item.notification.urgency >= driver.breakthrough_urgency:
            return  # it got through the desktop's DND by itself: once is enough
        if getattr(driver, "replaces_in_place", False) and daemon_id is not None and args is not None:
            self._spawn(self._raise(bus, item, daemon_id, args, int(urgency)))
            return
        loud = Item(item.id, item.notification, replace(item.decision, urgency=urgency))
        self._spawn(self._redeliver(bus, loud))

    async def _after_engaging(self, item: Item) -> None:
        async with self._switching:
            pass
        self.breakthrough(item)

    async def _lift(self, bus: MessageBus, item: Item, daemon_id: int) -> None:
        """A break-through where the DND hides everything (`lifts_for_breakthrough`: mako): the app's own
        notification, shown by mako with notifyzen's mode lifted for its pop-up time. What mako
        still hides is closed there first (the held ones are the check-in's), and what is held
        while the mode is off is closed as it comes (`_arrived`)."""
        async with self._switching:
            driver = self.driver
            if not isinstance(driver, StatefulDriver) or not driver.engaged:
                return  # the mode came off meanwhile: mako shows it already
            if not self._through:
                if not await asyncio.to_thread(driver.ours_in_place):
                    self._user_lifted()  # the user took the mode off: mako shows everything
                    return
                hidden = list(self._kept)
                self._kept.clear()
                for other in hidden:
                    self._let_go(other)
                    await self._quietly(close_on_daemon(bus, other))
                await asyncio.to_thread(driver.lift_now)
            timeout = item.notification.expire_timeout
            seconds = timeout / 1000 if timeout > 0 else POPUP_S
            loop = asyncio.get_running_loop()
            self._through[daemon_id] = loop.call_later(
                seconds, lambda: self._spawn(self._drop(bus, item.id, daemon_id))
            )

    async def _drop(self, bus: MessageBus, id: int, daemon_id: int) -> None:
        """The break-through's time is over: the mode goes back on (once none is left on screen)
        and it is closed on mako, as an expired pop-up; left there, a crash (the guard lifts the
        mode) would show it a second time."""
        async with self._switching:
            if self._through.pop(daemon_id, None) is None:
                return
            driver = self.driver
            if not self._through and isinstance(driver, StatefulDriver) and driver.engaged:
                await asyncio.to_thread(driver.drop_now)
            self._let_go(daemon_id)
            self._daemon_ids.pop(id, None)
            await self._quietly(close_on_daemon(bus, daemon_id))
            self.service.close(id, EXPIRED)

    def _veiled(
        self,
        bus: MessageBus,
        driver: DndDriver,
        item: Item,
        daemon_id: int | None,
        args: tuple[Any, ...] | None,
        urgency: Urgency,
    ) -> None:
        """Privacy mode (issue 19): a break-through says who, not what (context/privacy.py). A
        veiled copy is pushed through; one the desktop showed by itself (critical) has its text
        replaced in place where the desktop can (else it was the desktop's to show)."""
        assert driver.breakthrough_urgency is not None
        if item.notification.urgency < driver.breakthrough_urgency:
            loud = replace(item, decision=replace(item.decision, urgency=urgency))
            self._spawn(self._redeliver(bus, veil(loud)))
        elif args is not None and daemon_id is not None and getattr(driver, "replaces_in_place", False):
            veiled = tuple(veiled_args(args, headline(item)))
            self._spawn(self._raise(bus, item, daemon_id, veiled, int(urgency)))

    def _daemon_id(self, id: int) -> int | None:
        return self._daemon_ids.get(id)

    def _item_of(self, daemon_id: int) -> int | None:
        return self.service.find_external(ORIGIN, str(daemon_id))

    async def _raise(
        self, bus: MessageBus, item: Item, daemon_id: int, args: tuple[Any, ...], urgency: int
    ) -> None:
        """The app's own notification, raised in place past the DND: shown once, with its buttons;
        lowered again after a pop-up's time, as the desktop would take an ordinary one down."""
        try:
            await replace_in_place(bus, args, daemon_id, urgency)
        except Exception:
            log.warning(
                "could not raise notification %d in place; redelivering a copy", item.id, exc_info=True
            )
            loud = Item(item.id, item.notification, replace(item.decision, urgency=Urgency(urgency)))
            await self._redeliver(bus, loud)
            return
        timeout = int(args[7]) if len(args) > 7 else -1
        seconds = timeout / 1000 if timeout > 0 else POPUP_S
        original = int(item.notification.urgency)
        loop = asyncio.get_running_loop()
        self._lower[daemon_id] = loop.call_later(seconds, self._lower_again, bus, daemon_id, args, original)

    def _lower_again(self, bus: MessageBus, daemon_id: int, args: tuple[Any, ...], urgency: int) -> None:
        if self._lower.pop(daemon_id, None) is None:
            return
        self._spawn(self._quietly(replace_in_place(bus, args, daemon_id, urgency)))

    def invoke(self, id: int, key: str, *, resident: bool = False) -> bool:
        """Run the app's own action for an observed notification (the digest's "Open", a button):
        where the daemon still has it and can (Plasma), it sends the app its ActionInvoked, then
        the notification ends there as after a click. False where it cannot (the caller then
        starts the app from its desktop entry)."""
        driver, bus = self.driver, self.service.bus
        daemon_id = self._daemon_id(id)
        if bus is None or daemon_id is None or not getattr(driver, "invokes_actions", False):
            return False
        if daemon_id in self._settled:
            return False  # notifyzen closed it on the daemon: no one there to hear the action

        async def run() -> None:
            try:
                await invoke_on_daemon(bus, daemon_id, key)
            except Exception:
                log.warning("could not run action %r of notification %d", key, id, exc_info=True)
            if not resident:
                await self._quietly(close_on_daemon(bus, daemon_id))

        self._spawn(run())
        return True

    async def _redeliver(self, bus: MessageBus, item: Item) -> None:
        try:
            daemon_id = await redeliver(bus, item)
        except Exception:
            # A break-through must reach the user's eyes: the daemon refused, so show it ourselves.
            log.warning("could not redeliver notification %d; showing it ourselves", item.id, exc_info=True)
            self._show_ourselves(item)
            return
        self.service.external[(ORIGIN, str(daemon_id))] = item.id
        self._copies[daemon_id] = item.id
        while len(self._copies) > KEPT_MAX:
            self._copies.pop(next(iter(self._copies)))
        # The copy is critical, and critical pop-ups stay until closed (Plasma, GNOME): it is taken
        # down after a pop-up's time, as the app's own would go; the app's original stays in the
        # desktop's list. Our own closing ends nothing here (`_let_go`).
        timeout = item.notification.expire_timeout
        seconds = timeout / 1000 if timeout > 0 else POPUP_S
        self._let_go(daemon_id)
        loop = asyncio.get_running_loop()
        self._lower[daemon_id] = loop.call_later(seconds, self._take_copy_down, bus, daemon_id)

    def _take_copy_down(self, bus: MessageBus, daemon_id: int) -> None:
        if self._lower.pop(daemon_id, None) is not None:
            self._spawn(self._quietly(close_on_daemon(bus, daemon_id)))

    def _show_ourselves(self, item: Item) -> None:
        """notifyzen's own pop-up, where the desktop lets nothing through (a paused dunst). The
        daemon's queued copy is taken out at once: when the pause ends (the window's end, a quit,
        the guard after a crash) the desktop must not show it a second time."""
        show = getattr(self.service, "show", None)
        if callable(show):
            show(item)
        daemon_id = self._daemon_id(item.id)
        if daemon_id is not None and daemon_id in self._kept:
            self._let_go(daemon_id)
            self._close_daemon(daemon_id)


async def start(service: Intake, *, driver: str | None = None) -> ObserveSession:
    """What the Service calls in observe mode (notifyzen.service.start). The driver
    can be forced with NOTIFYZEN_DND=none|plasma|gnome|dunst|mako|swaync (default auto)."""
    choice = driver or os.environ.get("NOTIFYZEN_DND", "auto")
    return await ObserveSession(service, driver=choice).start()
