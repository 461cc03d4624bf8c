"""A long-running notifyzen makes millions of Qt calls; none of them may abort the process."""

from __future__ import annotations

import subprocess
import sys

CALLS = """
import sys
from PySide6.QtCore import QObject
{prelude}
probe = QObject()
for _ in range(50_000):
    probe.setObjectName("x")
print("alive")
"""


def test_fifty_thousand_void_calls_after_importing_the_ui_do_not_abort() -> None:
    code = CALLS.format(prelude="import notifyzen.ui")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "alive"
