"""After a pip or pipx install the desktop can name notifyzen: a real `notifyzen run` puts a menu
entry and the icon where Plasma and GNOME look, once, and never over a file a package or the user
put there."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from notifyzen import APP_ID, __version__
from notifyzen.desktop.paths import resources_dir
from tests.harness.notifyzen_proc import start, stop

ENTRY = f"applications/{APP_ID}.desktop"
ICON = f"icons/hicolor/scalable/apps/{APP_ID}.svg"


def keys(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


def run_once(env: dict[str, str]) -> str:
    """Start notifyzen until it answers on the bus, stop it; its stderr."""
    return stop(start(env))[1]


def snapshot(root: Path) -> dict[str, tuple[int, int, bytes]]:
    return {
        str(p.relative_to(root)): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.parts[len(root.parts)] in ("applications", "icons")
    }


def test_first_start_writes_a_valid_entry_and_the_icon_and_a_second_start_changes_nothing(
    session_env: dict[str, str],
) -> None:
    data = Path(session_env["XDG_DATA_HOME"])
    run_once(session_env)
    entry, icon = data / ENTRY, data / ICON
    validated = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert validated.returncode == 0 and not validated.stdout.strip(), validated.stdout
    fields = keys(entry)
    # What Plasma's Do-not-disturb applet shows instead of the raw id, and the icon beside it.
    assert fields["Name"] == "notifyzen" and fields["Icon"] == APP_ID
    assert "NoDisplay" not in fields and "Utility" in fields["Categories"].split(";")
    assert (
        icon.read_bytes() == (resources_dir() / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").read_bytes()
    )
    # The menu entry starts this notifyzen, whatever PATH the menu has.
    argv = shlex.split(fields["Exec"].replace("%%", "%"))
    assert Path(argv[0]).is_absolute() and fields["TryExec"] == argv[0]
    launched = subprocess.run([*argv, "--version"], capture_output=True, text=True, timeout=60)
    assert launched.stdout.strip() == f"notifyzen {__version__}"

    before = snapshot(data)
    assert set(before) == {ENTRY, ICON}  # no temporary file left beside them
    run_once(session_env)
    assert snapshot(data) == before


def test_an_entry_and_icon_a_package_installed_are_left_to_the_package(
    session_env: dict[str, str], tmp_path: Path
) -> None:
    system = tmp_path / "usr-share"
    (system / "applications").mkdir(parents=True)
    (system / ENTRY).write_text("[Desktop Entry]\nType=Application\nName=notifyzen (distribution)\nExec=nz\n")
    png = system / f"icons/hicolor/48x48/apps/{APP_ID}.png"
    png.parent.mkdir(parents=True)
    png.write_bytes(b"\x89PNG")
    env = session_env | {"XDG_DATA_DIRS": f"{tmp_path / 'nothing-here'}:{system}"}
    run_once(env)
    assert snapshot(Path(env["XDG_DATA_HOME"])) == {}
    assert keys(system / ENTRY)["Name"] == "notifyzen (distribution)"


def test_the_users_own_edit_of_the_entry_is_kept(session_env: dict[str, str]) -> None:
    entry = Path(session_env["XDG_DATA_HOME"]) / ENTRY
    entry.parent.mkdir(parents=True)
    mine = "[Desktop Entry]\nType=Application\nName=notifyzen\nExec=notifyzen\nNoDisplay=true\n"
    entry.write_text(mine)
    run_once(session_env)
    assert entry.read_text() == mine
    assert (Path(session_env["XDG_DATA_HOME"]) / ICON).is_file()  # the missing icon is still added


def test_a_data_home_that_cannot_be_written_is_said_once_and_notifyzen_runs(
    session_env: dict[str, str], tmp_path: Path
) -> None:
    blocked = tmp_path / "read-only-data"
    blocked.write_text("")  # a file where the directory should be: nothing can be created below it
    env = session_env | {"XDG_DATA_HOME": str(blocked), "NOTIFYZEN_DB": str(tmp_path / "db" / "n.db")}
    stderr = run_once(env)  # start() waits until it answers on its control interface
    said = [line for line in stderr.splitlines() if "menu entry" in line]
    assert len(said) == 1 and "WARNING" in said[0], stderr
