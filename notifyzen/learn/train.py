"""Reactions into labels, and the model brought up to date with the history (incremental).

A label is what the user's own action says: opened, acted on or replied to (within 10 minutes:
full weight, later: half) is "wanted"; dismissed or let expire is "not now"; the explicit answers
("should have come through", "could have waited") and "always allow/mute" count three times, since
the user said it in words. Only the first of opened/dismissed/expired counts per notification:
a notification dismissed after it was opened was read. Removed on the phone is no label: the user
dealt with it there, but KDE Connect does not say whether they read it, swiped it away unread or
its app withdrew it (docs/reactions.md).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from notifyzen.core.model import Notification
from notifyzen.core.reaction import Reaction, ReactionKind
from notifyzen.learn import files
from notifyzen.learn.model import Model

log = logging.getLogger(__name__)

SOON = timedelta(minutes=10)
_DID = {
    ReactionKind.OPENED: True,
    ReactionKind.ACTED: True,
    ReactionKind.REPLIED: True,
    ReactionKind.DISMISSED: False,
    ReactionKind.EXPIRED: False,
}
_SAID = {
    ReactionKind.SHOULD_HAVE_COME: True,
    ReactionKind.ALWAYS_ALLOW: True,
    ReactionKind.COULD_HAVE_WAITED: False,
    ReactionKind.ALWAYS_MUTE: False,
}


def label(r: Reaction) -> tuple[bool, float] | None:
    """(wanted, weight) for a reaction that says something; None for SHOWN."""
    if r.kind in _SAID:
        return _SAID[r.kind], 3.0
    if r.kind in _DID:
        wanted = _DID[r.kind]
        late = wanted and r.after_shown is not None and r.after_shown > SOON
        return wanted, 0.5 if late else 1.0
    return None


def train(model: Model, pairs: Iterable[tuple[Notification, Reaction]]) -> int:
    """Learn from reactions in the order they happened; returns how many labels were used."""
    used, done = 0, set[int]()
    for n, r in pairs:
        found = label(r)
        model.trained_until = max(model.trained_until, r.at.timestamp())
        if found is None:
            continue
        if r.kind in _DID:
            if r.notification_id in done:
                continue
            done.add(r.notification_id)
            if len(done) > 100_000:
                done.clear()
        model.learn(n, *found)
        used += 1
    return used


def catch_up(db: Path, zone: tzinfo, bodies_days: int | None = None, now: datetime | None = None) -> Model:
    """The saved model, taught what the history recorded since it was last saved (and saved).
    With `bodies_days` (config.yaml retention) words of messages older than that are forgotten,
    as the history erases their texts."""
    from notifyzen.history import store

    model = files.load(db, zone)
    if bodies_days is not None:
        horizon = (now or datetime.now(zone)) - timedelta(days=bodies_days)
        if model.forget_words_before(horizon.timestamp()) and db.exists():
            files.save(db, model)
    if not db.exists():
        return model
    since = (
        datetime.fromtimestamp(model.trained_until, zone) + timedelta(microseconds=1)
        if model.trained_until
        else None
    )
    engine = store.reader(db)
    try:
        pairs = ((reacted.item.notification, r) for reacted, r in store.read_reactions(engine, since))
        used = train(model, pairs)
    except Exception:  # a history older than the reaction table, or one being repaired
        log.warning("the model could not read the reactions in %s", db, exc_info=True)
        return model
    finally:
        engine.dispose()
    if used:
        if bodies_days is not None:
            model.forget_words_before(((now or datetime.now(zone)) - timedelta(days=bodies_days)).timestamp())
        files.save(db, model)
    return model
