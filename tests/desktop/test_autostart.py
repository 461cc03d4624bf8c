"""Start at login: the entry the session reads, validated and actually launchable."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from notifyzen import APP_ID, __version__
from notifyzen.desktop import autostart


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    return tmp_path


def validate(path: Path) -> None:
    result = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def exec_argv(path: Path) -> list[str]:
    line = next(line for line in path.read_text().splitlines() if line.startswith("Exec="))
    return shlex.split(line.removeprefix("Exec=").replace("%%", "%"))


def test_enable_writes_a_valid_entry_that_starts_this_notifyzen(xdg: Path) -> None:
    assert not autostart.is_enabled()
    path = autostart.enable()
    assert path == xdg / "config" / "autostart" / f"{APP_ID}.desktop"
    assert autostart.is_enabled()
    validate(path)
    run = subprocess.run([*exec_argv(path), "--version"], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == f"notifyzen {__version__}"


def try_exec(path: Path) -> str:
    line = next(line for line in path.read_text().splitlines() if line.startswith("TryExec="))
    return line.removeprefix("TryExec=")


def test_after_uninstalling_the_session_skips_the_entry(xdg: Path) -> None:
    """pipx uninstall leaves ~/.config/autostart behind; with TryExec naming the program that is
    gone, the session ignores the entry (autostart spec) instead of failing at every login."""
    path = autostart.enable()
    program = exec_argv(path)[0]
    assert try_exec(path) == program and Path(program).is_absolute()
    validate(path)


def test_disable_removes_the_entry_and_enable_is_idempotent(xdg: Path) -> None:
    autostart.enable()
    autostart.enable()
    autostart.disable()
    assert not autostart.is_enabled()
    assert not autostart.entry_path().exists()
    autostart.disable()  # already off: no error


def test_a_system_wide_entry_is_hidden_not_deleted(xdg: Path) -> None:
    system = xdg / "etc-xdg" / "autostart" / f"{APP_ID}.desktop"
    system.parent.mkdir(parents=True)
    system.write_text(autostart.template())
    assert autostart.is_enabled()
    autostart.disable()
    assert system.exists()
    assert not autostart.is_enabled()
    validate(autostart.entry_path())
    autostart.enable()
    assert autostart.is_enabled()


def test_exec_is_quoted_when_python_lives_in_a_directory_with_spaces(tmp_path: Path) -> None:
    tools = tmp_path / "my tools"
    tools.mkdir()
    python = tools / "python3"
    python.symlink_to(sys.executable)
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CONFIG_DIRS": str(tmp_path / "none"),
    }
    env.pop("FLATPAK_ID", None)
    code = "from notifyzen.desktop import autostart; print(autostart.enable())"
    path = Path(
        subprocess.run(
            [str(python), "-c", code], env=env, capture_output=True, text=True, check=True, timeout=60
        ).stdout.strip()
    )
    validate(path)
    assert exec_argv(path)[:3] == [str(python), "-m", "notifyzen"]
    assert try_exec(path) == str(python)
    run = subprocess.run([*exec_argv(path), "--version"], env=env, capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == f"notifyzen {__version__}"


def test_inside_flatpak_the_host_autostart_dir_gets_flatpak_run(
    xdg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLATPAK_ID", APP_ID)
    monkeypatch.setenv("HOST_XDG_CONFIG_HOME", str(xdg / "host-config"))
    path = autostart.enable()
    assert path == xdg / "host-config" / "autostart" / f"{APP_ID}.desktop"
    assert exec_argv(path) == ["flatpak", "run", APP_ID]
    validate(path)
