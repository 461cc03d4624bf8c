"""`notifyzen rules check|schema|explain` (and `simulate`, from notifyzen/commands/simulate.py).

`check` prints exactly the errors the app would log when it refuses a rule file, so what the
terminal says and what the app does never differ. `explain` runs the real engine on one made-up
notification, at a chosen time, and prints the decision's own one-line explanation.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from notifyzen import UserError
from notifyzen.commands.common import load_rules, print_rule_errors
from notifyzen.desktop import paths
from notifyzen.desktop.words import decision_words, fill, translate

if TYPE_CHECKING:  # the rules engine (pydantic, yaml) loads when a subcommand runs, not for --help
    from notifyzen.core.engine import Engine
    from notifyzen.core.model import Notification


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "rules",
        help=translate("CLI", "check, explain and describe notification rules"),
        description=translate(
            "CLI",
            "Rule files: the presets shipped in rules/, yours in ~/.config/notifyzen/rules/*.yaml, "
            "and config.yaml next to them.",
        ),
    )
    sub = p.add_subparsers(dest="rules_command", metavar="SUBCOMMAND", required=True)
    _register_check(sub)
    _register_schema(sub)
    _register_explain(sub)
    try:
        from notifyzen.commands.simulate import register_simulate
    except ModuleNotFoundError as exc:
        if exc.name != "notifyzen.commands.simulate":
            raise
    else:
        register_simulate(sub)
    from notifyzen.commands.propose import register_propose

    register_propose(sub)
    from notifyzen.commands.rule_files import register_edit, register_undo

    register_undo(sub)
    register_edit(sub)


def _register_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help=translate("CLI", "validate rule files (default: the active set)"),
        description=translate(
            "CLI",
            "Validate rule files as the app would load them: with config.yaml and the active "
            "preset. Exit status 1 and one line per error (file:line:col) when something is wrong.",
        ),
    )
    p.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help=translate("CLI", "rule files or directories to check"),
    )
    p.add_argument("--config", type=Path, metavar="FILE", help=translate("CLI", "use this config.yaml"))
    p.set_defaults(func=check)


def _register_schema(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schema",
        help=translate("CLI", "print the JSON Schema of rule files (for editors)"),
        description=translate(
            "CLI",
            "Print the JSON Schema of rule files (or of config.yaml), which editors with a "
            "YAML language server use to complete and check as you type. The shipped presets point at "
            "rules/notifyzen-rules.schema.json with a modeline.",
        ),
    )
    p.add_argument(
        "--config", action="store_true", help=translate("CLI", "the schema of config.yaml instead")
    )
    p.set_defaults(func=schema)


def _register_explain(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "explain",
        help=translate("CLI", "which rule decides about a notification, and why"),
        description=translate(
            "CLI", "Run the rules on one notification you describe and print the decision in one line."
        ),
    )
    p.add_argument("--app", required=True, help=translate("CLI", "application name, e.g. Slack"))
    p.add_argument("--summary", default="", help=translate("CLI", "the notification's title"))
    p.add_argument("--body", default="", help=translate("CLI", "the notification's text"))
    p.add_argument("--sender", help=translate("CLI", "the person or conversation"))
    p.add_argument(
        "--urgency",
        default="normal",
        choices=["low", "normal", "critical"],
        help=translate("CLI", "default: normal"),
    )
    p.add_argument("--category", help=translate("CLI", "e.g. im.received"))
    p.add_argument(
        "--desktop-entry", help=translate("CLI", "the app's desktop file name, e.g. org.telegram.desktop")
    )
    p.add_argument(
        "--source",
        default="desktop",
        choices=["desktop", "phone"],
        help=translate("CLI", "phone: as if through KDE Connect"),
    )
    p.add_argument("--device", help=translate("CLI", "the phone, for --source phone"))
    p.add_argument(
        "--time-sensitive",
        action="store_true",
        help=translate("CLI", "the sender marked it time-sensitive (a hint)"),
    )
    p.add_argument(
        "--previous",
        type=int,
        default=0,
        metavar="N",
        help=translate("CLI", "the sender already wrote N times in the last minute"),
    )
    p.add_argument(
        "--at", metavar="TIME", help=translate("CLI", "HH:MM today, or an ISO date and time (default: now)")
    )
    p.add_argument(
        "--rules",
        nargs="+",
        type=Path,
        metavar="DIR_OR_FILE",
        help=translate("CLI", "these rule files instead of ~/.config/notifyzen/rules"),
    )
    p.add_argument(
        "--while",
        dest="situation",
        choices=["screen_share", "fullscreen", "mirrored", "call"],
        help=translate(
            "CLI",
            "as if you shared your screen, a window were full screen, the displays mirrored, or in a call",
        ),
    )
    p.add_argument(
        "--using", default="", metavar="APP", help=translate("CLI", "the app of --while, e.g. Zoom")
    )
    p.add_argument("--config", type=Path, metavar="FILE", help=translate("CLI", "use this config.yaml"))
    p.set_defaults(func=explain)


def check(args: argparse.Namespace) -> int:
    loaded = load_rules(args.files, args.config)
    if not loaded.ok or loaded.rules is None:
        return print_rule_errors(loaded)
    for warning in loaded.warnings:  # it loads, and notifyzen runs on it: exit status 0
        where = f"{warning.file}:{warning.line}:{warning.col}"
        print(fill(translate("CLI", "%1: warning: %2"), where, warning.message), file=sys.stderr)
    n, m = len(loaded.rules.rules), len(loaded.rules.windows)
    rules = translate("CLI", "%n rule(s)", None, n)
    print(fill(translate("CLI", "ok: %1, %2"), rules, translate("CLI", "%n focus window(s)", None, m)))
    return 0


def schema(args: argparse.Namespace) -> int:
    from notifyzen.core.config import ConfigModel
    from notifyzen.core.rulefile import rules_json_schema

    document = ConfigModel.model_json_schema() if args.config else rules_json_schema()
    print(json.dumps(document, indent=2))
    return 0


def explain(args: argparse.Namespace) -> int:
    from notifyzen.core.engine import Context, Engine
    from notifyzen.core.model import Notification, Source, Urgency
    from notifyzen.core.rules import person_key

    loaded = load_rules(args.rules, args.config)
    if not loaded.ok or loaded.rules is None or loaded.config is None:
        return print_rule_errors(loaded)
    engine = Engine(loaded.rules, loaded.config)
    at = _parse_at(args.at, engine)
    n = Notification(
        app_name=args.app,
        summary=args.summary,
        body=args.body,
        at=at,
        sender=args.sender,
        urgency=Urgency.parse(args.urgency),
        category=args.category,
        desktop_entry=args.desktop_entry,
        source=Source(args.source),
        device=args.device,
        time_sensitive=args.time_sensitive,
    )
    key = person_key(n)
    recent = {key: [at - timedelta(minutes=1)] * args.previous} if key and args.previous > 0 else {}
    ctx = Context(recent=recent)
    if args.situation:  # what the desk is doing, as the running app would see it (core/situation.py)
        from notifyzen.core.situation import Kind, Presence, Situation
        from notifyzen.core.timeline import Timeline

        desk = Timeline(loaded.rules, loaded.config)
        desk.set_situation(at, Situation((Presence(Kind(args.situation), at, args.using),)))
        ctx, engine = desk.in_situation(ctx), desk.engine
    decision = engine.decide(n, ctx, at)
    origin = next((r.origin for r in engine.rules if r.name == decision.rule), "")
    print(decision_words(decision) + (f"  [{origin}]" if origin else ""))
    _model_line(n, engine)
    return 0


def _model_line(n: Notification, engine: Engine) -> None:
    """The learned model's view beside the rule that decided (issue 20): it never decides."""
    from notifyzen.learn import files

    db = paths.database_file()
    if not files.model_file(db).exists():
        return
    from notifyzen.learn.train import catch_up

    model = catch_up(db, engine.config.zone, engine.config.bodies_days)
    if model.labelled:
        print(f"  {model.explain(n)}  (the model only advises; the rule above decided)")


def _parse_at(text: str | None, engine: Engine) -> datetime:
    zone = engine.config.zone
    if text is None:
        return datetime.now(zone)
    try:
        if len(text) <= 5 and ":" in text:
            hours, minutes = (int(part) for part in text.split(":"))
            return datetime.now(zone).replace(hour=hours, minute=minutes, second=0, microsecond=0)
        at = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(
            fill(translate("CLI", "--at: expected HH:MM or an ISO date and time, got %1"), repr(text))
        ) from None
    return at if at.tzinfo is not None else at.replace(tzinfo=zone)
