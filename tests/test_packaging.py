"""What a distribution, Flathub or a user installing the wheel gets: validated desktop entries and
metainfo, a manifest that installs files that exist, and a wheel that works in a clean venv."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from notifyzen import APP_ID, __version__

ROOT = Path(__file__).resolve().parent.parent
DESKTOP = ROOT / "resources" / "applications" / f"{APP_ID}.desktop"
AUTOSTART = ROOT / "resources" / "autostart" / f"{APP_ID}.desktop"
METAINFO = ROOT / "packaging" / f"{APP_ID}.metainfo.xml"
MANIFEST = ROOT / "packaging" / f"{APP_ID}.yml"


def run(
    *argv: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, timeout=300, env=env, cwd=cwd
    )


def desktop_keys(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


@pytest.mark.parametrize("path", [DESKTOP, AUTOSTART], ids=["app", "autostart"])
def test_desktop_entries_pass_desktop_file_validate(path: Path) -> None:
    result = run("desktop-file-validate", path)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_metainfo_passes_appstreamcli_validate() -> None:
    result = run("appstreamcli", "validate", "--no-net", METAINFO)
    assert result.returncode == 0, result.stdout
    problems = [line for line in result.stdout.splitlines() if line.startswith(("W:", "E:"))]
    assert not problems, result.stdout


def test_desktop_entry_metainfo_and_manifest_agree() -> None:
    desktop = desktop_keys(DESKTOP)
    script = next(iter(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]))
    assert desktop["Exec"] == script
    assert (ROOT / "resources/icons/hicolor/scalable/apps" / f"{desktop['Icon']}.svg").is_file()
    assert desktop_keys(AUTOSTART)["Icon"] == desktop["Icon"]
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("provides/binary") == script
    release = component.find("releases/release")
    assert release is not None and release.get("version") == __version__
    manifest = yaml.safe_load(MANIFEST.read_text())
    assert (manifest["id"], manifest["command"]) == (APP_ID, script)


def test_manifest_installs_files_that_exist() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text())
    commands = " ".join(c for m in manifest["modules"] if isinstance(m, dict) for c in m["build-commands"])
    sources = re.findall(r"install -Dm644 (\S+)", commands)
    assert len(sources) >= 4
    for source in sources:
        assert (ROOT / source.replace("${FLATPAK_ID}", APP_ID)).is_file(), source


def tracked(pattern: str) -> set[str]:
    return {
        str(p.relative_to(ROOT)) for p in ROOT.glob(pattern) if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Built the way a user builds it (pip, isolated build), from a copy so the checkout stays clean."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    ignore = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "shots")
    shutil.copytree(ROOT, source, ignore=ignore)
    result = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", source)
    assert result.returncode == 0, result.stderr
    (built,) = (tmp / "dist").glob("notifyzen-*.whl")
    yield built


@pytest.mark.slow
def test_wheel_ships_code_presets_icons_and_translations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    code = tracked("notifyzen/**/*.py")
    presets = {f"notifyzen/presets/{Path(p).relative_to('rules')}" for p in tracked("rules/**/*")}
    resources = {f"notifyzen/resources/{Path(p).relative_to('resources')}" for p in tracked("resources/**/*")}
    assert code <= names, code - names
    assert presets <= names, presets - names
    assert resources <= names, resources - names
    for needed in (
        f"notifyzen/resources/icons/hicolor/scalable/apps/{APP_ID}.svg",
        "notifyzen/resources/icons/tray/held-symbolic.svg",
        "notifyzen/resources/i18n/notifyzen_nl.qm",
        f"notifyzen/resources/autostart/{APP_ID}.desktop",
        f"notifyzen/resources/applications/{APP_ID}.desktop",
    ):
        assert needed in names


INSIDE = """
import sys
from pathlib import Path
from PySide6.QtGui import QGuiApplication
import notifyzen, notifyzen.desktop.paths as paths
from notifyzen.desktop import autostart
from notifyzen.ui.icons import tray_icon
app = QGuiApplication([])
print(Path(notifyzen.__file__).parent)
print(paths.resources_dir())
print(paths.presets_dir())
print(autostart.label())
print(tray_icon("held", 4, dark=True).pixmap(22, 22).isNull())
"""


@pytest.mark.slow
def test_wheel_installs_into_a_clean_venv_and_runs(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    assert run(sys.executable, "-m", "venv", "--system-site-packages", venv).returncode == 0
    install = run(venv / "bin/python", "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel)
    assert install.returncode == 0, install.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_", "PYTHON"))}
    env |= {"LANG": "nl_NL.UTF-8", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    version = run(venv / "bin/notifyzen", "--version", env=env, cwd=tmp_path)
    assert version.stdout.strip() == f"notifyzen {__version__}", version.stderr
    inside = run(venv / "bin/python", "-c", INSIDE, env=env, cwd=tmp_path)
    assert inside.returncode == 0, inside.stderr
    package, resources, presets, label, null_icon = inside.stdout.strip().splitlines()[-5:]
    site = str(venv / "lib")
    assert package.startswith(site), "the venv ran the checkout, not the installed wheel"
    assert resources.startswith(site) and presets.startswith(site) and presets.endswith("notifyzen/presets")
    assert label == "notifyzen starten bij inloggen"
    assert null_icon == "False"
    # the README's run command on a machine without a screen, from the installed wheel
    headless = {k: v for k, v in env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    headless.pop("DBUS_SESSION_BUS_ADDRESS", None)  # the demo brings its own bus; never the user's
    demo = run(
        venv / "bin/notifyzen", "demo", "--speed", "0", "--dir", tmp_path / "demo", env=headless, cwd=tmp_path
    )
    assert demo.returncode == 0, demo.stderr
    assert "Overzicht van vandaag" in demo.stdout and "Weekrapport" in demo.stdout, demo.stdout[-2000:]
    (report,) = (tmp_path / "demo").glob("*.html")
    assert '<html lang="nl">' in report.read_text()
