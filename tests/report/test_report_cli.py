"""`notifyzen report --out` as a cron job runs it: no screen, a real history, real files out."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bench.reportweek import lived_week, write_history
from notifyzen.core.report import IsoWeek

AMS = ZoneInfo("Europe/Amsterdam")
W47 = IsoWeek(2026, 47)
BODY = "5 minutes of Dutch?"  # weekgen's Duolingo body: in the history, never in a default report


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("history") / "notifyzen.db"
    rows, checkins = [], []
    for week, seed in ((W47.previous(), 1), (W47, 2)):
        r, c, _ = lived_week(week.monday, AMS, seed=seed, size=900)
        rows += r
        checkins += c
    assert any(r["body"] == BODY for r in rows)
    write_history(path, rows, checkins)
    return path


def report(
    history: Path, tmp_path: Path, *args: str, lang: str = "C.UTF-8"
) -> subprocess.CompletedProcess[str]:
    """Run `notifyzen report` with no screen, in the locale `lang` (English unless told)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM") and not k.startswith(("LANG", "LC_"))
    }
    env.update(
        LANG=lang,
        NOTIFYZEN_DB=str(history),
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    return subprocess.run(
        [sys.executable, "-m", "notifyzen", "report", "--tz", "Europe/Amsterdam", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_pdf_without_a_screen(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "week.pdf"
    done = report(history, tmp_path, "--week", "2026-W47", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, timeout=30).stdout
    assert "A4" in info and re.search(r"Pages:\s+[23]\b", info), info
    raw = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=30).stdout
    text = unicodedata.normalize("NFKC", raw)  # the PDF's fonts use ligatures (ﬁ)
    for words in (
        "Week 47, 16 Nov – 22 Nov 2026",
        "Notifications per day",
        "Top people",
        "Against the week before",
    ):
        assert words in text
    assert BODY not in text


def pdf_text(path: Path) -> str:
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=30).stdout
    return unicodedata.normalize("NFKC", raw)  # the PDF's fonts use ligatures (ﬁ)


def test_a_dutch_session_gets_a_dutch_pdf(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "week.pdf"
    done = report(history, tmp_path, "--week", "2026-W47", "--out", str(out), lang="nl_NL.UTF-8")
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    for words in (
        "Week 47, 16 nov – 22 nov 2026",
        "Meldingen per dag",
        "Onderbrekingen voorkomen",
        "Top-personen",
        "Vergeleken met de week ervoor",
        "Suggesties",
    ):
        assert words in text
    assert re.search(r"Strava: \d+ verstuurd, 0 geopend — dempen\?", text)
    for english in ("Notifications per day", "Top people", "Against the week before", "Suggestions"):
        assert english not in text
    # the same week in English: other words, the same numbers
    english_out = tmp_path / "week-en.pdf"
    assert report(history, tmp_path, "--week", "2026-W47", "--out", str(english_out)).returncode == 0
    assert numbers(text) == numbers(pdf_text(english_out))


def numbers(text: str) -> list[str]:
    """Every number in a text, sorted; "1.000" and "2,5" (Dutch) read as "1000" and "2.5" do."""
    return sorted(re.findall(r"\d+", re.sub(r"(?<=\d)[.,](?=\d)", "", text)))


def test_a_dutch_session_gets_dutch_mistakes(history: Path, tmp_path: Path) -> None:
    done = report(
        history, tmp_path, "--week", "2026-W47", "--out", str(tmp_path / "week.txt"), lang="nl_NL.UTF-8"
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"notifyzen: --out {tmp_path / 'week.txt'}: de bestandsnaam moet eindigen op .png, .pdf of .html"
    )


@pytest.mark.slow
def test_png_and_self_contained_html(history: Path, tmp_path: Path) -> None:
    png, page = tmp_path / "week.png", tmp_path / "week.html"
    for out in (png, page):
        done = report(history, tmp_path, "--week", "2026-W47", "--out", str(out))
        assert done.returncode == 0, done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = page.read_text()
    assert "default-src 'none'" in html
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", html)
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 8
    assert all(base64.b64decode(i)[:4] == b"\x89PNG" for i in images)
    assert "Top apps" in html and "Strava" in html and BODY not in html
    # the default preset's windows give focus figures, the simulator a figure for the suggestion
    assert "no focus windows this week" not in html
    assert re.search(
        r"Strava: \d+ sent, 0 opened — mute\? \(would have muted \d+ notifications that week", html
    )


def test_bodies_only_with_show_bodies(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "bodies.html"
    done = report(history, tmp_path, "--week", "2026-W47", "--out", str(out), "--show-bodies")
    assert done.returncode == 0, done.stderr
    assert "Includes notification texts." in out.read_text()


def test_mistakes_are_one_line(history: Path, tmp_path: Path) -> None:
    wrong_type = report(history, tmp_path, "--week", "2026-W47", "--out", str(tmp_path / "week.txt"))
    assert wrong_type.returncode == 2
    assert (
        wrong_type.stderr.strip()
        == f"notifyzen: --out {tmp_path / 'week.txt'}: the file name must end in .png, .pdf or .html"
    )
    bad_week = report(history, tmp_path, "--week", "2026-W54")
    assert bad_week.returncode == 2 and "2026-W54" in bad_week.stderr
    no_screen = report(history, tmp_path, "--week", "2026-W47")
    assert no_screen.returncode == 2
    assert no_screen.stderr.strip().endswith(
        "no display to open the report window on; use --out FILE.pdf (or .png, .html)"
    )


def test_an_empty_week_and_a_missing_history_still_render(history: Path, tmp_path: Path) -> None:
    for db, name in ((history, "quiet.pdf"), (tmp_path / "never-ran.db", "none.pdf")):
        out = tmp_path / name
        done = report(db, tmp_path, "--week", "2026-W10", "--out", str(out))
        assert done.returncode == 0, done.stderr
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=30).stdout
        assert "Nothing was recorded in this week." in text
        # the schedule's windows were there, but nothing saw them: no stretch, no hours claimed
        assert "nothing recorded, so no focus measured" in text
        assert " h 00 min" not in text
        assert "min in focus windows" not in text
    assert not (tmp_path / "never-ran.db").exists()  # reading never creates a history


def test_an_app_updating_in_place_is_counted_by_its_notifications(tmp_path: Path) -> None:
    """25 copies, each with its progress updated three times (100 rows, written as the running app
    writes them): the report's suggestion speaks of 25 sent, not 100."""
    from dataclasses import replace
    from datetime import datetime, timedelta

    from notifyzen.core.model import Decision, Notification, Verdict
    from notifyzen.history.store import Store

    path = tmp_path / "updates.db"
    s = Store(path)
    shown = Decision(Verdict.DELIVER, "default", "")
    for i in range(25):
        n = Notification(
            app_name="Dolphin", summary="Copying", at=datetime(2026, 11, 17, 9, 2 * i, tzinfo=AMS)
        )
        rows = [s.reserve_id()]
        s.add(rows[0], n, shown, origin="server")
        for step in range(1, 4):
            rows.append(s.reserve_id())
            later = replace(n, summary=f"Copying {25 * step}%", at=n.at + timedelta(seconds=20 * step))
            s.add(rows[-1], later, shown, origin="server", replaces_id=rows[0])
            s.closed(rows[-2], later.at, 4, state="replaced")
    s.close()
    out = tmp_path / "week.html"
    done = report(path, tmp_path, "--week", "2026-W47", "--out", str(out))
    assert done.returncode == 0, done.stderr
    html = out.read_text()
    assert "Dolphin: 25 sent, 0 opened — mute?" in html
    assert "100 sent" not in html


def hostile_history(path: Path) -> tuple[str, str]:
    """A week whose app and person names are markup, entities, a right-to-left override and a
    300-character word, written through the real Store; (app name, person name)."""
    from datetime import datetime, timedelta

    from notifyzen.core.model import Decision, Notification, Verdict
    from notifyzen.history.store import Store

    app = "<script>alert(1)</script>&amp;<img src=x onerror=alert(2)>" + "L" * 300
    person = 'Eve<b>"\u202eon'
    s = Store(path)
    start = datetime(2026, 11, 17, 8, 0, tzinfo=AMS)
    for i in range(25):
        n = Notification(app_name=app, summary="<i>s</i>", body=BODY, at=start + timedelta(minutes=7 * i))
        s.add(s.reserve_id(), n, Decision(Verdict.DELIVER, "default", ""), origin="server")
    for i in range(5):
        at = start + timedelta(hours=3, minutes=9 * i)
        n = Notification(app_name="Signal", summary="hi", body=BODY, sender=person, at=at)
        s.add(
            s.reserve_id(), n, Decision(Verdict.DELIVER, "default", "", window="deep work"), origin="server"
        )
    s.close()
    return app, person


def test_names_are_shown_as_sent_never_as_markup(tmp_path: Path) -> None:
    """The window's labels, the PDF and the PNG draw names as text: nothing swallowed as a tag or
    an entity, an override does not reverse our sentence, and a long name does not widen the page."""
    path = tmp_path / "hostile.db"
    app, _ = hostile_history(path)
    pdf, png = tmp_path / "week.pdf", tmp_path / "week.png"
    for out in (pdf, png):
        done = report(path, tmp_path, "--week", "2026-W47", "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert "QFSFileEngine" not in done.stderr  # Qt tried to load <img src=x>
    text = pdf_text(pdf)
    assert f"{app[:21]}..." in text  # the top apps chart's label
    assert f"{app[:59]}...: 25 sent, 0 opened — mute?" in text  # NFKC reads "…" as "..."
    assert 'Eve<b>"no broke through 5 times during focus — hold for check-ins?' in text  # "on" reversed
    assert BODY not in text
    width = int.from_bytes(png.read_bytes()[16:20], "big")
    assert width == 2 * 1240  # the view's width at scale 2, whatever the names


def test_a_folder_that_is_not_there_is_one_plain_line(history: Path, tmp_path: Path) -> None:
    """The reason from the system, the path said once, whichever format."""
    for name in ("week.pdf", "week.png", "week.html"):
        out = tmp_path / "missing" / name
        done = report(history, tmp_path, "--week", "2026-W47", "--out", str(out))
        assert done.returncode == 2
        ours = [line for line in done.stderr.splitlines() if line.startswith("notifyzen:")]
        assert ours == [f"notifyzen: cannot write {out}: No such file or directory"], done.stderr
