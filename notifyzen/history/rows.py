"""`notifyzen history`'s rows, streamed from one SQLite cursor instead of loaded as ORM objects.

Why: `store.query` builds a validated SQLModel object for every row and returns them all, so a
week of 100,000 notifications took 10-28 s and 0.5-1.3 GB before the first line came out
(bench/bench_volume.py). Here each row is a tuple from the cursor behind a light view that reads
like a NotificationRow (attributes, `model_dump`), so `store.row_notification` and the command's
printing take it as they are; the command writes a row out before the next is read, and memory
stays flat however long the history grows.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from notifyzen.core.reaction import VERDICTS, Reaction, ReactionKind
from notifyzen.desktop.words import clean, fill, translate
from notifyzen.history.store import epoch, row_notification

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from notifyzen.history.schema import NotificationRow

BATCH = 500  # rows fetched from SQLite at a time: what the process holds beyond the output


def state_word(state: str) -> str:
    """What happened to a notification, in the user's words: the states as the history stores them
    (schema.py; `--json` keeps those names), for `notifyzen history` and the history window."""
    words = {
        "new": translate("CLI", "new"),
        "shown": translate("CLI", "shown"),
        "held": translate("CLI", "held"),
        "muted": translate("CLI", "muted"),
        "closed": translate("CLI", "closed"),
        "dismissed": translate("CLI", "dismissed"),
        "acted": translate("CLI", "acted"),
        "replaced": translate("CLI", "replaced"),
        "expired": translate("CLI", "expired"),
    }
    return words.get(state, state)


def _after(seconds: float) -> str:
    """How long after it was shown, in the unit a person would use."""
    if seconds < 60:
        return fill(translate("CLI", "after %1 s"), max(0, int(seconds)))
    if seconds < 3600:
        return fill(translate("CLI", "after %1 min"), int(seconds // 60))
    if seconds < 2 * 86400:
        return fill(translate("CLI", "after %1 h"), int(seconds // 3600))
    return fill(translate("CLI", "after %1 days"), int(seconds // 86400))


def reaction_words(reaction: Reaction, actions: Sequence[tuple[str, str]] = ()) -> str:
    """What the user did, in their words ("opened after 2 min", "you said: could have waited"),
    for `notifyzen history --explain` and the history window (issue 20). `actions`: the
    notification's (key, label) pairs, so a chosen action is named as its button was."""
    kind = reaction.kind
    words = {
        ReactionKind.SHOWN: translate("CLI", "shown"),
        ReactionKind.OPENED: translate("CLI", "opened"),
        ReactionKind.ACTED: fill(
            translate("CLI", "chose %1"),
            f"“{dict(actions).get(reaction.action or '') or reaction.action or '?'}”",
        ),
        ReactionKind.REPLIED: translate("CLI", "replied"),
        ReactionKind.DISMISSED: translate("CLI", "dismissed unread"),
        ReactionKind.EXPIRED: translate("CLI", "left to expire"),
        ReactionKind.REMOVED_ON_PHONE: translate("CLI", "removed on the phone"),
        ReactionKind.ALWAYS_ALLOW: translate("CLI", "you wrote a rule: always allow"),
        ReactionKind.ALWAYS_MUTE: translate("CLI", "you wrote a rule: always mute"),
        ReactionKind.SHOULD_HAVE_COME: translate("CLI", "you said: should have come through"),
        ReactionKind.COULD_HAVE_WAITED: translate("CLI", "you said: could have waited"),
    }
    text = words.get(kind, kind.value)
    if kind is ReactionKind.SHOWN and reaction.shown_by is not None:
        return f"{text} ({reaction.shown_by.value})"  # the name the JSON keeps, as --explain has it
    timed = (
        ReactionKind.OPENED,
        ReactionKind.ACTED,
        ReactionKind.REPLIED,
        ReactionKind.DISMISSED,
        ReactionKind.REMOVED_ON_PHONE,
    )
    if kind in timed and reaction.after_shown is not None:
        return f"{text} {_after(reaction.after_shown.total_seconds())}"
    return text


def telling(reactions: Sequence[Reaction]) -> Reaction | None:
    """The reaction that says most about a notification in one line (the history window's
    column, the table): the user's own answer, else a rule written from it, else what they did
    last; "left to expire" is what its state already says."""
    for kinds in (VERDICTS, {ReactionKind.ALWAYS_ALLOW, ReactionKind.ALWAYS_MUTE}):
        said = [r for r in reactions if r.kind in kinds]
        if said:
            return said[-1]
    done = [r for r in reactions if r.kind not in (ReactionKind.SHOWN, ReactionKind.EXPIRED)]
    return done[-1] if done else None


