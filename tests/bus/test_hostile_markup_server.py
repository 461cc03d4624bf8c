"""No client can freeze notifyzen with markup (issue 22): the real app in server mode on a private
bus gets hostile bodies while a second client asks GetServerInformation every 20 ms. Every answer
comes within 100 ms, while the pop-ups show them and while the digest lists them at a check-in,
and every Notify that was answered is in the history as sent.

The old tag pattern took over a minute for "<b" and 3,000 spaces, holding the interpreter lock
in the pop-up's thread: the bus thread answered nobody in that time.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from types import TracebackType

import pytest
from dbus_fast import Variant

from tests.harness.notifyzen_proc import (
    NOTIFY,
    call,
    client,
    control,
    notify,
    rows,
    run,
    start,
    stop,
    wait_for,
)

BODY_MAX = 65536  # what server mode keeps of a body (notifyzen/bus/wire.py)
HOSTILE_BODIES = {
    "unclosed tag then spaces": "<b" + " " * 3000,
    "unclosed links": "<a href='" * 5000,
    "deeply nested tags": "<b><i><u><a href='https://x.org'>" * 1980 + "deep",
    "64 KiB of <": "<" * BODY_MAX,
    "an attribute name without end": "<a " + "a" * 60_000 + ">x</a>",
    "links around many spans": "<a>" * 8000 + "x<b>y</b>" * 4000,
    "a style change every letter": "<b>x</b><i>y</i>" * 4000,
    "blank lines": "\n \n" * 20_000 + "x",
    "comments that never end": "<!--" * 16_000,
}
HOSTILE_SUMMARY = "<i" + " " * 4000  # the digest reads a summary as markup too
MAX_LATENCY = 0.1


class Pinger:
    """A second client that asks GetServerInformation every 20 ms and times each answer.

    It runs on its own thread and connection, so the test's own calls never delay it; a call
    that gets no answer within 5 s counts as 5 s.
    """

    def __init__(self, address: str) -> None:
        self.address = address
        self.latencies: list[float] = []
        self.sent_at: list[float] = []  # time.monotonic() of each call
        self.wrong: list[object] = []
        self._ready = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def __enter__(self) -> Pinger:
        self._thread.start()
        assert self._ready.wait(10), "the pinging client could not connect"
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stopping.set()
        self._thread.join(15)
        if isinstance(error, TimeoutError):  # notifyzen stopped answering the test itself
            raise AssertionError(f"notifyzen stopped answering: {error}; pings: {self.summary()}")

    async def _run(self) -> None:
        async with client(self.address) as bus:
            self._ready.set()
            due = time.monotonic()
            while not self._stopping.is_set():
                sent = time.monotonic()
                try:
                    reply = await call(bus, NOTIFY, "GetServerInformation", timeout=5.0)
                    if reply.body[:1] != ["notifyzen"]:
                        self.wrong.append(reply.body)
                except TimeoutError:
                    pass
                self.latencies.append(time.monotonic() - sent)
                self.sent_at.append(sent)
                due = max(due + 0.02, time.monotonic())
                await asyncio.sleep(due - time.monotonic())

    def summary(self) -> str:
        ordered = sorted(self.latencies)
        if not ordered:
            return "no call answered"
        slowest = self.latencies.index(ordered[-1])
        return (
            f"{len(ordered)} calls, median {ordered[len(ordered) // 2] * 1000:.1f} ms, "
            f"max {ordered[-1] * 1000:.1f} ms (sent {self.sent_at[slowest] - self.sent_at[0]:.2f} s in)"
        )


@pytest.fixture
def app(session_env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    """notifyzen after its first pop-up: the first Notify after a start holds the bus thread for
    about half a second once, benign or held alike (not markup: noticed in issue 22, left to its
    owners), so it is not part of what these tests measure."""
    proc = start(session_env, "--mode", "server")

    async def first() -> None:
        async with client(session_env["DBUS_SESSION_BUS_ADDRESS"]) as bus:
            await notify(bus, "notifyzen is up", app="warm-up", timeout=200)

    run(first())
    wait_for(lambda: status(session_env)["on_screen"] == [], 10, "the first pop-up to go")
    yield proc
    assert proc.poll() is None, "notifyzen died"
    stop(proc)


def status(env: dict[str, str]) -> dict[str, object]:
    async def ask() -> dict[str, object]:
        async with client(env["DBUS_SESSION_BUS_ADDRESS"]) as bus:
            return dict(await control(bus, "Status"))

    return dict(run(ask()))


async def send_hostile(address: str, *, expire_ms: int) -> dict[int, tuple[str, str]]:
    """Every hostile body once, each from its own app (so no flood gate holds them), plus the
    hostile summary; returns what each id was sent as."""
    sent: dict[int, tuple[str, str]] = {}
    async with client(address) as bus:
        for i, (what, body) in enumerate(HOSTILE_BODIES.items()):
            id = await notify(bus, what, body, app=f"hostile-{i}", timeout=expire_ms)
            sent[id] = (what, body)
        id = await notify(bus, HOSTILE_SUMMARY, "a hostile summary", app="hostile-summary", timeout=expire_ms)
        sent[id] = (HOSTILE_SUMMARY, "a hostile summary")
    return sent


def assert_kept(env: dict[str, str], sent: dict[int, tuple[str, str]]) -> None:
    stored = {r["id"]: (r["summary"], r["body"]) for r in rows(env)}
    for id, (summary, body) in sent.items():
        assert stored.get(id) == (summary, body), f"{summary[:30]!r} is not in the history as sent"


def assert_answered_throughout(pinger: Pinger) -> None:
    assert not pinger.wrong, pinger.wrong[:3]
    assert max(pinger.latencies) < MAX_LATENCY, pinger.summary()


def test_hostile_pop_ups_never_stop_notifyzen_answering(
    app: object, bus_address: str, session_env: dict[str, str]
) -> None:
    # A short timeout cycles every body through the five pop-up places: each one is laid out.
    with Pinger(bus_address) as pinger:
        sent = run(send_hostile(bus_address, expire_ms=300))
        wait_for(lambda: status(session_env)["on_screen"] == [], 30, "every hostile pop-up to show and go")
        time.sleep(0.5)  # and the last ones painted
    print(f"pop-ups: {pinger.summary()}")
    assert_answered_throughout(pinger)
    assert_kept(session_env, sent)
    verdicts = {r["id"]: (r["verdict"], r["close_reason"]) for r in rows(session_env)}
    assert all(verdicts[id] == ("deliver", 1) for id in sent), verdicts  # each shown, then expired


def test_hostile_items_in_the_digest_never_stop_notifyzen_answering(
    app: object, bus_address: str, session_env: dict[str, str]
) -> None:
    async def focus_then_send() -> dict[int, tuple[str, str]]:
        async with client(bus_address) as bus:
            await control(bus, "Focus", "d", [25.0])
        return await send_hostile(bus_address, expire_ms=-1)

    with Pinger(bus_address) as pinger:
        sent = run(focus_then_send())
        assert status(session_env)["held"] == len(sent)
        done = subprocess.run(
            [sys.executable, "-m", "notifyzen", "checkin", "now"],
            env=session_env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert done.returncode == 0, done.stderr
        wait_for(lambda: status(session_env)["digest_open"] == sorted(sent), 30, "the digest to list them")
        time.sleep(1.0)  # and its rows painted
    print(f"digest: {pinger.summary()}")
    assert_answered_throughout(pinger)
    assert_kept(session_env, sent)


def test_a_notification_after_the_hostile_ones_is_answered_at_once(
    app: object, bus_address: str, session_env: dict[str, str]
) -> None:
    """The issue's other client: its Notify, sent while the hostile pop-ups are being shown."""

    async def go() -> tuple[float, int]:
        async with client(bus_address) as bus:
            for i, body in enumerate(HOSTILE_BODIES.values()):
                await notify(bus, "hostile", body, app=f"hostile-{i}")
            sent = time.monotonic()
            id = await notify(bus, "Lunch?", "at 12:30", app="Signal", hints={"urgency": Variant("y", 1)})
            return time.monotonic() - sent, id

    try:
        took, id = run(go())
    except TimeoutError:
        pytest.fail("a Notify got no answer within 10 s")
    assert took < MAX_LATENCY, f"the other client's Notify took {took * 1000:.0f} ms"
    assert any(r["id"] == id and r["body"] == "at 12:30" for r in rows(session_env))
