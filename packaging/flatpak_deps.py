"""Write packaging/python3-deps.json, the Flatpak module with notifyzen's Python dependencies.

A Flatpak build has no network, so every wheel must be listed with its address and checksum. pip
itself resolves them (for the runtime's Python and both architectures) and reports where each wheel
lives; this turns that report into a flatpak-builder module. PySide6 is not in it: it comes from the
io.qt.PySide.BaseApp base app. The file is generated, not committed; run this before
flatpak-builder:

    python packaging/flatpak_deps.py
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PYTHON = "3.12"  # the Python of org.kde.Platform 6.8 (freedesktop SDK 24.08)
ARCHES = ("x86_64", "aarch64")
FROM_BASE_APP = {"pyside6"}
BUILD_ONLY = ["setuptools>=68"]


def requirements() -> list[str]:
    project = tomllib.loads((HERE.parent / "pyproject.toml").read_text())["project"]
    wanted = [r for r in project["dependencies"] if re.split(r"[<>=!~ ]", r)[0].lower() not in FROM_BASE_APP]
    return wanted + BUILD_ONLY


def resolve(arch: str, reqs: list[str]) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--dry-run",
                "--ignore-installed",
                "--report",
                str(report),
                "--only-binary=:all:",
                "--implementation",
                "cp",
                "--python-version",
                PYTHON,
                "--abi",
                f"cp{PYTHON.replace('.', '')}",
                "--platform",
                f"manylinux_2_28_{arch}",
                "--platform",
                f"manylinux_2_17_{arch}",
                "--platform",
                f"manylinux2014_{arch}",
                "--target",
                str(Path(tmp) / "t"),
                *reqs,
            ],
            check=True,
        )
        installs: list[dict[str, Any]] = json.loads(report.read_text())["install"]
        return installs


def module(reqs: list[str]) -> dict[str, Any]:
    by_url: dict[str, dict[str, Any]] = {}
    names: set[str] = set()
    for arch in ARCHES:
        for item in resolve(arch, reqs):
            info = item["download_info"]
            source = by_url.setdefault(
                info["url"],
                {
                    "type": "file",
                    "url": info["url"],
                    "sha256": info["archive_info"]["hashes"]["sha256"],
                    "arches": set(),
                },
            )
            source["arches"].add(arch)
            names.add(item["metadata"]["name"])
    sources = []
    for source in by_url.values():
        arches = sorted(source.pop("arches"))
        if arches != sorted(ARCHES):
            source["only-arches"] = arches
        sources.append(source)
    pip = 'pip3 install --exists-action=i --no-index --find-links="file://${PWD}" --prefix=${FLATPAK_DEST}'
    return {
        "name": "python3-deps",
        "buildsystem": "simple",
        "build-commands": [f"{pip} {' '.join(sorted(names))}"],
        "sources": sources,
    }


def main() -> int:
    out = HERE / "python3-deps.json"
    out.write_text(json.dumps(module(requirements()), indent=2) + "\n")
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
