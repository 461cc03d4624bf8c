"""The exchange format for past notifications: JSON Lines, one notification or presence change a line.

`notifyzen history --jsonl` writes it, `notifyzen rules simulate --input` reads it, and the week
generator produces the same values, so a replay never depends on where its stream came from.
Parsing checks every line before anything runs: a replay of a half-valid file would print
figures for a week that never happened, so a bad line is an error naming file and line, and all
bad lines are reported at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, UTC, datetime
from types import MappingProxyType
from typing import Any

from notifyzen.core.model import EMPTY_HINTS, Notification, Source, Urgency
from notifyzen.core.shapes import PACKAGE_HINT
from notifyzen.core.situation import Kind, Situation
from notifyzen.core.situation import Presence as Going

GROUP_HINT = "x-notifyzen-group"  # the sender's word that this is a group conversation (or its name)

_UNDECODED = re.compile("[\udc80-\udcff]")  # what errors="surrogateescape" makes of a byte that is no UTF-8
MAX_REPORTED = 20  # beyond this many bad lines the file is clearly not a stream at all


@dataclass(frozen=True, slots=True)
class Presence:
    """The user went idle (`idle=True`) or came back; a return is a natural break to catch up."""

    at: datetime
    idle: bool

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("Presence.at must be timezone-aware")


@dataclass(frozen=True, slots=True)
class DeskChange(Presence):
    """The desk's situation from `at` on, as the history recorded it (screen shared, a call:
    issue 19), so `rules simulate` replays a past week as it was lived. A Presence, so a replay
    hands it to the same hook as idle and active (core/whatif.py); `idle` is always False."""

    situation: Situation = field(default_factory=Situation)

    def to_dict(self) -> dict[str, Any]:
        going_on = [
            {"kind": p.kind.value, "since": p.since.isoformat(), "app": p.detail}
            for p in self.situation.presences
        ]
        return {"at": self.at.isoformat(), "event": "desk", "going_on": going_on}

    @classmethod
    def of(cls, at: datetime, situation: Situation) -> DeskChange:
        return cls(at, False, situation)


Event = Notification | Presence  # DeskChange is a Presence


@dataclass(frozen=True, slots=True)
class Entry:
    """One event and the line it came from, so every result can point back at its source."""

    line: int
    event: Event
    # An update in place (the sender's replaces_id, while the first was still live): the line of
    # the notification's first version. The app decided the update again under the same id.
    replaces: int | None = None


@dataclass(frozen=True, slots=True)
class LineProblem:
    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


class StreamError(ValueError):
    """Some lines of a stream are not valid; `problems` has each one with its line number."""

    def __init__(self, problems: list[LineProblem], more: int = 0) -> None:
        self.problems = problems
        self.more = more
        text = "\n".join(str(p) for p in problems)
        if more:
            text += f"\n(and {more} more bad lines)"
        super().__init__(text)


class _Bad(Exception):
    pass


def _text(obj: Mapping[str, Any], key: str, *, required: bool) -> str:
    if key not in obj:
        if required:
            raise _Bad(f'missing "{key}"')
        return ""
    value = obj[key]
    if not isinstance(value, str):
        raise _Bad(f'"{key}" must be a string, not {json.dumps(value)}')
    return _encodable(key, value)


def _optional(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return _encodable(key, value) if value else None
    raise _Bad(f'"{key}" must be a string or null, not {json.dumps(value)}')


def _encodable(key: str, value: str) -> str:
    """JSON may escape half of a surrogate pair ("\\ud83d" alone); such a string is no text and
    would only fail later, while the report is printed."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise _Bad(f'"{key}" holds half of a character (\\u{ord(value[exc.start]):04x})') from None
    return value


