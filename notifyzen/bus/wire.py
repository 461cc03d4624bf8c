"""The bus edge only translates: Notify arguments <-> Notification, hints <-> JSON.

Anything a sender can put on the bus must come out as a Notification, however hostile: a 10 MB
body, ten thousand hints, image-data with the wrong struct or too few bytes, an odd-length actions
list, an urgency sent as a string. What is kept is capped so one sender cannot bloat the history:

- summary 4,096 characters, body 65,536 characters (64 Ki), each with a visible marker saying how
  much was cut; short fields (app name, icon, category, desktop entry) 1,024 characters;
- at most 32 actions (a trailing key without a label is dropped, as the spec pairs them);
- at most 256 hints, in arrival order; string values 4,096 characters, byte arrays 4,096 bytes,
  containers 64 elements and 4 levels deep; the number of dropped hints is kept as
  `x-notifyzen-dropped-hints`;
- image-data (and the older image_data / icon_data) is never stored as pixels, only as metadata
  {"$image": {...}} saying whether the struct was well formed. image-path stays a string; nothing
  is ever fetched from it here.

Byte arrays stay `bytes` in Notification.hints; the JSON form writes them as {"$bytes": base64}.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

from dbus_fast import Variant

from notifyzen.core.model import Notification, Source, Urgency
from notifyzen.core.phone_match import as_phone

SUMMARY_MAX = 4096
BODY_MAX = 65536
FIELD_MAX = 1024
ACTIONS_MAX = 32
ACTION_TEXT_MAX = 256
HINTS_MAX = 256
HINT_STR_MAX = 4096
HINT_BYTES_MAX = 4096
HINT_ITEMS_MAX = 64
HINT_DEPTH_MAX = 4
IMAGE_HINTS = ("image-data", "image_data", "icon_data")
IMAGE_SIGNATURE = "(iiibiiay)"
DROPPED_HINTS = "x-notifyzen-dropped-hints"


def cap(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters with a marker that says how much went."""
    if len(text) <= limit:
        return text
    cut = len(text) - limit
    return f"{text[:limit]}\n[… {cut} more characters cut by notifyzen]"


def _short(text: object) -> str:
    return text[:FIELD_MAX] if isinstance(text, str) else ""


def plain(value: Any, depth: int = 0) -> Any:
    """A hint value as plain, bounded Python (Variants unwrapped, sizes capped)."""
    if isinstance(value, Variant):
        if value.signature in (IMAGE_SIGNATURE,):
            return image_metadata(value)
        return plain(value.value, depth)
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return cap(value, HINT_STR_MAX)
    if isinstance(value, bytes | bytearray):
        return bytes(value[:HINT_BYTES_MAX])
    if depth >= HINT_DEPTH_MAX:
        return None
    if isinstance(value, Mapping):
        items = list(value.items())[:HINT_ITEMS_MAX]
        return {str(k)[:FIELD_MAX]: plain(v, depth + 1) for k, v in items}
    if isinstance(value, list | tuple):
        return [plain(v, depth + 1) for v in list(value)[:HINT_ITEMS_MAX]]
    return repr(value)[:FIELD_MAX]


def image_metadata(value: Any) -> dict[str, Any]:
    """What an image-data hint was, without its pixels; `valid` says whether it could be drawn."""
    signature = value.signature if isinstance(value, Variant) else None
    raw = value.value if isinstance(value, Variant) else value
    if signature not in (IMAGE_SIGNATURE, None) or not isinstance(raw, list | tuple) or len(raw) != 7:
        return {"$image": {"valid": False, "signature": str(signature)[:64]}}
    width, height, rowstride, has_alpha, bits, channels, data = raw
    numbers = (width, height, rowstride, bits, channels)
    if not all(isinstance(x, int) and not isinstance(x, bool) for x in numbers) or not isinstance(
        data, bytes | bytearray
    ):
        return {"$image": {"valid": False, "signature": str(signature)[:64]}}
    pixel = (channels * bits + 7) // 8
    need = rowstride * (height - 1) + width * pixel if height > 0 else 0
    valid = (
        0 < width <= 8192
        and 0 < height <= 8192
        and bits == 8
        and channels in (3, 4)
        and rowstride >= width * pixel
        and len(data) >= need
        and bool(has_alpha) == (channels == 4)
    )
    meta = {
        "width": width,
        "height": height,
        "rowstride": rowstride,
        "has_alpha": bool(has_alpha),
        "bits_per_sample": bits,
        "channels": channels,
        "bytes": len(data),
        "valid": valid,
    }
    return {"$image": meta}


