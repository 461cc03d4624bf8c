"""Rules the user makes with a button: "Always allow" / "Always mute" in the digest and the history
window, the report's suggestions. They go to one file of the user's own,
~/.config/notifyzen/rules/00-digest.yaml, as plain commented YAML the user can read, edit or
delete; the running app's hot reload (notifyzen/rulefiles/watch.py) puts a new rule in force within a
second.

Where it goes is what makes it work: the user's files are read by name and the first matching
rule wins, so the file's name sorts first (a copy of a preset as 20-work.yaml comes after it) and
a new rule goes to the top of its list (a newer "always mute Marco in Slack" beats an older
"always allow Slack"). The digest.yaml of earlier versions, which sorted after such copies and so
could silently do nothing, is renamed once (`migrate`). When a file of the user's still sorts
before it, `first_rule` names the rule that decides instead, so the user is told.

The file is appended to as text, not re-dumped: a YAML dump would drop the user's comments. The
result is loaded back with the app's own loader before it replaces the old file, so a button
never leaves a file behind that the app cannot read.

Before writing, `impact` answers the digest's confirmation with what the rule would have done
over last week's history (notifyzen.core.whatif.rule_impact); the window words it.
"""

from __future__ import annotations

import json
import logging
import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notifyzen.desktop import paths

if TYPE_CHECKING:
    from notifyzen.core.model import Notification
    from notifyzen.core.replay_summary import Impact
    from notifyzen.core.rules import Rule

log = logging.getLogger(__name__)

DIGEST_FILE = "00-digest.yaml"
OLD_DIGEST_FILE = "digest.yaml"  # before issue 18: sorted after 20-work.yaml and lost to it


def header(schema: str) -> str:
    """The top of digest.yaml, in the user's language (the rules below stay as written)."""
    from notifyzen.desktop.i18n import translate

    made = translate("RuleFiles", 'Rules made with "Always allow" / "Always mute" in notifyzen\'s digest.')
    edit = translate(
        "RuleFiles", "Edit or delete them as you like; notifyzen reloads this file when it is saved."
    )
    description = translate("RuleFiles", "Rules made from the digest.")
    return (
        f"# yaml-language-server: $schema={schema}\n# {made}\n# {edit}\n"
        f"description: {description}\n\nrules:\n"
    )


def digest_file() -> Path:
    return paths.user_rules_dir() / DIGEST_FILE


def migrate() -> Path | None:
    """Rename an earlier version's rules/digest.yaml to 00-digest.yaml, so its rules win too.

    Only when there is no 00-digest.yaml yet (the user's own file of that name is never
    overwritten). Returns the new path when it moved something."""
    old, new = paths.user_rules_dir() / OLD_DIGEST_FILE, digest_file()
    if not old.is_file() or new.exists():
        return None
    os.replace(old, new)  # one rename: the watcher reloads one set of rules, not two halves
    log.info("moved %s to %s: the first file read, so its rules decide", old, new)
    return new


def spec_for(kind: str, hint: dict[str, str | None]) -> dict[str, Any]:
    """A rules.yaml entry for "always allow"/"always mute" of what `hint` names.

    A desktop entry is the surest name of an app (the display name can be translated); a
    sender narrows it to one person."""
    if kind not in ("allow", "mute"):
        raise ValueError(f"kind must be allow or mute, not {kind!r}")
    match: dict[str, str] = {}
    if hint.get("desktop_entry"):
        match["desktop_entry"] = str(hint["desktop_entry"])
    elif hint.get("app"):
        match["app"] = str(hint["app"])
    if hint.get("sender"):
        match["sender"] = str(hint["sender"])
    if not match:
        raise ValueError("nothing to match: the notification names no app and no sender")
    who = " in ".join(v for v in (hint.get("sender"), hint.get("app") or hint.get("desktop_entry")) if v)
    verb = "always allow" if kind == "allow" else "always mute"
    return {"name": f"{verb} {who}", "match": match, "action": "deliver" if kind == "allow" else "mute"}


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def _value(value: Any) -> str:
    """A match value as YAML: numbers and lists (a proposal's cooldown, `during`) as themselves."""
    if isinstance(value, bool | int):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _scalar(str(value))


