"""A damaged, emptied or unreadable history never blinds the user (issue 22, items 4 and 9).

Real SQLite files, broken as a disk or a crash breaks them, under a real `notifyzen run --mode
server` on a private bus. Before: one zeroed page made every Notify answer `NotStored: database
disk image is malformed` with `status` looking normal; a history cut to 0 bytes started afresh
without a word and gave ids out again from 1.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from dbus_fast import MessageType

from tests.harness.notifyzen_proc import (
    NOTIFY,
    call,
    client,
    control,
    db_path,
    notify,
    rows,
    run,
    start,
    stop,
    wait_for,
)

pytestmark = pytest.mark.slow


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", *args], env=env, capture_output=True, text=True, timeout=60
    )


def status(env: dict[str, str]) -> dict[str, Any]:
    out = cli(env, "status", "--json")
    assert out.returncode == 0, out.stderr
    return dict(json.loads(out.stdout))


async def _fill(address: str, count: int) -> list[int]:
    async with client(address) as bus:
        return [await notify(bus, f"message {i}", "words " * 150) for i in range(count)]


def fill(env: dict[str, str], address: str, count: int, *, kill: bool = False) -> list[int]:
    """A history of `count` notifications (about 1 KB each: many pages); then notifyzen stops,
    cleanly or killed."""
    proc = start(env, "--mode", "server")
    try:
        return list(run(_fill(address, count)))
    finally:
        if kill:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        else:
            stop(proc)


def zero_page(path: Path, *, newest: bool) -> int:
    """Zero one page of the notification table as a failing disk would; returns how many rows
    were on it. `newest`: the page every new row goes to (so the next Notify meets it), else one
    in the middle (only a full read or quick_check meets it)."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a killed run left it in the WAL
        leaves = db.execute(
            "SELECT pageno, ncell FROM dbstat WHERE name='notification' AND pagetype='leaf' ORDER BY path"
        ).fetchall()
    finally:
        db.close()
    page, cells = leaves[-1] if newest else leaves[len(leaves) // 2]
    with path.open("r+b") as f:
        f.seek((page - 1) * 4096)
        f.write(bytes(4096))
    return int(cells)


async def _one(address: str, summary: str) -> tuple[MessageType, Any]:
    async with client(address) as bus:
        reply = await call(bus, NOTIFY, "Notify", "susssasa{sv}i", ["t", 0, "", summary, "", [], {}, -1])
        return reply.message_type, reply.body[0]


def test_a_zeroed_page_is_moved_aside_salvaged_and_notify_goes_on(
    session_env: dict[str, str], bus_address: str
) -> None:
    ids = fill(session_env, bus_address, 300)
    path = db_path(session_env)
    lost = zero_page(path, newest=True)
    assert 0 < lost < 50

    proc = start(session_env, "--mode", "server")
    try:
        kind, new_id = run(_one(bus_address, "after the damage"))
        state = status(session_env)
        text = cli(session_env, "status").stdout
    finally:
        _, err = stop(proc)
    assert kind is MessageType.METHOD_RETURN, new_id
    assert new_id > max(ids), "an id given out before the damage is never given out again"
    repair = state["history"]["repair"]
    assert repair["why"] == "damaged" and "malformed" in repair["error"]
    assert repair["salvaged"] == 300 - lost
    moved = Path(repair["moved_to"])
    assert moved.exists() and moved.parent == path.parent and (moved.stat().st_mode & 0o777) == 0o600
    assert "damaged" in text and str(moved) in text
    kept = rows(session_env)
    assert [r["id"] for r in kept][-1] == new_id and kept[-1]["summary"] == "after the damage"
    assert len(kept) == 300 - lost + 1
    assert {r["id"] for r in kept} <= {*ids, new_id}
    assert "Traceback" not in err


def test_after_a_crash_quick_check_finds_damage_at_start(
    session_env: dict[str, str], bus_address: str
) -> None:
    """Damage no statement touches yet (a page of old rows) is found at start when the last run
    did not end cleanly: quick_check, then the same repair, before the first Notify."""
    fill(session_env, bus_address, 300, kill=True)
    lost = zero_page(db_path(session_env), newest=False)
    proc = start(session_env, "--mode", "server")
    try:
        wait_for(lambda: status(session_env)["history"]["repair"] is not None, 30, "the check at start")
        state = status(session_env)
    finally:
        stop(proc)
    repair = state["history"]["repair"]
    assert repair is not None and repair["why"] == "damaged", state["history"]
    assert repair["salvaged"] == 300 - lost
    assert len(rows(session_env)) == 300 - lost


def test_a_history_cut_to_zero_bytes_is_said_and_ids_go_on(
    session_env: dict[str, str], bus_address: str
) -> None:
    ids = fill(session_env, bus_address, 5)
    path = db_path(session_env)
    os.truncate(path, 0)
    proc = start(session_env, "--mode", "server")
    try:
        kind, new_id = run(_one(bus_address, "after the loss"))
        state = status(session_env)
        text = cli(session_env, "status").stdout
    finally:
        stop(proc)
    assert kind is MessageType.METHOD_RETURN
    assert state["history"]["repair"]["why"] == "emptied", state["history"]
    assert "empty" in text
    assert new_id > max(ids), "ids restarted at 1: a sender's old id would be given out again"


def test_the_files_beside_the_history_are_private(session_env: dict[str, str], bus_address: str) -> None:
    """.last-run and .moments say when the user ran notifyzen and what they chose: 0600 like the
    history, also when an older notifyzen left them 0644."""
    path = db_path(session_env)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.with_name(path.name + ".last-run")
    old.write_text("2026-11-14T11:00:00+01:00")
    old.chmod(0o644)
    proc = start(session_env, "--mode", "server")
    try:

        async def focus() -> None:
            async with client(bus_address) as bus:
                await notify(bus, "hello")
                await control(bus, "Focus", "d", [25.0])

        run(focus())
    finally:
        stop(proc)
    names = sorted(p.name for p in path.parent.iterdir())
    assert {"notifyzen.db", "notifyzen.db.last-run", "notifyzen.db.moments"} <= set(names), names
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in path.parent.iterdir()}
    assert set(modes.values()) == {"0o600"}, modes


