"""The real xdg-desktop-portal frontend on a test's private bus, with a backend of the test's choice.

`portal(env, backend="nztest")` starts tests/context/portal_backend.py behind it (it can share);
`backend="wlr"` uses the real xdg-desktop-portal-wlr on a real headless sway with PipeWire (it
creates sessions but refuses Start without a GPU). Yields the environment apps run in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tests.context.portal_backend import PORTAL_FILE

FRONTEND = "/usr/libexec/xdg-desktop-portal"
WLR = "/usr/libexec/xdg-desktop-portal-wlr"
ROOT = Path(__file__).resolve().parents[2]


def has_owner(env: Mapping[str, str], name: str) -> bool:
    done = subprocess.run(
        ["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus", "--object-path",
         "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.NameHasOwner", name],
        env=dict(env), capture_output=True, text=True, timeout=10,
    )  # fmt: skip
    return "true" in done.stdout


def wait_for_name(env: Mapping[str, str], name: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while not has_owner(env, name):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{name} did not come: {log.read_text(errors='replace')[-1500:]}")
        time.sleep(0.1)


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def portal(env: Mapping[str, str], backend: str = "nztest") -> Iterator[dict[str, str]]:
    work = Path(tempfile.mkdtemp(prefix="nzportal-"))
    out = dict(env)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        with ExitStack() as stack:
            portals = work / "portals"
            portals.mkdir()
            if backend == "nztest":
                (portals / "nztest.portal").write_text(PORTAL_FILE)
                out["XDG_CURRENT_DESKTOP"] = "nztest"
                log = work / "backend.log"
                backend_cmd = [sys.executable, "-m", "tests.context.portal_backend"]
                procs.append(
                    subprocess.Popen(
                        backend_cmd, env=out, cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT
                    )
                )
                wait_for_name(out, "org.freedesktop.impl.portal.desktop.nztest", procs[-1], log)
            else:
                from tests.harness.sway_desktop import sway_desktop

                shutil.copy("/usr/share/xdg-desktop-portal/portals/wlr.portal", portals)
                sway = stack.enter_context(sway_desktop(out))
                runtime = work / "run"
                runtime.mkdir(mode=0o700)
                out = {**sway.env, "XDG_RUNTIME_DIR": str(runtime)}
                procs.append(subprocess.Popen(["pipewire"], env=out, stdout=(work / "pw.log").open("wb"),
                                              stderr=subprocess.STDOUT))  # fmt: skip
                deadline = time.monotonic() + 10
                while not (runtime / "pipewire-0").exists() and time.monotonic() < deadline:
                    time.sleep(0.1)
                config = work / "xdpw.ini"
                config.write_text("[screencast]\nchooser_type=none\noutput_name=HEADLESS-1\n")
                log = work / "xdpw.log"
                procs.append(subprocess.Popen([WLR, "-r", "-l", "INFO", "-c", str(config)], env=out,
                                              stdout=log.open("wb"), stderr=subprocess.STDOUT))  # fmt: skip
                wait_for_name(out, "org.freedesktop.impl.portal.desktop.wlr", procs[-1], log)
            out["XDG_DESKTOP_PORTAL_DIR"] = str(portals)
            log = work / "frontend.log"
            frontend = [FRONTEND, "-r", "-v"]
            procs.append(subprocess.Popen(frontend, env=out, stdout=log.open("wb"), stderr=subprocess.STDOUT))
            wait_for_name(out, "org.freedesktop.portal.Desktop", procs[-1], log)
            out["NZ_PORTAL_WORK"] = str(work)
            try:
                yield out
            finally:
                for proc in reversed(procs):
                    stop(proc)
    finally:
        for proc in procs:
            stop(proc)
        shutil.rmtree(work, ignore_errors=True)


def backend_pid(env: Mapping[str, str]) -> int:
    """The stand-in backend's pid (to press its "Stop sharing")."""
    done = subprocess.run(
        ["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus", "--object-path",
         "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.GetConnectionUnixProcessID",
         "org.freedesktop.impl.portal.desktop.nztest"],
        env=dict(env), capture_output=True, text=True, timeout=10, check=True,
    )  # fmt: skip
    return int(done.stdout.strip().strip("(),").split()[-1].rstrip(","))


def frontend_ok() -> bool:
    return os.path.exists(FRONTEND)
