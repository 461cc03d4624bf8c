"""The history file locked by another program, or on a full disk.

What notifyzen does then (docs/performance.md, "When the history cannot be written"): Notify is
answered with the D-Bus error io.github.notifyzen.Error.NotStored instead of an id, so the sender
never holds an id for something that is not on disk; nothing is shown for it; notifyzen keeps
running and takes notifications again as soon as the file can be written.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from dbus_fast import Message, MessageType

from tests.harness.notifyzen_proc import (
    NOTIFY,
    SATURDAY_NOON,
    answers_status,
    call,
    client,
    control,
    db_path,
    name_has_owner,
    notify,
    rows,
    run,
    start,
    stop,
    wait_for,
)

NOT_STORED = "io.github.notifyzen.Error.NotStored"


async def try_notify(bus: Any, summary: str, body: str = "") -> Message:
    return await call(
        bus, NOTIFY, "Notify", "susssasa{sv}i", ["storage", 0, "", summary, body, [], {}, -1], timeout=30
    )


@pytest.mark.slow
def test_locked_history_refuses_with_a_clear_error_and_recovers(
    session_env: dict[str, str], bus_address: str
) -> None:
    proc = start(session_env, "--mode", "server")
    try:

        async def go() -> tuple[int, Message, dict, int]:
            async with client(bus_address) as bus:
                before = await notify(bus, "before the lock")
                other = sqlite3.connect(db_path(session_env), isolation_level=None)
                other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
                try:
                    refused = await try_notify(bus, "while locked")
                    status = await control(bus, "Status")
                finally:
                    other.execute("ROLLBACK")
                    other.close()
                after = await notify(bus, "after the lock")
                return before, refused, status, after

        before, refused, status, after = run(go())
    finally:
        _, err = stop(proc)
    assert refused.message_type is MessageType.ERROR
    assert refused.error_name == NOT_STORED and "locked" in refused.body[0]
    assert status["mode"] == "server", "still running while the file was locked"
    assert [r["summary"] for r in rows(session_env)] == ["before the lock", "after the lock"]
    assert {r["id"] for r in rows(session_env)} == {before, after}
    assert "Traceback" not in err


def _full_disk_env(env: dict[str, str], mount: Path) -> dict[str, str]:
    return env | {"NOTIFYZEN_DB": str(mount / "notifyzen.db"), "TZ": "Europe/Amsterdam"}


def _start_on_small_tmpfs(env: dict[str, str], mount: Path) -> subprocess.Popen[str]:
    """notifyzen in a private mount namespace with its history on a 1 MiB tmpfs, 300 KiB of which a
    filler file takes (removed later to make room again). The pid is notifyzen's (exec all along)."""
    script = (
        'mount -t tmpfs -o size=1M notifyzen-full "$1" && '
        'dd if=/dev/zero of="$1/filler" bs=1024 count=300 status=none && shift && exec "$@"'
    )
    argv = ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", str(mount)]
    argv += [sys.executable, "-m", "notifyzen", "run", "--mode", "server", "--clock", SATURDAY_NOON]
    proc = subprocess.Popen(argv, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: proc.poll() is None and name_has_owner(env, NOTIFY[0]) and answers_status(env), 20)
    except TimeoutError:
        proc.kill()
        raise AssertionError(f"notifyzen did not start on the tmpfs: {proc.communicate()}") from None
    return proc


def _rows_inside(pid: int, mount: Path, scratch: Path) -> list[dict[str, Any]]:
    """Read the history as the process sees it (its own mount namespace). SQLite resolves the
    /proc/PID/root link into our namespace, so the file and its WAL are copied out first; notifyzen
    is idle meanwhile, so the copy is what it committed."""
    scratch.mkdir(exist_ok=True)
    for suffix in ("", "-wal"):
        source = Path(f"/proc/{pid}/root{mount}/notifyzen.db{suffix}")
        if source.exists():
            shutil.copyfile(source, scratch / f"copy.db{suffix}")
    db = sqlite3.connect(scratch / "copy.db")
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT id, summary FROM notification ORDER BY id")]
    finally:
        db.close()
        for leftover in scratch.iterdir():
            leftover.unlink()


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root for a tmpfs")
def test_full_disk_refuses_with_a_clear_error_keeps_what_it_acknowledged_and_recovers(
    session_env: dict[str, str], bus_address: str, tmp_path: Path
) -> None:
    mount = tmp_path / "small"
    mount.mkdir()
    env = _full_disk_env(session_env, mount)
    proc = _start_on_small_tmpfs(env, mount)
    body = os.urandom(24_000).hex()  # 48 KB of text that does not compress into a page or two
    try:

        async def fill() -> tuple[list[int], Message, dict]:
            acked: list[int] = []
            async with client(bus_address) as bus:
                for i in range(200):
                    reply = await try_notify(bus, f"filling {i}", body)
                    if reply.message_type is not MessageType.METHOD_RETURN:
                        return acked, reply, await control(bus, "Status")
                    acked.append(int(reply.body[0]))
            raise AssertionError("the 1 MiB disk never filled up")

        acked, refused, status = run(fill())
        assert refused.error_name == NOT_STORED and "full" in refused.body[0], refused.body
        assert status["mode"] == "server" and proc.poll() is None, "still running on a full disk"
        stored = {r["id"] for r in _rows_inside(proc.pid, mount, tmp_path / "copy")}
        assert set(acked) <= stored, f"acknowledged but not on disk: {sorted(set(acked) - stored)}"

        os.unlink(f"/proc/{proc.pid}/root{mount}/filler")  # the user makes room

        async def again() -> int:
            async with client(bus_address) as bus:
                return await notify(bus, "after making room")

        after = run(again())
        assert after in {r["id"] for r in _rows_inside(proc.pid, mount, tmp_path / "copy")}
    finally:
        stop(proc)


def test_the_wal_is_checkpointed_in_a_quiet_moment(session_env: dict[str, str], bus_address: str) -> None:
    """SQLite's own checkpoint is off (it ran inside Notify calls); notifyzen's runs once the bus is
    quiet, so the main file, not only the WAL, soon holds what was acknowledged."""
    proc = start(session_env, "--mode", "server")
    try:

        async def go() -> list[int]:
            async with client(bus_address) as bus:
                return [await notify(bus, f"message {i}") for i in range(50)]

        acked = set(run(go()))
        copy = db_path(session_env).with_name("main-file-only.db")

        def in_main_file() -> bool:
            shutil.copyfile(db_path(session_env), copy)  # without its -wal: what was checkpointed
            conn = sqlite3.connect(copy)
            try:
                return {r[0] for r in conn.execute("SELECT id FROM notification")} >= acked
            finally:
                conn.close()
                copy.unlink()

        wait_for(in_main_file, 10, "the acknowledged rows in the main file")
    finally:
        stop(proc)


def test_a_heartbeat_into_a_locked_history_is_one_line_not_a_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The once-a-minute "still running" write meeting another program's lock is said in one
    line: the log goes to the terminal that started notifyzen, where a traceback reads as a crash."""
    from datetime import UTC, datetime

    from notifyzen.history.store import Store

    store = Store(tmp_path / "history.db")
    now = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)
    store.run_started(now)
    other = sqlite3.connect(tmp_path / "history.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        with caplog.at_level("WARNING", logger="notifyzen.history.store"):
            store.alive(now)  # waits out the busy timeout, then gives up
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()
    (record,) = [r for r in caplog.records if "still running" in r.getMessage()]
    assert "locked" in record.getMessage() and record.exc_info is None