def plain_hints(hints: Mapping[str, Any]) -> dict[str, Any]:
    """Bounded plain hints; image hints become metadata whatever their type."""
    out: dict[str, Any] = {}
    dropped = 0
    for key, value in hints.items():
        if len(out) >= HINTS_MAX:
            dropped += 1
            continue
        name = str(key)[:FIELD_MAX]
        out[name] = image_metadata(value) if name in IMAGE_HINTS else plain(value)
    if dropped:
        out[DROPPED_HINTS] = dropped
    return out


def _flag(value: Any) -> bool:
    return value is True or (isinstance(value, int) and not isinstance(value, bool) and value == 1)


def _text(value: Any) -> str | None:
    return value[:FIELD_MAX] if isinstance(value, str) and value else None


def _number(value: Any) -> Any:
    """ "2" as 2: scripts that quote every hint (`--hint=string:urgency:2`) mean the byte."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdecimal():
        return int(value.strip())
    return value


def _actions(raw: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, list | tuple):
        return ()
    texts = [x if isinstance(x, str) else str(x) for x in raw[: ACTIONS_MAX * 2]]
    pairs = zip(texts[0::2], texts[1::2], strict=False)  # a lone trailing key has no label: dropped
    return tuple((key[:ACTION_TEXT_MAX], label[:ACTION_TEXT_MAX]) for key, label in pairs)


def from_notify(
    app_name: Any,
    app_icon: Any,
    summary: Any,
    body: Any,
    actions: Any,
    hints: Any,
    expire_timeout: Any,
    *,
    at: datetime,
) -> Notification:
    """A Notification from the arguments of a Notify call (replaces_id is the caller's business).

    kdeconnectd's copy of a phone notification comes out as the phone notification it is
    (`phone_match.as_phone`: source phone, the phone app, the device, the conversation as sender),
    here once for server and observe mode alike, with or without the KDE Connect adapter.
    """
    kept = plain_hints(hints) if isinstance(hints, Mapping) else {}
    category = _text(kept.get("category"))
    summary_text = cap(summary, SUMMARY_MAX) if isinstance(summary, str) else ""
    is_int = isinstance(expire_timeout, int) and not isinstance(expire_timeout, bool)
    timeout = expire_timeout if is_int else -1
    n = Notification(
        app_name=_short(app_name),
        summary=summary_text,
        at=at,
        body=cap(body, BODY_MAX) if isinstance(body, str) else "",
        source=Source.DESKTOP,
        urgency=Urgency.parse(_number(kept.get("urgency"))),
        category=category,
        desktop_entry=_text(kept.get("desktop-entry")),
        sender=(summary_text[:FIELD_MAX] or None) if category and category.startswith("im") else None,
        app_icon=_short(app_icon),
        actions=_actions(actions),
        hints=MappingProxyType(kept),
        expire_timeout=max(-1, timeout),
        transient=_flag(kept.get("transient")),
        resident=_flag(kept.get("resident")),
    )
    return as_phone(n)


def fallback(summary: Any, *, at: datetime, why: str) -> Notification:
    """What is kept when a Notify call could not be read at all: never lose the arrival."""
    text = summary if isinstance(summary, str) else repr(summary)
    body = f"[notifyzen: {why}]"[:FIELD_MAX]
    return Notification(app_name="", summary=cap(text, SUMMARY_MAX), at=at, body=body)


def to_notify_args(n: Notification, replaces_id: int = 0) -> list[Any]:
    """Notify arguments (signature susssasa{sv}i) for a Notification, e.g. to re-send it."""
    hints: dict[str, Variant] = {"urgency": Variant("y", int(n.urgency))}
    if n.category:
        hints["category"] = Variant("s", n.category)
    if n.desktop_entry:
        hints["desktop-entry"] = Variant("s", n.desktop_entry)
    for key in ("transient", "resident"):
        if getattr(n, key):
            hints[key] = Variant("b", True)
    for key, value in n.hints.items():
        if key not in hints and isinstance(value, str):
            hints[key] = Variant("s", value)
    actions = [text for pair in n.actions for text in pair]
    return [n.app_name, replaces_id, n.app_icon, n.summary, n.body, actions, hints, n.expire_timeout]


def _encode(value: Any) -> Any:
    if isinstance(value, bytes | bytearray):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$bytes"} and isinstance(value["$bytes"], str):
            return base64.b64decode(value["$bytes"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def hints_to_json(hints: Mapping[str, Any]) -> str:
    """Plain JSON for the history (ensure_ascii keeps odd code points from tripping any reader)."""
    return json.dumps(_encode(hints), ensure_ascii=True, separators=(",", ":"), default=repr)


def hints_from_json(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return _decode(value) if isinstance(value, dict) else {}
