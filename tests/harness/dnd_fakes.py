"""Stand-ins for desktops that cannot run here, and a way to run notifyzen as the user would.

- `FakeDaemon`: owns org.freedesktop.Notifications on the private bus and answers like the named
  desktop (GetServerInformation, Notify), optionally with Plasma's Inhibit/UnInhibit, tracking
  whether the inhibiting connection is still on the bus the way plasmashell does.
- `stub_cli`: an executable on PATH standing in for an outside CLI (swaync-client) that keeps its
  state in a file and logs every call; only for desktops that cannot run here (mako runs for real:
  tests/harness/mako.py).
- `started_notifyzen`: `python -m notifyzen run --mode observe` as a child process.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dbus_fast import Message, MessageType, Variant
from dbus_fast.aio import MessageBus

NAME = "org.freedesktop.Notifications"
REPO = Path(__file__).resolve().parents[2]


class FakeDaemon:
    """A notification daemon that says it is `server` (Plasma, gnome-shell, mako...)."""

    def __init__(self, server: str, vendor: str = "test", *, inhibit: bool = False) -> None:
        self.server, self.vendor, self.inhibit = server, vendor, inhibit
        self.inhibitions: dict[int, tuple[str, str]] = {}  # cookie -> (caller, reason)
        self.uninhibited: list[int] = []
        self.notified: list[tuple[str, dict[str, Any]]] = []  # summary, plain hints
        self._next = 1
        self.bus: MessageBus | None = None

    async def start(self, bus_address: str) -> FakeDaemon:
        self.bus = await MessageBus(bus_address=bus_address).connect()
        self.bus.add_message_handler(self._handle)
        await self.bus.call(
            Message(
                destination="org.freedesktop.DBus",
                path="/org/freedesktop/DBus",
                interface="org.freedesktop.DBus",
                member="AddMatch",
                signature="s",
                body=["type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged'"],
            )
        )
        await self.bus.request_name(NAME)
        return self

    def stop(self) -> None:
        if self.bus is not None:
            self.bus.disconnect()

    @contextmanager
    def running(self, bus_address: str) -> Iterator[FakeDaemon]:
        """Serve from a thread of its own, so a test can block on child processes meanwhile."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, daemon=True)
        thread.start()
        asyncio.run_coroutine_threadsafe(self.start(bus_address), loop).result(10)
        try:
            yield self
        finally:
            loop.call_soon_threadsafe(self.stop)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)

    @property
    def inhibited(self) -> bool:
        return bool(self.inhibitions)

    def _handle(self, msg: Message) -> Message | bool | None:
        if msg.message_type is MessageType.SIGNAL and msg.member == "NameOwnerChanged":
            name, _old, new = msg.body
            if not new:  # like plasmashell's QDBusServiceWatcher: the caller left, so does its inhibition
                for cookie in [c for c, (caller, _) in self.inhibitions.items() if caller == name]:
                    del self.inhibitions[cookie]
            return None
        if msg.message_type is not MessageType.METHOD_CALL:
            return None
        if msg.interface == NAME:
            return self._call(msg)
        if msg.interface == "org.freedesktop.DBus.Properties" and msg.member == "Get" and self.inhibit:
            return Message.new_method_return(msg, "v", [Variant("b", self.inhibited)])
        return None

    def _call(self, msg: Message) -> Message | None:
        member = msg.member
        if member == "GetServerInformation":
            return Message.new_method_return(msg, "ssss", [self.server, self.vendor, "1.0", "1.2"])
        if member == "GetCapabilities":
            return Message.new_method_return(msg, "as", [["body", "actions"]])
        if member == "Notify":
            self.notified.append((str(msg.body[3]), {k: v.value for k, v in msg.body[6].items()}))
            self._next += 1
            return Message.new_method_return(msg, "u", [self._next])
        if member == "CloseNotification":
            return Message.new_method_return(msg)
        if self.inhibit and member == "Inhibit" and msg.signature == "ssa{sv}":
            self._next += 1
            self.inhibitions[self._next] = (msg.sender or "", str(msg.body[1]))
            return Message.new_method_return(msg, "u", [self._next])
        if self.inhibit and member == "UnInhibit" and msg.signature == "u":
            self.uninhibited.append(int(msg.body[0]))
            self.inhibitions.pop(int(msg.body[0]), None)
            return Message.new_method_return(msg)
        return Message.new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod", str(member))


STUB = r'''#!{python}
"""Stand-in for {name}: state in {state}, every call appended to {log}."""
import json, os, sys
from pathlib import Path
state, log = Path({state!r}), Path({log!r})
with log.open("a") as f:
    f.write(" ".join(sys.argv[1:]) + "\n")
data = json.loads(state.read_text()) if state.exists() else {initial}
args = sys.argv[1:]
{body}
scratch = state.with_name(state.name + f".{{os.getpid()}}")  # whole or not at all: tests read it meanwhile
scratch.write_text(json.dumps(data))
os.replace(scratch, state)
'''

