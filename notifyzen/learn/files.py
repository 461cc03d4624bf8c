"""The model beside the history: `<history>.model`, 0600 like the history (its words come from
the user's messages), written whole (paths.write_private). It goes with the history: a model
found without its history, or beside another history file than the one it learned from (the
history was deleted and a new one started: another inode), is deleted."""

from __future__ import annotations

import json
import logging
from datetime import tzinfo
from pathlib import Path

from notifyzen.desktop import paths
from notifyzen.learn.model import Model

log = logging.getLogger(__name__)


def model_file(db: Path) -> Path:
    return db.with_name(db.name + ".model")


def load(db: Path, zone: tzinfo) -> Model:
    """The saved model, or a fresh one (none saved, unreadable, or its history is gone)."""
    path = model_file(db)
    if not path.exists():
        return Model(zone)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not db.exists() or data.get("history") != _identity(db):
            forget(db)
            return Model(zone)
        return Model.from_json(data, zone)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        log.warning("the model in %s could not be read; starting a new one", path, exc_info=True)
        return Model(zone)


def save(db: Path, model: Model) -> None:
    data = {**model.to_json(), "history": _identity(db)}
    paths.write_private(model_file(db), json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _identity(db: Path) -> list[int]:
    st = db.stat()
    return [st.st_dev, st.st_ino]


def forget(db: Path) -> None:
    """Delete what was learned (with the history, or when the user asks)."""
    model_file(db).unlink(missing_ok=True)
