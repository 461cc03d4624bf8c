"""The CLI's words in the user's language, without Qt.

`notifyzen --help`, `rules check` and `rules explain` must start in a few tens of milliseconds and
without Qt (tests/rulefiles/test_rules_e2e.py), yet speak Dutch in a Dutch session like the rest of the app.
So the CLI reads the same catalogue the app uses, from its source: resources/i18n/notifyzen_<lang>.ts
is a small XML file shipped beside the compiled .qm, and tests/commands/test_cli_i18n.py checks that every
message reads here exactly as Qt's QTranslator reads it from the .qm. The language is the app's
choice (`notifyzen.desktop.i18n.active_language`: LANGUAGE, LC_ALL, LC_MESSAGES, LANG).

Call `translate("CLI", "literal")` with literal positional arguments, as elsewhere, so that
`python -m notifyzen.desktop.i18n update` finds the strings. argparse's own words ("usage:", "options",
"error:", "the following arguments are required") go through `speak_argparse()`.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
import xml.etree.ElementTree as ET
from functools import cache
from typing import TYPE_CHECKING

from notifyzen.desktop import i18n

if TYPE_CHECKING:
    from notifyzen.core.model import Decision

_PLACEHOLDER = re.compile(r"%(\d)")
_ENDING = re.compile(r"\((s|en)\)")  # a plural's ending: notification(s), melding(en)


@cache
def _catalogue(language: str) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> translation forms, as lrelease compiles them: entries whose string left
    the code (vanished, obsolete) are not compiled, and an empty translation is no translation."""
    messages: dict[tuple[str, str], list[str]] = {}
    try:
        root = ET.parse(i18n.ts_file(language)).getroot()
    except (OSError, ET.ParseError):
        return messages  # English it is; the app's own catalogue check reports a missing file
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("vanished", "obsolete"):
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            if any(forms):
                messages[(name, message.findtext("source") or "")] = forms
    return messages


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """As notifyzen.desktop.i18n.translate: %n becomes n, and English (or a missing entry) is the text.

    Plurals are written `%n notification(s)` in English and `%n melding(en)` in Dutch: the ending
    in brackets goes for 1 and stays otherwise (0 included), as both languages count. So English
    needs no catalogue, and a plural is one plain entry in the .ts (pyside6-lupdate does not mark
    the CLI's calls as plurals)."""
    del disambiguation  # the CLI uses none; the argument keeps the call shape lupdate knows
    language = i18n.active_language()
    forms = _catalogue(language).get((context, text)) if language != i18n.SOURCE_LANGUAGE else None
    result = (forms[0] if n == 1 or len(forms) == 1 else forms[1]) if forms else text
    if n < 0:
        return result
    return _ENDING.sub("" if n == 1 else r"\1", result).replace("%n", str(n))


def fill(text: str, *values: object) -> str:
    """Qt-style %1, %2 … replaced at once, so a value containing "%2" is left as it is."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[int(m[1]) - 1]) if 0 < int(m[1]) <= len(values) else m[0], text
    )


def decision_words(decision: Decision) -> str:
    """`Decision.explain()` in the user's language, word for word the same in English.

    The core never translates (docs/i18n.md): the frame is worded here, while the rule's and the
    window's names and the reason (a rule's own `why:`, or the engine's English) stay as written."""
    verdicts = {
        "deliver": translate("CLI", "deliver"),
        "hold": translate("CLI", "hold"),
        "mute": translate("CLI", "mute"),
    }
    release = decision.release_at
    return fill(
        translate("CLI", "%1%2 by rule %3%4: %5"),
        verdicts.get(decision.verdict.value, decision.verdict.value),
        fill(translate("CLI", " until %1"), release.isoformat(timespec="minutes")) if release else "",
        repr(decision.rule),
        fill(translate("CLI", " during %1"), repr(decision.window)) if decision.window else "",
        decision.reason,
    )


def _argparse_words() -> dict[str, str]:
    """argparse's messages a user meets, as argparse writes them (Python 3.11 to 3.13)."""
    return {
        "usage: ": translate("Argparse", "usage: "),
        "positional arguments": translate("Argparse", "positional arguments"),
        "options": translate("Argparse", "options"),
        "show this help message and exit": translate("Argparse", "show this help message and exit"),
        "%(prog)s: error: %(message)s\n": translate("Argparse", "%(prog)s: error: %(message)s\n"),
        "argument %(argument_name)s: %(message)s": translate(
            "Argparse", "argument %(argument_name)s: %(message)s"
        ),
        "unrecognized arguments: %s": translate("Argparse", "unrecognized arguments: %s"),
        "not allowed with argument %s": translate("Argparse", "not allowed with argument %s"),
        "the following arguments are required: %s": translate(
            "Argparse", "the following arguments are required: %s"
        ),
        "one of the arguments %s is required": translate("Argparse", "one of the arguments %s is required"),
        "expected one argument": translate("Argparse", "expected one argument"),
        "expected at most one argument": translate("Argparse", "expected at most one argument"),
        "expected at least one argument": translate("Argparse", "expected at least one argument"),
        "expected %s argument": translate("Argparse", "expected %s argument"),
        "expected %s arguments": translate("Argparse", "expected %s arguments"),
        "ambiguous option: %(option)s could match %(matches)s": translate(
            "Argparse", "ambiguous option: %(option)s could match %(matches)s"
        ),
        "invalid %(type)s value: %(value)r": translate("Argparse", "invalid %(type)s value: %(value)r"),
        "invalid choice: %(value)r (choose from %(choices)s)": translate(
            "Argparse", "invalid choice: %(value)r (choose from %(choices)s)"
        ),
        "ignored explicit argument %r": translate("Argparse", "ignored explicit argument %r"),
        "can't open '%(filename)s': %(error)s": translate("Argparse", "can't open '%(filename)s': %(error)s"),
    }


def _argparse_word(text: str) -> str:
    return _argparse_words().get(text, text) if i18n.active_language() != i18n.SOURCE_LANGUAGE else text


def _argparse_plural(one: str, many: str, n: int) -> str:
    return _argparse_word(one if n == 1 else many)


def speak_argparse() -> None:
    """Put argparse's own words through the catalogue.

    argparse calls the module-global gettext functions it imported (`_`, `ngettext`) each time it
    words something, and gettext would need a .mo catalogue per language that we do not ship; so
    both names are pointed at our catalogue, which answers in the language active at that moment
    (English: argparse's own text, unchanged). Call it before building a parser: the -h option's
    help is worded when the parser is made."""
    argparse._ = _argparse_word  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_plural  # type: ignore[attr-defined]


def clean(text: str, limit: int | None = None) -> str:
    """One line of printable text (control characters, including escapes, become a space): a
    summary is other programs' text and must not be able to drive the user's terminal."""
    out = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    out = " ".join(out.split())
    return out if limit is None or len(out) <= limit else out[: limit - 1] + "…"
