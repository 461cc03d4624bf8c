"""Phone notifications through KDE Connect's D-Bus API (org.kde.kdeconnect, 22.12 and later).

Parts: one message handler puts every kdeconnectd signal (and NameOwnerChanged of its name) on a
queue; one worker task handles them in order, so a burst of 200 posts, a disconnect and a resync
never interleave. The adapter keeps its own map of what each phone shows, keyed by `PhoneKey`
(device id, the phone's own id) — never by the public D-Bus object id, which restarts at 1 on
every reconnect — and reports changes through three callbacks.

Quirks of the real daemon it is built around (see /work/shared/kdeconnect/README.md):
- `/modules/kdeconnect` declares its interface twice with overloads, so every call is a plain
  low-level message, no generated proxy.
- No PropertiesChanged anywhere; an update (same phone id sent again) only emits `ready()` on the
  object, so properties are re-read then. notificationUpdated/allNotificationsRemoved are handled
  but 22.12 never sends them.
- A phone that drops off, or a daemon that dies, takes its objects with it without any Removed
  signal. Items are *kept* then (the phone still shows them); on reconnect the phone resends all
  (silent), which maps back onto the same keys. What the phone did not resend within
  `resync_grace` was removed while we could not see it, and is reported removed.

When kdeconnectd is not installed or not running, `available` is False, one log line says so,
and the adapter waits for the name to appear.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

from notifyzen.core.model import Notification, Source, Urgency
from notifyzen.core.phone_match import PhoneKey, android_package, conversation, phone_call
from notifyzen.core.rules import PACKAGE_HINT

log = logging.getLogger(__name__)

SERVICE = "org.kde.kdeconnect"
ROOT = "/modules/kdeconnect"
DAEMON_IFACE = "org.kde.kdeconnect.daemon"
DEVICE_IFACE = "org.kde.kdeconnect.device"
PLUGIN_IFACE = "org.kde.kdeconnect.device.notifications"
NOTE_IFACE = "org.kde.kdeconnect.device.notifications.notification"
PROPS_IFACE = "org.freedesktop.DBus.Properties"
ORIGIN = "kdeconnect"
CALL_TIMEOUT = 5.0  # a hung kdeconnectd (or a filtering bus proxy) must not stall the bus thread

Posted = Callable[[Notification, PhoneKey], None]
Removed = Callable[[PhoneKey], None]


class KdeConnectError(Exception):
    """A call to kdeconnectd failed (it vanished, the object is gone, the plugin is off)."""


@dataclass(frozen=True, slots=True)
class PhoneNote:
    """What kdeconnectd shows of one phone notification, as read from its D-Bus object."""

    key: PhoneKey
    app_name: str
    title: str
    text: str
    ticker: str = ""
    dismissable: bool = True
    silent: bool = False
    reply_id: str = ""
    actions: tuple[str, ...] = ()
    icon_path: str = ""

    @classmethod
    def from_properties(cls, device_id: str, props: dict[str, Any]) -> PhoneNote:
        def get(name: str, default: Any) -> Any:
            value = props.get(name, default)
            return value.value if isinstance(value, Variant) else value

        return cls(
            key=PhoneKey(device_id, str(get("internalId", ""))),
            app_name=str(get("appName", "")),
            title=str(get("title", "")),
            text=str(get("text", "")),
            ticker=str(get("ticker", "")),
            dismissable=bool(get("dismissable", True)),
            silent=bool(get("silent", False)),
            reply_id=str(get("replyId", "")),
            actions=tuple(str(a) for a in get("actions", ())),
            icon_path=str(get("iconPath", "")),
        )

    def content(self) -> tuple[Any, ...]:
        """What the user would see change. Not content: `silent` (it flips on every resend) and the
        reply id's value (the Android app makes a new one each time it sends the notification,
        resends after a reconnect included); only whether one can reply."""
        return (self.app_name, self.title, self.text, self.dismissable, bool(self.reply_id), self.actions)


def to_notification(note: PhoneNote, device_name: str, at: datetime) -> Notification:
    """A phone notification in the user's words: the phone app, the person, the device."""
    actions: list[tuple[str, str]] = [(a, a) for a in note.actions]
    if note.reply_id:
        actions.append(("inline-reply", "Reply"))
    hints: dict[str, Any] = {
        "x-kdeconnect-device-id": note.key.device_id,
        "x-kdeconnect-internal-id": note.key.internal_id,
        "x-kdeconnect-ticker": note.ticker,
        "x-kdeconnect-dismissable": note.dismissable,
        "x-kdeconnect-silent": note.silent,
    }
    if note.reply_id:
        hints["x-kdeconnect-reply-id"] = note.reply_id
    package = android_package(note.key.internal_id)
    if package:
        hints[PACKAGE_HINT] = package
    # Who: the conversation (its title, without WhatsApp's growing message count); for a call, the
    # caller whatever the phone's language; nobody for what cannot be swiped away (a music player,
    # navigation, a download's progress): those are the phone's state, not people writing, so they
    # neither count as contact nor wait like a person's message.
    call = phone_call(
        note.title, note.text, package=android_package(note.key.internal_id), clearable=note.dismissable
    )
    sender = conversation(note.title) if note.dismissable else ""
    if call is not None:
        sender = call.caller
    return Notification(
        app_name=note.app_name or device_name,
        summary=note.title or note.app_name,
        at=at,
        # a phone's text is plain text; a body is markup (the spec's, and how pop-ups and the digest
        # read it): "<b>x</b>" in a chat is shown as typed, as kdeconnectd's own pop-up escapes it
        body=html.escape(note.text, quote=False),
        source=Source.PHONE,
        # a ringing phone cannot wait for a check-in: the desktop's word for that is critical
        urgency=Urgency.CRITICAL if call is not None and call.ringing else Urgency.NORMAL,
        category=call.category if call is not None else None,
        sender=sender or None,
        device=device_name,
        app_icon=note.icon_path,
        actions=tuple(actions),
        hints=hints,
        resident=True,
    )


