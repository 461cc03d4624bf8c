"""Privacy: the history is the user's alone, old message text can be made to go, nothing listens.

Notifications carry messages, so: the history and its WAL/SHM files are 0600 in a 0700 directory;
`retention: {bodies_days: N}` in config.yaml erases the text of older notifications at start (and
daily) while keeping the rows the counts and reports need; and notifyzen opens no listening socket
and no network socket at all, only its D-Bus client connection(s).
"""

from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path

from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.history.store import Store
from tests.harness.notifyzen_proc import SATURDAY_NOON, client, db_path, notify, rows, run, start, stop
from tests.history.old_history import write_old_history

NOW = datetime.fromisoformat(SATURDAY_NOON)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_history_wal_and_shm_are_private(session_env: dict[str, str], bus_address: str) -> None:
    proc = start(session_env, "--mode", "server")
    try:

        async def go() -> None:
            async with client(bus_address) as bus:
                await notify(bus, "a private message", "the bank says hi")

        run(go())
        db = db_path(session_env)
        files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
        assert all(f.exists() for f in files)
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
        assert mode(db.parent) == 0o700
    finally:
        stop(proc)


def _history_with(path: Path, ages_days: list[int]) -> None:
    store = Store(path)
    try:
        for i, days in enumerate(ages_days):
            n = Notification(
                app_name="Chat", summary=f"Anke {i}", body=f"secret {i}", at=NOW - timedelta(days=days)
            )
            store.add(store.reserve_id(), n, Decision(Verdict.DELIVER, "default", ""), origin="server")
            if i == 0:
                store.status_replied(1, "focusing until the secret hour", n.at)
                store.replied(1, "my secret reply", n.at)
    finally:
        store.close()


def test_retention_erases_old_bodies_and_keeps_the_rows(
    session_env: dict[str, str], bus_address: str
) -> None:
    config = Path(session_env["XDG_CONFIG_HOME"]) / "notifyzen"
    config.mkdir(parents=True)
    (config / "config.yaml").write_text("retention:\n  bodies_days: 30\n")
    _history_with(db_path(session_env), [45, 31, 29, 1])
    proc = start(session_env, "--mode", "server")
    stop(proc)
    kept = rows(session_env)
    assert [r["summary"] for r in kept] == ["Anke 0", "Anke 1", "Anke 2", "Anke 3"], "rows and titles stay"
    assert [r["body"] for r in kept] == ["", "", "secret 2", "secret 3"]
    assert (kept[0]["reply_text"], kept[0]["status_reply_text"]) == (None, None)
    assert kept[0]["status_reply_at"] is not None, "that notifyzen answered stays, for the report"
    raw = b"".join(p.read_bytes() for p in db_path(session_env).parent.glob("notifyzen.db*"))
    assert b"secret 0" not in raw and b"secret 1" not in raw and b"my secret reply" not in raw, (
        "still on disk"
    )
    assert b"the secret hour" not in raw, "notifyzen's status reply is still on disk"
    assert b"secret 3" in raw


def test_retention_reaches_the_replies_of_a_history_from_an_older_notifyzen(
    session_env: dict[str, str], bus_address: str
) -> None:
    """Its status replies move to their own columns at start; the move leaves no copy behind."""
    config = Path(session_env["XDG_CONFIG_HOME"]) / "notifyzen"
    config.mkdir(parents=True)
    (config / "config.yaml").write_text("retention:\n  bodies_days: 30\n")
    old, new = (NOW - timedelta(days=45)).timestamp(), (NOW - timedelta(days=1)).timestamp()
    write_old_history(
        db_path(session_env),
        [
            {
                "at": old,
                "body": "old secret",
                "verdict": "hold",
                "reply_text": "until the old hour",
                "reply_at": old,
            },
            {
                "at": new,
                "body": "new secret",
                "verdict": "hold",
                "reply_text": "until the new hour",
                "reply_at": new,
            },
        ],
    )
    proc = start(session_env, "--mode", "server")
    stop(proc)
    kept = rows(session_env)
    assert [(r["body"], r["status_reply_text"], r["status_reply_at"]) for r in kept] == [
        ("", None, old),
        ("new secret", "until the new hour", new),
    ]
    raw = b"".join(p.read_bytes() for p in db_path(session_env).parent.glob("notifyzen.db*"))
    assert b"old secret" not in raw and b"the old hour" not in raw, "still on disk"
    assert b"the new hour" in raw


def test_without_retention_nothing_is_erased(session_env: dict[str, str], bus_address: str) -> None:
    _history_with(db_path(session_env), [400, 1])
    proc = start(session_env, "--mode", "server")
    stop(proc)
    assert [r["body"] for r in rows(session_env)] == ["secret 0", "secret 1"]


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink()
        except OSError:
            continue
        if str(target).startswith("socket:["):
            inodes.add(str(target)[len("socket:[") : -1])
    return inodes


def _table_inodes(name: str, column: int) -> dict[str, list[str]]:
    lines = Path(f"/proc/net/{name}").read_text().splitlines()[1:]
    return {line.split()[column]: line.split() for line in lines if len(line.split()) > column}


def test_no_listening_or_network_socket(session_env: dict[str, str], bus_address: str) -> None:
    proc = start(session_env, "--mode", "server")
    try:

        async def go() -> None:
            async with client(bus_address) as bus:
                await notify(bus, "hello", "<img src='http://127.0.0.1:9/x.png'/>")

        run(go())
        mine = _socket_inodes(proc.pid)
        assert mine, "no sockets at all: not even the D-Bus connection was found"
        for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
            network = set(_table_inodes(table, 9)) & mine
            assert not network, f"notifyzen has {table} sockets"
        unix = _table_inodes("unix", 6)  # Num RefCount Protocol Flags Type St Inode Path
        listening = [unix[i] for i in mine if i in unix and int(unix[i][3], 16) & 0x10000]  # __SO_ACCEPTCON
        assert not listening, f"listening unix sockets: {listening}"
        bus_socket = bus_address.split("path=", 1)[1].split(",", 1)[0]
        assert any(i in unix for i in mine), "the D-Bus connection is a unix socket"
        assert Path(bus_socket).exists()
    finally:
        stop(proc)