SWAYNC_CLIENT = """
if "--get-dnd" in args:
    print("true" if data["dnd"] else "false")
elif "--dnd-on" in args:
    data["dnd"] = True
elif "--dnd-off" in args:
    data["dnd"] = False
else:
    sys.exit("unsupported: " + " ".join(args))
"""


def stub_cli(bin_dir: Path, name: str, body: str, initial: dict[str, Any]) -> tuple[Path, Path]:
    """Write an executable `name` into bin_dir; returns (state file, call log)."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    state, log = bin_dir / f"{name}.state.json", bin_dir / f"{name}.log"
    state.write_text(json.dumps(initial))
    script = bin_dir / name
    script.write_text(
        STUB.format(
            python=sys.executable, name=name, state=str(state), log=str(log), initial=repr(initial), body=body
        )
    )
    script.chmod(0o755)
    return state, log


def wait_for_line(proc: subprocess.Popen[str], text: str, timeout: float = 20.0) -> list[str]:
    """Read the child's stdout (in a thread: a pipe read may block) until a line contains `text`."""
    assert proc.stdout is not None
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put("")

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if not line:
            break
        seen.append(line)
        if text in line:
            return seen
    raise TimeoutError(f"never printed {text!r}; got:\n{''.join(seen)[-3000:]}")


@contextmanager
def started_notifyzen(
    env: Mapping[str, str],
    *argv: str,
    module: str = "notifyzen",
    ready: str = "running in observe mode",
    focus: bool = True,
) -> Iterator[subprocess.Popen[str]]:
    """`python -m notifyzen run --mode observe` (or another module and arguments) as a child,
    once it printed `ready`; killed at the end if still alive. With `focus` (the app only), the
    user then starts "Focus" until ended, as from the tray: observe mode silences the desktop
    only inside focus, and these tests are about that silencing."""
    command = list(argv) or ["run", "--mode", "observe"]
    proc = subprocess.Popen(
        [sys.executable, "-m", module, *command],
        env=dict(env),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    try:
        wait_for_line(proc, ready)
        if focus and module == "notifyzen":
            start_focus(env)
            eventually(lambda: control_status(env).get("dnd") != "off")  # the desktop is quiet now
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)


def start_focus(env: Mapping[str, str], minutes: float = 0) -> None:
    """The tray's "Focus" through the control interface, with gdbus as any client would."""
    subprocess.run(
        [
            "gdbus", "call", "--session", "--dest", "io.github.notifyzen.Notifyzen",
            "--object-path", "/io/github/notifyzen/Notifyzen",
            "--method", "io.github.notifyzen.Notifyzen1.Focus", str(float(minutes)),
        ],
        env=dict(env), check=True, capture_output=True, timeout=20,
    )  # fmt: skip


def control_status(env: Mapping[str, str]) -> dict[str, Any]:
    """notifyzen's Status() as `notifyzen status --json` reads it."""
    out = subprocess.run(
        [sys.executable, "-m", "notifyzen", "status", "--json"],
        env=dict(env), cwd=REPO, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    try:
        return dict(json.loads(out.stdout))
    except ValueError:
        return {}


def kill_guard(pid: int) -> None:
    """Kill the guard notifyzen `pid` keeps beside it (notifyzen/dnd/undo.py: a child `sh` with a
    `cat`, in a session of their own), for tests of what happens when it cannot run either."""
    children = [
        c for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()
    ]
    [guard] = [int(c) for c in children if Path(f"/proc/{c}/comm").read_text().strip() == "sh"]
    os.killpg(guard, signal.SIGKILL)


def run_python_module(env: Mapping[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *argv], env=dict(env), cwd=REPO, capture_output=True, text=True, timeout=30
    )


def env_with_path(env: Mapping[str, str], bin_dir: Path) -> dict[str, str]:
    out = dict(env)
    out["PATH"] = f"{bin_dir}{os.pathsep}{out.get('PATH', '')}"
    return out


def eventually(check: Any, timeout: float = 10.0, interval: float = 0.05) -> None:
    """Wait until check() is true; fail (not hang) when it never becomes so."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {getattr(check, '__doc__', None) or check}")
        time.sleep(interval)


def terminate(proc: subprocess.Popen[str], sig: int = signal.SIGTERM, timeout: float = 15.0) -> int:
    """Send `sig` once and wait for the exit status. The app prints "running in ... mode" before
    it installs its SIGTERM handler and enters Qt's loop, and a SIGTERM before that is lost or
    fatal; the pause lets it get there (a second signal could hit Python's own shutdown, where
    the default action is back)."""
    time.sleep(1.0)
    proc.send_signal(sig)
    return proc.wait(timeout=timeout)
