"""README's two commands, as a newcomer types them (issue 18, item 8).

The run command is taken word for word from README.md and run in a fresh Debian 12 (bookworm)
and a fresh Ubuntu 24.04 (noble), each made with debootstrap: the system python3 that refuses
`pip install` (PEP 668), no pip, no venv module, no D-Bus daemon, no Qt libraries, a user with
sudo. Each base system is kept in /var/tmp/notifyzen-test-<suite> (about 280 MB) so a second run
skips the minutes of debootstrap; each run works on a fresh copy of it. A system whose mirror
cannot be reached from here is skipped, saying so (CI reaches Debian's; Ubuntu's may not be).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
USER = "anna"


@dataclass(frozen=True)
class System:
    """A distribution release as debootstrap makes it."""

    name: str
    suite: str
    mirror: str
    python: str  # its python3's version: where EXTERNALLY-MANAGED lies
    script: str | None = None  # debootstrap's script when it has none by the suite's name
    components: str = "main"

    @property
    def base(self) -> Path:
        return Path(f"/var/tmp/notifyzen-test-{self.suite}")


DEBIAN_12 = System("Debian 12", "bookworm", "http://deb.debian.org/debian", "3.11")
# Debian 12's debootstrap has no "noble" script: Ubuntu's releases all use the "gutsy" one. A
# stock Ubuntu enables all four components; python3-venv is in universe there.
UBUNTU_2404 = System(
    "Ubuntu 24.04",
    "noble",
    "http://archive.ubuntu.com/ubuntu",
    "3.12",
    "/usr/share/debootstrap/scripts/gutsy",
    "main,restricted,universe,multiverse",
)


def readme_commands() -> list[str]:
    """The indented command lines of README's "Two commands" section, in order."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ") and line.strip()]


def test_readme_gives_exactly_two_commands_and_ci_runs_the_second() -> None:
    run_it, test_it = readme_commands()
    assert run_it.endswith("notifyzen demo")
    assert "pip install" not in run_it.split("python3 -m venv", 1)[0], "pip outside a venv: PEP 668"
    assert test_it == ".ci/setup && python3 -m pytest"
    assert (ROOT / ".ci/run").read_text().strip().splitlines()[-1] == test_it


def _skip_unless_debootstrap_can_run(system: System) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root: debootstrap, chroot and mounts")
    for tool in ("debootstrap", "chroot", "unshare"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (apt-get install debootstrap)")
    try:
        urllib.request.urlopen(f"{system.mirror}/dists/{system.suite}/Release", timeout=15).close()
    except OSError as exc:
        pytest.skip(f"the {system.name} mirror {system.mirror} cannot be reached: {exc}")
    if system.script is not None and not Path(system.script).exists():
        pytest.skip(f"debootstrap has no script for {system.name} ({system.script})")


def _base_system(system: System) -> Path:
    """A minimal system with python3 and sudo: what a fresh install has of what matters here."""
    base = system.base
    if (base / "usr/bin/python3").exists() and (base / ".complete").exists():
        return base
    shutil.rmtree(base, ignore_errors=True)
    keyring = [] if system is DEBIAN_12 else ["--no-check-gpg"]  # Debian 12 has no Ubuntu keyring
    done = subprocess.run(
        [
            "debootstrap",
            "--variant=minbase",
            *keyring,
            f"--components={system.components}",
            "--include=python3,sudo,ca-certificates",
            system.suite,
            base,
            system.mirror,
            *([system.script] if system.script else []),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (base / ".complete").touch()
    return base


def _inside(root: Path, *argv: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Run argv in the chroot; /proc and /dev are mounted in a mount namespace of this call only,
    so nothing stays mounted on the host whatever happens."""
    mount_and_run = 'mount -t proc proc "$0/proc" && mount --rbind /dev "$0/dev" && exec chroot "$0" "$@"'
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", mount_and_run, root, *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"},
    )


def _as_user(root: Path, command: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return _inside(root, "su", "-", USER, "-c", f"cd notifyzen && {command}", timeout=timeout)


def _prepare(root: Path) -> None:
    """The machine's network as this host has it (name server, the CA its HTTPS goes through),
    a user with sudo as the Debian installer makes one, the checkout in their home."""
    shutil.copy("/etc/resolv.conf", root / "etc/resolv.conf")
    ca = Path("/etc/ssl/certs/ca-certificates.crt")
    if ca.exists():
        shutil.copy(ca, root / "etc/ssl/certs/ca-certificates.crt")
        (root / "etc/pip.conf").write_text(f"[global]\ncert = {ca}\n")
    with (root / "etc/hosts").open("a") as hosts:
        hosts.write(f"127.0.1.1 {os.uname().nodename}\n")
    assert _inside(root, "useradd", "-m", "-s", "/bin/bash", "-G", "sudo", USER).returncode == 0
    (root / "etc/sudoers.d" / USER).write_text(f"{USER} ALL=(ALL) NOPASSWD: ALL\n")
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    checkout = root / "home" / USER / "notifyzen"
    for name in filter(None, files):
        source = ROOT / os.fsdecode(name)
        if source.is_file():
            (checkout / os.fsdecode(name)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, checkout / os.fsdecode(name))
    assert _inside(root, "chown", "-R", f"{USER}:{USER}", f"/home/{USER}/notifyzen").returncode == 0
    # A Debian installed from media has package lists; debootstrap leaves none.
    update = _inside(root, "apt-get", "update", "-qq")
    assert update.returncode == 0, update.stderr


@pytest.mark.slow
@pytest.mark.parametrize("system", [DEBIAN_12, UBUNTU_2404], ids=lambda s: s.suite)
def test_readme_run_command_works_on_a_fresh_system(tmp_path: Path, system: System) -> None:
    _skip_unless_debootstrap_can_run(system)
    base = _base_system(system)
    root = tmp_path / system.suite
    subprocess.run(["cp", "-a", base, root], check=True)
    try:
        _prepare(root)
        _run_the_readme_command(root, system)
    finally:  # about 1 GB with the venv: not left for pytest's last three runs to keep
        shutil.rmtree(root, ignore_errors=True)


def _run_the_readme_command(root: Path, system: System) -> None:
    managed = root / f"usr/lib/python{system.python}/EXTERNALLY-MANAGED"
    assert managed.is_file(), f"not {system.name}'s own python3"

    old = _as_user(root, "python3 -m pip install .", timeout=120)
    assert old.returncode != 0, "the old README line was supposed to fail here"

    run_it = readme_commands()[0]
    done = _as_user(root, run_it)
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-4000:]
    assert "Today's digest" in done.stdout, out[-4000:]
    report = next(line for line in done.stdout.splitlines() if line.startswith("Weekly report"))
    assert (root / report.rsplit(": ", 1)[1].lstrip("/")).is_file(), report
