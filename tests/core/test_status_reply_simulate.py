"""`notifyzen rules simulate` with status replies switched on in config.yaml: a generated week says
how many replies would go out and that every promise was kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from notifyzen.core.model import Notification
from notifyzen.core.replay import to_jsonl_line
from notifyzen.core.weekgen import generate_week

AMS = ZoneInfo("Europe/Amsterdam")


def _simulate(tmp_path: Path, config: str, *args: str) -> subprocess.CompletedProcess[str]:
    events = generate_week(date(2026, 11, 16), AMS, seed=3)
    tmp_path.mkdir(parents=True, exist_ok=True)
    week = tmp_path / "week.jsonl"
    week.write_text("".join(to_jsonl_line(e) + "\n" for e in events))
    senders = sorted({e.sender for e in events if isinstance(e, Notification) and e.sender})
    (tmp_path / "config" / "notifyzen").mkdir(parents=True)
    (tmp_path / "config" / "notifyzen" / "config.yaml").write_text(
        config.replace("PEOPLE", json.dumps(senders, ensure_ascii=False))
    )
    env = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "NOTIFYZEN_DB": str(tmp_path / "history.db"),
        "TZ": "Europe/Amsterdam",
    }
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", "rules", "simulate", "--input", str(week), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_simulate_counts_status_replies_and_kept_promises(tmp_path: Path) -> None:
    done = _simulate(tmp_path, "status_reply:\n  people: PEOPLE\n", "--json")
    assert done.returncode == 0, done.stderr
    replies = json.loads(done.stdout)["status_replies"]
    assert replies["sent"] >= 10
    assert replies["kept"] == replies["sent"]


def test_simulate_text_says_so_and_nothing_without_opt_in(tmp_path: Path) -> None:
    done = _simulate(tmp_path / "on", "status_reply:\n  people: PEOPLE\n")
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("Status replies:")]
    sent = int(line.split()[2])
    assert line.endswith(f"{sent} shown by the time promised (100%).")
    off = _simulate(tmp_path / "off", "status_reply:\n  people: PEOPLE\n  enabled: false\n")
    assert off.returncode == 0, off.stderr
    assert "Status replies" not in off.stdout
