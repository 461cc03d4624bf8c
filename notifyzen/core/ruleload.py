"""Reading rule files and config.yaml into a RuleSet and Config, or into every error at once.

Errors name file:line:col, the rule, and what was expected, with "did you mean" for keys and
names that are almost right. Nothing is half-loaded: the caller gets a RuleSet or errors, so the
running app can keep its last good rule set. `load_active` also says which files it read and
which directories may gain files, so a watcher knows what to watch.
"""

from __future__ import annotations

import difflib
import os
import re
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from notifyzen.core.config import Config, ConfigModel
from notifyzen.core.model import Source, Urgency, Verdict
from notifyzen.core.rulefile import MatchModel, RuleFileModel, RuleModel, WindowModel
from notifyzen.core.rules import UNTIL_WINDOW_END, Action, During, Match, Rule, RuleSet
from notifyzen.core.safefile import Unreadable, list_rule_files, read_text, real
from notifyzen.core.schedule import ALL_DAY, FocusWindow, parse_clock, parse_days, parse_span
from notifyzen.core.shadowing import shadowed
from notifyzen.core.textpattern import PatternBook, TextPattern, compile_pattern
from notifyzen.core.yamlmarks import Marked, Path_, YamlError, load_marked

CONFIG_NAME = "config.yaml"
SPECIAL_DURING = ("any", "none")
MANUAL_FOCUS = "focus"


@dataclass(frozen=True, slots=True)
class RuleError:
    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


