"""Where notifyzen keeps things, following XDG (XDG_CONFIG_HOME and XDG_DATA_HOME are honoured)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "notifyzen"


def _ensure(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def write_private(path: Path, text: str) -> None:
    """Write a small file beside the history whole (a temporary file, then a rename) and private
    (0600, like the history: these say when the user ran notifyzen and what they chose), also
    when an older notifyzen left it readable by others."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, text.encode())
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError:  # a full disk: no half-written file left behind
        tmp.unlink(missing_ok=True)
        raise


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def user_rules_dir() -> Path:
    return config_dir() / "rules"


def config_file() -> Path:
    return config_dir() / "config.yaml"


def data_dir() -> Path:
    return _ensure(Path(platformdirs.user_data_dir(APP, appauthor=False)))


def state_dir() -> Path:
    """Small state that must survive a crash (e.g. what a DND driver has to undo)."""
    return _ensure(Path(platformdirs.user_state_dir(APP, appauthor=False)))


def database_file() -> Path:
    override = os.environ.get("NOTIFYZEN_DB")
    return Path(override) if override else data_dir() / "notifyzen.db"


def presets_dir() -> Path:
    """The shipped presets: rules/ in a checkout, notifyzen/presets when installed."""
    here = Path(__file__).resolve().parent.parent  # notifyzen/, this module being in notifyzen/desktop/
    installed = here / "presets"
    return installed if installed.is_dir() else here.parent / "rules"


def resources_dir() -> Path:
    here = Path(__file__).resolve().parent.parent  # notifyzen/, this module being in notifyzen/desktop/
    installed = here / "resources"
    return installed if installed.is_dir() else here.parent / "resources"
