"""A proposal's evidence and replay in the session's language (ui/proposal_words.py): in English
word for word what the core says (which `--json` and the rule file's comment keep), in Dutch the
same figures in Dutch words. Proposals from a real replay of a simulated user's week."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from notifyzen.core.proposals_replay import Proposal, propose
from notifyzen.core.proposals_sim import Preferences, SimUser
from notifyzen.core.replay import Entry
from notifyzen.core.ruleload import load_active
from notifyzen.core.weekgen import generate_week
from notifyzen.core.whatif import simulate
from notifyzen.desktop import i18n, paths
from notifyzen.ui import proposal_words as words

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def proposals(tmp_path_factory: pytest.TempPathFactory) -> list[Proposal]:
    loaded = load_active(tmp_path_factory.mktemp("none"), paths.presets_dir())
    assert loaded.rules is not None and loaded.config is not None
    config = replace(loaded.config, zone=BERLIN)
    entries = [Entry(i + 1, e) for i, e in enumerate(generate_week(date(2026, 11, 16), BERLIN, seed=10))]
    prefs = Preferences(frozenset({"Anke"}), frozenset({"BBC News"}), frozenset({"Family"}))
    seen = SimUser(prefs, seed=10).react(simulate(entries, loaded.rules, config), config)
    found = propose(seen, entries, loaded.rules, config)
    assert {p.candidate.kind for p in found} >= {"let through", "cooldown"}
    return found


@pytest.fixture
def language() -> Iterator[None]:
    was = i18n.active_language()
    yield
    i18n.use(was)


def test_in_english_the_words_are_the_cores_word_for_word(proposals: list[Proposal], language: None) -> None:
    i18n.use("en")
    for p in proposals:
        data = p.as_json()
        assert words.evidence(data["kind"], data["figures"]) == p.evidence
        assert words.replay_sentence(data["replay"]) == p.replay.sentence()
        assert [words.change_line(g) for g in data["replay"]["groups"]] == list(p.replay.changes)


def test_in_dutch_the_same_figures_in_dutch_words(proposals: list[Proposal], language: None) -> None:
    i18n.use("nl")
    anke = next(p.as_json() for p in proposals if p.candidate.kind == "let through")
    f = anke["figures"]
    said = words.evidence("let through", f)
    assert said == (
        f"Anke: je opende {f['fast']} van hun {f['shown']} berichten binnen 2 minuten, en zei van "
        f"{f['should']} vastgehouden berichten dat ze hadden moeten doorkomen (deep work)"
    )
    assert words.replay_sentence(anke["replay"]).startswith("pop-ups ")
    assert "berichten van mensen binnen de maximale wachttijd" in words.replay_sentence(anke["replay"])
    assert words.change_line(anke["replay"]["groups"][0]).startswith("Anke: meteen getoond ")
