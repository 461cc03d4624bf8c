"""The Plasma driver against a stand-in for plasmashell's notification server: Inhibit in focus, and
the inhibition gone however notifyzen ends, because it is bound to the connection that asked for it.

Quick checks of notifyzen's side only. What Plasma itself does with them is proven against the real
plasmashell in tests/dnd/test_plasma_notifyzen.py (and Plasma alone in tests/dnd/test_plasma_alone.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from tests.harness.dnd_fakes import FakeDaemon, eventually, started_notifyzen, terminate
from tests.harness.dunst import wait_for_name


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
