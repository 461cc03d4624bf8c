"""A rule of the user's that never decides, because an earlier one always matches first."""

from __future__ import annotations

from pathlib import Path

from notifyzen.core.ruleload import load_active
from notifyzen.core.shadowing import shadowed
from tests.core.rulekit import ruleset

WORK = """
windows:
  - name: deep work
    times: 09:00-12:00
rules:
  - name: mail
    match: {app: [Thunderbird, Evolution]}
    action: hold
  - name: nudge
    match: {app: Slack}
    action: {set_urgency: low}
"""
MINE = """
rules:
  - name: always mute Thunderbird
    match: {app: Thunderbird}
    action: mute
  - name: urgent from Anke
    match: {app: Thunderbird, sender: Anke}
    during: [deep work]
    action: deliver
  - name: Slack from Ben
    match: {app: Slack, sender: Ben}
    action: deliver
  - name: any mail with a pattern
    match: {summary: invoice}
    action: hold
"""


def test_a_rule_below_a_broader_one_never_decides(tmp_path: Path) -> None:
    rules = ruleset(tmp_path, user=WORK + MINE.replace("rules:\n", "", 1))
    found = [(s.rule.name, s.by.name) for s in shadowed(rules.user)]
    assert found == [("always mute Thunderbird", "mail"), ("urgent from Anke", "mail")]
    # not: Slack from Ben (the Slack rule only sets an urgency), nor a pattern rule (broader)


def test_rules_check_names_both_rules_file_and_line(tmp_path: Path) -> None:
    rules_dir = tmp_path / "notifyzen" / "rules"
    rules_dir.mkdir(parents=True)
    (rules_dir / "20-work.yaml").write_text(WORK)
    (rules_dir / "30-mine.yaml").write_text(MINE)
    (tmp_path / "notifyzen" / "config.yaml").write_text("preset: []\n")
    loaded = load_active(tmp_path / "notifyzen", tmp_path / "no-presets")
    assert loaded.ok, loaded.errors
    said = [str(w) for w in loaded.warnings]
    assert any(
        w.startswith(str(rules_dir / "30-mine.yaml") + ":3:1:")
        and 'rule "always mute Thunderbird" never decides: rule "mail" (20-work.yaml:6)' in w
        for w in said
    ), said
