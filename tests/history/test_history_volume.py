"""`notifyzen history` and `report` over a week of 100,000 notifications stay small (issue 22, item 6).

Before, every row became an ORM object and all of them were kept before the first line was
written: `--jsonl` took 478 MiB and `--json` 1.3 GB for such a week. Now rows are written as they
are read. Peak memory is the child's own (getrusage), measured in a wrapper process of its own
so nothing else this test run started counts. Time is for bench/bench_volume.py, not for a test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.history.store import Store

ROWS = 100_000
WEEK = "2026-W47"
# Run the command, then print its peak RSS (KiB) on stderr's last line.
MEASURED = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@pytest.fixture(scope="module")
def week_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A history with 100,000 notifications in ISO week 2026-W47, one in ten with a 2 KB body."""
    home = tmp_path_factory.mktemp("volume")
    db = home / "data" / "notifyzen" / "notifyzen.db"
    db.parent.mkdir(parents=True)
    start = datetime(2026, 11, 16, tzinfo=ZoneInfo("Europe/Amsterdam"))
    step = timedelta(days=7) / ROWS
    store = Store(db)
    with store.transaction():
        for i in range(ROWS):
            body = ("2 KB body " * 205)[:2048] if i % 10 == 0 else f"message {i} with an ordinary body"
            n = Notification(app_name=f"app{i % 7}", summary=f"message {i}", body=body, at=start + step * i)
            store.add(store.reserve_id(), n, Decision(Verdict.DELIVER, "default", ""), origin="server")
    store.close()
    yield {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TZ": "Europe/Amsterdam",
    }


def history_peak(env: dict[str, str], *args: str, out: Path) -> float:
    """Run `notifyzen history ARGS` into `out`; its peak RSS in MiB."""
    argv = [sys.executable, "-m", "notifyzen", "history", *args]
    with out.open("wb") as sink:
        done = subprocess.run(
            [sys.executable, "-c", MEASURED, *argv], env=env, stdout=sink, stderr=subprocess.PIPE, timeout=300
        )
    err = done.stderr.decode().strip().splitlines()
    assert done.returncode == 0, "\n".join(err)
    return int(err[-1]) / 1024


@pytest.mark.slow
def test_history_jsonl_of_a_100000_week_writes_every_row_in_under_150_mib(
    week_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "week.jsonl"
    peak = history_peak(week_env, "--jsonl", "--week", WEEK, out=out)
    with out.open() as lines:
        count = sum(1 for _ in lines)
    assert count == ROWS
    assert peak < 150, f"history --jsonl peaked at {peak:.0f} MiB"


@pytest.mark.slow
def test_history_json_of_a_100000_week_is_one_array_in_under_150_mib(
    week_env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "week.json"
    peak = history_peak(week_env, "--json", "--week", WEEK, out=out)
    with out.open() as text:
        rows = json.load(text)
    assert len(rows) == ROWS and rows[-1]["summary"] == f"message {ROWS - 1}"
    assert peak < 150, f"history --json peaked at {peak:.0f} MiB"


@pytest.mark.slow
def test_report_text_of_a_100000_week_stays_under_250_mib(week_env: dict[str, str], tmp_path: Path) -> None:
    """The report's suggestions used to replay the whole week twice each through ORM rows (583 MiB,
    minutes); past 10,000 notifications a week they now come without the what-if figure."""
    argv = [sys.executable, "-m", "notifyzen", "report", "--text", "--week", WEEK]
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, *argv], env=week_env, capture_output=True, text=True, timeout=600
    )
    err = done.stderr.strip().splitlines()
    assert done.returncode == 0, done.stderr
    assert "Notifications: 100000" in done.stdout
    peak = int(err[-1]) / 1024
    assert peak < 250, f"report --text peaked at {peak:.0f} MiB"