@dataclass(frozen=True, slots=True)
class Loaded:
    """The result of a load: rules and config, or the errors (then rules/config are None)."""

    rules: RuleSet | None
    config: Config | None
    errors: tuple[RuleError, ...] = ()
    files: tuple[Path, ...] = ()  # every file read
    watch: tuple[Path, ...] = ()  # directories where a new file would change the result
    # A set that loads but can hardly be meant (`preset: []` and no rules of one's own): it runs,
    # and the tray and `rules check` say so. Not an error: `ok` stays True.
    warnings: tuple[RuleError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors and self.rules is not None and self.config is not None


@dataclass(slots=True)
class _File:
    path: Path
    marked: Marked
    model: RuleFileModel


@dataclass(slots=True)
class _Errors:
    items: list[RuleError] = field(default_factory=list)

    def add(self, path: Path, marked: Marked | None, loc: Path_, message: str, *, key: bool = False) -> None:
        where = marked.where(loc, key=key) if marked is not None else None
        line, col = (where.line, where.col) if where else (1, 1)
        self.items.append(RuleError(str(path), line, col, _context(marked, loc) + message))


def _context(marked: Marked | None, loc: Path_) -> str:
    """'rule "standup": ' for a location inside a rule or window."""
    if marked is None or len(loc) < 2 or loc[0] not in ("rules", "windows") or not isinstance(loc[1], int):
        return ""
    try:
        name = marked.data[loc[0]][loc[1]].get("name")
    except (AttributeError, IndexError, KeyError, TypeError):
        name = None
    kind = "rule" if loc[0] == "rules" else "window"
    label = f'{kind} "{name}"' if isinstance(name, str) else f"{kind} {loc[1] + 1}"
    return f"{label}: "


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _model_at(model: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at `loc`, to list its allowed keys."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        is_model = isinstance(current, type) and issubclass(current, BaseModel)
        if not is_model or step not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[step].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _pydantic_errors(
    errors: _Errors, path: Path, marked: Marked, exc: ValidationError, root: type[BaseModel]
) -> None:
    """Every error pydantic found, in the order they stand in the file."""
    found = _Errors()
    _translate(found, path, marked, exc, root)
    errors.items.extend(sorted(found.items, key=lambda e: (e.line, e.col)))


def _translate(
    errors: _Errors, path: Path, marked: Marked, exc: ValidationError, root: type[BaseModel]
) -> None:
    for err in exc.errors():
        loc = tuple(err["loc"])
        label = (
            ".".join(str(p) for p in loc[2:] if not isinstance(p, int))
            if loc[:1] in (("rules",), ("windows",))
            else ".".join(str(p) for p in loc if not isinstance(p, int))
        )
        if err["type"] == "extra_forbidden":
            parent = _model_at(root, loc[:-1])
            allowed = list(parent.model_fields) if parent else []
            errors.add(
                path, marked, loc, f'unknown key "{loc[-1]}"{_did_you_mean(str(loc[-1]), allowed)}', key=True
            )
            continue
        if err["type"] == "missing":
            errors.add(path, marked, loc[:-1], f'missing key "{loc[-1]}"')
            continue
        message = str(err["msg"]).removeprefix("Value error, ")
        if message.startswith("Input should be "):
            message = "expected " + message.removeprefix("Input should be ")
            message += f", got {err['input']!r}"
            expected = err.get("ctx", {}).get("expected", "")
            if isinstance(err["input"], str) and expected:
                message += _did_you_mean(err["input"], re.findall(r"'([^']*)'", expected))
        errors.add(path, marked, loc, f"{label}: {message}" if label else message)


def _read(path: Path, errors: _Errors) -> Marked | None:
    """Only a regular file of sane size (core/safefile.py), so no file stalls the bus thread."""
    try:
        text = read_text(path)
    except Unreadable as exc:
        errors.items.append(RuleError(str(path), exc.line, exc.col, f"cannot read: {exc.message}"))
        return None
    try:
        marked = load_marked(text)
    except YamlError as exc:
        where = exc.where
        errors.items.append(RuleError(str(path), where.line, where.col, f"not valid YAML: {exc.message}"))
        return None
    if marked.data is None:
        marked.data = {}
    if not isinstance(marked.data, dict):
        errors.add(path, marked, (), "expected a mapping with 'windows' and/or 'rules'")
        return None
    return marked


def _parse_rule_file(path: Path, errors: _Errors) -> _File | None:
    """One file's model, or its errors. Whatever goes wrong in it stays its error: a typo (or a
    bug of ours a file provokes) must never stop intake or a reload."""
    try:
        return _parse_rule_file_unguarded(path, errors)
    except Exception as exc:
        errors.add(path, None, (), f"cannot load: {type(exc).__name__}: {exc}")
        return None


def _parse_rule_file_unguarded(path: Path, errors: _Errors) -> _File | None:
    marked = _read(path, errors)
    if marked is None:
        return None
    try:
        model = RuleFileModel.model_validate(marked.data)
    except ValidationError as exc:
        _pydantic_errors(errors, path, marked, exc, RuleFileModel)
        return None
    for kind, names in (
        ("rules", [r.name for r in model.rules]),
        ("windows", [w.name for w in model.windows]),
    ):
        seen: set[str] = set()
        for index, name in enumerate(names):
            if name.casefold() in seen:
                errors.add(path, marked, (kind, index, "name"), f"a {kind[:-1]} named so is already above")
            seen.add(name.casefold())
    return _File(path, marked, model)


# --- models to the core's dataclasses ---


def _names(values: list[str] | None) -> frozenset[str] | None:
    return frozenset(v.strip().casefold() for v in values) if values is not None else None


def _pattern(text: str | None, book: PatternBook | None) -> TextPattern | None:
    return compile_pattern(text, book) if text is not None else None


def _match(m: MatchModel, book: PatternBook | None) -> Match:
    return Match(
        app=_names(m.app),
        desktop_entry=_names(m.desktop_entry),
        sender=_names(m.sender),
        category=tuple(c.strip().lower() for c in m.category) if m.category is not None else None,
        urgency=frozenset(Urgency[u.upper()] for u in m.urgency) if m.urgency is not None else None,
        source=Source(m.source) if m.source is not None else None,
        device=_names(m.device),
        package=_names(m.package),
        summary=_pattern(m.summary, book),
        body=_pattern(m.body, book),
        text=_pattern(m.text, book),
        person=m.person,
        repeated=m.repeated,
        time_sensitive=m.time_sensitive,
        reminder=m.reminder,
        code=m.code,
        call=m.call,
        cooldown=timedelta(minutes=m.cooldown) if m.cooldown is not None else None,
    )


def _rule(r: RuleModel, origin: str, book: PatternBook | None = None) -> Rule:
    a = r.action
    until: Any = None
    if a.until is not None:
        until = UNTIL_WINDOW_END if a.until.strip().lower() == UNTIL_WINDOW_END else parse_clock(a.until)
    verdict = None if a.do is None else Verdict.HOLD if a.do == "hold_until" else Verdict(a.do)
    action = Action(verdict, until, Urgency[a.set_urgency.upper()] if a.set_urgency else None)
    during: During = None
    if r.during is not None:
        folded = {d.strip().casefold() for d in r.during}
        during = "any" if "any" in folded else "none" if "none" in folded else frozenset(folded)
    return Rule(r.name, _match(r.match, book), action, during, r.reply == "status", r.why, origin)


def _window(w: WindowModel) -> FocusWindow:
    spans = tuple(parse_span(s) for s in w.times) if w.times else (ALL_DAY,)
    wait = timedelta(minutes=w.max_wait) if w.max_wait is not None else None
    return FocusWindow(w.name, parse_days(w.days), spans, wait)


def load_rules(
    user_files: Sequence[Path], preset_files: Sequence[Path] = ()
) -> tuple[RuleSet | None, list[RuleError]]:
    """User files first, then presets. A window a user file defines replaces the preset's one."""
    errors = _Errors()
    tiers = [
        [f for p in paths if (f := _parse_rule_file(p, errors)) is not None]
        for paths in (user_files, preset_files)
    ]
    windows: dict[str, FocusWindow] = {}
    for tier in tiers:
        for f in tier:
            for w in f.model.windows:
                windows.setdefault(w.name.casefold(), _window(w))
    known = [w.name for w in windows.values()]
    rules: list[list[Rule]] = [[], []]
    book = PatternBook()  # the set's patterns, searched together (core/textpattern.py)
    for level, tier in enumerate(tiers):
        for f in tier:
            for index, r in enumerate(f.model.rules):
                _check_during(errors, f, index, r, known)
                where = f.marked.where(("rules", index))
                rules[level].append(_rule(r, f"{f.path}:{where.line}", book))
    if errors.items:
        return None, errors.items
    files = tuple(str(f.path) for tier in tiers for f in tier)
    return RuleSet(tuple(rules[0]), tuple(rules[1]), tuple(windows.values()), files), []


def _check_during(errors: _Errors, f: _File, index: int, r: RuleModel, known: list[str]) -> None:
    allowed = [*known, MANUAL_FOCUS, *SPECIAL_DURING]
    folded = {a.casefold() for a in allowed}
    for i, name in enumerate(r.during or ()):
        if name.strip().casefold() not in folded:
            hint = _did_you_mean(name, allowed) or f" (known: {', '.join(allowed)})"
            loc = ("rules", index, "during", i)
            errors.add(f.path, f.marked, loc, f'during: no focus window "{name}"{hint}')


def load_config(path: Path | None) -> tuple[Config | None, list[RuleError], Marked | None]:
    """config.yaml, or the defaults when there is none (a link to nothing or a loop is an error)."""
    if path is None or not os.path.lexists(path):
        return Config(), [], None
    errors = _Errors()
    try:
        marked = _read(path, errors)
    except Exception as exc:  # as for rule files: never a reason not to start
        errors.add(path, None, (), f"cannot load: {type(exc).__name__}: {exc}")
        return None, errors.items, None
    if marked is None:
        return None, errors.items, None
    try:
        return ConfigModel.model_validate(marked.data).to_config(), [], marked
    except ValidationError as exc:
        _pydantic_errors(errors, path, marked, exc, ConfigModel)
        return None, errors.items, marked


def preset_names(presets_dir: Path) -> list[str]:
    return sorted(p.stem for p in presets_dir.glob("*.yaml"))


def preset_descriptions(presets_dir: Path) -> dict[str, str]:
    """name -> its one-line description, for a menu of presets (unreadable ones are left out)."""
    out = {}
    for name in preset_names(presets_dir):
        f = _parse_rule_file(presets_dir / f"{name}.yaml", _Errors())
        if f is not None:
            out[name] = f.model.description or ""
    return out


def rule_files(directory: Path) -> list[Path]:
    """A directory's rule files, by name (so 10-work.yaml comes before 20-home.yaml); [] when it
    cannot be listed (load_active says why)."""
    try:
        return list_rule_files(directory)
    except Unreadable:
        return []


def _listed(paths: Sequence[Path], errors: list[RuleError]) -> list[Path]:
    """Files as given, directories as their rule files; a directory that cannot be listed (no
    permission, not a directory) is an error, not an empty set of rules."""
    out: list[Path] = []
    for path in paths:
        if not os.path.isdir(path):
            out.append(path)
            continue
        out.extend(_dir_files(path, errors))
    return out


def _dir_files(directory: Path, errors: list[RuleError]) -> list[Path]:
    try:
        return list_rule_files(directory)
    except Unreadable as exc:
        errors.append(RuleError(str(directory), 1, 1, f"cannot list the rules directory: {exc.message}"))
        return []


def load_active(
    config_dir: Path,
    presets_dir: Path,
    *,
    user_files: Sequence[Path] | None = None,
    config_file: Path | None = None,
) -> Loaded:
    """config.yaml + the user's rules/*.yaml + the active preset(s): what the app runs on.

    `user_files` replaces the user's rules directory (for `rules check FILE...` and explain --rules;
    a directory among them stands for its rule files). Never raises: the app reloads with this on
    the bus thread, and a failure there must read as an error in the tray, not as silence.
    """
    try:
        return _load_active(config_dir, presets_dir, user_files, config_file)
    except Exception as exc:
        error = RuleError(str(config_dir), 1, 1, f"cannot load the rules: {type(exc).__name__}: {exc}")
        return Loaded(None, None, (error,), (), (config_dir, config_dir / "rules", presets_dir))


def _load_active(
    config_dir: Path, presets_dir: Path, user_files: Sequence[Path] | None, config_file: Path | None
) -> Loaded:
    config_path = config_file or config_dir / CONFIG_NAME
    user_dir = config_dir / "rules"
    listing: list[RuleError] = []
    users = _dir_files(user_dir, listing) if user_files is None else _listed(user_files, listing)
    config, errors, marked = load_config(config_path)
    errors = listing + errors
    files = ([config_path] if os.path.lexists(config_path) else []) + users
    watch = (config_dir, user_dir, presets_dir)
    names = config.presets if config is not None else _raw_presets(marked)
    presets, preset_errors = _preset_paths(presets_dir, names, config_path, marked)
    user_set = {real(p) for p in users}
    presets = [p for p in presets if real(p) not in user_set]
    rules, rule_errors = load_rules(users, presets)
    preset_errors += _calendar_presets(presets_dir, config, config_path, marked)
    errors = errors + preset_errors + rule_errors  # every error at once, config and rules alike
    files += presets
    if errors or config is None or rules is None:
        return Loaded(None, None, tuple(errors), tuple(files), watch)
    warnings = _nothing_held(config, rules, config_path, marked) + _never_decides(rules)
    return Loaded(rules, config, (), tuple(files), watch, tuple(warnings))


def _nothing_held(
    config: Config, rules: RuleSet, config_path: Path, marked: Marked | None
) -> list[RuleError]:
    """`preset: []` with no rule or focus window of the user's own: nothing is held (outside a
    focus the user starts by hand), which looks like notifyzen not working at all."""
    if config.presets or rules.rules or rules.windows or config.unmatched_outside is Verdict.HOLD:
        return []
    found = _Errors()
    found.add(
        config_path,
        marked,
        ("preset",),
        "preset: [] and no rules of your own: nothing is held, only during focus you start yourself "
        "(name a preset, e.g. preset: default, or add a file to rules/)",
    )
    return found.items


def _never_decides(rules: RuleSet) -> list[RuleError]:
    """A rule of the user's below one that always matches first (core/shadowing.py): its file:line,
    and the other rule's, so the user sees which one to move or narrow."""
    out = []
    for pair in shadowed(rules.user):
        file, _, line = pair.rule.origin.rpartition(":")
        where = f"{Path(pair.by.origin.rpartition(':')[0]).name}:{pair.by.origin.rpartition(':')[2]}"
        message = (
            f'rule "{pair.rule.name}" never decides: rule "{pair.by.name}" ({where}) matches everything '
            "it does and comes first (move it above, or narrow the other)"
        )
        out.append(RuleError(file or pair.rule.origin, int(line) if line.isdigit() else 1, 1, message))
    return out


def load_runnable(config_dir: Path, presets_dir: Path) -> Loaded:
    """What the app runs on when it starts with broken files, where there is no last good set to
    keep: every file that loads, the broken ones left out (a broken config.yaml: the defaults; a
    broken rule file: the others and the presets; an unknown preset: the default one). The errors
    are all there, so the tray and `rules check` name them; `ok` stays False."""
    loaded = load_active(config_dir, presets_dir)
    if loaded.ok:
        return loaded
    try:
        return _runnable(loaded, config_dir, presets_dir)
    except Exception:  # the built-in defaults then (service/start.py): never "cannot start"
        return Loaded(None, None, loaded.errors, loaded.files, loaded.watch)


def _runnable(loaded: Loaded, config_dir: Path, presets_dir: Path) -> Loaded:
    broken = {real(Path(e.file)) for e in loaded.errors if e.file}
    config_path = config_dir / CONFIG_NAME
    config = None
    if real(config_path) not in broken:
        config, _, _ = load_config(config_path)
    config = config or Config()
    presets, missing = _preset_paths(presets_dir, config.presets, config_path, None)
    if missing:
        presets, _ = _preset_paths(presets_dir, Config().presets, config_path, None)
    users = [p for p in rule_files(config_dir / "rules") if real(p) not in broken]
    presets = [p for p in presets if real(p) not in broken]
    rules, _ = load_rules(users, presets)
    warnings = _nothing_held(config, rules, config_path, None) if rules is not None else []
    return Loaded(rules, config, loaded.errors, loaded.files, loaded.watch, tuple(warnings))


def _raw_presets(marked: Marked | None) -> tuple[str, ...]:
    """The preset names of a config.yaml that failed validation, to check the rules anyway."""
    data = marked.data if marked is not None else None
    raw = data.get("preset", "default") if isinstance(data, dict) else None
    if isinstance(raw, str):
        return (raw,)
    if isinstance(raw, list) and all(isinstance(r, str) for r in raw):
        return tuple(raw)
    return Config().presets


def _calendar_presets(
    presets_dir: Path, config: Config | None, config_path: Path, marked: Marked | None
) -> list[RuleError]:
    """A calendar's `preset:` must name a shipped preset (its events become that preset's window)."""
    errors = _Errors()
    available = preset_names(presets_dir)
    for i, calendar in enumerate(config.calendars if config is not None else ()):
        if calendar.preset not in available:
            hint = _did_you_mean(calendar.preset, available) or f" (available: {', '.join(available)})"
            message = f'preset: no preset "{calendar.preset}"{hint}'
            errors.add(config_path, marked, ("calendars", i, "preset"), message)
    return errors.items


def _preset_paths(
    presets_dir: Path, names: Sequence[str], config_path: Path, marked: Marked | None
) -> tuple[list[Path], list[RuleError]]:
    errors = _Errors()
    paths = []
    available = preset_names(presets_dir)
    for name in names:
        path = presets_dir / f"{name}.yaml"
        if os.path.lexists(path):  # whatever it is: reading it says what is wrong
            paths.append(path)
        else:
            hint = _did_you_mean(name, available) or f" (available: {', '.join(available) or 'none'})"
            errors.add(config_path, marked, ("preset",), f'preset: no preset "{name}"{hint}')
    return paths, errors.items