def test_history_of_a_damaged_file_says_so_and_the_next_start_repairs_it(
    session_env: dict[str, str], bus_address: str
) -> None:
    """`notifyzen history` meeting damage says so in one line (no traceback) and marks the file:
    the next start checks it although the last run ended cleanly, and repairs it."""
    fill(session_env, bus_address, 300)
    lost = zero_page(db_path(session_env), newest=False)
    out = cli(session_env, "history", "--json")
    assert out.returncode != 0 and "Traceback" not in out.stderr, out.stderr
    assert "is damaged" in out.stderr and str(db_path(session_env)) in out.stderr
    proc = start(session_env, "--mode", "server")
    try:
        wait_for(lambda: status(session_env)["history"]["repair"] is not None, 30, "the check at start")
        state = status(session_env)
    finally:
        stop(proc)
    assert state["history"]["repair"]["salvaged"] == 300 - lost
    listed = json.loads(cli(session_env, "history", "--json").stdout)
    assert len(listed) == 300 - lost


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root to mount")
def test_history_on_a_read_only_file_system_is_read_not_a_traceback(
    session_env: dict[str, str], bus_address: str
) -> None:
    fill(session_env, bus_address, 3)
    data = Path(session_env["XDG_DATA_HOME"])
    script = 'mount --bind -o ro "$1" "$1" && shift && exec "$@"'
    argv = ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", str(data)]
    out = subprocess.run(
        [*argv, sys.executable, "-m", "notifyzen", "history", "--json"],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert [r["summary"] for r in json.loads(out.stdout)] == ["message 0", "message 1", "message 2"]
    (data / "notifyzen" / "notifyzen.db").with_name("notifyzen.db-wal").write_bytes(bytes(4096))
    out = subprocess.run(
        [*argv, sys.executable, "-m", "notifyzen", "history"],
        env=session_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in out.stderr, out.stderr


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root for a tmpfs")
def test_start_on_a_full_disk_runs_says_so_and_takes_notifications_once_there_is_room(
    session_env: dict[str, str], bus_address: str, tmp_path: Path
) -> None:
    """A user whose disk filled up logs in: notifyzen starts (it failed outright before), refuses
    Notify with NotStored (never an id for what is not on disk), the tray and status say the disk
    is full, and once there is room it stores again without a restart."""
    from tests.history.test_faults_storage import NOT_STORED, _full_disk_env, _rows_inside, try_notify

    fill(session_env, bus_address, 3)
    made = db_path(session_env)
    mount = tmp_path / "small"
    mount.mkdir()
    env = _full_disk_env(session_env, mount)
    script = (
        'mount -t tmpfs -o size=1M notifyzen-full "$1" && cp "$2" "$1/notifyzen.db" && '
        '(dd if=/dev/zero of="$1/filler" bs=4096 status=none 2>/dev/null; true) && shift 2 && exec "$@"'
    )
    argv = ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", str(mount), str(made)]
    argv += [
        sys.executable,
        "-m",
        "notifyzen",
        "run",
        "--mode",
        "server",
        "--clock",
        "2026-11-14T12:00:00+01:00",
    ]
    proc = subprocess.Popen(argv, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        from tests.harness.notifyzen_proc import answers_status

        wait_for(lambda: proc.poll() is None and answers_status(env), 30, "notifyzen to start on a full disk")

        async def refused() -> Any:
            async with client(bus_address) as bus:
                return await try_notify(bus, "on a full disk")

        reply = run(refused())
        assert reply.message_type is MessageType.ERROR and reply.error_name == NOT_STORED, reply.body
        state = status(env)
        assert state["history"]["problem"] == "full", state["history"]
        assert "the disk is full" in cli(env, "status").stdout
        os.unlink(f"/proc/{proc.pid}/root{mount}/filler")  # the user makes room
        kind, new_id = run(_one(bus_address, "after making room"))
        assert kind is MessageType.METHOD_RETURN, new_id
        assert new_id > 3
        assert status(env)["history"]["problem"] is None
        stored = {r["id"]: r["summary"] for r in _rows_inside(proc.pid, mount, tmp_path / "copy")}
        assert stored[new_id] == "after making room" and len(stored) == 4
    finally:
        _, err = stop(proc)
    assert "Traceback" not in err
