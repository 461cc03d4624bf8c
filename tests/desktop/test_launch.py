"""Starting an app from its desktop entry: what "Open" falls back to when the desktop's daemon can
no longer run the app's own action (observe mode)."""

from __future__ import annotations

import time
from pathlib import Path

from notifyzen.desktop import launch


def entry(apps: Path, name: str, text: str) -> Path:
    apps.mkdir(parents=True, exist_ok=True)
    path = apps / f"{name}.desktop"
    path.write_text("[Desktop Entry]\nType=Application\nName=Test\n" + text)
    return path


def test_exec_is_started_without_field_codes_and_with_the_activation_token(tmp_path: Path) -> None:
    out = tmp_path / "started"
    apps = tmp_path / "data" / "applications"
    entry(apps, "org.example.Mail", f"Exec=sh -c 'echo \"$0 $DESKTOP_STARTUP_ID\" > {out}' %U\n")
    env = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_DATA_DIRS": str(tmp_path / "none"),
        "PATH": "/usr/bin:/bin",
    }
    assert launch.activate("org.example.Mail", "token-1", env=env)
    deadline = time.monotonic() + 5
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert out.read_text().split() == ["sh", "token-1"]  # %U dropped: no file goes along


def test_the_user_entry_wins_and_a_missing_one_starts_nothing(tmp_path: Path) -> None:
    user, system = tmp_path / "user" / "applications", tmp_path / "sys" / "applications"
    mine = entry(user, "org.example.Chat", "Exec=true\n")
    entry(system, "org.example.Chat", "Exec=false\n")
    env = {"XDG_DATA_HOME": str(tmp_path / "user"), "XDG_DATA_DIRS": str(tmp_path / "sys")}
    assert launch.find_entry("org.example.Chat", env) == mine
    assert launch.find_entry("org.example.Chat.desktop", env) == mine
    assert launch.find_entry("../evil", env) is None
    assert not launch.activate("org.example.Nothing", "t", env=env)
    assert not launch.activate(None, "t", env=env)


def test_exec_words_follow_the_desktop_entry_spec() -> None:
    assert launch.command('"/opt/My App/run" --new-window %u %%x') == [
        "/opt/My App/run",
        "--new-window",
        "%x",
    ]
    assert launch.command("evolution %F") == ["evolution"]
    assert launch.command('broken "quote') == []
    assert launch.object_path("org.gnome.Evolution-alarm") == "/org/gnome/Evolution_alarm"
