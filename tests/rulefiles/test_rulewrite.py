"""Rules made with a button land in the user's own file as readable, loadable YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from notifyzen.core.engine import Engine
from notifyzen.core.model import Verdict
from notifyzen.core.ruleload import load_active, load_rules
from notifyzen.desktop.paths import presets_dir
from notifyzen.rulefiles import write as rulewrite
from tests.harness.digest_items import make_item


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "notifyzen"


def test_rules_are_added_newest_first_named_uniquely_and_load(config: Path) -> None:
    slack = {"app": "Slack", "sender": None, "desktop_entry": "com.slack.Slack"}
    path = rulewrite.append_rule(rulewrite.spec_for("mute", slack), "made in the digest")
    rulewrite.append_rule(rulewrite.spec_for("mute", slack))
    quote = {"app": "Signal", "sender": 'Anke "AK": van Dijk', "desktop_entry": None}
    rulewrite.append_rule(rulewrite.spec_for("allow", quote))
    assert path == config / "rules" / "00-digest.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=file://")
    assert "  # made in the digest\n" in text
    rules, errors = load_rules([path], [])
    assert not errors and rules is not None
    assert [(r.name, r.action.verdict.value if r.action.verdict else None) for r in rules.user] == [
        ('always allow Anke "AK": van Dijk in Signal', "deliver"),
        ("always mute Slack (2)", "mute"),
        ("always mute Slack", "mute"),
    ]


def test_a_rule_that_would_not_load_leaves_the_file_as_it_was(config: Path) -> None:
    path = rulewrite.append_rule(rulewrite.spec_for("mute", {"app": "Spam"}))
    before = path.read_text()
    bad = {"name": "x", "match": {"urgency": "loud"}, "action": "mute"}
    with pytest.raises(ValueError, match="would not load"):
        rulewrite.append_rule(bad)
    assert path.read_text() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["00-digest.yaml"]


def test_nothing_to_match_is_refused(config: Path) -> None:
    with pytest.raises(ValueError, match="nothing to match"):
        rulewrite.spec_for("mute", {"app": None, "sender": None, "desktop_entry": None})


def test_edit_rules_starts_from_the_active_preset_as_comments(config: Path) -> None:
    path = rulewrite.starter_file()
    assert path == config / "rules" / "my-rules.yaml"
    assert "deep work" in path.read_text()  # the default preset, for the user to uncomment
    assert load_active(config, presets_dir()).ok  # and the app still loads, unchanged
    assert rulewrite.starter_file() == path  # the second time it opens the same file


def test_a_dutch_users_digest_rule_file_reads_dutch_and_loads(config: Path) -> None:
    from notifyzen.desktop import i18n

    before = i18n.active_language()
    i18n.use("nl")
    try:
        path = rulewrite.append_rule(rulewrite.spec_for("mute", {"app": "Strava"}))
    finally:
        i18n.use(before)
    text = path.read_text()
    assert '# Regels gemaakt met "Altijd doorlaten"' in text and "description: Regels gemaakt" in text
    rules, errors = load_rules([path], [])
    assert not errors and rules is not None and [r.name for r in rules.user] == ["always mute Strava"]


def _decide(config: Path, app: str, sender: str | None = None) -> tuple[str, str]:
    """What the running app would do with the next notification from `app`, in a focus window."""
    loaded = load_active(config, presets_dir())
    assert loaded.ok and loaded.rules is not None and loaded.config is not None, loaded.errors
    n = make_item(1, app, "next one", sender=sender).notification
    d = Engine(loaded.rules, loaded.config).decide(n)
    return d.verdict.value, d.rule


def test_always_mute_wins_over_a_copied_presets_hold_rule(config: Path) -> None:
    """Issue 18: with work-focus.yaml copied as rules/20-work.yaml, "always mute" on a Thunderbird
    line went to digest.yaml, read after 20-work.yaml, whose `mail` rule held the next mail."""
    (config / "rules").mkdir(parents=True)
    (config / "rules" / "20-work.yaml").write_text((presets_dir() / "work-focus.yaml").read_text())
    assert _decide(config, "Thunderbird")[1] == "mail"
    rulewrite.append_rule(rulewrite.spec_for("mute", {"app": "Thunderbird"}))
    assert _decide(config, "Thunderbird") == (Verdict.MUTE.value, "always mute Thunderbird")
    assert rulewrite.comes_first(make_item(2, "Thunderbird").notification, "always mute Thunderbird") is None


def test_an_old_digest_yaml_is_moved_where_it_wins(config: Path) -> None:
    rules = config / "rules"
    rules.mkdir(parents=True)
    (rules / "20-work.yaml").write_text((presets_dir() / "work-focus.yaml").read_text())
    old = rulewrite.append_rule(
        rulewrite.spec_for("mute", {"app": "Thunderbird"}), path=rules / "digest.yaml"
    )
    assert _decide(config, "Thunderbird")[1] == "mail"  # the silent failure the issue describes
    assert rulewrite.migrate() == rules / "00-digest.yaml"
    assert not old.exists()
    assert _decide(config, "Thunderbird") == (Verdict.MUTE.value, "always mute Thunderbird")


def test_a_newer_rule_beats_an_older_one_in_the_same_file(config: Path) -> None:
    rulewrite.append_rule(rulewrite.spec_for("allow", {"app": "Slack"}))
    rulewrite.append_rule(rulewrite.spec_for("mute", {"app": "Slack", "sender": "Marco"}))
    assert _decide(config, "Slack", "Marco") == (Verdict.MUTE.value, "always mute Marco in Slack")
    assert _decide(config, "Slack", "Anke") == (Verdict.DELIVER.value, "always allow Slack")


def test_the_user_is_told_which_of_their_rules_comes_first(config: Path) -> None:
    rules = config / "rules"
    rules.mkdir(parents=True)
    mine = (presets_dir() / "work-focus.yaml").read_text()
    (rules / "0-mine.yaml").write_text(mine)  # "0-" sorts before "00-"
    _, name = rulewrite.write_rule(rulewrite.spec_for("mute", {"app": "Thunderbird"}))
    first = rulewrite.comes_first(make_item(1, "Thunderbird").notification, name)
    assert first is not None and first.name == "mail" and first.origin.startswith(str(rules / "0-mine.yaml"))


def test_undo_takes_out_only_that_rule_and_leaves_the_file_loading(config: Path) -> None:
    path, first = rulewrite.write_rule(rulewrite.spec_for("mute", {"app": "CI"}), "made in the digest")
    _, second = rulewrite.write_rule(rulewrite.spec_for("allow", {"app": "Signal", "sender": "Anke"}), "why")
    assert rulewrite.made_rules() == [second, first]
    assert rulewrite.remove_rule(first)
    assert rulewrite.made_rules() == [second]
    assert "made in the digest" not in path.read_text() and "# why" in path.read_text()
    assert not rulewrite.remove_rule(first)  # undone already: nothing to do
    assert rulewrite.remove_rule(second)
    assert rulewrite.made_rules() == []
    assert load_active(config, presets_dir()).ok
    rulewrite.append_rule(rulewrite.spec_for("mute", {"app": "CI"}))  # and the file takes new ones
    assert rulewrite.made_rules() == ["always mute CI"]


def test_the_confirmation_says_what_the_rule_would_have_done_last_week(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before "Always mute" writes anything, the question shows the rule tried on the last
    week of the real history file, in the user's words, and where it would go."""
    from datetime import timedelta

    from notifyzen.app import rule_preview
    from notifyzen.core.model import Decision, Notification
    from notifyzen.history.store import Store
    from tests.harness.digest_items import NOW

    db = tmp_path / "history.db"
    monkeypatch.setenv("NOTIFYZEN_DB", str(db))
    store = Store(db)
    shown = Decision(Verdict.DELIVER, "default", "nothing holds it")
    for hours in (1, 5, 30, 200):  # the last one is older than a week
        n = Notification(app_name="CI", summary="Build passed", at=NOW - timedelta(hours=hours))
        store.add(store.reserve_id(), n, shown, origin="server")
    store.close()
    hint = {"app": "CI", "desktop_entry": None, "sender": None}
    impact = rulewrite.impact("mute", hint, NOW)
    assert impact is not None and (impact.muted, impact.people_muted) == (3, 0)
    text = rule_preview("mute", hint, NOW)
    assert text.startswith("Would have muted 3 notifications last week, 0 of them from people.\n")
    assert "00-digest.yaml" in text and not (config / "rules").exists()  # nothing written yet
