"""The layout shows the architecture (issue 21), and these tests keep it so.

Every package under notifyzen/ opens its `__init__.py` with a docstring holding one line
`May import: notifyzen.core, notifyzen.history` (or `May import: nothing`): the notifyzen packages
its modules may use besides their own. A listed package brings its subpackages; a top module
(`notifyzen` itself for `APP_ID`, `notifyzen.clock`, ...) is allowed only where it is named.
No notifyzen module imports another in a circle. Third-party and standard-library imports are not
the business of these lines (tests/core/test_boundary.py keeps Qt, D-Bus and SQL out of the core).

What counts as an import is what runs: every `import` / `from ... import` of a notifyzen module and
every `importlib.import_module("notifyzen....")` with a literal name, at module level or inside a
function, but not under `if TYPE_CHECKING:` (typing only, never executed). A lazy import inside a
function still couples two modules, which is why it counts. An import names the module it loads
(`from notifyzen.history import store` -> notifyzen.history.store; `from notifyzen.service import
Service` -> the package's `__init__`), not the packages Python passes through on the way.

The code is read with `ast`, never imported, so a broken module still gets a clear message, and
the same functions run on small synthetic trees in tmp_path below: they prove the checker fails on
a forbidden import and on a circle, since a checker that cannot fail proves nothing.
"""

from __future__ import annotations

import ast
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTIFYZEN = ROOT / "notifyzen"
# Shipped data mapped into the package by pyproject.toml (rules/ and resources/), not code.
DATA_PACKAGES = {"presets", "resources"}
# At the top stay only the wiring (app, cli, __main__) and two leaves every wing may use.
TOP_MODULES = {"notifyzen", "notifyzen.__main__", "notifyzen.app", "notifyzen.cli"}
TOP_LEAVES = {"notifyzen.clock", "notifyzen.devbus"}
# The packages from the bottom up: a module imports from its own layer or those below, so the
# packages can never import each other in a circle. The data flows bus -> service -> core ->
# history -> ui/report; imports point down this list.
LAYERS = [
    ["core"],
    ["notifyzen", "clock", "devbus"],
    ["desktop"],
    ["bus"],
    ["phone", "history", "calendar"],
    ["context", "learn", "rulefiles"],
    ["dnd"],
    ["service"],
    ["report"],
    ["ui"],
    ["demo"],
    ["commands"],
    ["cli"],
    ["app"],
    ["__main__"],
]
# Imports that still point up (issue 21 left them: no module circle, but a package one). Most are
# words for people (desktop/words.py, ui/*_words.py) that belong below the packages using them.
# The list only shrinks: an upward import not on it fails, and so does one on it that is gone.
KNOWN_UPWARD = {
    ("commands", "app"),  # commands/run.py: app.main
}


@dataclass(frozen=True)
class Import:
    """One run-time import of a notifyzen module, where it is written and how it reads."""

    source: str
    target: str
    where: str
    text: str


@dataclass
class Tree:
    """The modules of one top package found on disk: dotted name -> file."""

    top: str
    base: Path
    files: dict[str, Path] = field(default_factory=dict)
    packages: set[str] = field(default_factory=set)

    def rel(self, module: str) -> str:
        return self.files[module].relative_to(self.base).as_posix()

    def package_of(self, module: str) -> str:
        return module if module in self.packages else module.rpartition(".")[0]

    def owner(self, name: str) -> str:
        """The deepest module of the tree `name` falls in (`a.b.Thing` -> `a.b`)."""
        while name not in self.files and "." in name:
            name = name.rpartition(".")[0]
        return name


def scan(top_dir: Path) -> Tree:
    """Every module under `top_dir` that Python can import as a package member."""
    tree = Tree(top=top_dir.name, base=top_dir.parent)
    for path in sorted(top_dir.rglob("*.py")):
        parts = path.relative_to(tree.base).with_suffix("").parts
        folders = [tree.base.joinpath(*parts[:i]) for i in range(1, len(parts))]
        if "__pycache__" in parts or not all((f / "__init__.py").is_file() for f in folders):
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
            tree.packages.add(".".join(parts))
        tree.files[".".join(parts)] = path
    return tree


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _run_time_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """All nodes below `node` except the bodies of `if TYPE_CHECKING:` (their else runs)."""
    for child in ast.iter_child_nodes(node):
        yield child
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield other
                yield from _run_time_nodes(other)
        else:
            yield from _run_time_nodes(child)