class Row:
    """One history row read by column name, as a NotificationRow is read (`row.app_name`)."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: dict[str, int], values: tuple[Any, ...]) -> None:
        self._names = names
        self._values = values

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[self._names[name]]
        except KeyError:
            raise AttributeError(name) from None

    def model_dump(self) -> dict[str, Any]:
        """The columns as `--json` has always printed them (`opened` a boolean, as the ORM gave it)."""
        data = dict(zip(self._names, self._values, strict=True))
        data["opened"] = bool(data.get("opened"))
        return data


def columns() -> tuple[str, ...]:
    """NotificationRow's columns in its own order, so `--json` keeps its keys where they were."""
    from notifyzen.history.schema import NotificationRow

    return tuple(NotificationRow.model_fields)


def rows(
    engine: Engine,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    app: str | None = None,
    keep: Callable[[Row], bool] | None = None,
    limit: int | None = None,
    newest_first: bool = False,
    on_error: Callable[[BaseException], Exception] | None = None,
) -> Iterator[Row]:
    """Rows oldest first (or `newest_first`); `app` narrows with SQL LIKE (case-insensitive),
    `keep` filters further, `limit` keeps the newest N of what passes. A read error is raised as
    `on_error(exc)`."""
    names = columns()
    where, args = ["1"], list[Any]()
    if since is not None:
        where.append("at >= ?")
        args.append(epoch(since))
    if until is not None:
        where.append("at < ?")
        args.append(epoch(until))
    if app:
        where.append("lower(app_name) LIKE lower(?)")
        args.append(app)
    select = f"SELECT {', '.join(names)} FROM notification WHERE {' AND '.join(where)}"
    order = "DESC" if newest_first else ""
    if limit and keep is None:  # the newest N, found through the primary key
        sql = f"SELECT * FROM ({select} ORDER BY id DESC LIMIT ?) ORDER BY id {order}"
        args.append(limit)
    else:
        sql = f"{select} ORDER BY id {order}"
    found = _read(engine, sql, args, {n: i for i, n in enumerate(names)}, on_error)
    if keep is not None:
        found = (row for row in found if keep(row))
        if limit and newest_first:
            yield from itertools.islice(found, limit)
            return
        if limit:
            yield from deque(found, maxlen=limit)
            return
    yield from found


def _read(
    engine: Engine,
    sql: str,
    args: list[Any],
    index: dict[str, int],
    on_error: Callable[[BaseException], Exception] | None,
) -> Iterator[Row]:
    connection = engine.raw_connection()
    try:
        driver = connection.driver_connection
        assert driver is not None
        cursor = driver.execute(sql, args)
        while batch := cursor.fetchmany(BATCH):
            for values in batch:
                yield Row(index, values)
    except sqlite3.Error as exc:
        if on_error is None:
            raise
        raise on_error(exc) from None
    finally:
        connection.close()


def lifecycle(row: NotificationRow, reactions: Sequence[Reaction] = ()) -> list[str]:
    """What happened to `row` after the decision, one line each: shown, ended, replies, and what
    the user did with it (`reactions`, issue 20: "opened after 2 min", "you said: could have
    waited")."""
    n = row_notification(row)  # once: it validates and builds the whole notification
    zone = n.at.tzinfo
    at = lambda t: datetime.fromtimestamp(t, zone).isoformat(timespec="seconds")  # noqa: E731
    lines = []
    reasons = {
        1: translate("CLI", "expired"),
        2: translate("CLI", "dismissed by the user"),
        3: translate("CLI", "closed by the app"),
        4: translate("CLI", "closed"),
    }
    if row.replaces_id:
        lines.append(fill(translate("CLI", "replaced notification %1 in place"), row.replaces_id))
    if row.shown_at is not None:
        # shown_by is a name the JSON keeps too (arrival, checkin, max_wait, ...): left as it is
        lines.append(fill(translate("CLI", "shown %1 (%2)"), at(row.shown_at), row.shown_by or "arrival"))
    if row.closed_at is not None:
        why = (
            translate("CLI", "replaced by a newer one")
            if row.state == "replaced"
            else reasons.get(row.close_reason or 4, reasons[4])
        )
        lines.append(fill(translate("CLI", "ended %1: %2"), at(row.closed_at), why))
    if row.opened:
        lines.append(translate("CLI", "the user acted on it"))
    # Both, notifyzen's first: it answers while the message is held, the user only once it is shown.
    for who, text, sent in (
        (translate("CLI", "status reply sent"), row.status_reply_text, row.status_reply_at),
        (translate("CLI", "replied"), row.reply_text, row.reply_at),
    ):
        if text or sent is not None:  # retention erases the text; that a reply went out stays
            when = f" {at(sent)}" if sent is not None else ""
            lines.append(f"{who}{when}: {clean(text, 100)}" if text else f"{who}{when}")
    for reaction in reactions:
        if reaction.kind is ReactionKind.SHOWN and reaction.at.timestamp() == row.shown_at:
            continue  # the "shown" line above says it; an earlier showing (snoozed) does not
        words = reaction_words(reaction, n.actions)
        lines.append(fill(translate("CLI", "%1 (%2)"), words, at(reaction.at.timestamp())))
    return lines