def parse_at(value: object) -> datetime:
    """An ISO 8601 time with its UTC offset; without one the rules' clock times would be guesses."""
    if not isinstance(value, str):
        raise _Bad(f'"at" must be an ISO 8601 string, not {json.dumps(value)}')
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(f'"at" is not an ISO 8601 time: {value!r}') from None
    if at.tzinfo is None or at.utcoffset() is None:
        raise _Bad(f'"at" has no UTC offset: {value!r} (write it like 2026-11-16T09:14:03+01:00)')
    # The replay works in UTC and looks days around each moment; year 1 or 9999 overflows there.
    try:
        year = at.astimezone(UTC).year
    except OverflowError:
        year = MINYEAR
    if not MINYEAR < year < MAXYEAR:
        raise _Bad(f'"at" is out of range: {value!r}')
    return at


def _urgency(value: object) -> Urgency:
    if value is None:
        return Urgency.NORMAL
    if isinstance(value, str) and value.strip().upper() in Urgency.__members__:
        return Urgency[value.strip().upper()]
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 2:
        return Urgency(value)
    raise _Bad(f'"urgency" must be low, normal or critical, not {json.dumps(value)}')


def _source(value: object) -> Source:
    if value is None:
        return Source.DESKTOP
    if isinstance(value, str) and value.strip().lower() in ("desktop", "phone"):
        return Source(value.strip().lower())
    raise _Bad(f'"source" must be desktop or phone, not {json.dumps(value)}')


def _event(obj: object) -> Event:
    if not isinstance(obj, dict):
        raise _Bad(f"expected a JSON object, got {type(obj).__name__}")
    if "at" not in obj:
        raise _Bad('missing "at"')
    at = parse_at(obj["at"])
    if "event" in obj:
        kind = obj["event"]
        if kind == "desk":  # screen shared, a call (core/situation.py)
            return DeskChange.of(at, _going_on(obj.get("going_on", []), at))
        if kind not in ("idle", "active"):
            raise _Bad(f'"event" must be "idle" or "active" (or "desk"), not {json.dumps(kind)}')
        return Presence(at, idle=kind == "idle")
    app_name = _text(obj, "app_name", required=True)
    summary = _text(obj, "summary", required=True)
    body = _text(obj, "body", required=False)
    time_sensitive = obj.get("time_sensitive", False)
    if not isinstance(time_sensitive, bool):
        raise _Bad(f'"time_sensitive" must be true or false, not {json.dumps(time_sensitive)}')
    return Notification(
        app_name=app_name,
        summary=summary,
        at=at,
        body=body,
        hints=_hints(obj),
        source=_source(obj.get("source")),
        urgency=_urgency(obj.get("urgency")),
        time_sensitive=time_sensitive,
        sender=_optional(obj, "sender"),
        device=_optional(obj, "device"),
        category=_optional(obj, "category"),
        desktop_entry=_optional(obj, "desktop_entry"),
    )


def _hints(obj: dict[str, Any]) -> Mapping[str, Any]:
    """The hints rules look at: the Android app a phone notification came from (`match: package:`)
    and a sender's group mark. Without them a replayed week would decide otherwise than live."""
    hints: dict[str, Any] = {}
    package = _optional(obj, "package")
    if package:
        hints[PACKAGE_HINT] = package
    group = obj.get("group")
    if group is not None:
        if not isinstance(group, bool | str):
            raise _Bad(f'"group" must be true, false or a name, not {json.dumps(group)}')
        hints[GROUP_HINT] = group
    return MappingProxyType(hints) if hints else EMPTY_HINTS


def _replaces(obj: dict[str, Any], number: int, earlier: set[int]) -> int | None:
    first = obj.get("replaces_line")
    if first is None:
        return None
    if not isinstance(first, int) or isinstance(first, bool) or first not in earlier:
        raise _Bad(f'"replaces_line" must be the line of an earlier notification, not {json.dumps(first)}')
    return first


