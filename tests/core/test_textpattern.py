"""Rule patterns run on RE2: what a user writes matches as before, in linear time on any text."""

from __future__ import annotations

import re
from pathlib import Path
from time import perf_counter

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from notifyzen.core.ruleload import load_rules
from notifyzen.core.textpattern import PatternBook, PatternError, compile_pattern
from tests.core.rulekit import PRESETS

TEXTS = [
    "",
    "Build 1234 of project foo FAILED on main",
    "Your verification code is 482913",
    "Anke: können wir um 14:00 telefonieren?",
    "Café Émile: uw bestelling",
    "in 5 min: standup",
    "a" * 12 + "!",  # (a|a?)+$ on this takes Python's re 2 s at 20 "a", forever at 30
]
PATTERNS = [
    r"failed|broken",
    r"build \d+ failed",
    r"^anke",
    r"14:00$",
    r"café",
    r"in \d+ min",
    r"(a|a?)+$",
    r"x?",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_fast_search_agrees_with_re2_and_with_pythons_re_on_ordinary_text(pattern: str) -> None:
    mine = compile_pattern(pattern)
    options = re2.Options()
    options.case_sensitive = False
    public = re2.compile(pattern, options)
    python = re.compile(pattern, re.IGNORECASE)
    for text in TEXTS:
        assert mine.search(text) == (public.search(text) is not None) == (python.search(text) is not None)


def test_a_body_with_undecodable_bytes_is_still_matched() -> None:
    # core/stream.py keeps bytes that were no UTF-8 as lone surrogates
    assert compile_pattern("invoice").search("invoice \udcff attached")
    assert not compile_pattern("receipt").search("invoice \udcff attached")


def test_ascii_classes_and_unicode_letters_as_docs_rules_md_says() -> None:
    assert not compile_pattern(r"caf\w\b").search("Café Émile")  # \w is ASCII in RE2
    assert compile_pattern(r"caf\pL").search("Café Émile")  # \pL is any letter
    assert compile_pattern("ÉMILE").search("Café Émile")  # ignoring case works beyond ASCII


@pytest.mark.parametrize("path", sorted(PRESETS.glob("*.yaml")) + sorted(PRESETS.glob("nl/*.yaml")))
def test_every_shipped_preset_pattern_runs_on_re2(path: Path) -> None:
    rules, errors = load_rules([], [path])
    assert rules is not None, errors


def test_a_pattern_error_is_a_sentence_not_bytes() -> None:
    with pytest.raises(PatternError) as caught:
        compile_pattern("build (failed")
    assert str(caught.value) == 'missing ) in "build (failed"'
    assert not caught.value.unsupported


BOOK_PATTERNS = [*PATTERNS, r"\b(invoice|coupon)7\b", r"^$", r"ÉMILE", r"\d{4,8}", r"z"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aAbcé7 !1\n", max_size=30), min_size=1, max_size=6))
def test_a_rule_sets_patterns_searched_together_answer_as_each_alone(texts: list[str]) -> None:
    book = PatternBook()
    together = [compile_pattern(p, book) for p in BOOK_PATTERNS]
    for text in texts:  # summary, body, the next notification's summary, ...
        for pattern, mine in zip(BOOK_PATTERNS, together, strict=True):
            assert mine.search(text) == compile_pattern(pattern).search(text), (pattern, text)


def test_searched_together_an_adversarial_body_still_takes_one_pass() -> None:
    book = PatternBook()
    patterns = [compile_pattern(p, book) for p in [r"(a|a?)+$", r".*unsubscribe", r"\d+ min", r"(a+)+$"]]
    for body in ["a" * 102400 + "!", "x" * 65536, "1" * 65536]:
        started = perf_counter()
        assert [p.search(body) for p in patterns][1:3] == [False, False]
        assert perf_counter() - started < 0.05
