"""Every D-Bus connection notifyzen opens either waits out a full socket or says why it need not
(issue 22): dbus-fast's own writer ends a connection on the first full socket buffer
(notifyzen/bus/patient.py), which a connection writing as fast as other clients make it will meet.

The code is read with `ast`: a `MessageBus(...)` made anywhere but in `patient.connect` must be
one of those listed here, each writing a call or two and no more, whoever else is busy.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "notifyzen"

WRITES_LITTLE = {
    "bus/observer.py": "the monitor: BecomeMonitor, then it only reads (a monitor may not send)",
    "bus/control.py": "the CLI: one call to the running app, then it disconnects",
    "context/idle.py": "the system bus: one AddMatch for logind's sleep signal",
    "dnd/plasma.py": "one Inhibit and one UnInhibit per focus window",
    "context/portal.py": "a monitor that only reads, and a few calls asking who shares the screen",
    "ui/no_tray.py": "one notice that no tray hosts the icon",
    "demo/clients.py": "the demo's scripted apps: a few calls each, paced by the demo clock",
}


def connections_made(tree: ast.AST) -> list[int]:
    """Lines that construct dbus-fast's MessageBus."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "MessageBus")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "MessageBus")
        )
    ]


def unlisted(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name == "bus/patient.py" or name in WRITES_LITTLE:
            continue
        found += [f"notifyzen/{name}:{line}" for line in connections_made(ast.parse(path.read_text()))]
    return found


def test_every_connection_is_patient_or_says_why_it_need_not_be() -> None:
    assert unlisted(ROOT) == [], "connect with notifyzen.bus.patient.connect, or list it here with why"


def test_every_connection_listed_still_exists() -> None:
    gone = [name for name in WRITES_LITTLE if not connections_made(ast.parse((ROOT / name).read_text()))]
    assert gone == [], "no longer connects here: take it off WRITES_LITTLE"


def test_a_new_connection_made_another_way_is_named(tmp_path: Path) -> None:
    (tmp_path / "bus").mkdir()
    (tmp_path / "bus" / "new.py").write_text(
        "from dbus_fast.aio import MessageBus\n\nasync def f():\n    return await MessageBus().connect()\n"
    )
    assert unlisted(tmp_path) == ["notifyzen/bus/new.py:4"]
