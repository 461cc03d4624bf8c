"""The decision core must stay plain Python: no Qt, no D-Bus, no database, no wall clock."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "notifyzen" / "core"
FORBIDDEN = ("PySide6", "dbus_fast", "sqlmodel", "sqlalchemy", "sqlite3", "apscheduler", "plyer")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_imports_nothing_from_outside_systems() -> None:
    offenders = {
        f"{path.name}: {name}"
        for path in CORE.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN
        or (name.startswith("notifyzen.") and not name.startswith("notifyzen.core"))
    }
    assert not offenders


def test_core_never_reads_the_wall_clock() -> None:
    calls = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in {
                "now",
                "utcnow",
                "today",
                "time",
                "monotonic",
            }:
                base = node.value
                if isinstance(base, ast.Name) and base.id in {"datetime", "date", "time"}:
                    calls.append(f"{path.name}:{node.lineno}")
    assert not calls


def test_importing_the_core_loads_no_outside_system() -> None:
    code = (
        "import sys, pkgutil, importlib, notifyzen.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'notifyzen.core.'): importlib.import_module(m.name)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(bad); raise SystemExit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
