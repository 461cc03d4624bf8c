"""Shared fixtures. Every test that needs D-Bus gets a private dbus-daemon, never the real one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness.busenv import bus_env, private_bus

# Belt and braces: no test may reach the user's session bus by accident, whatever it spawns.
os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/notifyzen-tests-must-use-a-private-bus"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DISPLAY", None)
os.environ.pop("WAYLAND_DISPLAY", None)


@pytest.fixture
def bus_address() -> Iterator[str]:
    """A fresh private session bus for one test."""
    with private_bus() as address:
        yield address


@pytest.fixture
def session_env(bus_address: str, tmp_path: Path) -> dict[str, str]:
    """Environment for child processes (notifyzen, notify-send, gdbus) on the private bus."""
    return bus_env(bus_address, tmp_path / "home")
