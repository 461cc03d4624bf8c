"""Screenshots of proposed rules (issue 20) in the digest and the weekly report, for looking at.

    Xvfb :9 -screen 0 1400x1000x24 &  DISPLAY=:9 python3 bench/proposal_shots.py shots/

A simulated user (Anke must come through, BBC News never read, the Family group chatty) lives
2026-W49 under the shipped defaults; the week and their reactions go into a real history in a
throwaway home, as the app records them. Writes digest-proposal.png (the digest at a check-in,
"Show what would change" open) and report-proposals.png (the report window at its suggestions),
each `import -window root`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 11, 30)


def lived_week(home: Path) -> Path:
    from notifyzen.core.model import Notification
    from notifyzen.core.proposals_sim import Preferences, SimUser
    from notifyzen.core.replay import week_span
    from notifyzen.core.ruleload import load_active
    from notifyzen.core.weekgen import generate_week
    from notifyzen.core.whatif import simulate
    from notifyzen.desktop import paths
    from notifyzen.history.store import Store
    from notifyzen.history.week import read_week

    db = home / "history.db"
    store = Store(db)
    for event in generate_week(MONDAY, BERLIN, seed=8):
        if isinstance(event, Notification):
            store.insert(event, origin="server")
    loaded = load_active(home / "none", paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None
    config = replace(loaded.config, zone=BERLIN)
    entries = read_week(db, *week_span(MONDAY, BERLIN), config.idle_breakpoint)
    prefs = Preferences(frozenset({"Anke"}), frozenset({"BBC News"}), frozenset({"Family"}), answers=0.8)
    for seen in SimUser(prefs, seed=8).react(simulate(entries, loaded.rules, config), config):
        for r in seen.reactions:
            store.react(r)
    store.close()
    return db


def main() -> None:
    out = Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="notifyzen-shots-"))
    os.environ.update(
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        NOTIFYZEN_DB=str(home / "history.db"),
        TZ="Europe/Berlin",
    )
    db = lived_week(home)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from notifyzen.commands.report import active_schedule, make_loader
    from notifyzen.core.isoweek import IsoWeek
    from notifyzen.core.model import Decision, Item, Notification, Verdict
    from notifyzen.learn.week import proposals_for
    from notifyzen.ui.digest import DigestWindow
    from notifyzen.ui.report import ReportWindow

    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    schedule, problem = active_schedule(db)
    assert problem is None, problem

    def shoot(name: str) -> None:  # the whole X screen, as a user would see it
        subprocess.run(["import", "-window", "root", str(out / name)], check=True, timeout=30)

    from notifyzen.core.ruleload import load_active
    from notifyzen.desktop import paths

    loaded = load_active(paths.config_dir(), paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None
    week = proposals_for(db, loaded.rules, loaded.config, IsoWeek(2026, 49).bounds(BERLIN))
    digest = DigestWindow()
    at = datetime(2026, 12, 7, 10, 30, tzinfo=BERLIN)
    held = [
        ("Slack", "Priya Raman", "can you review !482?", "Priya Raman", 25),
        ("Slack", "#team-backend", "Tomasz Nowak: I pushed a fix", "#team-backend", 18),
        ("Thunderbird", "Helga Brandt (HR)", "Re: your leave request", "Helga Brandt (HR)", 40),
        ("BBC News", "Rail strike called off", "", None, 55),
        ("Firefox", "Pipeline #7312 passed", "notifyzen · main", None, 12),
    ]
    digest.set_items(
        [
            Item(i + 1, Notification(app_, summary, at - timedelta(minutes=m), body, sender=who),
                 Decision(Verdict.HOLD, "default", "no rule matched in a focus window", window="deep work"))
            for i, (app_, summary, body, who, m) in enumerate(held)
        ],
        at=at,
    )  # fmt: skip
    digest.proposal.set_proposals([p.as_json() for p in week.proposals if p.name == "Anke comes through"])
    digest.proposal.show_button.click()
    digest.setGeometry(40, 40, 900, 760)
    digest.show()

    w49 = IsoWeek(2026, 49)
    report = ReportWindow(make_loader(BERLIN, db=db, schedule=schedule), w49, latest=w49)

    def first() -> None:
        shoot("digest-proposal.png")
        digest.hide()
        report.setGeometry(0, 0, 1400, 1000)
        report.show()
        QTimer.singleShot(2500, second)

    def second() -> None:
        bar = report.scroller.verticalScrollBar()
        bar.setValue(bar.maximum())
        QTimer.singleShot(800, third)

    def third() -> None:
        shoot("report-proposals.png")
        app.quit()

    QTimer.singleShot(1500, first)
    app.exec()


if __name__ == "__main__":
    main()
