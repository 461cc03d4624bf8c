"""Whatever is in a rule file or config.yaml, loading gives rules or errors, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from notifyzen.core.ruleload import load_active, load_rules

KEYS = [
    "name",
    "match",
    "action",
    "during",
    "reply",
    "app",
    "sender",
    "urgency",
    "summary",
    "do",
    "until",
    "set_urgency",
    "windows",
    "rules",
    "days",
    "times",
    "max_wait",
    "preset",
    "checkins",
    "x",
]
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-5, 3000)
    | st.text(max_size=12)
    | st.sampled_from(
        [
            "hold",
            "deliver",
            "mute",
            "hold_until",
            "low",
            "critical",
            "09:00-10:30",
            "22:00-06:00",
            "17:30",
            "end of window",
            "any",
            "none",
            "([",
            "mon-fri",
            "off",
            "status",
        ]
    )
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    max_leaves=25,
)
DIR = Path(tempfile.mkdtemp(prefix="nz-ruleload-"))


@settings(max_examples=300, deadline=None)
@given(documents)
@example({"windows": [{"max_wait": None}]})  # pydantic raised TypeError (CI, 2026-11-25)
def test_any_structure_gives_rules_or_errors(document: object) -> None:
    path = DIR / "rules.yaml"
    path.write_text(yaml.safe_dump({"rules": document} if isinstance(document, list) else document))
    rules, errors = load_rules([path])
    assert (rules is None) != (not errors)
    for error in errors:
        assert error.file == str(path) and error.line >= 1 and error.col >= 1 and error.message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_rules_or_errors(text: str) -> None:
    path = DIR / "text.yaml"
    path.write_text(text, encoding="utf-8")
    rules, errors = load_rules([path])
    assert (rules is None) != (not errors)


@settings(max_examples=100, deadline=None)
@given(documents)
def test_any_config_gives_a_config_or_errors(document: object) -> None:
    config_dir = DIR / "config"
    config_dir.mkdir(exist_ok=True)
    (config_dir / "config.yaml").write_text(yaml.safe_dump(document))
    loaded = load_active(config_dir, Path(__file__).resolve().parents[2] / "rules")
    assert loaded.ok != bool(loaded.errors)
