"""Pinned digest lines survive a restart (issue 18).

A pin is the user saying "keep this in front of me": the digest keeps a pinned line at later
check-ins, where everything shown and left goes to the history. A restart (logout, update, crash)
must keep that promise too, as the digest keeps what the last check-in brought.

The pins are history row ids (an item id is the notification's id on the bus, which a later run
may number differently) in a small JSON file beside the history (`<history>.pins`, 0600 like
it), written whole each time the user pins or unpins. At start, a pinned row the user has not
dealt with since (still shown, not closed, opened or dismissed) is listed again and pinned again;
the rest are forgotten. Like `.moments`, this is a setting of the moment, not a thing that
happened, so it stays out of the history.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from notifyzen.desktop import paths

if TYPE_CHECKING:
    from notifyzen.service.service import Service

log = logging.getLogger("notifyzen.service.service")


def _file(service: Service) -> Path:
    return service.db_path.with_name(service.db_path.name + ".pins")


def save(service: Service, item_ids: list[int]) -> None:
    """The digest's pins now (bus thread): item ids, kept as their history rows."""
    rows = sorted({service.live[id].row_id for id in item_ids if id in service.live})
    try:
        paths.write_private(_file(service), json.dumps({"rows": rows}))
    except OSError:
        log.warning("could not keep the pinned digest lines for after a restart", exc_info=True)


def load(service: Service) -> set[int]:
    """The history rows pinned when the last run ended (empty when none, or unreadable)."""
    try:
        rows = json.loads(_file(service).read_text())["rows"]
        return {int(row) for row in rows}
    except FileNotFoundError:
        return set()
    except (OSError, ValueError, TypeError, KeyError):
        log.warning("the pinned digest lines could not be read; starting without", exc_info=True)
        return set()
