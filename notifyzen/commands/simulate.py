"""`notifyzen rules simulate`: what a rule set would have done to a past week, in well under a second.

The stream comes from the user's history (`--week`) or a JSONL file (`--input`); the rules are the
active ones or a candidate (`--rules`, `--config`), or both side by side (`--compare`). Everything
is read, checked and computed before the first byte is printed, so an error never leaves half a
report: it is one message naming the file and line, and exit status 2.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notifyzen import UserError
from notifyzen.desktop import paths
from notifyzen.desktop.words import translate

if TYPE_CHECKING:  # the rules engine (pydantic, yaml) loads when simulate runs, not for --help
    from notifyzen.core.config import Config
    from notifyzen.core.meetings import CalendarFocus
    from notifyzen.core.replay import Entry, Run
    from notifyzen.core.ruleload import Loaded
    from notifyzen.core.rules import RuleSet

EPILOG = """\
input: JSON Lines, one object per line, as `notifyzen history --jsonl` writes them:
  {"at": "2026-11-16T09:14:03+01:00", "app_name": "Signal", "summary": "Anke", "body": "Lunch at 1?",
   "sender": "Anke", "source": "phone", "urgency": "normal", "category": "im.received",
   "desktop_entry": null, "device": "Pixel 7"}
  only at (with its UTC offset), app_name and summary are required; unknown keys are ignored.
  {"at": "...", "event": "idle"} and {"at": "...", "event": "active"} mark you leaving and coming back.

rules' clock times are read in your time zone (TZ, else /etc/localtime, or config.yaml timezone).
--json: {"notifications": [{"line", "decision", "rule", "shown_at", "shown_by", ...}], "checkins",
  "focus", "max_wait_minutes", "summary"}; with --compare, the candidate's run plus "compare".
