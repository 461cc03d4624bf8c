"""`notifyzen rules propose`: this week's proposed rules, each with its evidence and replay.

The same proposals the weekly report and the digest show (notifyzen/learn/week.py), for a user
without the tray. `--accept NAME` writes one into the user's rules exactly as the digest's button
does (notifyzen/rulefiles/write.py: 00-digest.yaml, where it wins; `rules explain` names it; the tray's
"Undo" or deleting the lines takes it back).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from notifyzen import UserError
from notifyzen.desktop import paths

if TYPE_CHECKING:
    from notifyzen.core.proposals_replay import Proposal
    from notifyzen.learn.week import WeekProposals


def register_propose(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "propose",
        help="rules your last week suggests, with what they would have changed",
        # English for now: the Dutch catalogue (resources/i18n) gets these with the report's words
        description=(
            "Propose rules from how you answered last week's notifications (opened at once, "
            "dismissed, 'should have come through', 'could have waited'), each with the evidence "
            "and last week replayed under it. Nothing changes until you accept one."
        ),
    )
    p.add_argument("--week", metavar="YYYY-Www", help="an ISO week (default: the last 7 days)")
    p.add_argument("--json", action="store_true", help="the proposals as JSON")
    p.add_argument("--accept", metavar="NAME", help="write the proposal of this name into your rules")
    p.add_argument(
        "--forget",
        action="store_true",
        help="delete what notifyzen learned from your reactions (the history and your rules stay)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from notifyzen.commands.common import load_rules, print_rule_errors
    from notifyzen.history.week import HistoryError
    from notifyzen.learn.week import last_days, proposals_for

    if args.forget:
        from notifyzen.learn import files

        path = files.model_file(paths.database_file())
        gone = path.exists()
        files.forget(paths.database_file())
        print(f"deleted {path}" if gone else f"nothing learned to delete ({path} does not exist)")
        return 0
    loaded = load_rules(None, None)
    if not loaded.ok or loaded.rules is None or loaded.config is None:
        return print_rule_errors(loaded)
    config = loaded.config
    span = _span(args.week, config.zone) if args.week else last_days(datetime.now(config.zone))
    try:
        week = proposals_for(paths.database_file(), loaded.rules, config, span)
    except HistoryError as exc:
        raise UserError(str(exc)) from None
    if args.accept is not None:
        return _accept(week, args.accept)
    if args.json:
        print(json.dumps(as_json(week), indent=2, ensure_ascii=False))
    else:
        print(text(week), end="")
    return 0


def _span(text_: str, zone: Any) -> tuple[datetime, datetime]:
    from notifyzen.core.replay import iso_week, week_span

    try:
        return week_span(iso_week(text_), zone)
    except ValueError as exc:
        raise UserError(f"--week: {exc}") from None


def _accept(week: WeekProposals, name: str) -> int:
    from notifyzen.rulefiles import write as rulewrite

    chosen = next((p for p in week.proposals if p.name.casefold() == name.strip().casefold()), None)
    if chosen is None:
        names = ", ".join(repr(p.name) for p in week.proposals) or "none this week"
        raise UserError(f"no proposal named {name!r} (proposed: {names})")
    path, written = rulewrite.write_rule(chosen.spec, f"proposed: {chosen.evidence}")
    print(f"{written!r} written to {path}; `notifyzen rules explain` names it, deleting it takes it back")
    return 0


def as_json(week: WeekProposals) -> dict[str, Any]:
    return {
        "start": week.start.isoformat(),
        "end": week.end.isoformat(),
        "notifications": week.notifications,
        "reactions": week.reactions,
        "model_labels": week.model.labelled if week.model is not None else 0,
        "proposals": [p.as_json() for p in week.proposals],
    }


def text(week: WeekProposals) -> str:
    zone = week.end.tzinfo
    start, end = (t.astimezone(zone).strftime("%a %d %b %H:%M") for t in (week.start, week.end))
    head = f"Proposals from {start} – {end}: {week.notifications} notifications, {week.reactions} reactions\n"
    if not week.proposals:
        why = "nothing to propose" if week.reactions else "no reactions recorded yet"
        return head + f"\n{why}: your rules stay as they are.\n"
    return head + "".join(_one(i + 1, p) for i, p in enumerate(week.proposals))


def _one(number: int, p: Proposal) -> str:
    from notifyzen.ui import proposal_words as words  # the session's language (no Qt widgets)

    agrees = f"; the model agrees {p.support:.2f}" if p.support is not None else ""
    data = p.as_json()
    lines = [
        f"\n{number}. {p.name}  [{p.candidate.kind}{agrees}]",
        f"   {words.evidence(p.candidate.kind, p.candidate.figures)}",
        f"   Last week under it: {words.replay_sentence(data['replay'])}",
        *(f"     {words.change_line(g)}" for g in data["replay"]["groups"]),
        "   The rule:",
        *(f"     {line}" for line in p.yaml.splitlines()),
        f'   Accept: notifyzen rules propose --accept "{p.name}"',
    ]
    return "\n".join(lines) + "\n"
