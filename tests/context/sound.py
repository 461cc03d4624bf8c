"""A real PipeWire with its PulseAudio server, in a test's own runtime directory.

What a desktop runs for sound today (Debian 12, Fedora, Ubuntu): `pipewire` and `pipewire-pulse`.
No session manager is needed to see who records: a recording stream is a source output as soon as
it is made. `record(name)` starts parecord as a call app would record from the microphone.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

TOOLS = ("pipewire", "pipewire-pulse", "pactl", "parecord")


def missing() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


@contextmanager
def sound_server(env: Mapping[str, str]) -> Iterator[dict[str, str]]:
    """PipeWire + pipewire-pulse in env's XDG_RUNTIME_DIR; yields the env that reaches them."""
    out = {k: v for k, v in env.items() if not k.startswith(("PULSE_", "PIPEWIRE_"))}
    runtime = Path(out["XDG_RUNTIME_DIR"])
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    logs = runtime / "sound.log"
    procs = []
    try:
        for name in ("pipewire", "pipewire-pulse"):
            procs.append(subprocess.Popen([name], env=out, stdout=logs.open("ab"), stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 20
        while subprocess.run(["pactl", "info"], env=out, capture_output=True).returncode != 0:
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                raise RuntimeError(f"no sound server: {logs.read_text(errors='replace')[-1500:]}")
            time.sleep(0.1)
        subprocess.run(
            ["pactl", "load-module", "module-null-sink", "sink_name=mic", "media.class=Audio/Source/Virtual"],
            env=out, check=True, capture_output=True,
        )  # fmt: skip
        yield out
    finally:
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def record(env: Mapping[str, str], client: str | None = None) -> subprocess.Popen[bytes]:
    """A recording from the microphone, by an app calling itself `client` (parecord's own name if None)."""
    args = ["parecord", "--device=mic", "/dev/null"]
    if client is not None:
        args.insert(1, f"--client-name={client}")
    return subprocess.Popen(args, env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def recordings(env: Mapping[str, str]) -> int:
    done = subprocess.run(
        ["pactl", "list", "short", "source-outputs"], env=dict(env), capture_output=True, text=True
    )
    return len(done.stdout.splitlines())
