"""`notifyzen history`: what was taken in, what was decided and why.

Reads the SQLite file directly and read-only (WAL lets a reader in while the app writes), so it
works whether or not notifyzen is running. Text output strips control characters: a summary is
other programs' text and must not be able to drive the user's terminal.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from notifyzen import UserError
from notifyzen.desktop import paths
from notifyzen.desktop.words import clean, decision_words, fill, translate

if TYPE_CHECKING:  # the store (SQLAlchemy) loads only when history runs: keeps other commands quick
    from collections.abc import Iterator, Sequence

    from notifyzen.core.reaction import Reaction
    from notifyzen.history.schema import NotificationRow

RELATIVE = re.compile(r"^(\d+)\s*([mhdw])$")
UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "history",
        help=translate("CLI", "list what was taken in and what was decided"),
        description=(
            translate(
                "CLI",
                "List what notifyzen took in and what it decided, newest first; --jsonl writes the format "
                "`notifyzen rules simulate --input` replays.",
            )
        ),
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help=translate("CLI", "print the rows as a JSON array"))
    fmt.add_argument(
        "--jsonl",
        action="store_true",
        help=translate("CLI", "write the replay exchange format (one notification per line)"),
    )
    fmt.add_argument(
        "--explain",
        type=int,
        metavar="ID",
        help=translate("CLI", "why notification ID was treated as it was"),
    )
    p.add_argument(
        "--since",
        metavar="WHEN",
        help=translate("CLI", "e.g. 2026-11-16, 2026-11-16T09:00, 3h, 2d, today, yesterday"),
    )
    p.add_argument("--week", metavar="YYYY-Www", help=translate("CLI", "one ISO week, e.g. 2026-W47"))
    p.add_argument(
        "--app", metavar="NAME", help=translate("CLI", "only this app (case-insensitive; * matches anything)")
    )
    p.add_argument(
        "--limit",
        type=int,
        default=None,
        metavar="N",
        help=translate("CLI", "only the newest N rows (text output defaults to 50; 0: all)"),
    )
    p.set_defaults(func=history)


def parse_since(text: str, now: datetime) -> datetime:
    value = text.strip().lower()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if value == "today":
        return midnight
    if value == "yesterday":
        return midnight - timedelta(days=1)
    if m := RELATIVE.match(value):
        try:
            return now - timedelta(**{UNITS[m.group(2)]: int(m.group(1))})
        except (OverflowError, ValueError):  # "99999999999d": before the calendar begins
            raise UserError(fill(translate("CLI", "--since %1: too long ago"), repr(text))) from None
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise UserError(
            fill(
                translate("CLI", "--since %1: expected a date, a time like 2026-11-16T09:00, or 3h/2d/today"),
                repr(text),
            )
        ) from exc
    return parsed if parsed.tzinfo else parsed.astimezone()


def parse_week(text: str) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00 in the user's zone (TZ honoured, DST included)."""
    from notifyzen.core.config import local_zone
    from notifyzen.core.isoweek import IsoWeek

    try:
        return IsoWeek.parse(text).bounds(local_zone())
    except ValueError as exc:
        raise UserError(f"--week: {exc}") from None


def history(args: argparse.Namespace) -> int:
    from notifyzen.history import rows as history_rows
    from notifyzen.history import store

    path = paths.database_file()
    try:
        engine = store.reader(path)
    except FileNotFoundError as exc:
        raise UserError(fill(translate("CLI", "no history yet (%1 does not exist)"), path)) from exc
    try:
        if args.explain is not None:
            return explain(engine, args.explain)
        since = parse_since(args.since, datetime.now().astimezone()) if args.since else None
        until = None
        if args.week:
            since, until = parse_week(args.week)
        if args.limit is not None and args.limit < 0:
            raise UserError(
                fill(translate("CLI", "--limit %1: expected a number of rows (0: all)"), args.limit)
            )
        limit = args.limit if args.limit is not None else (None if args.json or args.jsonl else 50)
        keep = None
        if args.app:
            # SQL LIKE narrows (its % and _ are wildcards too, so it finds a superset); only * is one
            # for the user, so an app called "my_app" or "100%" matches itself and nothing else.
            wanted = re.compile(".*".join(map(re.escape, args.app.split("*"))), re.IGNORECASE)
            keep = lambda row: wanted.fullmatch(row.app_name) is not None  # noqa: E731
        # Streamed (history_rows.py): each row is written before the next is read, so a year of
        # history prints in seconds with the memory of a few hundred rows.
        rows = history_rows.rows(
            engine,
            since=since,
            until=until,
            app=args.app.replace("*", "%") if args.app else None,
            keep=keep,
            limit=limit,
            newest_first=not (args.json or args.jsonl),  # the table: newest on top, as the help says
            on_error=lambda exc: store._unreadable(store._engine_path(engine), exc),
        )
        if args.jsonl:
            write_jsonl(rows)
        elif args.json:
            write_json(with_reactions(engine, rows))
        else:
            print_table(with_reactions(engine, rows))
    finally:
        engine.dispose()
    return 0


