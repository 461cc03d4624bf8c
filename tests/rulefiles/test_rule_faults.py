"""Issue 22 (3, 5): no rule file and no rule pattern stops or stalls intake.

The real app in server mode on a private bus, a client asking GetServerInformation every 20 ms
and sending notifications throughout, while a fault appears in the rules directory (a FIFO, a link
to /dev/zero, a 50 MB file, a symlink loop, 10,000 nested `[`, an unreadable directory) or while
an app sends 64 KiB bodies to patterns Python's re backtracks on. Each answer must come within
100 ms, every acknowledged Notify must be in the history, the last good rules stay in force, and
`notifyzen rules check` says what is wrong, quickly, with a non-zero exit.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.harness.notifyzen_proc import (
    CONTROL,
    NOTIFY,
    SATURDAY_NOON,
    ZONE,
    answers_status,
    call,
    client,
    control,
    name_has_owner,
    notify,
    rows,
    stop,
    wait_for,
)

GOOD = "rules:\n  - name: no spam\n    match: {app: Spam}\n    action: mute\n"
MAX_LATENCY = 0.1
# As root, permissions are not enforced; without these capabilities they are, as for a user.
AS_A_USER = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []


def _big(rules: Path, staging: Path) -> None:
    path = staging / "big.yaml"
    line = b"# a rule file of 50 MB: YAML to PyYAML, 30 s of parsing on the bus thread\n"
    path.write_bytes(line * (50_000_000 // len(line) + 1))
    path.rename(rules / "big.yaml")


def _deep(rules: Path, staging: Path) -> None:
    (staging / "deep.yaml").write_text("[" * 10_000)
    (staging / "deep.yaml").rename(rules / "deep.yaml")


# name -> (make the fault in the rules directory, what the error says)
FAULTS: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "fifo": (lambda d, _: os.mkfifo(d / "fifo.yaml"), "fifo.yaml:1:1: cannot read: a named pipe (FIFO)"),
    "dev-zero": (
        lambda d, _: (d / "zero.yaml").symlink_to("/dev/zero"),
        "zero.yaml:1:1: cannot read: a link to /dev/zero, a device, not a regular file",
    ),
    "50 MB": (_big, "big.yaml:1:1: cannot read: too large (47.7 MiB): a rule file may be at most 256 KiB"),
    "symlink loop": (
        lambda d, _: (d / "loop.yaml").symlink_to("loop.yaml"),
        "loop.yaml:1:1: cannot read: a symbolic link loop",
    ),
    "10,000 [": (_deep, "deep.yaml:1:51: not valid YAML: nested more than 50 levels deep"),
    "unreadable dir": (
        lambda d, _: d.chmod(0o000),
        "rules:1:1: cannot list the rules directory: permission denied",
    ),
}


def start_as_user(env: dict[str, str]) -> subprocess.Popen[str]:
    """tests.harness.notifyzen_proc.start, run as a user whom file permissions apply to."""
    proc = subprocess.Popen(
        [*AS_A_USER, sys.executable, "-m", "notifyzen", "run", "--clock", SATURDAY_NOON, "--mode", "server"],
        env={**env, "TZ": ZONE},
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )

    def up() -> bool:
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"notifyzen exited with {proc.returncode}:\n{out}\n{err}")
        return name_has_owner(env, CONTROL[0]) and answers_status(env)

    wait_for(up, 30, "notifyzen to answer on its control interface")
    return proc


def rules_check(env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [*AS_A_USER, sys.executable, "-m", "notifyzen", "rules", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return done, time.monotonic() - started


class Probe:
    """GetServerInformation every 20 ms and a Notify every 50 ms, until stopped."""

    def __init__(self, bus: Any) -> None:
        self.bus = bus
        self.latencies: list[float] = []
        self.acknowledged: list[int] = []
        self.running = True
        self.recording = False  # from just before the fault: not the app's first seconds

    async def ask(self) -> None:
        while self.running:
            started = time.monotonic()
            await call(self.bus, NOTIFY, "GetServerInformation", timeout=30)
            if self.recording:
                self.latencies.append(time.monotonic() - started)
            await asyncio.sleep(0.02)

    async def send(self) -> None:
        while self.running:
            self.acknowledged.append(await notify(self.bus, "still here", app="Spam"))
            await asyncio.sleep(0.05)


async def while_probed(
    env: dict[str, str], action: Callable[[], Any], until: Callable[[dict[str, Any]], bool]
) -> Probe:
    """Run `action` (in a thread: a 50 MB write must not slow the probe) while probing, until the
    app's status satisfies `until`, then half a second more."""
    async with client(env["DBUS_SESSION_BUS_ADDRESS"]) as bus:
        probe = Probe(bus)
        tasks = [asyncio.create_task(probe.ask()), asyncio.create_task(probe.send())]
        await asyncio.sleep(1.0)
        probe.recording = True
        await asyncio.sleep(0.1)
        await asyncio.to_thread(action)
        deadline = time.monotonic() + 15
        while not until(await control(bus, "Status")):
            assert time.monotonic() < deadline, "the app never reported the fault"
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        probe.running = False
        await asyncio.gather(*tasks)
        return probe


