"""A real GNOME Shell 43, headless, on private buses: for tests that must see what GNOME itself does.

`gnome-shell --headless --virtual-monitor 1280x800 --wayland --no-x11` runs with software rendering
and no X server. It needs a system bus too (logind is looked up there), so two private dbus-daemons
are started: a system one and a session one whose only service directory holds symlinks to the
three services GNOME activates (the notification helper, dconf, the permission store). With the
stock session config a call to org.freedesktop.Notifications could activate an installed dunst,
mako or plasmashell instead. HOME and the XDG directories are thrown away afterwards, and every
process that was started on our session bus (bus-activated helpers included, found by
DBUS_SESSION_BUS_ADDRESS in /proc/PID/environ) is stopped. See /work/shared/facts/gnome-headless.md
and docs/gnome-facts.md.

What the shell shows is read back from its own screenshots: its D-Bus API says nothing about
banners. The shell only takes screenshots for a caller that owns org.gnome.Screenshot, so a small
gjs agent (one bus connection, driven line by line over stdin/stdout) owns that name; the same agent
also sends notifications (each agent is one sender, which matters: GNOME's helper keys notifications
by sender) and moves the pointer through org.gnome.Mutter.RemoteDesktop (a banner only gets its 4 s
timeout once there has been input).
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import queue
import shutil
import signal
import struct
import subprocess
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from notifyzen.devbus import stop_process

SCREEN = (1280, 800)
# The banner is a 500x76 box at x 390-889, y 36-112; a pixel near its right edge is its grey
# (63,63,63) whether or not the text is long. Desktop: blue (2,60,136); overview: (35,35,35).
BANNER_PIXEL = (870, 100)
BANNER_AREA = (390, 36, 500, 76)
BANNER_GREY = (63, 63, 63)
SCHEMA = "org.gnome.desktop.notifications"
SERVICES = (
    "org.gnome.Shell.Notifications.service",
    "ca.desrt.dconf.service",
    "org.freedesktop.impl.portal.PermissionStore.service",
)
SERVICE_DIRS = (Path("/usr/share/dbus-1/services"), Path("/usr/local/share/dbus-1/services"))

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>{kind}</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  {servicedir}
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
    <allow user="*"/>
  </policy>
</busconfig>
"""

# One bus connection, driven by JSON lines on stdin; answers and received signals are JSON lines
# on stdout. Ops: own (a name), notify, close, call (any method whose arguments JSON can spell),
# shot (ScreenshotArea / Screenshot), input (relative pointer motion through RemoteDesktop).
AGENT_JS = r"""
const { Gio, GLib } = imports.gi;
const bus = Gio.DBus.session;
const out = obj => print(JSON.stringify(obj));
const unpack = v => (v === null ? null : v.recursiveUnpack());

bus.signal_subscribe(null, 'org.freedesktop.Notifications', null, '/org/freedesktop/Notifications',
    null, Gio.DBusSignalFlags.NONE, (conn, sender, path, iface, name, params) => {
        out({ signal: name, sender, args: unpack(params) });
    });

function call(dest, path, iface, method, args, sig) {
    return new Promise((resolve, reject) => {
        bus.call(dest, path, iface, method, sig === null ? null : new GLib.Variant(sig, args), null,
            Gio.DBusCallFlags.NONE, 20000, null, (c, res) => {
                try {
                    resolve(unpack(c.call_finish(res)));
                } catch (e) {
                    reject(e);
                }
            });
    });
}

function own(name) {
    return new Promise((resolve, reject) => {
        Gio.bus_own_name_on_connection(bus, name, Gio.BusNameOwnerFlags.NONE,
            () => resolve(true), () => reject(new Error(`could not own ${name}`)));
    });
}

const sleep = ms => new Promise(r => GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => {
    r(); return GLib.SOURCE_REMOVE;
}));

const FDO = 'org.freedesktop.Notifications';
const N = [FDO, '/org/freedesktop/Notifications', FDO];
const S = ['org.gnome.Shell.Screenshot', '/org/gnome/Shell/Screenshot', 'org.gnome.Shell.Screenshot'];
const RD = 'org.gnome.Mutter.RemoteDesktop';

async function handle(req) {
    switch (req.op) {
    case 'hello':
        return bus.get_unique_name();
    case 'own':
        return await own(req.name);
    case 'notify': {
        const hints = {};
        for (const [k, v] of Object.entries(req.hints || {}))
            hints[k] = k === 'urgency' ? new GLib.Variant('y', v) : new GLib.Variant('s', String(v));
        const [id] = await call(...N, 'Notify', [req.app || 'gnome-test', req.replaces_id || 0, '',
            req.summary, req.body || '', [], hints, req.timeout ?? -1], '(susssasa{sv}i)');
        return id;
    }
    case 'close':
        return await call(...N, 'CloseNotification', [req.id], '(u)');
    case 'call':
        return await call(req.dest, req.path, req.iface, req.method, req.args, req.sig);
    case 'shot': {
        const res = req.area
            ? await call(...S, 'ScreenshotArea', [...req.area, false, req.path], '(iiiibs)')
            : await call(...S, 'Screenshot', [false, false, req.path], '(bbs)');
        if (!res[0])
            throw new Error(`screenshot failed: ${res}`);
        return res[1];
    }
    case 'input': {
        const [session] = await call(RD, '/org/gnome/Mutter/RemoteDesktop', RD, 'CreateSession', [], null);
        const s = [RD, session, `${RD}.Session`];
        await call(...s, 'Start', [], null);
        for (const [dx, dy] of req.moves) {
            await call(...s, 'NotifyPointerMotionRelative', [dx, dy], '(dd)');
            await sleep(20);
        }
        await call(...s, 'Stop', [], null);
        return true;
    }
    default:
        throw new Error(`unknown op ${req.op}`);
    }
}

const loop = new GLib.MainLoop(null, false);
const input = new Gio.DataInputStream({ base_stream: new Gio.UnixInputStream({ fd: 0 }) });
function next() {
    input.read_line_async(GLib.PRIORITY_DEFAULT, null, (s, res) => {
        const [line] = s.read_line_finish_utf8(res);
        if (line === null) {
            loop.quit();
            return;
        }
        const req = JSON.parse(line);
        handle(req).then(result => out({ seq: req.seq, result }),
            e => out({ seq: req.seq, error: e.message }));
        next();
    });
}
next();
loop.run();
"""


