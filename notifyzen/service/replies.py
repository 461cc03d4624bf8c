"""Status replies sent for the user (issue 11): the side effects of notifyzen.core.statusreply.

On the bus thread, after `Service.take` held a message: ask the core whether this conversation
gets a reply in this focus window, and if so answer through the channel it came by:

- a phone notification with a reply id (KDE Connect): the notifications plugin's
  `sendReply(replyId, text)`, through the KDE Connect adapter the Service started;
- a desktop app that offered the `inline-reply` action, in server mode: the `NotificationReplied`
  signal, as Plasma sends it when the user types a reply. (In observe mode another daemon owns
  the notifications name; an app would not take the signal from us, so nothing is sent.)

The reply goes out a moment after `take` (loop.call_soon): the sender first gets its Notify
answer with the id the signal then names, and the KDE Connect link has recorded the item. A
reply that was sent is stored on the notification's row (status_reply_text, status_reply_at,
apart from a reply the user types later); one that could not be sent is forgotten, so the
conversation's next message in the window may try again.

A focus window *occurrence* is identified by its name and where it ends (scheduled windows), or
by when manual focus began: the same conversation is told again in the next occurrence only.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notifyzen.core.digest import Reply
from notifyzen.core.model import Item, Source, Verdict
from notifyzen.core.statusreply import Plan, StatusReplies, conversation, preset_for

if TYPE_CHECKING:
    from notifyzen.core.timeline import Timeline
    from notifyzen.service.service import Service

log = logging.getLogger(__name__)

REPLY_ACTION = "inline-reply"
PHONE_REPLY_HINT = "x-kdeconnect-reply-id"
TOLD_LOOKBACK = timedelta(days=1)  # how far back `restore` looks for the focus window still running


def window_occurrence(timeline: Timeline, now: datetime) -> object:
    """Which focus window occurrence `now` is in (None outside focus)."""
    t = now.astimezone(UTC)
    focus = timeline.focused
    if focus is not None and focus.covers(t):
        return (focus.name, focus.since)
    name = timeline.active_window(now)
    if name is None:
        return None
    return (name, timeline.engine.focus_end(t))


def ui_language() -> str:
    try:
        from notifyzen.desktop.i18n import active_language

        return active_language()
    except Exception:  # no Qt translations available: the source language
        return "en"


class Replies:
    """Lives on the Service (bus thread only)."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.book = StatusReplies()
        self.sent = 0
        # id -> the reply sent for it, for the digest. Replaced, never changed in place, so the
        # GUI thread may read `told` at any time and gets a consistent snapshot.
        self.told: dict[int, Reply] = {}
        self._tasks: set[asyncio.Task[Any]] = set()

    def consider(self, item: Item, origin: str) -> None:
        """Called by Service.take for every arrival; cheap when nothing is to be sent."""
        if item.decision.verdict is not Verdict.HOLD or item.decision.window is None:
            return
        channel = self._channel(item, origin)
        if channel is None:
            return
        timeline = self.service.timeline
        chosen = timeline.config.status_reply
        anyone = chosen.people or chosen.conversations or chosen.apps
        if not chosen.enabled or not (item.decision.reply or anyone):
            return  # the usual case: nobody opted in, nothing to work out
        self.book.settings = timeline.config.status_reply  # follows a reload of config.yaml
        now = self.service.clock.now()
        rule = next((r for r in timeline.engine.rules if r.name == item.decision.rule), None)
        named = rule.match.sender if rule is not None and rule.match.sender is not None else frozenset()
        stem = Path(rule.origin.rsplit(":", 1)[0]).stem if rule is not None and rule.origin else None
        preset = preset_for([stem, item.decision.window, *timeline.config.presets], self.book.settings)
        plan = self.book.consider(
            item.notification,
            item.decision,
            now,
            window=window_occurrence(timeline, item.notification.at),
            preset=preset,
            ui_language=ui_language(),
            named=named,
        )
        if plan is not None:
            # The promise binds: held again under its own release_at (Timeline.restore keeps a
            # stored promise), so focus started by hand later cannot push it past that moment.
            timeline.restore(item, item.notification.at)
            self.service.loop.call_soon(self._send, item.id, channel, plan)

    def restore(self) -> None:
        """At start, once the held and digest-listed messages came back from the history: their
        rows say who was answered and when, so the digest still says "You told Anke at 09:30",
        and a conversation told in the focus window still running is not told again: also one
        whose message ended before the restart (dismissed, read on the phone or in its desktop
        app) and whose phone notification, resent and grown, is back in the queue (issue 16)."""
        store = self.service.store
        if store is None:
            return
        rows = {live.row_id: live.item for live in self.service.live.values()}
        timeline = self.service.timeline
        told: dict[int, Reply] = {}
        marks = ",".join("?" * len(rows))
        query = (
            "SELECT id, status_reply_text, status_reply_at FROM notification "
            f"WHERE status_reply_at IS NOT NULL AND id IN ({marks})"
        )
        for row_id, text, at in store.db.execute(query, list(rows)) if rows else ():
            item = rows[row_id]
            if text:  # retention may have erased the words; the digest then says nothing
                told[item.id] = Reply(text, datetime.fromtimestamp(at, timeline.config.zone))
            talk = conversation(item.notification)
            if talk is not None:
                self.book.remember(talk, window_occurrence(timeline, item.notification.at))
        self.told = told
        now = self.service.clock.now()
        running = window_occurrence(timeline, now)
        told_since = getattr(store, "told_since", None)
        if running is None or not callable(told_since):
            return
        for item in told_since(now - TOLD_LOOKBACK):
            talk = conversation(item.notification)
            if talk is not None and window_occurrence(timeline, item.notification.at) == running:
                self.book.remember(talk, running)

    def _channel(self, item: Item, origin: str) -> str | None:
        n = item.notification
        if origin == "kdeconnect" and n.hints.get(PHONE_REPLY_HINT) and self._phone() is not None:
            return "phone"
        if origin == "server" and n.source is Source.PHONE and self._phone() is not None:
            # kdeconnectd's own pop-up of a phone chat that the link does not know: the phone
            # removed it at once (read there, or reposted). kdeconnectd has dropped it too, so a
            # NotificationReplied to it reaches nobody; the link's copy, if any, is answered.
            return None
        if origin == "server" and self.service.server is not None and REPLY_ACTION in n.action_keys:
            return "desktop"
        return None

    def _phone(self) -> Any:
        """The KDE Connect link the Service started (notifyzen.phone.link.start), if any."""
        for adapter in self.service.adapters:
            inner = getattr(adapter, "adapter", None)
            if callable(getattr(inner, "send_reply", None)):
                return inner
        return None

    def _send(self, id: int, channel: str, plan: Plan) -> None:
        live = self.service.live.get(id)
        if live is None:  # gone already (dismissed, removed on the phone): say nothing
            self.book.failed(plan)
            return
        if channel == "desktop":
            self.service.server.replied(id, plan.text)
            self._record(id, plan)
            return
        task = self.service.loop.create_task(self._send_phone(id, plan))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send_phone(self, id: int, plan: Plan) -> None:
        from notifyzen.core.phone_match import PhoneKey

        live = self.service.live.get(id)
        phone = self._phone()
        hints = live.item.notification.hints if live is not None else {}
        device, internal = hints.get("x-kdeconnect-device-id"), hints.get("x-kdeconnect-internal-id")
        if phone is None or not isinstance(device, str) or not isinstance(internal, str):
            self.book.failed(plan)
            return
        try:
            done = await phone.send_reply(PhoneKey(device, internal), plan.text)
        except Exception as e:
            log.warning("status reply to %s could not be sent: %s", plan.conversation, e)
            done = False
        if not done:
            log.info("status reply to %s not possible now (phone away?)", plan.conversation)
            self.book.failed(plan)
            return
        self._record(id, plan)

    def _record(self, id: int, plan: Plan) -> None:
        self.sent += 1
        live = self.service.live.get(id)
        store = self.service.store
        at = self.service.clock.now()
        if live is not None and store is not None:
            store.status_replied(live.row_id, plan.text, at)
        kept = {i: r for i, r in self.told.items() if i in self.service.live}
        self.told = {**kept, id: Reply(plan.text, at)}
        log.info("status reply to %s: %s", plan.conversation, plan.text)
        self.service.emit_status()

    def status(self, now: datetime) -> dict[str, Any] | None:
        """For the tray: {"count", "until", "text"} while people were told in this focus window."""
        preview = self.book.preview(window_occurrence(self.service.timeline, now), now, ui_language())
        if preview is None:
            return None
        return {"count": preview.count, "until": preview.until, "text": preview.text}
