"""A CalDAV calendar synced by a running evolution-data-server into its cache.db, end to end.

Needs evolution-data-server (evolution-source-registry, evolution-calendar-factory), its GObject
introspection data, python3-gi and Radicale (Debian: evolution-data-server gir1.2-edatacal-2.0
gir1.2-ecal-2.0 python3-gi radicale), and a network namespace with only loopback (it listens on
127.0.0.1), so run it as tests/calendar/test_calendar_identities.py does:

    unshare --net sh -c 'ip link set lo up && /usr/bin/python3 tests/calendar/evolution_sync.py OUT'

What it does, as a user's setup would: a private session bus; Radicale serving a calendar "Team"
with the events of evolution_writer.py (one iCalendar resource per UID, as CalDAV stores them);
the CalDAV calendar's .source written into OUT/config/evolution/sources (as Evolution's account
editor would); then evolution-source-registry and evolution-calendar-factory (D-Bus activated on
the private bus) open it, and the CalDAV backend downloads the events into
OUT/cache/evolution/calendar/<uid>/cache.db. Exits 0 when the cache holds them all.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import evolution_writer as w  # noqa: E402

PORT = 5232
UID = "caldav-team-4e1f"


def resources() -> dict[str, str]:
    """UID -> one VCALENDAR with that UID's components and the zones they use."""
    by_uid: dict[str, list[str]] = {}
    for text in w.EVENTS:
        uid = next(line.split(":", 1)[1] for line in text.splitlines() if line.startswith("UID:"))
        by_uid.setdefault(uid, []).append(text)
    out = {}
    for uid, parts in by_uid.items():
        zones = [
            z
            for z, name in ((w.BERLIN, "freeassociation"), (w.WINDOWS, "W. Europe"))
            if name in "".join(parts)
        ]
        body = "\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//notifyzen test//EN", *zones, *parts])
        out[uid] = (body + "\nEND:VCALENDAR\n").replace("\n", "\r\n")
    return out


def request(method: str, path: str, body: str = "", kind: str = "text/calendar") -> int:
    req = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=body.encode(), method=method)
    req.add_header("Content-Type", kind)
    with urllib.request.urlopen(req, timeout=10) as resp:
        return int(resp.status)


def source_file(folder: Path) -> None:
    from gi.repository import EDataServer

    folder.mkdir(parents=True, exist_ok=True)
    s = EDataServer.Source.new_with_uid(UID, None)
    s.set_display_name("Team")
    s.get_extension(EDataServer.SOURCE_EXTENSION_CALENDAR).set_backend_name("caldav")
    webdav = s.get_extension(EDataServer.SOURCE_EXTENSION_WEBDAV_BACKEND)  # first: it sets the
    webdav.set_resource_path("/anke/team/")  # authentication method to plain/password
    webdav.set_display_name("Team")
    auth = s.get_extension(EDataServer.SOURCE_EXTENSION_AUTHENTICATION)
    auth.set_host("127.0.0.1")
    auth.set_port(PORT)
    auth.set_user("anke")
    auth.set_method("none")  # no account: nothing asks for a password
    s.get_extension(EDataServer.SOURCE_EXTENSION_OFFLINE).set_stay_synchronized(True)
    (folder / f"{UID}.source").write_text(s.to_string()[0])


def main(out: Path) -> int:
    home = out / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(out / "config"),
        "XDG_CACHE_HOME": str(out / "cache"),
        "XDG_DATA_HOME": str(out / "data"),
        "XDG_RUNTIME_DIR": str(out / "run"),
        "GSETTINGS_BACKEND": "memory",
    }
    for d in ("home", "config", "cache", "data", "run"):
        (out / d).mkdir(parents=True, exist_ok=True, mode=0o700)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    rights = out / "rights"  # anyone may read and write: no account, the test is alone on loopback
    rights.write_text("[all]\nuser: .*\ncollection: .*\npermissions: RrWw\n")
    radicale = subprocess.Popen(
        [
            sys.executable, "-m", "radicale",
            "--server-hosts", f"127.0.0.1:{PORT}",
            "--storage-filesystem-folder", str(out / "radicale"),
            "--auth-type", "none",
            "--rights-type", "from_file",
            "--rights-file", str(rights),
        ],
        env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                request("GET", "/")
                break
            except OSError:
                time.sleep(0.1)
        request("MKCOL", "/anke/", "", "application/xml")
        mkcal = (
            '<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            "<D:set><D:prop><D:displayname>Team</D:displayname></D:prop></D:set></C:mkcalendar>"
        )
        request("MKCALENDAR", "/anke/team/", mkcal, "application/xml")
        for n, body in enumerate(resources().values()):
            request("PUT", f"/anke/team/event-{n}.ics", body)
        os.environ.update(env)  # the registry client below talks to the private bus
        source_file(out / "config" / "evolution" / "sources")
        return sync(out)
    finally:
        for proc in (radicale, bus):
            proc.terminate()
            proc.wait(10)


def sync(out: Path) -> int:
    import gi

    gi.require_version("ECal", "2.0")
    from gi.repository import ECal, EDataServer

    registry = EDataServer.SourceRegistry.new_sync(None)
    source = None
    for _ in range(100):
        source = registry.ref_source(UID)
        if source is not None:
            break
        time.sleep(0.1)
    assert source is not None, "evolution-source-registry did not load the .source file"
    # opening the calendar starts the backend's sync at once; waiting for it to call itself
    # "connected" took 30 s here (the namespace has no route out), so only wait for the cache
    client = ECal.Client.connect_sync(source, ECal.ClientSourceType.EVENTS, 1, None)
    assert client is not None
    db = out / "cache" / "evolution" / "calendar" / UID / "cache.db"
    want = len(w.EVENTS)
    count = 0
    for _ in range(300):
        if db.exists():
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                try:
                    (count,) = conn.execute("SELECT count(*) FROM ECacheObjects").fetchone()
                except sqlite3.Error:
                    count = 0
            if count >= want:
                print(db)
                return 0
        time.sleep(0.1)
    print(f"{db}: {count} of {want} components cached", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]).resolve()))