"""


def register_simulate(rules_subparsers: argparse._SubParsersAction) -> None:
    """Add `simulate` under `notifyzen rules` (called by notifyzen/commands/rules.py)."""
    p = rules_subparsers.add_parser(
        "simulate",
        help=translate("CLI", "replay a past week through the rules on a simulated clock"),
        description=translate(
            "CLI",
            "Run the real rules engine over past notifications on a simulated clock and show\n"
            "what would have interrupted you, what waited for a check-in, and for how long.",
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--week", metavar="YYYY-Www", help=translate("CLI", "replay your own history of this ISO week")
    )
    source.add_argument(
        "--input", metavar="FILE.jsonl", help=translate("CLI", "replay a JSONL file ('-' reads stdin)")
    )
    p.add_argument(
        "--rules",
        nargs="+",
        metavar="DIR_OR_FILE",
        type=Path,
        help=translate("CLI", "try these rule files instead of ~/.config/notifyzen/rules"),
    )
    p.add_argument(
        "--config", metavar="FILE", type=Path, help=translate("CLI", "try this config.yaml instead of yours")
    )
    p.add_argument(
        "--compare",
        action="store_true",
        help=translate("CLI", "put the candidate (--rules/--config) beside the active rules"),
    )
    p.add_argument("--json", action="store_true", help=translate("CLI", "print one JSON object for scripts"))
    p.add_argument(
        "--calendar",
        nargs="+",
        metavar="ICS_OR_DIR",
        type=Path,
        help=translate(
            "CLI", "these calendars' meetings are focus windows too (besides config.yaml's calendars:)"
        ),
    )
    p.set_defaults(func=run)


register = register_simulate  # so `simulate` can also stand alone in COMMANDS if ever wanted


@dataclass(frozen=True, slots=True)
class RuleChoice:
    label: str
    rules: RuleSet
    config: Config


def _expand(targets: list[Path]) -> Iterator[Path]:
    from notifyzen.core.ruleload import rule_files

    for target in targets:
        if target.is_dir():
            yield from rule_files(target)
        elif target.is_file():
            yield target
        else:
            raise UserError(f"{target}: no such rule file or directory")


def _checked(loaded: Loaded, label: str) -> RuleChoice:
    if not loaded.ok or loaded.rules is None or loaded.config is None:
        raise UserError(f"the {label} rules do not load:\n" + "\n".join(str(e) for e in loaded.errors))
    return RuleChoice(label, loaded.rules, loaded.config)


def _rule_sets(args: argparse.Namespace) -> tuple[RuleChoice | None, RuleChoice | None]:
    """The candidate if --rules or --config asks for one, and the active rule set when it is needed:
    without a candidate, to compare with, or to read a stored week as it was lived. Only then, so
    a user can try a fixed copy while their own rule file is broken."""
    from notifyzen.core.ruleload import load_active

    def active() -> RuleChoice:
        return _checked(load_active(paths.config_dir(), paths.presets_dir()), "active")

    if args.rules is None and args.config is None:
        if args.compare:
            raise UserError("--compare needs a candidate: give --rules DIR_OR_FILE... and/or --config FILE")
        return active(), None
    if args.config is not None and not args.config.is_file():
        raise UserError(f"{args.config}: no such config file")
    user_files = list(_expand(args.rules)) if args.rules is not None else None
    candidate = _checked(
        load_active(paths.config_dir(), paths.presets_dir(), user_files=user_files, config_file=args.config),
        "candidate",
    )
    return (active() if args.compare or args.week is not None else None), candidate


def _read_input(name: str) -> list[Entry]:
    from notifyzen.core.replay import StreamError, parse_lines

    try:
        # surrogateescape: parse_lines names a line that is not UTF-8 instead of one error for all
        if name == "-":
            binary = getattr(sys.stdin, "buffer", None)  # None when a test or a host replaced stdin
            stdin = sys.stdin if binary is None else io.TextIOWrapper(binary, "utf-8", "surrogateescape")
            return parse_lines(stdin, "<stdin>")
        with open(name, encoding="utf-8", errors="surrogateescape") as fh:
            return parse_lines(fh, name)
    except StreamError as exc:
        raise UserError(f"cannot replay {name}:\n{exc}") from None
    except OSError as exc:
        raise UserError(f"cannot read {name}: {exc}") from None


def _read_week(text: str, lived: RuleChoice) -> tuple[list[Entry], tuple[datetime, datetime], str]:
    """The stored week, its span and its name as ISO writes it ("2026w53" is "2026-W53");
    `lived` is the rule set it was lived under (the active one)."""
    from notifyzen.core.replay import iso_week, week_span
    from notifyzen.core.schedule import Schedule
    from notifyzen.history.week import HistoryError, read_week  # the database only when asked for

    config = lived.config
    schedule = Schedule(lived.rules.windows, config.checkins, config.zone)

    def window_ended(at: datetime) -> bool:
        return next(schedule.focus_ends(at - timedelta(seconds=1)), None) == at

    try:
        monday = iso_week(text)
        span = week_span(monday, config.zone)
    except ValueError as exc:
        raise UserError(f"--week: {exc}") from None
    try:
        entries = read_week(paths.database_file(), *span, config.idle_breakpoint, window_ended)
    except HistoryError as exc:
        raise UserError(str(exc)) from None
    year, week, _ = monday.isocalendar()
    return entries, span, f"{year}-W{week:02d}"


def run(args: argparse.Namespace) -> int:
    from notifyzen.core.model import Notification

    active, candidate = _rule_sets(args)
    if args.week is not None:
        assert active is not None  # _rule_sets loads it for --week
        entries, span, name = _read_week(args.week, active)
        source = f"week {name}"
    else:
        entries = _read_input(args.input)
        span = None
        source = "stdin" if args.input == "-" else args.input
    if not any(isinstance(e.event, Notification) for e in entries):
        raise UserError(f"no notifications to replay in {source}")
    sys.stdout.write(_render(args, entries, span, source, active, candidate))
    return 0


def _render(
    args: argparse.Namespace,
    entries: list[Entry],
    span: tuple[datetime, datetime] | None,
    source: str,
    active: RuleChoice | None,
    candidate: RuleChoice | None,
) -> str:
    from notifyzen.core.replay import passthrough
    from notifyzen.core.replay_summary import summarize
    from notifyzen.core.replay_text import compare_json, compare_text, run_json, single_text
    from notifyzen.core.whatif import simulate

    subject = candidate or active
    assert subject is not None  # _rule_sets gives the candidate, the active set or both
    tz = subject.config.zone
    extra = getattr(args, "calendar", None)
    meetings = _meetings(subject.config, extra, span, entries)
    calls = _calls(entries) if meetings is None else None  # issue 19: a call is a meeting, as in the app
    main = simulate(
        entries, subject.rules, subject.config, span=span, label=subject.label, calendar=meetings or calls
    )
    main_summary = summarize(main, tz)
    before: Run | None = None
    if args.compare and candidate is not None and active is not None:
        lived = _meetings(active.config, extra, span, entries) or _calls(entries)
        before = simulate(entries, active.rules, active.config, span=span, label="active", calendar=lived)
    replies = _status_replies(main, subject.config)
    if args.json:
        out = run_json(main, main_summary, tz)
        out["rules"] = subject.label
        out["status_replies"] = {"sent": replies[0], "kept": replies[1]}  # issue 11
        if before is not None:
            out["compare"] = {
                "active": run_json(before, summarize(before, tz), tz),
                **compare_json(before, main, tz),
            }
        return json.dumps(out, ensure_ascii=False) + "\n"
    title = _title(source, main, subject)
    if before is not None:
        return compare_text(before, summarize(before, tz), main, main_summary, tz, title)
    text = single_text(main, main_summary, passthrough(entries, main), tz, title)
    if meetings is not None:
        held = [m for m in meetings.meetings if m.start < main.end and m.end > main.start]
        names = ", ".join(sorted({m.calendar for m in held})) or "none"
        text += f"\nMeetings from your calendars as focus windows: {len(held)} (calendars: {names}).\n"
    if replies[0]:
        sent, kept = replies
        text += (
            f"\nStatus replies: {sent} sent (once per conversation per focus window), "
            f"{kept} shown by the time promised ({kept / sent:.0%}).\n"
        )
    return text


def _calls(entries: list[Entry]) -> CalendarFocus | None:
    """The meeting preset's rules for recorded calls when no calendar brings them (as the app
    does: notifyzen/context/live.py), or None when the span has no call."""
    from notifyzen.core.stream import DeskChange

    if not any(isinstance(e.event, DeskChange) and e.event.situation.call for e in entries):
        return None
    from notifyzen.context.live import meeting_calendar

    return meeting_calendar()


def _meetings(
    config: Config, extra: list[Path] | None, span: tuple[datetime, datetime] | None, entries: list[Entry]
) -> CalendarFocus | None:
    """The meetings of the replayed span from config.yaml's `calendars:` and --calendar, read for
    that span (issue 19), or None without calendars. One that cannot be read is named on stderr
    and left out, as the app does."""
    from notifyzen.calendar.feed import focus, read_events
    from notifyzen.core.config import CalendarSettings

    calendars = [*config.calendars, *(CalendarSettings(p.stem, str(p)) for p in extra or ())]
    if not calendars:
        return None
    times = [e.event.at for e in entries]
    start, end = span or (min(times, key=lambda t: t.timestamp()), max(times, key=lambda t: t.timestamp()))
    problems: list[Any] = []
    events = read_events(calendars, start - timedelta(days=1), end + timedelta(days=1), config.zone, problems)
    for problem in problems:
        print(f"notifyzen: {problem} (left out)", file=sys.stderr)
    return focus(events, paths.presets_dir())


def _status_replies(run: Run, config: Config) -> tuple[int, int]:
    """How many status replies the replayed rules would send (config.yaml status_reply and rules
    with `reply: status`), and how many of those messages were shown by the promised time."""
    from notifyzen.core.statusreply_replay import kept, replay_promises

    told = replay_promises(run, config.status_reply)
    return len(told), sum(kept(o, plan) for o, plan in told)


def _title(source: str, run: Run, rules: RuleChoice) -> str:
    tz = rules.config.zone
    start = run.start.astimezone(tz).strftime("%a %Y-%m-%d %H:%M")
    end = run.end.astimezone(tz).strftime("%a %Y-%m-%d %H:%M")
    files = ", ".join(Path(f).name for f in rules.rules.files) or "no rule files"
    return f"Replay of {source} ({start} – {end}, {tz}) with the {rules.label} rules ({files})"
