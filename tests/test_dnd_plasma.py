"""The Plasma driver against a stand-in for plasmashell's notification server (Plasma cannot run
here): Inhibit while notifyzen observes, and the inhibition gone however notifyzen ends, because
it is bound to the connection that asked for it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from dbus_fast.aio import MessageBus

from notifyzen.bus.redeliver import REDELIVERED_HINT
from notifyzen.core.model import DELIVER_BY_DEFAULT, Item, Notification, Urgency
from notifyzen.dnd.plasma import PlasmaDriver
from notifyzen.dnd.session import ObserveSession
from tests.dnd_fakes import FakeDaemon, eventually, started_notifyzen, terminate
from tests.dunst import wait_for_name


@pytest.fixture
def plasma(bus_address: str) -> Iterator[FakeDaemon]:
    with FakeDaemon("Plasma", "KDE", inhibit=True).running(bus_address) as daemon:
        yield daemon


def test_inhibited_while_observing_and_freed_when_notifyzen_is_killed(
    plasma: FakeDaemon, session_env: dict[str, str]
) -> None:
    assert not plasma.inhibited
    with started_notifyzen(session_env) as app:
        eventually(lambda: plasma.inhibited)
        ((caller, reason),) = plasma.inhibitions.values()
        assert caller.startswith(":") and "check-in" in reason
        app.kill()  # no chance to call UnInhibit
        eventually(lambda: not plasma.inhibited)
    assert plasma.uninhibited == []  # freed by the connection going away, not by a call


def test_sigterm_uninhibits_with_the_cookie(plasma: FakeDaemon, session_env: dict[str, str]) -> None:
    with started_notifyzen(session_env) as app:
        eventually(lambda: plasma.inhibited)
        (cookie,) = plasma.inhibitions
        assert terminate(app) == 0
    assert plasma.uninhibited == [cookie]
    assert not plasma.inhibited


class DeliveringIntake:
    """The Service's part, reduced to what the session uses: every notification is delivered."""

    def __init__(self, bus: MessageBus, bus_address: str) -> None:
        self.bus: MessageBus | None = bus
        self.bus_address: str | None = bus_address
        self.external: dict[tuple[str, str], int] = {}
        self.taken: list[Notification] = []
        self.closed: list[tuple[int, int]] = []

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
        self.taken.append(n)
        item = Item(len(self.taken), n, DELIVER_BY_DEFAULT)
        if external_id is not None:
            self.external[(origin, external_id)] = item.id
        return item

    def find_external(self, origin: str, external_id: str) -> int | None:
        return self.external.get((origin, external_id))

    def close(self, id: int, reason: int, *, state: str | None = None) -> bool:
        self.closed.append((id, reason))
        return True


def test_what_breaks_through_is_redelivered_once_and_not_taken_twice(
    plasma: FakeDaemon, bus_address: str, session_env: dict[str, str]
) -> None:
    async def scenario() -> None:
        bus = await MessageBus(bus_address=bus_address).connect()
        intake = DeliveringIntake(bus, bus_address)
        session = await ObserveSession(intake, driver="auto", env=session_env).start()
        assert isinstance(session.driver, PlasmaDriver) and session.silencing and session.shows_breakthroughs
        for argv in (["-a", "Chat", "Ada", "lunch?"], ["-u", "critical", "Battery", "3% left"]):
            proc = await asyncio.create_subprocess_exec("notify-send", *argv, env=session_env)
            assert await asyncio.wait_for(proc.wait(), 10) == 0

        async def settled() -> None:
            while len(plasma.notified) < 3 or len(intake.taken) < 2:
                await asyncio.sleep(0.02)

        await asyncio.wait_for(settled(), 10)
        await asyncio.sleep(0.2)  # a fourth Notify (a duplicate) would have arrived by now
        summaries = [summary for summary, _ in plasma.notified]
        assert summaries == ["Ada", "Battery", "Ada"] or summaries == ["Ada", "Ada", "Battery"]
        again: dict[str, Any] = next(h for s, h in plasma.notified if REDELIVERED_HINT in h)
        assert again["urgency"] == Urgency.CRITICAL  # so it shows through Plasma's do-not-disturb
        assert [n.summary for n in intake.taken] == ["Ada", "Battery"]  # the redelivery is not new
        # Plasma's id for the redelivered copy leads back to the same notification (closes, actions).
        assert sorted(intake.external.values()) == [1, 1, 2]
        await session.stop()
        assert not plasma.inhibited and not session.silencing
        bus.disconnect()

    asyncio.run(scenario())


def test_a_restarted_plasmashell_is_inhibited_again(bus_address: str, session_env: dict[str, str]) -> None:
    """plasmashell crashed and came back: the old inhibition died with it, so notifyzen inhibits
    the new one, and never sends the old cookie there (it may be another app's inhibition)."""
    first = ExitStack()
    old = first.enter_context(FakeDaemon("Plasma", "KDE", inhibit=True).running(bus_address))
    with first, started_notifyzen(session_env) as app:
        eventually(lambda: old.inhibited)
        first.close()  # plasmashell goes...
        wait_for_name(bus_address, "org.freedesktop.Notifications", owned=False)
        with FakeDaemon("Plasma", "KDE", inhibit=True).running(bus_address) as new:  # ...and comes back
            eventually(lambda: new.inhibited)
            (cookie,) = new.inhibitions
            assert terminate(app) == 0
            assert new.uninhibited == [cookie]  # only its own cookie, once, at the end
