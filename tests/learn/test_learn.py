"""The learned model (issue 20): it learns a simulated user's hidden preferences from their
reactions alone, explains a score in the user's words, and lives beside a real SQLite history
with its privacy: 0600, taught incrementally from the reaction table, gone with the history."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from notifyzen.core.model import DELIVER_BY_DEFAULT, Notification
from notifyzen.core.proposals import Seen
from notifyzen.core.proposals_sim import Preferences, SimUser
from notifyzen.core.reaction import Reaction, ReactionKind
from notifyzen.core.replay import Entry
from notifyzen.core.ruleload import load_active
from notifyzen.core.weekgen import generate_week
from notifyzen.core.whatif import simulate
from notifyzen.desktop import paths
from notifyzen.history import store
from notifyzen.learn import files
from notifyzen.learn.model import Model
from notifyzen.learn.train import catch_up, label, train

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = date(2026, 11, 16)
PREFS = Preferences(
    must_come=frozenset({"Anke"}), never_read=frozenset({"BBC News"}), chatty=frozenset({"Family"})
)


def _lived(tmp_path: Path, week: int) -> list[Seen]:
    loaded = load_active(tmp_path, paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None
    config = replace(loaded.config, zone=BERLIN)
    events = generate_week(MONDAY + timedelta(weeks=week), BERLIN, seed=50 + week)
    run = simulate([Entry(i + 1, e) for i, e in enumerate(events)], loaded.rules, config)
    return SimUser(PREFS, seed=week).react(run, config)


def _auc(scored: list[tuple[float, bool]]) -> float:
    pos = [s for s, y in scored if y]
    neg = [s for s, y in scored if not y]
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def test_a_week_of_reactions_teaches_what_the_user_opens_and_says_why(tmp_path: Path) -> None:
    model = Model(BERLIN)
    assert model.score(_lived(tmp_path, 0)[0].n) == 0.5  # knowing nothing
    used = train(model, [(s.n, r) for s in _lived(tmp_path, 0) for r in s.reactions])
    assert used > 300
    # Next week, unseen: does the score rank what the user opened above what they left?
    scored = []
    for s in _lived(tmp_path, 1):
        first = next((label(r) for r in s.reactions if r.kind is not ReactionKind.SHOWN), None)
        if first is not None and s.shown_at is not None:
            scored.append((model.score(s.n), first[0]))
    assert len(scored) > 200 and _auc(scored) >= 0.7
    anke = next(s.n for s in _lived(tmp_path, 1) if s.n.sender == "Anke")
    news = next(s.n for s in _lived(tmp_path, 1) if s.n.app_name == "BBC News")
    assert model.score(anke) > 0.7 > 0.3 > model.score(news)
    said = model.explain(anke)
    assert said.startswith("model score 0.") and "from Anke (+)" in said, said
    assert "in BBC News (-)" in model.explain(news)


def _note(at_minutes: int, who: str = "Anke") -> Notification:
    at = (MONDAY + timedelta(days=1)).isoformat()
    from datetime import datetime

    t = datetime.fromisoformat(f"{at}T09:00:00+01:00") + timedelta(minutes=at_minutes)
    return Notification("Signal", who, t, "lunch at 1?", sender=who, category="im.received")


def test_the_model_is_taught_from_the_history_kept_private_beside_it_and_goes_with_it(tmp_path: Path) -> None:
    db = tmp_path / "notifyzen.db"
    s = store.Store(db)
    for i in range(6):
        n = _note(10 * i)
        s.add(i + 1, n, DELIVER_BY_DEFAULT, origin="server")
        s.react(
            Reaction(
                i + 1, ReactionKind.OPENED, n.at + timedelta(seconds=40), after_shown=timedelta(seconds=40)
            )
        )
    s.close()

    model = catch_up(db, BERLIN)
    assert model.labelled == 6 and model.score(_note(99)) > 0.5
    kept = files.model_file(db)
    assert kept.parent == db.parent and stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert files.load(db, BERLIN).labelled == 6
    # Incremental: the next catch-up learns only what came since.
    s = store.Store(db)
    n = _note(120, "Sam")
    s.add(7, n, DELIVER_BY_DEFAULT, origin="server")
    s.react(Reaction(7, ReactionKind.COULD_HAVE_WAITED, n.at + timedelta(seconds=5)))
    s.close()
    assert catch_up(db, BERLIN).labelled == 7

    # The history deleted, a new one started: what was learned from the old one goes too. (The old
    # file stays linked elsewhere, as a backup would keep it, so its inode is not handed out again.)
    (tmp_path / "backup").mkdir()
    db.rename(tmp_path / "backup" / db.name)
    for leftover in tmp_path.glob("notifyzen.db*"):
        if leftover != kept:
            leftover.unlink()
    store.Store(db).close()
    assert files.load(db, BERLIN).labelled == 0 and not kept.exists()


def test_an_unreadable_model_file_starts_over_without_a_traceback(tmp_path: Path) -> None:
    db = tmp_path / "notifyzen.db"
    store.Store(db).close()
    files.model_file(db).write_text("{not json")
    assert files.load(db, BERLIN).labelled == 0


def test_with_retention_the_words_of_erased_texts_leave_the_model_too(tmp_path: Path) -> None:
    """`retention: {bodies_days: 30}` erases texts from the history; what the model learned from
    their words goes after as long (who and which app stay: the history keeps those too)."""
    db = tmp_path / "notifyzen.db"
    s = store.Store(db)
    for i in range(6):
        n = _note(10 * i)
        s.add(i + 1, n, DELIVER_BY_DEFAULT, origin="server")
        s.react(
            Reaction(
                i + 1, ReactionKind.OPENED, n.at + timedelta(seconds=40), after_shown=timedelta(seconds=40)
            )
        )
    s.close()
    soon = _note(0).at + timedelta(days=10)
    kept = catch_up(db, BERLIN, bodies_days=30, now=soon)
    assert "word=lunch" in kept.z
    later = _note(0).at + timedelta(days=31)
    model = catch_up(db, BERLIN, bodies_days=30, now=later)
    assert "word=lunch" not in model.z and "person=Anke" in model.z
    assert "lunch" not in files.model_file(db).read_text()
    assert "'lunch'" not in model.explain(_note(99))


def test_a_notification_removed_on_the_phone_teaches_nothing_either_way() -> None:
    """Read there, swiped away there or withdrawn by its app: the phone does not say which."""
    n = Notification("Signal", "Anke", datetime(2026, 11, 16, 9, 30, tzinfo=BERLIN), sender="Anke")
    gone = Reaction(1, ReactionKind.REMOVED_ON_PHONE, n.at + timedelta(minutes=3))
    assert label(gone) is None
    model = Model(BERLIN)
    assert train(model, [(n, gone)]) == 0 and model.score(n) == 0.5
    opened_later = Reaction(1, ReactionKind.OPENED, n.at + timedelta(minutes=4))
    assert train(model, [(n, gone), (n, opened_later)]) == 1  # it does not hide a later answer
