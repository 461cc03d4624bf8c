"""What the demo says when the day is over: the day in numbers, the day's digest as text, and where
the report and the history are, in the user's language.

The digest's words (the headline, an unnamed app) come from notifyzen.ui.digest_words, so the
terminal says what the digest window says.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from notifyzen.demo.history import day_totals, telling_row
from notifyzen.demo.timeline import one_line
from notifyzen.desktop.i18n import translate
from notifyzen.ui.digest_words import fill, group_title, headline, in_words, section_app


def summary_lines(db: Path, tz: tzinfo) -> list[str]:
    """The day in two lines: how much came in, how much interrupted, when the check-ins were."""
    total, held, through, checkins = day_totals(db)
    moments = ", ".join(f"{datetime.fromtimestamp(at, tz):%H:%M} ({n})" for at, n in checkins)
    return [
        fill(
            translate(
                "Demo",
                "%1 notifications came in; %2 were held for a check-in, %3 broke through a focus window.",
            ),
            total,
            held,
            through,
        ),
        fill(translate("Demo", "Check-ins (notifications shown): %1."), moments or translate("Demo", "none")),
    ]


def digest_lines(items: Sequence[Any], width: int = 100) -> list[str]:
    """The day's digest as text: people first, then apps, each with its count (as the window orders it).

    A person's line names their apps; an app's line says what its newest notification was about.
    """
    from notifyzen.core.digest import Digest, entry_lines

    digest = Digest.build(items)
    lines = [fill(translate("Demo", "Today's digest: everything notifyzen held back (%1)"), headline(digest))]
    people = [g for g in digest.groups if g.person is not None]
    apps = [g for g in digest.groups if g.person is None]
    for title, groups in ((translate("Demo", "People"), people), (translate("Demo", "Apps"), apps)):
        if groups:
            lines.append(f"  {title}")
        for group in groups:
            if group.person is not None:
                multi = len(group.sections) > 1
                detail = ", ".join(
                    f"{section_app(s.app)} {s.count}" if multi else section_app(s.app) for s in group.sections
                )
            else:
                newest = group.sections[0].entries[0]
                said, _ = entry_lines(group, newest)
                detail = fill(translate("Demo", "newest: %1"), in_words(said, newest.latest))
            mark = "!" if group.pressing else " "
            line = f"   {mark}{one_line(group_title(group), 24):<24} {group.count:>3}  {detail}"
            lines.append(one_line(line, width) if len(line) > width else line)
    return lines


def report_written(week: str, report: Path) -> str:
    return fill(translate("Demo", "Weekly report (%1), for your browser: %2"), week, report)


def report_opened(week: str) -> str:
    return fill(translate("Demo", "The digest and the weekly report (%1) are open in their windows."), week)


def history_line(db: Path) -> str:
    return fill(translate("Demo", "History: NOTIFYZEN_DB=%1 notifyzen history"), db)


def explain_hint(db: Path) -> str:
    """Point at the most telling row: the one that broke through, else one that was held."""
    row = telling_row(db)
    if row is None:
        return translate("Demo", "  (add --explain ID to see why notifyzen did what it did with one of them)")
    id, app, verdict = row
    if verdict == "deliver":
        return fill(translate("Demo", "  … --explain %1 says why the %2 notification broke through"), id, app)
    return fill(translate("Demo", "  … --explain %1 says why the %2 notification was held"), id, app)


def still_running(address: str) -> str:
    text = translate(
        "Demo",
        "notifyzen is still running on the demo's bus; in another terminal try\n"
        "  DBUS_SESSION_BUS_ADDRESS=%1 notifyzen status\n"
        "Press Enter (or Ctrl-C) to end the demo.",
    )
    return "\n" + fill(text, address)


def stopped(directory: Path) -> str:
    text = translate(
        "Demo", "notifyzen demo: stopped; so are notifyzen and the demo's bus. What ran is in %1."
    )
    return "\n" + fill(text, directory)
