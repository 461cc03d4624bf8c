"""The Dutch copies of the shipped presets (rules/nl/): Dutch to read, the same rules to run.

Only the comments and the description may differ. Rule names, windows, matches and actions are
identifiers or behaviour: `rules explain`, the history and the report name rules, so a Dutch user
must get exactly what an English one gets, and the starter file "Edit rules" makes is the Dutch
text when Dutch is active.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from notifyzen.core.ruleload import load_active, load_rules
from notifyzen.core.rules import RuleSet
from notifyzen.desktop import i18n
from notifyzen.desktop.paths import presets_dir
from notifyzen.rulefiles import write as rulewrite

ENGLISH = sorted(presets_dir().glob("*.yaml"))
NAMES = [p.name for p in ENGLISH]
MODELINE = "# yaml-language-server: $schema=../notifyzen-rules.schema.json"
DUTCH_WORDS = {"je", "het", "een", "van", "tot", "wacht", "wachten", "zijn", "als", "niet", "alleen"}


def dutch(name: str) -> Path:
    return presets_dir() / "nl" / name


def loaded(path: Path) -> RuleSet:
    rules, errors = load_rules([], [path])
    assert not errors, errors
    assert rules is not None
    return rules


def comments(path: Path) -> list[str]:
    """The prose of a file's comments: full-line and trailing ones, without the '#'."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            text = stripped.lstrip("#").strip()
        elif " # " in line:
            text = line.split(" # ", 1)[1].strip()
        else:
            continue
        if text and not text.startswith("yaml-language-server"):
            out.append(text)
    return out


def prose(path: Path) -> list[str]:
    """Its comments without commented-out YAML (sleep.yaml's example rule stays as written)."""
    keys = ("- name:", "name:", "during:", "match:", "action:", "why:", "reply:", "days:", "times:")
    return [c for c in comments(path) if not c.startswith(keys)]


def test_every_shipped_preset_has_a_dutch_copy_and_no_more() -> None:
    assert NAMES, "no presets found"
    assert sorted(p.name for p in (presets_dir() / "nl").glob("*.yaml")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_dutch_copy_runs_exactly_the_english_rules(name: str) -> None:
    english, nl = loaded(presets_dir() / name), loaded(dutch(name))
    assert nl.windows == english.windows
    # origin is "file:line": the line numbers differ because the Dutch comments are longer
    assert [dataclasses.replace(r, origin="") for r in nl.preset] == [
        dataclasses.replace(r, origin="") for r in english.preset
    ]
    assert not nl.user and not english.user
    # and the file itself says the same apart from its description (why:, order, spelling of keys)
    as_data = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (presets_dir() / name, dutch(name))]
    for data in as_data:
        data.pop("description")
    assert as_data[0] == as_data[1]


@pytest.mark.parametrize("name", NAMES)
def test_the_dutch_copy_reads_dutch(name: str) -> None:
    lines = dutch(name).read_text(encoding="utf-8").splitlines()
    assert lines[0] == MODELINE
    schema = (dutch(name).parent / MODELINE.split("=", 1)[1]).resolve()
    assert schema.is_file(), "the modeline must point at the schema from rules/nl/"

    english_prose = {c for c in prose(presets_dir() / name) if len(c.split()) >= 4}
    dutch_prose = prose(dutch(name))
    assert dutch_prose
    untranslated = [c for c in dutch_prose if c in english_prose]
    assert not untranslated, untranslated
    words = set(re.findall(r"[a-zà-ÿ]+", " ".join(dutch_prose).lower()))
    assert len(words & DUTCH_WORDS) >= 2, words & DUTCH_WORDS

    english_description = loaded_description(presets_dir() / name)
    dutch_description = loaded_description(dutch(name))
    assert dutch_description and dutch_description != english_description
    assert set(re.findall(r"[a-z]+", dutch_description.lower())) & (DUTCH_WORDS | {"en", "op", "de"})


def loaded_description(path: Path) -> str:
    return str(yaml.safe_load(path.read_text(encoding="utf-8"))["description"])


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A new user's empty ~/.config, and the language put back afterwards."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    before = i18n.active_language()
    yield tmp_path / "config" / "notifyzen"
    i18n.use(before)


@pytest.mark.parametrize("preset", ["default", "sleep"])
def test_edit_rules_gives_a_dutch_user_the_dutch_preset(config_home: Path, preset: str) -> None:
    if preset != "default":
        config_home.mkdir(parents=True)
        (config_home / "config.yaml").write_text(f"preset: {preset}\n", encoding="utf-8")
    i18n.use("nl")
    starter = rulewrite.starter_file().read_text(encoding="utf-8")
    # every comment of the Dutch preset is in the starter file, none of the English one's
    assert all(c in starter for c in comments(dutch(f"{preset}.yaml")))
    english_prose = [c for c in prose(presets_dir() / f"{preset}.yaml") if len(c.split()) >= 4]
    assert not [c for c in english_prose if c in starter]
    assert "# description: " + loaded_description(dutch(f"{preset}.yaml")) in starter
    assert "description: Mijn regels.\n" in starter and "Je eigen regels gaan voor de preset" in starter
    assert load_active(config_home, presets_dir()).ok  # all commented out: the app loads as before


def test_edit_rules_gives_an_english_user_the_english_preset(config_home: Path) -> None:
    i18n.use("en")
    starter = rulewrite.starter_file().read_text(encoding="utf-8")
    assert "# The preset notifyzen starts with." in starter
    assert "De preset waarmee notifyzen begint" not in starter
    assert "description: My rules.\n" in starter
