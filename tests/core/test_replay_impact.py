"""What one candidate rule would have changed: the line under the digest's "always mute/allow"
buttons and beside the report's suggestions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.config import Config
from notifyzen.core.model import Notification
from notifyzen.core.replay import Entry
from notifyzen.core.replay_summary import Impact
from notifyzen.core.ruleload import load_active
from notifyzen.core.rules import RuleSet, is_person
from notifyzen.core.weekgen import generate_week
from notifyzen.core.whatif import rule_from_spec, rule_impact, simulate
from notifyzen.desktop import paths

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def defaults(tmp_path_factory: pytest.TempPathFactory) -> tuple[RuleSet, Config]:
    loaded = load_active(tmp_path_factory.mktemp("empty"), paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None
    return loaded.rules, replace(loaded.config, zone=BERLIN)


@pytest.fixture(scope="module")
def week() -> list[Notification]:
    return [e for e in generate_week(date(2026, 11, 16), BERLIN, seed=1) if isinstance(e, Notification)]


def test_muting_an_app_counts_what_it_would_have_muted_none_from_people(
    defaults: tuple[RuleSet, Config], week: list[Notification]
) -> None:
    rules, config = defaults
    impact = rule_impact(
        week,
        rules,
        config,
        rule_from_spec({"name": "mute news", "match": {"app": "BBC News"}, "action": "mute"}),
    )
    news = [n for n in week if n.app_name == "BBC News"]
    assert impact.muted == len(news) > 0
    assert (impact.held, impact.delivered, impact.people_muted) == (0, 0, 0)
    assert impact.sentence() == f"would have muted {len(news)} notifications last week, 0 of them from people"


def test_always_allowing_a_person_shows_their_held_messages_at_once(
    defaults: tuple[RuleSet, Config], week: list[Notification]
) -> None:
    rules, config = defaults
    allow = rule_from_spec({"name": "Priya always", "match": {"sender": "Priya Raman"}, "action": "deliver"})
    impact = rule_impact(week, rules, config, allow)
    before = simulate([Entry(i + 1, n) for i, n in enumerate(week)], rules, config)
    held_before = [
        o
        for o in before.outcomes
        if o.notification.sender == "Priya Raman" and o.decision.verdict.value == "hold"
    ]
    assert impact.delivered == impact.people_delivered == len(held_before) > 0
    assert impact.interruptions_after > impact.interruptions_before
    assert all(is_person(o.notification) for o in held_before)
    assert f"would have shown at once {len(held_before)} notifications last week" in impact.sentence()


def test_a_rule_that_matches_nothing_changes_nothing(
    defaults: tuple[RuleSet, Config], week: list[Notification]
) -> None:
    rules, config = defaults
    impact = rule_impact(
        week, rules, config, rule_from_spec({"name": "x", "match": {"app": "Nope"}, "action": "mute"})
    )
    assert impact.sentence("that week") == "would have changed nothing that week"
    assert rule_impact([], rules, config, rule_from_spec({"name": "x", "action": "mute"})) == Impact(
        0, 0, 0, 0, 0, 0, 0, 0, 0
    )


def test_a_bad_spec_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="urgncy"):
        rule_from_spec({"name": "x", "match": {"urgncy": "low"}, "action": "mute"})


def test_one_notification_reads_in_the_singular(
    defaults: tuple[RuleSet, Config], week: list[Notification]
) -> None:
    rules, config = defaults
    one = [n for n in week if n.app_name == "Discover"][:1]
    assert one, "the generated week has an update notice"
    impact = rule_impact(
        one, rules, config, rule_from_spec({"name": "m", "match": {"app": "Discover"}, "action": "mute"})
    )
    assert impact.sentence() == "would have muted 1 notification last week, 0 of them from people"
