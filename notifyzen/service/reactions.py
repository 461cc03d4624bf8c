"""What the user did with a notification, recorded where the Service learns it (issue 20).

The learned model trains on these and a proposal cites them, so each is a fact the user would
recognise, recorded once, at the moment and in the place it happened:

- shown: by the Store itself, with the row (`Store.add` at arrival, `Store.shown` at a check-in,
  breakpoint or max wait), so no way of showing can be missed;
- opened, acted (which action), replied, dismissed unread, expired: here, from the ending the
  Service writes anyway (`Service.close`). In server mode those come from notifyzen's pop-ups,
  the digest and the control interface; in observe mode from the desktop's own NotificationClosed
  (1 expired, 2 dismissed by the user) and ActionInvoked as the monitor saw them
  (dnd/session.py). The app closing its own notification (3) or a replacement (4) is nobody's
  reaction and is not recorded;
- removed on the phone: a phone notification (or the phone's copy of a desktop one) gone from
  the phone's shade while it waited or showed here (`Service.removed_on_phone`, from the KDE
  Connect link): the user dealt with it there, in a way the phone does not tell;
- always allow / always mute and the two explicit answers ("should have come through", "could
  have waited"): from the pop-up, the digest and the history window, through `answer` and
  `rule_written`.

Plain functions taking the Service, on the bus thread, like service/clock.py.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from notifyzen.core.reaction import Reaction, ReactionKind
from notifyzen.history import reactions as store_reactions
from notifyzen.service.replies import REPLY_ACTION

if TYPE_CHECKING:
    from notifyzen.service.live import Live
    from notifyzen.service.service import Service

log = logging.getLogger(__name__)

EXPIRED, DISMISSED = 1, 2  # the spec's NotificationClosed reasons that are the user's doing
# Answers the user gives in words, and the rules written from a notification: what the UI may ask
# the Service to record (a pop-up cannot claim that something was opened).
ANSWERS = frozenset(
    {
        ReactionKind.SHOULD_HAVE_COME,
        ReactionKind.COULD_HAVE_WAITED,
        ReactionKind.ALWAYS_ALLOW,
        ReactionKind.ALWAYS_MUTE,
    }
)


def ended(service: Service, live: Live, reason: int, state: str | None, action: str | None) -> None:
    """A live notification ended (`Service.close`): record what the user did, if it was them.
    `action`: the key the user chose (REPLY_ACTION for a typed reply), None when none was. Never
    raises: the ending itself (the sender's signal, the pop-up going) must happen whatever."""
    try:
        _ended(service, live, reason, state, action)
    except Exception:
        log.exception("could not record how notification %d ended", live.item.id)


def _ended(service: Service, live: Live, reason: int, state: str | None, action: str | None) -> None:
    if action is not None:
        kind = (
            ReactionKind.REPLIED
            if action == REPLY_ACTION
            else ReactionKind.OPENED
            if action == "default"
            else ReactionKind.ACTED
        )
    elif reason == EXPIRED:
        kind = ReactionKind.EXPIRED
    elif reason == DISMISSED and state in (None, "dismissed") and not _opened(service, live.row_id):
        kind = ReactionKind.DISMISSED
    else:
        return
    _record(service, live.row_id, kind, action if kind is ReactionKind.ACTED else None)


def removed_on_phone(service: Service, live: Live) -> None:
    """The phone removed it while it was live here (`Service.removed_on_phone`). Never raises."""
    try:
        _record(service, live.row_id, ReactionKind.REMOVED_ON_PHONE)
    except Exception:
        log.exception("could not record that notification %d went on the phone", live.item.id)


def only_counted(service: Service, id: int) -> None:
    """A pop-up that never had its own window (one of "N more waiting") expires: it ends as
    expired, but the user who saw only the count did not leave it to expire."""
    service.close(id, EXPIRED, react=False)


def acted(service: Service, live: Live, key: str) -> None:
    """An action of a resident notification: it stays on screen, so no ending records it."""
    kind = ReactionKind.OPENED if key == "default" else ReactionKind.ACTED
    _record(service, live.row_id, kind, key if kind is ReactionKind.ACTED else None)


def read_along(service: Service, ids: Iterable[int]) -> None:
    """The older notifications of a digest line the user opened or answered: the digest counts
    them as read, and dismisses them. Recorded as opened, so their dismissal that follows is not
    taken for "dismissed unread" (a chat folded into one line would otherwise teach the model
    that the user ignores that person)."""
    assert service.store is not None
    with service.store.batch():
        for id in ids:
            live = service.live.get(id)
            if live is not None:
                _record(service, live.row_id, ReactionKind.OPENED)


def answer(service: Service, id: int, kind: str) -> bool:
    """The user's answer about notification `id` (the id its sender knows: a pop-up's, a digest
    line's), live or not; False if there is no such notification or the answer is not one."""
    row_id = _row(service, id)
    return row_id is not None and answer_row(service, row_id, kind)


def answer_row(service: Service, row_id: int, kind: str) -> bool:
    """The user's answer about history row `row_id` (the history window lists rows)."""
    try:
        what = ReactionKind(kind)
    except ValueError:
        log.warning("not an answer notifyzen knows: %r", kind)
        return False
    if what not in ANSWERS:
        log.warning("%s is not the user's to claim from a window", what.value)
        return False
    assert service.store is not None
    if service.store._q1("SELECT 1 FROM notification WHERE id=?", (row_id,)) is None:
        return False  # gone meanwhile (retention): nothing to answer about
    return _record(service, row_id, what)


def rule_written(service: Service, ids: Iterable[int], kind: str) -> None:
    """Always allow / always mute was written from these notifications (the digest's line or
    group, by the ids their senders know)."""
    what = ReactionKind.ALWAYS_ALLOW if kind == "allow" else ReactionKind.ALWAYS_MUTE
    assert service.store is not None
    with service.store.batch():
        for id in ids:
            row_id = _row(service, id)
            if row_id is not None:
                _record(service, row_id, what)


def _opened(service: Service, row_id: int) -> bool:
    """The user opened it, chose an action or replied: a dismissal after that is no "unread"."""
    assert service.store is not None
    found = service.store._q1(
        "SELECT 1 FROM reaction WHERE notification_id=? AND kind IN (?, ?, ?) LIMIT 1",
        (row_id, ReactionKind.OPENED.value, ReactionKind.ACTED.value, ReactionKind.REPLIED.value),
    )
    return found is not None


def _row(service: Service, id: int) -> int | None:
    live = service.live.get(id)
    if live is not None:
        return live.row_id
    assert service.store is not None
    return store_reactions.row_of(service.store, id)


def _record(service: Service, row_id: int, kind: ReactionKind, action: str | None = None) -> bool:
    if service.store is None:
        return False
    service.store.react(Reaction(row_id, kind, service.clock.now(), action=action))
    return True
