"""Running notifyzen as a real process on the test's private bus, and talking to it from tests."""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

CONTROL = (
    "io.github.notifyzen.Notifyzen",
    "/io/github/notifyzen/Notifyzen",
    "io.github.notifyzen.Notifyzen1",
)
DBUS = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")
NOTIFY = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.freedesktop.Notifications")


def db_path(env: dict[str, str]) -> Path:
    return Path(env["XDG_DATA_HOME"]) / "notifyzen" / "notifyzen.db"


def rows(env: dict[str, str]) -> list[dict[str, Any]]:
    db = sqlite3.connect(f"file:{db_path(env)}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM notification ORDER BY id")]
    finally:
        db.close()


def name_has_owner(env: dict[str, str], name: str) -> bool:
    out = subprocess.run(
        [
            "gdbus",
            "call",
            "--session",
            "--dest",
            "org.freedesktop.DBus",
            "--object-path",
            "/org/freedesktop/DBus",
            "--method",
            "org.freedesktop.DBus.NameHasOwner",
            name,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
    )
    return "true" in out.stdout


def notify_send(env: dict[str, str], *argv: str) -> int:
    """`notify-send -p ARGV` on env's bus, as a user's script sends one: the id the server gave it."""
    done = subprocess.run(["notify-send", "-p", *argv], env=env, capture_output=True, text=True, timeout=10)
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def notifications_call(env: dict[str, str], method: str, *args: str) -> str:
    """org.freedesktop.Notifications.METHOD called with gdbus on env's bus, as a shell script calls
    it (`notifications_call(env, "CloseNotification", "7")`): what gdbus printed."""
    done = subprocess.run(
        [
            "gdbus",
            "call",
            "--session",
            "--dest",
            NOTIFY[0],
            "--object-path",
            NOTIFY[1],
            "--method",
            f"{NOTIFY[2]}.{method}",
            *args,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def answers_status(env: dict[str, str]) -> bool:
    """True once the control interface is exported, which happens after the mode is settled."""
    out = subprocess.run(
        [
            "gdbus",
            "call",
            "--session",
            "--dest",
            CONTROL[0],
            "--object-path",
            CONTROL[1],
            "--method",
            f"{CONTROL[2]}.Status",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
    )
    return out.returncode == 0


def wait_for(check: Callable[[], bool], timeout: float = 15.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


# Saturday noon in Amsterdam: outside every focus window of the default preset, so what the rules
# do is known (normal urgency delivered, low urgency held for the next check-in).
SATURDAY_NOON = "2026-11-14T12:00:00+01:00"
ZONE = "Europe/Amsterdam"
# The observe-mode tests against real daemons (tests/dnd/test_*_notifyzen.py): a Saturday
# afternoon, when the default preset has no focus window, and one rule that lets Ada through.
SATURDAY_AFTERNOON = "2026-12-12T15:00:00"
OBSERVE_ON_SATURDAY = ("run", "--mode", "observe", "--clock", SATURDAY_AFTERNOON)
ADA_GETS_THROUGH = """\
rules:
  - name: Ada gets through
    match: {app: Chat, summary: Ada}
    action: deliver
"""


def start(
    env: dict[str, str], *args: str, timeout: float = 20.0, clock: str | None = SATURDAY_NOON
) -> subprocess.Popen[str]:
    """Start `python -m notifyzen run ARGS` and wait until it answers on its control interface.

    The clock starts at `clock` (None: the real clock) unless ARGS set one; TZ is Europe/Amsterdam.
    """
    env.setdefault("TZ", ZONE)
    clock_args = [] if "--clock" in args or clock is None else ["--clock", clock]
    proc = subprocess.Popen(
        [sys.executable, "-m", "notifyzen", "run", *clock_args, *args],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )

    def up() -> bool:
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"notifyzen exited with {proc.returncode}:\n{out}\n{err}")
        return name_has_owner(env, CONTROL[0]) and answers_status(env)

    wait_for(up, timeout, "notifyzen to answer on its control interface")
    return proc


def stop(proc: subprocess.Popen[str], timeout: float = 10.0) -> tuple[str, str]:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()


@asynccontextmanager
async def client(address: str) -> AsyncIterator[MessageBus]:
    bus = await MessageBus(bus_address=address).connect()
    try:
        yield bus
    finally:
        bus.disconnect()


async def call(
    bus: MessageBus,
    target: tuple[str, str, str],
    member: str,
    signature: str = "",
    body: list[Any] | None = None,
    timeout: float = 10.0,
) -> Message:
    dest, path, iface = target
    msg = Message(
        destination=dest, path=path, interface=iface, member=member, signature=signature, body=body or []
    )
    return await asyncio.wait_for(bus.call(msg), timeout)


async def notify(
    bus: MessageBus,
    summary: str = "hello",
    body: str = "",
    *,
    app: str = "test",
    replaces_id: int = 0,
    actions: list[str] | None = None,
    hints: dict[str, Any] | None = None,
    timeout: int = -1,
) -> int:
    reply = await call(
        bus,
        NOTIFY,
        "Notify",
        "susssasa{sv}i",
        [app, replaces_id, "", summary, body, actions or [], hints or {}, timeout],
    )
    assert reply.message_type is MessageType.METHOD_RETURN, reply.body
    return int(reply.body[0])


async def control(bus: MessageBus, member: str, signature: str = "", body: list[Any] | None = None) -> Any:
    reply = await call(bus, CONTROL, member, signature, body)
    assert reply.message_type is MessageType.METHOD_RETURN, reply.body
    value = reply.body[0] if reply.body else None
    return json.loads(value) if isinstance(value, str) and value[:1] in "{[" else value


async def collect_signals(bus: MessageBus, member: str) -> list[list[Any]]:
    """Start collecting a Notifications signal; the list fills as signals arrive."""
    got: list[list[Any]] = []
    rule = f"type='signal',interface='{NOTIFY[2]}',member='{member}'"
    await call(bus, DBUS, "AddMatch", "s", [rule])

    def handler(msg: Message) -> None:
        if msg.message_type is MessageType.SIGNAL and msg.member == member and msg.interface == NOTIFY[2]:
            got.append(list(msg.body))

    bus.add_message_handler(handler)
    return got


async def until(check: Callable[[], bool], timeout: float = 10.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.02)


def run(coro: Any) -> Any:
    return asyncio.run(coro)