def entry_text(spec: dict[str, Any], comment: str) -> str:
    lines = [f"  # {line}" for line in comment.splitlines() if line.strip()]
    lines.append(f"  - name: {_scalar(spec['name'])}")
    if spec.get("why"):
        lines.append(f"    why: {_scalar(str(spec['why']))}")
    match = ", ".join(f"{k}: {_value(v)}" for k, v in spec["match"].items())
    lines.append(f"    match: {{{match}}}")
    if spec.get("during"):
        lines.append(f"    during: {_value(spec['during'])}")
    lines.append(f"    action: {spec['action']}")
    return "\n".join(lines) + "\n"


def _load_alone(path: Path) -> tuple[Any, list[Any]]:
    """The digest file loaded as the app would, with the shipped presets beside it so a rule's
    `during: deep work` names a window that exists (a proposal's rule has one, issue 20)."""
    from notifyzen.core.ruleload import load_rules

    return load_rules([path], sorted(paths.presets_dir().glob("*.yaml")))


def _names(path: Path) -> set[str]:
    rules, _ = _load_alone(path)
    return {r.name for r in rules.user} if rules is not None else set()


def append_rule(spec: dict[str, Any], comment: str = "", path: Path | None = None) -> Path:
    """Add the rule to the user's digest rule file (made with the schema modeline if new), at the
    top of its rules, where it wins over the older ones. Returns the file.

    Raises ValueError if the result would not load (the old file is then left as it was)."""
    return write_rule(spec, comment, path)[0]


def write_rule(spec: dict[str, Any], comment: str = "", path: Path | None = None) -> tuple[Path, str]:
    """`append_rule`, also returning the name the rule got ("always mute Slack (2)" when taken),
    which is what `remove_rule` undoes it by."""
    path = path or digest_file()
    if path == digest_file():
        migrate()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        text = path.read_text(encoding="utf-8")
        taken = _names(path)
    else:
        text = header((paths.presets_dir() / "notifyzen-rules.schema.json").as_uri())
        taken = set()
    name, n = spec["name"], 2
    while name in taken:
        name, n = f"{spec['name']} ({n})", n + 1
    if not text.endswith("\n"):
        text += "\n"
    entry = entry_text({**spec, "name": name}, comment)
    text = re.sub(r"(?m)^rules:[ \t]*\[\][ \t]*$", "rules:", text)  # left so by undoing the last one
    lines = text.splitlines(keepends=True)
    top = next((i for i, line in enumerate(lines) if line.rstrip() == "rules:"), None)
    if top is None:  # no block list to lead (the user rewrote the file): the end is all there is
        text += entry
    else:
        text = "".join([*lines[: top + 1], entry, *lines[top + 1 :]])
    _replace(path, text)
    log.info("rule %r written to %s", name, path)
    return path, name


def _replace(path: Path, text: str) -> None:
    """Write `text` over `path` only if the app can load it: a button never breaks the rules."""
    scratch = path.with_name(f".{path.name}.new")
    scratch.write_text(text, encoding="utf-8")
    _, errors = _load_alone(scratch)
    if errors:
        scratch.unlink()
        raise ValueError(f"the rule would not load: {errors[0]}")
    os.replace(scratch, path)  # one rename: the watcher sees the whole file or none of it


def made_rules(path: Path | None = None) -> list[str]:
    """The names of the rules in the digest file, newest first (what Undo can take back)."""
    path = path or digest_file()
    if not path.is_file():
        return []
    rules, _ = _load_alone(path)
    return [r.name for r in rules.user] if rules is not None else []


