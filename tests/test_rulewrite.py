"""Rules made with a button land in the user's own file as readable, loadable YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from notifyzen import rulewrite
from notifyzen.core.ruleload import load_active, load_rules
from notifyzen.paths import presets_dir


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "notifyzen"


def test_rules_are_appended_named_uniquely_and_load(config: Path) -> None:
    slack = {"app": "Slack", "sender": None, "desktop_entry": "com.slack.Slack"}
    path = rulewrite.append_rule(rulewrite.spec_for("mute", slack), "made in the digest")
    rulewrite.append_rule(rulewrite.spec_for("mute", slack))
    quote = {"app": "Signal", "sender": 'Anke "AK": van Dijk', "desktop_entry": None}
    rulewrite.append_rule(rulewrite.spec_for("allow", quote))
    assert path == config / "rules" / "digest.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=file://")
    assert "  # made in the digest\n" in text
    rules, errors = load_rules([path], [])
    assert not errors and rules is not None
    assert [(r.name, r.action.verdict.value if r.action.verdict else None) for r in rules.user] == [
        ("always mute Slack", "mute"),
        ("always mute Slack (2)", "mute"),
        ('always allow Anke "AK": van Dijk in Signal', "deliver"),
    ]


def test_a_rule_that_would_not_load_leaves_the_file_as_it_was(config: Path) -> None:
    path = rulewrite.append_rule(rulewrite.spec_for("mute", {"app": "Spam"}))
    before = path.read_text()
    bad = {"name": "x", "match": {"urgency": "loud"}, "action": "mute"}
    with pytest.raises(ValueError, match="would not load"):
        rulewrite.append_rule(bad)
    assert path.read_text() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["digest.yaml"]


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
    from notifyzen import i18n

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
