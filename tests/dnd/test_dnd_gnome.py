"""The GNOME driver with the real gsettings (keyfile backend in the test's HOME) and a stand-in
for gnome-shell's notification server on the private bus (GNOME Shell cannot run here)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest

from tests.harness.dnd_fakes import FakeDaemon, kill_guard, run_python_module, started_notifyzen, terminate

SCHEMA, KEY = "org.gnome.desktop.notifications", "show-banners"


@pytest.fixture
def gnome_env(session_env: dict[str, str]) -> dict[str, str]:
    if subprocess.run(["gsettings", "list-keys", SCHEMA], capture_output=True).returncode != 0:
        pytest.fail(f"schema {SCHEMA} missing: install gsettings-desktop-schemas (.ci/setup does)")
    return {**session_env, "GSETTINGS_BACKEND": "keyfile"}


@pytest.fixture
def shell(bus_address: str) -> Iterator[FakeDaemon]:
    with FakeDaemon("gnome-shell", "GNOME").running(bus_address) as daemon:
        yield daemon


def banners(env: dict[str, str]) -> str:
    return subprocess.run(
        ["gsettings", "get", SCHEMA, KEY], env=env, capture_output=True, text=True, timeout=10, check=True
    ).stdout.strip()


def set_banners(env: dict[str, str], value: str) -> None:
    subprocess.run(["gsettings", "set", SCHEMA, KEY, value], env=env, timeout=10, check=True)


def test_banners_off_while_observing_and_back_on_sigterm(
    shell: FakeDaemon, gnome_env: dict[str, str]
) -> None:
    assert banners(gnome_env) == "true"
    with started_notifyzen(gnome_env) as app:
        assert banners(gnome_env) == "false"
        assert terminate(app) == 0
    assert banners(gnome_env) == "true"


def test_sigkill_then_restore_even_with_gnome_shell_gone(bus_address: str, gnome_env: dict[str, str]) -> None:
    """The key outlives every process (a reboot in between changes nothing): restore it anyway."""
    with FakeDaemon("gnome-shell", "GNOME").running(bus_address), started_notifyzen(gnome_env) as app:
        assert banners(gnome_env) == "false"
        kill_guard(app.pid)  # else it restores at once (tests/dnd/test_dnd_dunst.py)
        app.kill()
    assert banners(gnome_env) == "false"
    done = run_python_module(gnome_env, "notifyzen.dnd", "restore")
    assert done.returncode == 0 and "restored gnome" in done.stdout, done.stderr
    assert banners(gnome_env) == "true"


@pytest.mark.slow
def test_the_users_own_do_not_disturb_is_left_on(shell: FakeDaemon, gnome_env: dict[str, str]) -> None:
    set_banners(gnome_env, "false")
    with started_notifyzen(gnome_env) as app:
        terminate(app)
    assert banners(gnome_env) == "false"
