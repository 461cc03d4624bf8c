"""The code stays as the project promises: ruff clean and formatted, mypy clean (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def tool(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *argv], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize("argv", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff(argv: list[str]) -> None:
    done = tool("ruff", *argv, "notifyzen", "tests", "bench")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy(tmp_path: Path) -> None:
    done = tool("mypy", "--cache-dir", str(tmp_path / "mypy"), "notifyzen", "tests")
    assert done.returncode == 0, done.stdout + done.stderr
