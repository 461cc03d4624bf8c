"""YAML to plain data, remembering where in the file every key and value stood.

PyYAML's `compose` gives a node tree with start marks; we build the Python values ourselves from
it so that an error pydantic reports at ('rules', 3, 'match', 'urgncy') can be printed as
file:line:col. Plain scalars like 10:30 stay strings: YAML 1.1 would read them as base-60
integers (630), which is never what someone writing a clock time means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

import yaml

Path_ = tuple[str | int, ...]
MAX_NODES = 100_000  # far beyond any rule file; stops alias bombs ("billion laughs") and loops
MAX_DEPTH = 50


@dataclass(frozen=True, slots=True)
class Where:
    line: int  # 1-based
    col: int  # 1-based


@dataclass(slots=True)
class Marked:
    """The data, plus where each path's key and value start."""

    data: Any
    keys: dict[Path_, Where] = field(default_factory=dict)
    values: dict[Path_, Where] = field(default_factory=dict)
    nodes: int = 0

    def where(self, path: Path_, *, key: bool = False) -> Where:
        """The position of `path`, or of its nearest ancestor the file has."""
        table = self.keys if key else self.values
        for cut in range(len(path), -1, -1):
            hit = table.get(path[:cut]) or self.values.get(path[:cut])
            if hit is not None:
                return hit
        return Where(1, 1)


class YamlError(Exception):
    def __init__(self, where: Where, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


def _where(mark: yaml.Mark | None) -> Where:
    return Where(mark.line + 1, mark.column + 1) if mark is not None else Where(1, 1)


def _too_deep(text: str) -> Where | None:
    """Where nesting first goes past MAX_DEPTH, found by libyaml's C parser (when PyYAML has it):
    PyYAML's own scanner takes 0.3 s to get 50 levels into 10,000 `[`, a stall of the bus thread,
    where libyaml takes 4 ms. A syntax error is left for the Python parser to word."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return Where(mark.line + 1, mark.column + 1) if mark is not None else Where(1, 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def _too_deep_error(where: Where) -> YamlError:
    return YamlError(where, f"nested more than {MAX_DEPTH} levels deep: too deep for a rule file")


_C_LOADER: Any = getattr(yaml, "CSafeLoader", None)


class _Loader(yaml.SafeLoader):
    """PyYAML's composer recurses once per level of nesting: 10,000 `[` ran out of Python stack,
    and the app refused to start with an empty "cannot start:". Here nesting stops at MAX_DEPTH,
    with the position of the level that went too deep, long before the stack does (also without
    libyaml)."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _too_deep_error(_where(self.peek_event().start_mark))
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_marked(text: str) -> Marked:
    """Parse one YAML document; raise YamlError with the position of a syntax error."""
    deep = _too_deep(text)
    if deep is not None:
        raise _too_deep_error(deep)
    loader: yaml.SafeLoader | None = None
    try:
        # libyaml scans and composes about ten times faster than PyYAML's Python code, and a rule
        # file is read while notifyzen runs (a 250 KiB one took a second); nesting is already
        # bounded above (`_too_deep`), so its C composer's recursion cannot run away.
        loader = cast("yaml.SafeLoader", _C_LOADER(text)) if _C_LOADER is not None else _Loader(text)
        node = loader.get_single_node()
        out = Marked(None)
        if node is not None:
            out.values[()] = _where(node.start_mark)
            out.data = _build(loader, node, (), out)
        return out
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        before = text[: exc.position]
        where = Where(before.count("\n") + 1, len(before) - before.rfind("\n"))
        raise YamlError(where, f"character U+{exc.character:04X} is not allowed in YAML") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(
            _where(mark), f"{exc.problem or 'invalid YAML'}" + (f" ({exc.context})" if exc.context else "")
        ) from None
    except RecursionError:  # a path we did not bound; still an error in this file, not a crash
        raise YamlError(Where(1, 1), "too deeply nested for a rule file") from None
    finally:
        if loader is not None:
            loader.dispose()


def _refuse_repeated_keys(node: yaml.MappingNode) -> None:
    """YAML wants keys unique, but PyYAML silently keeps the last one: a second `action:` or a
    second `rules:` at the bottom of a file would quietly replace what the user wrote above it.
    Keys a `<<:` merge brings in may be overridden; those are added by flatten_mapping, after this."""
    seen: dict[str, yaml.Node] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            continue
        first = seen.setdefault(key_node.value, key_node)
        if first is not key_node:
            line = _where(first.start_mark).line
            message = f'"{key_node.value}" is given twice in this mapping (first on line {line})'
            raise YamlError(_where(key_node.start_mark), message)


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: Path_, out: Marked) -> Any:
    out.nodes += 1
    if out.nodes > MAX_NODES or len(path) > MAX_DEPTH:
        raise YamlError(_where(node.start_mark), "too large or too deeply nested for a rule file")
    if isinstance(node, yaml.MappingNode):
        _refuse_repeated_keys(node)
        loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(_where(key_node.start_mark), "a key must be a plain word")
            here = (*path, key_node.value)  # as written: "on" stays "on", not True
            out.keys[here] = _where(key_node.start_mark)
            out.values[here] = _where(value_node.start_mark)
            result[here[-1]] = _build(loader, value_node, here, out)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            here = (*path, index)
            out.values[here] = _where(child.start_mark)
            items.append(_build(loader, child, here, out))
        return items
    assert isinstance(node, yaml.ScalarNode)
    plain = not node.style  # None from PyYAML's composer, "" from libyaml's
    if node.tag == "tag:yaml.org,2002:int" and ":" in node.value and plain:
        return node.value  # a clock time, not a sexagesimal number
    return loader.construct_object(node, deep=True)