def assert_intake_kept_up(env: dict[str, str], probe: Probe) -> None:
    assert len(probe.latencies) > 10
    assert max(probe.latencies) < MAX_LATENCY, f"GetServerInformation took {max(probe.latencies):.3f} s"
    history = {r["id"]: r for r in rows(env)}
    assert all(id in history for id in probe.acknowledged)


@pytest.fixture
def rules_dir(session_env: dict[str, str]) -> Iterator[Path]:
    rules = Path(session_env["XDG_CONFIG_HOME"]) / "notifyzen" / "rules"
    rules.mkdir(parents=True)
    (rules / "good.yaml").write_text(GOOD)
    yield rules
    rules.chmod(0o755)  # so pytest can clean up


@pytest.mark.slow
@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_rule_file_fault_neither_stops_nor_stalls_intake(
    session_env: dict[str, str], rules_dir: Path, tmp_path: Path, fault: str
) -> None:
    make, says = FAULTS[fault]
    env = session_env
    proc = start_as_user(env)
    try:
        probe = asyncio.run(
            while_probed(
                env,
                lambda: make(rules_dir, tmp_path),
                lambda status: any(says in e for e in status["rules_errors"]),
            )
        )
        assert_intake_kept_up(env, probe)
        if fault != "unreadable dir":  # the last good rules stay in force
            assert {rows(env)[-1]["verdict"]} == {"mute"}
    finally:
        stop(proc)

    done, took = rules_check(env)
    assert done.returncode == 1
    assert says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert took < 10

    proc = start_as_user(env)  # started with the fault in place: it runs, and says what is wrong
    try:

        async def status() -> dict[str, Any]:
            async with client(env["DBUS_SESSION_BUS_ADDRESS"]) as bus:
                return dict(await control(bus, "Status"))

        assert any(says in e for e in asyncio.run(status())["rules_errors"])
    finally:
        _, err = stop(proc)
    assert "cannot start" not in err


BACKTRACKING = """\
rules:
  - name: any a
    match: {app: A, body: '(a|a?)+$'}
    action: mute
  - name: unsubscribe
    match: {app: U, body: '.*unsubscribe'}
    action: mute
  - name: minutes
    match: {app: D, body: '\\d+ min'}
    action: mute
"""
# (app, body, verdict): Python's re never answered the first, took 16.7 s and 13.5 s on the others
BODIES = [
    ("A", "a" * 65535 + "!", "mute"),
    ("U", "x" * 65536, "deliver"),
    ("D", "1" * 65536, "deliver"),
    ("U", "x" * 65000 + " unsubscribe", "mute"),
]


@pytest.mark.slow
def test_patterns_that_backtrack_elsewhere_decide_on_64_kib_bodies_without_stalling_intake(
    session_env: dict[str, str], rules_dir: Path
) -> None:
    env = session_env
    (rules_dir / "backtracking.yaml").write_text(BACKTRACKING)
    done, took = rules_check(env)
    assert done.returncode == 0 and done.stdout.startswith("ok: "), done.stderr
    assert took < 10
    proc = start_as_user(env)
    try:
        sent: list[int] = []

        async def adversarial() -> None:
            async with client(env["DBUS_SESSION_BUS_ADDRESS"]) as bus:
                for app, body, _ in BODIES:
                    sent.append(await notify(bus, "hello", body, app=app))

        probe = asyncio.run(
            while_probed(env, lambda: asyncio.run(adversarial()), lambda _: len(sent) == len(BODIES))
        )
        assert_intake_kept_up(env, probe)
        verdicts = {r["id"]: r["verdict"] for r in rows(env)}
        assert [verdicts[id] for id in sent] == [verdict for _, _, verdict in BODIES]
    finally:
        stop(proc)


def _large_but_valid(rules: Path, staging: Path) -> None:
    """A rule file just under the cap, all valid: PyYAML needs about a second to parse it."""
    body = "".join(
        f"  - name: rule {i}\n    match: {{app: App{i}, summary: 'subject {i}'}}\n    action: hold\n"
        for i in range(2_600)
    )
    path = staging / "many.yaml"
    path.write_text("rules:\n" + body)
    assert 200_000 < path.stat().st_size < 256 * 1024
    path.rename(rules / "many.yaml")


@pytest.mark.slow
def test_a_large_valid_rule_file_is_read_while_intake_goes_on(
    session_env: dict[str, str], rules_dir: Path, tmp_path: Path
) -> None:
    """Reading is done off the bus thread: a save of a big rule file does not hold up a Notify or a
    GetServerInformation for the second its parsing takes; then its rules are in force."""
    env = session_env
    proc = start_as_user(env)
    started: list[float] = []

    def after_three_seconds(_status: dict[str, Any]) -> bool:
        started.append(time.monotonic())
        return time.monotonic() - started[0] > 3.0

    try:
        probe = asyncio.run(
            while_probed(env, lambda: _large_but_valid(rules_dir, tmp_path), after_three_seconds)
        )
        assert_intake_kept_up(env, probe)

        async def one() -> None:
            async with client(env["DBUS_SESSION_BUS_ADDRESS"]) as bus:
                await notify(bus, "subject 7", app="App7")

        asyncio.run(one())
        assert rows(env)[-1]["verdict"] == "hold"  # the big file's rule decided it
    finally:
        stop(proc)
