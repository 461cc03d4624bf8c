"""Waiting for what a user would see, never for a fixed time: the desktop tests' one polling loop."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def until(check: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
    """check() every 50 ms until it is true, and return what it returned; fail, naming `what`
    (or the check), when `timeout` seconds pass first. The deadline only catches a hang: the
    normal path returns as soon as the condition holds."""
    deadline = time.monotonic() + timeout
    while not (value := check()):
        assert time.monotonic() < deadline, f"not within {timeout} s: {what or check}"
        time.sleep(0.05)
    return value
