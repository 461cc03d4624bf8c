"""Observe mode against the real dunst under Xvfb: what the observer sees is what dunst got."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from dbus_fast import Message, MessageFlag, MessageType, Variant
from dbus_fast.aio import MessageBus
from hypothesis import given, settings
from hypothesis import strategies as st

from notifyzen.bus.observed import (
    Closed,
    CloseRequested,
    Event,
    GtkNotified,
    GtkWithdrawn,
    Notified,
    OwnerChanged,
)
from notifyzen.bus.observer import Observer
from notifyzen.bus.redeliver import REDELIVERED_HINT, close_on_daemon, redeliver, redelivery_args
from notifyzen.core.model import DELIVER_BY_DEFAULT, Item, Notification, Urgency
from tests.harness.dunst import dunstctl, running_dunst, running_xvfb

TIMEOUT = 10.0


class Events:
    """What the observer reported, with a bounded wait for the next matching one."""

    def __init__(self) -> None:
        self.seen: list[Event] = []
        self._changed = asyncio.Event()

    def __call__(self, event: Event) -> None:
        self.seen.append(event)
        self._changed.set()

    async def wait_for(self, match: Callable[[Event], bool], timeout: float = TIMEOUT) -> Event:
        async def loop() -> Event:
            while True:
                for event in self.seen:
                    if match(event):
                        return event
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(loop(), timeout)

    def of(self, kind: type) -> list[Any]:
        return [e for e in self.seen if isinstance(e, kind)]


@pytest.fixture
def display() -> Iterator[str]:
    with running_xvfb() as name:
        yield name


@pytest.fixture
def dunst(bus_address: str, display: str, session_env: dict[str, str]) -> Iterator[None]:
    with running_dunst(bus_address, display, session_env):
        yield


async def run(env: dict[str, str], *argv: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        *argv, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await asyncio.wait_for(proc.communicate(), TIMEOUT)
    assert proc.returncode == 0, err.decode()
    return out.decode().strip()


def hints_of(event: Notified) -> dict[str, Any]:
    return {k: v.value for k, v in event.args[6].items()}


def test_every_notify_send_is_observed_with_dunsts_id(
    bus_address: str, dunst: None, session_env: dict[str, str]
) -> None:
    async def scenario() -> None:
        events = Events()
        observer = Observer(events, bus_address=bus_address)
        await observer.start()
        cases = [
            ["-a", "Mail", "New mail", "from Ada"],
            ["-u", "critical", "-a", "Backup", "Disk full"],
            ["-u", "low", "-c", "im.received", "-h", "string:x-kde-origin-name:Ada", "Ada", "lunch?"],
            ["-h", "int:value:42", "-h", "boolean:transient:true", "-i", "dialog-information", "Progress"],
        ]
        for argv in cases:
            daemon_id = int(await run(session_env, "notify-send", "-p", *argv))
            got = await events.wait_for(lambda e: isinstance(e, Notified) and e.daemon_id == daemon_id)  # noqa: B023
            assert isinstance(got, Notified)
            assert got.args[3] == argv[-1] or got.args[4] == argv[-1]
        mail, backup, chat, progress = events.of(Notified)
        assert mail.args[0] == "Mail" and mail.args[4] == "from Ada"
        assert hints_of(backup)["urgency"] == 2 and backup.notification().urgency is Urgency.CRITICAL
        chat_n = chat.notification()
        assert chat_n.category == "im.received" and chat_n.urgency is Urgency.LOW
        assert chat_n.hints["x-kde-origin-name"] == "Ada" and chat_n.sender == "Ada"
        assert hints_of(progress)["value"] == 42 and progress.notification().transient
        assert progress.args[2] == "dialog-information"

        # Replacing keeps dunst's id, and the observer says which id was replaced.
        replace = ["-r", str(mail.daemon_id)]
        replaced = int(await run(session_env, "notify-send", "-p", *replace, "Mail", "2 new"))
        assert replaced == mail.daemon_id
        again = await events.wait_for(lambda e: isinstance(e, Notified) and e.replaces_id == replaced)
        assert isinstance(again, Notified) and again.daemon_id == replaced and again.args[4] == "2 new"
        await observer.stop()

    asyncio.run(scenario())


def test_actions_and_close_on_daemon_are_seen_as_closes(
    bus_address: str, dunst: None, session_env: dict[str, str]
) -> None:
    async def scenario() -> None:
        events = Events()
        observer = Observer(events, bus_address=bus_address)
        await observer.start()
        sender = await asyncio.create_subprocess_exec(
            "notify-send",
            "-p",
            "-A",
            "yes=Join",
            "-A",
            "no=Decline",
            "Standup",
            "in 5 minutes",
            env=session_env,
            stdout=asyncio.subprocess.PIPE,
        )
        seen = await events.wait_for(lambda e: isinstance(e, Notified) and e.args[3] == "Standup")
        assert isinstance(seen, Notified) and seen.daemon_id is not None
        daemon_id = seen.daemon_id
        assert seen.notification().actions == (("yes", "Join"), ("no", "Decline"))
        assert dunstctl(bus_address, "count", "displayed") == "1"

        normal = await MessageBus(bus_address=bus_address).connect()
        await close_on_daemon(normal, str(daemon_id))
        closed = await events.wait_for(lambda e: isinstance(e, Closed) and e.daemon_id == daemon_id)
        assert isinstance(closed, Closed) and closed.reason == 3
        request = await events.wait_for(lambda e: isinstance(e, CloseRequested))
        assert isinstance(request, CloseRequested) and request.daemon_id == daemon_id
        out, _ = await asyncio.wait_for(sender.communicate(), TIMEOUT)  # it saw the close and quit
        assert out.decode().split() == [str(daemon_id)]  # -p printed dunst's id: the one we observed
        assert dunstctl(bus_address, "count", "displayed") == "0"
        await close_on_daemon(normal, 987654)  # an id dunst never knew: no error
        normal.disconnect()
        await observer.stop()

    asyncio.run(scenario())


def test_redelivery_reaches_dunst_but_is_not_counted_twice(
    bus_address: str, dunst: None, session_env: dict[str, str]
) -> None:
    async def scenario() -> None:
        events = Events()
        normal = await MessageBus(bus_address=bus_address).connect()
        observer = Observer(events, bus_address=bus_address, own_senders=lambda: {normal.unique_name or ""})
        await observer.start()
        n = Notification(
            app_name="Signal",
            summary="Mum",
            body="call me",
            at=datetime.now(UTC),
            category="im.received",
            hints={"x-kde-origin-name": "Mum"},
        )
        daemon_id = await redeliver(normal, Item(7, n, DELIVER_BY_DEFAULT))
        assert daemon_id > 0
        assert dunstctl(bus_address, "count", "displayed") == "1"
        # Another client copying the hint is not notifyzen: it is observed like any other.
        hint = "boolean:x-notifyzen-redelivered:true"
        copycat = int(await run(session_env, "notify-send", "-p", "-h", hint, "hide me"))
        # A notification sent after it is observed; the redelivery before it never is.
        marker = int(await run(session_env, "notify-send", "-p", "after"))
        await events.wait_for(lambda e: isinstance(e, Notified) and e.daemon_id == marker)
        assert [e.daemon_id for e in events.of(Notified)] == [copycat, marker]
        normal.disconnect()
        await observer.stop()

    asyncio.run(scenario())


class FakeGtkNotifications:
    """Just enough of org.gtk.Notifications for gdbus to call it (GNOME Shell implements it)."""

    def __init__(self, bus: MessageBus) -> None:
        self.calls: list[str] = []
        bus.add_message_handler(self._handle)

    def _handle(self, msg: Message) -> Message | None:
        if msg.interface == "org.gtk.Notifications" and msg.member in (
            "AddNotification",
            "RemoveNotification",
        ):
            self.calls.append(msg.member)
            return Message.new_method_return(msg)
        return None


def test_gapplication_notifications_are_observed(bus_address: str, session_env: dict[str, str]) -> None:
    async def scenario() -> None:
        events = Events()
        observer = Observer(events, bus_address=bus_address)
        await observer.start()
        shell = await MessageBus(bus_address=bus_address).connect()
        fake = FakeGtkNotifications(shell)
        await shell.request_name("org.gtk.Notifications")
        notification = (
            "{'title': <'Meeting'>, 'body': <'Room 4'>, 'priority': <'high'>,"
            " 'icon': <('themed', <['x-office-calendar']>)>,"
            " 'buttons': <[{'label': <'Snooze'>, 'action': <'app.snooze'>}]>}"
        )
        gdbus = [
            "gdbus",
            "call",
            "--session",
            "--dest",
            "org.gtk.Notifications",
            "--object-path",
            "/org/gtk/Notifications",
            "--method",
        ]
        await run(
            session_env,
            *gdbus,
            "org.gtk.Notifications.AddNotification",
            "org.gnome.Calendar",
            "meeting-1",
            notification,
        )
        await run(
            session_env, *gdbus, "org.gtk.Notifications.RemoveNotification", "org.gnome.Calendar", "meeting-1"
        )
        added = await events.wait_for(lambda e: isinstance(e, GtkNotified))
        await events.wait_for(lambda e: isinstance(e, GtkWithdrawn))
        assert fake.calls == ["AddNotification", "RemoveNotification"]
        assert isinstance(added, GtkNotified)
        assert (added.app_id, added.notification_id) == ("org.gnome.Calendar", "meeting-1")
        n = added.notification()
        assert (n.app_name, n.summary, n.body, n.app_icon) == (
            "org.gnome.Calendar",
            "Meeting",
            "Room 4",
            "x-office-calendar",
        )
        assert n.time_sensitive and n.actions == (("app.snooze", "Snooze"),)
        shell.disconnect()
        await observer.stop()

    asyncio.run(scenario())


def test_hostile_traffic_never_stops_the_observer(bus_address: str, session_env: dict[str, str]) -> None:
    """Wrong signatures, forged replies and signals, floods, giant payloads: afterwards a
    well-formed Notify is still observed, and no forged message became an event."""

    async def scenario() -> None:
        events = Events()
        observer = Observer(events, bus_address=bus_address)
        await observer.start()
        daemon = await MessageBus(bus_address=bus_address).connect()
        next_id = iter(range(100, 10_000))

        def answer(msg: Message) -> Message | None:
            if msg.member == "Notify" and msg.signature == "susssasa{sv}i":
                return Message.new_method_return(msg, "u", [next(next_id)])
            if msg.member == "GetServerInformation":
                return Message.new_method_return(msg, "ssss", ["fake", "test", "1", "1.2"])
            if msg.member in ("Notify", "AddNotification"):
                return Message.new_error(msg, "org.freedesktop.DBus.Error.InvalidArgs", "no")
            return None

        daemon.add_message_handler(answer)
        await daemon.request_name("org.freedesktop.Notifications")
        await daemon.request_name("org.gtk.Notifications")
        evil = await MessageBus(bus_address=bus_address).connect()
        to_daemon: dict[str, Any] = {
            "destination": "org.freedesktop.Notifications",
            "path": "/org/freedesktop/Notifications",
            "interface": "org.freedesktop.Notifications",
        }
        hostile = [
            Message(member="Notify", signature="s", body=["short"], **to_daemon),
            Message(member="Notify", signature="", body=[], **to_daemon),
            Message(
                member="Notify",
                signature="susssasa{sv}i",
                **to_daemon,
                body=[
                    "x" * 1_000_000,
                    2**32 - 1,
                    "",
                    "s" * 100_000,
                    "b" * 5_000_000,
                    ["odd"] * 1001,
                    {f"h{i}": Variant("v", Variant("ay", bytes(300))) for i in range(5000)},
                    -(2**31),
                ],
            ),
            Message(
                member="Notify",
                signature="susssasa{sv}i",
                **to_daemon,
                body=[
                    "",
                    0,
                    "",
                    "",
                    "",
                    [],
                    {
                        "image-data": Variant("(iiibiiay)", [1, 1, 4, True, 8, 4, b""]),
                        "urgency": Variant("s", "critical"),
                    },
                    0,
                ],
            ),
            Message(member="CloseNotification", signature="s", body=["1"], **to_daemon),
            Message(
                destination="org.gtk.Notifications",
                path="/org/gtk/Notifications",
                interface="org.gtk.Notifications",
                member="AddNotification",
                signature="s",
                body=["x"],
            ),
        ]
        for msg in hostile:
            await evil.call(msg)
        # Forgeries from a connection that does not own the name: filtered by the bus itself.
        evil.send(
            Message.new_signal(
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                "NotificationClosed",
                "uu",
                [1, 2],
            )
        )
        evil.send(
            Message(
                message_type=MessageType.METHOD_RETURN,
                destination=evil.unique_name,
                reply_serial=1,
                signature="u",
                body=[5],
            )
        )
        # The daemon itself sending odd signals.
        daemon.send(
            Message.new_signal(
                "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications",
                "NotificationClosed",
                "s",
                ["nope"],
            )
        )
        daemon.send(
            Message.new_signal(
                "/org/freedesktop/Notifications", "org.freedesktop.Notifications", "ActionInvoked", "", []
            )
        )
        for _ in range(100):  # a burst of valid calls (the bus allows 128 unanswered per sender)
            evil.send(
                Message(
                    member="Notify",
                    signature="susssasa{sv}i",
                    **to_daemon,
                    body=["spam", 0, "", "s", "", [], {}, -1],
                )
            )
        for _ in range(50):  # fire and forget: no id will ever come back
            evil.send(
                Message(
                    member="Notify",
                    signature="susssasa{sv}i",
                    **to_daemon,
                    flags=MessageFlag.NO_REPLY_EXPECTED,
                    body=["quiet", 0, "", "s", "", [], {}, -1],
                )
            )
        final = int(await run(session_env, "notify-send", "-p", "still", "here"))
        await events.wait_for(lambda e: isinstance(e, Notified) and e.daemon_id == final)
        notified = events.of(Notified)
        assert not events.of(Closed)
        big = next(e for e in notified if e.args[0].startswith("x"))
        n = big.notification()  # the intake's converter caps it
        assert len(n.app_name) <= 1024 and len(n.body) < 70_000 and len(n.hints) <= 257
        assert sum(1 for e in notified if e.args[0] == "spam" and e.daemon_id is not None) == 100
        assert sum(1 for e in notified if e.args[0] == "quiet" and e.daemon_id is None) == 50
        assert all(e.daemon_id is not None for e in notified if e.args[0] not in ("quiet", ""))
        assert observer.connected.is_set() and observer.reconnects == 0
        for bus in (evil, daemon):
            bus.disconnect()
        await observer.stop()

    asyncio.run(scenario())


def test_daemon_leaving_and_returning_is_followed(
    bus_address: str, display: str, session_env: dict[str, str]
) -> None:
    async def scenario() -> None:
        events = Events()
        observer = Observer(events, bus_address=bus_address)
        await observer.start()
        with running_dunst(bus_address, display, session_env) as proc:
            first = proc.pid
            await events.wait_for(lambda e: isinstance(e, OwnerChanged) and e.new_owner != "")
        gone = await events.wait_for(lambda e: isinstance(e, OwnerChanged) and e.new_owner == "")
        with running_dunst(bus_address, display, session_env) as proc:
            assert proc.pid != first
            daemon_id = int(await run(session_env, "notify-send", "-p", "back"))
            await events.wait_for(lambda e: isinstance(e, Notified) and e.daemon_id == daemon_id)
        assert isinstance(gone, OwnerChanged)
        await observer.stop()

    asyncio.run(scenario())


@pytest.mark.parametrize("how", ["closed", "broken"])
def test_a_dropped_monitor_connection_is_reopened(
    bus_address: str, dunst: None, session_env: dict[str, str], how: str
) -> None:
    """The bus throws a monitor off when it falls too far behind, and a stream dbus-fast cannot
    read ends the connection with an error; either way the observer comes back."""

    async def scenario() -> None:
        events = Events()
        observer = Observer(events, bus_address=bus_address, reconnect_delay=0.05)
        await observer.start()
        bus, loop = observer._bus, observer._loop
        assert bus is not None and loop is not None  # the monitor thread's: act there
        if how == "closed":
            loop.call_soon_threadsafe(bus.disconnect)
        else:  # what dbus-fast's reader does when unmarshalling fails
            loop.call_soon_threadsafe(bus._finalize, ValueError("invalid message"))
        await asyncio.sleep(0.05)

        async def back() -> None:
            while observer.reconnects < 1 or not observer.connected.is_set():
                await asyncio.sleep(0.02)

        await asyncio.wait_for(back(), TIMEOUT)
        daemon_id = int(await run(session_env, "notify-send", "-p", "after", "the drop"))
        await events.wait_for(lambda e: isinstance(e, Notified) and e.daemon_id == daemon_id)
        await observer.stop()

    asyncio.run(scenario())


plain_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=50) | st.binary(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


@given(
    data=st.dictionaries(
        st.sampled_from(["title", "body", "priority", "icon", "buttons", "category", "default-action", "x"]),
        plain_values,
    ),
    app_id=st.text(max_size=1100),
)
@settings(max_examples=60, deadline=None)
def test_any_gapplication_payload_becomes_a_notification(data: dict[str, Any], app_id: str) -> None:
    """Whatever a GApplication (or an impostor) puts in the a{sv}, history gets a Notification."""
    n = GtkNotified(":1.9", app_id, "id", data, datetime.now(UTC)).notification()
    assert len(n.app_name) <= 1024 and isinstance(n.summary, str) and isinstance(n.body, str)
    assert all(isinstance(k, str) and isinstance(label, str) for k, label in n.actions)


def test_a_redelivered_copy_keeps_only_the_click_on_its_body() -> None:
    """Buttons on notifyzen's copy would be pressed for nobody: the daemon tells notifyzen, and the
    app hears nothing. A click on the body (default) still opens it in notifyzen."""
    n = Notification(
        app_name="Teams",
        summary="Ada is calling",
        at=datetime.now(UTC),
        actions=(("default", "Open"), ("accept", "Accept"), ("inline-reply", "Reply")),
    )
    args = redelivery_args(Item(3, n, DELIVER_BY_DEFAULT))
    assert args[5] == ["default", "Open"]
    assert args[3] == "Ada is calling" and args[6][REDELIVERED_HINT].value is True


def _notify(i: int) -> Message:
    return Message(
        destination="org.freedesktop.Notifications",
        path="/org/freedesktop/Notifications",
        interface="org.freedesktop.Notifications",
        member="Notify",
        signature="susssasa{sv}i",
        body=["Chatty", 0, "", f"message {i}", "", [], {}, -1],
    )


def test_events_wait_for_a_pause_but_not_forever_and_none_are_lost_at_stop(
    bus_address: str, dunst: None
) -> None:
    """Events are handed on when the stream pauses (the senders are done by then), but an app that
    never pauses does not hold the others back past max_delay, and stop() hands on what waits."""

    async def scenario() -> None:
        events = Events()
        observer = Observer(events, bus_address=bus_address, settle=1.0, max_delay=0.2)
        await observer.start()
        client = await MessageBus(bus_address=bus_address).connect()
        started = asyncio.get_running_loop().time()
        first_seen: float | None = None
        for i in range(40):  # a call every 25 ms for a second: never quiet for `settle`
            reply = await client.call(_notify(i))
            assert reply is not None and reply.message_type is MessageType.METHOD_RETURN
            if first_seen is None and events.of(Notified):
                first_seen = asyncio.get_running_loop().time() - started
            await asyncio.sleep(0.025)
        assert first_seen is not None and first_seen < 0.6  # handed on during the stream
        # the last ones are waiting for a pause of 1 s; stop() must not drop them
        await observer.stop()
        summaries = [e.args[3] for e in events.of(Notified)]
        assert summaries == [f"message {i}" for i in range(40)]
        client.disconnect()

    asyncio.run(scenario())


def test_the_monitor_reads_at_the_lowest_priority_and_only_its_thread(bus_address: str, dunst: None) -> None:
    """The thread that wakes for every observed call yields the CPU to the sender, the bus and the
    daemon (bench/bench_observe.py: +100 µs per call at the default priority); the rest of the
    app (pop-ups, the digest) keeps the normal priority."""

    def nice_of(tid: int) -> int:
        with open(f"/proc/self/task/{tid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[16])

    async def scenario() -> None:
        ours = nice_of(threading.get_native_id())  # 0, unless the tests themselves run under nice
        observer = Observer(lambda e: None, bus_address=bus_address)
        await observer.start()
        thread = observer._thread
        assert thread is not None and thread.native_id is not None
        assert nice_of(thread.native_id) == 19
        assert nice_of(threading.get_native_id()) == ours
        await observer.stop()

    asyncio.run(scenario())


def test_stopping_while_the_monitor_waits_to_reconnect_is_quiet_and_quick(
    bus_address: str, dunst: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quitting notifyzen just after the bus dropped the monitor must not hang for the reconnect
    delay nor end the monitor thread with a traceback."""
    crashed: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: crashed.append(args.exc_value))

    async def scenario() -> None:
        observer = Observer(lambda e: None, bus_address=bus_address, reconnect_delay=30.0)
        await observer.start()
        bus, loop = observer._bus, observer._loop
        assert bus is not None and loop is not None
        loop.call_soon_threadsafe(bus.disconnect)
        while observer.connected.is_set():
            await asyncio.sleep(0.01)
        started = asyncio.get_running_loop().time()
        await observer.stop()
        assert asyncio.get_running_loop().time() - started < 2.0
        assert observer._thread is None

    asyncio.run(scenario())
    assert crashed == []
