"""`notifyzen rules simulate` as a user runs it: files, the history, candidates, errors."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from notifyzen.cli import main
from notifyzen.core.model import Notification
from notifyzen.core.replay import to_jsonl_line
from notifyzen.core.timeline import CheckIn
from notifyzen.core.weekgen import generate_week
from notifyzen.history.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A throwaway user: no config, no rules of their own, no history yet; Berlin time."""
    env = {
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "NOTIFYZEN_DB": str(tmp_path / "history.db"),
        "TZ": "Europe/Berlin",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return {**os.environ, **env}


@pytest.fixture
def week_file(tmp_path: Path) -> tuple[Path, int]:
    events = generate_week(date(2026, 11, 16), BERLIN, seed=1)
    path = tmp_path / "week.jsonl"
    path.write_text("".join(to_jsonl_line(e) + "\n" for e in events))
    return path, sum(isinstance(e, Notification) for e in events)


def simulate(*args: str) -> int:
    return main(["rules", "simulate", *args])


def cli(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", "rules", "simulate", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_week_reads_at_a_glance(
    home: dict[str, str], week_file: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    path, count = week_file
    assert simulate("--input", str(path)) == 0
    out = capsys.readouterr().out
    rows = {line[:34].strip(): line[34:].split() for line in out.splitlines() if line.startswith("  ")}
    assert rows["notifications"] == [str(count), str(count)]
    assert rows["muted"][1] == "0"
    rules, passthrough = (int(v) for v in rows["interruptions in focus windows"])
    assert rules < passthrough
    assert "people's messages waited: median" in out and "(max wait 90 min)" in out
    assert "Changed most" in out
    assert len([line for line in out.splitlines() if " → " in line]) == 5


def test_json_has_one_result_per_notification_in_input_order(
    home: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = generate_week(date(2026, 11, 16), BERLIN, seed=2)
    random.Random(0).shuffle(events)  # a file need not be in time order
    path = tmp_path / "shuffled.jsonl"
    path.write_text("".join(to_jsonl_line(e) + "\n" for e in events))
    assert simulate("--input", str(path), "--json") == 0
    report = json.loads(capsys.readouterr().out)

    lines = [i + 1 for i, e in enumerate(events) if isinstance(e, Notification)]
    results = report["notifications"]
    assert [r["line"] for r in results] == lines
    assert {r["decision"] for r in results} <= {"deliver", "hold", "mute"}
    assert {r["shown_by"] for r in results} <= {
        "arrival",
        "checkin",
        "max_wait",
        "breakpoint",
        "hold_until",
        None,
    }
    for r in results:
        assert (r["shown_at"] is None) == (r["shown_by"] is None)
        if r["shown_at"] is not None:
            assert datetime.fromisoformat(r["shown_at"]) >= datetime.fromisoformat(r["at"])
        assert r["rule"]
    assert report["max_wait_minutes"] == 90 and isinstance(report["max_wait_minutes"], int)
    assert all(datetime.fromisoformat(c).utcoffset() is not None for c in report["checkins"])
    assert {f["name"] for f in report["focus"]} == {"deep work", "sleep"}
    assert len([f for f in report["focus"] if f["name"] == "deep work"]) == 5 * 3
    summary = report["summary"]
    assert summary["notifications"] == len(lines)
    assert summary["delivered"] + summary["held"] + summary["muted"] == len(lines)


def test_a_bad_line_is_one_clear_error_and_nothing_is_printed(home: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "week.jsonl"
    path.write_text(
        '{"at": "2026-11-16T09:14:03+01:00", "app_name": "Signal", "summary": "Anke"}\n'
        "\n"
        '{"at": "2026-11-16T09:20:00", "app_name": "Signal", "summary": "Anke"}\n'
    )
    done = cli(home, "--input", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"{path}:3: " in done.stderr and "no UTC offset" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 2  # "cannot replay FILE:" and the line itself


def test_stdin_works_too(home: dict[str, str], week_file: tuple[Path, int]) -> None:
    path, count = week_file
    done = cli(home, "--input", "-", "--json", stdin=path.read_text())
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["notifications"]) == count


def test_compare_without_a_candidate_says_what_is_missing(
    home: dict[str, str], week_file: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert simulate("--input", str(week_file[0]), "--compare") == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "--compare needs a candidate" in captured.err


CANDIDATE = """
rules:
  - name: no strava
    match: {app: Strava}
    action: mute
  - name: anke always
    match: {sender: Anke}
    action: deliver
"""


def test_compare_shows_what_a_candidate_changes_per_app_and_per_person(
    home: dict[str, str], tmp_path: Path, week_file: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    candidate = tmp_path / "candidate"
    candidate.mkdir()
    (candidate / "10-mine.yaml").write_text(CANDIDATE)
    assert simulate("--input", str(week_file[0]), "--rules", str(candidate), "--compare") == 0
    out = capsys.readouterr().out
    per_app = out[out.index("Per app") : out.index("Per person")]
    per_person = out[out.index("Per person") : out.index("Changed most")]
    assert "Strava" in per_app and "Strava" not in per_person
    assert "Anke" in per_person

    assert simulate("--input", str(week_file[0]), "--rules", str(candidate), "--compare", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    strava = next(g for g in report["compare"]["per_app"] if g["name"] == "Strava")
    assert strava["candidate"]["muted"] == strava["candidate"]["notifications"] > 0
    assert strava["active"]["muted"] == 0
    anke = next(g for g in report["compare"]["per_person"] if g["name"] == "Anke")
    assert anke["candidate"]["held"] == 0 < anke["active"]["held"]
    assert {r["rule"] for r in report["notifications"]} >= {"no strava", "anke always"}
    assert len(report["compare"]["active"]["notifications"]) == len(report["notifications"])


def test_a_broken_candidate_names_file_and_line(
    home: dict[str, str], tmp_path: Path, week_file: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("rules:\n  - name: x\n    match: {ap: Strava}\n    action: mute\n")
    assert simulate("--input", str(week_file[0]), "--rules", str(broken)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{broken}:3:" in captured.err and '"ap"' in captured.err


def _store(path: Path, notifications: list[Notification], checkins: list[CheckIn]) -> None:
    """The history as the running app writes it: through its own Store."""
    store = Store(path)
    try:
        for n in notifications:
            store.insert(n, origin="server")
        for c in checkins:
            store.checkin(c)
    finally:
        store.close()


def _row(local: str, app: str, summary: str, sender: str | None = None, **kw: Any) -> Notification:
    at = datetime.fromisoformat(local).replace(tzinfo=BERLIN)
    return Notification(app_name=app, summary=summary, at=at, sender=sender, **kw)


def test_a_stored_week_replays_with_its_breakpoints(
    home: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        _row("2026-11-15 23:59", "Signal", "Anke", "Anke"),  # Sunday of W46: not this week
        _row("2026-11-16 09:10", "BBC News", "Storm warning"),  # held in deep work ...
        _row("2026-11-16 09:20", "Signal", "Anke", "Anke"),
        _row("2026-11-16 09:30", "Calendar", "Standup in 5 minutes", time_sensitive=True),
        _row("2026-11-22 21:00", "Strava", "Kudos"),
        _row("2026-11-23 00:00", "Signal", "Anke", "Anke"),  # Monday of W48
    ]
    back = datetime(2026, 11, 16, 9, 45, tzinfo=BERLIN)  # ... until the user came back from a break
    _store(Path(home["NOTIFYZEN_DB"]), rows, [CheckIn(back, "breakpoint")])
    assert simulate("--week", "2026-W47", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    results = report["notifications"]
    assert [r["line"] for r in results] == [2, 3, 4, 5]  # history row ids
    assert [r["shown_by"] for r in results[:2]] == ["breakpoint", "breakpoint"]
    assert {r["shown_at"] for r in results[:2]} == {"2026-11-16T09:45:00+01:00"}
    assert (results[2]["rule"], results[2]["shown_by"]) == ("time-sensitive", "arrival")  # its flag survived
    assert report["span"] == {"start": "2026-11-16T00:00:00+01:00", "end": "2026-11-23T00:00:00+01:00"}


def test_a_stored_breakpoint_where_a_window_ended_is_not_replayed_as_a_return_from_idle(
    home: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window_end = datetime(2026, 11, 16, 15, 30, tzinfo=BERLIN)  # deep work 14:00-15:30 ended
    _store(
        Path(home["NOTIFYZEN_DB"]),
        [_row("2026-11-16 15:20", "BBC News", "Storm warning")],
        [CheckIn(window_end, "breakpoint")],
    )
    (tmp_path / "no-windows.yaml").write_text("preset: []\n")
    (tmp_path / "hold-news.yaml").write_text(
        "rules:\n  - {name: hold news, match: {app: BBC News}, action: hold}\n"
    )
    args = ["--week", "2026-W47", "--json", "--config", str(tmp_path / "no-windows.yaml")]
    assert simulate(*args, "--rules", str(tmp_path / "hold-news.yaml")) == 0
    [result] = json.loads(capsys.readouterr().out)["notifications"]
    assert (result["rule"], result["shown_at"], result["shown_by"]) == (
        "hold news",
        "2026-11-16T17:00:00+01:00",
        "checkin",
    )


def test_a_week_without_history_or_with_a_typo_is_a_clear_error(
    home: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert simulate("--week", "2026-W47") == 2
    assert "no history yet" in capsys.readouterr().err
    assert simulate("--week", "2026-47") == 2
    assert "expected an ISO week like 2026-W47" in capsys.readouterr().err


def test_the_rules_clock_is_the_local_zone_from_tz(
    home: dict[str, str],
    week_file: tuple[Path, int],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "America/New_York")  # the same instants, lived six hours earlier
    assert simulate("--input", str(week_file[0]), "--json") == 0
    report = json.loads(capsys.readouterr().out)
    deep_work = [f for f in report["focus"] if f["name"] == "deep work"]
    assert deep_work[0]["start"] == "2026-11-16T09:00:00-05:00"
    assert all(r["at"].endswith("-05:00") for r in report["notifications"])


@pytest.mark.parametrize("week", ["9999-W52", "0001-W01"])
def test_a_week_at_the_end_of_the_calendar_is_a_clear_error(
    home: dict[str, str], capsys: pytest.CaptureFixture[str], week: str
) -> None:
    """Local midnight of these Mondays is outside what a UTC datetime holds (was an OverflowError)."""
    assert simulate("--week", week) == 2
    assert "--week: " in capsys.readouterr().err


def test_the_week_is_named_as_iso_writes_it_however_it_was_typed(
    home: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _store(Path(home["NOTIFYZEN_DB"]), [_row("2026-12-31 09:10", "BBC News", "Storm warning")], [])
    assert simulate("--week", "2026w53") == 0  # 2026 starts on a Thursday: it has a week 53
    assert capsys.readouterr().out.startswith(
        "Replay of week 2026-W53 (Mon 2026-12-28 00:00 – Mon 2027-01-04"
    )


def test_a_candidate_runs_while_the_users_own_rules_are_broken(
    home: dict[str, str], tmp_path: Path, week_file: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    """Trying a fixed copy is what a user does when their file is broken; the active set is only
    needed to compare against it. Which of the two sets fails is said."""
    mine = Path(home["XDG_CONFIG_HOME"]) / "notifyzen" / "rules" / "mine.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("rules:\n  - name: x\n    match: {ap: Strava}\n    action: mute\n")
    candidate = tmp_path / "fixed.yaml"
    candidate.write_text(CANDIDATE)
    assert simulate("--input", str(week_file[0]), "--rules", str(candidate), "--json") == 0
    assert {r["rule"] for r in json.loads(capsys.readouterr().out)["notifications"]} >= {"no strava"}

    assert simulate("--input", str(week_file[0]), "--rules", str(candidate), "--compare") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "the active rules do not load" in captured.err and f"{mine}:3:" in captured.err


def test_a_line_that_is_not_utf8_is_named_by_its_line(home: dict[str, str], tmp_path: Path) -> None:
    """A Latin-1 'é' used to give "cannot read FILE: 'utf-8' codec can't decode byte 0xe9 in
    position 1248" (which line?) from a file, and a half-character complaint from stdin."""
    path = tmp_path / "week.jsonl"
    good = b'{"at": "2026-11-16T09:14:03+01:00", "app_name": "Signal", "summary": "Anke"}\n'
    path.write_bytes(
        b"\xef\xbb\xbf" + good + good + b'{"at": "2026-11-16T09:20:00+01:00", "app_name": "Caf\xe9",'
    )
    for done in (
        cli(home, "--input", str(path)),
        subprocess.run(
            [sys.executable, "-m", "notifyzen", "rules", "simulate", "--input", "-"],
            env=home,
            input=path.read_bytes(),
            capture_output=True,
            timeout=120,
        ),
    ):
        err = done.stderr if isinstance(done.stderr, str) else done.stderr.decode()
        assert (done.returncode, done.stdout) in ((2, ""), (2, b""))
        assert ":3: not UTF-8 text (byte 0xe9 at column 53)" in err, err
