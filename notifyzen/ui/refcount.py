"""A guard against a PySide6 build that drops a reference to None on every void call.

Measured here (PySide6/shiboken6 6.12.0 on CPython 3.11): `QObject.setObjectName`,
`QTimer.setInterval`, `QStandardItem.setData` and every other call returning nothing lower
`sys.getrefcount(None)` by one. None starts near 5,000 references, so a process that builds a
few pop-ups and a digest aborts with "Fatal Python error: none_dealloc". CPython 3.12 made None
immortal (PEP 683), which is why the binding gets away with it there. Here the guard does the
same by hand: if the leak is seen, None's count is raised far beyond anything a process can
drop. Nothing happens on an interpreter or binding without the leak.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40  # ~10^12 void calls; a busy day makes well under 10^8


def none_leaks() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("")
    return sys.getrefcount(None) <= before - 16


def guard() -> bool:
    """Make None effectively immortal when the binding leaks it; True if that was needed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or not none_leaks():
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += HEADROOM
    return True
