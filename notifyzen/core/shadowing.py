"""Rules of the user's that can never decide: an earlier rule matches everything they match.

First match wins, so a rule below one that is at least as broad never gets a say ("always mute
Thunderbird" written after a copied preset's `mail: hold`). `rules check`, the tray and `status`
warn about it with the file:line of both rules (issue 18).

The check is conservative: it reports a pair only when every condition of the earlier rule is
implied by the later one's (names a superset, the same pattern text, the same yes/no), so a
warning is always right; two rules whose patterns merely overlap are not compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from notifyzen.core.rules import Match, Rule

NAMES = frozenset({"app", "desktop_entry", "sender", "device", "package", "urgency"})
PATTERNS = frozenset({"summary", "body", "text"})


@dataclass(frozen=True, slots=True)
class Shadowed:
    rule: Rule  # never decides
    by: Rule  # the earlier rule that always does first


def shadowed(rules: Iterable[Rule]) -> list[Shadowed]:
    """Each rule (in order) that an earlier deciding rule always matches first.

    Only earlier rules that could cover it are compared: one that names apps covers only rules
    naming some of the same apps, so they are looked up by app (a generated file of 2,600 rules,
    one app each, took seconds when every pair was compared; reloads must stay quick)."""
    found: list[Shadowed] = []
    broad: list[tuple[int, Rule]] = []  # earlier deciding rules with no app condition
    by_app: dict[str, list[tuple[int, Rule]]] = {}
    for position, rule in enumerate(rules):
        apps = rule.match.app
        candidates = broad if not apps else [*broad, *by_app.get(min(apps), ())]
        covering = [(i, e) for i, e in candidates if _covers(e, rule)]
        if covering:
            found.append(Shadowed(rule, min(covering, key=lambda c: c[0])[1]))
        if rule.action.verdict is None:
            continue  # a set_urgency-only rule decides nothing
        if apps is None:
            broad.append((position, rule))
        else:
            for app in apps:
                by_app.setdefault(app, []).append((position, rule))
    return found


def _covers(first: Rule, later: Rule) -> bool:
    return _during_covers(first.during, later.during) and _match_covers(first.match, later.match)


def _during_covers(first: Any, later: Any) -> bool:
    if first is None:
        return True
    if first == later:
        return True
    return isinstance(first, frozenset) and isinstance(later, frozenset) and later <= first


def _match_covers(first: Match, later: Match) -> bool:
    for f in fields(Match):
        mine = getattr(first, f.name)
        if mine is None:
            continue  # no condition: anything the later rule matches passes it
        theirs = getattr(later, f.name)
        if theirs is None:
            return False  # the later rule matches more broadly here
        if f.name in NAMES:
            if not theirs <= mine:
                return False
        elif f.name == "category":
            if not all(any(c == a or c.startswith(a + ".") for a in mine) for c in theirs):
                return False
        elif f.name in PATTERNS:
            if getattr(mine, "pattern", mine) != getattr(theirs, "pattern", theirs):
                return False
        elif mine != theirs:
            return False
    return True