def remove_rule(name: str, path: Path | None = None) -> bool:
    """Undo: take the rule called `name` and the comment lines above it out of the file, leaving
    everything else as the user wrote it. False when no such rule is there (already undone)."""
    path = path or digest_file()
    if not path.is_file():
        return False
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if line.strip() in (f"- name: {_scalar(name)}", f"- name: {name}")
        ),
        None,
    )
    if start is None:
        return False
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    while (
        start > 0
        and lines[start - 1].strip().startswith("#")
        and lines[start - 1].startswith(" " * indent + "#")
    ):
        start -= 1
    text = "".join([*lines[:start], *lines[end:]])
    if not any(line.strip().startswith("- ") for line in lines[:start] + lines[end:]):
        text = re.sub(r"(?m)^rules:[ \t]*$", "rules: []", text)  # an empty block list does not load
    _replace(path, text)
    log.info("rule %r taken out of %s", name, path)
    return True


def first_rule(n: Notification) -> Rule | None:
    """The user's rule that decides about `n` now (the first that matches and says what to do),
    whichever window it is in; None when no rule of the user's matches."""
    from notifyzen.core.ruleload import load_active
    from notifyzen.core.rules import Facts, is_person

    loaded = load_active(paths.config_dir(), paths.presets_dir())
    if loaded.rules is None:
        return None
    facts = Facts(n, n.urgency, is_person(n), False)
    return next(
        (r for r in loaded.rules.user if r.action.verdict is not None and r.match.matches(facts)), None
    )


def comes_first(n: Notification, name: str) -> Rule | None:
    """The user's rule that decides about `n` instead of the rule `name` just written, if any."""
    rule = first_rule(n)
    if rule is None or (rule.name == name and rule.origin.startswith(str(digest_file()))):
        return None
    return rule


def impact(kind: str, hint: dict[str, str | None], now: datetime) -> Impact | None:
    """What the rule the user is about to write would have done over the last week, for the
    confirmation (the window words it: "Would have muted 23 notifications last week, 0 of them
    from people"); None when the rules or the history cannot be read."""
    from notifyzen.core.ruleload import load_active
    from notifyzen.core.whatif import rule_from_spec, rule_impact
    from notifyzen.history.week import HistoryError, read_week

    loaded = load_active(paths.config_dir(), paths.presets_dir())
    if loaded.rules is None or loaded.config is None:
        return None
    rule = rule_from_spec(spec_for(kind, hint), origin=str(digest_file()))
    try:
        entries = read_week(
            paths.database_file(), now - timedelta(days=7), now, loaded.config.idle_breakpoint
        )
    except HistoryError:
        return None
    return rule_impact(entries, loaded.rules, loaded.config, rule)


def starter_file() -> Path:
    """The file "Edit rules" opens: the user's first rule file, else a new one holding the active
    preset as comments. Commented out because an active copy would define the preset's focus
    windows a second time; the user uncomments what they want to change."""
    from notifyzen.core.ruleload import load_config, rule_files
    from notifyzen.desktop.i18n import preset_file, translate

    user_dir = paths.config_dir() / "rules"
    existing = [p for p in rule_files(user_dir) if p.name not in (DIGEST_FILE, OLD_DIGEST_FILE)]
    if existing:
        return existing[0]
    config, _, _ = load_config(paths.config_dir() / "config.yaml")
    preset = config.presets[0] if config is not None and config.presets else "default"
    source = preset_file(f"{preset}.yaml")
    target = user_dir / "my-rules.yaml"
    user_dir.mkdir(parents=True, exist_ok=True)
    lines = source.read_text(encoding="utf-8").splitlines()
    schema = (paths.presets_dir() / "notifyzen-rules.schema.json").as_uri()
    out = [f"# yaml-language-server: $schema={schema}"]
    intro = translate(  # in the language of the preset's comments below
        "RuleFiles", "Your own rules come before the preset %1. Below is that preset, commented out:"
    )
    hint = translate(
        "RuleFiles", "uncomment what you want to change. notifyzen reloads this file when it is saved."
    )
    description = translate("RuleFiles", "My rules.")
    out += [f"# {intro.replace('%1', repr(preset))}", f"# {hint}", f"description: {description}", ""]
    out += [
        line if line.startswith("#") or not line.strip() else f"# {line}"
        for line in lines
        if not line.startswith("# yaml-language-server")
    ]
    target.write_text("\n".join(out) + "\n", encoding="utf-8")
    return target
