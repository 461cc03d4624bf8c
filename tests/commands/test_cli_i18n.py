"""The CLI speaks the session's language (issue 18, item 10): a Dutch session reads status, history,
rules check/explain and every --help in Dutch, argparse's own words included; any other session
reads them in English, word for word as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from notifyzen.commands.status import describe
from notifyzen.core.model import Decision, Notification, Verdict
from notifyzen.desktop import i18n, words
from notifyzen.history.store import Store

DUTCH = {"LANG": "nl_NL.UTF-8"}
ENGLISH = {"LANG": "en_US.UTF-8"}
AT = datetime(2026, 11, 16, 9, 40, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """A user with one held notification in their history and no rules of their own."""
    data = tmp_path / "data"
    (data / "notifyzen").mkdir(parents=True)
    store = Store(data / "notifyzen" / "notifyzen.db")
    n = Notification(app_name="Slack", summary="Anke: lunch?", at=AT, sender="Anke")
    held = Decision(Verdict.HOLD, "deep-work", "a person, held", release_at=AT.replace(hour=10, minute=30))
    store.add(store.reserve_id(), n, held, origin="server")
    store.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_", "XDG_"))}
    return env | {
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(data),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "TZ": "Europe/Amsterdam",
    }


def notifyzen(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", *args], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def dutch() -> Iterator[None]:
    i18n.use("nl")
    yield
    i18n.use("en")


def test_help_in_dutch_argparse_words_too(home: dict[str, str]) -> None:
    done = notifyzen(home | DUTCH, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("gebruik: notifyzen")
    assert "opties:" in done.stdout and "deze hulp tonen en stoppen" in done.stdout
    assert "jij kiest wanneer je gestoord wordt" in done.stdout
    assert "usage" not in done.stdout and "show this help" not in done.stdout
    sub = notifyzen(home | DUTCH, "rules", "explain", "--help")
    assert "naam van de app, bv. Slack" in sub.stdout and "the notification's title" not in sub.stdout


def test_help_in_english_elsewhere(home: dict[str, str]) -> None:
    for env in (ENGLISH, {"LANG": "de_DE.UTF-8"}, {}):
        done = notifyzen(home | env, "--help")
        assert done.stdout.startswith("usage: notifyzen") and "show this help message and exit" in done.stdout
        assert "Notification etiquette for the Linux desktop" in done.stdout


def test_a_usage_error_in_dutch(home: dict[str, str]) -> None:
    done = notifyzen(home | DUTCH, "rules", "explain")
    assert done.returncode == 2
    assert "fout: deze argumenten zijn verplicht: --app" in done.stderr
    english = notifyzen(home | ENGLISH, "rules", "explain")
    assert "error: the following arguments are required: --app" in english.stderr
    zone = notifyzen(home | DUTCH, "report", "--tz", "Mars/Base")
    assert zone.stderr.strip().endswith("fout: argument --tz: onbekende tijdzone 'Mars/Base'")


def test_rules_check_and_explain_in_dutch_and_english(home: dict[str, str]) -> None:
    assert notifyzen(home | DUTCH, "rules", "check").stdout.strip() == "ok: 5 regels, 2 focusvensters"
    assert notifyzen(home | ENGLISH, "rules", "check").stdout.strip() == "ok: 5 rules, 2 focus windows"
    at = ["--at", "2026-11-16T09:40:00+01:00"]
    nl = notifyzen(home | DUTCH, "rules", "explain", "--app", "Slack", *at).stdout
    assert nl.startswith("vastgehouden tot 2026-11-16T10:30+01:00 door regel 'default' tijdens 'deep work': ")
    en = notifyzen(home | ENGLISH, "rules", "explain", "--app", "Slack", *at).stdout
    assert en.startswith("hold until 2026-11-16T10:30+01:00 by rule 'default' during 'deep work': ")


def test_a_broken_rule_file_is_counted_in_dutch(home: dict[str, str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("rules:\n  - name: x\n    match: {app: [unclosed\n")
    done = notifyzen(home | DUTCH, "rules", "check", str(broken))
    assert done.returncode == 1
    assert (
        done.stderr.strip().splitlines()[-1] == "1 fout; notifyzen blijft zijn laatste goede regels gebruiken"
    )


def test_history_in_dutch_and_english(home: dict[str, str]) -> None:
    table = notifyzen(home | DUTCH, "history").stdout.splitlines()
    assert table[0].split() == ["ID", "WANNEER", "APP", "WAT", "GEBEURDE", "TITEL"]
    assert "Anke: lunch?" in table[1] and " vastgehouden " in table[1]
    explained = notifyzen(home | DUTCH, "history", "--explain", "1").stdout.splitlines()
    assert explained[1] == "vastgehouden tot 2026-11-16T10:30+01:00 door regel 'deep-work': a person, held"
    assert notifyzen(home | DUTCH, "history", "--explain", "7").stderr.strip() == (
        "notifyzen: geen melding met id 7 in de geschiedenis"
    )
    english = notifyzen(home | ENGLISH, "history", "--explain", "1").stdout.splitlines()
    assert english[1] == "hold until 2026-11-16T10:30+01:00 by rule 'deep-work': a person, held"
    english_table = notifyzen(home | ENGLISH, "history").stdout.splitlines()
    assert english_table[0].split()[:5] == ["ID", "WHEN", "APP", "WHAT", "HAPPENED"]
    assert " held " in english_table[1]


def test_history_json_stays_as_it_is_for_scripts(home: dict[str, str]) -> None:
    (row,) = json.loads(notifyzen(home | DUTCH, "history", "--json").stdout)
    assert row["explain"].startswith("hold until")  # what a script parses does not change with the locale


def test_status_when_nothing_runs_in_dutch(session_env: dict[str, str]) -> None:
    env = {k: v for k, v in session_env.items() if not k.startswith(("LANG", "LC_"))}
    assert notifyzen(env | DUTCH, "status").stdout.strip() == "notifyzen draait niet in deze sessie."
    assert notifyzen(env | ENGLISH, "status").stdout.strip() == "notifyzen is not running on this session."


STATE = {
    "mode": "server",
    "pid": 4242,
    "taken_in_today": 12,
    "held": 3,
    "next_checkin": "2026-11-16T10:30:00+01:00",
    "clock": "2026-11-16T09:40:00+01:00",
    "focus_window": "deep work",
    "paused": True,
    "dnd": "notifyzen",
    "rules_errors": ["rules/my.yaml:3:5: unknown key 'mach'"],
    "kdeconnect": {
        "available": True,
        "devices": [
            {"name": "Pixel", "reachable": True, "since": "2026-11-16T09:12:00+01:00", "received": 1}
        ],
    },
    "database": "/home/anke/.local/share/notifyzen/notifyzen.db",
}


def test_status_in_dutch(dutch: None) -> None:
    assert describe(STATE).splitlines() == [
        "notifyzen draait in server-modus (pid 4242).",
        "  vandaag binnengekomen: 12",
        "  wacht op het volgende inchecken: 3",
        "  volgende inchecken: 10:30",
        "  focusvenster nu: deep work",
        "  gepauzeerd: alles komt door tot je hervat",
        "  Niet storen van de desktop: aan (van notifyzen, zolang je focust)",
        "  regels: 1 fout; de laatste goede regels gelden tot ze verholpen zijn:",
        "    rules/my.yaml:3:5: unknown key 'mach'",
        "  telefoons: Pixel (verbonden sinds 09:12, 1 melding)",
        "  geschiedenis: /home/anke/.local/share/notifyzen/notifyzen.db",
    ]


def test_status_in_english() -> None:
    i18n.use("en")
    lines = describe(STATE).splitlines()
    assert lines[0] == "notifyzen is running in server mode (pid 4242)."
    assert lines[7] == "  rules: 1 error; the last good rules apply until they are fixed:"
    assert lines[9] == "  phones: Pixel (connected since 09:12, 1 notification)"
    two = describe(STATE | {"rules_errors": ["a", "b"]})
    assert "  rules: 2 errors; the last good rules apply" in two


def test_the_cli_reads_every_entry_as_qt_reads_the_compiled_catalogue(dutch: None) -> None:
    """The CLI reads the .ts (no Qt at start), the app the .qm: the same words either way."""
    for context in ET.parse(i18n.ts_file("nl")).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if message.get("numerus") == "yes":
                assert words.translate(name, source, None, 2) == i18n.translate(name, source, None, 2), source
            else:
                assert words.translate(name, source) == i18n.translate(name, source), source


LOADED = """
import contextlib, io, json, sys
from notifyzen import cli
with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.suppress(SystemExit):
    cli.main(sys.argv[1:])
print(json.dumps([out.getvalue(), sorted({m.split(".")[0] for m in sys.modules})]))
"""


@pytest.mark.parametrize("args", [["--help"], ["rules", "check"]], ids=" ".join)
def test_dutch_output_starts_without_qt(home: dict[str, str], args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args], env=home | DUTCH, capture_output=True, text=True, timeout=60
    )
    out, loaded = json.loads(done.stdout.splitlines()[-1])
    assert "gebruik:" in out or "regels" in out
    assert "PySide6" not in loaded and "shiboken6" not in loaded