class DBusCallError(RuntimeError):
    """A call made by an agent came back as a D-Bus error (the message is GLib's)."""


@dataclass
class Signal:
    name: str
    sender: str
    args: list[Any]
    at: float


class Agent:
    """One gjs process = one connection to the private session bus (one sender, for GNOME)."""

    def __init__(self, env: dict[str, str], script: Path) -> None:
        self._proc = subprocess.Popen(
            ["gjs", str(script)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
            start_new_session=True,
        )
        self._seq = itertools.count(1)
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.signals: list[Signal] = []
        self.sent: list[int] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.unique_name: str = self.request("hello")

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if "signal" in msg:
                self.signals.append(Signal(msg["signal"], msg["sender"], msg["args"], time.monotonic()))
                continue
            with self._lock:
                box = self._answers.get(msg.get("seq"))
            if box is not None:
                box.put(msg)

    def request(self, op: str, timeout: float = 30, **params: Any) -> Any:
        seq = next(self._seq)
        box: queue.Queue[dict[str, Any]] = queue.Queue()
        with self._lock:
            self._answers[seq] = box
        assert self._proc.stdin is not None
        self._proc.stdin.write(json.dumps({"op": op, "seq": seq, **params}) + "\n")
        self._proc.stdin.flush()
        try:
            answer = box.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"gjs agent: no answer to {op} in {timeout} s") from None
        finally:
            with self._lock:
                del self._answers[seq]
        if "error" in answer:
            raise DBusCallError(answer["error"])
        return answer.get("result")

    def notify(
        self, summary: str, body: str = "", *, urgency: int = 1, replaces_id: int = 0, app: str = "gnome-test"
    ) -> int:
        """org.freedesktop.Notifications.Notify; urgency 0 low, 1 normal, 2 critical. Returns the id."""
        nid: int = self.request(
            "notify", summary=summary, body=body, app=app, replaces_id=replaces_id, hints={"urgency": urgency}
        )
        self.sent.append(nid)
        return nid

    def close(self, nid: int) -> None:
        self.request("close", id=nid)

    def closed_signals(self) -> list[tuple[int, int]]:
        return [(s.args[0], s.args[1]) for s in self.signals if s.name == "NotificationClosed"]

    def alive(self) -> bool:
        return self._proc.poll() is None

    def stop(self) -> None:
        """Close the connection (stdin EOF ends the main loop), or kill after 3 s."""
        if self._proc.poll() is None:
            with suppress(OSError):
                assert self._proc.stdin is not None
                self._proc.stdin.close()
            try:
                self._proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._proc.stdout is not None:
            with suppress(OSError):
                self._proc.stdout.close()


