"""Observe mode as the Service runs it: settle leftovers, watch, silence, let break-throughs out.

Order at start: (1) undo what a crashed notifyzen left silenced, (2) become a monitor, (3) pick
and engage the desktop's driver. Watching starts before silencing so nothing arrives unseen in
between; if the driver cannot engage, notifyzen still records everything and the desktop shows
its pop-ups as usual (nothing is hidden that is not also held).

Each observed notification goes through `Service.take` like one notifyzen received itself,
with origin "observe" (or "gtk" for GApplication notifications) and the daemon's id as the
external id. While the driver is engaged, what the rules deliver at once is redelivered to the
daemon (`redeliver`), raised to the urgency the desktop lets through its DND.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Protocol

from dbus_fast.aio import MessageBus

from notifyzen.bus.observed import (
    ActionInvoked,
    Closed,
    CloseRequested,
    Event,
    GtkNotified,
    GtkWithdrawn,
    Notified,
    OwnerChanged,
)
from notifyzen.bus.observer import Observer
from notifyzen.bus.redeliver import redeliver
from notifyzen.core.model import Item, Notification, Verdict
from notifyzen.core.phone_match import is_phone_popup
from notifyzen.dnd import restore_leftovers
from notifyzen.dnd.base import DndDriver
from notifyzen.dnd.choice import choose_driver, identify, make_driver

log = logging.getLogger(__name__)

ORIGIN = "observe"
GTK_ORIGIN = "gtk"
EXPIRED, DISMISSED, CLOSED = 1, 2, 3


class Intake(Protocol):
    """What the session needs from notifyzen.service.Service (all called on the bus thread)."""

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

    def close(self, id: int, reason: int, *, state: str | None = None) -> bool: ...


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
        self._tasks: set[asyncio.Task[Any]] = set()
        self._switching = asyncio.Lock()  # one driver change at a time, and none during stop

    def _own(self) -> set[str]:
        bus = self.service.bus
        return {bus.unique_name} if bus is not None and bus.unique_name else set()

    @property
    def silencing(self) -> bool:
        return self.driver is not None and self.driver.engaged

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
            await self._silence()
        return self

    async def _silence(self) -> None:
        self.driver = await self._pick_driver()
        if self.driver is not None:
            try:
                await self.driver.engage()
                log.info("observe mode: pop-ups silenced through %s", self.driver.name)
            except Exception:
                log.warning(
                    "could not silence pop-ups through %s; they show as usual",
                    self.driver.name,
                    exc_info=True,
                )

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
            await self._silence()

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
            if self.driver is not None:
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
            self._close(ORIGIN, str(event.daemon_id), CLOSED)
        elif isinstance(event, ActionInvoked):
            self._close(ORIGIN, str(event.daemon_id), DISMISSED, state="acted")
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
        self._arrived(n, ORIGIN, event.client, daemon_id, replaces)

    def _phone_items_taken(self) -> bool:
        """While an adapter reads the phones themselves (notifyzen/kdeconnect_link.py), a phone
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
        if item.decision.verdict is Verdict.DELIVER:
            self.breakthrough(item)

    def _close(self, origin: str, external: str, reason: int, state: str | None = None) -> None:
        id = self.service.find_external(origin, external)
        if id is None:
            return
        live = getattr(self.service, "live", {}).get(id)
        held = live is not None and live.item.decision.verdict is Verdict.HOLD
        if held and reason == EXPIRED:
            return  # a held notification waits for its check-in, whatever the daemon's timer says
        self.service.close(id, reason, state=state)

    def breakthrough(self, item: Item) -> None:
        """Show `item` now, past the silenced daemon (on arrival, and for held items the Service
        releases): redelivered through the daemon where its DND lets critical ones through, with
        notifyzen's own pop-up (Service.show) where nothing gets through (a paused dunst)."""
        driver, bus = self.driver, self.service.bus
        if driver is None or not driver.engaged or bus is None:
            return  # not silenced: the daemon showed it when it arrived
        if driver.breakthrough_urgency is None:
            self._show_ourselves(item)
            return
        if item.notification.urgency >= driver.breakthrough_urgency:
            return  # it got through the desktop's DND by itself: once is enough
        urgency = max(driver.breakthrough_urgency, item.decision.urgency or item.notification.urgency)
        loud = Item(item.id, item.notification, replace(item.decision, urgency=urgency))
        task = asyncio.ensure_future(self._redeliver(bus, loud))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _redeliver(self, bus: MessageBus, item: Item) -> None:
        try:
            daemon_id = await redeliver(bus, item)
        except Exception:
            # A break-through must reach the user's eyes: the daemon refused, so show it ourselves.
            log.warning("could not redeliver notification %d; showing it ourselves", item.id, exc_info=True)
            self._show_ourselves(item)
            return
        self.service.external[(ORIGIN, str(daemon_id))] = item.id

    def _show_ourselves(self, item: Item) -> None:
        show = getattr(self.service, "show", None)
        if callable(show):
            show(item)


async def start(service: Intake, *, driver: str | None = None) -> ObserveSession:
    """What notifyzen.service.Service calls (through notifyzen.bus.observer.start). The driver
    can be forced with NOTIFYZEN_DND=none|plasma|gnome|dunst|mako|swaync (default auto)."""
    choice = driver or os.environ.get("NOTIFYZEN_DND", "auto")
    return await ObserveSession(service, driver=choice).start()
