"""Phone notifications in the Service: one item per phone notification, and the way back.

`attach(service)` (on the bus thread; the Service calls it through `notifyzen.phone.link.start`)
starts the KDE Connect adapter on the service's bus and links it both ways:

- phone → service: posted → `service.take(origin="kdeconnect", external_id="<device>/<id>")`,
  updated → the same item replaced, removed on the phone → the item is closed (it leaves the
  held queue; history keeps it, with the reaction "removed on the phone").
- user → phone: `user_dismissed(id)`, `user_replied(id, text)`, `user_acted(id, key)` are what
  Service.close (reason dismissed) / reply / invoke_action call for items of origin "kdeconnect".
- the shadow: kdeconnectd also posts a desktop pop-up for each phone notification. In server
  mode a message handler placed before the Notifications server answers those Notify calls with
  the phone item's id, so nothing is taken twice (`claim_popup`); it waits up to SHADOW_WINDOW
  because the pop-up usually comes a fraction of a millisecond *before* the phone object, and
  falls back to an ordinary desktop notification when no phone item turns up. kdeconnectd's
  CloseNotification for those ids is swallowed: the phone, through the adapter, says when a
  phone notification is gone (kdeconnectd also closes its pop-ups when a phone merely drops off);
  anyone else's (Signal Desktop closing the item its copy became) goes on to the server.
- echoes: `echo_of(n)` finds the phone copy of a desktop chat notification (same app, person,
  text), `posted` the desktop copy of a phone one; either way the pairing is kept in the history
  (`Store.pair_phone_copy`), so the phone's resend after a restart of notifyzen is still that
  one item, and only the phone removing its copy frees its key.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from dbus_fast import Message, MessageType

from notifyzen.bus import NOTIFICATIONS_IFACE, NOTIFICATIONS_PATH
from notifyzen.bus.wire import from_notify
from notifyzen.core.model import Notification, Source
from notifyzen.core.phone_match import (
    ECHO_WINDOW,
    KDECONNECT_ENTRY,
    PhoneKey,
    ShadowMatcher,
    find_echo,
    is_phone_popup,
    same_words,
)
from notifyzen.phone.kdeconnect import ORIGIN, KdeConnect

if TYPE_CHECKING:
    from dbus_fast.aio import MessageBus

    from notifyzen.service.service import Service

log = logging.getLogger(__name__)
REPLY_KEY = "inline-reply"
REASON_DISMISSED = 2  # the user dismissed it here (or acted on it)
REASON_CLOSED = 3  # spec: closed by a call (here: by the phone)


class ServiceLink:
    """Keeps service item ids and phone keys in step; lives in `service.adapters`."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.adapter: KdeConnect | None = None
        self.ids: dict[PhoneKey, int] = {}
        self.keys: dict[int, PhoneKey] = {}
        self.shadows: ShadowMatcher[int] = ShadowMatcher()
        self._waiting: dict[int, asyncio.Future[int]] = {}
        self._token = 0
        self._tasks: set[asyncio.Task[Any]] = set()
        self.shadowed = 0  # kdeconnectd pop-ups answered with a phone item's id

    def _now(self) -> datetime:
        return self.service.clock.now()

    # -- phone → service -------------------------------------------------------------------
    def posted(self, n: Notification, key: PhoneKey) -> None:
        """New to the adapter (this run has not seen it, or the phone resent its shade after a
        reconnect). What the history already has under this key and the phone did not remove is
        that notification again: not taken, shown, counted or answered a second time; with other
        words it is a new version of it. Only a key the phone removed meanwhile is news."""
        id = self.ids.get(key)
        if id is None:
            id = self._resent(n, key)
        elif self._changed(id, n):
            id = self._take(n, key, replaces_id=id)
        if id is None:
            id = self._desktop_copy(n)
            if id is None:
                id = self._take(n, key)
            else:
                self._pair(id, key)
        self._link(key, id)
        self._paired(key, n, id)

    def updated(self, n: Notification, key: PhoneKey) -> None:
        """Changed on the phone (a chat notification gains a message): a new version of the same
        item, replaced in place while it is live (held or on screen) and decided anew once the user
        had seen or dismissed it (a new message is news; the report counts the item once). One that
        cannot be swiped away (a player, a download) whose item the user closed here stays closed:
        every tick of its progress must not bring it back."""
        old = self.ids.get(key)
        live = old is not None and old in self.service.live
        if old is not None and not live and n.hints.get("x-kdeconnect-dismissable") is False:
            self._paired(key, n, old)
            return
        self._link(key, self._take(n, key, replaces_id=old or 0))
        self._paired(key, n, self.ids[key])

    def _resent(self, n: Notification, key: PhoneKey) -> int | None:
        """The history's item for a key the phone sent again, or None when it is news (never seen,
        or the phone removed it since: a chat reuses its key for the next message). The item may
        be a desktop notification the phone's copy was paired with (an echo): then whoever closed
        it, only the phone removing its copy makes the key news."""
        last = getattr(self.service.store, "last_external", None)
        known = last(ORIGIN, str(key)) if callable(last) else None
        if known is None:
            return None
        id, summary, body, reason, removed_on_phone = known
        if removed_on_phone if removed_on_phone is not None else reason == REASON_CLOSED:
            return None
        if self._words_differ(summary, body, n):
            return self._take(n, key, replaces_id=id)
        if reason == REASON_DISMISSED:  # dismissed here while the phone was away: tell it again
            self.ids[key], self.keys[id] = id, key
            self._to_phone(id, "dismiss")
        return id

    def _changed(self, id: int, n: Notification) -> bool:
        live = self.service.live.get(id)
        if live is None:
            return False
        old = live.item.notification
        return self._words_differ(old.summary, old.body, n)

    @staticmethod
    def _words_differ(summary: str, body: str, n: Notification) -> bool:
        """A body erased by retention (or never kept) compares by the title alone."""
        return not same_words(summary, body, n)

    def _desktop_copy(self, n: Notification) -> int | None:
        """A live desktop notification with the same words (the chat app runs on both)."""
        desktop = [
            (i, live.item.notification) for i, live in self.service.live.items() if live.origin != ORIGIN
        ]
        return find_echo(n, desktop, ECHO_WINDOW)

    def removed(self, key: PhoneKey) -> None:
        self._store_call("phone_copy_removed", str(key), self._now())
        id = self.ids.pop(key, None)
        if id is not None:
            self.keys.pop(id, None)
            if self.service.removed_on_phone(id):
                return
        self._end_stored(key)

    def _end_stored(self, key: PhoneKey) -> None:
        """Shown before a restart (only in history, not live): end its row, or the phone's next
        message under the same id would be taken for this one (Store.find_external)."""
        end = getattr(self.service.store, "end_external", None)
        if callable(end):
            end(ORIGIN, str(key), self._now(), REASON_CLOSED)

    def _pair(self, id: int, key: PhoneKey) -> None:
        """The phone's `key` is item `id` too (an echo): kept, for the phone's resends after a restart."""
        self._store_call("pair_phone_copy", id, str(key), self._now())

    def _store_call(self, name: str, *args: Any) -> Any:
        """A call on the history that must not stop intake when it fails (a locked file: logged)."""
        call = getattr(self.service.store, name, None)
        if not callable(call):
            return None
        try:
            return call(*args)
        except sqlite3.Error as exc:
            log.warning("KDE Connect: the history did not take %s: %s", name, exc)
            return None

    def _take(self, n: Notification, key: PhoneKey, replaces_id: int = 0) -> int:
        item = self.service.take(
            n, origin=ORIGIN, client=key.device_id, external_id=str(key), replaces_id=replaces_id
        )
        return item.id

    def _link(self, key: PhoneKey, id: int) -> None:
        self.ids[key], self.keys[id] = id, key

    def _paired(self, key: PhoneKey, n: Notification, id: int) -> None:
        for token in self.shadows.phone(key, n, self._now()):
            waiting = self._waiting.pop(token, None)
            if waiting is not None and not waiting.done():
                waiting.set_result(id)

    # -- desktop pop-ups and echoes ----------------------------------------------------------
    async def claim_popup(self, n: Notification, replaces_id: int = 0) -> int | None:
        """The phone item this kdeconnectd pop-up copies, or None: take it as a desktop notification."""
        if not is_phone_popup(n) or self.adapter is None or not self.adapter.available:
            return None
        if replaces_id in self.keys:
            return replaces_id  # kdeconnectd updating its pop-up: the adapter reports the update
        self._token += 1
        token = self._token
        key = self.shadows.popup(token, n, self._now())
        if key is not None:
            return self.ids.get(key)
        waiting = asyncio.get_running_loop().create_future()
        self._waiting[token] = waiting
        try:
            return await asyncio.wait_for(waiting, self.shadows.window.total_seconds())
        except TimeoutError:
            return None
        finally:
            self._waiting.pop(token, None)
            self.shadows.expire(self._now())

    def status(self) -> dict[str, Any]:
        return self.adapter.status() if self.adapter is not None else {"available": False}

    @property
    def claims_phone_popups(self) -> bool:
        """While True, kdeconnectd's pop-ups are this link's: observe mode should not take them."""
        return self.adapter is not None and self.adapter.available

    def echo_of(self, n: Notification) -> int | None:
        """A live phone item saying the same as this desktop notification (for the Notify handler,
        which then answers with its id): the two are paired in the history."""
        if n.source is Source.PHONE:
            return None
        phone = [(i, self.service.live[i].item.notification) for i in self.keys if i in self.service.live]
        found = find_echo(n, phone, ECHO_WINDOW)
        if found is not None:
            self._pair(found, self.keys[found])
        return found

    def intercept(self, msg: Message) -> Message | bool | None:
        """Bus handler ahead of the Notifications server: kdeconnectd's pop-ups end up here."""
        if (
            msg.message_type is not MessageType.METHOD_CALL
            or msg.path != NOTIFICATIONS_PATH
            or msg.interface != NOTIFICATIONS_IFACE
            or self.adapter is None
            or not self.adapter.available
        ):
            return None
        if (
            msg.member == "CloseNotification"
            and msg.signature == "u"
            and msg.body[0] in self.keys
            and self.adapter.is_daemon(msg.sender)
        ):
            return Message.new_method_return(msg)
        if msg.member != "Notify" or msg.signature != "susssasa{sv}i":
            return None
        hints = msg.body[6]
        entry = hints.get("desktop-entry")
        if entry is None or entry.value != KDECONNECT_ENTRY:
            return None  # the cheap test first: every other Notify goes straight on
        app_name, replaces_id, icon, summary, body, actions, _, timeout = msg.body
        n = from_notify(app_name, icon, summary, body, actions, hints, timeout, at=self._now())
        if not is_phone_popup(n):
            return None
        task = asyncio.get_running_loop().create_task(self._answer(msg, n, replaces_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True  # answered by _answer

    async def _answer(self, msg: Message, n: Notification, replaces_id: int) -> None:
        assert self.service.bus is not None
        try:
            id = await self.claim_popup(n, replaces_id)
            if id is not None:
                self.shadowed += 1
                self._learn_buttons(id, n)
            else:
                id = self.service.take(n, origin="server", client=msg.sender, replaces_id=replaces_id).id
        except Exception:  # the caller must get an answer whatever went wrong here
            log.exception("KDE Connect: could not place kdeconnectd's pop-up")
            self.service.bus.send(Message.new_error(msg, "org.freedesktop.DBus.Error.Failed", "not taken"))
            return
        self.service.bus.send(Message.new_method_return(msg, "u", [id]))

    def _learn_buttons(self, id: int, popup: Notification) -> None:
        """kdeconnectd 22.12 does not show a phone notification's buttons on D-Bus, only on its own
        pop-up (as labels, under keys of its own): the phone item takes them from there, so its
        pop-up and digest row offer them and a click is sent to the phone by its label."""
        live = self.service.live.get(id)
        if live is None:
            return
        n = live.item.notification
        labels = [label for key, label in popup.actions if key not in ("default", REPLY_KEY) and label]
        known = {label for _, label in n.actions}
        new = [(label, label) for label in labels if label not in known]
        if not new:
            return
        reply = [a for a in n.actions if a[0] == REPLY_KEY]
        others = [a for a in n.actions if a[0] != REPLY_KEY]
        updated = replace(n, actions=(*others, *new, *reply))
        self.service.live[id] = replace(live, item=replace(live.item, notification=updated))

    # -- user → phone ------------------------------------------------------------------------
    def user_dismissed(self, id: int) -> None:
        self._to_phone(id, "dismiss")

    def can_reply(self, id: int) -> bool:
        """The phone chat takes replies (a reply id) and the phone is in reach now."""
        key = self.keys.get(id)
        return key is not None and self.adapter is not None and self.adapter.can_reply(key)

    def user_replied(self, id: int, text: str) -> None:
        self._to_phone(id, "send_reply", text)

    def user_acted(self, id: int, action: str) -> None:
        if action not in ("default", "inline-reply"):
            self._to_phone(id, "send_action", action)

    def _to_phone(self, id: int, what: str, *args: str) -> None:
        key = self.keys.get(id)
        if key is None or self.adapter is None:
            return
        task = asyncio.get_running_loop().create_task(self._send(what, key, *args))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send(self, what: str, key: PhoneKey, *args: str) -> None:
        assert self.adapter is not None
        try:
            done = await getattr(self.adapter, what)(key, *args)
        except Exception as e:
            log.warning("KDE Connect: %s for %s failed: %s", what, key, e)
            return
        if not done:
            log.info("KDE Connect: %s for %s not possible now (phone away or not allowed)", what, key)

    def restore(self) -> None:
        """Phone items still live from before a restart keep their ids when the phone resends them,
        and the adapter expects them: one the phone no longer shows when it next connects was
        removed there meanwhile, and ends here too."""
        expected = []
        copies = self._store_call("phone_copies", list(self.service.live)) or []
        for id, external in copies:  # echoes: the phone's copy of a desktop item still live
            copy_device, _, copy_internal = str(external).partition("/")
            if copy_device and copy_internal:
                self._link(PhoneKey(copy_device, copy_internal), id)
                expected.append(PhoneKey(copy_device, copy_internal))
        for id, live in self.service.live.items():
            hints = live.item.notification.hints
            device, internal = hints.get("x-kdeconnect-device-id"), hints.get("x-kdeconnect-internal-id")
            if live.origin == ORIGIN and isinstance(device, str) and isinstance(internal, str):
                key = PhoneKey(device, internal)
                self._link(key, id)
                expected.append(key)
        open_external = getattr(self.service.store, "open_external", None)
        if callable(open_external):  # shown (not live any more) but not ended: the phone still has them
            for external in open_external(ORIGIN):
                device, _, internal = str(external).partition("/")
                if device and internal:
                    expected.append(PhoneKey(device, internal))
        if self.adapter is not None:
            self.adapter.expect(expected)

    async def stop(self) -> None:
        if self.service.bus is not None:
            self.service.bus.remove_message_handler(self.intercept)
        if self.adapter is not None:
            await self.adapter.stop()


async def start(service: Any) -> Any:
    """The Service's adapter hook (notifyzen.service.service.ADAPTER_MODULES): phone notifications in.

    Returns the ServiceLink, which the Service keeps in `adapters` and stops on shutdown. The hook
    lives here, not next to the adapter, so the adapter (kdeconnect) never imports its link back.
    """
    return await attach(service)


async def attach(service: Service, bus: MessageBus | None = None, **options: Any) -> ServiceLink:
    """Start KDE Connect intake for `service` (on its bus thread); the caller keeps the link in
    `service.adapters` (the Service does, through notifyzen.phone.link.start). Works without
    kdeconnectd: the adapter waits for it."""
    link = ServiceLink(service)
    assert bus is not None or service.bus is not None
    link.adapter = KdeConnect(
        bus or service.bus,  # type: ignore[arg-type]
        on_posted=link.posted,
        on_updated=link.updated,
        on_removed=link.removed,
        clock=service.clock.now,
        **options,
    )
    link.restore()
    if service.server is not None and service.bus is not None:
        # dbus-fast asks handlers in the order they were added: go ahead of the server's.
        service.server.detach()
        service.bus.add_message_handler(link.intercept)
        service.server.attach()
    await link.adapter.start()
    return link