def png_pixels(data: bytes) -> tuple[int, int, list[list[tuple[int, int, int]]]]:
    """Decode an 8-bit RGB/RGBA non-interlaced PNG (what the shell writes): width, height, rows of RGB."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour})")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[list[tuple[int, int, int]]] = []
    prev = bytearray(stride)
    for y in range(height):
        kind_byte = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind_byte == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind_byte == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind_byte == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind_byte == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        rows.append([(line[x], line[x + 1], line[x + 2]) for x in range(0, stride, channels)])
        prev = line
    return width, height, rows


def _close_to(rgb: tuple[int, int, int], ref: tuple[int, int, int], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, ref, strict=True))


def wait_until(predicate: Callable[[], bool], timeout: float, interval: float = 0.1) -> float | None:
    """Seconds until predicate() held, or None if it did not within timeout."""
    start = time.monotonic()
    while True:
        if predicate():
            return time.monotonic() - start
        if time.monotonic() - start >= timeout:
            return None
        time.sleep(interval)


@dataclass
class Trace:
    """What dbus-monitor printed while the `trace()` block ran (filled in when the block ends)."""

    text: str = ""

    def messages(self) -> list[str]:
        """One entry per message (dbus-monitor's header line plus its argument lines)."""
        out: list[str] = []
        for line in self.text.splitlines():
            if line.startswith(("signal ", "method call ", "method return ", "error ")):
                out.append(line)
            elif out:
                out[-1] += "\n" + line
        return out

    def signals(self, member: str) -> list[str]:
        return [m for m in self.messages() if m.startswith("signal ") and f"member={member}" in m]


@dataclass
class GnomeDesktop:
    """A running headless GNOME Shell; `start()` brings it up, `stop()` removes every trace of it."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="nzgnome-")))
    env: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    shell: subprocess.Popen[bytes] | None = None
    _buses: list[subprocess.Popen[str]] = field(default_factory=list)
    _agents: list[Agent] = field(default_factory=list)
    _tool: Agent | None = None
    _shots: Iterator[int] = field(default_factory=itertools.count)

    # -- start and stop ---------------------------------------------------------------------

    def start(self) -> GnomeDesktop:
        t0 = time.monotonic()
        home, run = self.root / "home", self.root / "run"
        for d in (home, home / "config", home / "data", home / "cache", home / "state"):
            d.mkdir(parents=True, exist_ok=True)
        run.mkdir(mode=0o700)
        services = self.root / "services"
        services.mkdir()
        for name in SERVICES:
            for d in SERVICE_DIRS:
                if (d / name).exists():
                    (services / name).symlink_to(d / name)
                    break
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DBUS_", "XDG_", "DISPLAY", "WAYLAND", "GSETTINGS_", "QT_QPA"))
        }
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            XDG_STATE_HOME=str(home / "state"),
            XDG_RUNTIME_DIR=str(run),
            XDG_SESSION_TYPE="wayland",
            NO_AT_BRIDGE="1",
            QT_QPA_PLATFORM="offscreen",
        )
        # The buses get the throwaway environment too: what they activate (dconf-service, the
        # notification helper) inherits it, and must not write to the real HOME's dconf.
        env["DBUS_SYSTEM_BUS_ADDRESS"] = self._bus("system", run / "sysbus", "", env)
        env["DBUS_SESSION_BUS_ADDRESS"] = self._bus(
            "session", run / "bus", f"<servicedir>{services}</servicedir>", env
        )
        self.env = env
        (self.root / "agent.js").write_text(AGENT_JS)
        # Without GDM a fresh HOME gets a second start-up banner, "Screen Lock disabled", unless
        # this file exists (main.js, _handleLockScreenWarning).
        (home / "data" / "gnome-shell").mkdir(mode=0o700)
        (home / "data" / "gnome-shell" / "lock-warning-shown").touch()
        self.timings["buses"] = time.monotonic() - t0
        log = (self.root / "shell.log").open("wb")
        t_exec = time.monotonic()
        self.shell = subprocess.Popen(
            [
                "gnome-shell",
                "--headless",
                "--virtual-monitor",
                f"{SCREEN[0]}x{SCREEN[1]}",
                "--wayland",
                "--no-x11",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        for name in ("org.gnome.Shell", "org.gnome.Shell.Screenshot", "org.freedesktop.Notifications"):
            took = wait_until(functools.partial(self.has_owner, name), 30, 0.05)
            if took is None:
                raise RuntimeError(f"{name} not owned 30 s after starting gnome-shell:\n{self.log()[-3000:]}")
        self.timings["notifications_owned"] = time.monotonic() - t_exec
        self._tool = self.agent()
        self._tool.request("own", name="org.gnome.Screenshot")
        self.close_overview()
        self.timings["shell_ready"] = time.monotonic() - t_exec
        # As root the shell posts "Logged in as a privileged user" at start-up. Its banner counts
        # the user as idle, so it stays until input arrives and goes 2 s after that.
        if os.geteuid() == 0:
            wait_until(self.banner_visible, 5)
        # The pointer starts at (0, 0), the hot corner: move it to the middle once (that is input).
        self._tool.request("input", moves=[[SCREEN[0] // 2, SCREEN[1] // 2]])
        deadline = time.monotonic() + 20
        while self.banner_stays(True, 0.1) or not self.banner_stays(False, 1.0):
            if time.monotonic() > deadline:
                raise RuntimeError("a banner is still up 20 s after start-up")
            self.give_input()
            self.wait_banner(False, 4)
        self.timings["banner_free"] = time.monotonic() - t_exec
        self.timings["total"] = time.monotonic() - t0
        return self

    def _bus(self, kind: str, socket: Path, servicedir: str, env: dict[str, str]) -> str:
        config = self.root / f"{kind}.conf"
        config.write_text(BUS_CONFIG.format(kind=kind, socket=socket, servicedir=servicedir))
        proc = subprocess.Popen(
            ["dbus-daemon", "--nofork", "--print-address", f"--config-file={config}"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        self._buses.append(proc)
        assert proc.stdout is not None
        address = proc.stdout.readline().strip()
        if not address:
            raise RuntimeError(f"the private {kind} dbus-daemon did not start")
        return address

    def stop(self) -> None:
        for agent in self._agents:
            agent.stop()
        if self.shell is not None:
            stop_process(self.shell, timeout=10)
        address = self.env.get("DBUS_SESSION_BUS_ADDRESS")
        if address:
            _stop_all(_pids_on_bus(address))
        for bus in reversed(self._buses):
            stop_process(bus)
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        path = self.root / "shell.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # -- the bus ----------------------------------------------------------------------------

    def agent(self) -> Agent:
        """A new bus connection (a separate sender); stopped with the desktop if not before."""
        agent = Agent(self.env, self.root / "agent.js")
        self._agents.append(agent)
        return agent

    def gdbus(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["gdbus", *args], env=self.env, capture_output=True, text=True, timeout=20, check=check
        )

    def has_owner(self, name: str) -> bool:
        done = self.gdbus(
            "call", "--session", "--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
            "--method", "org.freedesktop.DBus.NameHasOwner", name, check=False,
        )  # fmt: skip
        return done.stdout.strip() == "(true,)"

    def owner(self, name: str) -> str:
        """The unique name owning `name` on the private session bus."""
        done = self.gdbus(
            "call", "--session", "--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
            "--method", "org.freedesktop.DBus.GetNameOwner", name,
        )  # fmt: skip
        return done.stdout.strip().strip("(),'")

    @contextmanager
    def trace(self, *rules: str) -> Iterator[Trace]:
        """dbus-monitor on the private session bus for the block (optional match rules)."""
        result = Trace()
        out = self.root / f"monitor-{next(self._shots)}.txt"
        with out.open("w") as sink:
            proc = subprocess.Popen(
                ["dbus-monitor", "--session", *rules],
                env=self.env,
                stdout=sink,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        try:
            # It becomes a monitor and prints the NameLost of its own unique name: then it sees all.
            if wait_until(lambda: "NameLost" in out.read_text(), 5, 0.02) is None:
                raise RuntimeError("dbus-monitor did not start")
            yield result
            time.sleep(0.2)
        finally:
            stop_process(proc)
            result.text = out.read_text()

    # -- what the shell shows and does ----------------------------------------------------

    def screenshot(self, path: Path | str, area: tuple[int, int, int, int] | None = None) -> Path:
        """Save a PNG of the whole screen (or of area x, y, width, height)."""
        assert self._tool is not None
        params: dict[str, Any] = {"path": str(Path(path).resolve())}
        if area is not None:
            params["area"] = list(area)
        return Path(self._tool.request("shot", **params))

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        shot = self.screenshot(self.root / f"px-{next(self._shots)}.png", (x, y, 1, 1))
        try:
            _, _, rows = png_pixels(shot.read_bytes())
        finally:
            shot.unlink(missing_ok=True)
        return rows[0][0]

    def area_pixels(self, area: tuple[int, int, int, int] = BANNER_AREA) -> list[list[tuple[int, int, int]]]:
        """The RGB rows of a part of the screen (by default where a banner is drawn)."""
        shot = self.screenshot(self.root / f"area-{next(self._shots)}.png", area)
        try:
            return png_pixels(shot.read_bytes())[2]
        finally:
            shot.unlink(missing_ok=True)

    def banner_visible(self) -> bool:
        """Whether a notification banner is on screen (its grey at BANNER_PIXEL)."""
        return _close_to(self.pixel(*BANNER_PIXEL), BANNER_GREY)

    def wait_banner(self, visible: bool = True, timeout: float = 5) -> float | None:
        """Seconds until the banner is (or is no longer) shown; None if not within timeout."""
        return wait_until(lambda: self.banner_visible() == visible, timeout, 0.05)

    def wait_other_banner(self, before: list[list[tuple[int, int, int]]], timeout: float) -> float | None:
        """Seconds until a banner other than `before` (the area_pixels() of one shown earlier) is
        up and still (two shots alike, so no frame of its slide); None if not within timeout.

        When a banner expires with another queued behind it, GNOME shows the next one the moment
        the first has slid away (messageTray.js, _hideNotification's onComplete runs _updateState):
        the screen is bare for about one hide and one show animation (2 x 200 ms), less than two
        screenshots take on a loaded machine. The next banner itself is what a user sees.
        """
        last: list[list[tuple[int, int, int]]] | None = None

        def settled_other() -> bool:
            nonlocal last
            if not self.banner_visible():
                last = None
                return False
            now = self.area_pixels()
            settled, last = now == last, now
            return settled and now != before

        return wait_until(settled_other, timeout, 0.05)

    def banner_stays(self, visible: bool, seconds: float) -> bool:
        """True if the banner state stays `visible` for the whole time (sampled every 0.1 s)."""
        return wait_until(lambda: self.banner_visible() != visible, seconds) is None

    def show_banners(self, on: bool) -> None:
        """gsettings set org.gnome.desktop.notifications show-banners (dconf, private bus)."""
        subprocess.run(
            ["gsettings", "set", SCHEMA, "show-banners", "true" if on else "false"],
            env=self.env,
            timeout=20,
            check=True,
        )

    def banners_on(self) -> bool:
        done = subprocess.run(
            ["gsettings", "get", SCHEMA, "show-banners"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        )
        return done.stdout.strip() == "true"

    def close_overview(self) -> None:
        """The shell starts in the overview; this leaves it (allowed without privileges)."""
        self.gdbus(
            "call", "--session", "--dest", "org.gnome.Shell", "--object-path", "/org/gnome/Shell",
            "--method", "org.freedesktop.DBus.Properties.Set", "org.gnome.Shell", "OverviewActive",
            "<false>",
        )  # fmt: skip

    def give_input(self) -> None:
        """A small pointer wiggle through org.gnome.Mutter.RemoteDesktop: the user is not idle.

        The pointer starts in the middle of the screen; it moves a few pixels and back, far from
        the hot corner and below the banner (a pointer over the banner keeps it up).
        """
        assert self._tool is not None
        self._tool.request("input", moves=[[10, 10], [-10, -10]])


def _pids_on_bus(address: str) -> list[int]:
    """Processes whose environment names our session bus: the shell's bus-activated helpers."""
    needle = f"DBUS_SESSION_BUS_ADDRESS={address}".encode()
    pids: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            pids.append(int(entry.name))
    return pids


def _stop_all(pids: list[int]) -> None:
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 5
    for pid in pids:
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.05)
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent, the bus, to reap it counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def missing_tools() -> list[str]:
    return [t for t in ("gnome-shell", "gjs", "dbus-daemon", "gdbus", "gsettings") if shutil.which(t) is None]


@contextmanager
def running_gnome() -> Iterator[GnomeDesktop]:
    """Start a GnomeDesktop, or skip the test (with the reason) when GNOME Shell is not installed."""
    missing = missing_tools()
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt install gnome-shell gjs dconf-service dconf-cli)")
    desktop = GnomeDesktop()
    try:
        desktop.start()
        yield desktop
    finally:
        desktop.stop()


@pytest.fixture(scope="module")
def gnome() -> Iterator[GnomeDesktop]:
    """A headless GNOME Shell for the whole test module (start-up takes about 5 s as root).

    Use it with `from tests.harness.gnome_desktop import gnome  # noqa: F401` or wrap `running_gnome()`.
    """
    with running_gnome() as desktop:
        yield desktop