def parse_lines(lines: Iterable[str], source: str) -> list[Entry]:
    """Every event of a JSONL stream, in file order; blank lines are skipped.

    Read a file as UTF-8 with errors="surrogateescape" and a line that is not UTF-8 is named like
    any other bad line, instead of one decoding error for the whole file.

    Raises StreamError listing every bad line (up to MAX_REPORTED) as `source:line: what`.
    """
    entries: list[Entry] = []
    notifications: set[int] = set()  # lines read so far that are notifications
    problems: list[LineProblem] = []
    more = 0
    for number, raw in enumerate(lines, start=1):
        text = raw.strip().removeprefix("\ufeff") if number == 1 else raw.strip()  # BOM: Notepad's UTF-8
        if not text:
            continue
        try:
            if undecoded := _UNDECODED.search(raw):
                byte = ord(undecoded.group()) - 0xDC00
                raise _Bad(f"not UTF-8 text (byte 0x{byte:02x} at column {undecoded.start() + 1})")
            obj = json.loads(text)
            event = _event(obj)
            replaces = _replaces(obj, number, notifications) if isinstance(event, Notification) else None
            entries.append(Entry(number, event, replaces))
            if isinstance(event, Notification):
                notifications.add(number)
            continue
        except json.JSONDecodeError as exc:
            message = f"not valid JSON ({exc.msg} at column {exc.colno})"
        except (ValueError, RecursionError) as exc:  # a 5000-digit number; [[[[... nested too deep
            message = f"not valid JSON ({type(exc).__name__}: {str(exc).split(';')[0]})"
        except _Bad as exc:
            message = str(exc)
        if len(problems) < MAX_REPORTED:
            problems.append(LineProblem(source, number, message))
        else:
            more += 1
    if problems:
        raise StreamError(problems, more)
    return entries


def _going_on(items: object, at: datetime) -> Situation:
    """A desk line's "going_on": [{"kind", "since", "app"}, ...] (DeskChange.to_dict)."""
    if not isinstance(items, list):
        raise _Bad('"going_on" must be a list')
    found = []
    for item in items:
        if not isinstance(item, dict) or item.get("kind") not in {k.value for k in Kind}:
            raise _Bad(f'each of "going_on" needs a "kind" ({", ".join(k.value for k in Kind)})')
        since = parse_at(item["since"]) if "since" in item else at
        found.append(Going(Kind(item["kind"]), since, str(item.get("app") or "")))
    return Situation(tuple(found))


def to_jsonl_dict(event: Event) -> dict[str, Any]:
    """The JSONL object for a notification or presence change (`json.dumps` it, one per line).

    This is the one writer of the format: `history --jsonl`, the week generator's files and the
    tests all go through it, so what is written can always be read back by `parse_lines`.
    """
    if isinstance(event, DeskChange):
        return event.to_dict()
    if isinstance(event, Presence):
        return {"at": event.at.isoformat(), "event": "idle" if event.idle else "active"}
    n = event
    out: dict[str, Any] = {
        "at": n.at.isoformat(),
        "source": n.source.value,
        "app_name": n.app_name,
        "desktop_entry": n.desktop_entry,
        "summary": n.summary,
        "body": n.body,
        "sender": n.sender,
        "urgency": n.urgency.label,
        "category": n.category,
        "device": n.device,
    }
    if n.time_sensitive:
        out["time_sensitive"] = True
    package = n.hints.get(PACKAGE_HINT)
    if isinstance(package, str) and package:
        out["package"] = package
    group = n.hints.get(GROUP_HINT)
    if isinstance(group, bool | str):
        out["group"] = group
    return out


def to_jsonl_line(event: Event) -> str:
    """One line of the file; readable UTF-8, but with the separators some readers split on escaped."""
    text = json.dumps(to_jsonl_dict(event), ensure_ascii=False)
    return text.translate(_LINE_BREAKERS)


_LINE_BREAKERS = {c: f"\\u{c:04x}" for c in (0x85, 0x2028, 0x2029)}
