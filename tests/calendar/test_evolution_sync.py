"""A CalDAV calendar as a running evolution-data-server caches it, read by notifyzen (issue 19).

tests/calendar/evolution_sync.py runs the real thing where it is installed: Radicale serves the
calendar on loopback inside `unshare --net`, evolution-source-registry and
evolution-calendar-factory (D-Bus activated on a private bus) sync it into cache.db. notifyzen
must then list the same meetings from it as from the committed cache that ECalCache wrote
directly (data/evolution-network), under the name in its .source file.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.calendar import ics
from notifyzen.calendar.files import Evolution
from notifyzen.core.config import CalendarSettings

HERE = Path(__file__).parent
NETWORK = HERE / "data" / "evolution-network"
BERLIN = ZoneInfo("Europe/Berlin")
START, END = datetime(2026, 10, 19, tzinfo=BERLIN), datetime(2026, 11, 3, tzinfo=BERLIN)
ME = ("anke@example.org", "anke.devries@example.org")


def _can_sync() -> str | None:
    if not Path("/usr/libexec/evolution-calendar-factory").exists():
        return "evolution-data-server is not installed"
    probe = "import gi, radicale; gi.require_version('ECal', '2.0'); gi.require_version('EDataServer', '1.2')"
    if subprocess.run(["/usr/bin/python3", "-c", probe], capture_output=True).returncode:
        return "python3-gi, gir1.2-ecal-2.0 or radicale missing for /usr/bin/python3"
    if subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode:
        return "no network namespace (unshare --net) for the CalDAV server"
    return None


def listed(src: Evolution) -> list[str]:
    settings = CalendarSettings("Evolution", "evolution", me=ME)
    events = [e for name, cal in src.read() for e in ics.expand([cal], settings, START, END, BERLIN, name)]
    return [
        f"{e.start.astimezone(BERLIN):%a %m-%d %H:%M} {e.title} ({e.calendar}){'' if e.focus else ' -'}"
        for e in sorted(events, key=lambda e: e.start)
    ]


@pytest.mark.skipif(_can_sync() is not None, reason=_can_sync() or "")
def test_a_caldav_calendar_synced_by_evolution_data_server(tmp_path: Path) -> None:
    script = HERE / "evolution_sync.py"
    done = subprocess.run(
        [
            "unshare",
            "--net",
            "sh",
            "-c",
            f"ip link set lo up && exec /usr/bin/python3 '{script}' '{tmp_path}'",
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    synced = Evolution(
        tmp_path / "none", tmp_path / "config/evolution/sources", tmp_path / "cache/evolution/calendar"
    )
    committed = Evolution(
        tmp_path / "none", NETWORK / "config/evolution/sources", NETWORK / "cache/evolution/calendar"
    )
    assert (
        listed(synced)
        == listed(committed)
        == [
            "Mon 10-19 10:00 Team sync (Team)",
            "Mon 10-26 11:00 Team sync (moved) (Team)",
            "Wed 10-28 14:00 Quarterly planning (Team) -",  # declined
            "Thu 10-29 15:00 Coffee chat (Team) -",  # free
            "Fri 10-30 09:00 Steering committee (Team)",
        ]
    )
    shutil.rmtree(tmp_path / "radicale", ignore_errors=True)
