"""A proposal's evidence and replay in the user's language (issue 20).

The core says them in English (core/proposals.py, core/proposals_replay.py: `--json` and the rule
file's comment keep that); it also gives the figures, from which these say the same in the
language of the session. In English the two read alike, word for word (tests/learn/test_proposals_words.py).
Works without a QApplication (notifyzen.desktop.i18n), so `report --text` speaks Dutch too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from notifyzen.desktop.i18n import translate


def fill(text: str, *values: object) -> str:
    for i in range(len(values), 0, -1):  # %10 before %1
        text = text.replace(f"%{i}", str(values[i - 1]))
    return text


def evidence(kind: str, f: Mapping[str, Any]) -> str:
    if kind == "let through":
        where = translate("Proposals", " or ").join(f["windows"])
        said = translate(
            "Proposals",
            "%1: you opened %2 of their %3 messages within 2 minutes, and said %4 held ones should "
            "have come through (%5)",
        )
        return fill(said, f["who"], f["fast"], f["shown"], f["should"], where)
    if kind in ("hold", "mute"):
        said = translate(
            "Proposals",
            "%1: you opened %2 of its %3 notifications and dismissed or let expire %4; %5 of them "
            "could have waited, you said",
        )
        return fill(said, f["app"], f["opened"], f["shown"], f["left"], f["could"])
    said = translate(
        "Proposals",
        "%1 (%2) popped up %3 times; %4 of those came within %5 minutes of the one before, and you "
        "left %6 of them unread",
    )
    return fill(said, f["who"], f["app"], f["popped"], f["follow"], f["minutes"], f["left"])


def replay_sentence(r: Mapping[str, Any]) -> str:
    (pb, pa), (fb, fa), (wb, wa) = r["popups"], r["interruptions_in_focus"], r["people_within_max_wait"]
    said = translate(
        "Proposals", "pop-ups %1 → %2 (%3 → %4 in focus); people's messages within max wait %5/%6 → %7/%6"
    )
    return fill(said, pb, pa, fb, fa, wb, r["people"], wa)


def change_line(g: Mapping[str, Any]) -> str:
    """One person's or app's week before → after: 'Anke: shown at once 39 → 44 of 50, ...'."""
    b, a = g["before"], g["after"]
    parts = []
    if a["delivered"] != b["delivered"]:
        said = translate("Proposals", "shown at once %1 → %2 of %3")
        parts.append(fill(said, b["delivered"], a["delivered"], b["notifications"]))
    if a["muted"] != b["muted"]:
        parts.append(fill(translate("Proposals", "muted %1 → %2"), b["muted"], a["muted"]))
    elif a["held"] != b["held"]:
        parts.append(fill(translate("Proposals", "waiting for a check-in %1 → %2"), b["held"], a["held"]))
    before, after = b["interruptions_in_focus"], a["interruptions_in_focus"]
    if before != after:
        parts.append(fill(translate("Proposals", "interruptions in focus %1 → %2"), before, after))
    mb, ma = b["median_wait_minutes"], a["median_wait_minutes"]
    if mb != ma:
        parts.append(fill(translate("Proposals", "median wait %1 → %2"), _minutes(mb), _minutes(ma)))
    if not parts:
        parts.append(translate("Proposals", "shown at other moments"))
    return f"{g['name']}: " + ", ".join(parts)


def _minutes(value: float | None) -> str:
    if value is None:
        return translate("Proposals", "never")
    return fill(translate("Proposals", "%1 min"), round(value))