def imports_of(tree: Tree, module: str) -> list[Import]:
    """The notifyzen modules `module` imports at run time, in the order they are written."""
    path = tree.files[module]
    found: list[Import] = []

    def add(node: ast.stmt | ast.expr, name: str, text: str) -> None:
        if name == tree.top or name.startswith(tree.top + "."):
            target = tree.owner(name)
            if target != module:
                found.append(Import(module, target, f"{tree.rel(module)}:{node.lineno}", text))

    for node in _run_time_nodes(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(node, alias.name, f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = tree.package_of(module).split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            by_target: dict[str, list[str]] = {}  # one entry per module the statement loads
            for alias in node.names:
                name = base if alias.name == "*" else f"{base}.{alias.name}"
                by_target.setdefault(tree.owner(name), []).append(alias.name)
            for name, aliases in by_target.items():
                add(node, name, f"from {'.' * node.level}{node.module or ''} import {', '.join(aliases)}")
        elif isinstance(node, ast.Call):
            func = node.func
            named = (isinstance(func, ast.Attribute) and func.attr == "import_module") or (
                isinstance(func, ast.Name) and func.id == "import_module"
            )
            arg = node.args[0] if node.args else None
            if named and isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                add(node, arg.value, f"importlib.import_module({arg.value!r})")
    return found


def wings(tree: Tree) -> list[str]:
    """The packages below the top one, each of which must say what it may import."""
    data = tuple(f"{tree.top}.{name}" for name in DATA_PACKAGES)
    return sorted(p for p in tree.packages if p != tree.top and not p.startswith(data))


def may_import(tree: Tree, package: str) -> tuple[set[str], list[str]]:
    """The package's `May import:` line as names, and what is wrong with it (empty when fine)."""
    init = tree.rel(package)
    doc = ast.get_docstring(ast.parse(tree.files[package].read_text())) or ""
    lines = [ln.strip() for ln in doc.splitlines() if ln.strip().startswith("May import:")]
    if len(lines) != 1:
        how = "no" if not lines else f"{len(lines)}"
        return set(), [f"{init}: {how} 'May import:' lines in its opening docstring (want one)"]
    value = lines[0].removeprefix("May import:").strip().rstrip(".").strip()
    if value.lower() == "nothing":
        return set(), []
    names = {n.strip().strip("`") for n in value.split(",") if n.strip()}
    unknown = sorted(n for n in names if n not in tree.files)
    if not names:
        return names, [f"{init}: 'May import:' lists nothing; write 'May import: nothing'"]
    if unknown:
        return names, [f"{init}: 'May import:' lists what is no notifyzen module: {', '.join(unknown)}"]
    return names, []


def allowed(tree: Tree, package: str, names: set[str], target: str) -> bool:
    if target == package or target.startswith(package + "."):
        return True
    for name in names:
        whole_wing = name in tree.packages and name != tree.top
        if target == name or (whole_wing and target.startswith(name + ".")):
            return True
    return False


def line_problems(tree: Tree) -> list[str]:
    """Packages whose docstring lacks a readable `May import:` line."""
    return [problem for package in wings(tree) for problem in may_import(tree, package)[1]]


def forbidden_imports(tree: Tree) -> list[str]:
    """`file:line: import ...` for every run-time import its package's line does not allow
    (a package without a readable line is left to `line_problems`)."""
    said = {package: may_import(tree, package) for package in wings(tree)}
    lines = {package: names for package, (names, problems) in said.items() if not problems}
    found = []
    for module in sorted(tree.files):
        package = tree.package_of(module)
        if package not in lines:
            continue
        for imp in imports_of(tree, module):
            if not allowed(tree, package, lines[package], imp.target):
                may = ", ".join(sorted(lines[package])) or "nothing"
                found.append(f"{imp.where}: {imp.text} ({package} may import: {may})")
    return found


def _tangles(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def module_graph(tree: Tree) -> dict[str, dict[str, Import]]:
    """Module -> the modules it imports at run time (the first import of each names the edge)."""
    graph: dict[str, dict[str, Import]] = {}
    for module in tree.files:
        for imp in imports_of(tree, module):
            graph.setdefault(module, {}).setdefault(imp.target, imp)
    return graph


def wing_of(tree: Tree, module: str) -> str:
    """The package right under the top a module belongs to, or the top module itself."""
    wing = ".".join(module.split(".")[:2])
    return wing if wing in tree.packages and wing != tree.top else module


def package_graph(tree: Tree) -> dict[str, dict[str, Import]]:
    """Wing -> the other wings (and top modules) its modules import."""
    graph: dict[str, dict[str, Import]] = {}
    for module, targets in sorted(module_graph(tree).items()):
        for target, imp in sorted(targets.items()):
            a, b = wing_of(tree, module), wing_of(tree, target)
            if a != b:
                graph.setdefault(a, {}).setdefault(b, imp)
    return graph


def describe_circles(graph: dict[str, dict[str, Import]]) -> list[str]:
    """One readable circle per tangle: each step's node, file:line and import."""
    found = []
    for group in _tangles(graph):
        start, members = group[0], set(group)
        came: dict[str, tuple[str, Import]] = {}
        queue = deque([start])
        while queue and start not in came:  # the shortest way from start back to itself
            node = queue.popleft()
            for nxt, imp in sorted(graph.get(node, {}).items()):
                if nxt in members and nxt not in came:
                    came[nxt] = (node, imp)
                    queue.append(nxt)
        steps = [(came[start][0], came[start][1])]
        while steps[-1][0] != start:
            steps.append(came[steps[-1][0]])
        steps.reverse()
        path = " -> ".join(f"{node} ({imp.where}: {imp.text})" for node, imp in steps) + f" -> {start}"
        rest = sorted(members - {node for node, _ in steps})
        found.append(path + (f"; tangled with them: {', '.join(rest)}" if rest else ""))
    return found


def circles(tree: Tree) -> list[str]:
    """Import circles among modules, each named step by step."""
    return describe_circles(module_graph(tree))


def upward_imports(tree: Tree, layers: list[list[str]]) -> dict[tuple[str, str], Import]:
    """Imports from a package to one in a higher layer (short names: `bus`, `clock`, `app`), each
    with the first import that makes it. Packages missing from `layers` are named as such."""
    rank = {name: i for i, layer in enumerate(layers) for name in layer}
    short = {name: name.removeprefix(tree.top + ".") for name in tree.files}
    found: dict[tuple[str, str], Import] = {}
    for a, targets in package_graph(tree).items():
        for b, imp in targets.items():
            pair = (short[a], short[b])
            if pair[0] not in rank or pair[1] not in rank:
                missing = [name for name in pair if name not in rank]
                found[pair] = Import(a, b, imp.where, f"{imp.text} (no layer for {', '.join(missing)})")
            elif rank[pair[0]] < rank[pair[1]]:
                found[pair] = imp
    return found


# --- the checker, proven on synthetic trees ---------------------------------------------------


def make_tree(tmp_path: Path, files: dict[str, str]) -> Tree:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return scan(tmp_path / "pkg")


WINGS = {
    "pkg/__init__.py": '"""Top."""\nAPP_ID = "x"\n',
    "pkg/clock.py": "",
    "pkg/core/__init__.py": '"""Pure.\n\nMay import: nothing\n"""\n',
    "pkg/core/model.py": "import dataclasses\n",
    "pkg/core/rules.py": "from pkg.core import model\nfrom . import model as m2\n",
    "pkg/store/__init__.py": '"""Disk.\n\nMay import: pkg.core, pkg.clock.\n"""\n',
    "pkg/store/rows.py": "from pkg.core.model import Thing\nimport pkg.clock\n",
    "pkg/ui/__init__.py": '"""Windows.\n\nMay import: pkg.core, pkg.store, pkg\n"""\n',
    "pkg/ui/window.py": (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "from pkg import APP_ID\n"
        "from ..store import rows\n"
        "if TYPE_CHECKING:\n"
        "    from pkg.app import App\n"
        "else:\n"
        "    import pkg.core.rules\n"
    ),
    "pkg/ui/presets/__init__.py": "",  # a subpackage of ui: its own line is wanted
    "pkg/presets/__init__.py": "",  # shipped data, not a wing: no line wanted
    "pkg/resources/icons/x.py": "import pkg.app\n",  # not a package: no __init__.py
    "pkg/app.py": "import pkg.ui.window\nimport pkg.store.rows\n",
}


def test_a_tree_that_keeps_its_lines_passes(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, WINGS | {"pkg/ui/presets/__init__.py": '"""May import: pkg.ui"""'})
    assert "pkg.resources.icons.x" not in tree.files
    assert [i.target for i in imports_of(tree, "pkg.ui.window")] == [
        "pkg",
        "pkg.store.rows",
        "pkg.core.rules",
    ]
    assert line_problems(tree) == []
    assert forbidden_imports(tree) == []
    assert circles(tree) == []


def test_a_package_without_its_line_is_named(tmp_path: Path) -> None:
    tree = make_tree(tmp_path, WINGS | {"pkg/core/__init__.py": '"""Pure, but says not what."""\n'})
    assert line_problems(tree) == [
        "pkg/core/__init__.py: no 'May import:' lines in its opening docstring (want one)",
        "pkg/ui/presets/__init__.py: no 'May import:' lines in its opening docstring (want one)",
    ]
    tree = make_tree(tmp_path, WINGS | {"pkg/ui/presets/__init__.py": '"""May import: pkg.stor"""'})
    assert line_problems(tree) == [
        "pkg/ui/presets/__init__.py: 'May import:' lists what is no notifyzen module: pkg.stor"
    ]


@pytest.mark.parametrize(
    ("where", "code", "line", "named"),
    [
        ("pkg/core/rules.py", "import pkg.store.rows\n", 1, "import pkg.store.rows"),
        ("pkg/core/rules.py", "from pkg.store.rows import a, b\n", 1, "from pkg.store.rows import a, b"),
        ("pkg/core/rules.py", "def f():\n    from pkg import clock\n", 2, "from pkg import clock"),
        ("pkg/core/rules.py", "from pkg import APP_ID\n", 1, "from pkg import APP_ID"),
        ("pkg/store/rows.py", "from ..ui import window\n", 1, "from ..ui import window"),
        (
            "pkg/store/rows.py",
            "import importlib\nw = importlib.import_module('pkg.ui.window')\n",
            2,
            "importlib.import_module('pkg.ui.window')",
        ),
        (
            "pkg/store/rows.py",
            "import typing\nif typing.TYPE_CHECKING:\n    pass\nelse:\n    import pkg.app\n",
            5,
            "import pkg.app",
        ),
    ],
    ids=["module-level", "names", "in-a-function", "top-module", "relative", "import_module", "else-branch"],
)
def test_a_forbidden_import_is_named_with_file_and_line(
    tmp_path: Path, where: str, code: str, line: int, named: str
) -> None:
    files = WINGS | {"pkg/ui/presets/__init__.py": '"""May import: pkg.ui"""'}
    tree = make_tree(tmp_path, files | {where: files[where] + code})
    found = forbidden_imports(tree)
    assert len(found) == 1, found
    assert found[0].startswith(f"{where}:{files[where].count(chr(10)) + line}: {named} ("), found


def test_a_circle_is_named_step_by_step(tmp_path: Path) -> None:
    files = WINGS | {
        "pkg/ui/presets/__init__.py": '"""May import: pkg.ui"""',
        "pkg/core/model.py": "def late():\n    from pkg.core import rules\n",  # rules -> model -> rules
    }
    tree = make_tree(tmp_path, files)
    assert forbidden_imports(tree) == []  # allowed both ways, and still a circle
    assert circles(tree) == [
        "pkg.core.model (pkg/core/model.py:2: from pkg.core import rules) -> "
        "pkg.core.rules (pkg/core/rules.py:1: from pkg.core import model) -> pkg.core.model"
    ]


def test_a_long_circle_through_three_packages_is_found(tmp_path: Path) -> None:
    files = WINGS | {
        "pkg/ui/presets/__init__.py": '"""May import: pkg.ui"""',
        "pkg/core/model.py": "import pkg.app\n",
    }
    found = circles(make_tree(tmp_path, files))
    assert len(found) == 1
    assert found[0].startswith("pkg.app (pkg/app.py:2: import pkg.store.rows) -> pkg.store.rows")
    assert found[0].endswith(" -> pkg.app; tangled with them: pkg.core.rules, pkg.ui.window")


def test_an_import_up_the_layers_is_named(tmp_path: Path) -> None:
    files = WINGS | {"pkg/ui/presets/__init__.py": '"""May import: pkg.ui"""'}
    layers = [["core"], ["pkg", "clock"], ["store"], ["ui"], ["app"]]
    assert upward_imports(make_tree(tmp_path, files), layers) == {}
    files["pkg/store/extra.py"] = "def later():\n    from pkg.ui.window import W\n"
    files["pkg/core/late.py"] = "import pkg.app\n"
    found = upward_imports(make_tree(tmp_path, files), layers)
    assert {pair: f"{i.where}: {i.text}" for pair, i in found.items()} == {
        ("store", "ui"): "pkg/store/extra.py:2: from pkg.ui.window import W",
        ("core", "app"): "pkg/core/late.py:1: import pkg.app",
    }
    found = upward_imports(make_tree(tmp_path, files), [["core"], ["pkg", "clock"], ["store"], ["app"]])
    assert found[("app", "ui")].text == "import pkg.ui.window (no layer for ui)"


def test_typing_only_imports_make_no_circle(tmp_path: Path) -> None:
    files = WINGS | {
        "pkg/ui/presets/__init__.py": '"""May import: pkg.ui"""',
        "pkg/core/model.py": "import typing\nif typing.TYPE_CHECKING:\n    from pkg.core.rules import R\n",
    }
    assert circles(make_tree(tmp_path, files)) == []


# --- the real tree ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> Tree:
    tree = scan(NOTIFYZEN)
    assert len(tree.files) > 100 and "notifyzen.core" in tree.packages  # the scan sees the code
    return tree


def test_every_package_says_what_it_may_import(real: Tree) -> None:
    assert line_problems(real) == []
    assert may_import(real, "notifyzen.core")[0] == set(), "the core may import nothing of notifyzen"


def test_every_module_imports_only_what_its_package_may(real: Tree) -> None:
    found = forbidden_imports(real)
    assert not found, "\n".join(found)


def test_no_import_circles(real: Tree) -> None:
    found = circles(real)
    assert not found, "\n".join(found)


def test_the_top_holds_only_the_wiring_and_two_leaves(real: Tree) -> None:
    loose = sorted(m for m in real.files if m.count(".") == 1 and m not in real.packages)
    assert [m for m in loose if m not in TOP_MODULES | TOP_LEAVES] == [], "each belongs in a package"
    leaning = [f"{i.where}: {i.text}" for m in sorted(TOP_LEAVES) for i in imports_of(real, m)]
    assert leaning == [], "clock and devbus are leaves every package may use: they import no notifyzen"


def test_packages_import_down_the_layers_but_for_the_known_few(real: Tree) -> None:
    found = upward_imports(real, LAYERS)
    new = [
        f"{a} -> {b}: {i.where}: {i.text}"
        for (a, b), i in sorted(found.items())
        if (a, b) not in KNOWN_UPWARD
    ]
    gone = [
        f"{a} -> {b} no longer imports up: take it off KNOWN_UPWARD"
        for a, b in sorted(KNOWN_UPWARD - set(found))
    ]
    assert not new + gone, "\n".join(new + gone)


def test_the_architecture_page_shows_each_package_and_its_line(real: Tree) -> None:
    """docs/architecture.md's map: a row per package, in the order of the layers, whose last cell
    is the package's `May import:` line."""
    rows = re.findall(
        r"^\| `(\w+)/` \|.*\| ([^|]*) \|$", (ROOT / "docs" / "architecture.md").read_text(), re.M
    )
    shown = {name: set(re.findall(r"`([\w.]+)`", cell)) for name, cell in rows}
    short = {w.removeprefix("notifyzen."): w for w in wings(real) if w.count(".") == 1}
    assert sorted(shown) == sorted(short), "a row for each package under notifyzen/"
    for name, package in short.items():
        line = {n.removeprefix("notifyzen.") for n in may_import(real, package)[0]}
        assert shown[name] == line, f"{name}/: the page says {sorted(shown[name])}, the line {sorted(line)}"
    rank = {name: i for i, layer in enumerate(LAYERS) for name in layer}
    order = [rank[name] for name, _ in rows]
    assert order == sorted(order), "rows in the order of LAYERS"


def test_the_tests_mirror_the_packages(real: Tree) -> None:
    """tests/<package>/ tests notifyzen/<package>/; tests/harness/ holds the real parts they share;
    at the top stay only the tests about the whole project."""
    tests = ROOT / "tests"
    folders = {p.name for p in tests.iterdir() if p.is_dir() and any(p.glob("test_*.py"))}
    packages = {w.removeprefix("notifyzen.") for w in wings(real) if w.count(".") == 1}
    assert sorted(folders - packages) == [], "a tests/ folder for each notifyzen package, named alike"
    assert not any((tests / "harness").glob("test_*.py")), "tests/harness/ holds no tests"
    assert all((tests / f / "__init__.py").is_file() for f in folders), "`from tests.x import` needs them"
    loose = sorted(p.name for p in tests.glob("test_*.py"))
    whole = ["test_code_style.py", "test_layout.py", "test_packaging.py", "test_readme_commands.py"]
    assert [n for n in loose if n not in whole] == [], "put it in tests/<package>/, beside what it tests"