@dataclass
class _Device:
    id: str
    name: str = ""
    reachable: bool = False
    session: int = 0  # bumped on every (re)connect; notes seen in the current one survive a resync
    public: dict[str, PhoneKey] = field(default_factory=dict)  # public object id -> key, this session
    seen: dict[PhoneKey, int] = field(default_factory=dict)  # key -> session it was last seen in
    since: datetime | None = None  # when it last connected or went away (this run)
    received: int = 0  # phone notifications it brought that were new to notifyzen (this run)

    @property
    def path(self) -> str:
        return f"{ROOT}/devices/{self.id}"


def _ignore_posted(n: Notification, key: PhoneKey) -> None:
    pass


def _ignore_removed(key: PhoneKey) -> None:
    pass


class KdeConnect:
    """Mirror of the notifications every paired phone shows, with dismiss/reply/action back."""

    def __init__(
        self,
        bus: MessageBus,
        *,
        on_posted: Posted = _ignore_posted,
        on_updated: Posted = _ignore_posted,
        on_removed: Removed = _ignore_removed,
        on_available: Callable[[bool], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        resync_grace: float = 10.0,
    ) -> None:
        self.bus = bus
        self.on_posted, self.on_updated, self.on_removed = on_posted, on_updated, on_removed
        self.on_available = on_available
        self.clock = clock
        self.resync_grace = resync_grace
        self.available = False
        self.daemon: str | None = None  # kdeconnectd's unique bus name, once known
        self.notes: dict[PhoneKey, PhoneNote] = {}
        self.devices: dict[str, _Device] = {}
        self._dismiss_later: set[PhoneKey] = set()
        # Keys an earlier run of notifyzen saw and has not seen end: what the phone does not
        # resend at its next connection was removed there meanwhile (reconciled like `notes`).
        self._expected: set[PhoneKey] = set()
        self._queue: asyncio.Queue[Message | tuple[str, str, int]] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None
        self._matches = [
            f"type='signal',sender='{SERVICE}',path_namespace='{ROOT}'",
            f"type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged',arg0='{SERVICE}'",
        ]

    # -- lifecycle ---------------------------------------------------------------------------
    async def start(self) -> None:
        """Subscribe, then read whatever kdeconnectd already shows (if it runs at all)."""
        self.bus.add_message_handler(self._on_message)
        for rule in self._matches:
            await self._bus_call("AddMatch", "s", [rule])
        self._worker = asyncio.get_running_loop().create_task(self._work(), name="kdeconnect")
        (owned,) = await self._bus_call("NameHasOwner", "s", [SERVICE])
        if owned:
            with contextlib.suppress(KdeConnectError):  # it may have gone again meanwhile
                (self.daemon,) = await self._bus_call("GetNameOwner", "s", [SERVICE])
            await self._queue.put(("appeared", "", 0))
        else:
            log.info("KDE Connect is not running; phone notifications will appear when it starts")
            self._set_available(False)

    async def stop(self) -> None:
        self.bus.remove_message_handler(self._on_message)
        if self._worker is not None:
            self._worker.cancel()
        for rule in self._matches:
            with contextlib.suppress(KdeConnectError):
                await self._bus_call("RemoveMatch", "s", [rule])

    def is_daemon(self, sender: str | None) -> bool:
        """Whether a bus message came from kdeconnectd (or might have: while its name is unknown)."""
        return self.daemon is None or sender == self.daemon

    def expect(self, keys: list[PhoneKey]) -> None:
        """Phone notifications an earlier run knew and that have not ended (see `_expected`)."""
        self._expected.update(keys)

    async def idle(self, timeout: float = 5.0) -> None:
        """Until every signal received so far has been handled (for tests and orderly shutdown)."""
        async with asyncio.timeout(timeout):
            await self._queue.join()

    # -- what the user does from the digest --------------------------------------------------
    async def dismiss(self, key: PhoneKey) -> bool:
        """Swipe it away on the phone too; True when the phone was told now.

        A phone that is away is told when it comes back and resends the notification.
        """
        note = self.notes.get(key)
        if note is None or not note.dismissable:
            return False
        path = self._object_path(key)
        if path is None:
            self._dismiss_later.add(key)
            return False
        self._dismiss_later.discard(key)
        await self._call(path, NOTE_IFACE, "dismiss")
        return True

    def can_reply(self, key: PhoneKey) -> bool:
        """The chat takes replies (a reply id) and its phone is in reach now."""
        note = self.notes.get(key)
        device = self.devices.get(key.device_id)
        return note is not None and bool(note.reply_id) and device is not None and device.reachable

    async def send_reply(self, key: PhoneKey, text: str) -> bool:
        """Answer a chat from the desktop; only notifications with a reply id accept one."""
        if not self.can_reply(key):
            return False
        note, device = self.notes[key], self.devices[key.device_id]
        await self._call(
            device.path + "/notifications", PLUGIN_IFACE, "sendReply", "ss", [note.reply_id, text]
        )
        return True

    async def send_action(self, key: PhoneKey, action: str) -> bool:
        """Press one of the phone notification's buttons (by its label, as the phone names it)."""
        device = self.devices.get(key.device_id)
        if key not in self.notes or device is None or not device.reachable:
            return False
        await self._call(
            device.path + "/notifications", PLUGIN_IFACE, "sendAction", "ss", [key.internal_id, action]
        )
        return True

    def status(self) -> dict[str, Any]:
        """For `notifyzen status` and the tray: is KDE Connect there, which phones, how much."""
        return {
            "available": self.available,
            "devices": [
                {
                    "id": d.id,
                    "name": d.name,
                    "reachable": d.reachable,
                    "since": d.since.isoformat(timespec="seconds") if d.since else None,
                    "received": d.received,
                }
                for d in sorted(self.devices.values(), key=lambda d: d.id)
                if d.name
            ],
            "notifications": len(self.notes),
        }

    def notification(self, key: PhoneKey) -> Notification | None:
        note = self.notes.get(key)
        if note is None:
            return None
        return to_notification(note, self.devices[key.device_id].name, self.clock())

    def _object_path(self, key: PhoneKey) -> str | None:
        device = self.devices.get(key.device_id)
        if device is None or not device.reachable:
            return None
        public = next((p for p, k in device.public.items() if k == key), None)
        return None if public is None else f"{device.path}/notifications/{public}"

    # -- signals -----------------------------------------------------------------------------
    def _on_message(self, msg: Message) -> None:
        if msg.message_type is not MessageType.SIGNAL:
            return
        if msg.member == "NameOwnerChanged" and msg.body and msg.body[0] == SERVICE:
            self.daemon = str(msg.body[2]) or None
            self._queue.put_nowait(("appeared" if msg.body[2] else "vanished", "", 0))
        elif msg.path and msg.path.startswith(ROOT):
            self._queue.put_nowait(msg)

    async def _work(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                if isinstance(event, Message):
                    await self._handle(event)
                else:
                    await self._handle_event(*event)
            except KdeConnectError as e:
                log.debug("kdeconnect: %s", e)
            except Exception:
                log.exception("kdeconnect: event %r failed", event)
            finally:
                self._queue.task_done()

    async def _handle_event(self, what: str, device_id: str, session: int) -> None:
        if what == "appeared":
            self._set_available(True)
            device_ids = await self._device_ids()
            log.info("KDE Connect is running with %d paired device(s)", len(device_ids))
            for device_id in device_ids:
                await self._sync_device(device_id)
        elif what == "vanished":
            log.info("KDE Connect stopped; keeping the %d phone notifications it showed", len(self.notes))
            self._set_available(False)
            for device in self.devices.values():
                self._went_offline(device)
        elif what == "reconcile":
            self._reconcile(device_id, session)

    async def _handle(self, msg: Message) -> None:
        parts = (msg.path or "").removeprefix(ROOT).strip("/").split("/")
        member = msg.member
        if msg.interface == DAEMON_IFACE:
            if member in ("deviceAdded", "deviceVisibilityChanged", "deviceRemoved") and msg.body:
                device_id = str(msg.body[0])
                if member == "deviceRemoved" or (member == "deviceVisibilityChanged" and not msg.body[1]):
                    self._went_offline(self._device(device_id))
                else:
                    await self._sync_device(device_id)
            return
        if len(parts) < 2 or parts[0] != "devices":
            return
        device = self._device(parts[1])
        if msg.interface == DEVICE_IFACE:
            await self._device_signal(device, member or "", msg.body)
        elif msg.interface == PLUGIN_IFACE and len(parts) == 3:
            await self._plugin_signal(device, member or "", msg.body)
        elif msg.interface == NOTE_IFACE and member == "ready" and len(parts) == 4:
            await self._read_note(device, parts[3])

    async def _device_signal(self, device: _Device, member: str, body: list[Any]) -> None:
        if member == "reachableChanged" and not body[0]:
            self._went_offline(device)
        elif member == "trustedChanged" and not body[0]:
            self._went_offline(device)  # unpaired: what it showed will never be resent
            for key in [k for k in self.notes if k.device_id == device.id]:
                self._remove(key)
        elif member == "nameChanged":
            device.name = str(body[0])
        elif member in ("reachableChanged", "pluginsChanged", "trustedChanged"):
            await self._sync_device(device.id)

    async def _plugin_signal(self, device: _Device, member: str, body: list[Any]) -> None:
        if member in ("notificationPosted", "notificationUpdated"):
            if not device.reachable:
                await self._sync_device(device.id)
            await self._read_note(device, str(body[0]))
        elif member == "notificationRemoved":
            key = device.public.pop(str(body[0]), None)
            if key is not None:
                self._remove(key)
        elif member == "allNotificationsRemoved":
            for key in [k for k in self.notes if k.device_id == device.id]:
                self._remove(key)
            device.public.clear()

    # -- state -------------------------------------------------------------------------------
    def _device(self, device_id: str) -> _Device:
        return self.devices.setdefault(device_id, _Device(device_id))

    def _set_available(self, available: bool) -> None:
        changed = available != self.available
        self.available = available
        if changed and self.on_available is not None:
            self.on_available(available)

    async def _device_ids(self) -> list[str]:
        (ids,) = await self._call(ROOT, DAEMON_IFACE, "devices", "bb", [False, True])
        return [str(i) for i in ids]

    async def _sync_device(self, device_id: str) -> None:
        """Catch up with one device: its name, whether it is there, and everything it shows."""
        device = self._device(device_id)
        try:
            device.name = str(await self._get(device.path, DEVICE_IFACE, "name"))
            reachable = bool(await self._get(device.path, DEVICE_IFACE, "isReachable"))
            trusted = bool(await self._get(device.path, DEVICE_IFACE, "isTrusted"))
            if not (reachable and trusted):
                self._went_offline(device)
                return
            (public_ids,) = await self._call(
                device.path + "/notifications", PLUGIN_IFACE, "activeNotifications"
            )
        except KdeConnectError:
            return  # gone again, or the notifications plugin not loaded yet: pluginsChanged follows
        if not device.reachable:
            device.reachable = True
            device.since = self.clock()
            device.session += 1
            device.public.clear()
            log.info("KDE Connect: %s (%s) connected", device.name, device.id)
            if any(k.device_id == device.id for k in (*self.notes, *self._expected)):
                loop = asyncio.get_running_loop()
                event = ("reconcile", device.id, device.session)
                loop.call_later(self.resync_grace, self._queue.put_nowait, event)
        # Public ids count up in arrival order; the daemon lists them in hash order.
        for public in sorted(map(str, public_ids), key=lambda p: (len(p), p)):
            if public not in device.public:
                await self._read_note(device, public)

    async def _read_note(self, device: _Device, public: str) -> None:
        try:
            (props,) = await self._call(
                f"{device.path}/notifications/{public}", PROPS_IFACE, "GetAll", "s", [NOTE_IFACE]
            )
        except KdeConnectError:
            return  # removed before we could read it
        note = PhoneNote.from_properties(device.id, props)
        if not note.key.internal_id:
            return
        device.public[public] = note.key
        device.seen[note.key] = device.session
        self._expected.discard(note.key)
        before = self.notes.get(note.key)
        self.notes[note.key] = note
        if note.key in self._dismiss_later:
            await self.dismiss(note.key)  # dismissed here while the phone was away
            return
        if before is None:
            if not note.silent:
                device.received += 1  # a resend after a reconnect is silent: not a new arrival
            self.on_posted(to_notification(note, device.name, self.clock()), note.key)
        elif before.content() != note.content():
            self.on_updated(to_notification(note, device.name, self.clock()), note.key)

    def _went_offline(self, device: _Device) -> None:
        if device.reachable:
            log.info("KDE Connect: %s (%s) went away", device.name, device.id)
            device.since = self.clock()
        device.reachable = False
        device.public.clear()

    def _reconcile(self, device_id: str, session: int) -> None:
        """After a reconnect: what the phone did not resend was removed while we were apart."""
        device = self.devices.get(device_id)
        if device is None or device.session != session or not device.reachable:
            return
        for key in [k for k in self.notes if k.device_id == device_id and device.seen.get(k) != session]:
            self._remove(key)
        for key in [k for k in self._expected if k.device_id == device_id]:
            self._expected.discard(key)
            if device.seen.get(key) != session and key not in self.notes:
                self.on_removed(key)

    def _remove(self, key: PhoneKey) -> None:
        self._dismiss_later.discard(key)
        if self.notes.pop(key, None) is not None:
            device = self.devices.get(key.device_id)
            if device is not None:
                device.seen.pop(key, None)
            self.on_removed(key)

    # -- D-Bus plumbing ----------------------------------------------------------------------
    async def _get(self, path: str, interface: str, name: str) -> Any:
        (value,) = await self._call(path, PROPS_IFACE, "Get", "ss", [interface, name])
        return value.value if isinstance(value, Variant) else value

    async def _call(
        self,
        path: str,
        interface: str,
        member: str,
        signature: str = "",
        body: list[Any] | None = None,
        destination: str = SERVICE,
    ) -> list[Any]:
        msg = Message(
            destination=destination,
            path=path,
            interface=interface,
            member=member,
            signature=signature,
            body=body or [],
        )
        try:
            reply = await asyncio.wait_for(self.bus.call(msg), CALL_TIMEOUT)
        except TimeoutError:
            raise KdeConnectError(f"{member} on {path}: no answer in {CALL_TIMEOUT} s") from None
        if reply is None or reply.message_type is MessageType.ERROR:
            detail = reply.body if reply is not None else "no reply"
            raise KdeConnectError(f"{member} on {path}: {reply and reply.error_name} {detail}")
        return list(reply.body)

    async def _bus_call(self, member: str, signature: str, body: list[Any]) -> list[Any]:
        return await self._call(
            "/org/freedesktop/DBus", "org.freedesktop.DBus", member, signature, body, "org.freedesktop.DBus"
        )
