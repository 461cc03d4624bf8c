"""The Service's record of a notification still on screen or waiting, in a module of its own so
the Service's parts (start, reactions) can use it without importing the Service."""

from __future__ import annotations

from dataclasses import dataclass

from notifyzen.core.model import Item


@dataclass
class Live:
    """A notification that is still on screen or waiting: its newest row and who sent it."""

    row_id: int
    origin: str
    client: str | None
    item: Item