def explain(engine: Any, id: int) -> int:
    from notifyzen.history import reactions as store_reactions
    from notifyzen.history import store
    from notifyzen.history.rows import lifecycle

    row = store.get(engine, id)
    if row is None:
        raise UserError(fill(translate("CLI", "no notification with id %1 in the history"), id))
    item = store.row_item(row)
    n = item.notification
    when = n.at.isoformat(timespec="seconds")
    print(f"#{row.id}  {when}  {clean(n.app_name) or '?'}: {clean(n.summary, 100)}")
    print(decision_words(item.decision))
    reactions = store_reactions.of_rows_read(engine, [id]).get(id, [])
    for line in lifecycle(row, reactions):
        print(line)
    return 0


def with_reactions(engine: Any, rows: Iterable[Any]) -> Iterator[tuple[Any, list[Reaction]]]:
    """Each row with the user's reactions to it (issue 20), read for a few hundred rows at a time
    so the output still streams."""
    from notifyzen.history import reactions as store_reactions

    rows = iter(rows)
    while chunk := list(itertools.islice(rows, 500)):
        found = store_reactions.of_rows_read(engine, [row.id for row in chunk])
        for row in chunk:
            yield row, found.get(row.id, [])


def as_json(row: NotificationRow, reactions: Sequence[Reaction] = ()) -> dict[str, Any]:
    from notifyzen.history import store

    data = row.model_dump()
    data["actions"] = json.loads(data.pop("actions_json") or "[]")
    data["hints"] = json.loads(data.pop("hints_json") or "{}")
    data["explain"] = store.row_decision(row).explain()
    data["at_iso"] = store.from_epoch(row.at, row.tz_offset).isoformat()  # not the whole Notification
    data["reactions"] = [reaction_json(r) for r in reactions]
    return data


def reaction_json(r: Reaction) -> dict[str, Any]:
    """One reaction as `--json` exports it (docs/history.md): names as stored, times as ISO 8601."""
    return {
        "kind": r.kind.value,
        "at_iso": r.at.isoformat(),
        "shown_by": r.shown_by.value if r.shown_by is not None else None,
        "after_shown_s": r.after_shown.total_seconds() if r.after_shown is not None else None,
        "action": r.action,
    }


def write_json(rows: Iterable[tuple[Any, list[Reaction]]]) -> None:
    """The rows (each with its reactions) as one JSON array, written a row at a time: the same
    text `json.dumps(list, indent=1)` makes, without the list of every row (1.2 GB for a week of
    100,000)."""
    out = sys.stdout
    first = True
    for row, reactions in rows:
        text = json.dumps(as_json(row, reactions), indent=1, ensure_ascii=False)
        out.write(("[\n " if first else ",\n ") + text.replace("\n", "\n "))
        first = False
    out.write("[]\n" if first else "\n]\n")


def write_jsonl(rows: Any) -> None:
    """Every version, each on its own line, and an update in place says which line it updates.

    The updates stay in: the running app decided each one again, and each counted as contact from
    its sender (three updates of a chat can make its person break through), so a replay without
    them would decide the notifications after them differently. `"replaces_line": N` (N: the line
    of the notification's first version in this output) lets a reader count the notification
    once; a reader that does not know the key replays the lines as before. An update whose first
    version is not in the selection (--since, --limit) has no key: it is the first this file knows.
    """
    from notifyzen.core.stream import to_jsonl_line
    from notifyzen.history import store

    first_line: dict[int, int] = {}  # the id the sender knows -> the line of its first version
    for number, row in enumerate(rows, start=1):
        line = to_jsonl_line(store.row_notification(row))
        first = first_line.setdefault(store.public_id(row), number)
        if first != number:  # the line is one JSON object: add the key before its closing brace
            line = f'{line[:-1]}, "replaces_line": {first}}}'
        sys.stdout.write(line + "\n")


def print_table(rows: Iterable[tuple[Any, list[Reaction]]]) -> None:
    """`rows` newest first (the selection is the newest N) with their reactions, printed as they
    are read; what the user did last is said after the summary ("· opened after 2 min")."""
    from notifyzen.history import store
    from notifyzen.history.rows import reaction_words, state_word, telling

    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        print(translate("CLI", "Nothing taken in for this selection."))
        return
    when, app, what = translate("CLI", "WHEN"), translate("CLI", "APP"), translate("CLI", "WHAT HAPPENED")
    print(f"{'ID':>6}  {when:<16}  {app:<16}  {what:<13}  " + translate("CLI", "SUMMARY"))
    listed, ids = 0, set()  # rows printed, and the notifications they are versions of
    for row, reactions in itertools.chain((first,), rows):
        n = store.row_notification(row)
        when = n.at.strftime("%a %d %b %H:%M")
        summary = f"↻ {clean(n.summary, 58)}" if row.replaces_id else clean(n.summary, 60)
        said = telling(reactions)
        summary += f"  · {reaction_words(said, n.actions)}" if said is not None else ""
        state = state_word(row.state)
        print(f"{row.id:>6}  {when:<16}  {clean(n.app_name, 16):<16}  {state:<13}  {summary}")
        listed += 1
        ids.add(store.public_id(row))
    # Every version is listed (what the app decided each time); the footer says what they add up to.
    notifications = len(ids)
    if notifications < listed:
        print(
            fill(
                translate(
                    "CLI",
                    "↻ an update in place of an earlier notification (--explain ID says which): "
                    "these %1 rows are %2 notifications.",
                ),
                listed,
                notifications,
            )
        )
