"""The regular expressions of rule files (`summary`, `body`, `text`), matched in linear time.

Any app, any website through the browser, any phone contact can put any text in a notification,
and every rule's pattern is searched in it on the bus thread: a pattern that backtracks is a way
to stop intake. Python's `re` backtracks (`(a|a?)+$` never answered on a 100 KB body, `.*unsubscribe`
took 16.7 s on 64 KB, `\\d+ min` 13.5 s on 64 Ki digits), and refusing "dangerous" shapes at load
cannot be complete: the last two are ordinary patterns. So rule patterns run on RE2 (the
google-re2 package: Google's own binding of the engine behind Go's regexp and RE2/J, BSD
licensed, wheels for every Linux CPython we support), which guarantees time linear in the text
and memory bounded per pattern (`MAX_MEM`), whatever the pattern.

What RE2 leaves out, `compile_pattern` refuses with a sentence saying what to write instead:
backreferences (`\\1`), lookahead and lookbehind, atomic groups and possessive repeats, counts
above 1000. `\\b`, `\\w`, `\\d` and `\\s` mean ASCII letters, digits and spaces, as in most
engines; `\\pL` is any letter, `\\pN` any digit (docs/rules.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import re2

MAX_MEM = 1 << 20  # per pattern, program and DFA cache: the largest preset pattern needs ~40 KiB
_UNANCHORED = re2._Anchor.UNANCHORED
_NO_MATCH = (-1, -1)


class PatternError(ValueError):
    """A pattern RE2 cannot run: `unsupported` when it is valid elsewhere (Python, PCRE) but not
    linear-time, and the message then says what to write instead."""

    def __init__(self, message: str, *, unsupported: bool = False) -> None:
        super().__init__(message)
        self.unsupported = unsupported


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False  # names and words in notifications ignore case (docs/rules.md)
    options.never_capture = True  # only "does it occur": no groups to track
    options.max_mem = MAX_MEM
    options.log_errors = False  # RE2 would print to stderr; the error is ours to word
    return options


_OPTIONS = _options()

# RE2's own error (its text, after the colon) -> what a person writing a rule should do.
_ADVICE: tuple[tuple[str, str], ...] = (
    (
        r"\(\?<?[=!]",
        "lookahead and lookbehind, (?=…), (?!…), (?<=…), (?<!…), are not supported; "
        "match the words themselves, or use a second rule that delivers first",
    ),
    (r"\(\?>", "atomic groups (?>…) are not supported, nor needed: every pattern runs in linear time"),
    (r"\\[1-9]|\(\?P=", "backreferences (\\1, (?P=name)) are not supported"),
    (r"\(\?[a-wyz]*x", "verbose mode (?x) is not supported; write the pattern without spaces or comments"),
    (
        r"\*\+|\+\+|\?\+|\}\+",
        "possessive repeats (a++) are not supported, nor needed: every pattern runs in linear time; write a+",
    ),
    (r"\\Z", "\\Z is not supported; write $ (or \\z)"),
    (r"repetition size", "a count above 1000, like {2000}, is not supported"),
    (
        r"too large|too big|out of memory",
        "too large to match in linear time within 1 MiB; split it into several rules",
    ),
)


def _error(exc: re2.error) -> PatternError:
    raw = exc.args[0] if exc.args else ""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    kind, _, fragment = text.partition(": ")
    said = f'{kind} in "{fragment}"' if fragment else text  # RE2: "missing ): build (failed"
    for found, advice in _ADVICE:
        if re.search(found, text):
            return PatternError(f"{advice} (RE2: {said})", unsupported=True)
    return PatternError(said)


class PatternBook:
    """The patterns of one rule set, also in one FilteredRE2 (RE2's tool for many patterns over
    one text). A decision may search 50 patterns, and one call into RE2 costs more than the
    matching itself (0.6 µs on a 14-character summary): one call each made a decision with 200
    rules twice as slow (bench/bench_decide.py). The filter knows the words each pattern needs,
    finds them in one pass and runs only the patterns whose words occur, so a text costs one call.
    The answers for the last two texts (a notification's summary and body) are kept, by identity.

    Filled while the rules load, compiled at the first search. A pattern it cannot hold, or one
    added after that, is searched on its own, as without a book."""

    __slots__ = ("_compiled", "_patterns")

    def __init__(self) -> None:
        self._patterns: list[str] = []
        self._compiled: _Compiled | None = None

    def add(self, pattern: str) -> int:
        self._patterns.append(pattern)
        self._compiled = None
        return len(self._patterns) - 1

    def found(self, index: int, text: str) -> bool | None:
        """Whether pattern `index` occurs in `text`; None when the book cannot say."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = _Compiled(list(self._patterns))
        return compiled.found(index, text)


class _Compiled:
    __slots__ = ("_filter", "_recent", "_size")

    def __init__(self, patterns: list[str]) -> None:
        self._size = 0
        self._recent: tuple[tuple[str, frozenset[int]], ...] = ()
        self._filter = re2.Filter()
        try:
            for pattern in patterns:
                self._filter.Add(pattern, _OPTIONS)
            self._filter.Compile()
        except re2.error:
            return  # _size 0: every pattern searches on its own
        self._size = len(patterns)

    def found(self, index: int, text: str) -> bool | None:
        if index >= self._size:
            return None
        recent = self._recent
        for seen, matching in recent:
            if seen is text:
                return index in matching
        data = text.encode("utf-8", "surrogatepass")
        matching = frozenset(self._filter.Match(data) or ())
        self._recent = ((text, matching), *recent[:1])  # one assignment: safe across threads
        return index in matching


class TextPattern:
    """A compiled rule pattern: `search(text)` says whether it occurs anywhere, ignoring case."""

    __slots__ = ("_book", "_index", "_search", "pattern")

    def __init__(self, pattern: str, book: PatternBook | None = None) -> None:
        try:
            compiled = re2.compile(pattern, _OPTIONS)
        except re2.error as exc:
            raise _error(exc) from None
        self.pattern = pattern
        self._search = _searcher(compiled)
        self._book = book
        self._index = book.add(pattern) if book is not None else -1

    def search(self, text: str) -> bool:
        if self._book is not None:
            found = self._book.found(self._index, text)
            if found is not None:
                return found
        return self._search(text)

    def __repr__(self) -> str:
        return f"TextPattern({self.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextPattern) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)


def _searcher(compiled: re2._Regexp) -> Callable[[str], bool]:
    """One call into RE2 per search. The package's public `search` builds a match object through
    a generator and maps byte offsets back to characters (2.7 µs for a short summary); we only
    need yes or no (1.2 µs), so we call the C++ object underneath. If a release renames it, the
    public API is used (tests/core/test_textpattern.py checks both agree)."""
    raw = getattr(compiled, "_regexp", None)
    match = getattr(raw, "Match", None)
    if match is None:
        return lambda text: compiled.search(text.encode("utf-8", "surrogatepass")) is not None

    def search(text: str) -> bool:
        # surrogatepass: a body recorded with undecodable bytes (core/stream.py) still matches
        data = text.encode("utf-8", "surrogatepass")
        return bool(match(_UNANCHORED, data, 0, len(data))[0] != _NO_MATCH)

    return search


def compile_pattern(pattern: str, book: PatternBook | None = None) -> TextPattern:
    """The pattern, ready to search (through `book` with the rest of its rule set, if given);
    PatternError says why not."""
    return TextPattern(pattern, book)
